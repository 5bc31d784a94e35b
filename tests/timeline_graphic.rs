//! The SVG timeline and the timeline filters, as a reader gets them from a built site:
//! marks linked to the events, the quiet years compressed and said so, a text
//! alternative, and filters that need no server and hide without JavaScript.

mod common;

use common::{Fixture, attr_values, broken_links};

/// The `<svg …>…</svg>` of a page.
fn svg_of(html: &str) -> &str {
    let start = html.find("<svg xmlns").expect("an inline SVG timeline");
    let end = html[start..].find("</svg>").expect("closed svg") + start;
    &html[start..end + "</svg>".len()]
}

/// The ids of the events listed in the element with `id` (the SVG's description).
fn listed_event_ids(html: &str, container: &str) -> Vec<String> {
    let start = html
        .find(&format!("id=\"{container}\""))
        .unwrap_or_else(|| panic!("no element {container}"));
    attr_values(&html[start..], "id")
        .into_iter()
        .filter(|id| id.starts_with("20"))
        .collect()
}

#[test]
fn the_timeline_page_draws_every_event_as_a_linked_mark() {
    let f = Fixture::small();
    f.build();
    let html = f.read("timeline.html");
    let svg = svg_of(&html);
    assert!(svg.contains(r#"aria-describedby="timeline-list""#));
    assert!(html.contains(r#"<div id="timeline-list">"#));
    let marks: Vec<String> = attr_values(svg, "href");
    let listed: Vec<String> = listed_event_ids(&html, "timeline-list")
        .into_iter()
        .map(|id| format!("#{id}"))
        .collect();
    assert_eq!(marks, listed, "one mark per listed event, in date order");
    assert_eq!(marks.len(), 4);
    // Each mark has a tooltip with the full date and the status in words.
    assert!(svg.contains(
        "<title>24. Februar 2022: Russland beginnt die Vollinvasion (Angriff, bestätigt)</title>"
    ));
    assert!(svg.contains("unbestätigt"));
}

#[test]
fn the_quiet_years_are_compressed_and_labelled() {
    let f = Fixture::small();
    f.build();
    let svg = svg_of(&f.read("timeline.html")).to_string();
    // April 2022 to 21 April 2025: 37 quiet months drawn as one short, labelled gap.
    assert!(svg.contains("… 3 Jahre, 1 Monat komprimiert …"), "{svg}");
    assert!(svg.contains("class=\"tl-break\""));
    let height: f64 = svg
        .split("height=\"")
        .nth(1)
        .and_then(|h| h.split('"').next())
        .and_then(|h| h.parse().ok())
        .expect("svg height");
    assert!(height < 400.0, "three years drawn {height} units tall");
    // Month ticks name the first and the last month.
    assert!(svg.contains(">Feb 2022</text>"));
    assert!(svg.contains(">Apr 2025</text>"));
}

#[test]
fn actor_pages_draw_only_the_actors_events_linking_to_the_timeline() {
    let f = Fixture::small();
    f.build();
    let html = f.read("actors/putin.html");
    let svg = svg_of(&html);
    assert!(svg.contains(r#"aria-describedby="actor-timeline-list""#));
    assert!(html.contains(r#"id="actor-timeline-list""#));
    assert_eq!(
        attr_values(svg, "href"),
        [
            "../timeline.html#2022-02-24-invasion",
            "../timeline.html#2025-04-21-putin-aeusserungen"
        ]
    );
    // An actor without events gets no drawing.
    let nato = f.read("actors/nato.html");
    assert!(!nato.contains("<svg xmlns"), "no events, no drawing");
    let broken = broken_links(&f.public());
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_legend_names_kinds_bars_and_doubtful_events_in_words() {
    let f = Fixture::small();
    f.build();
    let html = f.read("timeline.html");
    let legend = &html[html.find("class=\"timeline-legend\"").expect("legend")..];
    let legend = &legend[..legend.find("</ul>").expect("end of legend")];
    for words in [
        "Angriff",
        "Gespräche",
        "Erklärung",
        "Datum nur ungefähr bekannt",
        "unbestätigt oder umstritten",
        "verkürzter Zeitraum ohne Ereignisse",
    ] {
        assert!(legend.contains(words), "legend lacks {words}: {legend}");
    }
    assert!(!legend.contains("Telefonat"), "only kinds that occur");
}

#[test]
fn filters_are_hidden_without_javascript_and_offer_only_what_occurs() {
    let f = Fixture::small();
    f.build();
    let html = f.read("timeline.html");
    assert!(html.contains(r#"<form id="timeline-filter" class="timeline-filter" hidden"#));
    assert!(html.contains(r#"<script src="timeline.js" defer></script>"#));
    assert!(f.public().join("timeline.js").is_file());
    assert!(html.contains(r#"<option value="putin">Wladimir Putin</option>"#));
    assert!(html.contains(r#"<option value="attack">Angriff</option>"#));
    assert!(html.contains(r#"<option value="2025">2025</option>"#));
    assert!(
        !html.contains(r#"<option value="nato">"#),
        "NATO has no events"
    );
    assert!(html.contains(r#"id="2022-02-24-invasion" data-year="2022" data-kind="attack" data-actors="putin russland ukraine""#));
    // Year anchors work without any script.
    assert!(html.contains(r##"<a href="#y2022">2022</a>"##));
}

#[test]
fn a_site_script_replaces_the_built_in_one() {
    let f = Fixture::small();
    f.write("static/timeline.js", "/* eigenes Skript */\n");
    f.build();
    assert_eq!(
        std::fs::read_to_string(f.public().join("timeline.js")).expect("script"),
        "/* eigenes Skript */\n"
    );
    assert!(
        f.public().join("style.css").is_file(),
        "stylesheet still built in"
    );
}

#[test]
fn english_pages_get_english_labels_in_the_drawing() {
    let f = Fixture::small();
    f.write("site.yaml", "title: Test dossier\nlang: en\n");
    f.build();
    let svg = svg_of(&f.read("timeline.html")).to_string();
    assert!(svg.contains("compressed …"), "{svg}");
    assert!(svg.contains(">24 Feb</tspan>"));
    assert!(svg.contains("Timeline graphic: 4 events"));
}

#[test]
fn the_repository_timeline_spans_february_2022_to_april_2025_with_the_gap_compressed() {
    let out = tempfile::tempdir().expect("temporary folder");
    let public = out.path().join("public");
    let result = common::dossier_cmd()
        .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
        .arg(&public)
        .output()
        .expect("run dossier");
    assert!(result.status.success());
    let html = std::fs::read_to_string(public.join("timeline.html")).expect("timeline");
    let svg = svg_of(&html);
    assert!(svg.contains(">Feb 2022</text>"), "first month on the axis");
    assert!(svg.contains(">Apr 2025</text>"), "last month on the axis");
    assert!(svg.contains("… 2 Jahre, 5 Monate komprimiert …"));
    assert!(
        svg.contains("viewBox=\"0 0 360 "),
        "drawn for a phone-wide column"
    );
    let marks = attr_values(svg, "href").len();
    let listed = listed_event_ids(&html, "timeline-list").len();
    assert_eq!(marks, listed);
    assert!(public.join("favicon.svg").is_file());
}

#[test]
fn a_split_timeline_draws_each_month_on_its_own_page() {
    let f = Fixture::small();
    f.write(
        "site.yaml",
        &format!("{}timeline_split: 2\n", common::SITE_YAML),
    );
    f.build();
    // The overview only links the months: no drawing, no filters.
    let overview = f.read("timeline.html");
    assert!(!overview.contains("<svg xmlns"));
    assert!(!overview.contains("timeline-filter"));
    let april = f.read("timeline.2025-04.html");
    assert_eq!(
        attr_values(svg_of(&april), "href"),
        [
            "#2025-04-21-putin-aeusserungen",
            "#2025-04-21-trumps-angebliches-zitat"
        ]
    );
    assert!(april.contains(r#"<form id="timeline-filter""#));
    // Actor pages link each mark to the month page that holds the event.
    assert_eq!(
        attr_values(svg_of(&f.read("actors/putin.html")), "href"),
        [
            "../timeline.2022-02.html#2022-02-24-invasion",
            "../timeline.2025-04.html#2025-04-21-putin-aeusserungen"
        ]
    );
    let broken = broken_links(&f.public());
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn a_crowded_timeline_draws_one_row_per_day() {
    let f = Fixture::small();
    for i in 0..90 {
        let day = 1 + i % 3;
        f.write(
            &format!("content/events/e{i}.md"),
            &format!(
                "---\ndate: \"2024-05-{day:02}\"\ntitle: Meldung {i}\nkind: {}\n---\n",
                if i % 3 == 0 { "talks" } else { "statement" }
            ),
        );
    }
    f.build();
    let html = f.read("timeline.html");
    let svg = svg_of(&html);
    // 94 events in 6 rows: the 90 of May 2024 share three, the two of 21 April 2025
    // one, and the other two keep their own.
    assert_eq!(attr_values(svg, "href").len(), 6);
    assert!(svg.contains("30 Ereignisse: Meldung 0"), "{svg}");
    // The shared row names all its events for the filter script.
    let shared: Vec<String> = attr_values(svg, "data-events");
    assert_eq!(shared.len(), 4);
    assert_eq!(shared[1].split(' ').count(), 30);
    assert!(svg.contains("Zeitleiste als Grafik: 94 Ereignisse"));
    let broken = broken_links(&f.public());
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}
