//! Data for analysts: `data/events.json`, `data/actors.json`, `data/briefings.json`
//! (schemas in `data/schema/`), `data/events.csv`, and `data/timeline.json` for
//! Knight Lab TimelineJS (made in `timelinejs`). Ids are the site's own: event ids, actor
//! and briefing slugs.

use serde::Serialize;

use crate::config::Config;
use crate::content::{Quote, Role, Source};
use crate::date::PartialDate;
use crate::error::Result;
use crate::output::Staging;
use crate::render::view::url;
use crate::site::Site;

/// Data files the timeline page links to: path, what it holds (an i18n key, or a name
/// used as it is), format.
pub const LINKED: [(&str, &str, &str); 3] = [
    ("data/events.json", "events", "JSON"),
    ("data/events.csv", "events", "CSV"),
    ("data/timeline.json", "TimelineJS", "JSON"),
];

/// The schema files, as written into `data/schema/`.
pub const SCHEMAS: &[(&str, &str)] = &[
    (
        "events.schema.json",
        include_str!("../../schemas/events.schema.json"),
    ),
    (
        "actors.schema.json",
        include_str!("../../schemas/actors.schema.json"),
    ),
    (
        "briefings.schema.json",
        include_str!("../../schemas/briefings.schema.json"),
    ),
];

/// Bumped when a field changes meaning or disappears; new fields keep the version.
pub const VERSION: u32 = 1;

pub fn mime(path: &str) -> &'static str {
    if path.ends_with(".csv") {
        "text/csv"
    } else {
        "application/json"
    }
}

/// Writes every data file; returns how many.
pub fn write(site: &Site, config: &Config, staging: &Staging) -> Result<usize> {
    staging.write("data/events.json", pretty(&events(site, config)).as_bytes())?;
    staging.write("data/actors.json", pretty(&actors(site, config)).as_bytes())?;
    staging.write(
        "data/briefings.json",
        pretty(&briefings(site, config)).as_bytes(),
    )?;
    staging.write("data/events.csv", events_csv(site, config).as_bytes())?;
    let timeline = pretty(&super::timelinejs::timeline(site, config));
    staging.write("data/timeline.json", timeline.as_bytes())?;
    for (name, text) in SCHEMAS {
        staging.write(&format!("data/schema/{name}"), text.as_bytes())?;
    }
    Ok(5 + SCHEMAS.len())
}

/// Indented JSON, newline-terminated. (Serialising these plain structs cannot fail:
/// every map key is a string.)
fn pretty<T: Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

#[derive(Serialize)]
pub struct Export<T> {
    version: u32,
    site: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    base_url: Option<String>,
    #[serde(flatten)]
    items: T,
}

fn export<T>(config: &Config, items: T) -> Export<T> {
    Export {
        version: VERSION,
        site: config.site.title.clone(),
        base_url: config.base_url.clone(),
        items,
    }
}

#[derive(Serialize)]
pub struct EventRecord<'a> {
    id: &'a str,
    date: PartialDate,
    end: Option<PartialDate>,
    precision: crate::date::Precision,
    title: &'a str,
    summary: Option<&'a str>,
    kind: Option<&'a str>,
    status: Option<&'static str>,
    place: Option<&'a str>,
    actors: &'a [String],
    briefings: Vec<&'a str>,
    sources: &'a [Source],
    path: String,
    url: Option<String>,
}

#[derive(Serialize)]
struct Events<'a> {
    events: Vec<EventRecord<'a>>,
}

fn event_records<'a>(site: &'a Site, config: &Config) -> Vec<EventRecord<'a>> {
    site.events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let path = super::event_path(site, i);
            EventRecord {
                id: &e.id,
                date: e.date,
                end: e.end,
                precision: e.date.precision(),
                title: &e.title,
                summary: e.summary.as_deref(),
                kind: e.kind.as_deref(),
                status: e.status.map(|s| s.key()),
                place: e.place.as_deref(),
                actors: &e.actors,
                briefings: site.event_briefings[i]
                    .iter()
                    .map(|&b| site.briefings[b].slug.as_str())
                    .collect(),
                sources: &e.sources,
                url: super::absolute(config, &path),
                path,
            }
        })
        .collect()
}

fn events<'a>(site: &'a Site, config: &Config) -> Export<Events<'a>> {
    export(
        config,
        Events {
            events: event_records(site, config),
        },
    )
}

#[derive(Serialize)]
struct ActorRecord<'a> {
    id: &'a str,
    name: &'a str,
    kind: Option<&'static str>,
    role: Option<&'a str>,
    roles: &'a [Role],
    country: Option<&'a str>,
    aliases: &'a [String],
    briefings: Vec<&'a str>,
    events: Vec<&'a str>,
    path: String,
    url: Option<String>,
}

#[derive(Serialize)]
struct Actors<'a> {
    actors: Vec<ActorRecord<'a>>,
}

fn actors<'a>(site: &'a Site, config: &Config) -> Export<Actors<'a>> {
    let records = site
        .actors
        .iter()
        .map(|(slug, a)| {
            let path = url::actor(slug);
            ActorRecord {
                id: slug,
                name: &a.front.name,
                kind: a.front.kind.map(|k| k.key()),
                role: a.front.role.as_deref(),
                roles: &a.front.roles,
                country: a.front.country.as_deref(),
                aliases: &a.front.aliases,
                briefings: site
                    .actor_briefings
                    .get(slug)
                    .into_iter()
                    .flatten()
                    .map(|&b| site.briefings[b].slug.as_str())
                    .collect(),
                events: site
                    .actor_events
                    .get(slug)
                    .into_iter()
                    .flatten()
                    .map(|&e| site.events[e].id.as_str())
                    .collect(),
                url: super::absolute(config, &path),
                path,
            }
        })
        .collect();
    export(config, Actors { actors: records })
}

#[derive(Serialize)]
struct BriefingRecord<'a> {
    id: &'a str,
    title: &'a str,
    date: PartialDate,
    updated: Option<PartialDate>,
    lang: &'static str,
    summary: Option<&'a str>,
    actors: &'a [String],
    topics: &'a [String],
    places: &'a [String],
    events: &'a [String],
    sources: &'a [Source],
    quotes: &'a [Quote],
    reading_minutes: usize,
    path: String,
    url: Option<String>,
}

#[derive(Serialize)]
struct Briefings<'a> {
    briefings: Vec<BriefingRecord<'a>>,
}

fn briefings<'a>(site: &'a Site, config: &Config) -> Export<Briefings<'a>> {
    let records = site
        .briefings
        .iter()
        .map(|b| {
            let path = url::briefing(&b.slug);
            BriefingRecord {
                id: &b.slug,
                title: &b.title,
                date: b.date,
                updated: b.updated,
                lang: b.lang.code(),
                summary: b.summary.as_deref(),
                actors: &b.actors,
                topics: &b.topics,
                places: &b.places,
                events: &b.event_ids,
                sources: &b.sources,
                quotes: &b.quotes,
                reading_minutes: b.reading_minutes(),
                url: super::absolute(config, &path),
                path,
            }
        })
        .collect();
    export(config, Briefings { briefings: records })
}

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 13] = [
    "id",
    "date",
    "end",
    "precision",
    "title",
    "kind",
    "status",
    "place",
    "actors",
    "briefings",
    "summary",
    "sources",
    "url",
];

/// `data/events.csv`: one row per event, RFC 4180 (CRLF, quotes doubled); lists inside
/// a cell are separated by `; `.
pub fn events_csv(site: &Site, config: &Config) -> String {
    let mut out = CSV_COLUMNS.join(",");
    out.push_str("\r\n");
    for r in event_records(site, config) {
        let precision = serde_json::to_value(r.precision)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let sources: Vec<&str> = r.sources.iter().filter_map(|s| s.url.as_deref()).collect();
        let row = [
            r.id.to_string(),
            r.date.to_string(),
            r.end.map(|d| d.to_string()).unwrap_or_default(),
            precision,
            r.title.to_string(),
            r.kind.unwrap_or_default().to_string(),
            r.status.unwrap_or_default().to_string(),
            r.place.unwrap_or_default().to_string(),
            r.actors.join("; "),
            r.briefings.join("; "),
            r.summary.unwrap_or_default().to_string(),
            sources.join("; "),
            r.url.unwrap_or(r.path),
        ];
        let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Quotes a cell when it holds a comma, quote, line break or edge spaces.
pub fn csv_cell(text: &str) -> String {
    let needs = text.contains([',', '"', '\n', '\r']) || text.trim() != text;
    if needs {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_only_when_needed() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_cell(" edge"), "\" edge\"");
    }
}
