//! Briefings and events indexed by slug and id, and the problems that span content
//! files: slugs and event ids used twice, links to events that do not exist.

use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::content::{Briefing, Event, EventLink, Origin};
use crate::error::Diagnostic;
use crate::quick_hash::QuickMap;

/// What [`link_events`] finds.
pub(super) struct Linked {
    pub(super) event_index: QuickMap<String, usize>,
    /// Per event, the briefings (indices) that carry or link it.
    pub(super) event_briefings: Vec<Vec<usize>>,
    pub(super) problems: Vec<Diagnostic>,
}

/// Indexes events by id and finds the briefings that carry or link each event, with the
/// problems of slugs and ids used twice and of links to events that do not exist.
pub(super) fn link_events(
    briefings: &[Briefing],
    events: &[Event],
    event_links: &[EventLink],
    drafts: &BTreeSet<String>,
) -> Linked {
    let mut problems = Vec::new();
    let (briefing_index, (event_index, duplicates)) = rayon::join(
        || index_slugs(briefings, &mut problems),
        || index_events(events),
    );
    problems.extend(duplicates);
    let mut event_briefings: Vec<Vec<usize>> = events
        .par_iter()
        .map(|event| match &event.origin {
            Origin::Briefing(slug) => briefing_index
                .get(slug.as_str())
                .copied()
                .into_iter()
                .collect(),
            _ => Vec::new(),
        })
        .collect();
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
    Linked {
        event_index,
        event_briefings,
        problems,
    }
}

/// The position of each briefing by its slug; a slug used twice is a problem.
fn index_slugs<'a>(
    briefings: &'a [Briefing],
    problems: &mut Vec<Diagnostic>,
) -> QuickMap<&'a str, usize> {
    let mut index: QuickMap<&str, usize> =
        QuickMap::with_capacity_and_hasher(briefings.len(), Default::default());
    for (i, b) in briefings.iter().enumerate() {
        if let Some(first) = index.insert(&b.slug, i).map(|n| &briefings[n]) {
            problems.push(
                Diagnostic::new(&b.file, format!(
                    "briefing slug `{}` is also used by {}; both would be written to briefings/{}.html",
                    b.slug, first.file.display(), b.slug))
                .hint("rename one of the two files"),
            );
        }
    }
    index
}

/// The position of each event by its id, and the problems of ids used twice.
fn index_events(events: &[Event]) -> (QuickMap<String, usize>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut index: QuickMap<String, usize> =
        QuickMap::with_capacity_and_hasher(events.len(), Default::default());
    for (i, e) in events.iter().enumerate() {
        let Some(first) = index.insert(e.id.clone(), i).map(|n| &events[n]) else {
            continue;
        };
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
    (index, problems)
}

fn unknown_event(link: &EventLink, known: &QuickMap<String, usize>) -> Diagnostic {
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
