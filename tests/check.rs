//! `dossier check`: a clean site passes, a site with ten planted mistakes gets all ten
//! reported with the right file:line, JSON output, exit codes, and nothing written.

mod common;

use common::{Fixture, NATO, PUTIN, RUSSLAND, SELENSKYJ, UKRAINE};

const GOOD: &str = r#"---
title: "Gespräche über Gespräche"
date: "2025-04-22"
summary: "Putin bietet Gespräche an; Selenskyj bleibt offen."
actors: [putin, selenskyj, russland, ukraine]
sources:
  - title: SCMP
    url: https://example.org/scmp
    date: "2025-04-21"
events:
  - id: 2025-04-21-angebot
    date: "2025-04-21"
    title: Putin bietet direkte Gespräche an
    actors: [putin]
    status: confirmed
    sources: [{ url: "https://example.org/scmp" }]
quotes:
  - actor: putin
    text: "Wir sind offen für Gespräche."
    source: 1
---
## Lage

Putin sagte: „Wir sind offen für
Gespräche.“ Russland und die Ukraine verhandeln nicht direkt; Selenskyj bleibt offen.

Siehe [Invasion](../events/2022-02-24-invasion.md) und [Putin](@/actors/putin.md#profile).
"#;

const INVASION: &str = "---\nid: 2022-02-24-invasion\ndate: \"2022-02-24\"\ntitle: Russland beginnt die Vollinvasion\nactors: [russland, ukraine]\nstatus: confirmed\nsources:\n  - url: https://example.org/lcil\n---\n";

/// Seven warnings and two link errors; the tenth mistake is in an event file.
const FAULTY: &str = r#"---
title: "Ein Briefing voller Fehler"
date: "2025-04-23"
summary: "Russland hat Kiew angegriffen. Der Angriff auf Kiew ist belegt."
actors: [putin, ukraine]
sources:
  - url: https://example.org/a
    date: "2031-01-01"
events:
  - date: "2025-04-22"
    title: Angriff auf Kiew
    status: unconfirmed
    sources: [{ url: "https://example.org/a" }]
  - date: "2025-04-22"
    title: Ohne Quelle
    status: reported
quotes:
  - actor: putin
    text: "Das habe ich nie gesagt."
---
Putin äußerte sich. Selenskyj widersprach.

Mehr bei [Lawrow](../actors/lawrow.md) und im [Abschnitt](@/briefings/2025-04-22-gespraeche.md#nirgends).
"#;

const BAD_EVENT: &str = "---\ndate: \"2025-01-01\"\ntitle: Unbekannter Akteur\nactors: [putn]\nsources:\n  - url: https://example.org/b\n---\n";

fn clean_site() -> Fixture {
    let f = Fixture::empty();
    f.write("content/actors/putin.md", PUTIN);
    f.write("content/actors/selenskyj.md", SELENSKYJ);
    f.write("content/actors/russland.md", RUSSLAND);
    f.write("content/actors/ukraine.md", UKRAINE);
    f.write("content/events/2022-02-24-invasion.md", INVASION);
    f.write("content/briefings/2025-04-22-gespraeche.md", GOOD);
    f
}

fn faulty_site() -> Fixture {
    let f = clean_site();
    f.write("content/briefings/2025-04-23-fehler.md", FAULTY);
    f.write("content/events/2025-01-01-kaputt.md", BAD_EVENT);
    f.write("content/actors/nato.md", NATO);
    f
}

#[test]
fn a_clean_site_passes_and_nothing_is_written() {
    let f = clean_site();
    let out = f.run(&["check", "--today", "2025-06-01"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("check: 0 error(s), 0 warning(s)"),
        "{stderr}"
    );
    assert!(!f.public().exists(), "check must not write the site");
}

/// (file name, line, severity, code) of a finding.
type Finding = (String, u64, String, String);

/// Every finding, from `--format json`, and the exit code.
fn findings(f: &Fixture, extra: &[&str]) -> (Option<i32>, Vec<Finding>) {
    let mut args = vec!["check", "--format", "json"];
    if !extra.contains(&"--today") {
        args.extend(["--today", "2025-06-01"]);
    }
    args.extend_from_slice(extra);
    let out = f.run(&args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut found = Vec::new();
    for line in stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("one JSON object per line");
        for key in [
            "file", "line", "column", "severity", "code", "message", "hint",
        ] {
            assert!(v.get(key).is_some(), "{key} missing in {line}");
        }
        let file = v["file"].as_str().unwrap_or_default();
        let name = file.rsplit('/').next().unwrap_or_default().to_string();
        found.push((
            name,
            v["line"].as_u64().unwrap_or(0),
            v["severity"].as_str().unwrap_or_default().to_string(),
            v["code"].as_str().unwrap_or_default().to_string(),
        ));
    }
    (out.status.code(), found)
}

#[test]
fn ten_planted_mistakes_are_all_reported_at_their_lines() {
    let f = faulty_site();
    let (code, found) = findings(&f, &[]);
    let expected = [
        ("2025-01-01-kaputt.md", 4, "error", "content"),
        ("2025-04-23-fehler.md", 4, "warning", "unconfirmed-as-fact"),
        ("2025-04-23-fehler.md", 5, "warning", "unmentioned-actor"),
        ("2025-04-23-fehler.md", 8, "warning", "future-date"),
        (
            "2025-04-23-fehler.md",
            15,
            "warning",
            "event-without-sources",
        ),
        ("2025-04-23-fehler.md", 19, "warning", "quote-not-in-body"),
        ("2025-04-23-fehler.md", 21, "warning", "unlisted-actor"),
        ("2025-04-23-fehler.md", 23, "error", "broken-link"),
        ("2025-04-23-fehler.md", 23, "error", "broken-anchor"),
        ("nato.md", 2, "warning", "orphan-actor"),
    ];
    let mut expected: Vec<Finding> = expected
        .iter()
        .map(|(f, l, s, c)| (f.to_string(), *l, s.to_string(), c.to_string()))
        .collect();
    let mut got = found.clone();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    assert_eq!(code, Some(1), "errors make check fail");
}

#[test]
fn human_output_names_file_line_column_and_counts() {
    let f = faulty_site();
    let out = f.run(&["check", "--today", "2025-06-01"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    let line_of = |needle: &str| {
        err.lines()
            .find(|l| l.contains(needle) && !l.contains('─'))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        line_of("content/briefings/2025-04-23-fehler.md:21:21").starts_with("warning: "),
        "{err}"
    );
    assert!(
        err.contains("the text mentions Wolodymyr Selenskyj but `selenskyj` is not in `actors:`")
    );
    assert!(
        line_of("content/briefings/2025-04-23-fehler.md:23:10").starts_with("error: "),
        "{err}"
    );
    assert!(err.contains("there is no content/actors/lawrow.md"));
    assert!(err.contains("has no anchor `#nirgends`"));
    assert!(
        line_of("content/events/2025-01-01-kaputt.md:4:10").starts_with("error: "),
        "{err}"
    );
    assert!(err.contains("did you mean `putin`?"));
    assert!(err.contains("check: 3 error(s), 7 warning(s)"), "{err}");
}

#[test]
fn warnings_alone_exit_0_unless_denied() {
    let f = clean_site();
    f.write("content/actors/nato.md", NATO);
    let (code, found) = findings(&f, &[]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].3, "orphan-actor");
    assert_eq!(code, Some(0));
    let (code, _) = findings(&f, &["--deny-warnings"]);
    assert_eq!(code, Some(1));
}

#[test]
fn a_date_after_today_warns_only_from_then_on() {
    let f = clean_site();
    let (_, before) = findings(&f, &["--today", "2025-04-21"]);
    assert!(
        before.iter().any(|x| x.3 == "future-date" && x.1 == 3),
        "{before:?}"
    );
    let (_, after) = findings(&f, &["--today", "2025-04-22"]);
    assert!(after.is_empty(), "{after:?}");
}

#[test]
fn build_fails_on_the_same_broken_links_and_keeps_the_old_site() {
    let f = clean_site();
    f.build();
    let before = common::snapshot(&f.public());
    f.write(
        "content/briefings/2025-04-22-gespraeche.md",
        &GOOD.replace("#profile", "#profil"),
    );
    let out = f.run(&["build"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/briefings/2025-04-22-gespraeche.md:27:56"),
        "{err}"
    );
    assert!(err.contains("did you mean `#profile`?"), "{err}");
    assert_eq!(before, common::snapshot(&f.public()));
    let out = f.run(&["check", "--today", "2025-06-01"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("content/briefings/2025-04-22-gespraeche.md:27:56"),
        "{err}"
    );
}

#[test]
fn template_errors_are_found_without_writing() {
    let f = clean_site();
    f.write(
        "templates/actor.html",
        "{% extends \"base.html\" %}{% block main %}{{ actor.nope }}{% endblock %}",
    );
    let out = f.run(&["check", "--today", "2025-06-01"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("templates/actor.html"), "{err}");
    assert!(!f.public().exists());
}

/// Two quotes that are not in the text; nothing else to warn about.
const MISQUOTED: &str = r#"---
title: "Zitate"
date: "2025-04-24"
summary: "Putin sagt etwas."
actors: [putin]
sources:
  - url: https://example.org/z
quotes:
  - actor: putin
    text: "Das habe ich nie gesagt."
  - actor: putin
    text: "Das auch nicht."
---
Putin sagte etwas anderes.
"#;

#[test]
fn the_counts_end_with_the_findings_by_kind() {
    let f = clean_site();
    f.write("content/actors/nato.md", NATO);
    f.write("content/briefings/2025-04-24-zitate.md", MISQUOTED);
    let out = f.run(&["check", "--today", "2025-06-01"]);
    let err = String::from_utf8_lossy(&out.stderr);
    let last: Vec<&str> = err.lines().rev().take(2).collect();
    assert_eq!(
        last,
        [
            "  by kind: 2 quote-not-in-body, 1 orphan-actor",
            "check: 0 error(s), 3 warning(s)"
        ],
        "{err}"
    );
    // A clean site ends with the counts alone.
    let out = clean_site().run(&["check", "--today", "2025-06-01"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().last(), Some("check: 0 error(s), 0 warning(s)"));
}

/// The trial render writes nothing, so check works where no temporary folder can be
/// made (a read-only container) and still finds template errors.
#[test]
fn check_needs_no_writable_temporary_folder() {
    let f = clean_site();
    f.write(
        "templates/actor.html",
        "{% extends \"base.html\" %}{% block main %}{{ actor.nope }}{% endblock %}",
    );
    let blocked = tempfile::tempdir().expect("tmp");
    let file = blocked.path().join("a-file");
    std::fs::write(&file, "not a folder").expect("write");
    let out = common::dossier_cmd()
        .args(["check", "--today", "2025-06-01"])
        .current_dir(f.root())
        .env("TMPDIR", file.join("tmp"))
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("templates/actor.html"), "{err}");
    assert!(err.contains("check: 1 error(s), 0 warning(s)"), "{err}");
}

#[test]
fn a_missing_site_is_an_error() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = common::dossier_cmd()
        .args(["check", "--root"])
        .arg(dir.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("site.yaml is missing"));
}
