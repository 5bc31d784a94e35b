//! A generated archive (the benchmark's corpus) builds into a correct site: every link
//! and anchor resolves, every briefing has its page with its title, German date and
//! actors, every actor's pages list exactly the briefings that name it, and the
//! timeline holds every event in date order.
//!
//! CI builds 600 briefings, enough for paginated lists and a timeline split by month.
//! The benchmark's sizes are checked by hand:
//! `DOSSIER_SCALE_BRIEFINGS=10000 cargo test --release --test scale -- --nocapture`.

mod common;
#[path = "../examples/corpus/mod.rs"]
mod corpus;

use std::collections::{BTreeMap, BTreeSet};

use common::{attr_values, broken_links, dossier_cmd, event_start_dates, html_files};

const MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// `2023-09-04` as a German reader sees it: `4. September 2023`.
fn german_date(iso: &str) -> String {
    let parts: Vec<usize> = iso.split('-').map(|p| p.parse().expect("number")).collect();
    format!("{}. {} {}", parts[2], MONTHS[parts[1] - 1], parts[0])
}

/// The "briefings naming this actor" section of an actor page.
fn briefing_section(html: &str) -> Option<&str> {
    let start = html.find("aria-labelledby=\"actor-briefings\"")?;
    let end = html[start..].find("</section>")? + start;
    Some(&html[start..end])
}

/// The briefing slugs some HTML links to.
fn linked_briefings<'a>(pages: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    pages
        .flat_map(|html| attr_values(html, "href"))
        .filter_map(|href| {
            let name = href.rsplit('/').next()?.split('#').next()?.to_string();
            let slug = name.strip_suffix(".html")?;
            (slug.starts_with('b') && slug[1..].chars().all(|c| c.is_ascii_digit()))
                .then(|| slug.to_string())
        })
        .collect()
}

#[test]
fn a_generated_archive_builds_into_a_correct_site() {
    let briefings: usize = std::env::var("DOSSIER_SCALE_BRIEFINGS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(600);
    let dir = tempfile::tempdir().expect("temp dir");
    let written = corpus::write_corpus(dir.path(), briefings, 30).expect("corpus");
    let out = dossier_cmd()
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .expect("run dossier");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let public = dir.path().join("public");
    let pages = html_files(&public);

    let broken = broken_links(&public);
    assert!(
        broken.is_empty(),
        "{} broken, e.g. {}",
        broken.len(),
        broken[..broken.len().min(10)].join("\n")
    );

    let mut naming: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for b in &written {
        let page = &pages[&format!("briefings/{}.html", b.slug)];
        assert!(
            page.contains(&format!("<h1>{}</h1>", b.title)),
            "{}",
            b.slug
        );
        assert!(page.contains(&german_date(&b.date)), "{}: date", b.slug);
        for actor in &b.actors {
            assert!(
                page.contains(&format!("href=\"../actors/{actor}.html\"")),
                "{} does not link {actor}",
                b.slug
            );
            naming.entry(actor).or_default().insert(b.slug.clone());
        }
    }

    // An actor's list may be split into parts: actors/x.html, actors/x.2.html, ...
    for (actor, expected) in &naming {
        let lists: Vec<&str> = pages
            .iter()
            .filter(|(path, _)| {
                path.strip_prefix(&format!("actors/{actor}."))
                    .is_some_and(|rest| rest == "html" || rest.ends_with(".html"))
            })
            .filter_map(|(_, html)| briefing_section(html))
            .collect();
        let listed = linked_briefings(lists.into_iter());
        assert_eq!(&listed, expected, "briefings listed for actor {actor}");
    }

    let events: usize = written.iter().map(|b| b.events.len()).sum();
    let mut seen = BTreeSet::new();
    for (path, html) in pages.iter().filter(|(p, _)| p.starts_with("timeline")) {
        for id in attr_values(html, "id") {
            let digits = id.strip_prefix('e').and_then(|rest| rest.split_once('-'));
            if digits.is_some_and(|(b, e)| b.parse::<usize>().is_ok() && e.parse::<usize>().is_ok())
            {
                seen.insert(id);
            }
        }
        let days: Vec<String> = event_start_dates(html)
            .into_iter()
            .filter(|d| d.len() == 10)
            .collect();
        assert!(days.is_sorted(), "{path}: events out of date order");
    }
    assert_eq!(seen.len(), events, "events on the timeline pages");
    let parts = |prefix: &str| pages.keys().filter(|p| p.starts_with(prefix)).count();
    // The archive is large enough for what the test is about: split lists and timeline.
    assert!(
        parts("actors/") > naming.len() + 1,
        "no actor list was paginated"
    );
    assert!(parts("timeline.") > 1, "the timeline was not split");
    eprintln!(
        "{briefings} briefings: {} pages ({} actor, {} timeline), {events} events; every link resolves",
        pages.len(),
        parts("actors/"),
        parts("timeline.")
    );
}
