//! The site index: content cross-checked and linked — who appears where, which events
//! belong to which briefings, topics, places and seeds — ready to render.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Mutex;

use crate::config::Config;
use crate::content::body::StoredBody;
use crate::content::{Actor, Briefing, Content, Event, Origin, Seed};
use crate::error::Diagnostic;
use crate::slug::slugify;

/// How many briefings on either side of a briefing in an actor's list are considered
/// for its related briefings. Busy actors are named in thousands of briefings; looking at
/// all of them would make related briefings cost time quadratic in the archive's size,
/// and a briefing from years away is rarely the related one.
pub const RELATED_WINDOW: usize = 100;
/// How many related briefings a briefing page shows.
pub const RELATED_SHOWN: usize = 5;

/// What [`Site::lists`] gathers.
#[derive(Default)]
struct Lists {
    actor_briefings: BTreeMap<String, Vec<usize>>,
    actor_quotes: BTreeMap<String, Vec<QuoteRef>>,
    actor_events: BTreeMap<String, Vec<usize>>,
    topics: BTreeMap<String, Term>,
    places: BTreeMap<String, Term>,
    seed_briefings: BTreeMap<String, Vec<usize>>,
}

/// A topic or place, gathered from the briefings that carry it.
#[derive(Debug, Clone)]
pub struct Term {
    pub slug: String,
    pub label: String,
    /// Indices into `Site::briefings`, newest first.
    pub briefings: Vec<usize>,
}

/// A quote, located by its briefing.
#[derive(Debug, Clone, Copy)]
pub struct QuoteRef {
    pub briefing: usize,
    pub quote: usize,
}

/// Everything a page may need, indexed once.
#[derive(Debug)]
pub struct Site {
    /// Newest first, then by slug.
    pub briefings: Vec<Briefing>,
    pub actors: BTreeMap<String, Actor>,
    /// In date order; events of one date in the order written.
    pub events: Vec<Event>,
    pub seeds: BTreeMap<String, Seed>,
    pub event_index: HashMap<String, usize>,
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
        briefings.retain(|b| !drafts.contains(&b.slug));
        let briefings = sort_moving_once(briefings, |a, b| {
            b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug))
        });
        check_unique_slugs(&briefings, &mut problems);

        let events: Vec<Event> = events
            .into_iter()
            .filter(
                |e| !matches!(&e.origin, crate::content::Origin::Briefing(s) if drafts.contains(s)),
            )
            .collect();
        // Events of the same date keep the order in which they are written.
        let events = sort_moving_once(events, |a, b| {
            (a.date, &a.file, a.position, &a.id).cmp(&(b.date, &b.file, b.position, &b.id))
        });
        check_unique_events(&events, &mut problems);
        let event_index: HashMap<String, usize> = events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();

        let briefing_index: HashMap<&str, usize> = briefings
            .iter()
            .enumerate()
            .map(|(i, b)| (b.slug.as_str(), i))
            .collect();
        let mut event_briefings = vec![Vec::new(); events.len()];
        for (i, event) in events.iter().enumerate() {
            if let crate::content::Origin::Briefing(slug) = &event.origin
                && let Some(&b) = briefing_index.get(slug.as_str())
            {
                event_briefings[i].push(b);
            }
        }
        for link in event_links.iter().filter(|l| !drafts.contains(&l.briefing)) {
            match (
                event_index.get(&link.id),
                briefing_index.get(link.briefing.as_str()),
            ) {
                (Some(&e), Some(&b)) => event_briefings[e].push(b),
                _ => problems.push(unknown_event(link, &event_index)),
            }
        }
        for list in &mut event_briefings {
            list.sort_unstable();
            list.dedup();
        }

        if !problems.is_empty() {
            problems.sort();
            return Err(problems);
        }
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
            timeline_part_size: config.site.timeline_split.max(1),
            raw_html: config.site.markdown.raw_html,
            briefings,
            actors,
            events,
            seeds,
            event_index,
            event_briefings,
            links: crate::links::LinkIndex::default(),
            learned: Mutex::default(),
        };
        (site.timeline_parts, site.event_part) =
            timeline_parts(&site.events, site.timeline_part_size);
        // The lists and the link index read the same content: built side by side.
        let (lists, links) = rayon::join(
            || site.lists(),
            || crate::links::LinkIndex::new(&site, &config.root),
        );
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

    /// The briefings, quotes and events listed under each actor, topic, place and seed.
    fn lists(&self) -> Lists {
        let mut lists = Lists::default();
        for (i, b) in self.briefings.iter().enumerate() {
            for actor in b.named_actors() {
                lists
                    .actor_briefings
                    .entry(actor.to_string())
                    .or_default()
                    .push(i);
            }
            for (q, quote) in b.quotes.iter().enumerate() {
                let entry = lists.actor_quotes.entry(quote.actor.clone()).or_default();
                entry.push(QuoteRef {
                    briefing: i,
                    quote: q,
                });
            }
            add_terms(&mut lists.topics, &b.topics, i);
            add_terms(&mut lists.places, &b.places, i);
            let seeds: BTreeSet<&str> =
                b.sources.iter().filter_map(|s| s.seed.as_deref()).collect();
            for seed in seeds {
                lists
                    .seed_briefings
                    .entry(seed.to_string())
                    .or_default()
                    .push(i);
            }
        }
        for (i, e) in self.events.iter().enumerate() {
            let actors: BTreeSet<&String> = e.actors.iter().collect();
            for actor in actors {
                lists.actor_events.entry(actor.clone()).or_default().push(i);
            }
        }
        for list in lists.actor_briefings.values_mut() {
            list.dedup();
        }
        lists
    }

    /// Site-relative path of the timeline page that lists event `i`.
    pub fn event_page(&self, i: usize) -> String {
        let part = self.event_part.get(i).map(|&p| &self.timeline_parts[p].0);
        if let (true, Some(key)) = (self.timeline_split, part) {
            crate::render::view::url::timeline_part(key)
        } else {
            "timeline.html".to_string()
        }
    }

    /// Up to `limit` other briefings sharing the most actors with briefing `i`, among
    /// the [`RELATED_WINDOW`] briefings on either side of it in each actor's list;
    /// among equals the one closest in time, then the newer.
    pub fn related(&self, i: usize, limit: usize) -> Vec<usize> {
        thread_local! {
            // Shared actors per briefing, all zero between calls: counting in an array
            // beats sorting the actors' lists.
            static SHARED: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
        }
        SHARED.with(|shared| {
            let mut shared = shared.borrow_mut();
            if shared.len() < self.briefings.len() {
                shared.resize(self.briefings.len(), 0);
            }
            let mut touched = Vec::new();
            for actor in &self.briefings[i].actors {
                let Some(list) = self.actor_briefings.get(actor) else {
                    continue;
                };
                // Lists run newest first, like indices: `i`'s place in it is a search.
                let at = list.partition_point(|&b| b < i);
                let from = at.saturating_sub(RELATED_WINDOW);
                let to = (at + RELATED_WINDOW + 1).min(list.len());
                for &other in &list[from..to] {
                    if other != i {
                        if shared[other] == 0 {
                            touched.push(other);
                        }
                        shared[other] += 1;
                    }
                }
            }
            let rank = |b: usize, count: u32| (std::cmp::Reverse(count), b.abs_diff(i), b);
            let mut best: Vec<(std::cmp::Reverse<u32>, usize, usize)> =
                Vec::with_capacity(limit + 1);
            for b in touched {
                let candidate = rank(b, shared[b]);
                shared[b] = 0;
                if best.len() == limit && best.last().is_some_and(|worst| candidate >= *worst) {
                    continue;
                }
                let at = best.partition_point(|x| *x < candidate);
                best.insert(at, candidate);
                best.truncate(limit);
            }
            best.into_iter().map(|(_, _, b)| b).collect()
        })
    }
}

/// The events (in date order) by month, a month with more than `size` events in parts
/// of `size`; and per event the index of its part. A page of a huge archive's month
/// would otherwise hold thousands of events, megabytes, too much for a phone.
fn timeline_parts(events: &[Event], size: usize) -> (Vec<(String, Vec<usize>)>, Vec<usize>) {
    let mut parts: Vec<(String, Vec<usize>)> = Vec::new();
    let mut event_part = Vec::with_capacity(events.len());
    let mut month = String::new();
    let mut part_of_month = 0;
    for (i, event) in events.iter().enumerate() {
        let key = timeline_key(&event.date);
        let full = parts.last().is_some_and(|(_, items)| items.len() >= size);
        if key != month {
            month = key;
            part_of_month = 1;
            parts.push((month.clone(), Vec::new()));
        } else if full {
            part_of_month += 1;
            parts.push((format!("{month}.{part_of_month}"), Vec::new()));
        }
        if let Some((_, items)) = parts.last_mut() {
            items.push(i);
        }
        event_part.push(parts.len() - 1);
    }
    (parts, event_part)
}

fn timeline_key(date: &crate::date::PartialDate) -> String {
    match date.month {
        Some(m) => format!("{:04}-{m:02}", date.year),
        None => format!("{:04}", date.year),
    }
}

/// `items` stably sorted by `compare`, through a list of indices: briefings and events
/// are large, and a sort moves its elements many times (a 100,000-briefing archive
/// spent 0.4 s moving them).
fn sort_moving_once<T>(items: Vec<T>, compare: impl Fn(&T, &T) -> std::cmp::Ordering) -> Vec<T> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

fn add_terms(terms: &mut BTreeMap<String, Term>, labels: &[String], briefing: usize) {
    for label in labels {
        let slug = slugify(label);
        let term = terms.entry(slug.clone()).or_insert_with(|| Term {
            slug,
            label: label.clone(),
            briefings: Vec::new(),
        });
        if term.briefings.last() != Some(&briefing) {
            term.briefings.push(briefing);
        }
    }
}

fn check_unique_slugs(briefings: &[Briefing], problems: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &Briefing> = HashMap::new();
    for b in briefings {
        if let Some(first) = seen.insert(&b.slug, b) {
            problems.push(
                Diagnostic::new(&b.file, format!(
                    "briefing slug `{}` is also used by {}; both would be written to briefings/{}.html",
                    b.slug, first.file.display(), b.slug))
                .hint("rename one of the two files"),
            );
        }
    }
}

fn check_unique_events(events: &[Event], problems: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &Event> = HashMap::new();
    for e in events {
        if let Some(first) = seen.insert(&e.id, e) {
            let (earlier, later) = if (&first.file, first.position) <= (&e.file, e.position) {
                (first, e)
            } else {
                (e, first)
            };
            let at = match earlier.position {
                Some((l, c)) => format!("{}:{l}:{c}", earlier.file.display()),
                None => earlier.file.display().to_string(),
            };
            problems.push(
                Diagnostic::new(
                    &later.file,
                    format!("event id `{}` is already used at {at}", e.id),
                )
                .at_opt(later.position)
                .hint("give one of the events another `id`; ids must be unique across the site"),
            );
        }
    }
}

fn unknown_event(link: &crate::content::EventLink, known: &HashMap<String, usize>) -> Diagnostic {
    let mut ids: Vec<&String> = known.keys().collect();
    ids.sort();
    let close = ids
        .iter()
        .find(|id| id.contains(link.id.as_str()) || link.id.contains(id.as_str()));
    let hint = match close {
        Some(id) => {
            format!("did you mean `{id}`? An entry with only `id` links an event defined elsewhere")
        }
        None => {
            "define the event in content/events/ or give this entry a `date` and `title`".into()
        }
    };
    Diagnostic::new(&link.file, format!("event `{}` does not exist", link.id))
        .at_opt(link.position)
        .hint(hint)
}
