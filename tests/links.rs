//! Internal links in bodies: written as source paths, built as relative page URLs at
//! every page depth; and nothing of serve mode in a build's output.

mod common;

use common::{Fixture, attr_values, html_files};

const LINKING: &str = r#"---
title: "Verweise"
date: "2025-04-23"
actors: [putin]
---
## Überblick

Siehe [Putin](../actors/putin.md), [sein Profil](@/actors/putin.md#profile),
die [Invasion](../events/2022-02-24-invasion.md), das [Originaldokument](../../seeds/artikel.txt),
den [Abschnitt oben](#ueberblick), das [andere Briefing](2025-04-22-putin-gespraeche.md#lage)
und [eine Website](https://example.org/seite.md).

[ref]: @/briefings/2025-04-22-putin-gespraeche.md
Und als Referenz: [das Briefing][ref].
"#;

fn site() -> Fixture {
    let f = Fixture::small();
    f.write("content/briefings/2025-04-23-verweise.md", LINKING);
    // An actor profile (depth 1) and an event description (shown at depth 0 and 1).
    f.write(
        "content/actors/nato.md",
        "---\nname: NATO\nkind: organisation\n---\nThema im [Briefing](@/briefings/2025-04-23-verweise.md#ueberblick).\n",
    );
    f.write(
        "content/events/2022-02-24-invasion.md",
        "---\nid: 2022-02-24-invasion\ndate: \"2022-02-24\"\ntitle: Russland beginnt die Vollinvasion\nactors: [putin, russland, ukraine]\nsources:\n  - url: https://example.org/lcil\n---\nVgl. [Dokument](@/seeds/artikel.txt).\n",
    );
    f
}

#[test]
fn source_paths_become_relative_page_urls() {
    let f = site();
    f.build();
    let page = f.read("briefings/2025-04-23-verweise.html");
    let hrefs = attr_values(&page, "href");
    for expected in [
        "../actors/putin.html",
        "../actors/putin.html#profile",
        "../timeline.html#2022-02-24-invasion",
        "../seeds/artikel.html",
        "#ueberblick",
        "../briefings/2025-04-22-putin-gespraeche.html#lage",
        "../briefings/2025-04-22-putin-gespraeche.html",
        "https://example.org/seite.md",
    ] {
        assert!(
            hrefs.iter().any(|h| h == expected),
            "{expected} missing in {hrefs:?}"
        );
    }
    let profile = f.read("actors/nato.html");
    assert!(profile.contains("href=\"../briefings/2025-04-23-verweise.html#ueberblick\""));
    let timeline = f.read("timeline.html");
    assert!(
        timeline.contains("href=\"seeds/artikel.html\""),
        "event text at depth 0"
    );
    let actor = f.read("actors/putin.html");
    assert!(
        actor.contains("href=\"../seeds/artikel.html\""),
        "event text at depth 1"
    );
}

#[test]
fn no_source_path_or_serve_script_is_left_in_the_output() {
    let f = site();
    f.build();
    for (path, html) in html_files(&f.public()) {
        for href in attr_values(&html, "href") {
            assert!(
                !href.ends_with(".md") || href.starts_with("https://"),
                "{path}: {href}"
            );
            assert!(!href.starts_with('@'), "{path}: {href}");
        }
        assert!(
            !html.contains("__dossier"),
            "{path} has the reload endpoint"
        );
        assert!(
            !html.contains("EventSource"),
            "{path} has the reload script"
        );
        assert!(!html.contains("dossier-overlay"), "{path} has the overlay");
    }
}

#[test]
fn a_link_to_a_draft_is_broken_unless_drafts_are_built() {
    let f = site();
    f.write(
        "content/briefings/2025-04-24-entwurf.md",
        "---\ntitle: Entwurf\ndate: \"2025-04-24\"\ndraft: true\n---\nText.\n",
    );
    f.write(
        "content/briefings/2025-04-25-zeiger.md",
        "---\ntitle: Zeiger\ndate: \"2025-04-25\"\n---\nZum [Entwurf](2025-04-24-entwurf.md).\n",
    );
    let out = f.run(&["build"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("2025-04-25-zeiger.md:5:5"), "{err}");
    assert!(err.contains("drafts are not linkable"), "{err}");
    let out = f.run(&["build", "--drafts"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn event_links_follow_a_timeline_split_by_month() {
    let f = site();
    f.write(
        "site.yaml",
        &format!("{}timeline_split: 1\n", common::SITE_YAML),
    );
    f.build();
    let page = f.read("briefings/2025-04-23-verweise.html");
    assert!(
        page.contains("href=\"../timeline.2022-02.html#2022-02-24-invasion\""),
        "{page}"
    );
    let month = f.read("timeline.2022-02.html");
    assert!(month.contains("id=\"2022-02-24-invasion\""));
    assert!(
        month.contains("href=\"seeds/artikel.html\""),
        "event text on a month page"
    );
}

#[test]
fn links_to_missing_headings_and_script_links_fail_the_build_together() {
    // Heading anchors and script links are checked after rendering, from what the one
    // Markdown pass per body learned: the build must still stop on them, all at once.
    let f = site();
    f.build();
    let before = common::snapshot(&f.public());
    f.write(
        "content/briefings/2025-04-25-zeiger.md",
        "---\ntitle: Zeiger\ndate: \"2025-04-25\"\n---\n## Lage\n\nZur [Übersicht](2025-04-23-verweise.md#ueberblik) und [hier](#lage).\n",
    );
    f.write(
        "content/actors/nato.md",
        "---\nname: NATO\nkind: organisation\n---\nText.\n\n[Klick](javascript:alert(1))\n",
    );
    let out = f.run(&["build"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("2025-04-25-zeiger.md:7:5"), "{err}");
    assert!(err.contains("no anchor `#ueberblik`"), "{err}");
    assert!(err.contains("did you mean `#ueberblick`?"), "{err}");
    assert!(err.contains("nato.md:7:1"), "{err}");
    assert!(err.contains("could run script"), "{err}");
    assert_eq!(common::snapshot(&f.public()), before, "public/ was changed");
}
