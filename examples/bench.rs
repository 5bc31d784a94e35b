//! The benchmark: builds synthetic archives of several sizes with the release binary
//! and prints wall time (median, min, max), user and system CPU time, peak memory,
//! pages and the bytes of the HTML pages, the files and bytes of the whole output, and
//! the per-stage breakdown of `build --timings`; then the
//! same for a build over the existing site (nothing changed, one briefing changed);
//! and each size's wall time against the next smaller one's. The clean builds go in
//! rounds, each building every size once, so a ratio pairs builds made within a minute;
//! with `--serve`, how long `dossier serve` takes to show an edited briefing.
//!
//! ```sh
//! cargo build --release --examples
//! target/release/examples/bench --sizes 1000,10000,100000 --runs 5 --serve
//! ```
//! `--dossier PATH` measures another binary; `--sizes ''` with `--serve` only serve;
//! `--serve-corpus DIR` edits a copy of that site instead of the generated 10,000;
//! `--keep` deletes nothing at the end (the outputs, the copy and the server's
//! temporary folder stay, to be deleted when nobody is measuring on the machine).
//! Run as root, the bench empties the page cache before each clean build and reads the
//! corpus and the binary back (`--keep-cache` leaves the cache alone).
//! Corpora are generated once into `target/bench/corpus-<n>` (by `gen_corpus`) and
//! reused. Each clean run builds into a folder that did not exist before, inside
//! `target/bench/trash-<pid>`, which is deleted only after all runs, because on
//! ext4 without a journal (these machines) files created shortly after many were
//! deleted are up to 10x slower to create (the inode allocator skips inodes freed in
//! the last 60-360 s), which would measure the deletion, not the build. Before each
//! run the bench waits for the file system to write back what earlier runs wrote.
//! Before and after the runs it prints a host reference (`bench/host.rs`): the host's
//! speed drifts within the hour.

#[path = "bench/host.rs"]
mod host;
#[path = "bench/serve.rs"]
mod serve;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// What one build of the binary took, as the kernel and `--timings` tell it.
struct Run {
    wall_ms: f64,
    user_ms: f64,
    sys_ms: f64,
    peak_mib: f64,
    pages: f64,
    /// Every `name value` pair of the `--timings` table, in order.
    figures: Vec<(String, f64)>,
}

/// Where the bench keeps its files, and the folder outputs are moved into.
struct Bench {
    dossier: PathBuf,
    generator: PathBuf,
    dir: PathBuf,
    trash: PathBuf,
    moved: usize,
    /// Empty the page cache before each clean build (`--keep-cache` or not root: no).
    empty_cache: bool,
}

fn main() {
    let mut sizes = vec![1_000usize, 10_000];
    let mut runs = 5usize;
    let mut serve = false;
    // Another build of the binary to measure (say, main's, for a before/after figure).
    let mut dossier = None;
    let mut serve_corpus = None;
    let mut keep = false;
    let mut keep_cache = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--sizes" => {
                sizes = args
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|s| s.trim().parse().ok())
                    .collect()
            }
            "--runs" => {
                runs = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(runs)
                    .max(1)
            }
            "--serve" => serve = true,
            "--dossier" => dossier = args.next().map(PathBuf::from),
            "--serve-corpus" => serve_corpus = args.next().map(PathBuf::from),
            "--keep" => keep = true,
            "--keep-cache" => keep_cache = true,
            // Run apart, in a child: memory touched in the bench itself would show as
            // the builds' peak (a child's maximum resident set starts at its parent's).
            "--host-reference" => {
                let scratch = args.next().map(PathBuf::from).unwrap_or_default();
                println!("{}", host::reference(&scratch));
                return;
            }
            other => {
                eprintln!(
                    "unknown argument {other}; use --sizes 1000,10000 --runs 5 [--serve] \
                     [--serve-corpus DIR] [--dossier PATH] [--keep] [--keep-cache]"
                );
                std::process::exit(2);
            }
        }
    }
    let target =
        PathBuf::from(std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into()));
    let dir = target.join("bench");
    let mut bench = Bench {
        dossier: dossier.unwrap_or_else(|| target.join("release").join("dossier")),
        generator: target.join("release").join("examples").join("gen_corpus"),
        trash: dir.join(format!("trash-{}", std::process::id())),
        dir,
        moved: 0,
        empty_cache: !keep_cache && may_empty_page_cache(),
    };
    for tool in [&bench.dossier, &bench.generator] {
        if !tool.is_file() {
            eprintln!(
                "{} is missing: run `cargo build --release --examples` first",
                tool.display()
            );
            std::process::exit(2);
        }
    }
    if let Err(e) = std::fs::create_dir_all(&bench.trash) {
        eprintln!("cannot create {}: {e}", bench.trash.display());
        std::process::exit(1);
    }
    println!("dossier benchmark: {runs} runs per figure (median, min-max)");
    println!(
        "  Each run builds into a new folder under {}; all are deleted only after all runs:",
        bench.trash.display()
    );
    println!(
        "  on ext4 without a journal, creating files within 60-360 s of deleting many is up to"
    );
    println!(
        "  10x slower, which a build right after an `rm -rf` of the last output would measure."
    );
    if bench.empty_cache {
        println!("  The page cache is emptied and the corpus read back before each clean build.");
    } else {
        println!(
            "  The page cache is kept between runs (--keep-cache, or not allowed to empty it)."
        );
    }
    println!("  before: {}", host_reference(&bench.trash));
    let corpora: Vec<(usize, PathBuf)> = sizes
        .iter()
        .filter_map(|&size| Some((size, bench.corpus(size, runs)?)))
        .collect();
    let clean = bench.clean_rounds(&corpora, runs);
    for ((size, corpus), (runs_of_size, last)) in corpora.iter().zip(&clean) {
        report(
            &format!("{size} briefings: clean build into a fresh folder"),
            runs_of_size,
            true,
        );
        if let Some(site) = last {
            bench.repeat_over(*size, corpus, site, runs);
        }
    }
    compare_sizes(&corpora, &clean);
    if serve {
        let size = 10_000;
        let corpus = serve_corpus.or_else(|| bench.corpus(size, 1));
        if let Some(corpus) = corpus {
            let copy = bench.dir.join(format!("serve-{}", std::process::id()));
            match serve::measure(&bench.dossier, &corpus, &copy, runs, keep) {
                Ok(report) => println!("\n{report}"),
                Err(e) => println!("\n== serve: not measured: {e}"),
            }
            bench.discard(&copy);
        }
    }
    println!("\n  after: {}", host_reference(&bench.trash));
    if keep {
        println!(
            "\nKept {} moved output folder(s) in {}: delete them when nobody measures.",
            bench.moved,
            bench.trash.display()
        );
        return;
    }
    println!(
        "\nDeleting {} moved output folder(s) in {} now that all runs are done.",
        bench.moved,
        bench.trash.display()
    );
    let _ = std::fs::remove_dir_all(&bench.trash);
}

/// [`host::reference`], measured by a child process of this program.
fn host_reference(scratch: &Path) -> String {
    let output = std::env::current_exe().and_then(|me| {
        Command::new(me)
            .arg("--host-reference")
            .arg(scratch)
            .stderr(Stdio::inherit())
            .output()
    });
    match output {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).trim().to_string(),
        Ok(out) => format!("host reference: not measured ({})", out.status),
        Err(e) => format!("host reference: not measured ({e})"),
    }
}

impl Bench {
    /// The corpus of `size` briefings, generated if missing (after checking the disk).
    fn corpus(&self, size: usize, runs: usize) -> Option<PathBuf> {
        let corpus = self.dir.join(format!("corpus-{size}"));
        if corpus.join("site.yaml").is_file() {
            return Some(corpus);
        }
        // About 12 KB of Markdown and 36 KB of output per briefing, one output per run
        // kept until the end (rebuilds link most of their files: counted as one).
        let needed = size as u64 * (12_000 + 36_000 * (runs as u64 + 2));
        if let Some(free) = free_bytes(&self.dir) {
            if free < needed + (1 << 30) {
                println!(
                    "\n== {size} briefings: skipped: about {:.1} GB needed, {:.1} GB free on {}",
                    needed as f64 / 1e9,
                    free as f64 / 1e9,
                    self.dir.display()
                );
                return None;
            }
        }
        let started = Instant::now();
        let status = Command::new(&self.generator)
            .args(["--briefings", &size.to_string(), "--out"])
            .arg(&corpus)
            .stdout(Stdio::null())
            .status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("could not generate {}", corpus.display());
            return None;
        }
        println!(
            "\n(generated {} in {:.1} s)",
            corpus.display(),
            started.elapsed().as_secs_f64()
        );
        Some(corpus)
    }

    /// Clean builds into fresh folders, the sizes taken in turn in each round, so that
    /// the host's drift (one binary's 10,000 build took 1.39 to 2.1 s within an hour)
    /// falls on every size alike and their ratio compares like with like. Per size:
    /// the runs, and the last output.
    fn clean_rounds(
        &mut self,
        corpora: &[(usize, PathBuf)],
        runs: usize,
    ) -> Vec<(Vec<Run>, Option<PathBuf>)> {
        let mut clean: Vec<(Vec<Run>, Option<PathBuf>)> =
            corpora.iter().map(|_| (Vec::new(), None)).collect();
        for i in 0..runs {
            for ((size, corpus), (done, last)) in corpora.iter().zip(clean.iter_mut()) {
                let output = self.trash.join(format!("corpus-{size}-clean-{i}"));
                // A failed run is left out (and no ratio is printed for its size).
                done.extend(build(&self.dossier, corpus, &output, self.empty_cache));
                if last.replace(output).is_some() {
                    self.moved += 1;
                }
            }
        }
        clean
    }

    /// Builds over the existing site `site`: unchanged, and with one briefing edited
    /// (back and forth, so each run changes it).
    fn repeat_over(&mut self, size: usize, corpus: &Path, site: &Path, runs: usize) {
        let (files, bytes) = folder_size(site);
        println!(
            "  all output         {files} files, {:.1} MiB (pages, feeds, data, calendars, \
             search, assets)",
            bytes as f64 / 1_048_576.0
        );
        let unchanged: Vec<Run> = (0..runs)
            .filter_map(|_| build(&self.dossier, corpus, site, false))
            .collect();
        report(
            &format!("{size} briefings: build over the existing site, nothing changed"),
            &unchanged,
            false,
        );
        let Some(edited) = first_briefing(corpus) else {
            return;
        };
        let Ok(original) = std::fs::read_to_string(&edited) else {
            return;
        };
        let mut one_changed = Vec::new();
        for i in 0..runs {
            let text = if i % 2 == 0 {
                format!("{original}\nBench edit {i}.\n")
            } else {
                original.clone()
            };
            if std::fs::write(&edited, text).is_err() {
                break;
            }
            one_changed.extend(build(&self.dossier, corpus, site, false));
        }
        let _ = std::fs::write(&edited, &original);
        report(
            &format!("{size} briefings: build over the existing site, one briefing changed"),
            &one_changed,
            false,
        );
        self.moved += 1;
    }

    /// Moves a folder into the trash (deleted after all runs).
    fn discard(&mut self, folder: &Path) {
        let to = self.trash.join(format!("discarded-{}", self.moved));
        if std::fs::rename(folder, &to).is_ok() {
            self.moved += 1;
        }
    }
}

/// Files and bytes under `folder`: all of a build's output, where `page bytes` counts the
/// HTML pages only.
fn folder_size(folder: &Path) -> (usize, u64) {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .fold((0, 0), |(files, bytes), entry| {
            (files + 1, bytes + entry.metadata().map_or(0, |m| m.len()))
        })
}

/// The first briefing file of a corpus, by name.
pub fn first_briefing(corpus: &Path) -> Option<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus.join("content").join("briefings"))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files.into_iter().next()
}

/// Free bytes on the file system holding `dir` (or its nearest existing parent).
fn free_bytes(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let existing = dir.ancestors().find(|p| p.exists())?;
    let path = std::ffi::CString::new(existing.as_os_str().as_bytes()).ok()?;
    let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: `path` is a valid C string and `stat` a writable statvfs.
    if unsafe { libc::statvfs(path.as_ptr(), &mut stat) } != 0 {
        return None;
    }
    Some(stat.f_bavail as u64 * stat.f_frsize as u64)
}

/// Runs `dossier build --timings` into `output`, measuring wall time and the child's
/// own CPU time and peak memory (from `wait4`).
fn build(dossier: &Path, corpus: &Path, output: &Path, empty_cache: bool) -> Option<Run> {
    // The previous run's pages (hundreds of MiB) would otherwise be written back to
    // disk during this one, which then measures that run's writes as well as its own.
    let _ = Command::new("sync").status();
    if empty_cache {
        empty_page_cache(&[corpus, dossier]);
    }
    let started = Instant::now();
    let mut child = Command::new(dossier)
        .args(["build", "--timings", "--root"])
        .arg(corpus)
        .arg("--output")
        .arg(output)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let mut stderr = child.stderr.take()?;
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let mut stdout = String::new();
    child.stdout.take()?.read_to_string(&mut stdout).ok()?;
    let (status, usage) = wait4(child.id())?;
    let wall_ms = started.elapsed().as_secs_f64() * 1000.0;
    let errors = errors.join().unwrap_or_default();
    if !status {
        eprintln!("build failed: {errors}");
        return None;
    }
    let pages = stdout
        .split_whitespace()
        .skip_while(|w| *w != "Built")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(f64::NAN);
    let figures = stdout
        .lines()
        .skip(1)
        .filter_map(|line| {
            let (name, rest) = line.trim().split_once("  ")?;
            let number = rest.split_whitespace().next()?.parse().ok()?;
            Some((name.trim().to_string(), number))
        })
        .collect();
    let ms = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
    Some(Run {
        wall_ms,
        user_ms: ms(usage.ru_utime),
        sys_ms: ms(usage.ru_stime),
        peak_mib: usage.ru_maxrss as f64 / 1024.0,
        pages,
        figures,
    })
}

/// Whether this process may empty the page cache (root may).
fn may_empty_page_cache() -> bool {
    std::fs::OpenOptions::new()
        .write(true)
        .open(DROP_CACHES)
        .is_ok()
}

const DROP_CACHES: &str = "/proc/sys/vm/drop_caches";

/// Empties the page cache, then reads `paths` (the corpus, the binary) back into it, as
/// an editor's machine holds the files just written and the program just run. On these
/// machines the kernel's part of a build grows with the page cache: at 10,000
/// briefings, with ~15 GB cached from earlier runs, a build spent 2.2 s in the kernel;
/// right after emptying the cache, 0.8 s (session 7). Each clean run starts from the
/// same state instead of from what earlier runs left.
fn empty_page_cache(paths: &[&Path]) {
    if std::fs::write(DROP_CACHES, "3").is_err() {
        return;
    }
    let mut sink = Vec::new();
    let entries = paths.iter().flat_map(|path| {
        walkdir::WalkDir::new(path)
            .into_iter()
            .filter_map(Result::ok)
    });
    for entry in entries {
        if entry.file_type().is_file()
            && let Ok(mut file) = std::fs::File::open(entry.path())
        {
            sink.clear();
            let _ = file.read_to_end(&mut sink);
        }
    }
}

/// Waits for the child `pid`: whether it succeeded, and its resource usage.
fn wait4(pid: u32) -> Option<(bool, libc::rusage)> {
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child, not yet waited for; both pointers are writable.
    let waited = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    (waited == pid as libc::pid_t).then(|| {
        (
            libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
            usage,
        )
    })
}

/// Median, min and max.
fn spread(mut values: Vec<f64>) -> (f64, f64, f64) {
    values.sort_by(f64::total_cmp);
    let median = values.get(values.len() / 2).copied().unwrap_or(f64::NAN);
    let min = values.first().copied().unwrap_or(f64::NAN);
    let max = values.last().copied().unwrap_or(f64::NAN);
    (median, min, max)
}

/// Wall time of each size against the next smaller one: the median of the rounds'
/// ratios (each round built both, one after the other) and the ratio of the medians.
fn compare_sizes(corpora: &[(usize, PathBuf)], clean: &[(Vec<Run>, Option<PathBuf>)]) {
    for large in 1..corpora.len() {
        let small = large - 1;
        let (a, b) = (&clean[small].0, &clean[large].0);
        if a.is_empty() || a.len() != b.len() {
            continue;
        }
        let rounds: Vec<f64> = a
            .iter()
            .zip(b)
            .map(|(a, b)| b.wall_ms / a.wall_ms)
            .collect();
        let listed: Vec<String> = rounds.iter().map(|r| format!("{r:.2}")).collect();
        let (median, _, _) = spread(rounds);
        let of_medians = spread(b.iter().map(|r| r.wall_ms).collect()).0
            / spread(a.iter().map(|r| r.wall_ms).collect()).0;
        println!(
            "\n== {} vs {} briefings: wall time {median:.2}x (median of the rounds: {}); \
             ratio of the medians {of_medians:.2}x",
            corpora[large].0,
            corpora[small].0,
            listed.join(", ")
        );
    }
}

fn report(title: &str, runs: &[Run], stages: bool) {
    println!("\n== {title}");
    let Some(first) = runs.first() else {
        println!("  no successful run");
        return;
    };
    let line = |name: &str, values: Vec<f64>, unit: &str| {
        let (median, min, max) = spread(values);
        println!("  {name:<18} {median:>8.0} {unit:<4} ({min:.0}-{max:.0})");
    };
    let figure = |name: &str| -> Vec<f64> {
        runs.iter()
            .filter_map(|r| r.figures.iter().find(|(n, _)| n == name).map(|f| f.1))
            .collect()
    };
    line("wall time", runs.iter().map(|r| r.wall_ms).collect(), "ms");
    line("user CPU", runs.iter().map(|r| r.user_ms).collect(), "ms");
    line("system CPU", runs.iter().map(|r| r.sys_ms).collect(), "ms");
    line(
        "peak memory",
        runs.iter().map(|r| r.peak_mib).collect(),
        "MiB",
    );
    line("pages", runs.iter().map(|r| r.pages).collect(), "");
    let (bytes, _, _) = spread(figure("page bytes"));
    println!("  page bytes         {bytes:>8.1} MiB (the HTML pages, linked or written)");
    if !stages {
        return;
    }
    println!("  stages (median ms):");
    for (name, _) in &first.figures {
        let skip = ["cpu (user+sys)", "peak memory", "page bytes", "total"];
        if skip.contains(&name.as_str()) {
            continue;
        }
        let (median, _, _) = spread(figure(name));
        println!("    {name:<16} {median:>8.1}");
    }
}
