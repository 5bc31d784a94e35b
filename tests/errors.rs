//! Bad input: a clear message with file:line:column, every problem at once, exit code 1,
//! and the previous output left exactly as it was.

mod common;

use common::{Fixture, snapshot};

/// Builds a good site, breaks it with `files`, builds again, and returns stderr after
/// checking the exit code and that the old output is untouched.
fn break_and_build(files: &[(&str, &str)]) -> String {
    let f = Fixture::small();
    f.build();
    let before = snapshot(&f.public());
    for (path, text) in files {
        f.write(path, text);
    }
    let out = f.run(&["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(1),
        "expected exit 1, stderr:\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(before, snapshot(&f.public()), "previous output changed");
    let leftovers: Vec<_> = std::fs::read_dir(f.root())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "staging folder left behind");
    stderr
}

const BRIEF: &str = "content/briefings/2025-05-01-kaputt.md";

#[test]
fn a_bad_month_names_file_line_and_column() {
    let err = break_and_build(&[(BRIEF, "---\ntitle: Kaputt\ndate: \"2025-13-01\"\n---\n")]);
    assert!(err.contains("2025-05-01-kaputt.md:3:7"), "{err}");
    assert!(err.contains("month 13"), "{err}");
}

#[test]
fn dates_in_other_formats_are_refused_with_the_expected_format() {
    for bad in ["April 2025", "25.04.2025", "2025-02-30"] {
        let err = break_and_build(&[(
            BRIEF,
            &format!("---\ntitle: Kaputt\ndate: \"{bad}\"\n---\n"),
        )]);
        assert!(err.contains("2025-05-01-kaputt.md:3:"), "{bad}: {err}");
        assert!(
            err.contains("YYYY-MM-DD") || err.contains("has no day 30"),
            "{bad}: {err}"
        );
    }
}

#[test]
fn an_unclosed_front_matter_is_reported() {
    let err = break_and_build(&[(
        BRIEF,
        "---\ntitle: Kaputt\ndate: \"2025-05-01\"\n\nText ohne Ende\n",
    )]);
    assert!(err.contains("2025-05-01-kaputt.md:1:1"), "{err}");
    assert!(err.contains("never closed"), "{err}");
    assert!(err.contains("add a line `---`"), "{err}");
}

#[test]
fn a_missing_front_matter_is_reported() {
    let err = break_and_build(&[(BRIEF, "Nur Text.\n")]);
    assert!(err.contains("does not start with front matter"), "{err}");
}

#[test]
fn unknown_keys_are_typos_with_the_allowed_keys_as_hint() {
    let err = break_and_build(&[(
        BRIEF,
        "---\ntitle: Kaputt\ndate: \"2025-05-01\"\nsumary: x\n---\n",
    )]);
    assert!(err.contains("2025-05-01-kaputt.md:4:1"), "{err}");
    assert!(err.contains("unknown field `sumary`"), "{err}");
    assert!(err.contains("`summary`"), "{err}");
}

#[test]
fn wrong_types_are_reported_where_they_stand() {
    let err = break_and_build(&[(
        BRIEF,
        "---\ntitle: Kaputt\ndate: \"2025-05-01\"\nactors: putin\n---\n",
    )]);
    assert!(err.contains("2025-05-01-kaputt.md:4:"), "{err}");
    assert!(err.contains("invalid type"), "{err}");
}

#[test]
fn an_unknown_actor_gets_a_did_you_mean() {
    let err = break_and_build(&[(
        BRIEF,
        "---\ntitle: Kaputt\ndate: \"2025-05-01\"\nactors:\n  - putin\n  - zelensky\n---\n",
    )]);
    assert!(err.contains("2025-05-01-kaputt.md:6:5"), "{err}");
    assert!(err.contains("unknown actor `zelensky`"), "{err}");
    assert!(err.contains("did you mean `selenskyj`"), "{err}");
}

#[test]
fn a_missing_seed_lists_the_seeds_there_are() {
    let err = break_and_build(&[(
        BRIEF,
        "---\ntitle: Kaputt\ndate: \"2025-05-01\"\nsources:\n  - title: X\n    seed: fehlt.txt\n---\n",
    )]);
    assert!(err.contains("2025-05-01-kaputt.md:6:11"), "{err}");
    assert!(err.contains("seeds/ holds: artikel.txt"), "{err}");
}

#[test]
fn duplicate_event_ids_name_both_places() {
    let err = break_and_build(&[(
        BRIEF,
        "---\ntitle: Kaputt\ndate: \"2025-05-01\"\nevents:\n  - id: 2022-02-24-invasion\n    date: \"2022-02-24\"\n    title: Doppelt\n---\n",
    )]);
    assert!(
        err.contains("event id `2022-02-24-invasion` is already used at"),
        "{err}"
    );
    assert!(err.contains("2022-02-24-invasion.md"), "{err}");
}

#[test]
fn an_event_ending_before_it_starts_is_refused() {
    let err = break_and_build(&[(
        BRIEF,
        "---\ntitle: Kaputt\ndate: \"2025-05-01\"\nevents:\n  - date: \"2025-04-02\"\n    end: \"2025-04-01\"\n    title: Rückwärts\n---\n",
    )]);
    assert!(err.contains("2025-05-01-kaputt.md:6:"), "{err}");
    assert!(err.contains("ends (2025-04-01) before it starts"), "{err}");
}

#[test]
fn a_link_to_an_unknown_event_is_refused() {
    let err = break_and_build(&[(
        BRIEF,
        "---\ntitle: Kaputt\ndate: \"2025-05-01\"\nevents:\n  - id: 2022-02-24-invasio\n---\n",
    )]);
    assert!(
        err.contains("event `2022-02-24-invasio` does not exist"),
        "{err}"
    );
    assert!(err.contains("did you mean `2022-02-24-invasion`"), "{err}");
}

#[test]
fn two_files_for_one_page_are_refused() {
    let err = break_and_build(&[
        (
            "content/briefings/a/2025-05-01-doppelt.md",
            "---\ntitle: A\ndate: \"2025-05-01\"\n---\n",
        ),
        (
            "content/briefings/b/2025-05-01-doppelt.md",
            "---\ntitle: B\ndate: \"2025-05-01\"\n---\n",
        ),
    ]);
    assert!(
        err.contains("both would be written to briefings/2025-05-01-doppelt.html"),
        "{err}"
    );
}

#[test]
fn all_problems_of_all_files_are_reported_in_one_run() {
    let err = break_and_build(&[
        (
            "content/briefings/2025-05-01-eins.md",
            "---\ntitle: Eins\ndate: \"2025-13-01\"\n---\n",
        ),
        (
            "content/briefings/2025-05-02-zwei.md",
            "---\ntitle: Zwei\ndate: \"2025-05-02\"\nactors: [putn]\n---\n",
        ),
        (
            "content/actors/lawrow.md",
            "---\nname: Lawrow\ncountry: russlnd\n---\n",
        ),
    ]);
    assert!(err.contains("2025-05-01-eins.md:3:7"), "{err}");
    assert!(err.contains("2025-05-02-zwei.md:4:10"), "{err}");
    assert!(err.contains("lawrow.md:3:10"), "{err}");
    assert!(err.contains("3 problem(s)"), "{err}");
}

#[test]
fn a_broken_template_names_the_template_and_line() {
    let err = break_and_build(&[(
        "templates/seed.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ seed.name \n{% endblock main %}",
    )]);
    assert!(err.contains("templates/seed.html:"), "{err}");
    assert!(err.contains("template error"), "{err}");
}

#[test]
fn a_file_that_is_not_utf8_is_reported_with_its_line() {
    let f = Fixture::small();
    f.build();
    let before = snapshot(&f.public());
    std::fs::write(
        f.root().join(BRIEF),
        b"---\ntitle: Kaputt\ndate: \"2025-05-01\"\n---\nGr\xfc\xdfe\n",
    )
    .expect("write");
    let out = f.run(&["build"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("not valid UTF-8"), "{err}");
    assert!(err.contains("2025-05-01-kaputt.md:5:3"), "{err}");
    assert_eq!(before, snapshot(&f.public()));
}

#[test]
fn bom_and_crlf_files_build() {
    let f = Fixture::small();
    f.write(BRIEF, "\u{feff}---\r\ntitle: Windows\r\ndate: \"2025-05-01\"\r\nactors: [putin]\r\n---\r\nText aus Windows.\r\n");
    f.build();
    assert!(
        f.read("briefings/2025-05-01-kaputt.html")
            .contains("Text aus Windows.")
    );
}

#[test]
fn a_missing_site_yaml_says_what_to_do() {
    let f = Fixture::small();
    f.remove("site.yaml");
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("site.yaml is missing"), "{err}");
    assert!(err.contains("--root"), "{err}");
}

#[test]
fn usage_errors_exit_with_2() {
    let f = Fixture::small();
    assert_eq!(f.run(&["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(f.run(&["frobnicate"]).status.code(), Some(2));
    let out = f.run(&["build", "--output", "content"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing to use"));
    assert!(f.root().join("content/actors/putin.md").exists());
}

#[test]
fn help_and_version_explain_the_tool() {
    let f = Fixture::empty();
    let help = f.run(&["build", "--help"]);
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    for flag in ["--root", "--output", "--base-url", "--drafts"] {
        assert!(text.contains(flag), "build --help lacks {flag}");
    }
    let version = f.run(&["--version"]);
    assert!(String::from_utf8_lossy(&version.stdout).contains(env!("CARGO_PKG_VERSION")));
}
