//! What templates see: plain serialisable views of the site, with dates already
//! written out in the page's language and every link relative to the site root.

use std::borrow::Cow;
use std::cell::RefCell;

use serde::Serialize;

use crate::content::{Actor, Briefing, Event, Origin, Quote, Source};
use crate::date::PartialDate;
use crate::i18n::Lang;
use crate::markdown;
use crate::site::{QuoteRef, Site};

use super::shared_values;
use crate::quick_hash::QuickMap;

pub mod url;

/// A date as templates see it: `iso`, `text` (written in the page's language) and
/// `precision`, as one value shared by every page of the thread that shows the date.
#[derive(Debug)]
pub struct DateView(tera::Value);

#[derive(Serialize)]
struct DateFields<'a> {
    iso: &'a str,
    /// The first four characters of `iso`: the timeline's filter marks each event with
    /// it, and a slice in the template costs each of the thousands of events a new string.
    year: &'a str,
    text: &'a str,
    precision: crate::date::Precision,
}

impl Serialize for DateView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl DateView {
    pub fn new(date: &PartialDate, lang: Lang) -> Self {
        DateView(known_date(date, lang, |(_, value)| value.clone()))
    }
}

/// `date.display(lang)`: see [`known_date`].
pub fn date_text(date: &PartialDate, lang: Lang) -> String {
    known_date(date, lang, |(text, _)| text.clone())
}

/// A date as written in `lang`, and its template value.
type KnownDate = (String, tera::Value);

/// Reads the date as written in `lang` and its template value, made once per thread
/// and kept for the life of the process. Formatting through chrono's locales costs
/// thousands of instructions, and a template map costs a hash per key; a site names
/// the same few thousand dates on its cards, events, sources and timelines hundreds of
/// thousands of times. The dates a process ever shows are a small, closed set (days of
/// the archive's years), so keeping them costs little.
fn known_date<R>(date: &PartialDate, lang: Lang, read: impl FnOnce(&KnownDate) -> R) -> R {
    thread_local! {
        static DATES: RefCell<QuickMap<(PartialDate, Lang), KnownDate>> = RefCell::default();
    }
    DATES.with_borrow_mut(|dates| {
        read(dates.entry((*date, lang)).or_insert_with(|| {
            let text = date.display(lang);
            let iso = date.to_string();
            let value = shared_values::value(&DateFields {
                iso: &iso,
                year: iso.get(..4).unwrap_or(&iso),
                text: &text,
                precision: date.precision(),
            });
            (text, value)
        }))
    })
}

fn date(date: &Option<PartialDate>, lang: Lang) -> Option<DateView> {
    date.as_ref().map(|d| DateView::new(d, lang))
}

/// HTML that templates write as it is. It reaches them as a string already marked
/// safe, so they need no `| safe` filter, which would copy it (a briefing's body is
/// most of its page).
#[derive(Debug, Default)]
pub struct SafeHtml(pub String);

impl Serialize for SafeHtml {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        tera::Value::safe_string(&self.0).serialize(serializer)
    }
}

// Views borrow the site's text: a page's values are copied once, into Tera's own.

#[derive(Debug, Serialize)]
pub struct Link<'a> {
    pub label: &'a str,
    pub url: String,
}

/// An actor as a chip linking to its page; templates also see its `url`.
#[derive(Debug)]
pub struct ActorChip<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub role: Option<&'a str>,
}

#[derive(Serialize)]
struct ChipFields<'a> {
    slug: &'a str,
    name: &'a str,
    url: String,
    role: Option<&'a str>,
}

impl Serialize for ActorChip<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The link is made from the slug, and only when the chip is first shown.
        let parts = [Some(self.slug), Some(self.name), self.role];
        let make = || {
            shared_values::value(&ChipFields {
                slug: self.slug,
                name: self.name,
                url: url::actor(self.slug),
                role: self.role,
            })
        };
        shared_values::chip(parts, make).serialize(serializer)
    }
}

#[derive(Debug, Serialize)]
pub struct BriefingCard<'a> {
    pub title: &'a str,
    pub url: String,
    pub date: DateView,
    pub summary: Option<&'a str>,
    pub lang: Lang,
    pub actors: Vec<ActorChip<'a>>,
}

#[derive(Debug, Serialize)]
pub struct SourceView<'a> {
    pub n: usize,
    pub title: &'a str,
    pub publisher: Option<&'a str>,
    pub url: Option<Cow<'a, str>>,
    pub seed_url: Option<String>,
    pub date: Option<DateView>,
    pub lang: Option<Lang>,
    pub note: Option<&'a str>,
    pub machine_translated: bool,
}

#[derive(Debug, Serialize)]
pub struct EventView<'a> {
    pub id: &'a str,
    pub url: String,
    pub date: DateView,
    pub end: Option<DateView>,
    pub title: &'a str,
    pub status: Option<&'static str>,
    pub status_label: Option<&'static str>,
    pub kind: Option<&'a str>,
    pub kind_label: Option<&'a str>,
    pub place: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub description_html: Option<&'a str>,
    pub actors: Vec<ActorChip<'a>>,
    pub briefings: Vec<Link<'a>>,
    pub sources: Vec<SourceView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct QuoteView<'a> {
    pub actor: ActorChip<'a>,
    pub text: &'a str,
    pub date: Option<DateView>,
    pub lang: Option<Lang>,
    pub translation: Option<&'a str>,
    pub context: Option<&'a str>,
    pub source_n: Option<usize>,
    pub source_url: Option<String>,
    pub briefing: Link<'a>,
}

/// Builds views for pages in one language.
pub struct Views<'a> {
    pub site: &'a Site,
    pub lang: Lang,
    /// `../` once per folder level of the page being rendered, for body links.
    pub root: String,
}

impl<'a> Views<'a> {
    pub fn new(site: &'a Site, lang: Lang) -> Self {
        Views {
            site,
            lang,
            root: String::new(),
        }
    }

    /// The same views for a page `root` (`../` per level) deep in the site.
    pub fn at(mut self, root: String) -> Self {
        self.root = root;
        self
    }

    /// A body written in `file`, rendered with its internal links pointing at pages.
    pub fn body_html(&self, body: &str, file: &std::path::Path) -> String {
        let label = self.lang.label("anchor_link").unwrap_or("#");
        let resolve = |dest: &str| crate::links::rewrite(self.site, file, &self.root, dest);
        let (html, facts) =
            markdown::render_full(body, label, self.site.raw_html, &resolve).into_parts();
        self.site.note_body(file, facts);
        html
    }

    /// A briefing's body, read from its file again and rendered. A body that cannot be
    /// read is noted as a problem of the build (which then fails) and shown as nothing.
    pub fn briefing_body_html(&self, b: &crate::content::Briefing) -> String {
        match b.read_body() {
            Ok(body) => self.body_html(&body, &b.file),
            Err(problem) => {
                self.site.note_problem(problem);
                String::new()
            }
        }
    }

    pub fn actor_chip<'s>(&self, slug: &'s str, on: Option<&PartialDate>) -> ActorChip<'s>
    where
        'a: 's,
    {
        let actor: Option<&'a Actor> = self.site.actors.get(slug);
        ActorChip {
            slug,
            name: actor.map_or(slug, |a| a.front.name.as_str()),
            role: actor.and_then(|a| match on {
                Some(d) => a.role_on(d),
                None => a.front.role.as_deref(),
            }),
        }
    }

    pub fn briefing_card(&self, b: &'a Briefing) -> BriefingCard<'a> {
        BriefingCard {
            title: &b.title,
            url: url::briefing(&b.slug),
            date: DateView::new(&b.date, self.lang),
            summary: b.summary.as_deref(),
            lang: b.lang,
            actors: b
                .actors
                .iter()
                .map(|a| self.actor_chip(a, Some(&b.date)))
                .collect(),
        }
    }

    pub fn source<'s>(&self, n: usize, s: &'s Source) -> SourceView<'s> {
        let seed = s.seed.as_ref().and_then(|name| self.site.seeds.get(name));
        let title = [&s.title, &s.publisher, &s.url, &s.seed]
            .into_iter()
            .find_map(|field| field.as_deref())
            .unwrap_or_default();
        SourceView {
            n,
            title,
            publisher: s.publisher.as_deref(),
            url: s.url.as_deref().map(url::external),
            seed_url: seed.map(|seed| url::seed(&seed.slug)),
            date: date(&s.date, self.lang),
            lang: s.lang,
            note: s.note.as_deref(),
            machine_translated: s.machine_translated,
        }
    }

    pub fn sources<'s>(&self, sources: &'s [Source]) -> Vec<SourceView<'s>> {
        sources
            .iter()
            .enumerate()
            .map(|(i, s)| self.source(i + 1, s))
            .collect()
    }

    /// The description of a standalone event, rendered from its Markdown body once
    /// for pages at every depth: its links carry a marker for the page's root.
    pub fn event_description(&self, index: usize) -> Option<String> {
        let e: &Event = &self.site.events[index];
        match &e.origin {
            Origin::Standalone { body, .. } if !body.trim().is_empty() => {
                let shared = Views {
                    root: crate::links::PAGE_ROOT.to_string(),
                    ..*self
                };
                Some(shared.body_html(body, &e.file))
            }
            _ => None,
        }
    }

    /// An event, with its description rendered before by `event_description`.
    pub fn event<'s>(&self, index: usize, description_html: Option<&'s str>) -> EventView<'s>
    where
        'a: 's,
    {
        let e: &'a Event = &self.site.events[index];
        let label = |key: &str| self.lang.label(key);
        EventView {
            id: &e.id,
            url: self.site.event_url(index),
            date: DateView::new(&e.date, self.lang),
            end: date(&e.end, self.lang),
            title: &e.title,
            status: e.status.map(|s| s.key()),
            status_label: e.status.and_then(|s| label(s.key())),
            kind: e.kind.as_deref(),
            kind_label: e.kind.as_deref().map(|k| label(k).unwrap_or(k)),
            place: e.place.as_deref(),
            summary: e.summary.as_deref(),
            description_html,
            actors: e
                .actors
                .iter()
                .map(|a| self.actor_chip(a, Some(&e.date)))
                .collect(),
            briefings: self.site.event_briefings[index]
                .iter()
                .map(|&b| {
                    let b = &self.site.briefings[b];
                    Link {
                        label: &b.title,
                        url: url::briefing(&b.slug),
                    }
                })
                .collect(),
            sources: self.sources(&e.sources),
        }
    }

    pub fn quote(&self, r: QuoteRef) -> QuoteView<'a> {
        let b: &'a Briefing = &self.site.briefings[r.briefing];
        let q: &'a Quote = &b.quotes[r.quote];
        let briefing_url = url::briefing(&b.slug);
        QuoteView {
            actor: self.actor_chip(&q.actor, q.date.as_ref().or(Some(&b.date))),
            text: &q.text,
            date: date(&q.date, self.lang),
            lang: q.lang.or(Some(b.lang)),
            translation: q.translation.as_deref(),
            context: q.context.as_deref(),
            source_n: q.source,
            source_url: q.source.map(|n| format!("{briefing_url}#source-{n}")),
            briefing: Link {
                label: &b.title,
                url: briefing_url,
            },
        }
    }
}
