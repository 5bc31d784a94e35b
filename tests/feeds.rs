//! Atom feeds, sitemap, robots.txt and JSON-LD: built from a fixture site, read back
//! with real parsers, and what happens without a base URL.

mod common;
mod outputs_fixture;

use std::collections::{BTreeMap, BTreeSet};

use common::{attr_values, html_files, resolve};
use dossier::outputs::feeds::{self, SitemapLimits};
use outputs_fixture::{BASE, feed, fixture, json};
use serde_json::Value;

#[test]
fn atom_feeds_parse_with_absolute_links_dates_summaries_and_authors() {
    let f = fixture();
    let all = feed(&f, "feed.xml");
    assert_eq!(all.title().as_str(), "Testdossier");
    assert_eq!(all.id(), format!("{BASE}feed.xml"));
    assert_eq!(all.entries().len(), 3);
    // Newest first; the feed is as new as its newest entry, not as the clock.
    let first = &all.entries()[0];
    assert_eq!(
        first.title().as_str(),
        "Putin zeigt sich offen für direkte Gespräche"
    );
    assert_eq!(all.updated().to_rfc3339(), "2025-04-22T00:00:00+00:00");
    assert_eq!(
        first.links()[0].href(),
        format!("{BASE}briefings/2025-04-22-putin-gespraeche.html")
    );
    assert_eq!(
        first.summary().map(|s| s.as_str()),
        Some("Putin bringt bilaterale Gespräche ins Spiel.")
    );
    assert_eq!(
        first.published().map(|d| d.to_rfc3339()).as_deref(),
        Some("2025-04-22T00:00:00+00:00")
    );
    assert!(all.authors().iter().all(|a| a.name() == "Testdossier"));
    assert!(first.authors().iter().any(|a| a.name() == "Testdossier"));
    // A briefing dated to the month is dated to its first day; its text survives escaping.
    let tricky = &all.entries()[2];
    assert_eq!(
        tricky.published().map(|d| d.to_rfc3339()).as_deref(),
        Some("2025-03-01T00:00:00+00:00")
    );
    assert_eq!(
        tricky.title().as_str(),
        "Waffenruhe; Gespräche, Fragen </script> & \"Zitate\""
    );
    for e in all.entries() {
        assert!(e.id().starts_with(BASE), "{}", e.id());
        assert!(e.summary().is_some(), "{} has no summary", e.id());
    }

    let actor = feed(&f, "actors/selenskyj.xml");
    let titles: Vec<&str> = actor.entries().iter().map(|e| e.title().as_str()).collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert_eq!(feed(&f, "actors/putin.xml").entries().len(), 1);
    assert!(feed(&f, "actors/russland.xml").entries().is_empty());
    let topic = feed(&f, "topics/waffenstillstand.xml");
    assert_eq!(topic.entries().len(), 1);
    assert!(topic.title().as_str().starts_with("Waffenstillstand"));
}

#[test]
fn pages_link_their_feeds_and_calendars_and_the_links_resolve() {
    let f = fixture();
    let atom = |html: &str| -> Vec<String> {
        html.lines()
            .filter(|l| l.contains("rel=\"alternate\"") && l.contains("application/atom+xml"))
            .flat_map(|l| attr_values(l, "href"))
            .collect()
    };
    assert_eq!(atom(&f.read("index.html")), ["feed.xml"]);
    assert_eq!(
        atom(&f.read("actors/putin.html")),
        ["../actors/putin.xml", "../feed.xml"]
    );
    assert_eq!(
        atom(&f.read("topics/diplomatie.html")),
        ["../topics/diplomatie.xml", "../feed.xml"]
    );
    let actor = f.read("actors/putin.html");
    assert!(
        actor.contains(r#"<link rel="alternate" type="text/calendar" href="../actors/putin.ics""#)
    );
    let timeline = f.read("timeline.html");
    for file in [
        "timeline.ics",
        "data/events.json",
        "data/events.csv",
        "data/timeline.json",
    ] {
        assert!(
            timeline.contains(&format!("href=\"{file}\"")),
            "timeline links {file}"
        );
    }
    // Every feed, calendar and data link of every page points at a file that exists.
    for (page, html) in html_files(&f.public()) {
        for href in attr_values(&html, "href") {
            if [".xml", ".ics", ".json", ".csv"]
                .iter()
                .any(|x| href.ends_with(x))
            {
                let target = resolve(&page, &href);
                assert!(f.public().join(&target).is_file(), "{page} -> {href}");
            }
        }
    }
}

/// The root element of a sitemap file and the `<loc>` URLs it lists, read with an XML
/// parser.
fn sitemap_locs(xml: &str) -> (String, Vec<String>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut root = None;
    let mut locs = Vec::new();
    let mut in_loc = false;
    loop {
        match reader.read_event().expect("well-formed sitemap") {
            quick_xml::events::Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                in_loc = name == "loc";
                root.get_or_insert(name);
            }
            quick_xml::events::Event::Text(t) if in_loc => {
                locs.push(t.decode().expect("text").into_owned());
            }
            quick_xml::events::Event::End(_) => in_loc = false,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    (root.expect("a root element"), locs)
}

#[test]
fn sitemap_lists_every_page_by_absolute_url_and_robots_names_it() {
    let f = fixture();
    let xml = f.read("sitemap.xml");
    let (root, locs) = sitemap_locs(&xml);
    assert_eq!(root, "urlset");
    let locs: BTreeSet<String> = locs.into_iter().collect();
    let pages: BTreeSet<String> = html_files(&f.public())
        .into_keys()
        .filter(|p| p != "search.html")
        .map(|p| format!("{BASE}{p}"))
        .collect();
    assert_eq!(locs, pages);
    assert!(xml.contains("<lastmod>2025-03</lastmod>"));
    assert!(!f.public().join("sitemap-1.xml").exists());
    assert_eq!(
        f.read("robots.txt"),
        format!("User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n")
    );
}

/// Writes the fixture's sitemap with the given limits into a fresh folder; returns the
/// folder's sitemap files by name.
fn sitemap_with_limits(f: &common::Fixture, limits: SitemapLimits) -> BTreeMap<String, String> {
    let out = f.root().join("limited");
    let options = dossier::BuildOptions {
        root: f.root().to_path_buf(),
        output: Some(out.clone()),
        base_url: None,
        drafts: false,
    };
    let config = dossier::Config::load(&options).expect("config");
    let (tera, site) = dossier::load(&config).expect("site");
    let staging = dossier::output::Staging::begin(&out).expect("staging");
    let base = config
        .base_url
        .as_deref()
        .expect("the fixture has a base URL");
    let files = feeds::write_sitemap(&site, &config, &tera, &staging, base, limits)
        .expect("sitemap written");
    let found: BTreeMap<String, String> = std::fs::read_dir(staging.dir())
        .expect("staging folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("sitemap"))
        .map(|name| {
            let text = std::fs::read_to_string(staging.dir().join(&name)).expect("readable");
            (name, text)
        })
        .collect();
    assert_eq!(found.len(), files, "{:?}", found.keys());
    found
}

/// Checks that `sitemap.xml` is an index of `sitemap-1.xml` … in order, each a
/// `urlset` within `limits`, together listing exactly the pages of the whole sitemap.
fn check_split(files: &BTreeMap<String, String>, whole: &[String], limits: SitemapLimits) {
    let (root, parts) = sitemap_locs(&files["sitemap.xml"]);
    assert_eq!(root, "sitemapindex", "{}", files["sitemap.xml"]);
    assert_eq!(parts.len(), files.len() - 1);
    let mut listed = Vec::new();
    for (n, loc) in parts.iter().enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        assert_eq!(loc, &format!("{BASE}{name}"));
        let xml = &files[&name];
        let (root, locs) = sitemap_locs(xml);
        assert_eq!(root, "urlset");
        assert!(!locs.is_empty(), "{name} is empty");
        assert!(locs.len() <= limits.urls, "{name}: {} URLs", locs.len());
        assert!(
            xml.len() <= limits.bytes || locs.len() == 1,
            "{name}: {} bytes",
            xml.len()
        );
        listed.extend(locs);
    }
    assert_eq!(listed, whole);
}

#[test]
fn a_sitemap_too_long_for_one_file_becomes_an_index_of_parts() {
    let f = fixture();
    let (_, whole) = sitemap_locs(&f.read("sitemap.xml"));
    assert!(whole.len() > 10, "{} pages", whole.len());
    // Within the limits: one file, as the build writes it.
    let limits = SitemapLimits {
        urls: whole.len(),
        bytes: 1 << 20,
    };
    let files = sitemap_with_limits(&f, limits);
    assert_eq!(files.keys().collect::<Vec<_>>(), ["sitemap.xml"]);
    assert_eq!(files["sitemap.xml"], f.read("sitemap.xml"));
    // Too many URLs: parts of at most 4, the last one shorter.
    let limits = SitemapLimits {
        urls: 4,
        bytes: 1 << 20,
    };
    let files = sitemap_with_limits(&f, limits);
    assert_eq!(files.len(), 1 + whole.len().div_ceil(4));
    check_split(&files, &whole, limits);
    // Too many bytes: parts are split further until each fits.
    let limits = SitemapLimits {
        urls: 1000,
        bytes: 600,
    };
    let files = sitemap_with_limits(&f, limits);
    assert!(files.len() > 3, "{:?}", files.keys());
    check_split(&files, &whole, limits);
}

#[test]
fn without_base_url_the_build_warns_once_and_writes_nothing_absolute() {
    let f = fixture();
    f.write("site.yaml", "title: Testdossier\nlang: de\n");
    let out = f.build();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    assert!(stderr.contains("base_url"), "{stderr}");
    for gone in ["feed.xml", "sitemap.xml", "actors/putin.xml"] {
        assert!(!f.public().join(gone).exists(), "{gone} written");
    }
    assert_eq!(f.read("robots.txt"), "User-agent: *\nAllow: /\n");
    assert!(!f.read("index.html").contains("application/atom+xml"));
    assert!(!f.read("timeline.ics").contains("URL:"));
    assert!(f.public().join("actors/putin.ics").is_file());
    let events = json(&f, "data/events.json");
    assert!(events.get("base_url").is_none());
    assert!(
        events["events"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["url"].is_null())
    );
    for (page, html) in html_files(&f.public()) {
        assert!(!html.contains("https://example.org/dossier"), "{page}");
    }
}

/// The JSON-LD of a page, parsed.
fn json_ld(html: &str) -> Value {
    let start = html
        .find(r#"<script type="application/ld+json">"#)
        .expect("JSON-LD script")
        + r#"<script type="application/ld+json">"#.len();
    let end = start + html[start..].find("</script>").expect("script end");
    serde_json::from_str(&html[start..end]).expect("JSON-LD parses")
}

#[test]
fn json_ld_describes_briefings_actors_and_events_and_cannot_close_its_script() {
    let f = fixture();
    let article = json_ld(&f.read("briefings/2025-04-22-putin-gespraeche.html"));
    assert_eq!(article["@context"], "https://schema.org");
    assert_eq!(article["@type"], "NewsArticle");
    assert_eq!(
        article["headline"],
        "Putin zeigt sich offen für direkte Gespräche"
    );
    assert_eq!(article["datePublished"], "2025-04-22");
    assert_eq!(article["publisher"]["@type"], "Organization");
    assert_eq!(article["about"][0]["@type"], "Person");
    assert_eq!(article["about"][0]["url"], "../actors/putin.html");

    // The title holds `</script>`: the page's script must still end where it should.
    let tricky = f.read("briefings/2025-03-tricky.html");
    let ld = json_ld(&tricky);
    assert_eq!(
        ld["headline"],
        "Waffenruhe; Gespräche, Fragen </script> & \"Zitate\""
    );
    assert_eq!(tricky.matches("</script>").count(), 1);

    let person = json_ld(&f.read("actors/selenskyj.html"));
    assert_eq!(person["@type"], "Person");
    assert_eq!(person["alternateName"][0], "Zelenskyy");
    assert_eq!(person["nationality"]["@type"], "Country");
    assert_eq!(json_ld(&f.read("actors/ukraine.html"))["@type"], "Country");
    assert_eq!(
        json_ld(&f.read("actors/nato.html"))["@type"],
        "Organization"
    );

    let list = json_ld(&f.read("timeline.html"));
    assert_eq!(list["@type"], "ItemList");
    let items = list["itemListElement"].as_array().unwrap();
    assert_eq!(items.len(), 6);
    let first = &items[0]["item"];
    assert_eq!(first["@type"], "Event");
    assert_eq!(first["startDate"], "2022-02-24");
    assert_eq!(first["url"], "timeline.html#2022-02-24-invasion");
    assert!(!f.read("index.html").contains("application/ld+json"));
}

#[test]
fn a_site_can_replace_the_feed_template_and_a_broken_one_is_reported() {
    let f = common::Fixture::small();
    f.write(
        "templates/atom.xml",
        "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>EIGENER FEED {{ feed.title }}</title><id>{{ feed.self_url }}</id><updated>{{ feed.updated }}</updated></feed>\n",
    );
    f.build();
    let own = feed(&f, "feed.xml");
    assert_eq!(own.title().as_str(), "EIGENER FEED Testdossier");
    assert!(own.entries().is_empty());

    let before = common::snapshot(&f.public());
    f.write(
        "templates/atom.xml",
        "<feed>\n{{ feed.no_such_field }}\n</feed>\n",
    );
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("templates/atom.xml:2:"), "{err}");
    assert!(err.contains("template error"), "{err}");
    assert_eq!(
        common::snapshot(&f.public()),
        before,
        "output left untouched"
    );
}
