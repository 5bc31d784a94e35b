//! dossier: a static-site generator for diplomacy briefings.
//!
//! The pipeline, one module per stage: [`config`] resolves options, [`content`] reads and
//! checks every file, [`site`] links them into one index, [`render`] fills the theme's
//! templates, and [`output`] writes the result and swaps it in atomically.

pub mod config;
pub mod content;
pub mod date;
pub mod error;
pub mod frontmatter;
pub mod i18n;
pub mod markdown;
pub mod output;
pub mod render;
pub mod site;
pub mod slug;

use std::path::PathBuf;
use std::time::{Duration, Instant};

pub use config::{BuildOptions, Config};
pub use error::{Diagnostic, Error, Result};

/// What a finished build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub output: PathBuf,
    pub written: render::Written,
    pub static_files: usize,
    pub elapsed: Duration,
    /// Wall time of each stage, in pipeline order.
    pub phases: Vec<(&'static str, Duration)>,
}

impl BuildReport {
    /// One line for the terminal: pages per kind, and time taken.
    pub fn summary(&self) -> String {
        let total: usize = self.written.pages.values().sum();
        let kinds: Vec<String> = self
            .written
            .pages
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect();
        format!(
            "Built {total} pages ({}) and {} static files into {} in {} ms",
            kinds.join(", "),
            self.static_files,
            self.output.display(),
            self.elapsed.as_millis()
        )
    }
}

/// Measures the stages of a build.
struct Stopwatch {
    last: Instant,
    phases: Vec<(&'static str, Duration)>,
}

impl Stopwatch {
    fn new() -> Self {
        Stopwatch {
            last: Instant::now(),
            phases: Vec::new(),
        }
    }

    fn lap(&mut self, phase: &'static str) {
        let now = Instant::now();
        self.phases.push((phase, now - self.last));
        self.last = now;
    }
}

/// Per-stage timings, CPU time and peak memory, for `build --timings` and the benchmark.
impl BuildReport {
    pub fn timings(&self) -> String {
        let mut out = String::new();
        for (phase, took) in &self.phases {
            out.push_str(&format!(
                "  {phase:<18} {:>8.1} ms\n",
                took.as_secs_f64() * 1000.0
            ));
        }
        let (cpu, peak) = process_usage();
        out.push_str(&format!(
            "  {:<18} {:>8.1} ms\n",
            "total",
            self.elapsed.as_secs_f64() * 1000.0
        ));
        if let Some(cpu) = cpu {
            out.push_str(&format!(
                "  {:<18} {:>8.1} ms\n",
                "cpu (user+sys)",
                cpu * 1000.0
            ));
        }
        if let Some(peak) = peak {
            out.push_str(&format!(
                "  {:<18} {:>8.1} MiB\n",
                "peak memory",
                peak as f64 / 1024.0
            ));
        }
        out.push_str(&format!(
            "  {:<18} {:>8.1} MiB\n",
            "bytes written",
            self.written.bytes as f64 / 1048576.0
        ));
        out
    }
}

/// CPU seconds and peak resident KiB of this process, where the platform tells (Linux /proc).
fn process_usage() -> (Option<f64>, Option<u64>) {
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        });
    // Fields 14 and 15 of /proc/self/stat are user and system time in clock ticks (100 Hz on Linux).
    let cpu = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let after = s.rsplit_once(')')?.1;
            let fields: Vec<&str> = after.split_whitespace().collect();
            let ticks: f64 =
                fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        });
    (cpu, peak)
}

/// Builds the site described by `options`. On error the previous output is untouched.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let mut watch = Stopwatch::new();
    let config = Config::load(options)?;
    let tera = render::templates::load(&config.templates_dir());
    watch.lap("config+templates");
    let content = content::load(&config);
    watch.lap("load+parse");
    let (tera, content) = match (tera, content) {
        (Ok(t), Ok(c)) => (t, c),
        (t, c) => {
            let mut problems = t.err().unwrap_or_default();
            problems.extend(c.err().unwrap_or_default());
            // Files were checked in parallel; report them in a stable, readable order.
            problems.sort();
            return Err(Error::Content(problems));
        }
    };
    let site = site::Site::new(content, &config).map_err(Error::Content)?;
    watch.lap("index");
    let staging = output::Staging::begin(&config.output)?;
    let written = render::render_site(&site, &config, &tera, &staging)?;
    watch.lap("render+write");
    let static_files = write_assets(&config, &site, &staging)?;
    watch.lap("assets");
    staging.commit()?;
    watch.lap("swap");
    Ok(BuildReport {
        output: config.output.clone(),
        written,
        static_files,
        elapsed: started.elapsed(),
        phases: watch.phases,
    })
}

/// Copies `static/` (or the built-in stylesheet) and the raw seed documents.
fn write_assets(config: &Config, site: &site::Site, staging: &output::Staging) -> Result<usize> {
    let mut count = staging.copy_tree(&config.static_dir(), "")?;
    if !config.static_dir().join("style.css").is_file() {
        staging.write(
            "style.css",
            render::templates::DEFAULT_STYLESHEET.as_bytes(),
        )?;
        count += 1;
    }
    for seed in site.seeds.values() {
        let bytes = std::fs::read(&seed.path).map_err(|e| Error::io("read", &seed.path, e))?;
        let url = render::view::url::seed_file(&seed.name);
        let path = staging.dir().join("seeds").join("files").join(&seed.name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io("create folder", parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io("write", &url, e))?;
        count += 1;
    }
    Ok(count)
}
