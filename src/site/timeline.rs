//! The parts of a split timeline: a page per month, a crowded month in several.

use super::Site;
use crate::content::Event;

impl Site {
    /// Site-relative path of the timeline page that lists event `i`.
    pub fn event_page(&self, i: usize) -> &str {
        match self.event_part.get(i).and_then(|&p| self.part_paths.get(p)) {
            Some(path) if self.timeline_split => path,
            _ => "timeline.html",
        }
    }

    /// Site-relative link to event `i` on its timeline page (`timeline.2025-04.html#id`).
    pub fn event_url(&self, i: usize) -> String {
        let id = self.events.get(i).map_or("", |e| e.id.as_str());
        let page = self.event_page(i);
        let mut url = String::with_capacity(page.len() + 1 + id.len());
        url.push_str(page);
        url.push('#');
        url.push_str(id);
        url
    }
}

/// The path of each part's page, made once: events link to them hundreds of thousands
/// of times in a large archive.
pub(super) fn part_paths(parts: &[(String, Vec<usize>)]) -> Vec<String> {
    parts
        .iter()
        .map(|(key, _)| crate::render::view::url::timeline_part(key))
        .collect()
}

/// The events (in date order) by month, a month with more than `size` events in parts
/// of `size`; and per event the index of its part. A page of a huge archive's month
/// would otherwise hold thousands of events, megabytes, too much for a phone.
pub(super) fn timeline_parts(
    events: &[Event],
    size: usize,
) -> (Vec<(String, Vec<usize>)>, Vec<usize>) {
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
