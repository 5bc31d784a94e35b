//! Data for analysts: `data/events.json`, `data/actors.json`, `data/briefings.json`
//! (schemas in `data/schema/`), `data/events.csv`, and `data/timeline.json` for
//! Knight Lab TimelineJS (made in `timelinejs`). Ids are the site's own: event ids, actor
//! and briefing slugs.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde::{Serialize, Serializer};

use super::{Lazy, Prepared, Url, stream};
use crate::config::Config;
use crate::content::{Actor, Briefing, Quote, Role, Source};
use crate::date::{PartialDate, Precision};
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

/// Writes every data file, side by side; returns how many.
pub fn write(p: &Prepared<'_>, staging: &Staging) -> Result<usize> {
    let events = || pretty(staging, "data/events.json", &events(p));
    let actors = || pretty(staging, "data/actors.json", &actors(p));
    let briefings = || pretty(staging, "data/briefings.json", &briefings(p));
    let csv = || stream(staging, "data/events.csv", |out| events_csv(p, out)).map(|()| 1);
    let timeline = || {
        let timeline = super::timelinejs::timeline(p);
        pretty(staging, "data/timeline.json", &timeline)
    };
    let schemas = || {
        for (name, text) in SCHEMAS {
            staging.write(&format!("data/schema/{name}"), text.as_bytes())?;
        }
        Ok(SCHEMAS.len())
    };
    super::run_all(&[&events, &actors, &briefings, &csv, &timeline, &schemas])
}

/// Writes indented JSON, newline-terminated, straight to the file.
fn pretty<T: Serialize>(staging: &Staging, path: &str, value: &T) -> Result<usize> {
    stream(staging, path, |out| {
        let mut serializer = serde_json::Serializer::with_formatter(&mut *out, Pretty::default());
        value.serialize(&mut serializer)?;
        out.write_all(b"\n")
    })?;
    Ok(1)
}

/// `serde_json`'s `PrettyFormatter` (two spaces a level), byte for byte, but writing a
/// line break and its indentation in one piece rather than one write per level: most of
/// what these files hold is indentation.
#[derive(Default)]
struct Pretty {
    level: usize,
    has_value: bool,
}

/// A line break and enough indentation for [`Pretty::newline`]'s usual depths.
const NEWLINE: &[u8; 65] = b"\n                                                                ";

impl Pretty {
    fn newline<W: ?Sized + Write>(&self, out: &mut W) -> io::Result<()> {
        let width = 2 * self.level;
        if width < NEWLINE.len() {
            return out.write_all(&NEWLINE[..1 + width]);
        }
        out.write_all(b"\n")?;
        (0..self.level).try_for_each(|_| out.write_all(b"  "))
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.newline(out)?;
        }
        out.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        if !first {
            out.write_all(b",")?;
        }
        self.newline(out)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.item(out, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.item(out, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[derive(Serialize)]
pub struct Export<'a, T> {
    version: u32,
    site: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    base_url: Option<&'a str>,
    #[serde(flatten)]
    items: T,
}

fn export<'a, T>(config: &'a Config, items: T) -> Export<'a, T> {
    Export {
        version: VERSION,
        site: &config.site.title,
        base_url: config.base_url.as_deref(),
        items,
    }
}

/// The slugs of briefings given by index.
struct BriefingIds<'a>(&'a Site, &'a [usize]);

impl Serialize for BriefingIds<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Self(site, list) = self;
        serializer.collect_seq(list.iter().map(|&b| site.briefings[b].slug.as_str()))
    }
}

/// The ids of events given by index.
struct EventIds<'a>(&'a Site, &'a [usize]);

impl Serialize for EventIds<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Self(site, list) = self;
        serializer.collect_seq(list.iter().map(|&e| site.events[e].id.as_str()))
    }
}

#[derive(Serialize)]
pub struct EventRecord<'a> {
    id: &'a str,
    date: PartialDate,
    end: Option<PartialDate>,
    precision: Precision,
    title: &'a str,
    summary: Option<&'a str>,
    kind: Option<&'a str>,
    status: Option<&'static str>,
    place: Option<&'a str>,
    actors: &'a [String],
    briefings: BriefingIds<'a>,
    sources: &'a [Source],
    path: &'a str,
    url: Option<Url<'a>>,
}

#[derive(Serialize)]
struct Events<L> {
    events: L,
}

fn event_record<'a>(p: &'a Prepared<'a>, i: usize) -> EventRecord<'a> {
    let site = p.site;
    let e = &site.events[i];
    let path = p.event_paths[i].as_str();
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
        briefings: BriefingIds(site, &site.event_briefings[i]),
        sources: &e.sources,
        path,
        url: p.absolute(path),
    }
}

fn events<'a>(p: &'a Prepared<'a>) -> Export<'a, Events<impl Serialize + 'a>> {
    let records = Lazy(move || (0..p.site.events.len()).map(move |i| event_record(p, i)));
    export(p.config, Events { events: records })
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
    briefings: BriefingIds<'a>,
    events: EventIds<'a>,
    path: String,
    url: Option<String>,
}

#[derive(Serialize)]
struct Actors<L> {
    actors: L,
}

fn actors<'a>(p: &'a Prepared<'a>) -> Export<'a, Actors<impl Serialize + 'a>> {
    let site = p.site;
    let record = move |(slug, a): (&'a String, &'a Actor)| {
        let path = url::actor(slug);
        let listed = |map: &'a std::collections::BTreeMap<String, Vec<usize>>| {
            map.get(slug).map_or(&[][..], Vec::as_slice)
        };
        ActorRecord {
            id: slug,
            name: &a.front.name,
            kind: a.front.kind.map(|k| k.key()),
            role: a.front.role.as_deref(),
            roles: &a.front.roles,
            country: a.front.country.as_deref(),
            aliases: &a.front.aliases,
            briefings: BriefingIds(site, listed(&site.actor_briefings)),
            events: EventIds(site, listed(&site.actor_events)),
            url: super::absolute(p.config, &path),
            path,
        }
    };
    let records = Lazy(move || site.actors.iter().map(record));
    export(p.config, Actors { actors: records })
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
struct Briefings<L> {
    briefings: L,
}

fn briefings<'a>(p: &'a Prepared<'a>) -> Export<'a, Briefings<impl Serialize + 'a>> {
    let record = move |b: &'a Briefing| {
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
            url: super::absolute(p.config, &path),
            path,
        }
    };
    let records = Lazy(move || p.site.briefings.iter().map(record));
    export(p.config, Briefings { briefings: records })
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
pub fn events_csv(p: &Prepared<'_>, out: &mut impl Write) -> io::Result<()> {
    let site = p.site;
    let mut row = CSV_COLUMNS.join(",");
    row.push_str("\r\n");
    out.write_all(row.as_bytes())?;
    // One line and one cell buffer, reused for every row.
    let mut cell = String::new();
    let put = |row: &mut String, text: &str, last: bool| {
        push_cell(row, text);
        row.push_str(if last { "\r\n" } else { "," });
    };
    for (i, e) in site.events.iter().enumerate() {
        row.clear();
        put(&mut row, &e.id, false);
        cell.clear();
        let _ = write!(cell, "{}", e.date);
        put(&mut row, &cell, false);
        cell.clear();
        if let Some(end) = e.end {
            let _ = write!(cell, "{end}");
        }
        put(&mut row, &cell, false);
        put(&mut row, precision_key(e.date.precision()), false);
        put(&mut row, &e.title, false);
        put(&mut row, e.kind.as_deref().unwrap_or_default(), false);
        put(
            &mut row,
            e.status.map(|s| s.key()).unwrap_or_default(),
            false,
        );
        put(&mut row, e.place.as_deref().unwrap_or_default(), false);
        join_into(&mut cell, e.actors.iter().map(String::as_str));
        put(&mut row, &cell, false);
        let briefings = site.event_briefings[i].iter();
        join_into(
            &mut cell,
            briefings.map(|&b| site.briefings[b].slug.as_str()),
        );
        put(&mut row, &cell, false);
        put(&mut row, e.summary.as_deref().unwrap_or_default(), false);
        join_into(&mut cell, e.sources.iter().filter_map(|s| s.url.as_deref()));
        put(&mut row, &cell, false);
        cell.clear();
        let path = &p.event_paths[i];
        match p.absolute(path) {
            Some(url) => {
                let _ = write!(cell, "{url}");
            }
            None => cell.push_str(path),
        }
        put(&mut row, &cell, true);
        out.write_all(row.as_bytes())?;
    }
    Ok(())
}

/// The precision as the JSON exports write it.
fn precision_key(precision: Precision) -> &'static str {
    match precision {
        Precision::Year => "year",
        Precision::Month => "month",
        Precision::Day => "day",
    }
}

/// Replaces `cell` with the items separated by `; `.
fn join_into<'a>(cell: &mut String, items: impl Iterator<Item = &'a str>) {
    cell.clear();
    for (n, item) in items.enumerate() {
        if n > 0 {
            cell.push_str("; ");
        }
        cell.push_str(item);
    }
}

/// Quotes a cell when it holds a comma, quote, line break or edge spaces.
pub fn csv_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_cell(&mut out, text);
    out
}

/// Appends one cell, quoted when it holds a comma, quote, line break or edge spaces.
fn push_cell(out: &mut String, text: &str) {
    let special = |b: &u8| matches!(b, b',' | b'"' | b'\n' | b'\r');
    let needs = text.as_bytes().iter().any(special) || text.trim().len() != text.len();
    if !needs {
        out.push_str(text);
        return;
    }
    out.push('"');
    for (n, part) in text.split('"').enumerate() {
        if n > 0 {
            out.push_str("\"\"");
        }
        out.push_str(part);
    }
    out.push('"');
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
