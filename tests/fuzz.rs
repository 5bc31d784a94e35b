//! Property tests: the front matter splitter and the whole load-and-render path never
//! panic, whatever the input. `PROPTEST_CASES=1000000 cargo test --release --test fuzz
//! splitter` is the long run (see README); CI runs the default, short one.

use std::path::Path;

use proptest::prelude::*;

use dossier::frontmatter;

/// Text that looks like front matter often enough to reach the YAML parser: fences,
/// keys, lists, quotes, BOMs, CRLF, tabs and anything else.
fn front_matter_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("---\n".to_string()),
        Just("---\r\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("title: ".to_string()),
        Just("date: \"2025-04-2".to_string()),
        Just("actors: [putin, ".to_string()),
        Just("  - ".to_string()),
        Just("\t".to_string()),
        Just("&a [".to_string()),
        Just("*a".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("events:\n  - id: ".to_string()),
        Just("{".to_string()),
        Just("]".to_string()),
        "[a-z0-9 :#\\-\\[\\]{}\"'\n]{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

/// A briefing that parses, with arbitrary text in every free field, so the render
/// stage (Markdown, templates, escaping) sees hostile text too.
fn valid_briefing() -> impl Strategy<Value = String> {
    // A leading letter keeps required fields non-empty and labels sluggable.
    let text = || "a\\PC{0,40}".prop_map(|t| serde_yaml::to_string(&t).unwrap_or_default());
    (text(), text(), text(), text(), text(), "(\\PC|\n){0,300}").prop_map(
        |(title, summary, topic, quote, place, body)| {
            let one_line = |t: String| t.trim_end().replace('\n', " ");
            format!(
                "---\ntitle: {}\ndate: \"2025-01-01\"\nsummary: {}\ntopics:\n  - {}\nplaces:\n  - {}\nactors: [putin]\nquotes:\n  - actor: putin\n    text: {}\n---\n{body}",
                one_line(title),
                one_line(summary),
                one_line(topic),
                one_line(place),
                one_line(quote)
            )
        },
    )
}

fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cases(2_000))]

    #[test]
    fn splitter_never_panics_and_positions_stay_in_the_file(text in front_matter_like()) {
        let lines = text.lines().count() + 2;
        match frontmatter::split(&text) {
            Ok(split) => {
                prop_assert!(text.contains(split.yaml) && text.ends_with(split.body));
                prop_assert!(split.body_line <= lines);
                if let Err(e) = frontmatter::parse::<dossier::content::BriefingFront>(&split) {
                    prop_assert!(!e.message.is_empty());
                    if let Some((line, column)) = e.position {
                        prop_assert!(line >= 1 && line <= lines && column >= 1, "{:?}", e);
                    }
                }
            }
            Err(e) => prop_assert!(e.position == Some((1, 1))),
        }
    }
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
    std::fs::write(path, text).expect("write");
}

proptest! {
    #![proptest_config(cases(48))]

    /// Random briefings, actors and events through `dossier::build`: an error or a site,
    /// never a panic, and a failed build leaves no output behind.
    #[test]
    fn load_and_render_never_panic(
        briefing in prop_oneof![front_matter_like(), valid_briefing()],
        actor in prop_oneof![1 => front_matter_like(), 3 => Just("---\nname: Fuzz\n---\n".to_string())],
        event in prop_oneof![1 => front_matter_like(), 3 => Just("---\ndate: \"2024\"\ntitle: Fuzz\n---\n".to_string())],
        body in "(\\PC|\n){0,200}",
    ) {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path();
        write(root, "site.yaml", "title: Fuzz\nlang: de\n");
        write(root, "content/actors/putin.md", "---\nname: Putin\n---\n");
        write(root, "content/briefings/2025-01-01-fuzz.md", &format!("{briefing}\n{body}"));
        write(root, "content/briefings/2025-01-02-ok.md", &format!("---\ntitle: Ok\ndate: \"2025-01-02\"\nactors: [putin]\n---\n{body}"));
        write(root, "content/actors/fuzz.md", &actor);
        write(root, "content/events/2025-01-03-fuzz.md", &event);
        let options = dossier::BuildOptions { root: root.to_path_buf(), ..Default::default() };
        match dossier::build(&options) {
            Ok(_) => {
                // Counted by hand with --nocapture, to see that the render stage is reached.
                eprintln!("fuzz: built");
                prop_assert!(root.join("public/briefings/2025-01-02-ok.html").is_file());
            }
            Err(dossier::Error::Content(problems)) => {
                prop_assert!(!problems.is_empty());
                prop_assert!(!root.join("public").exists());
            }
            Err(other) => prop_assert!(false, "unexpected error: {other}"),
        }
    }
}
