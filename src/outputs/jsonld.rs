//! schema.org JSON-LD for pages: NewsArticle for briefings, Person, Country or
//! Organization for actors, and an ItemList of Events for the timeline. URLs in it are
//! relative to the page, like every other link (JSON-LD resolves them against the page).

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};

use crate::config::Config;
use crate::content::{ActorKind, Event};
use crate::date::PartialDate;
use crate::render::Page;
use crate::render::view::url;
use crate::site::Site;

// The structs below are written straight to JSON (no intermediate `serde_json::Value`
// maps: those cost a third of a second at 10,000 briefings). Their fields stand in
// the alphabetical order of their keys, the order the output always had.

/// The JSON-LD of a page, ready to sit inside `<script type="application/ld+json">`.
pub fn for_page(site: &Site, config: &Config, page: &Page) -> Option<String> {
    let root = "../".repeat(page.path(site).matches('/').count());
    let ld = Ld { site, config, root };
    match page {
        Page::Briefing(i) => Some(script_safe(&ld.briefing(*i))),
        Page::Actor(slug, _) => Some(script_safe(&ld.actor(slug))),
        // A split timeline lists each month's events on the month's page.
        Page::Timeline if !site.timeline_split => Some(script_safe(
            &ld.timeline(&(0..site.events.len()).collect::<Vec<_>>()),
        )),
        Page::TimelinePart(key) => {
            let (_, events) = site.timeline_parts.iter().find(|(k, _)| k == key)?;
            Some(script_safe(&ld.timeline(events)))
        }
        _ => None,
    }
}

/// JSON that cannot end its `<script>` element early: `<`, `>` and `&` only occur inside
/// strings in JSON, where their `\u` escapes mean the same.
pub fn script_safe<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::with_capacity(512);
    let mut serializer = Serializer::with_formatter(&mut out, ScriptSafe);
    if value.serialize(&mut serializer).is_err() {
        return String::new();
    }
    // The serializer writes valid UTF-8 (and the escapes are ASCII).
    String::from_utf8(out).unwrap_or_default()
}

/// Compact JSON whose strings have `<`, `>` and `&` written as `\u` escapes.
struct ScriptSafe;

impl Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let bytes = fragment.as_bytes();
        // Most fragments have none of the three: a scan without early exit, which the
        // compiler turns into vector instructions, says so and the fragment is copied whole.
        let special = |b: u8| matches!(b, b'<' | b'>' | b'&');
        if !bytes.iter().fold(false, |found, &b| found | special(b)) {
            return writer.write_all(bytes);
        }
        let mut start = 0;
        for (at, byte) in bytes.iter().enumerate() {
            let escape: &[u8] = match byte {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                b'&' => b"\\u0026",
                _ => continue,
            };
            writer.write_all(&bytes[start..at])?;
            writer.write_all(escape)?;
            start = at + 1;
        }
        writer.write_all(&bytes[start..])
    }
}

#[derive(Serialize)]
struct Organisation<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

fn organisation(config: &Config) -> Organisation<'_> {
    let name = config
        .site
        .publisher
        .as_deref()
        .unwrap_or(&config.site.title);
    Organisation {
        kind: "Organization",
        name,
    }
}

fn schema_type(kind: Option<ActorKind>) -> &'static str {
    match kind {
        Some(ActorKind::Person) => "Person",
        Some(ActorKind::State) => "Country",
        _ => "Organization",
    }
}

#[derive(Serialize)]
struct ActorRef<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    about: Vec<ActorRef<'a>>,
    author: Organisation<'a>,
    #[serde(rename = "dateModified")]
    date_modified: PartialDate,
    #[serde(rename = "datePublished")]
    date_published: PartialDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    headline: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    keywords: Option<String>,
    publisher: Organisation<'a>,
    url: String,
}

#[derive(Serialize)]
struct ActorLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "alternateName", skip_serializing_if = "<[String]>::is_empty")]
    alternate_name: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(rename = "jobTitle", skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    nationality: Option<ActorRef<'a>>,
    url: String,
}

#[derive(Serialize)]
struct Place<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct EventLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    actor: Vec<ActorRef<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(rename = "endDate", skip_serializing_if = "Option::is_none")]
    end_date: Option<PartialDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Place<'a>>,
    name: &'a str,
    #[serde(rename = "startDate")]
    start_date: PartialDate,
    url: String,
}

#[derive(Serialize)]
struct ListItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    item: EventLd<'a>,
    position: usize,
}

#[derive(Serialize)]
struct ItemList<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "itemListElement")]
    item_list_element: Vec<ListItem<'a>>,
    name: String,
    #[serde(rename = "numberOfItems")]
    number_of_items: usize,
}

const SCHEMA_ORG: &str = "https://schema.org";

/// What the JSON-LD of one page is made from.
struct Ld<'a> {
    site: &'a Site,
    config: &'a Config,
    /// `../` back to the site root from the page.
    root: String,
}

impl<'a> Ld<'a> {
    fn link(&self, path: &str) -> String {
        format!("{}{path}", self.root)
    }

    fn actor_ref(&self, slug: &'a str) -> ActorRef<'a> {
        let actor = self.site.actors.get(slug);
        ActorRef {
            kind: schema_type(actor.and_then(|a| a.front.kind)),
            name: actor.map_or(slug, |a| a.front.name.as_str()),
            url: self.link(&url::actor(slug)),
        }
    }

    fn briefing(&self, i: usize) -> NewsArticle<'a> {
        let b = &self.site.briefings[i];
        NewsArticle {
            context: SCHEMA_ORG,
            kind: "NewsArticle",
            about: b.actors.iter().map(|a| self.actor_ref(a)).collect(),
            author: organisation(self.config),
            date_modified: b.updated.unwrap_or(b.date).max(b.date),
            date_published: b.date,
            description: b.summary.as_deref(),
            headline: &b.title,
            in_language: b.lang.code(),
            keywords: (!b.topics.is_empty()).then(|| b.topics.join(", ")),
            publisher: organisation(self.config),
            url: self.link(&url::briefing(&b.slug)),
        }
    }

    fn actor(&self, slug: &'a str) -> ActorLd<'a> {
        let f = &self.site.actors[slug].front;
        let person = f.kind == Some(ActorKind::Person);
        ActorLd {
            context: SCHEMA_ORG,
            kind: schema_type(f.kind),
            alternate_name: &f.aliases,
            description: f.role.as_deref().filter(|_| !person),
            job_title: f.role.as_deref().filter(|_| person),
            name: &f.name,
            nationality: f
                .country
                .as_deref()
                .filter(|_| person)
                .map(|c| self.actor_ref(c)),
            url: self.link(&url::actor(slug)),
        }
    }

    fn event(&self, i: usize) -> EventLd<'a> {
        let e: &'a Event = &self.site.events[i];
        EventLd {
            kind: "Event",
            actor: e.actors.iter().map(|a| self.actor_ref(a)).collect(),
            description: e.summary.as_deref(),
            end_date: e.end,
            location: e.place.as_deref().map(|name| Place {
                kind: "Place",
                name,
            }),
            name: &e.title,
            start_date: e.date,
            url: self.link(&self.site.event_url(i)),
        }
    }

    /// An ItemList of the given events (indices into `site.events`).
    fn timeline(&self, events: &[usize]) -> ItemList<'a> {
        let config = self.config;
        ItemList {
            context: SCHEMA_ORG,
            kind: "ItemList",
            item_list_element: events
                .iter()
                .enumerate()
                .map(|(n, &i)| ListItem {
                    kind: "ListItem",
                    item: self.event(i),
                    position: n + 1,
                })
                .collect(),
            name: format!(
                "{} · {}",
                config.site.lang.label("timeline").unwrap_or_default(),
                config.site.title
            ),
            number_of_items: events.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn a_closing_script_tag_in_content_stays_inside_the_json() {
        let text = script_safe(&json!({ "headline": "</script><script>alert(1)</script> & co" }));
        assert!(!text.contains(['<', '>', '&']), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["headline"], "</script><script>alert(1)</script> & co");
    }

    #[test]
    fn strings_are_written_as_serde_writes_them_but_for_the_three_characters() {
        for text in [
            "",
            "Gespräche in Genf",
            "\"Zitat\" mit \\ und \n",
            "a<b",
            "&",
            "<<>>&&x",
            "Waffenruhe & Gefangenenaustausch: \"<Entwurf>\"",
        ] {
            let expected = serde_json::to_string(text)
                .unwrap()
                .replace('<', "\\u003c")
                .replace('>', "\\u003e")
                .replace('&', "\\u0026");
            assert_eq!(script_safe(text), expected, "{text}");
        }
    }
}
