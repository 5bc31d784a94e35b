//! Helpers for the tests of `dossier serve`: a server run on a loopback port, plain
//! GETs, edits of the site, a copy of this repository's site, and the comparison of
//! the served folder with a full build.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use super::dossier_cmd;

/// How long anything in these tests may take: the first build is a debug build.
pub const LIMIT: Duration = Duration::from_secs(10);

/// Kills the server whatever happens in the test.
pub struct Server {
    pub child: Child,
    pub lines: Receiver<String>,
}

impl Drop for Server {
    /// Ctrl-C first, so the server removes its temporary folder; killed if it lingers.
    fn drop(&mut self) {
        if let Ok(pid) = libc::pid_t::try_from(self.child.id()) {
            // SAFETY: kill(2) only sends a signal to our own child process.
            unsafe { libc::kill(pid, libc::SIGINT) };
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub fn start(root: &Path) -> (Server, u16) {
        let mut child = dossier_cmd()
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dossier serve");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server { child, lines };
        let line = server.wait_line("http://127.0.0.1:", Duration::from_secs(60));
        let port = line
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .expect("port in the URL line");
        (server, port)
    }

    /// The next line of output containing `needle`.
    pub fn wait_line(&mut self, needle: &str, limit: Duration) -> String {
        let deadline = Instant::now() + limit;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        panic!("no line with {needle:?} within {limit:?}");
    }
}

/// A GET with a plain socket: status code and body.
pub fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(LIMIT)).expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read response");
    let (head, body) = response.split_once("\r\n\r\n").expect("head and body");
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    (status, body.to_string())
}

/// Replaces `from` with `to` in a file of the site.
pub fn edit(root: &Path, relative: &str, from: &str, to: &str) {
    let path = root.join(relative);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{from} not in {relative}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

pub const LONDON: &str = r#"---
title: "Gespräche in London"
date: "2025-04-24"
summary: "Selenskyj und Rubio in London."
actors: [selenskyj, rubio, grossbritannien]
topics: [Waffenstillstand]
places: [London]
events:
  - id: 2022-03-29-istanbul
  - id: 2025-04-23-london
    date: "2025-04-23"
    title: Treffen in London
    actors: [rubio]
    status: reported
    sources: [{ url: "https://example.org/london" }]
---
Selenskyj und Rubio trafen sich in London.
"#;

pub const PARIS: &str = r#"---
title: "Gespräche in Paris"
date: "2025-04-25"
summary: "Rubio in Paris."
actors: [rubio, frankreich]
topics: [US-Vermittlung]
---
Rubio war in Paris.
"#;

/// A copy of this repository's site plus two briefings sharing actors and events.
pub fn real_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().join("site");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["content", "seeds"] {
        for entry in walkdir::WalkDir::new(repo.join(dir))
            .into_iter()
            .filter_map(Result::ok)
        {
            let to = root.join(entry.path().strip_prefix(repo).expect("inside"));
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).expect("mkdir");
            } else {
                std::fs::copy(entry.path(), &to).expect("copy");
            }
        }
    }
    std::fs::copy(repo.join("site.yaml"), root.join("site.yaml")).expect("site.yaml");
    std::fs::write(root.join("content/briefings/2025-04-24-london.md"), LONDON).expect("write");
    std::fs::write(root.join("content/briefings/2025-04-25-paris.md"), PARIS).expect("write");
    (tmp, root)
}

/// The served files must be exactly what a full build of the same sources gives.
pub fn assert_same_as_full_build(served: &Path, root: &Path, name: &str) {
    let differ = differ_from_full_build(served, root, name, |_| true);
    assert!(
        differ.is_empty(),
        "{name}: served pages differ from a full build: {differ:?}"
    );
}

/// The files (of those `wanted`) in which the served folder differs from a full
/// build of the same sources, built into `full-<name>` beside the site.
pub fn differ_from_full_build(
    served: &Path,
    root: &Path,
    name: &str,
    wanted: impl Fn(&Path) -> bool,
) -> BTreeSet<PathBuf> {
    let full = root.parent().expect("parent").join(format!("full-{name}"));
    let out = dossier_cmd()
        .args(["build", "--drafts", "--root"])
        .arg(root)
        .arg("--output")
        .arg(&full)
        .output()
        .expect("build");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let served = super::snapshot_where(served, &wanted);
    let full = super::snapshot_where(&full, &wanted);
    full.keys()
        .chain(served.keys())
        .filter(|k| full.get(*k) != served.get(*k))
        .cloned()
        .collect()
}

/// (rendered, total) from "Rendered N of M pages …" or "Rebuilt all M pages …".
pub fn counts(line: &str) -> (usize, usize) {
    let numbers: Vec<usize> = line
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    match numbers.as_slice() {
        [rendered, total, ..] if line.starts_with("Rendered") => (*rendered, *total),
        [total, ..] => (*total, *total),
        _ => panic!("no counts in {line}"),
    }
}
