//! `bench --serve`: starts `dossier serve` on a copy of a corpus on a loopback port,
//! edits one briefing's body several times and measures until the served page shows
//! the new text, beside the rebuild time the server logs.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// Measures `runs` edits; returns the report to print.
pub fn measure(dossier: &Path, corpus: &Path, copy: &Path, runs: usize) -> Result<String, String> {
    let copied = Command::new("cp")
        .arg("-r")
        .arg(corpus)
        .arg(copy)
        .status()
        .map_err(|e| format!("cp: {e}"))?;
    if !copied.success() {
        return Err(format!("could not copy {}", corpus.display()));
    }
    let briefing = middle_briefing(copy).ok_or("the corpus has no briefings")?;
    let slug = briefing
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or("odd file name")?
        .to_string();
    let original = std::fs::read_to_string(&briefing).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let mut child = Command::new(dossier)
        .args(["serve", "--port", "0", "--root"])
        .arg(copy)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("start dossier serve: {e}"))?;
    let lines = log_lines(child.stdout.take().ok_or("no stdout")?);
    let result = edits(&lines, &briefing, &slug, &original, runs, started);
    // SIGINT lets the server remove its scratch folder; kill it if it does not stop.
    // SAFETY: the pid is our child's, which has not been waited for.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().ok().flatten().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    result
}

fn edits(
    lines: &Receiver<(Instant, String)>,
    briefing: &Path,
    slug: &str,
    original: &str,
    runs: usize,
    started: Instant,
) -> Result<String, String> {
    let address = wait_for(lines, Duration::from_secs(300), |l| {
        l.starts_with("Serving")
    })
    .and_then(|(_, l)| {
        let url = l.split(" at http://").nth(1)?;
        Some(url.split('/').next()?.to_string())
    })
    .ok_or("the server did not start")?;
    let startup = started.elapsed();
    let page = format!("/briefings/{slug}.html");
    let mut served = Vec::new();
    let mut logged = Vec::new();
    let mut whats = Vec::new();
    for i in 0..runs {
        std::thread::sleep(Duration::from_millis(1500));
        while lines.try_recv().is_ok() {}
        let marker = format!("Bench-Änderung {i}-{}", std::process::id());
        let text = format!("{original}\n{marker}.\n");
        std::fs::write(briefing, text).map_err(|e| e.to_string())?;
        let saved = Instant::now();
        let deadline = saved + Duration::from_secs(60);
        loop {
            if get(&address, &page).is_some_and(|body| body.contains(&marker)) {
                served.push(saved.elapsed().as_secs_f64() * 1000.0);
                break;
            }
            if Instant::now() > deadline {
                return Err(format!("edit {i} was not served within 60 s"));
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        // The server's own line: "Rendered N of M pages (<file>) in X ms".
        if let Some((_, line)) = wait_for(lines, Duration::from_secs(60), |l| {
            l.starts_with("Rendered") || l.starts_with("Rebuilt")
        }) {
            whats.push(line.clone());
            if let Some(ms) = line
                .rsplit_once(" in ")
                .and_then(|(_, t)| t.trim_end_matches(" ms").parse::<f64>().ok())
            {
                logged.push(ms);
            }
        }
    }
    let _ = std::fs::write(briefing, original);
    let (median, min, max) = super::spread(served.clone());
    let (log_median, log_min, log_max) = super::spread(logged);
    Ok(format!(
        "== serve: one briefing's body edited, 10,000-briefing site ({runs} edits)\n  \
         server up after      {:>8.0} ms (first full build)\n  \
         save -> page served  {median:>8.0} ms ({min:.0}-{max:.0}), including the watcher's 120 ms wait for the rest of an edit\n  \
         rebuild (server log) {log_median:>8.0} ms ({log_min:.0}-{log_max:.0}): from the change noticed to the page published\n  \
         last log line: {}",
        startup.as_secs_f64() * 1000.0,
        whats.last().map_or("none", String::as_str)
    ))
}

/// A briefing from the middle of the corpus (by name).
fn middle_briefing(corpus: &Path) -> Option<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(corpus.join("content").join("briefings"))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let middle = files.len() / 2;
    files.into_iter().nth(middle)
}

/// The server's stdout, line by line with the time each arrived.
fn log_lines(stdout: impl Read + Send + 'static) -> Receiver<(Instant, String)> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send((Instant::now(), line)).is_err() {
                break;
            }
        }
    });
    rx
}

fn wait_for(
    lines: &Receiver<(Instant, String)>,
    timeout: Duration,
    wanted: impl Fn(&str) -> bool,
) -> Option<(Instant, String)> {
    let deadline = Instant::now() + timeout;
    loop {
        let left = deadline.checked_duration_since(Instant::now())?;
        let (at, line) = lines.recv_timeout(left).ok()?;
        if wanted(&line) {
            return Some((at, line));
        }
    }
}

/// The body of `path` from the server, if it answers 200.
fn get(address: &str, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(address).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let text = String::from_utf8_lossy(&response).into_owned();
    text.starts_with("HTTP/1.1 200").then_some(text)
}
