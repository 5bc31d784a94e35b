//! `dossier serve`: a new site is served on loopback; an edit shows up with a reload
//! event; a broken file shows the overlay while the server keeps running; the fix
//! brings the page back; Ctrl-C stops it and removes its temporary folder.
#![cfg(feature = "serve")]

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::dossier_cmd;
use common::serve::{LIMIT, Server, assert_same_as_full_build, counts, edit, get, real_site};

const BRIEFING: &str = "content/briefings/2025-01-16-beispiel-briefing.md";
const PAGE: &str = "/briefings/2025-01-16-beispiel-briefing.html";

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
    let line = server.wait_line("pages after a change", LIMIT);
    assert!(
        line.contains("2025-01-16-beispiel-briefing.md") && line.contains(" ms"),
        "{line}"
    );
    let line = server.wait_line("changed:", LIMIT);
    assert!(
        line.contains("briefings/2025-01-16-beispiel-briefing.html"),
        "{line}"
    );
    assert!(
        !line.contains("actors/"),
        "the actor page shows no body text: {line}"
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

#[test]
fn partial_rebuilds_give_exactly_the_full_build() {
    partial_rebuilds("");
}

#[test]
fn partial_rebuilds_with_paged_lists_and_a_split_timeline() {
    partial_rebuilds("paginate: 2\ntimeline_split: 3\n");
}

/// Edits of each kind on a copy of the real site (with `extra` lines in site.yaml),
/// each time comparing the served files with a full build.
fn partial_rebuilds(extra: &str) {
    let (_tmp, root) = real_site();
    let yaml = std::fs::read_to_string(root.join("site.yaml")).expect("site.yaml");
    std::fs::write(root.join("site.yaml"), format!("{yaml}\n{extra}")).expect("write");
    let (mut server, port) = Server::start(&root);
    let served = std::env::temp_dir()
        .join(format!("dossier-serve-{}", server.child.id()))
        .join("site");
    assert!(served.join("topics/krim.html").is_file());
    assert_same_as_full_build(&served, &root, "start");
    let main = "content/briefings/2025-04-22-putin-offen-fuer-direkte-gespraeche.md";

    // A briefing loses an actor and a topic (its page disappears) and gets a new title,
    // in one save.
    let path = root.join(main);
    let text = std::fs::read_to_string(&path).expect("read");
    let changed = text
        .replacen("frankreich, nato, kreml,", "frankreich, kreml,", 1)
        .replacen(", Krim, ", ", ", 1)
        .replacen("title: \"Putin signalisiert", "title: \"Putin zeigt", 1);
    assert_eq!(
        changed.matches("Putin zeigt").count(),
        text.matches("Putin zeigt").count() + 1
    );
    assert!(!changed.contains("nato, kreml") && !changed.contains(", Krim, "));
    std::fs::write(&path, changed).expect("write");
    let line = server.wait_line("pages after a change", LIMIT);
    let (rendered, total) = counts(&line);
    assert!(
        rendered < total,
        "only the reached pages are rendered: {line}"
    );
    assert!(!served.join("topics/krim.html").exists());
    assert_same_as_full_build(&served, &root, "briefing");

    // An event inside a briefing changes its actor; an event file changes its title.
    edit(
        &root,
        "content/briefings/2025-04-24-london.md",
        "    actors: [rubio]",
        "    actors: [trump]",
    );
    server.wait_line("pages after a change", LIMIT);
    assert_same_as_full_build(&served, &root, "own-event");
    edit(
        &root,
        "content/events/2022-03-29-istanbul.md",
        "Verhandlungsrunde in Istanbul",
        "Runde in Istanbul",
    );
    server.wait_line("pages after a change", LIMIT);
    assert_same_as_full_build(&served, &root, "event-file");

    // Only a body changes (a sentence, so the reading time may change too): its page
    // alone is rendered, and the feeds, search and data files follow.
    edit(
        &root,
        main,
        "keine von Russland besetzten Gebiete anerkennen werde",
        "keine von Russland besetzten Gebiete anerkennen werde, was er am Dienstag in einer langen Rede vor dem Parlament in Kyjiw mehrfach und ausdrücklich wiederholte",
    );
    let line = server.wait_line("pages after a change", LIMIT);
    assert!(line.starts_with("Rendered 1 of"), "{line}");
    server.wait_line("feed, search and data file(s)", LIMIT);
    let (_, page) = get(
        port,
        "/briefings/2025-04-22-putin-offen-fuer-direkte-gespraeche.html",
    );
    assert!(
        page.contains("vor dem Parlament in Kyjiw"),
        "the page shows the edit"
    );
    assert_same_as_full_build(&served, &root, "body");

    // A new heading is a new anchor other pages may link to: the reached pages are
    // rendered again, as for a change of the front matter.
    edit(
        &root,
        main,
        "## Wachsender internationaler Druck",
        "## Wachsender Druck aus Washington",
    );
    let line = server.wait_line("pages after a change", LIMIT);
    let (rendered, _) = counts(&line);
    assert!(rendered > 1, "{line}");
    assert_same_as_full_build(&served, &root, "heading");

    // A broken link in the body alone is not taken the quick way: the browser shows the
    // problem over the last good page until it is fixed.
    let url = "/briefings/2025-04-22-putin-offen-fuer-direkte-gespraeche.html";
    let overlay = |want: bool| {
        let deadline = Instant::now() + LIMIT;
        while get(port, url).1.contains("id=\"dossier-overlay\"") != want {
            assert!(Instant::now() < deadline, "overlay shown: {}", !want);
            std::thread::sleep(Duration::from_millis(20));
        }
        get(port, url).1
    };
    let fine = "eine solche Anerkennung sei nicht verhandelbar";
    let broken = "eine solche [Anerkennung](../actors/niemand.md) sei nicht verhandelbar";
    edit(&root, main, fine, broken);
    let page = overlay(true);
    assert!(page.contains("niemand.md"), "the overlay names the link");
    edit(&root, main, broken, fine);
    overlay(false);
    server.wait_line("pages after a change", LIMIT);
    assert_same_as_full_build(&served, &root, "fixed");

    // A briefing is removed: its page, and the topic only it had, go.
    std::fs::remove_file(root.join("content/briefings/2025-04-25-paris.md")).expect("remove");
    server.wait_line("pages after a change", LIMIT);
    assert!(!served.join("briefings/2025-04-25-paris.html").exists());
    assert_same_as_full_build(&served, &root, "removed");

    // An actor file changes: everything is rebuilt.
    edit(
        &root,
        "content/actors/rubio.md",
        "Marco Rubio",
        "Marco A. Rubio",
    );
    let line = server.wait_line("pages after a change", LIMIT);
    assert!(line.contains("Rebuilt all"), "{line}");
    assert_same_as_full_build(&served, &root, "actor");
}
