//! Data for analysts: `data/events.json`, `data/actors.json`, `data/briefings.json`
//! (schemas in `data/schema/`), `data/events.csv`, and `data/timeline.json` for
//! Knight Lab TimelineJS (made in `timelinejs`). Ids are the site's own: event ids, actor
//! and briefing slugs.

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
    let events = || json_records(staging, "data/events.json", &events(p));
    let actors = || json_records(staging, "data/actors.json", &actors(p));
    let briefings = || json_records(staging, "data/briefings.json", &briefings(p));
    let csv = || stream(staging, "data/events.csv", |out| super::csv::events(p, out)).map(|()| 1);
    let timeline = || {
        let timeline = super::timelinejs::timeline(p);
        json_records(staging, "data/timeline.json", &timeline)
    };
    let schemas = || {
        for (name, text) in SCHEMAS {
            staging.write(&format!("data/schema/{name}"), text.as_bytes())?;
        }
        Ok(SCHEMAS.len())
    };
    super::run_all(&[&events, &actors, &briefings, &csv, &timeline, &schemas])
}

/// Writes JSON with one record a line, newline-terminated, straight to the file.
fn json_records<T: Serialize>(staging: &Staging, path: &str, value: &T) -> Result<usize> {
    stream(staging, path, |out| write_records(out, value))?;
    Ok(1)
}

fn write_records<W: Write, T: Serialize>(out: &mut W, value: &T) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, Records::default());
    value.serialize(&mut serializer)?;
    out.write_all(b"\n")
}

/// The export's own fields and each item of its list on a line of their own, indented
/// like `serde_json`'s pretty printer; everything inside an item on that item's line,
/// without spaces. A record is one line for `grep` and for line-by-line diffs between
/// builds, and the files are a third smaller than fully indented (briefings.json of the
/// 100,000-briefing benchmark: 112 MB rather than 182 MB), which nobody reads by eye.
#[derive(Default)]
struct Records {
    level: usize,
    has_value: bool,
}

/// Levels written one item a line: the export object's fields, and the list's items.
const LINED: usize = 2;

impl Records {
    fn newline<W: ?Sized + Write>(&self, out: &mut W) -> io::Result<()> {
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
        if self.has_value && self.level < LINED {
            self.newline(out)?;
        }
        out.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        if !first {
            out.write_all(b",")?;
        }
        if self.level <= LINED {
            self.newline(out)?;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Records {
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
        if self.level <= LINED {
            out.write_all(b": ")
        } else {
            out.write_all(b":")
        }
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

#[cfg(test)]
mod tests {
    use super::write_records;

    fn records(value: &serde_json::Value) -> String {
        let mut out = Vec::new();
        write_records(&mut out, value).expect("writing to memory");
        String::from_utf8(out).expect("JSON is UTF-8")
    }

    #[test]
    fn each_item_of_the_list_is_one_line() {
        let value = serde_json::json!({
            "version": 1,
            "site": "Lage",
            "events": [
                {"id": "e1", "actors": ["a", "b"], "sources": [{"url": null}], "end": null},
                {"id": "e2", "actors": [], "sources": []}
            ],
            "empty": []
        });
        assert_eq!(
            records(&value),
            // (`json!` sorts the keys.)
            "{\n  \"empty\": [],\n  \"events\": [\n    \
             {\"actors\":[\"a\",\"b\"],\"end\":null,\"id\":\"e1\",\"sources\":[{\"url\":null}]},\n    \
             {\"actors\":[],\"id\":\"e2\",\"sources\":[]}\n  ],\n  \"site\": \"Lage\",\n  \"version\": 1\n}\n"
        );
    }

    proptest::proptest! {
        /// Whatever the shape, the text reads back as the value written.
        #[test]
        fn reads_back_as_written(
            keys in proptest::collection::vec("[a-z\"\\\\ ]{0,6}", 0..4),
            depth in 0usize..5,
            items in 0usize..4,
        ) {
            let mut value = serde_json::json!("leaf \"quoted\"\n");
            for level in 0..depth {
                value = if level % 2 == 0 {
                    serde_json::Value::Array(vec![value; items])
                } else {
                    keys.iter().map(|k| (k.clone(), value.clone())).collect()
                };
            }
            let text = records(&value);
            let back: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
            proptest::prop_assert_eq!(back, value);
        }
    }
}
