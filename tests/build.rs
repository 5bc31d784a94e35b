//! Building fixture sites and checking what a reader would check.

mod common;

use common::{Fixture, attr_values, broken_links, html_files, snapshot};

#[test]
fn writes_a_page_for_every_briefing_actor_topic_place_and_seed() {
    let f = Fixture::small();
    let out = f.build();
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.contains("2 briefing"), "{summary}");
    for page in [
        "index.html",
        "briefings/index.html",
        "briefings/2025-04-22-putin-gespraeche.html",
        "briefings/2025-04-10-nato-en.html",
        "actors/index.html",
        "actors/putin.html",
        "actors/nato.html",
        "timeline.html",
        "topics/index.html",
        "topics/waffenstillstand.html",
        "places/moskau.html",
        "seeds/artikel.html",
        "seeds/files/artikel.txt",
        "style.css",
    ] {
        assert!(f.public().join(page).is_file(), "missing {page}");
    }
}

#[test]
fn every_internal_link_and_anchor_resolves_and_is_relative() {
    let f = Fixture::small();
    f.build();
    let broken = broken_links(&f.public());
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    for (page, html) in html_files(&f.public()) {
        let without_canonical: String = html
            .lines()
            .filter(|l| !l.contains("rel=\"canonical\""))
            .collect();
        for href in attr_values(&without_canonical, "href") {
            assert!(!href.starts_with('/'), "{page}: absolute path {href}");
            assert!(
                !href.starts_with("https://example.org/dossier"),
                "{page}: base_url in a page link {href}"
            );
        }
    }
}

#[test]
fn only_the_canonical_link_uses_the_base_url() {
    let f = Fixture::small();
    f.build();
    let html = f.read("briefings/2025-04-22-putin-gespraeche.html");
    assert!(html.contains(r#"<link rel="canonical" href="https://example.org/dossier/briefings/2025-04-22-putin-gespraeche.html">"#));
    assert_eq!(html.matches("https://example.org/dossier").count(), 1);
}

#[test]
fn briefing_page_shows_what_a_reader_checks() {
    let f = Fixture::small();
    f.build();
    let html = f.read("briefings/2025-04-22-putin-gespraeche.html");
    assert!(html.contains(r#"<html lang="de">"#));
    assert!(
        html.contains("<time datetime=\"2025-04-22\">22. April 2025</time>"),
        "German date"
    );
    assert!(html.contains("Auf einen Blick"));
    // Actor chips with the role held on the briefing's date.
    assert!(html.contains(r#"href="../actors/putin.html""#));
    assert!(html.contains("Präsident Russlands"));
    // Body features: table, footnote, strikethrough, heading anchor.
    assert!(html.contains("<table>"));
    assert!(html.contains("footnote-definition"));
    assert!(html.contains("<del>neu</del>"));
    assert!(html.contains(r#"<h2 id="lage">"#));
    // Events with status in words, including the linked standalone event.
    assert!(html.contains(">bestätigt<"));
    assert!(html.contains(">unbestätigt<"));
    assert!(html.contains(r#"id="2022-02-24-invasion""#));
    // Quote with linked speaker and its source number.
    assert!(html.contains("Wir haben eine positive Einstellung zu Friedensinitiativen."));
    assert!(html.contains(r##"href="#source-2""##));
    // Sources: the seed links to its verbatim page, marked machine-translated.
    assert!(html.contains(r#"href="../seeds/artikel.html""#));
    assert!(html.contains("maschinell übersetzt"));
    assert!(html.contains("SCMP"));
    // Related briefing through the shared actor.
    assert!(html.contains(r#"href="../briefings/2025-04-10-nato-en.html""#));
}

#[test]
fn english_briefings_get_english_interface_and_dates() {
    let f = Fixture::small();
    f.build();
    let html = f.read("briefings/2025-04-10-nato-en.html");
    assert!(html.contains(r#"<html lang="en">"#));
    assert!(html.contains("10 April 2025"));
    assert!(html.contains("Published"));
    assert!(!html.contains("Veröffentlicht"));
}

#[test]
fn actor_pages_list_their_briefings_quotes_and_events() {
    let f = Fixture::small();
    f.build();
    let putin = f.read("actors/putin.html");
    assert!(putin.contains("Putin zeigt sich offen für direkte Gespräche"));
    assert!(!putin.contains("NATO membership off the table"));
    assert!(putin.contains("Wir haben eine positive Einstellung"));
    assert!(putin.contains("Russland beginnt die Vollinvasion"));
    assert!(
        putin.contains(r#"href="../actors/russland.html""#),
        "country link"
    );
    assert!(putin.contains("Vladimir Putin"), "aliases");
    assert!(putin.contains("7. Mai 2024"), "role dates");
    let selenskyj = f.read("actors/selenskyj.html");
    assert!(selenskyj.contains("Putin zeigt sich offen"));
    assert!(selenskyj.contains("NATO membership off the table"));
    let index = f.read("actors/index.html");
    let people = index.find("Personen").expect("people group");
    let states = index.find("Staaten").expect("states group");
    let orgs = index.find("Organisationen").expect("organisations group");
    assert!(people < states && states < orgs);
}

#[test]
fn timeline_lists_every_event_in_date_order_grouped_by_year_and_month() {
    let f = Fixture::small();
    f.build();
    let html = f.read("timeline.html");
    let main = &html[html.find("<main").expect("main")..];
    let dates = common::event_start_dates(main);
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "timeline out of order");
    assert_eq!(dates.first().map(String::as_str), Some("2022-02-24"));
    assert!(
        dates.contains(&"2022-03".to_string()),
        "month-precision event kept at its precision"
    );
    assert!(main.contains("März 2022"));
    for id in [
        "2022-02-24-invasion",
        "2025-04-21-putin-aeusserungen",
        "2025-04-21-trumps-angebliches-zitat",
    ] {
        assert!(main.contains(&format!("id=\"{id}\"")), "anchor {id}");
    }
    assert!(main.contains(r#"<h2 id="y2022">2022</h2>"#));
    assert!(
        main.contains(r#"href="briefings/2025-04-22-putin-gespraeche.html""#),
        "event links its briefing"
    );
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    let f = Fixture::small();
    f.build();
    let first = snapshot(&f.public());
    f.build();
    assert_eq!(first, snapshot(&f.public()));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let f = Fixture::small();
    f.write(
        "content/briefings/2025-04-23-entwurf.md",
        "---\ntitle: Entwurf\ndate: \"2025-04-23\"\ndraft: true\nactors: [putin]\n---\n",
    );
    f.build();
    assert!(
        !f.public()
            .join("briefings/2025-04-23-entwurf.html")
            .exists()
    );
    assert!(!f.read("actors/putin.html").contains("Entwurf"));
    let out = f.run(&["build", "--drafts"]);
    assert!(out.status.success());
    assert!(
        f.public()
            .join("briefings/2025-04-23-entwurf.html")
            .exists()
    );
}

#[test]
fn a_site_template_overrides_the_built_in_one() {
    let f = Fixture::small();
    f.write("templates/seed.html", "{% extends \"base.html\" %}{% block main %}<p>EIGENE VORLAGE {{ seed.name }}</p>{% endblock main %}");
    f.build();
    assert!(
        f.read("seeds/artikel.html")
            .contains("EIGENE VORLAGE artikel.txt")
    );
    assert!(
        f.read("index.html").contains("Neueste Briefings"),
        "other templates stay built-in"
    );
}

#[test]
fn extra_front_matter_reaches_templates() {
    let f = Fixture::small();
    f.write(
        "content/briefings/2025-04-22-putin-gespraeche.md",
        &common::BRIEFING_DE.replacen("---\ntitle", "---\nextra:\n  desk: Osteuropa\ntitle", 1),
    );
    f.write("templates/briefing.html", "{% extends \"base.html\" %}{% block main %}Ressort: {{ briefing.extra.desk | default(value=\"keins\") }}{% endblock main %}");
    f.build();
    assert!(
        f.read("briefings/2025-04-22-putin-gespraeche.html")
            .contains("Ressort: Osteuropa")
    );
}

#[test]
fn body_html_is_written_as_html_with_or_without_the_safe_filter() {
    // Themes written before the body arrived marked safe pipe it through `| safe`.
    for body in [
        "{{ briefing.body_html }}",
        "{{ briefing.body_html | safe }}",
    ] {
        let f = Fixture::small();
        f.write(
            "templates/briefing.html",
            &format!("{{% extends \"base.html\" %}}{{% block main %}}{body}{{% endblock main %}}"),
        );
        f.build();
        let page = f.read("briefings/2025-04-22-putin-gespraeche.html");
        assert!(page.contains("<del>neu</del>"), "{body}: body as HTML");
        assert!(!page.contains("&lt;del&gt;"), "{body}: body not escaped");
    }
}

#[test]
fn a_site_with_only_site_yaml_and_content_builds() {
    let f = Fixture::empty();
    f.write(
        "content/briefings/2025-01-01-a.md",
        "---\ntitle: A\ndate: \"2025-01-01\"\n---\nText\n",
    );
    f.build();
    assert!(f.read("index.html").contains("Testdossier"));
    assert!(f.public().join("style.css").is_file());
}

#[test]
fn the_output_folder_can_be_chosen() {
    let f = Fixture::small();
    let out_dir = f.root().join("elsewhere/site");
    let out = f.run(&["build", "--output", out_dir.to_str().expect("utf-8 path")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out_dir.join("index.html").is_file());
    assert!(!f.public().exists());
}

#[test]
fn related_briefings_share_the_most_actors_then_are_closest_in_time() {
    let f = Fixture::empty();
    for slug in ["a", "b", "c"] {
        f.write(
            &format!("content/actors/{slug}.md"),
            &format!("---\nname: Akteur {slug}\nkind: person\n---\n"),
        );
    }
    let briefing = |day: &str, actors: &str| {
        format!(
            "---\ntitle: \"Tag {day}\"\ndate: \"2025-04-{day}\"\nactors: [{actors}]\n---\nText.\n"
        )
    };
    f.write(
        "content/briefings/2025-04-10-mitte.md",
        &briefing("10", "a, b"),
    );
    f.write(
        "content/briefings/2025-04-01-beide.md",
        &briefing("01", "a, b"),
    );
    f.write("content/briefings/2025-04-09-nah.md", &briefing("09", "a"));
    f.write("content/briefings/2025-04-25-fern.md", &briefing("25", "b"));
    f.write(
        "content/briefings/2025-04-20-fremd.md",
        &briefing("20", "c"),
    );
    f.build();
    let html = f.read("briefings/2025-04-10-mitte.html");
    let related = &html[html.find("id=\"related\"").expect("related section")..];
    let order: Vec<usize> = ["2025-04-01-beide", "2025-04-09-nah", "2025-04-25-fern"]
        .iter()
        .map(|slug| related.find(&format!("{slug}.html")).expect(slug))
        .collect();
    // Two shared actors first; of the one-actor matches the nearer in time first.
    assert!(order[0] < order[1] && order[1] < order[2], "{order:?}");
    assert!(
        !related.contains("2025-04-20-fremd"),
        "no shared actor, not related"
    );
}
