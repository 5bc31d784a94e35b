//! `dossier new` and `dossier init`: files named from the title, complete front matter,
//! never overwriting, and a new site that builds and checks clean at once.

mod common;

use common::{Fixture, dossier_cmd};

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn new_names_files_by_date_and_transliterated_title() {
    let f = Fixture::small();
    let out = f.run(&[
        "new",
        "briefing",
        "Gespräche in Genf",
        "--date",
        "2025-05-02",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = "content/briefings/2025-05-02-gespraeche-in-genf.md";
    assert!(stdout(&out).contains(path), "{}", stdout(&out));
    let text = std::fs::read_to_string(f.root().join(path)).expect("written");
    for key in [
        "title: \"Gespräche in Genf\"",
        "date: \"2025-05-02\"",
        "summary:",
        "draft: true",
        "actors: []",
        "topics: []",
        "places: []",
        "sources: []",
        "events: []",
        "quotes: []",
    ] {
        assert!(text.contains(key), "{key} missing:\n{text}");
    }

    let out = f.run(&[
        "new",
        "event",
        "Treffen in Dschidda",
        "--date",
        "2025-03-11",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let event = std::fs::read_to_string(
        f.root()
            .join("content/events/2025-03-11-treffen-in-dschidda.md"),
    )
    .expect("event");
    assert!(event.contains("id: 2025-03-11-treffen-in-dschidda"));
    assert!(event.contains("status: reported"));

    let out = f.run(&["new", "actor", "Jens Plötner"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let actor =
        std::fs::read_to_string(f.root().join("content/actors/jens-ploetner.md")).expect("actor");
    assert!(actor.contains("name: \"Jens Plötner\""));
    assert!(actor.contains("aliases: []"));

    // Everything new builds at once (the briefing is a draft until the editor says so).
    let out = f.run(&["build", "--drafts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        f.public()
            .join("briefings/2025-05-02-gespraeche-in-genf.html")
            .is_file()
    );
    assert!(f.public().join("actors/jens-ploetner.html").is_file());
    assert!(
        f.read("timeline.html")
            .contains("id=\"2025-03-11-treffen-in-dschidda\"")
    );
}

#[test]
fn new_without_a_date_uses_today() {
    let f = Fixture::small();
    let out = f.run(&["new", "briefing", "Heute"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let made = std::fs::read_dir(f.root().join("content/briefings"))
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with("-heute.md"))
        .expect("a new file");
    let date = &made[..10];
    assert!(
        chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
        "{made}"
    );
}

#[test]
fn new_refuses_to_overwrite() {
    let f = Fixture::small();
    let args = [
        "new",
        "briefing",
        "Gespräche in Genf",
        "--date",
        "2025-05-02",
    ];
    assert!(f.run(&args).status.success());
    let path = f
        .root()
        .join("content/briefings/2025-05-02-gespraeche-in-genf.md");
    std::fs::write(&path, "meine Arbeit").expect("edit");
    let out = f.run(&args);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "meine Arbeit"
    );
}

#[test]
fn new_rejects_bad_input_with_usage_errors() {
    let f = Fixture::small();
    let out = f.run(&["new", "briefing", "!!!", "--date", "2025-05-02"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no letters or digits"),
        "{}",
        stderr(&out)
    );
    let out = f.run(&["new", "briefing", "X", "--date", "2025-05"]);
    assert_eq!(out.status.code(), Some(2));
    let out = f.run(&["new", "poem", "X"]);
    assert_eq!(out.status.code(), Some(2));
    let empty = tempfile::tempdir().expect("tmp");
    let out = dossier_cmd()
        .args(["new", "actor", "X", "--root"])
        .arg(empty.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no site.yaml"), "{}", stderr(&out));
}

#[test]
fn init_creates_a_site_that_builds_and_checks_clean() {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = tmp.path().join("mysite");
    let out = dossier_cmd().arg("init").arg(&site).output().expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("dossier serve"));
    for file in [
        "site.yaml",
        "content/briefings/2025-01-16-beispiel-briefing.md",
        "content/actors/maria-muster.md",
        "content/events/2025-01-15-erstes-treffen.md",
    ] {
        assert!(site.join(file).is_file(), "{file}");
    }
    let out = dossier_cmd()
        .args(["build", "--root"])
        .arg(&site)
        .output()
        .expect("build");
    assert!(out.status.success(), "{}", stderr(&out));
    let page =
        std::fs::read_to_string(site.join("public/briefings/2025-01-16-beispiel-briefing.html"))
            .expect("page");
    assert!(page.contains("href=\"../timeline.html#2025-01-15-erstes-treffen\""));
    let out = dossier_cmd()
        .args(["check", "--today", "2025-06-01", "--root"])
        .arg(&site)
        .output()
        .expect("check");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("0 error(s), 0 warning(s)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn init_refuses_a_folder_with_files() {
    let f = Fixture::small();
    let out = dossier_cmd()
        .arg("init")
        .arg(f.root())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not empty"));
    assert_eq!(
        std::fs::read_to_string(f.root().join("site.yaml")).expect("kept"),
        common::SITE_YAML
    );
}
