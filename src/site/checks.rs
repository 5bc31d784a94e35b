//! Problems that span content files: slugs and event ids used twice, links to events
//! that do not exist.

use crate::content::{Briefing, Event};
use crate::error::Diagnostic;
use crate::quick_hash::QuickMap;

pub(super) fn check_unique_slugs(briefings: &[Briefing], problems: &mut Vec<Diagnostic>) {
    let mut seen: QuickMap<&str, &Briefing> =
        QuickMap::with_capacity_and_hasher(briefings.len(), Default::default());
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

pub(super) fn check_unique_events(events: &[Event], problems: &mut Vec<Diagnostic>) {
    let mut seen: QuickMap<&str, &Event> =
        QuickMap::with_capacity_and_hasher(events.len(), Default::default());
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

pub(super) fn unknown_event(
    link: &crate::content::EventLink,
    known: &QuickMap<String, usize>,
) -> Diagnostic {
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
