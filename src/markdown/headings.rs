//! Heading ids: each heading gets a unique id (the author's own `{#id}` or a slug of its
//! text) and a self-link, given as the events of a body stream past.

use std::collections::{HashSet, VecDeque};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::{Heading, escape_attr};
use crate::slug::slugify;

/// Heading ids of one body: the author's own `{#id}` or a slug of the text, made unique.
#[derive(Default)]
pub(super) struct HeadingIds {
    used: HashSet<String>,
}

impl HeadingIds {
    pub(super) fn next(&mut self, own: Option<&str>, text: &str) -> String {
        // A `{#id}` of the author's own is slugified too: ids land unescaped in hrefs,
        // and a quote character in one must not end the attribute.
        let base = slugify(own.unwrap_or(text));
        let base = if base.is_empty() {
            "abschnitt".to_string()
        } else {
            base
        };
        let mut candidate = base.clone();
        let mut n = 1;
        while !self.used.insert(candidate.clone()) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        candidate
    }
}

/// Gives every heading a unique id (its own `{#id}` or a slug of its text) and a
/// self-link, so readers can cite a section. Works on the stream of events: only a
/// heading's own events wait, until its text (and so its id) is known.
pub(super) struct AnchorHeadings<'a, I> {
    events: I,
    waiting: VecDeque<Event<'a>>,
    ids: HeadingIds,
    pub(super) headings: Vec<Heading>,
    /// The accessible name of the self-links, escaped for an attribute.
    label: String,
}

impl<'a, I: Iterator<Item = Event<'a>>> AnchorHeadings<'a, I> {
    pub(super) fn new(events: I, anchor_label: &str) -> Self {
        AnchorHeadings {
            events,
            waiting: VecDeque::new(),
            ids: HeadingIds::default(),
            headings: Vec::new(),
            label: escape_attr(anchor_label),
        }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for AnchorHeadings<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(event) = self.waiting.pop_front() {
            return Some(event);
        }
        let (level, id, classes, attrs) = match self.events.next()? {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => (level, id, classes, attrs),
            other => return Some(other),
        };
        let mut text = String::new();
        for e in self.events.by_ref() {
            match &e {
                Event::End(TagEnd::Heading(_)) => break,
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                _ => {}
            }
            self.waiting.push_back(e);
        }
        let unique = self.ids.next(id.as_deref(), &text);
        self.waiting.push_back(Event::Html(CowStr::from(format!(
            " <a class=\"anchor\" href=\"#{unique}\" aria-label=\"{}\">#</a>",
            self.label
        ))));
        self.waiting.push_back(Event::End(TagEnd::Heading(level)));
        self.headings.push(Heading {
            level: heading_number(level),
            id: unique.clone(),
            text,
        });
        Some(Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(unique)),
            classes,
            attrs,
        }))
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}
