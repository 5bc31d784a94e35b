//! `dossier serve`: a new site is served on loopback; an edit shows up with a reload
//! event; a broken file shows the overlay while the server keeps running; the fix
//! brings the page back; Ctrl-C stops it and removes its temporary folder.
#![cfg(feature = "serve")]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::dossier_cmd;

/// How long anything in this test may take: the first build is a debug build.
const LIMIT: Duration = Duration::from_secs(10);

const BRIEFING: &str = "content/briefings/2025-01-16-beispiel-briefing.md";
const PAGE: &str = "/briefings/2025-01-16-beispiel-briefing.html";

/// Kills the server whatever happens in the test.
struct Server {
    child: Child,
    lines: Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(root: &Path) -> (Server, u16) {
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
    fn wait_line(&mut self, needle: &str, limit: Duration) -> String {
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
fn get(port: u16, path: &str) -> (u16, String) {
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

/// The build generation a served page was made from (in its reload script).
fn generation(page: &str) -> u64 {
    page.split("since=")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .and_then(|n| n.parse().ok())
        .expect("reload script with generation")
}

/// Opens the event stream as a page of generation `since` would.
fn events(port: u16, since: u64) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        stream,
        "GET /__dossier/events?since={since} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .expect("send");
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .expect("timeout");
    stream
}

/// Reads the stream until a reload event arrives, within the limit.
fn expect_reload(stream: &mut TcpStream) -> String {
    let deadline = Instant::now() + LIMIT;
    let mut seen = Vec::new();
    let mut buf = [0u8; 1024];
    while Instant::now() < deadline {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
            Err(_) => {}
        }
        let text = String::from_utf8_lossy(&seen);
        if text.contains("event: reload\ndata: ") {
            return text.into_owned();
        }
    }
    panic!(
        "no reload event within {LIMIT:?}: {}",
        String::from_utf8_lossy(&seen)
    );
}

/// Replaces `from` with `to` in a file of the site.
fn edit(root: &Path, relative: &str, from: &str, to: &str) {
    let path = root.join(relative);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{from} not in {relative}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

fn new_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().join("mysite");
    let out = dossier_cmd().arg("init").arg(&root).output().expect("init");
    assert!(out.status.success());
    (tmp, root)
}

#[test]
fn edits_reload_broken_files_show_an_overlay_and_the_server_survives() {
    let (_tmp, root) = new_site();
    let (mut server, port) = Server::start(&root);

    let (status, page) = get(port, PAGE);
    assert_eq!(status, 200);
    assert!(page.contains("Ein erstes Briefing"));
    assert!(
        page.contains("/__dossier/events?since="),
        "reload script injected"
    );
    assert!(!page.contains("dossier-overlay"));
    let (status, _) = get(port, "/");
    assert_eq!(status, 200);
    let (status, _) = get(port, "/gibt-es-nicht.html");
    assert_eq!(status, 404);
    let (status, _) = get(port, "/briefings");
    assert_eq!(status, 301, "a folder without its slash is redirected");
    let (status, index) = get(port, "/briefings/");
    assert_eq!(status, 200);
    assert!(index.contains("2025-01-16-beispiel-briefing.html"));

    // An edit: a reload event, the new text, and a line saying what was rebuilt.
    let mut stream = events(port, generation(&page));
    edit(
        &root,
        BRIEFING,
        "Die Website-Adresse setzt dossier selbst ein.",
        "Frisch geänderter Absatz.",
    );
    expect_reload(&mut stream);
    let (_, page) = get(port, PAGE);
    assert!(page.contains("Frisch geänderter Absatz."));
    let line = server.wait_line("Rebuilt", LIMIT);
    assert!(
        line.contains("2025-01-16-beispiel-briefing.md") && line.contains(" ms"),
        "{line}"
    );
    let line = server.wait_line("changed:", LIMIT);
    assert!(
        line.contains("1 file(s) changed: briefings/2025-01-16-beispiel-briefing.html"),
        "{line}"
    );

    // A broken file: reload, the overlay with file:line and the escaped message.
    let mut stream = events(port, generation(&page));
    edit(
        &root,
        BRIEFING,
        "date: \"2025-01-16\"",
        "date: \"2025-13-16\"",
    );
    expect_reload(&mut stream);
    let (status, page) = get(port, PAGE);
    assert_eq!(status, 200, "the last good page is still served");
    assert!(page.contains("id=\"dossier-overlay\""), "{page}");
    assert!(
        page.contains("2025-01-16-beispiel-briefing.md:3:7"),
        "{page}"
    );
    assert!(page.contains("Frisch geänderter Absatz."));
    let (status, _) = get(port, "/index.html");
    assert_eq!(status, 200, "the server survives");

    // Fixed: the overlay is gone.
    let mut stream = events(port, generation(&page));
    edit(
        &root,
        BRIEFING,
        "date: \"2025-13-16\"",
        "date: \"2025-01-16\"",
    );
    expect_reload(&mut stream);
    let (_, page) = get(port, PAGE);
    assert!(!page.contains("dossier-overlay"), "{page}");

    assert!(
        !root.join("public").exists(),
        "serve builds elsewhere, not into public/"
    );
}

#[test]
fn ctrl_c_stops_the_server_and_removes_its_folder() {
    let (_tmp, root) = new_site();
    let (mut server, port) = Server::start(&root);
    let scratch = std::env::temp_dir().join(format!("dossier-serve-{}", server.child.id()));
    assert!(scratch.is_dir(), "{}", scratch.display());
    assert_eq!(get(port, "/").0, 200);
    let pid = libc::pid_t::try_from(server.child.id()).expect("pid");
    // SAFETY: kill(2) only sends a signal to our own child process; no memory is shared.
    let sent = unsafe { libc::kill(pid, libc::SIGINT) };
    assert_eq!(sent, 0, "SIGINT sent");
    server.wait_line("Stopped.", LIMIT);
    let deadline = Instant::now() + LIMIT;
    let status = loop {
        if let Some(status) = server.child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}");
    assert!(!scratch.exists(), "temporary folder left behind");
}

#[test]
fn a_busy_port_is_reported() {
    let (_tmp, root) = new_site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port();
    let out = dossier_cmd()
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(&root)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("choose another --port"));
}
