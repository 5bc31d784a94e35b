//! Property tests of the fast reader: generated front matter, with tricky scalars and
//! layouts, reads the same through the fast path as through `serde_yaml`.

use proptest::prelude::*;
use serde_yaml::Value;

use super::tests::{agrees, agrees_everywhere};
use crate::content::briefing::BriefingFront;

/// Scalars as written after `key: ` or `- `: usual ones, then tricky ones.
const USUAL: &[&str] = &[
    "x",
    "Gespräche in Genf",
    "yes",
    "no",
    "true",
    "0",
    "42",
    "012",
    "2024-03-18",
    "de",
    "\"q\"",
    "'it''s'",
    "Putin's",
    "https://x.org/a",
    "a:b",
    "a, b",
    "„Zitat“",
    "",
];
const SCALARS: &[&str] = &[
    "x",
    "Gespräche in Genf",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "true",
    "False",
    "TRUE",
    "~",
    "null",
    "",
    "0",
    "1",
    "42",
    "012",
    "-3",
    "+3",
    "1_000",
    "1.5",
    "1e3",
    "0x1f",
    "0o7",
    ".inf",
    "nan",
    "2024-03-18",
    "2024-03",
    "2024",
    "12:30",
    "de",
    "en",
    "person",
    "report",
    "confirmed",
    "https://x.org/a#b",
    "https://x.org/a",
    "a: b",
    "a:b",
    "a #b",
    "C#",
    "&a x",
    "*a",
    "!t x",
    "|",
    ">",
    "- x",
    "'q'",
    "'it''s'",
    "\"q\"",
    "\"a\\\"b\"",
    "\"\\x41\"",
    "\"\\t\"",
    "Putin's",
    "„Zitat“",
    "a, b",
    "a\u{85}b",
    "\"unclosed",
    "[]",
    "{}",
];
/// Keys, mostly those the front matter types know.
const KEYS: &[&str] = &[
    "title", "date", "summary", "lang", "draft", "actors", "topics", "sources", "events", "extra",
    "url", "id", "name", "kind", "aliases", "k", "rank", "x-y", "a_b", "true", "null", "yes", "on",
    "1", "a b", "<<", "inf",
];

fn scalar() -> impl Strategy<Value = &'static str> {
    prop_oneof![4 => prop::sample::select(USUAL), 1 => prop::sample::select(SCALARS)]
}

fn key() -> impl Strategy<Value = &'static str> {
    prop_oneof![8 => prop::sample::select(&KEYS[..19]), 1 => prop::sample::select(KEYS)]
}

/// A YAML tree, with the layout choices to write it in.
#[derive(Debug, Clone)]
enum Node {
    Scalar(&'static str),
    /// Entries, and how far they are indented under their key.
    Map(Vec<(&'static str, Node)>, usize),
    /// Items, written `[a, b]` if possible, and whether the dashes stand at the key's column.
    Seq(Vec<Node>, bool, bool),
}

fn node() -> impl Strategy<Value = Node> {
    let leaf = scalar().prop_map(Node::Scalar);
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            (
                prop::collection::vec((key(), inner.clone()), 0..6),
                1..5usize
            )
                .prop_map(|(entries, step)| Node::Map(entries, step)),
            (
                prop::collection::vec(inner, 0..5),
                any::<bool>(),
                any::<bool>()
            )
                .prop_map(|(items, flow, same)| Node::Seq(items, flow, same)),
        ]
    })
}

fn write_entries(entries: &[(&str, Node)], indent: usize, out: &mut String) {
    for (key, value) in entries {
        out.push_str(&" ".repeat(indent));
        out.push_str(key);
        out.push(':');
        write_value(value, indent, out);
    }
}

/// Writes what follows `key:` (or `- `) for an entry or item standing at `indent`.
fn write_value(value: &Node, indent: usize, out: &mut String) {
    match value {
        Node::Scalar(s) => {
            out.push(' ');
            out.push_str(s);
            out.push('\n');
        }
        Node::Map(entries, step) => {
            out.push('\n');
            write_entries(entries, indent + step, out);
        }
        Node::Seq(items, flow, _)
            if *flow && items.iter().all(|i| matches!(i, Node::Scalar(_))) =>
        {
            let items: Vec<&str> = items
                .iter()
                .map(|i| match i {
                    Node::Scalar(s) => *s,
                    _ => "",
                })
                .collect();
            out.push_str(&format!(" [{}]\n", items.join(", ")));
        }
        Node::Seq(items, _, same) => {
            out.push('\n');
            let dash = if *same { indent } else { indent + 2 };
            for item in items {
                out.push_str(&" ".repeat(dash));
                out.push('-');
                match item {
                    Node::Map(entries, _) if !entries.is_empty() => {
                        // The first key shares the dash's line; the others line up with it.
                        let mut inner = String::new();
                        write_entries(entries, dash + 2, &mut inner);
                        out.push(' ');
                        out.push_str(&inner[dash + 2..]);
                    }
                    other => write_value(other, dash, out),
                }
            }
        }
    }
}

/// Front matter from a generated tree, with blank lines, comments or CRLF sometimes.
fn yaml_like() -> impl Strategy<Value = String> {
    let top = prop::collection::vec((key(), node()), 1..8);
    (top, 0..4u8).prop_map(|(entries, extras)| {
        let mut out = String::new();
        write_entries(&entries, 0, &mut out);
        match extras {
            1 => out.replace('\n', "\r\n"),
            2 => out.replacen('\n', "\n\n# comment\n", 2),
            3 => out.replacen('\n', "  \n   \n", 3),
            _ => out,
        }
    })
}

/// Mostly `usual` values, sometimes `tricky` ones.
fn pick(
    usual: &'static [&'static str],
    tricky: &'static [&'static str],
) -> BoxedStrategy<&'static str> {
    prop_oneof![14 => prop::sample::select(usual), 1 => prop::sample::select(tricky)].boxed()
}

/// A briefing in the usual shape; every field holds a value of the right kind most of
/// the time (tricky ones among them), so typed reading gets through often.
fn briefing_like() -> impl Strategy<Value = String> {
    let text = || {
        pick(
            &[
                "x",
                "yes",
                "no",
                "Putin's",
                "'it''s'",
                "\"q\"",
                "\"a\\\"b\"",
                "„Zitat“",
                "012",
                "2024-03-18",
                "a:b",
                "Gespräche in Genf",
            ],
            &["on", "True", "42", "~", "", "a: b", "1.5"],
        )
    };
    let date = || {
        pick(
            &["2024", "2024-03", "2024-03-18", "\"2024-03-18\"", "'2024'"],
            &["2024-3-1", "~", "", "0o7"],
        )
    };
    let lang = || pick(&["de", "en", "\"de\"", ""], &["fr", "~", "null", "yes"]);
    let flag = pick(
        &["true", "false", "True", "FALSE"],
        &["yes", "\"true\"", "~", ""],
    );
    let list = || {
        pick(
            &[
                "[a, b]",
                "\n  - a\n  - b",
                "\n- a\n- b",
                "[]",
                "",
                "[\"a\", 'b']",
                "\n  - 012\n  - yes",
                "[yes, no, on]",
            ],
            &["\n    - x", "[a, [b]]", "~", "a"],
        )
    };
    let number = pick(
        &["1", "0", "2", "012"],
        &["\"1\"", "-1", "1.0", "0x1", "1_0"],
    );
    let status = pick(
        &["confirmed", "disputed", "\"reported\""],
        &["Confirmed", "yes"],
    );
    (
        (text(), date(), text(), lang(), flag),
        (list(), list(), list()),
        (text(), lang(), text(), date(), status, text(), number),
    )
        .prop_map(|((title, date, summary, lang, draft), (actors, topics, ev_actors), (url, slang, id, ev_date, status, quote, source))| {
            format!(
                "title: {title}\ndate: {date}\nsummary: {summary}\nlang: {lang}\ndraft: {draft}\nactors: {actors}\ntopics: {topics}\nsources:\n  - url: {url}\n    lang: {slang}\nevents:\n  - id: {id}\n    date: {ev_date}\n    status: {status}\n    actors: {ev_actors}\nquotes:\n  - actor: a\n    text: {quote}\n    source: {source}\nextra:\n  k: {draft}\n"
            )
        })
}

/// 3,000 cases by default; `PROPTEST_CASES=100000 cargo test --lib frontmatter::fast`
/// for a long run.
fn cases() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok());
    ProptestConfig::with_cases(cases.unwrap_or(3_000))
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn generated_yaml_agrees(yaml in yaml_like()) {
        agrees_everywhere(&yaml);
    }

    #[test]
    fn generated_briefings_agree(yaml in briefing_like()) {
        agrees_everywhere(&yaml);
        agrees_everywhere(&yaml.replace('\n', "\r\n"));
    }
}

/// The generators above must reach the fast path often, or the properties prove little.
#[test]
fn generated_inputs_often_take_the_fast_path() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut untyped, mut typed) = (0, 0);
    for _ in 0..1_000 {
        let yaml = yaml_like().new_tree(&mut runner).unwrap().current();
        untyped += usize::from(agrees::<Value>(&yaml));
        let yaml = briefing_like().new_tree(&mut runner).unwrap().current();
        typed += usize::from(agrees::<BriefingFront>(&yaml));
    }
    eprintln!("fast path taken: {untyped}/1000 generated YAML, {typed}/1000 generated briefings");
    assert!(untyped >= 150 && typed >= 150, "{untyped}, {typed}");
}

proptest! {
    /// The byte-level character check refuses exactly the characters libyaml does not
    /// read as themselves (see `plain_characters`), checked against a char-level list.
    /// The plain prefix moves the characters across the check's 32-byte blocks.
    #[test]
    fn character_check_matches_the_char_level_rule(
        prefix in "[a-z]{0,40}",
        rest in "(\\PC|[\\x00-\\x20\\x7f-\\u{a0}\\u{2028}\\u{2029}\\u{feff}\\u{fffe}\\u{ffff}]|\r\n){0,8}",
    ) {
        let text = format!("{prefix}{rest}");
        let allowed = |c: char| match c {
            '\n' | ' '..='~' => true,
            c => matches!(c, '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
                && !matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}'),
        };
        let expected = text.replace("\r\n", "\n").chars().all(allowed);
        prop_assert_eq!(super::plain_characters(&text), expected, "{:?}", text);
    }
}
