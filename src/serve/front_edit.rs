//! The quick path of `serve` for an edit of one briefing's front matter that moves
//! the briefing and its events in no list: a new title, summary, update date, sources
//! (the same number, citing the same seeds), quotes by actors it already names, or its
//! events' titles, places, end dates and sources. The file alone is read again, the
//! last build's index and cards are patched in place (see [`patch`]), and just the
//! pages that show the briefing or its events are rendered again (see [`reached`]):
//! at 10,000 briefings about twenty pages instead of 11,748. The feeds, search and
//! data files follow once no edit is pending, as after a body edit.
//!
//! Anything that changes which lists the briefing or its events are in, or where (its
//! date, draft flag, language, actors, topics, places, seeds, the number of sources,
//! event ids, dates or actors, speakers it does not name otherwise), goes through
//! the partial rebuild of [`super::incremental`], as does a body change that the body
//! quick path would not take.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Briefing, Event, Origin};
use crate::error::{Diagnostic, Error, Result};
use crate::render::{Page, view::Views};
use crate::site::{QuoteRef, RELATED_WINDOW, Site};
use crate::slug::slugify;

use super::body_edit::{self, Edit};
use super::incremental::Built;

/// Patches the last build for a front matter edit of one briefing and re-renders the
/// pages it reaches; returns how many it rendered and the site paths of those that
/// changed. `None` when the edit is of another kind or the new file has a problem (the
/// caller rebuilds, which reports it); an error when the kept build may no longer
/// match the served site.
pub fn rerender(
    built: &mut Built,
    edit: Edit,
    site_dir: &Path,
    scratch: &Path,
) -> Option<Result<(usize, Vec<String>)>> {
    let Edit {
        i,
        config,
        new,
        events,
    } = edit;
    let old = &built.site.briefings[i];
    if new.front_hash == old.front_hash || !body_edit::body_fits(built, old, &new) {
        return None;
    }
    let events = same_places(&built.site, old, &new, events)?;
    let seed_flags = |b: &Briefing| -> Vec<(Option<String>, bool)> {
        b.sources
            .iter()
            .map(|s| (s.seed.clone(), s.machine_translated))
            .collect()
    };
    let seeds_changed = seed_flags(old) != seed_flags(&new);
    let shown: Vec<usize> = new
        .event_ids
        .iter()
        .filter_map(|id| built.site.event_index.get(id).copied())
        .collect();
    let lang = config.site.lang;
    let before = Shown::of(&built.site, lang, i, &shown);
    let speakers = patch(&mut built.site, i, new, events);
    let after = Shown::of(&built.site, lang, i, &shown);
    let card = match built.catalogs.refresh_card(&built.site, &built.tera, i) {
        Ok(changed) => changed,
        Err(e) => {
            // The rebuild the caller falls back to reports it with the template's name.
            let file = &built.site.briefings[i].file;
            let problem = Diagnostic::new(file, format!("template error: {e}"));
            return Some(Err(Error::Content(vec![problem])));
        }
    };
    let reach = Reach {
        card,
        seeds: card || seeds_changed,
        speakers: if before.quotes == after.quotes {
            BTreeSet::new()
        } else {
            speakers
        },
        events: (shown.iter().zip(before.events.iter().zip(&after.events)))
            .filter(|(_, (was, now))| was != now)
            .map(|(&e, _)| e)
            .collect(),
    };
    let pages = reached(&built.site, &config, i, &reach);
    Some(body_edit::render_into(
        built, &config, pages, site_dir, scratch,
    ))
}

/// What pages show of a briefing's quotes and of the events it defines or links (whose
/// values name it), to tell which changed.
struct Shown {
    quotes: Vec<tera::Value>,
    events: Vec<tera::Value>,
}

impl Shown {
    fn of(site: &Site, lang: crate::i18n::Lang, i: usize, events: &[usize]) -> Shown {
        let views = Views::new(site, lang);
        let value = |v: Result<tera::Value, _>| v.unwrap_or_else(|_| tera::Value::from(()));
        Shown {
            quotes: (0..site.briefings[i].quotes.len())
                .map(|quote| {
                    let view = views.quote(QuoteRef { briefing: i, quote });
                    value(tera::Value::try_from_serializable(&view))
                })
                .collect(),
            // Standalone events' descriptions are their own files' bodies: left out.
            events: events
                .iter()
                .map(|&e| value(tera::Value::try_from_serializable(&views.event(e, None))))
                .collect(),
        }
    }
}

/// What of a briefing other pages show changed.
struct Reach {
    /// Its card (title, summary, date, actors).
    card: bool,
    /// Its card, or what its seeds' pages say of its sources.
    seeds: bool,
    /// The actors whose quotes changed (those it quoted before and after).
    speakers: BTreeSet<String>,
    /// Events whose values changed (they name the briefings that carry them).
    events: Vec<usize>,
}

/// The events the new file defines, each with its place in `site.events`, if the edit
/// keeps the briefing and its events where they are in every list and index; `None`
/// if it moves anything.
fn same_places(
    site: &Site,
    old: &Briefing,
    new: &Briefing,
    events: Vec<Event>,
) -> Option<Vec<(usize, Event)>> {
    let seeds = |b: &Briefing| -> Vec<Option<String>> {
        b.sources.iter().map(|s| s.seed.clone()).collect()
    };
    let named =
        |b: &Briefing| -> BTreeSet<String> { b.named_actors().map(str::to_string).collect() };
    // The link index knows a briefing's event ids and `#source-n` anchors.
    let same = old.date == new.date
        && old.draft == new.draft
        && old.lang == new.lang
        && old.actors == new.actors
        && old.topics == new.topics
        && old.places == new.places
        && old.event_ids == new.event_ids
        && seeds(old) == seeds(new)
        && named(old) == named(new);
    if !same {
        return None;
    }
    let own = |e: &Event| matches!(&e.origin, Origin::Briefing(s) if *s == old.slug);
    let defined = old
        .event_ids
        .iter()
        .filter_map(|id| site.event_index.get(id))
        .filter(|&&e| own(&site.events[e]))
        .count();
    if events.len() != defined {
        return None;
    }
    let mut placed = Vec::with_capacity(events.len());
    for event in events {
        let &e = site.event_index.get(&event.id)?;
        let was = &site.events[e];
        let same = own(&event)
            && own(was)
            && was.date == event.date
            && was.actors == event.actors
            && was.file == event.file;
        if !same {
            return None;
        }
        placed.push((e, event));
    }
    keeps_order(site, &placed).then_some(placed)
}

/// Whether the events stay in the timeline's order with their positions in the file
/// moved (events of a date are ordered by file, then position).
fn keeps_order(site: &Site, placed: &[(usize, Event)]) -> bool {
    let new: HashMap<usize, &Event> = placed.iter().map(|(e, event)| (*e, event)).collect();
    let at = |e: usize| new.get(&e).copied().unwrap_or(&site.events[e]);
    let key = |x: &Event| (x.date, x.file.clone(), x.position, x.id.clone());
    placed.iter().all(|&(e, _)| {
        let before = e.checked_sub(1).is_none_or(|p| key(at(p)) <= key(at(e)));
        let after = e + 1 >= site.events.len() || key(at(e)) <= key(at(e + 1));
        before && after
    })
}

/// Puts the new briefing and its events into the index in place of the old ones, and
/// its quotes into its speakers' lists; returns the speakers before and after.
fn patch(
    site: &mut Site,
    i: usize,
    new: Briefing,
    events: Vec<(usize, Event)>,
) -> BTreeSet<String> {
    let mut speakers: BTreeSet<String> = site.briefings[i]
        .quotes
        .iter()
        .map(|q| q.actor.clone())
        .collect();
    speakers.extend(new.quotes.iter().map(|q| q.actor.clone()));
    for actor in &speakers {
        let list = site.actor_quotes.entry(actor.clone()).or_default();
        list.retain(|r| r.briefing != i);
        // Quotes are listed by briefing, then in the order written.
        let at = list.partition_point(|r| r.briefing < i);
        let refs = new
            .quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.actor == *actor);
        list.splice(
            at..at,
            refs.map(|(quote, _)| QuoteRef { briefing: i, quote }),
        );
        if list.is_empty() {
            site.actor_quotes.remove(actor);
        }
    }
    site.briefings[i] = new;
    for (e, event) in events {
        site.events[e] = event;
    }
    speakers
}

/// The pages that show what changed of briefing `i`: its own page, the home page and
/// the timeline overview always; for its card the list parts it is on, its seeds'
/// pages and the briefings that list it as related; for its quotes the first parts of
/// its speakers' pages; for its events their timeline parts, their actors' first
/// parts and the briefings that carry them.
fn reached(site: &Site, config: &Config, i: usize, reach: &Reach) -> Vec<Page> {
    let per_page = config.site.paginate.max(1);
    let part = |list: &[usize]| list.binary_search(&i).ok().map(|at| at / per_page + 1);
    let b = &site.briefings[i];
    let mut pages = vec![Page::Home, Page::Timeline, Page::Briefing(i)];
    if reach.card {
        pages.push(Page::Briefings(i / per_page + 1));
        for actor in b.named_actors() {
            if let Some(n) = site.actor_briefings.get(actor).and_then(|l| part(l)) {
                pages.push(Page::Actor(actor.to_string(), n));
            }
        }
        for (labels, terms, make) in [
            (
                &b.topics,
                &site.topics,
                Page::Topic as fn(String, usize) -> Page,
            ),
            (&b.places, &site.places, Page::Place),
        ] {
            for label in labels {
                let slug = slugify(label);
                if let Some(n) = terms.get(&slug).and_then(|t| part(&t.briefings)) {
                    pages.push(make(slug, n));
                }
            }
        }
        pages.extend(related_to(site, i).into_iter().map(Page::Briefing));
    }
    if reach.seeds {
        for seed in b.sources.iter().filter_map(|s| s.seed.as_ref()) {
            if site.seeds.contains_key(seed) {
                pages.push(Page::Seed(seed.clone()));
            }
        }
    }
    let mut first_parts: BTreeSet<&str> = reach.speakers.iter().map(String::as_str).collect();
    for &e in &reach.events {
        first_parts.extend(site.events[e].actors.iter().map(String::as_str));
        pages.extend(site.event_briefings[e].iter().map(|&j| Page::Briefing(j)));
        if site.timeline_split
            && let Some((key, _)) = site
                .timeline_parts
                .iter()
                .find(|(_, list)| list.binary_search(&e).is_ok())
        {
            pages.push(Page::TimelinePart(key.clone()));
        }
    }
    pages.extend(
        first_parts
            .into_iter()
            .filter(|a| site.actors.contains_key(*a))
            .map(|a| Page::Actor(a.to_string(), 1)),
    );
    let mut seen = BTreeSet::new();
    pages.retain(|p| seen.insert(p.path(site)));
    // The longest pages first, so the two cores finish together: timeline months
    // (hundreds of events), then actors' first pages.
    pages.sort_by_key(|p| match p {
        Page::TimelinePart(_) => 0,
        Page::Actor(_, 1) => 1,
        _ => 2,
    });
    pages
}

/// The briefings that list briefing `i` among their related ones: those near it in
/// the lists of the actors it names (see [`Site::related`]).
fn related_to(site: &Site, i: usize) -> Vec<usize> {
    let mut near = BTreeSet::new();
    for actor in site.briefings[i].named_actors() {
        let Some(list) = site.actor_briefings.get(actor) else {
            continue;
        };
        let Ok(at) = list.binary_search(&i) else {
            continue;
        };
        let to = (at + RELATED_WINDOW + 1).min(list.len());
        near.extend(&list[at.saturating_sub(RELATED_WINDOW)..to]);
    }
    near.remove(&i);
    // Some hundreds of rankings at 10,000 briefings: a few ms, worth both cores.
    let near: Vec<usize> = near.into_iter().collect();
    near.into_par_iter()
        .filter(|&j| site.related(j, crate::site::RELATED_SHOWN).contains(&i))
        .collect()
}
