//! The site index: content cross-checked and linked — who appears where, which events
//! belong to which briefings, topics, places and seeds — ready to render.

mod checks;
mod lists;
mod order;
mod related;
mod timeline;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Mutex;

use crate::config::Config;
use crate::content::body::StoredBody;
use crate::content::{Actor, Briefing, Content, Event, Origin, Seed};
use crate::error::Diagnostic;
use crate::quick_hash::QuickMap;
use checks::link_events;
pub use lists::{QuoteRef, Term};
use order::{order_briefings, order_events};
pub use related::{RELATED_SHOWN, RELATED_WINDOW};
use timeline::{part_paths, timeline_parts};

/// Everything a page may need, indexed once.
#[derive(Debug)]
pub struct Site {
    /// Newest first, then by slug.
    pub briefings: Vec<Briefing>,
    pub actors: BTreeMap<String, Actor>,
    /// In date order; events of one date in the order written.
    pub events: Vec<Event>,
    pub seeds: BTreeMap<String, Seed>,
    pub event_index: QuickMap<String, usize>,
    /// Event index to the briefings (indices) that carry or link it.
    pub event_briefings: Vec<Vec<usize>>,
    pub actor_briefings: BTreeMap<String, Vec<usize>>,
    pub actor_quotes: BTreeMap<String, Vec<QuoteRef>>,
    pub actor_events: BTreeMap<String, Vec<usize>>,
    pub topics: BTreeMap<String, Term>,
    pub places: BTreeMap<String, Term>,
    pub seed_briefings: BTreeMap<String, Vec<usize>>,
    /// Whether the timeline has a page per month rather than one page.
    pub timeline_split: bool,
    /// The parts of a split timeline: key (`2025-04`, or `2022` for events known only
    /// to the year; `2025-04.2` for the second part of a month with more events than
    /// fit on one page) and the events on it, in date order.
    pub timeline_parts: Vec<(String, Vec<usize>)>,
    /// Per event, the index of its part in `timeline_parts`.
    event_part: Vec<usize>,
    /// The page of each part in `timeline_parts`.
    part_paths: Vec<String>,
    /// The most events a page of a split timeline shows (`timeline_split`).
    timeline_part_size: usize,
    /// Source paths bodies may link to, and their pages.
    pub links: crate::links::LinkIndex,
    /// What Markdown bodies do with raw HTML (`markdown.raw_html` in site.yaml).
    pub raw_html: crate::sanitise::RawHtml,
    /// What rendering learned: the bodies' links and heading ids, so the link check
    /// after rendering need not parse them again, and bodies it could not read.
    learned: Mutex<Learned>,
}

/// What rendering the pages showed about the content.
#[derive(Debug, Default)]
pub struct Learned {
    pub facts: crate::links::Facts,
    pub problems: Vec<Diagnostic>,
}

/// A Markdown body of the site and where it is written.
#[derive(Debug, Clone, Copy)]
pub struct Body<'a> {
    pub file: &'a Path,
    text: BodyText<'a>,
    /// The line of `file` the body starts on.
    pub line: usize,
}

#[derive(Debug, Clone, Copy)]
enum BodyText<'a> {
    InMemory(&'a str),
    OnDisk(&'a StoredBody),
}

impl<'a> Body<'a> {
    /// The Markdown text (briefing bodies are read from their file again).
    pub fn text(&self) -> Result<Cow<'a, str>, Diagnostic> {
        match self.text {
            BodyText::InMemory(text) => Ok(Cow::Borrowed(text)),
            BodyText::OnDisk(stored) => stored.read(self.file).map(Cow::Owned),
        }
    }
}

impl Site {
    /// Links the content, reporting problems that span files.
    pub fn new(content: Content, config: &Config) -> Result<Site, Vec<Diagnostic>> {
        let Content {
            actors,
            mut briefings,
            events,
            event_links,
            seeds,
        } = content;
        let mut problems = Vec::new();
        let drafts: BTreeSet<String> = briefings
            .iter()
            .filter(|b| b.draft && !config.drafts)
            .map(|b| b.slug.clone())
            .collect();
        if !drafts.is_empty() {
            briefings.retain(|b| !drafts.contains(&b.slug));
        }
        let mut events = events;
        if !drafts.is_empty() {
            events.retain(
                |e| !matches!(&e.origin, crate::content::Origin::Briefing(s) if drafts.contains(s)),
            );
        }
        // Briefings and events are put in order side by side.
        let (briefings, events) =
            rayon::join(|| order_briefings(briefings), || order_events(events));
        let mut site = Site {
            actor_briefings: BTreeMap::new(),
            actor_quotes: BTreeMap::new(),
            actor_events: BTreeMap::new(),
            topics: BTreeMap::new(),
            places: BTreeMap::new(),
            seed_briefings: BTreeMap::new(),
            timeline_split: events.len() > config.site.timeline_split,
            timeline_parts: Vec::new(),
            event_part: Vec::new(),
            part_paths: Vec::new(),
            timeline_part_size: config.site.timeline_split.max(1),
            raw_html: config.site.markdown.raw_html,
            briefings,
            actors,
            events,
            seeds,
            event_index: QuickMap::default(),
            event_briefings: Vec::new(),
            links: crate::links::LinkIndex::default(),
            learned: Mutex::default(),
        };
        (site.timeline_parts, site.event_part) =
            timeline_parts(&site.events, site.timeline_part_size);
        site.part_paths = part_paths(&site.timeline_parts);
        // The indices, the lists and the link index read the same content: built side
        // by side (all three are wasted only when the content has problems).
        // The link index, the longest, is begun first: the other thread takes the rest.
        let (links, (linked, lists)) = rayon::join(
            || crate::links::LinkIndex::new(&site, &config.root),
            || {
                rayon::join(
                    || link_events(&site.briefings, &site.events, &event_links, &drafts),
                    || site.lists(),
                )
            },
        );
        problems.extend(linked.problems);
        if !problems.is_empty() {
            problems.sort();
            return Err(problems);
        }
        site.event_index = linked.event_index;
        site.event_briefings = linked.event_briefings;
        site.links = links;
        site.actor_briefings = lists.actor_briefings;
        site.actor_quotes = lists.actor_quotes;
        site.actor_events = lists.actor_events;
        site.topics = lists.topics;
        site.places = lists.places;
        site.seed_briefings = lists.seed_briefings;
        Ok(site)
    }

    /// Every Markdown body: briefings, actors, then standalone events.
    pub fn bodies(&self) -> impl Iterator<Item = Body<'_>> + Send {
        let briefings = self.briefings.iter().map(|b| Body {
            file: &b.file,
            text: BodyText::OnDisk(&b.body),
            line: b.body_line,
        });
        let actors = self.actors.values().map(|a| Body {
            file: &a.file,
            text: BodyText::InMemory(&a.body),
            line: a.body_line,
        });
        let events = self.events.iter().filter_map(|e| match &e.origin {
            Origin::Standalone { body, body_line } => Some(Body {
                file: &e.file,
                text: BodyText::InMemory(body),
                line: *body_line,
            }),
            _ => None,
        });
        briefings.chain(actors).chain(events)
    }

    /// Keeps what rendering the body of `file` showed, for the link check.
    pub fn note_body(&self, file: &Path, facts: crate::markdown::BodyFacts) {
        if let Ok(mut learned) = self.learned.lock() {
            learned.facts.insert(file.to_path_buf(), facts);
        }
    }

    /// Keeps a problem found while rendering a page (a body that could not be read).
    pub fn note_problem(&self, problem: Diagnostic) {
        if let Ok(mut learned) = self.learned.lock() {
            learned.problems.push(problem);
        }
    }

    /// What rendering learned, leaving nothing behind.
    pub fn take_learned(&self) -> Learned {
        self.learned
            .lock()
            .map(|mut learned| std::mem::take(&mut *learned))
            .unwrap_or_default()
    }
}
