//! Calendars and data exports: built from a fixture site and from this repository's
//! content, then read back with iCalendar, CSV and JSON parsers and checked against the
//! published JSON Schemas.

mod common;
mod outputs_fixture;

use std::collections::BTreeSet;
use std::path::Path;

use common::{Fixture, dossier_cmd};
use outputs_fixture::{BASE, fixture, json};
use serde_json::Value;

/// Reads a calendar with the `ical` parser; values come back still escaped.
fn calendar(f: &Fixture, path: &str) -> ical::parser::ical::component::IcalCalendar {
    let text = f.read(path);
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let cal = calendars
        .next()
        .expect("one calendar")
        .unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
    assert!(calendars.next().is_none());
    cal
}

fn prop<'a>(event: &'a ical::parser::ical::component::IcalEvent, name: &str) -> Option<&'a str> {
    event
        .properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
}

#[test]
fn timeline_ics_has_all_day_events_ranges_links_and_stable_uids() {
    let f = fixture();
    let cal = calendar(&f, "timeline.ics");
    // Events with a full date: invasion, Putin's statement, Trump quote, Dschidda;
    // not the ones known only to the month.
    let summaries: Vec<&str> = cal
        .events
        .iter()
        .filter_map(|e| prop(e, "SUMMARY"))
        .collect();
    assert_eq!(summaries.len(), 4, "{summaries:?}");
    let jeddah = cal
        .events
        .iter()
        .find(|e| prop(e, "UID") == Some("2025-03-11-dschidda@example.org.dossier"))
        .expect("the Dschidda event");
    assert_eq!(prop(jeddah, "DTSTART"), Some("20250311"));
    // DTEND is exclusive: a range ending on the 12th ends at the start of the 13th.
    assert_eq!(prop(jeddah, "DTEND"), Some("20250313"));
    assert_eq!(prop(jeddah, "DTSTAMP"), Some("20250311T000000Z"));
    assert_eq!(
        prop(jeddah, "SUMMARY"),
        Some("Treffen in Dschidda\\; USA\\, Ukraine")
    );
    assert!(
        prop(jeddah, "DESCRIPTION")
            .unwrap()
            .contains("Erste Zeile\\nzweite mit \"Zitat\"\\, Komma")
    );
    assert!(
        prop(jeddah, "DESCRIPTION")
            .unwrap()
            .contains("Umlauten: äöü")
    );
    assert_eq!(
        prop(jeddah, "URL"),
        Some("https://example.org/dossier/timeline.html#2025-03-11-dschidda")
    );
    let date_param = jeddah
        .properties
        .iter()
        .find(|p| p.name == "DTSTART")
        .and_then(|p| p.params.clone());
    assert_eq!(
        date_param,
        Some(vec![("VALUE".to_string(), vec!["DATE".to_string()])])
    );
    let uids: BTreeSet<&str> = cal.events.iter().filter_map(|e| prop(e, "UID")).collect();
    assert_eq!(uids.len(), cal.events.len());
    // RFC 5545 framing: CRLF line ends, no line longer than 75 octets.
    let text = f.read("timeline.ics");
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    assert!(text.contains("\r\n "), "the long description is folded");
}

#[test]
fn each_actor_has_a_calendar_of_their_own_events() {
    let f = fixture();
    let cal = calendar(&f, "actors/selenskyj.ics");
    let uids: Vec<&str> = cal.events.iter().filter_map(|e| prop(e, "UID")).collect();
    assert_eq!(uids, ["2025-03-11-dschidda@example.org.dossier"]);
    assert_eq!(calendar(&f, "actors/putin.ics").events.len(), 2);
    assert!(calendar(&f, "actors/nato.ics").events.is_empty());
}

fn starts(cal: &ical::parser::ical::component::IcalCalendar) -> Vec<&str> {
    cal.events
        .iter()
        .filter_map(|e| prop(e, "DTSTART"))
        .collect()
}

fn description(cal: &ical::parser::ical::component::IcalCalendar) -> Option<&str> {
    cal.properties
        .iter()
        .find(|p| p.name == "X-WR-CALDESC")
        .and_then(|p| p.value.as_deref())
}

/// A subscribed calendar is fetched whole and often: past `calendar_cap` events it keeps
/// the latest and says that it does.
#[test]
fn calendars_keep_the_latest_events_up_to_calendar_cap() {
    let f = fixture();
    let every = calendar(&f, "timeline.ics");
    let putin_every = calendar(&f, "actors/putin.ics");
    assert_eq!(description(&every), None, "nothing left out by default");

    f.write(
        "site.yaml",
        &format!("{}calendar_cap: 1\n", common::SITE_YAML),
    );
    f.build();
    let capped = calendar(&f, "timeline.ics");
    assert_eq!(starts(&capped), starts(&every)[every.events.len() - 1..]);
    assert_eq!(
        description(&capped),
        Some("Die neuesten 1 von 4 Ereignissen mit bekanntem Tag\\; die Zeitleiste zeigt alle.")
    );
    let putin = calendar(&f, "actors/putin.ics");
    assert_eq!(starts(&putin), starts(&putin_every)[1..]);
    assert!(description(&putin).unwrap().contains("1 von 2"));

    f.write(
        "site.yaml",
        &format!("{}calendar_cap: 0\n", common::SITE_YAML),
    );
    f.build();
    let uncapped = calendar(&f, "timeline.ics");
    assert_eq!(starts(&uncapped), starts(&every));
    assert_eq!(description(&uncapped), None);
}

/// Checks a JSON value against the subset of JSON Schema our schema files use.
fn conforms(value: &Value, schema: &Value, root: &Value, at: &str) -> Vec<String> {
    let mut errors = Vec::new();
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/$defs/");
        return conforms(value, &root["$defs"][name], root, at);
    }
    if let Some(options) = schema.get("oneOf").and_then(Value::as_array) {
        let fits = options
            .iter()
            .filter(|o| conforms(value, o, root, at).is_empty())
            .count();
        if fits != 1 {
            errors.push(format!("{at}: fits {fits} of oneOf"));
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array)
        && !allowed.contains(value)
    {
        errors.push(format!("{at}: {value} not in enum"));
    }
    if let Some(c) = schema.get("const")
        && c != value
    {
        errors.push(format!("{at}: {value} is not {c}"));
    }
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let actual = match value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_u64() || n.is_i64() => "integer",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        if !types.contains(&actual) {
            errors.push(format!("{at}: {actual}, expected {types:?}"));
        }
    }
    if let (Some(pattern), Some(text)) = (schema.get("pattern"), value.as_str()) {
        // The only pattern used is the partial date's.
        assert!(pattern.as_str().unwrap().contains("[0-9]{4}"));
        let ok = [4, 7, 10].contains(&text.len())
            && text.chars().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if !ok {
            errors.push(format!("{at}: `{text}` is not a partial date"));
        }
    }
    if let Value::Object(map) = value {
        for key in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !map.contains_key(key.as_str().unwrap()) {
                errors.push(format!("{at}: missing {key}"));
            }
        }
        let props = schema.get("properties").and_then(Value::as_object);
        for (key, v) in map {
            match props.and_then(|p| p.get(key)) {
                Some(s) => errors.extend(conforms(v, s, root, &format!("{at}.{key}"))),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errors.push(format!("{at}: unexpected {key}"))
                }
                None => {}
            }
        }
    }
    if let (Value::Array(items), Some(s)) = (value, schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            errors.extend(conforms(item, s, root, &format!("{at}[{i}]")));
        }
    }
    errors
}

fn check_schema(f: &Fixture, name: &str) -> Value {
    let data = json(f, &format!("data/{name}.json"));
    let schema = json(f, &format!("data/schema/{name}.schema.json"));
    let errors = conforms(&data, &schema, &schema, name);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    data
}

#[test]
fn data_exports_follow_their_schemas_and_use_the_sites_ids() {
    let f = fixture();
    let events = check_schema(&f, "events");
    let actors = check_schema(&f, "actors");
    let briefings = check_schema(&f, "briefings");
    let ids = |v: &Value, key: &str| -> Vec<String> {
        v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_string())
            .collect()
    };
    let event_ids = ids(&events, "events");
    assert_eq!(event_ids.len(), 6);
    assert_eq!(event_ids[0], "2022-02-24-invasion");
    // Each id is the anchor of the event on the timeline page.
    let timeline = f.read("timeline.html");
    for id in &event_ids {
        assert!(timeline.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert_eq!(
        ids(&actors, "actors"),
        ["nato", "putin", "russland", "selenskyj", "ukraine"]
    );
    assert_eq!(
        ids(&briefings, "briefings"),
        [
            "2025-04-22-putin-gespraeche",
            "2025-04-10-nato-en",
            "2025-03-tricky"
        ]
    );
    let selenskyj = &actors["actors"][3];
    assert_eq!(selenskyj["aliases"][0], "Zelenskyy");
    assert_eq!(selenskyj["url"], format!("{BASE}actors/selenskyj.html"));
    let invasion = &events["events"][0];
    assert_eq!(
        invasion["briefings"],
        serde_json::json!(["2025-04-22-putin-gespraeche"])
    );
    assert_eq!(invasion["path"], "timeline.html#2022-02-24-invasion");
    assert_eq!(events["events"][1]["precision"], "month");
}

#[test]
fn events_csv_reads_back_with_a_csv_parser() {
    let f = fixture();
    let text = f.read("data/events.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .expect("header row")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(headers[0], "id");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), 6);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let jeddah = rows
        .iter()
        .find(|r| &r[0] == "2025-03-11-dschidda")
        .expect("row");
    assert_eq!(&jeddah[col("title")], "Treffen in Dschidda; USA, Ukraine");
    assert!(jeddah[col("summary")].starts_with("Erste Zeile\nzweite mit \"Zitat\", Komma"));
    assert_eq!(&jeddah[col("end")], "2025-03-12");
    assert_eq!(&jeddah[col("actors")], "selenskyj; ukraine");
    assert_eq!(
        &jeddah[col("url")],
        "https://example.org/dossier/timeline.html#2025-03-11-dschidda"
    );
    assert!(text.contains("\r\n"));
}

#[test]
fn timelinejs_export_keeps_each_dates_precision() {
    let f = fixture();
    let tl = json(&f, "data/timeline.json");
    assert_eq!(tl["title"]["text"]["headline"], "Testdossier");
    let events = tl["events"].as_array().unwrap();
    assert_eq!(events.len(), 6);
    let by_id = |id: &str| events.iter().find(|e| e["unique_id"] == id).unwrap();
    let invasion = &by_id("2022-02-24-invasion")["start_date"];
    assert_eq!(
        (&invasion["year"], &invasion["month"], &invasion["day"]),
        (&Value::from(2022), &Value::from(2), &Value::from(24))
    );
    let video = &events[1]["start_date"];
    assert_eq!(video["year"], 2022);
    assert_eq!(video["month"], 3);
    assert!(video.get("day").is_none(), "{video}");
    assert_eq!(video["display_date"], "März 2022");
    let jeddah = by_id("2025-03-11-dschidda");
    assert_eq!(jeddah["end_date"]["day"], 12);
    assert_eq!(
        jeddah["text"]["headline"],
        "Treffen in Dschidda; USA, Ukraine"
    );
    assert!(
        jeddah["text"]["text"]
            .as_str()
            .unwrap()
            .contains("&quot;Zitat&quot;")
    );
}

#[test]
fn this_repositorys_site_has_parseable_feeds_calendars_and_data() {
    let out = tempfile::tempdir().expect("temporary folder");
    let public = out.path().join("public");
    let result = dossier_cmd()
        .args([
            "build",
            "--root",
            env!("CARGO_MANIFEST_DIR"),
            "--base-url",
            BASE,
            "--output",
        ])
        .arg(&public)
        .output()
        .expect("run dossier");
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let read = |p: &str| std::fs::read_to_string(public.join(p)).expect(p);
    let all: atom_syndication::Feed = read("feed.xml").parse().expect("feed.xml parses");
    assert!(!all.entries().is_empty());
    let events: Value = serde_json::from_str(&read("data/events.json")).expect("events.json");
    let count = events["events"].as_array().unwrap().len();
    let dated = events["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["precision"] == "day")
        .count();
    let ics = read("timeline.ics");
    let cal = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()))
        .next()
        .expect("a calendar")
        .expect("timeline.ics parses");
    assert_eq!(cal.events.len(), dated);
    assert!(
        count >= dated && dated > 10,
        "{count} events, {dated} dated"
    );
    for actor in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/actors"))
        .expect("actors")
    {
        let name = actor.expect("entry").file_name();
        let slug = name.to_string_lossy().trim_end_matches(".md").to_string();
        let feed: Result<atom_syndication::Feed, _> = read(&format!("actors/{slug}.xml")).parse();
        assert!(feed.is_ok(), "actors/{slug}.xml");
        let ics = read(&format!("actors/{slug}.ics"));
        assert!(
            ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()))
                .next()
                .is_some_and(|c| c.is_ok()),
            "actors/{slug}.ics"
        );
    }
    for name in ["actors", "briefings", "timeline"] {
        let _: Value = serde_json::from_str(&read(&format!("data/{name}.json"))).expect(name);
    }
    let csv_text = read("data/events.csv");
    let mut csv = csv::Reader::from_reader(csv_text.as_bytes());
    assert_eq!(csv.records().filter(|r| r.is_ok()).count(), count);
}

#[test]
fn on_a_timeline_split_by_month_every_export_links_the_events_month_page() {
    let f = Fixture::small();
    f.write(
        "content/briefings/2025-03-tricky.md",
        outputs_fixture::TRICKY,
    );
    f.write(
        "site.yaml",
        &format!("{}timeline_split: 2\n", common::SITE_YAML),
    );
    f.build();
    let events = json(&f, "data/events.json");
    let mut months = BTreeSet::new();
    for e in events["events"].as_array().unwrap() {
        let path = e["path"].as_str().unwrap();
        let (page, id) = path.split_once('#').expect("an anchor");
        assert!(page.starts_with("timeline."), "{path}");
        assert!(
            f.read(page).contains(&format!("id=\"{id}\"")),
            "{path} does not resolve"
        );
        assert_eq!(e["url"], format!("{BASE}{path}"));
        months.insert(page.to_string());
    }
    assert!(months.len() > 1, "{months:?}");
    let cal = calendar(&f, "timeline.ics");
    let jeddah = cal
        .events
        .iter()
        .find(|e| prop(e, "UID") == Some("2025-03-11-dschidda@example.org.dossier"))
        .expect("the Dschidda event");
    assert_eq!(
        prop(jeddah, "URL"),
        Some("https://example.org/dossier/timeline.2025-03.html#2025-03-11-dschidda")
    );
    // JSON-LD goes with the month pages; the overview carries none.
    let march = f.read("timeline.2025-03.html");
    assert!(march.contains(r#""startDate":"2025-03-11""#));
    assert!(!march.contains(r#""startDate":"2022-02-24""#));
    assert!(!f.read("timeline.html").contains("application/ld+json"));
    let search_docs = f.read("search/d/0.js");
    assert!(search_docs.contains("\"u\":\"timeline.2025-03.html#2025-03-11-dschidda\""));
}
