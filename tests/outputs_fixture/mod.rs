//! The fixture shared by the tests of feeds and exports: the small site plus a briefing
//! whose text exercises every escaping rule.

#![allow(dead_code)]

use serde_json::Value;

use crate::common::Fixture;

pub const BASE: &str = "https://example.org/dossier/";

/// A briefing known only to the month, with text that tests every escaping rule.
pub const TRICKY: &str = r#"---
title: "Waffenruhe; Gespräche, Fragen </script> & \"Zitate\""
date: "2025-03"
summary: "Erste Zeile\nzweite; mit Komma, Semikolon und \\ Backslash"
actors: [selenskyj]
topics: [Diplomatie]
events:
  - id: 2025-03-11-dschidda
    date: "2025-03-11"
    end: "2025-03-12"
    title: "Treffen in Dschidda; USA, Ukraine"
    summary: "Erste Zeile\nzweite mit \"Zitat\", Komma und einem sehr langen Nachsatz, der über fünfundsiebzig Oktette hinausgeht – mit Umlauten: äöü"
    actors: [selenskyj, ukraine]
    place: Dschidda
    status: confirmed
    sources: [{url: "https://example.org/j"}]
  - date: "2025-03"
    title: Nur im Monat bekannt
    actors: [selenskyj]
---
Text.
"#;

pub fn fixture() -> Fixture {
    let f = Fixture::small();
    f.write("content/briefings/2025-03-tricky.md", TRICKY);
    f.build();
    f
}

pub fn json(f: &Fixture, path: &str) -> Value {
    serde_json::from_str(&f.read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn feed(f: &Fixture, path: &str) -> atom_syndication::Feed {
    f.read(path)
        .parse()
        .unwrap_or_else(|e| panic!("{path} is not valid Atom: {e}"))
}
