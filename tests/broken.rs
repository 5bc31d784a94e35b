//! The catalogue of broken inputs: each case breaks a good site in one way and checks that
//! the build exits with the right code, names the file (and line:column where there is
//! one), says what to do, does not panic, and leaves the previous output byte-for-byte
//! as it was, with no staging folder left behind.

mod common;

use std::path::Path;

use common::{Fixture, snapshot};

const B: &str = "content/briefings/2025-05-01-kaputt.md";
const B_LOC: &str = "content/briefings/2025-05-01-kaputt.md";
const HEAD: &str = "---\ntitle: Kaputt\ndate: \"2025-05-01\"\n";

/// One way of breaking the site.
struct Case {
    name: &'static str,
    /// Files written over the good site.
    files: Vec<(&'static str, Vec<u8>)>,
    /// Anything else to do to the site before the build (links, removals).
    setup: fn(&Fixture),
    /// Extra command-line arguments after `build`.
    args: Vec<String>,
    code: i32,
    /// What stderr must contain: the file with line:column, the problem, the remedy.
    expect: Vec<&'static str>,
}

fn case(name: &'static str, path: &'static str, text: &str, expect: &[&'static str]) -> Case {
    Case {
        name,
        files: vec![(path, text.as_bytes().to_vec())],
        setup: |_| {},
        args: Vec::new(),
        code: 1,
        expect: expect.to_vec(),
    }
}

/// A briefing whose front matter is `HEAD` plus `rest`, closed, with `body`.
fn briefing(rest: &str, body: &str) -> String {
    format!("{HEAD}{rest}---\n{body}")
}

#[cfg(unix)]
fn link(f: &Fixture, target: &Path, at: &str) {
    let at = f.root().join(at);
    std::fs::create_dir_all(at.parent().expect("parent")).expect("folder");
    std::os::unix::fs::symlink(target, at).expect("symlink");
}

/// A folder outside every site, holding a file a link may point at.
fn outside() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(dir.path().join("secret.md"), format!("{HEAD}---\ngeheim\n"))
            .expect("write");
        std::fs::write(dir.path().join("secret.html"), "geheim").expect("write");
        dir
    });
    dir.path()
}

fn cases() -> Vec<Case> {
    let mut all = vec![
        case(
            "empty file",
            B,
            "",
            &[
                ":1:1",
                "does not start with front matter",
                "begin the file with a line `---`",
            ],
        ),
        case(
            "only blank lines",
            B,
            "\n\n\n",
            &[":1:1", "does not start with front matter"],
        ),
        case(
            "no front matter",
            B,
            "Nur Text.\n",
            &[":1:1", "does not start with front matter"],
        ),
        case(
            "unclosed front matter",
            B,
            &format!("{HEAD}\nText\n"),
            &[":1:1", "never closed", "add a line `---`"],
        ),
        case(
            "empty front matter",
            B,
            "---\n---\nText\n",
            &[":2:1", "front matter is empty", "add the required fields"],
        ),
        case(
            "front matter is a list",
            B,
            "---\n- a\n- b\n---\n",
            &[":2:1", "expected struct", "`key: value` lines"],
        ),
        case(
            "front matter is a string",
            B,
            "---\njust text\n---\n",
            &[":2:1", "expected struct", "`key: value` lines"],
        ),
        case(
            "tab indents a line",
            B,
            "---\ntitle: x\ndate: \"2025-05-01\"\nactors:\n\t- putin\n---\n",
            &[":5:1", "tab character", "replace the tab with spaces"],
        ),
        case(
            "duplicate key",
            B,
            &briefing("title: Nochmal\n", ""),
            &[":2:1", "duplicate", "remove one of the two entries"],
        ),
        case(
            "actors is not a list",
            B,
            &briefing("actors: putin\n", ""),
            &[":4:", "invalid type", "a list is written"],
        ),
        case(
            "number as title",
            B,
            "---\ntitle: 42\ndate: \"2025-05-01\"\n---\n",
            &[":2:", "number 42", "write text in quotes"],
        ),
        case(
            "boolean as event title",
            B,
            &briefing("events:\n  - date: \"2025-04-01\"\n    title: true\n", ""),
            &[":5:", "boolean", "write text in quotes"],
        ),
        case(
            "draft is not a boolean",
            B,
            &briefing("draft: ja\n", ""),
            &[":4:8", "expected a boolean"],
        ),
        case(
            "quote source is text",
            B,
            &briefing(
                "quotes:\n  - actor: putin\n    text: x\n    source: zwei\n",
                "",
            ),
            &[":7:13", "expected usize", "write a whole number"],
        ),
        case(
            "unknown key",
            B,
            &briefing("sumary: x\n", ""),
            &[":4:1", "unknown field `sumary`", "`summary`"],
        ),
        case(
            "unknown key in an event",
            B,
            &briefing(
                "events:\n  - date: \"2025-04-01\"\n    title: x\n    staus: confirmed\n",
                "",
            ),
            &[":", "unknown field `staus`", "check the spelling"],
        ),
        case(
            "unknown key in site.yaml",
            "site.yaml",
            "title: T\nlang: de\ntheme: dark\n",
            &[
                "site.yaml:3:1",
                "unknown field `theme`",
                "check the spelling",
            ],
        ),
        case(
            "month 13",
            B,
            "---\ntitle: Kaputt\ndate: \"2025-13-01\"\n---\n",
            &[":3:7", "month 13"],
        ),
        case(
            "30 February",
            B,
            "---\ntitle: Kaputt\ndate: \"2025-02-30\"\n---\n",
            &[":3:7", "has no day 30"],
        ),
        case(
            "April 2025",
            B,
            "---\ntitle: Kaputt\ndate: \"April 2025\"\n---\n",
            &[":3:", "YYYY-MM-DD"],
        ),
        case(
            "25.04.2025",
            B,
            "---\ntitle: Kaputt\ndate: \"25.04.2025\"\n---\n",
            &[":3:", "YYYY-MM-DD"],
        ),
        case(
            "updated before date",
            B,
            &briefing("updated: \"2025-04-01\"\n", ""),
            &[
                ":4:",
                "before the publication date",
                "an update can only follow",
            ],
        ),
        case(
            "event ends before it starts",
            B,
            &briefing(
                "events:\n  - date: \"2025-04-02\"\n    end: \"2025-04-01\"\n    title: Rückwärts\n",
                "",
            ),
            &[":6:", "ends (2025-04-01) before it starts"],
        ),
        case(
            "role ends before it starts",
            "content/actors/lawrow.md",
            "---\nname: Lawrow\nroles:\n  - title: Minister\n    from: \"2020\"\n    to: \"2010\"\n---\n",
            &[
                "lawrow.md:6:",
                "ends before it starts",
                "swap `from` and `to`",
            ],
        ),
        case(
            "unknown actor",
            B,
            &briefing("actors: [putin, zelensky]\n", ""),
            &[
                ":4:17",
                "unknown actor `zelensky`",
                "did you mean `selenskyj`",
            ],
        ),
        case(
            "unknown quote speaker",
            B,
            &briefing("quotes:\n  - actor: lawrow\n    text: Niet.\n", ""),
            &[":5:12", "unknown actor `lawrow`"],
        ),
        case(
            "unknown country",
            "content/actors/lawrow.md",
            "---\nname: Lawrow\ncountry: russlnd\n---\n",
            &[
                "lawrow.md:3:10",
                "unknown country `russlnd`",
                "did you mean `russland`",
            ],
        ),
        case(
            "place too long for a file name",
            B,
            &briefing(&format!("places: [\"{}\"]\n", "Ort ".repeat(100)), ""),
            &[":4:", "too long for a page name", "shorten it"],
        ),
        case(
            "topic without letters",
            B,
            &briefing("topics: [\"!!!\"]\n", ""),
            &[":4:", "has no letters or digits", "at least one letter"],
        ),
        case(
            "unknown seed",
            B,
            &briefing("sources:\n  - title: X\n    seed: fehlt.txt\n", ""),
            &[
                ":6:11",
                "seed `fehlt.txt` does not exist",
                "seeds/ holds: artikel.txt",
            ],
        ),
        case(
            "seed path escapes the folder",
            B,
            &briefing("sources:\n  - title: X\n    seed: ../site.yaml\n", ""),
            &[":6:11", "seed `../site.yaml` does not exist"],
        ),
        case(
            "quote source number too high",
            B,
            &briefing(
                "quotes:\n  - actor: putin\n    text: x\n    source: 3\n",
                "",
            ),
            &[":7:13", "quote source 3 does not exist"],
        ),
        case(
            "link to an unknown event",
            B,
            &briefing("events:\n  - id: 2022-02-24-invasio\n", ""),
            &[
                ":5:9",
                "does not exist",
                "did you mean `2022-02-24-invasion`",
            ],
        ),
        case(
            "duplicate event id",
            B,
            &briefing(
                "events:\n  - id: 2022-02-24-invasion\n    date: \"2022-02-24\"\n    title: Doppelt\n",
                "",
            ),
            &[
                ":5:",
                "event id `2022-02-24-invasion` is already used at",
                "2022-02-24-invasion.md",
            ],
        ),
        case(
            "event id is a path",
            B,
            &briefing(
                "events:\n  - id: ../../etc/passwd\n    date: \"2022-02-24\"\n    title: Pfad\n",
                "",
            ),
            &[":5:9", "is not a slug", "etc-passwd"],
        ),
        case(
            "file name is not a slug",
            "content/briefings/Kaputte Datei.md",
            &briefing("", ""),
            &["Kaputte Datei.md", "is not a slug", "kaputte-datei.md"],
        ),
        case(
            "event without a date",
            B,
            &briefing("events:\n  - title: Ohne Datum\n", ""),
            &[":5:", "an event needs a `date`"],
        ),
        case(
            "javascript link in body",
            B,
            &briefing("", "Text\n\n[Klick](javascript:alert(1))\n"),
            &[":7:1", "could run script", "link only to http(s)"],
        ),
        case(
            "data image in body",
            B,
            &briefing(
                "",
                "![Bild](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)\n",
            ),
            &[":5:1", "could run script"],
        ),
        case(
            "javascript link in actor profile",
            "content/actors/lawrow.md",
            "---\nname: Lawrow\n---\nSiehe <jAvAsCrIpT:alert(1)>\n",
            &["lawrow.md:4:7", "could run script"],
        ),
        case(
            "javascript source URL",
            B,
            &briefing(
                "sources:\n  - title: X\n    url: \"javascript:alert(1)\"\n",
                "",
            ),
            &[":6:11", "not an http(s) address", "https://"],
        ),
        case(
            "data URL as role source",
            "content/actors/lawrow.md",
            "---\nname: Lawrow\nroles:\n  - title: Minister\n    source: \"data:text/html,x\"\n---\n",
            &["lawrow.md:5:", "not an http(s) address"],
        ),
        Case {
            name: "two briefings for one page",
            files: vec![
                (
                    "content/briefings/a/2025-05-01-doppelt.md",
                    briefing("", "").into_bytes(),
                ),
                (
                    "content/briefings/b/2025-05-01-doppelt.md",
                    briefing("", "").into_bytes(),
                ),
            ],
            expect: vec![
                "2025-05-01-doppelt.md",
                "both would be written to briefings/2025-05-01-doppelt.html",
            ],
            ..case("", B, "", &[])
        },
        case(
            "two seeds for one page",
            "seeds/artikel.md",
            "zweite Fassung",
            &[
                "seeds/artikel",
                "would get the same page",
                "rename one of them",
            ],
        ),
        case(
            "YAML alias bomb",
            B,
            &format!(
                "{HEAD}extra:\n  a: &a [x, x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n  g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n  h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n  i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n---\n"
            ),
            &[":2:1", "repetition limit exceeded", "write the values out"],
        ),
        case(
            "deeply nested YAML",
            B,
            &format!(
                "{HEAD}extra: {}{}\n---\n",
                "[".repeat(100_000),
                "]".repeat(100_000)
            ),
            &[
                ":4:",
                "nests `[` and `{` too deeply",
                "write lists one `- item` per line",
            ],
        ),
        case(
            "broken template syntax",
            "templates/seed.html",
            "{% extends \"base.html\" %}\n{% block main %}\n{{ seed.name \n{% endblock main %}",
            &[
                "templates/seed.html:",
                "template error",
                "fix the template, or delete it",
            ],
        ),
        case(
            "template uses an unknown variable",
            "templates/term.html",
            "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ no_such_thing.x }}</p>\n{% endblock main %}",
            &["templates/term.html:3:", "template error"],
        ),
        case(
            "site.yaml is not YAML",
            "site.yaml",
            "title: [Test\nlang: de\n",
            &["site.yaml:", "help:"],
        ),
        case(
            "site.yaml without title",
            "site.yaml",
            "lang: de\n",
            &["site.yaml:1:1", "missing field `title`", "add the field"],
        ),
        case(
            "site.yaml with a javascript base_url",
            "site.yaml",
            "title: T\nbase_url: \"javascript:alert(1)//\"\n",
            &[
                "site.yaml",
                "not an absolute http(s) URL",
                "https://example.org/",
            ],
        ),
        Case {
            name: "site.yaml missing",
            setup: |f| f.remove("site.yaml"),
            expect: vec!["site.yaml", "site.yaml is missing", "pass --root"],
            ..case("", B, &briefing("", ""), &[])
        },
        Case {
            name: "file is not UTF-8",
            files: vec![(B, [HEAD.as_bytes(), b"---\nGr\xfc\xdfe\n"].concat())],
            expect: vec![":5:3", "not valid UTF-8", "save the file as UTF-8"],
            ..case("", B, "", &[])
        },
        Case {
            name: "Latin-1 site.yaml",
            files: vec![("site.yaml", b"title: Gr\xfc\xdfe\nlang: de\n".to_vec())],
            expect: vec!["site.yaml:1:10", "not valid UTF-8"],
            ..case("", B, "", &[])
        },
        Case {
            name: "50 MB briefing",
            files: vec![(B, {
                let mut big = briefing("", "").into_bytes();
                big.resize(50 * 1024 * 1024, b'a');
                big
            })],
            expect: vec![B_LOC, "too large (50.0 MB)", "split it"],
            ..case("", B, "", &[])
        },
        Case {
            name: "50 MB seed",
            files: vec![("seeds/riesig.txt", vec![b'x'; 50 * 1024 * 1024])],
            expect: vec!["seeds/riesig.txt", "too large", "split it"],
            ..case("", B, "", &[])
        },
        Case {
            name: "output below a regular file",
            args: vec!["--output".into(), "site.yaml/public".into()],
            expect: vec![
                "cannot create the output's parent folder site.yaml",
                "help:",
                "--output",
            ],
            ..case("", B, &briefing("", ""), &[])
        },
        Case {
            name: "output is a regular file",
            args: vec!["--output".into(), "site.yaml".into()],
            code: 2,
            expect: vec!["refusing to replace the file site.yaml", "must be a folder"],
            ..case("", B, &briefing("", ""), &[])
        },
        Case {
            name: "output is the content folder",
            args: vec!["--output".into(), "content".into()],
            code: 2,
            expect: vec![
                "refusing to use content as the output folder",
                "pick a folder such as",
            ],
            ..case("", B, &briefing("", ""), &[])
        },
        Case {
            name: "output inside static",
            args: vec!["--output".into(), "static/site".into()],
            code: 2,
            expect: vec!["refusing to use static/site as the output folder"],
            ..case("", B, &briefing("", ""), &[])
        },
        Case {
            name: "output climbs into content",
            args: vec!["--output".into(), "public/../content".into()],
            code: 2,
            expect: vec!["refusing to use public/../content as the output folder"],
            ..case("", B, &briefing("", ""), &[])
        },
        Case {
            name: "output is the filesystem root",
            args: vec!["--output".into(), "/".into()],
            code: 2,
            expect: vec!["refusing to use / as the output folder"],
            ..case("", B, &briefing("", ""), &[])
        },
    ];
    #[cfg(unix)]
    all.extend([
        Case {
            name: "output is a link to content",
            setup: |f| link(f, &f.root().join("content"), "out"),
            args: vec!["--output".into(), "out".into()],
            code: 2,
            expect: vec!["refusing to use out as the output folder"],
            ..case("", B, &briefing("", ""), &[])
        },
        Case {
            name: "briefing links out of the site",
            setup: |f| {
                link(
                    f,
                    &outside().join("secret.md"),
                    "content/briefings/2025-05-01-geheim.md",
                )
            },
            expect: vec![
                "2025-05-01-geheim.md",
                "points outside the site folder",
                "copy the file into the site",
            ],
            ..case("", B, &briefing("", ""), &[])
        },
        Case {
            name: "content folder links out of the site",
            setup: |f| {
                std::fs::remove_dir_all(f.root().join("content/events")).expect("remove");
                link(f, outside(), "content/events");
            },
            expect: vec!["content/events", "points outside the site folder"],
            ..case("", B, &briefing("", ""), &[])
        },
        Case {
            name: "seed links out of the site",
            setup: |f| link(f, Path::new("/etc/passwd"), "seeds/passwd.txt"),
            expect: vec!["seeds/passwd.txt", "points outside the site folder"],
            ..case("", B, &briefing("", ""), &[])
        },
        Case {
            name: "static file links out of the site",
            setup: |f| link(f, Path::new("/etc/passwd"), "static/passwd.txt"),
            expect: vec!["static/passwd.txt", "points outside the site folder"],
            ..case("", B, &briefing("", ""), &[])
        },
        Case {
            name: "template links out of the site",
            setup: |f| link(f, &outside().join("secret.html"), "templates/term.html"),
            expect: vec!["templates/term.html", "points outside the site folder"],
            ..case("", B, &briefing("", ""), &[])
        },
    ]);
    all
}

/// Runs one case; returns what went wrong, if anything.
fn check(case: &Case) -> Result<(), String> {
    let started = std::time::Instant::now();
    let f = Fixture::small();
    f.build();
    let before = snapshot(&f.public());
    for (path, bytes) in &case.files {
        let full = f.root().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("folder");
        std::fs::write(full, bytes).expect("write");
    }
    (case.setup)(&f);
    let mut args = vec!["build".to_string()];
    args.extend(case.args.iter().cloned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = f.run(&args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut wrong = Vec::new();
    if out.status.code() != Some(case.code) {
        wrong.push(format!(
            "exit code {:?}, expected {}",
            out.status.code(),
            case.code
        ));
    }
    if stderr.contains("panicked") || out.status.code() == Some(101) {
        wrong.push("it panicked".into());
    }
    for needle in &case.expect {
        if !stderr.contains(needle) {
            wrong.push(format!("stderr lacks {needle:?}"));
        }
    }
    if before != snapshot(&f.public()) {
        wrong.push("the previous output changed".into());
    }
    let leftovers = std::fs::read_dir(f.root())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public"))
        .count();
    if leftovers > 0 {
        wrong.push("a staging folder was left behind".into());
    }
    eprintln!("case `{}`: {} ms", case.name, started.elapsed().as_millis());
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\n--- stderr:\n{stderr}", wrong.join("; ")))
    }
}

#[test]
fn every_broken_input_gets_a_clear_error_and_the_old_site_survives() {
    let cases = cases();
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let mut names: Vec<&str> = cases.iter().map(|c| c.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len(), "case names must be unique");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| check(c).err().map(|e| format!("case `{}`: {e}", c.name)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

#[test]
fn bom_crlf_and_mixed_line_endings_build() {
    let f = Fixture::small();
    f.write(B, "\u{feff}---\r\ntitle: Windows\r\ndate: \"2025-05-01\"\r\nactors: [putin]\r\n---\r\nText aus Windows.\r\n");
    f.write(
        "content/briefings/2025-05-02-gemischt.md",
        "---\r\ntitle: Gemischt\ndate: \"2025-05-02\"\r\n---\nZeilen gemischt.\r\n",
    );
    f.write(
        "content/actors/lawrow.md",
        "\u{feff}---\nname: Lawrow\n---\nBOM ohne CRLF.\n",
    );
    f.write("site.yaml", "\u{feff}title: Testdossier\r\nlang: de\r\n");
    f.build();
    assert!(
        f.read("briefings/2025-05-01-kaputt.html")
            .contains("Text aus Windows.")
    );
    assert!(
        f.read("briefings/2025-05-02-gemischt.html")
            .contains("Zeilen gemischt.")
    );
    assert!(f.read("actors/lawrow.html").contains("BOM ohne CRLF."));
}
