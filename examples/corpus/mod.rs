//! A deterministic synthetic archive in dossier's real content format, for the
//! benchmark (`examples/gen_corpus.rs`) and the scale test (`tests/scale.rs`).
//!
//! N briefings (front matter with actors, topics, places, sources, events with partial
//! dates, quotes; bodies of 500-1,500 words with headings, lists, tables, footnotes,
//! links to the web, to earlier briefings' sections and to actors, and actor aliases)
//! and A actors. The same arguments give the same files.

// Shared by an example and a test through `#[path]`; each reads part of what it returns.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

/// splitmix64: tiny, fast and reproducible everywhere; no dependency needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "Verhandlungen",
    "Waffenruhe",
    "Delegation",
    "Gespräche",
    "Außenminister",
    "Vorschlag",
    "Sicherheit",
    "Garantien",
    "Grenze",
    "Abkommen",
    "Druck",
    "Sanktionen",
    "Frieden",
    "Regierung",
    "Erklärung",
    "Bericht",
    "Treffen",
    "Angriffe",
    "Infrastruktur",
    "zivile",
    "Energie",
    "Moratorium",
    "Vermittlung",
    "bilateral",
    "Entwurf",
    "Rahmen",
    "Gefangene",
    "Austausch",
    "Beobachter",
    "Mission",
    "Korridor",
    "humanitär",
    "die",
    "der",
    "und",
    "mit",
    "über",
    "nach",
    "für",
    "gegen",
    "nicht",
    "auch",
    "noch",
    "wird",
    "hat",
    "sagte",
];
const TOPICS: &[&str] = &[
    "Waffenstillstand",
    "Friedensverhandlungen",
    "Sanktionen",
    "Energie",
    "Gefangenenaustausch",
    "Sicherheitsgarantien",
    "Krim",
    "NATO-Mitgliedschaft",
    "Wiederaufbau",
    "Getreideabkommen",
    "Atomkraftwerk Saporischschja",
    "Humanitäre Korridore",
    "Minenräumung",
    "Kriegsverbrechen",
    "Diplomatie",
    "Militärhilfe",
    "Flüchtlinge",
    "Luftverteidigung",
    "Cyberangriffe",
    "Wahlen",
];
const PLACES: &[&str] = &[
    "Moskau",
    "Kyjiw",
    "London",
    "Paris",
    "Washington",
    "Istanbul",
    "Genf",
    "Dschidda",
    "Brüssel",
    "Berlin",
    "Warschau",
    "Ankara",
    "Riad",
    "Minsk",
    "Charkiw",
    "Odessa",
];
const KINDS: &[&str] = &[
    "talks",
    "statement",
    "attack",
    "call",
    "ceasefire",
    "decision",
    "proposal",
    "report",
];
const STATUSES: &[&str] = &[
    "confirmed",
    "confirmed",
    "reported",
    "unconfirmed",
    "disputed",
];
const PUBLISHERS: &[&str] = &[
    "Reuters",
    "AP",
    "AFP",
    "dpa",
    "BBC",
    "Kyiv Independent",
    "Interfax",
    "TASS",
];

pub struct Actor {
    pub slug: String,
    pub name: String,
    pub alias: String,
}

/// What was written about one briefing, for checking the built site against it.
#[derive(Debug, Clone)]
pub struct Written {
    pub slug: String,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Listed actors' slugs, sorted.
    pub actors: Vec<String>,
    /// Ids of the events it defines.
    pub events: Vec<String>,
}

pub fn actors(count: usize) -> Vec<Actor> {
    const FIRST: &[&str] = &[
        "Anna", "Boris", "Clara", "Dmitri", "Elena", "Fjodor", "Greta", "Hugo", "Irina", "Jonas",
    ];
    const LAST: &[&str] = &[
        "Kowalenko",
        "Lindqvist",
        "Morozow",
        "Novak",
        "Orlowa",
        "Petrenko",
        "Quandt",
        "Rostowa",
        "Schulz",
        "Tkachenko",
    ];
    (0..count)
        .map(|i| {
            let name = format!("{} {} {}", FIRST[i % 10], LAST[(i / 10) % 10], i);
            Actor {
                slug: format!("akteur-{i:04}"),
                alias: format!("{}{}", LAST[(i / 10) % 10], i),
                name,
            }
        })
        .collect()
}

fn date(rng: &mut Rng, year_from: i32) -> String {
    let year = year_from + rng.below(4) as i32;
    match rng.below(10) {
        0 => format!("{year}"),
        1 => format!("{year}-{:02}", 1 + rng.below(12)),
        _ => format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
    }
}

fn sentence(rng: &mut Rng, words: usize, out: &mut String) {
    for w in 0..words {
        let word = rng.pick(WORDS);
        if w == 0 {
            let mut c = word.chars();
            if let Some(first) = c.next() {
                out.extend(first.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(word);
        }
    }
    out.push_str(". ");
}

fn body(rng: &mut Rng, named: &[&Actor], links: &str, out: &mut String) {
    let target = 500 + rng.below(1000);
    let mut words = 0;
    let mut section = 0;
    let mut footnotes = 0;
    while words < target {
        section += 1;
        let _ = writeln!(out, "## Abschnitt {section}\n");
        if section == 1 {
            out.push_str(links);
        }
        for _ in 0..3 {
            let n = 12 + rng.below(10);
            sentence(rng, n, out);
            let actor = rng.pick(named);
            let _ = write!(out, "{} äußerte sich dazu. ", actor.alias);
            sentence(rng, n, out);
            if rng.below(3) == 0 {
                footnotes += 1;
                let _ = write!(out, "Laut Bericht[^{footnotes}]. ");
            }
            if rng.below(4) == 0 {
                let _ = write!(
                    out,
                    "Siehe [Quelle](https://example.org/{}). ",
                    rng.next() % 100_000
                );
            }
            out.push_str("\n\n");
            words += 2 * n + 4;
        }
        match section % 3 {
            0 => {
                out.push_str("| Punkt | Stand |\n|---|---|\n");
                for i in 0..3 {
                    let _ = writeln!(out, "| {} {i} | {} |", rng.pick(WORDS), rng.pick(WORDS));
                }
                out.push('\n');
                words += 12;
            }
            1 => {
                for _ in 0..4 {
                    let _ = writeln!(
                        out,
                        "- {} {} {}",
                        rng.pick(WORDS),
                        rng.pick(WORDS),
                        rng.pick(WORDS)
                    );
                }
                out.push('\n');
                words += 12;
            }
            _ => {}
        }
    }
    for n in 1..=footnotes {
        let _ = writeln!(
            out,
            "[^{n}]: {} vom {}.",
            rng.pick(PUBLISHERS),
            date(rng, 2022)
        );
    }
}

fn briefing(i: usize, rng: &mut Rng, actors: &[Actor]) -> (String, Written) {
    let named: Vec<&Actor> = (0..2 + rng.below(5)).map(|_| rng.pick(actors)).collect();
    let mut slugs: Vec<&str> = named.iter().map(|a| a.slug.as_str()).collect();
    slugs.sort_unstable();
    slugs.dedup();
    let mut out = String::with_capacity(12_000);
    let day = format!(
        "{}-{:02}-{:02}",
        2022 + rng.below(4),
        1 + rng.below(12),
        1 + rng.below(28)
    );
    let title = format!(
        "Lagebericht {i}: {} und {}",
        rng.pick(WORDS),
        rng.pick(WORDS)
    );
    let _ = writeln!(out, "---\ntitle: \"{title}\"");
    let _ = writeln!(
        out,
        "date: \"{day}\"\nsummary: \"Zusammenfassung {i}: {} {} {}.\"",
        rng.pick(WORDS),
        rng.pick(WORDS),
        rng.pick(WORDS)
    );
    let _ = writeln!(out, "actors: [{}]", slugs.join(", "));
    let _ = writeln!(out, "topics: [{}, {}]", rng.pick(TOPICS), rng.pick(TOPICS));
    let _ = writeln!(out, "places: [{}]", rng.pick(PLACES));
    out.push_str("sources:\n");
    for s in 0..2 + rng.below(3) {
        let _ = writeln!(
            out,
            "  - title: \"Bericht {i}-{s}\"\n    publisher: \"{}\"\n    url: \"https://example.org/{i}/{s}\"\n    date: \"{day}\"\n    lang: en",
            rng.pick(PUBLISHERS)
        );
    }
    out.push_str("events:\n");
    let mut events = Vec::new();
    for e in 0..2 + rng.below(2) {
        events.push(format!("e{i}-{e}"));
        let actor = rng.pick(&slugs);
        let _ = writeln!(
            out,
            "  - id: e{i}-{e}\n    date: \"{}\"\n    title: \"Ereignis {i}.{e}: {}\"\n    actors: [{actor}]\n    kind: {}\n    status: {}\n    sources:\n      - url: \"https://example.org/e/{i}/{e}\"",
            date(rng, 2022),
            rng.pick(WORDS),
            rng.pick(KINDS),
            rng.pick(STATUSES)
        );
    }
    out.push_str("quotes:\n");
    let speaker = rng.pick(&slugs);
    let _ = writeln!(
        out,
        "  - actor: {speaker}\n    text: \"Wir sind zu {} bereit.\"\n    date: \"{day}\"\n    source: 1",
        rng.pick(WORDS)
    );
    out.push_str("---\n");
    // Internal links, as editors write them: to a section of an earlier briefing and to
    // an actor's profile, by source path.
    let mut links = String::new();
    if i > 0 {
        let earlier = i - 1 - rng.below(i.min(100));
        let _ = write!(
            links,
            "Vgl. [Lagebericht {earlier}](b{earlier:06}.md#abschnitt-1). "
        );
    }
    let profile = rng.pick(&named);
    let _ = writeln!(
        links,
        "Zum Profil: [{}](../actors/{}.md).\n",
        profile.name, profile.slug
    );
    body(rng, &named, &links, &mut out);
    let written = Written {
        slug: format!("b{i:06}"),
        title,
        date: day,
        actors: slugs.iter().map(|s| s.to_string()).collect(),
        events,
    };
    (out, written)
}

pub fn actor_file(a: &Actor, i: usize) -> String {
    let kind = ["person", "person", "state", "organisation"][i % 4];
    format!(
        "---\nname: \"{}\"\nkind: {kind}\nrole: \"Funktion {i}\"\nroles:\n  - title: \"Funktion {i}\"\n    from: \"2020-01-01\"\naliases: [\"{}\"]\n---\nProfil von {}.\n",
        a.name, a.alias, a.name
    )
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

/// Writes an archive of `briefings` briefings and `actor_count` actors into `out`.
pub fn write_corpus(
    out: &Path,
    briefings: usize,
    actor_count: usize,
) -> std::io::Result<Vec<Written>> {
    let actors = actors(actor_count);
    write(
        &out.join("site.yaml"),
        "title: Benchmark-Archiv\nlang: de\nbase_url: https://bench.example.org/\n",
    )?;
    for (i, a) in actors.iter().enumerate() {
        write(
            &out.join("content/actors").join(format!("{}.md", a.slug)),
            &actor_file(a, i),
        )?;
    }
    let mut rng = Rng(42);
    let mut written = Vec::with_capacity(briefings);
    for i in 0..briefings {
        let (text, summary) = briefing(i, &mut rng, &actors);
        write(
            &out.join("content/briefings")
                .join(format!("{}.md", summary.slug)),
            &text,
        )?;
        written.push(summary);
    }
    Ok(written)
}
