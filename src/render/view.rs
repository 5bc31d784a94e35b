//! What templates see: plain serialisable views of the site, with dates already
//! written out in the page's language and every link relative to the site root.

use std::cell::RefCell;
use std::collections::HashMap;

use serde::Serialize;

use crate::content::{Actor, Briefing, Event, Origin, Quote, Source};
use crate::date::PartialDate;
use crate::i18n::Lang;
use crate::markdown;
use crate::site::{QuoteRef, Site};

/// Site-relative paths of pages. Every page is a file (not a folder index), so links
/// work from `file://` as well as from any web server.
pub mod url {
    pub fn briefing(slug: &str) -> String {
        format!("briefings/{slug}.html")
    }
    pub fn actor(slug: &str) -> String {
        format!("actors/{slug}.html")
    }
    /// A part of a split timeline: one month (`2025-04`) or one year.
    pub fn timeline_part(key: &str) -> String {
        format!("timeline.{key}.html")
    }
    pub fn topic(slug: &str) -> String {
        format!("topics/{slug}.html")
    }
    pub fn place(slug: &str) -> String {
        format!("places/{slug}.html")
    }
    pub fn seed(slug: &str) -> String {
        format!("seeds/{slug}.html")
    }
    /// An external address as written in content, with the few characters that may
    /// not appear in a URL (`<`, `"`, `|`, …) percent-encoded after the host, so that
    /// pages stay valid HTML while the link goes to the same place.
    pub fn external(href: &str) -> String {
        let host_end = href
            .find("://")
            .map(|i| i + 3)
            .and_then(|start| href[start..].find(['/', '?', '#']).map(|i| i + start))
            .unwrap_or(href.len());
        let (head, tail) = href.split_at(host_end);
        let mut out = String::from(head);
        for c in tail.chars() {
            match c {
                '"' | '<' | '>' | '`' | '{' | '}' | '|' | '\\' | '^' | '[' | ']' => {
                    out.push_str(&format!("%{:02X}", c as u32));
                }
                _ => out.push(c),
            }
        }
        out
    }
    /// The raw seed file as copied into the site, its name percent-encoded for the link.
    pub fn seed_file(name: &str) -> String {
        let mut encoded = String::with_capacity(name.len());
        for b in name.bytes() {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                encoded.push(b as char);
            } else {
                encoded.push_str(&format!("%{b:02X}"));
            }
        }
        format!("seeds/files/{encoded}")
    }
}

#[derive(Debug, Serialize)]
pub struct DateView {
    pub iso: String,
    pub text: String,
    pub precision: crate::date::Precision,
}

impl DateView {
    pub fn new(date: &PartialDate, lang: Lang) -> Self {
        DateView {
            iso: date.to_string(),
            text: date_text(date, lang),
            precision: date.precision(),
        }
    }
}

/// `date.display(lang)`, remembered: formatting through chrono's locales costs
/// thousands of instructions, and a site names the same few thousand dates on its
/// cards, events, sources and timelines tens of thousands of times.
pub fn date_text(date: &PartialDate, lang: Lang) -> String {
    thread_local! {
        static TEXTS: RefCell<HashMap<(PartialDate, Lang), String>> = RefCell::default();
    }
    TEXTS.with_borrow_mut(|texts| {
        texts
            .entry((*date, lang))
            .or_insert_with(|| date.display(lang))
            .clone()
    })
}

fn date(date: &Option<PartialDate>, lang: Lang) -> Option<DateView> {
    date.as_ref().map(|d| DateView::new(d, lang))
}

#[derive(Debug, Serialize)]
pub struct Link {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct ActorChip {
    pub slug: String,
    pub name: String,
    pub url: String,
    pub role: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct BriefingCard {
    pub title: String,
    pub url: String,
    pub date: DateView,
    pub summary: Option<String>,
    pub lang: Lang,
    pub actors: Vec<ActorChip>,
}

#[derive(Debug, Serialize)]
pub struct SourceView {
    pub n: usize,
    pub title: String,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub seed_url: Option<String>,
    pub date: Option<DateView>,
    pub lang: Option<Lang>,
    pub note: Option<String>,
    pub machine_translated: bool,
}

#[derive(Debug, Serialize)]
pub struct EventView {
    pub id: String,
    pub url: String,
    pub date: DateView,
    pub end: Option<DateView>,
    pub title: String,
    pub status: Option<&'static str>,
    pub status_label: Option<&'static str>,
    pub kind: Option<String>,
    pub kind_label: Option<String>,
    pub place: Option<String>,
    pub summary: Option<String>,
    pub description_html: Option<String>,
    pub actors: Vec<ActorChip>,
    pub briefings: Vec<Link>,
    pub sources: Vec<SourceView>,
}

#[derive(Debug, Serialize)]
pub struct QuoteView {
    pub actor: ActorChip,
    pub text: String,
    pub date: Option<DateView>,
    pub lang: Option<Lang>,
    pub translation: Option<String>,
    pub context: Option<String>,
    pub source_n: Option<usize>,
    pub source_url: Option<String>,
    pub briefing: Link,
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

    pub fn actor_chip(&self, slug: &str, on: Option<&PartialDate>) -> ActorChip {
        let actor: Option<&Actor> = self.site.actors.get(slug);
        ActorChip {
            slug: slug.to_string(),
            name: actor.map_or_else(|| slug.to_string(), |a| a.front.name.clone()),
            url: url::actor(slug),
            role: actor.and_then(|a| match on {
                Some(d) => a.role_on(d).map(str::to_string),
                None => a.front.role.clone(),
            }),
        }
    }

    pub fn briefing_card(&self, b: &Briefing) -> BriefingCard {
        BriefingCard {
            title: b.title.clone(),
            url: url::briefing(&b.slug),
            date: DateView::new(&b.date, self.lang),
            summary: b.summary.clone(),
            lang: b.lang,
            actors: b
                .actors
                .iter()
                .map(|a| self.actor_chip(a, Some(&b.date)))
                .collect(),
        }
    }

    pub fn source(&self, n: usize, s: &Source) -> SourceView {
        let seed = s.seed.as_ref().and_then(|name| self.site.seeds.get(name));
        let title = s
            .title
            .clone()
            .or_else(|| s.publisher.clone())
            .or_else(|| s.url.clone())
            .or_else(|| s.seed.clone())
            .unwrap_or_default();
        SourceView {
            n,
            title,
            publisher: s.publisher.clone(),
            url: s.url.as_deref().map(url::external),
            seed_url: seed.map(|seed| url::seed(&seed.slug)),
            date: date(&s.date, self.lang),
            lang: s.lang,
            note: s.note.clone(),
            machine_translated: s.machine_translated,
        }
    }

    pub fn sources(&self, sources: &[Source]) -> Vec<SourceView> {
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
    pub fn event(&self, index: usize, description_html: Option<String>) -> EventView {
        let e: &Event = &self.site.events[index];
        let label = |key: &str| self.lang.label(key);
        EventView {
            id: e.id.clone(),
            url: format!("{}#{}", self.site.event_page(index), e.id),
            date: DateView::new(&e.date, self.lang),
            end: date(&e.end, self.lang),
            title: e.title.clone(),
            status: e.status.map(|s| s.key()),
            status_label: e.status.and_then(|s| label(s.key())),
            kind: e.kind.clone(),
            kind_label: e
                .kind
                .as_ref()
                .map(|k| label(k).map_or_else(|| k.clone(), str::to_string)),
            place: e.place.clone(),
            summary: e.summary.clone(),
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
                        label: b.title.clone(),
                        url: url::briefing(&b.slug),
                    }
                })
                .collect(),
            sources: self.sources(&e.sources),
        }
    }

    pub fn quote(&self, r: QuoteRef) -> QuoteView {
        let b = &self.site.briefings[r.briefing];
        let q: &Quote = &b.quotes[r.quote];
        let briefing_url = url::briefing(&b.slug);
        QuoteView {
            actor: self.actor_chip(&q.actor, q.date.as_ref().or(Some(&b.date))),
            text: q.text.clone(),
            date: date(&q.date, self.lang),
            lang: q.lang.or(Some(b.lang)),
            translation: q.translation.clone(),
            context: q.context.clone(),
            source_n: q.source,
            source_url: q.source.map(|n| format!("{briefing_url}#source-{n}")),
            briefing: Link {
                label: b.title.clone(),
                url: briefing_url,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::url;

    #[test]
    fn external_urls_get_illegal_characters_encoded_after_the_host() {
        assert_eq!(
            url::external("https://example.org/scmp?id=1&x=<y>"),
            "https://example.org/scmp?id=1&x=%3Cy%3E"
        );
        assert_eq!(
            url::external("https://example.org/a|b\"c"),
            "https://example.org/a%7Cb%22c"
        );
        let plain = "https://www.pravda.com.ua/eng/news/2025/04/21/7508575/";
        assert_eq!(url::external(plain), plain);
        assert_eq!(
            url::external("https://[::1]/x[1]"),
            "https://[::1]/x%5B1%5D"
        );
    }
}
