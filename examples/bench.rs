//! The benchmark: builds synthetic archives of several sizes with the release binary
//! and prints median wall time, CPU time, peak memory, pages and bytes written, and
//! the per-stage breakdown of `build --timings`.
//!
//! ```sh
//! cargo build --release --examples
//! cargo run --release --example bench -- --sizes 1000,10000,100000 --runs 5
//! ```
//! Corpora are generated once into `target/bench/corpus-<n>` (by `gen_corpus`) and
//! reused; each run builds into a fresh output folder, removed afterwards.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

struct Run {
    wall_ms: f64,
    /// Every `name value` pair of the `--timings` table, in order.
    figures: Vec<(String, f64)>,
    summary: String,
}

fn main() {
    let mut sizes = vec![1_000usize, 10_000];
    let mut runs = 5usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().unwrap_or_default();
        match arg.as_str() {
            "--sizes" => {
                sizes = value
                    .split(',')
                    .filter_map(|s| s.trim().parse().ok())
                    .collect()
            }
            "--runs" => runs = value.parse().unwrap_or(runs).max(1),
            other => {
                eprintln!("unknown argument {other}; use --sizes 1000,10000 --runs 5");
                std::process::exit(2);
            }
        }
    }
    let target =
        PathBuf::from(std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into()));
    let dossier = target.join("release").join("dossier");
    let generator = target.join("release").join("examples").join("gen_corpus");
    for tool in [&dossier, &generator] {
        if !tool.is_file() {
            eprintln!(
                "{} is missing: run `cargo build --release --examples` first",
                tool.display()
            );
            std::process::exit(2);
        }
    }
    println!("dossier benchmark: median of {runs} runs, full build into a fresh output folder");
    for size in sizes {
        let corpus = target.join("bench").join(format!("corpus-{size}"));
        if !corpus.join("site.yaml").is_file() {
            let status = Command::new(&generator)
                .args(["--briefings", &size.to_string(), "--out"])
                .arg(&corpus)
                .status();
            if !status.is_ok_and(|s| s.success()) {
                eprintln!("could not generate {}", corpus.display());
                std::process::exit(1);
            }
        }
        let results: Vec<Run> = (0..runs)
            .filter_map(|i| build(&dossier, &corpus, i))
            .collect();
        report(size, &results);
    }
}

fn build(dossier: &Path, corpus: &Path, i: usize) -> Option<Run> {
    let output =
        corpus.with_file_name(format!("out-{}-{i}", corpus.file_name()?.to_string_lossy()));
    let _ = std::fs::remove_dir_all(&output);
    let started = Instant::now();
    let result = Command::new(dossier)
        .args(["build", "--timings", "--root"])
        .arg(corpus)
        .arg("--output")
        .arg(&output)
        .output()
        .ok()?;
    let wall_ms = started.elapsed().as_secs_f64() * 1000.0;
    let _ = std::fs::remove_dir_all(&output);
    if !result.status.success() {
        eprintln!("build failed: {}", String::from_utf8_lossy(&result.stderr));
        return None;
    }
    let stdout = String::from_utf8_lossy(&result.stdout);
    let summary = stdout.lines().next().unwrap_or_default().to_string();
    let figures = stdout
        .lines()
        .skip(1)
        .filter_map(|line| {
            let (name, rest) = line.trim().split_once("  ")?;
            let number = rest.split_whitespace().next()?.parse().ok()?;
            Some((name.trim().to_string(), number))
        })
        .collect();
    Some(Run {
        wall_ms,
        figures,
        summary,
    })
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

fn report(size: usize, runs: &[Run]) {
    let Some(first) = runs.first() else {
        println!("{size} briefings: no successful run");
        return;
    };
    let figure = |name: &str| {
        median(
            runs.iter()
                .filter_map(|r| r.figures.iter().find(|(n, _)| n == name).map(|f| f.1))
                .collect(),
        )
    };
    println!("\n== {size} briefings");
    println!("  {}", first.summary);
    println!(
        "  wall time          {:>8.0} ms (median of {})",
        median(runs.iter().map(|r| r.wall_ms).collect()),
        runs.len()
    );
    println!("  cpu time           {:>8.0} ms", figure("cpu (user+sys)"));
    println!("  peak memory        {:>8.1} MiB", figure("peak memory"));
    println!("  bytes written      {:>8.1} MiB", figure("bytes written"));
    println!("  stages (median ms):");
    for (name, _) in &first.figures {
        if ["cpu (user+sys)", "peak memory", "bytes written", "total"].contains(&name.as_str()) {
            continue;
        }
        println!("    {name:<16} {:>8.1}", figure(name));
    }
}
