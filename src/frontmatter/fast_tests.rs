//! The fast reader against `serde_yaml`: whenever the fast path gives a result, the full
//! parser must give the same one, for untyped values and for every front matter type.

use std::fmt::Debug;

use serde::de::DeserializeOwned;
use serde_yaml::Value;

use super::parse;
use crate::config::SiteFile;
use crate::content::actor::ActorFront;
use crate::content::briefing::BriefingFront;
use crate::content::event::EventFront;

/// Whether the fast path took `yaml` as `T`; panics if it disagrees with `serde_yaml`.
pub(super) fn agrees<T: DeserializeOwned + Debug>(yaml: &str) -> bool {
    let Some(fast) = parse(yaml).and_then(|v| T::deserialize(v).ok()) else {
        return false;
    };
    match serde_yaml::from_str::<T>(yaml) {
        Ok(full) => assert_eq!(
            format!("{full:?}"),
            format!("{fast:?}"),
            "fast and full parser differ on {yaml:?}"
        ),
        Err(e) => panic!("fast path accepted {yaml:?}, which serde_yaml refuses: {e}"),
    }
    true
}

/// Checks `yaml` as every type front matter is read into; true if the fast path took it
/// as an untyped value.
pub(super) fn agrees_everywhere(yaml: &str) -> bool {
    agrees::<BriefingFront>(yaml);
    agrees::<ActorFront>(yaml);
    agrees::<EventFront>(yaml);
    agrees::<SiteFile>(yaml);
    agrees::<Value>(yaml)
}

const BRIEFING: &str = r#"title: "Lagebericht 0: noch und Gespräche"
date: "2023-09-14"
summary: "Zusammenfassung: nicht Gefangene."
actors: [akteur-0050, akteur-0058]
topics: [Flüchtlinge, Atomkraftwerk Saporischschja]
places: [Istanbul]
sources:
  - title: "Bericht 0-0"
    publisher: "TASS"
    url: "https://example.org/0/0"
    date: "2023-09-14"
    lang: en
events:
  - id: e0-0
    date: "2023-09-06"
    title: "Ereignis 0.0: sagte"
    actors: [akteur-0058]
    kind: report
    status: unconfirmed
    sources:
      - url: "https://example.org/e/0/0"
quotes:
  - actor: akteur-0091
    text: "Wir sind zu Frieden bereit."
    date: "2023-09-14"
    source: 1
"#;

#[test]
fn takes_the_usual_front_matter_and_reads_it_as_serde_yaml_does() {
    assert!(agrees::<BriefingFront>(BRIEFING));
    assert!(agrees::<BriefingFront>(&BRIEFING.replace('\n', "\r\n")));
    let plain = "title: Gespräche in Genf\ndate: 2024-03-18\ndraft: false\n# a comment\n\nactors:\n- putin\n- selenskyj\nsources:\n  - url: https://example.org/a?b=c\n    title: Putin's \"plan\", [draft]\nextra:\n  rank: 3\n  tags: ['it''s', \"a\\\"b\", 012, 7, yes, no, on, off]\n  nested:\n    deeper:\n      - x\n      - [y, z]\n";
    assert!(agrees::<BriefingFront>(plain));
    assert!(agrees::<Value>(plain));
    assert!(agrees::<ActorFront>(
        "name: \"Anna K\"\nkind: person\nroles:\n  - title: \"F\"\n    from: \"2020-01-01\"\naliases: [\"K0\"]\n"
    ));
    assert!(agrees::<SiteFile>(
        "title: \"Dossier\"\nbase_url: \"https://x.org/\"\nlang: de\npaginate: 20\n"
    ));
}

/// Scalars whose meaning differs between YAML 1.1 and 1.2 resolvers, or between
/// parsers: each is either read exactly as serde_yaml reads it, or left to it.
#[test]
fn tricky_scalars_agree_or_fall_back() {
    // (scalar, whether the fast path takes it)
    let table = [
        ("yes", true),
        ("No", true),
        ("on", true),
        ("off", true),
        ("y", true),
        ("true", true),
        ("True", true),
        ("FALSE", true),
        ("tRUE", true),
        ("0", true),
        ("42", true),
        ("012", true),
        ("0755", true),
        ("18446744073709551615", true),
        ("2024-03-18", true),
        ("2024-03", true),
        ("a:b", true),
        ("C, D", true),
        ("Putin's", true),
        ("„Zitat“", true),
        ("'single ''quoted'''", true),
        ("\"double \\\"quoted\\\"\"", true),
        ("\"esc \\t \\n \\/ \\\\\"", true),
        ("\"\"", true),
        ("[]", true),
        ("[a, 'b c', \"d\", 1, true]", true),
        ("~", false),
        ("null", false),
        ("NULL", false),
        ("18446744073709551616", false),
        ("-1", false),
        ("+1", false),
        ("1_000", false),
        ("1e3", false),
        ("1.5", false),
        ("0o17", false),
        ("0x1F", false),
        (".inf", false),
        ("-.inf", false),
        (".nan", false),
        ("inf", false),
        ("NaN", false),
        ("2024-3-18", false),
        ("12:30", true),
        ("2024-03-18T10:00:00Z", true),
        ("2022-03-10-antalya", true),
        ("3 Tage", true),
        ("1e3x", false),
        ("12abc", false),
        ("1f", false),
        ("0b101", false),
        ("1E5", false),
        ("1.", false),
        ("2inf", false),
        ("a: b", false),
        ("a #c", false),
        ("C#", false),
        ("&anchor x", false),
        ("*alias", false),
        ("!!str 3", false),
        ("!tag x", false),
        ("- x", false),
        ("? x", false),
        ("@x", false),
        ("`x`", false),
        ("%x", false),
        ("|", false),
        (">", false),
        ("{a: 1}", false),
        ("{}", false),
        ("[a, [b]]", false),
        ("[a,]", false),
        ("[a: b]", false),
        ("\"\\x41\"", false),
        ("\"unclosed", false),
        ("'unclosed", false),
        ("\"a\" trailing", false),
        ("a\u{85}b", false),
        ("a\u{2028}b", false),
        ("a\u{feff}b", false),
        ("a\u{7f}b", false),
    ];
    for (scalar, fast) in table {
        for yaml in [
            format!("title: {scalar}\n"),
            format!("title: x\nextra:\n  k: {scalar}\n  list:\n    - {scalar}\n"),
        ] {
            assert_eq!(agrees_everywhere(&yaml), fast, "fast path use for {yaml:?}");
        }
        // Inside `[ ]` more is left to the full parser (`,` `:` quotes); it must agree.
        agrees_everywhere(&format!("name: x\naliases: [{scalar}]\n"));
    }
}

#[test]
fn structures_it_leaves_to_the_full_parser() {
    for yaml in [
        "title: a\ntitle: b\n",
        "title: x\nextra:\n  a: 1\n  a: 2\n",
        "base: &b\n  x: 1\nother:\n  <<: *b\n",
        "title: x\nsummary: |\n  block\n",
        "title: x\nsummary: >\n  folded\n",
        "title: a long\n  plain scalar\n",
        "title: \"a long\n  quoted one\"\n",
        "title: x\n  # indented comment\n",
        "title: x # trailing comment\n",
        "  title: x\n",
        "title: x\n extra: 1\n",
        "- a\n- b\n",
        "title: x\n...\n",
        "%YAML 1.2\ntitle: x\n",
        "? title\n: x\n",
        "\"title\": x\n",
        "true: x\n",
        "null: x\n",
        "1: x\n",
        "title x\n",
        "title:x\n",
        "# only a comment\n",
        "extra:\n  -\n",
        "extra:\n  - - a\n",
        "extra:\n  -  a\n",
        "title: x\r\rdate: y\n",
        "title: x\tdate: y\n",
    ] {
        assert!(!agrees_everywhere(yaml), "fast path took {yaml:?}");
    }
    let deep = (0..30).fold(String::new(), |acc, i| {
        format!("{acc}{}k{i}:\n", " ".repeat(i))
    });
    assert!(!agrees_everywhere(&deep));
}

#[test]
fn same_indent_lists_and_empty_values_agree() {
    for yaml in [
        "title: x\nactors:\n- a\n- b\ntopics: []\n",
        "title: x\nevents:\n  - id: e1\n    actors:\n    - a\n    sources:\n      - url: \"https://x.org\"\n",
        "title: x\nsummary:\nactors:\nextra:\n",
        "title: x\nextra:\n  empty:\n  list:\n  - 1\n  - 012\n",
    ] {
        assert!(agrees_everywhere(yaml), "fast path refused {yaml:?}");
    }
}

/// The project's own site: every front matter reads the same either way.
#[test]
fn the_projects_own_content_agrees() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (mut files, mut fast) = (0, 0);
    for entry in walkdir::WalkDir::new(root.join("content")).sort_by_file_name() {
        let entry = entry.expect("content folder readable");
        if entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("content file readable");
        let split = super::super::split(&text).expect("content has front matter");
        files += 1;
        fast += usize::from(agrees_everywhere(split.yaml));
    }
    let site = std::fs::read_to_string(root.join("site.yaml")).expect("site.yaml readable");
    fast += usize::from(agrees::<SiteFile>(&site));
    eprintln!("fast path taken for {fast} of {} files", files + 1);
    assert!(files > 0);
}
