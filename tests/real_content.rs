//! Builds this repository's own site (content/, seeds/, site.yaml) and checks what the
//! first readers need: the seed briefing, its actors and the timeline within two clicks.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{attr_values, broken_links, dossier_cmd, html_files, resolve};

const SEED: &str = "000_dd5c153005a1d01d.txt";

fn build_repo_site() -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().expect("temporary folder");
    let public = out.path().join("public");
    let root = env!("CARGO_MANIFEST_DIR");
    let result = dossier_cmd()
        .args(["build", "--root", root, "--output"])
        .arg(&public)
        .output()
        .expect("run dossier");
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    (out, public)
}

/// Pages reachable from the home page in at most `clicks` clicks.
fn reachable(public: &Path, clicks: usize) -> BTreeMap<String, usize> {
    let pages = html_files(public);
    let mut seen = BTreeMap::from([("index.html".to_string(), 0)]);
    let mut frontier = vec!["index.html".to_string()];
    for depth in 1..=clicks {
        let mut next = Vec::new();
        for page in &frontier {
            let Some(html) = pages.get(page) else {
                continue;
            };
            for href in attr_values(html, "href") {
                if href.contains("://") || href.starts_with('#') {
                    continue;
                }
                let path = href.split('#').next().unwrap_or_default();
                let target = resolve(page, path);
                if pages.contains_key(&target) && !seen.contains_key(&target) {
                    seen.insert(target.clone(), depth);
                    next.push(target);
                }
            }
        }
        frontier = next;
    }
    seen
}

/// The briefing that cites the seed, found through the seed's own page.
fn seed_briefing(public: &Path) -> String {
    let seed_page =
        std::fs::read_to_string(public.join("seeds/000-dd5c153005a1d01d.html")).expect("seed page");
    let href = attr_values(&seed_page, "href")
        .into_iter()
        .find(|h| h.starts_with("../briefings/") && !h.ends_with("index.html"))
        .expect("the seed page links the briefing made from it");
    resolve("seeds/x.html", &href)
}

#[test]
fn the_seed_briefing_its_actors_and_the_timeline_are_two_clicks_from_home() {
    let (_tmp, public) = build_repo_site();
    let within_two = reachable(&public, 2);
    let briefing = seed_briefing(&public);
    assert!(
        within_two.contains_key(&briefing),
        "{briefing} not within two clicks"
    );
    assert!(within_two.contains_key("timeline.html"));
    let html = std::fs::read_to_string(public.join(&briefing)).expect("briefing");
    let chips = &html[html.find("class=\"chips\"").expect("actor chips")..];
    let chips = &chips[..chips.find("</ul>").expect("end of chips")];
    let actors: BTreeSet<String> = attr_values(chips, "href")
        .into_iter()
        .map(|h| resolve(&briefing, &h))
        .collect();
    for needed in ["putin", "selenskyj", "peskow", "rubio", "trump"] {
        assert!(
            actors.contains(&format!("actors/{needed}.html")),
            "briefing lacks actor {needed}"
        );
    }
    for actor in &actors {
        let depth = within_two.get(actor).copied();
        assert!(
            depth.is_some_and(|d| d <= 2),
            "{actor} is not within two clicks of home"
        );
    }
}

#[test]
fn the_seed_is_shown_verbatim_and_marked_machine_translated() {
    let (_tmp, public) = build_repo_site();
    let original = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("seeds")
            .join(SEED),
    )
    .expect("seed");
    let copied = std::fs::read(public.join("seeds/files").join(SEED)).expect("copied seed");
    assert_eq!(original, copied);
    let page =
        std::fs::read_to_string(public.join("seeds/000-dd5c153005a1d01d.html")).expect("seed page");
    assert!(page.contains("maschinell übersetzt"));
    assert!(
        page.contains("Osterfuß beschuldigte den anderen"),
        "the seed's own wording, unrepaired"
    );
}

#[test]
fn the_timeline_runs_from_the_invasion_to_the_london_talks() {
    let (_tmp, public) = build_repo_site();
    let html = std::fs::read_to_string(public.join("timeline.html")).expect("timeline");
    let main = &html[html.find("<main").expect("main")..];
    let dates = common::event_start_dates(main);
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "timeline out of date order");
    assert_eq!(dates.first().map(String::as_str), Some("2022-02-24"));
    // The last day of the timeline is the day of the London talks.
    let last_day = dates.last().cloned().unwrap_or_default();
    assert_eq!(last_day, "2025-04-23");
    let on_last_day: Vec<&str> = main
        .split("<li class=\"event")
        .skip(1)
        .filter(|e| e.contains(&format!("datetime=\"{last_day}\"")))
        .collect();
    assert!(
        on_last_day.iter().any(|e| e.contains("London")),
        "no London talks on the last day"
    );
    for day in [
        "2022-02-28",
        "2022-03-29",
        "2025-03-11",
        "2025-04-17",
        "2025-04-20",
        "2025-04-21",
    ] {
        assert!(dates.iter().any(|d| d == day), "no event on {day}");
    }
    assert!(main.contains("24. Februar 2022"));
    assert!(
        main.contains(">unbestätigt<"),
        "unconfirmed items are marked"
    );
}

#[test]
fn every_link_of_the_real_site_resolves() {
    let (_tmp, public) = build_repo_site();
    let broken = broken_links(&public);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}
