//! `bench --serve`: starts `dossier serve` on a copy of a corpus on a loopback port,
//! edits one briefing's body several times and measures until the served page shows
//! the new text, beside the rebuild time the server logs.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// Measures `runs` edits; returns the report to print. With `keep` the server is
/// killed rather than stopped, so its temporary folder is not deleted now.
pub fn measure(
    dossier: &Path,
    corpus: &Path,
    copy: &Path,
    runs: usize,
    keep: bool,
) -> Result<String, String> {
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
    let signal = if keep { libc::SIGKILL } else { libc::SIGINT };
    // SAFETY: the pid is our child's, which has not been waited for.
    unsafe { libc::kill(child.id() as libc::pid_t, signal) };
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
    let body = timed_edits(lines, briefing, &address, &page, runs, |i, marker| {
        format!("{original}\n{marker} {i}.\n")
    })?;
    // Back to the original text (not timed), so the title edits change the front
    // matter alone.
    std::fs::write(briefing, original).map_err(|e| e.to_string())?;
    settle(lines);
    // A front matter change (the title): the briefing's card, related lists, quotes
    // and events show it on other pages too.
    let title = timed_edits(lines, briefing, &address, &page, runs, |_, marker| {
        original.replacen("title: \"", &format!("title: \"{marker} "), 1)
    })?;
    let _ = std::fs::write(briefing, original);
    Ok(format!(
        "== serve: 10,000-briefing site, one briefing edited\n  \
         server up after {:.0} ms (first full build)\n  \
         save -> page served: from writing the file until the served page shows the edit,\n  \
         including the watcher's wait for the rest of an edit (10 ms once the file is\n  \
         closed after writing or renamed into place, else 120 ms); rebuild: the server's\n  \
         own figure, from the change noticed to the page published.\n\
         {}\n{}",
        startup.as_secs_f64() * 1000.0,
        body.report("body text"),
        title.report("front matter (title)"),
    ))
}

/// Served and logged times of a series of edits.
struct Timed {
    served: Vec<f64>,
    logged: Vec<f64>,
    last: String,
}

impl Timed {
    fn report(&self, what: &str) -> String {
        let (median, min, max) = super::spread(self.served.clone());
        let (log_median, log_min, log_max) = super::spread(self.logged.clone());
        format!(
            "  {what} ({} edits): save -> page served {median:.0} ms ({min:.0}-{max:.0}), \
             rebuild {log_median:.0} ms ({log_min:.0}-{log_max:.0})\n    last log line: {}",
            self.served.len(),
            self.last
        )
    }
}

/// Writes `text(i, marker)` into the briefing `runs` times and measures until `page`
/// shows the marker.
fn timed_edits(
    lines: &Receiver<(Instant, String)>,
    briefing: &Path,
    address: &str,
    page: &str,
    runs: usize,
    text: impl Fn(usize, &str) -> String,
) -> Result<Timed, String> {
    let mut timed = Timed {
        served: Vec::new(),
        logged: Vec::new(),
        last: String::new(),
    };
    for i in 0..runs {
        std::thread::sleep(Duration::from_millis(500));
        while lines.try_recv().is_ok() {}
        let marker = format!("Bench-Änderung-{}-{i}", std::process::id());
        std::fs::write(briefing, text(i, &marker)).map_err(|e| e.to_string())?;
        let saved = Instant::now();
        let deadline = saved + Duration::from_secs(120);
        loop {
            if get(address, page).is_some_and(|body| body.contains(&marker)) {
                timed.served.push(saved.elapsed().as_secs_f64() * 1000.0);
                break;
            }
            if Instant::now() > deadline {
                return Err(format!("edit {i} was not served within 120 s"));
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        // The server's own line: "Rendered N of M pages (<file>) in X ms".
        if let Some((_, line)) = wait_for(lines, Duration::from_secs(120), |l| {
            l.starts_with("Rendered") || l.starts_with("Rebuilt")
        }) {
            if let Some(ms) = line
                .rsplit_once(" in ")
                .and_then(|(_, t)| t.trim_end_matches(" ms").parse::<f64>().ok())
            {
                timed.logged.push(ms);
            }
            // A quick edit's feeds and search files follow when the server is idle:
            // wait for them, so the next edit is measured on its own.
            if line.starts_with("Rendered") {
                settle_after(lines);
            }
            timed.last = line;
        }
    }
    Ok(timed)
}

/// Waits until the server has rebuilt after an untimed edit and is idle again.
fn settle(lines: &Receiver<(Instant, String)>) {
    if let Some((_, line)) = wait_for(lines, Duration::from_secs(120), |l| {
        l.starts_with("Rendered") || l.starts_with("Rebuilt")
    }) && line.starts_with("Rendered")
    {
        settle_after(lines);
    }
}

/// After a "Rendered" line: the feeds, search and data files of a quick edit follow
/// ("Updated …"); a partial rebuild wrote them already, and no line follows.
fn settle_after(lines: &Receiver<(Instant, String)>) {
    wait_for(lines, Duration::from_secs(20), |l| l.starts_with("Updated"));
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
