//! dossier: a static-site generator for diplomacy briefings.
//!
//! The pipeline, one module per stage: [`config`] resolves options, [`content`] reads and
//! checks every file, [`site`] links them into one index, [`render`] fills the theme's
//! templates, and [`output`] writes the result and swaps it in atomically.

pub mod check;
pub mod config;
pub mod content;
pub mod date;
pub mod error;
pub mod frontmatter;
pub mod i18n;
pub mod import;
pub mod input;
pub mod links;
pub mod lint;
pub mod markdown;
pub mod names;
pub mod output;
pub mod outputs;
pub mod quick_hash;
pub mod render;
pub mod sanitise;
pub mod scaffold;
#[cfg(feature = "serve")]
pub mod serve;
pub mod site;
pub mod slug;
pub mod timings;

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
    /// Feeds, sitemap, search index, data and calendars; with warnings to print.
    pub outputs: outputs::Report,
    pub elapsed: Duration,
    /// Each stage in pipeline order: wall time and resident memory after it.
    pub phases: Vec<timings::Phase>,
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
            "Built {total} pages ({}), {} static files and {} feed, search, data and calendar files into {} in {} ms; search loads {} bytes first",
            kinds.join(", "),
            self.static_files,
            self.outputs.files,
            self.output.display(),
            self.elapsed.as_millis(),
            self.outputs.search_first_load
        )
    }
}

/// Builds the site described by `options`. On error the previous output is untouched.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let mut watch = timings::Stopwatch::new();
    let config = Config::load(options)?;
    let (tera, site) = load_timed(&config, &mut watch)?;
    let staging = output::Staging::begin(&config.output)?;
    // Feeds, data exports, calendars and the search index do not depend on the pages:
    // they are written beside them and fill the gaps in the pages' parallel work.
    let (rendered, outputs) = rayon::join(
        || render::render_site(&site, &config, &tera, &staging),
        || outputs::write_all(&site, &config, &tera, &staging),
    );
    watch.lap("render+write+outputs");
    // Links are checked with what rendering learned about the bodies: one Markdown
    // parse per body. A broken link fails the build before anything is swapped in.
    let mut learned = site.take_learned();
    let mut broken = links::check(&site, &mut learned.facts);
    drop_in_background(learned.facts);
    broken.extend(learned.problems);
    let written = match (rendered, broken.is_empty()) {
        (Ok(written), true) => written,
        (Err(Error::Content(mut problems)), _) => {
            problems.extend(broken);
            problems.sort();
            return Err(Error::Content(problems));
        }
        (Err(other), _) => return Err(other),
        (Ok(_), false) => return Err(Error::Content(broken)),
    };
    watch.lap("link check");
    let outputs = outputs?;
    let static_files = write_assets(&config, &site, &staging)?;
    drop_in_background(site);
    watch.lap("assets");
    staging.commit()?;
    watch.lap("swap");
    Ok(BuildReport {
        output: config.output.clone(),
        written,
        static_files,
        outputs,
        elapsed: started.elapsed(),
        phases: watch.phases,
    })
}

/// Frees `value` on a pool thread. Dropping the index of a large archive takes tens of
/// milliseconds on one core; nothing in the build waits for it, and a process that is
/// about to exit need not wait at all.
pub(crate) fn drop_in_background<T: Send + 'static>(value: T) {
    rayon::spawn(move || drop(value));
}

/// Everything a build checks before it writes: the templates, every content file, the
/// links between them. `serve` rebuilds through this too.
pub fn load(config: &Config) -> Result<(tera::Tera, site::Site)> {
    let (tera, site) = load_timed(config, &mut timings::Stopwatch::new())?;
    let broken = links::check(&site, &mut links::Facts::new());
    if !broken.is_empty() {
        return Err(Error::Content(broken));
    }
    Ok((tera, site))
}

/// Templates, content and the site index; links between bodies are not checked yet.
fn load_timed(config: &Config, watch: &mut timings::Stopwatch) -> Result<(tera::Tera, site::Site)> {
    let tera = render::templates::load(&config.templates_dir());
    watch.lap("config+templates");
    let content = content::load(config);
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
    let site = site::Site::new(content, config).map_err(Error::Content)?;
    watch.lap("index");
    Ok((tera, site))
}

/// Copies `static/` (or the built-in stylesheet and scripts) and the raw seed documents.
pub(crate) fn write_assets(
    config: &Config,
    site: &site::Site,
    staging: &output::Staging,
) -> Result<usize> {
    let mut count = staging.copy_tree(&config.static_dir(), "")?;
    for (name, text) in render::templates::DEFAULT_ASSETS {
        if !config.static_dir().join(name).is_file() {
            staging.write(name, text.as_bytes())?;
            count += 1;
        }
    }
    for seed in site.seeds.values() {
        let bytes = std::fs::read(&seed.path).map_err(|e| Error::io("read", &seed.path, e))?;
        // Through `write`: a static file at this path may be linked to the old site's.
        staging.write(&format!("seeds/files/{}", seed.name), &bytes)?;
        count += 1;
    }
    Ok(count)
}
