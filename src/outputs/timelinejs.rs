//! `data/timeline.json` in Knight Lab TimelineJS's JSON format, so the timeline can be
//! shown in TimelineJS or read by anything that reads that format.

use std::borrow::Cow;

use serde::Serialize;

use super::{Lazy, Prepared};
use crate::content::Event;
use crate::date::PartialDate;
use crate::markdown::push_escaped_text;

#[derive(Serialize)]
struct TimelineDate<'a> {
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u32>,
    display_date: Cow<'a, str>,
}

#[derive(Serialize)]
struct TimelineText {
    headline: String,
    text: String,
}

#[derive(Serialize)]
struct TimelineEvent<'a> {
    unique_id: &'a str,
    start_date: TimelineDate<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<TimelineDate<'a>>,
    text: TimelineText,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a str>,
}

#[derive(Serialize)]
pub struct TimelineJs<L> {
    title: TimelineTitle,
    events: L,
}

#[derive(Serialize)]
struct TimelineTitle {
    text: TimelineText,
}

/// TimelineJS's JSON format: a partial date fills only the fields it knows. The events
/// are made one by one as they are serialised.
pub fn timeline<'a>(p: &'a Prepared<'a>) -> TimelineJs<impl Serialize + 'a> {
    let config = p.config;
    let lang = p.lang();
    let more = lang.label("timeline").unwrap_or_default();
    let tl_date = move |d: &PartialDate| TimelineDate {
        year: d.year,
        month: d.month,
        day: d.day,
        display_date: p.date(d),
    };
    let event = move |(i, e): (usize, &'a Event)| {
        let mut text = String::new();
        push_escaped_text(&mut text, e.summary.as_deref().unwrap_or_default());
        if let Some(link) = p.absolute(&p.event_paths[i]) {
            text.push_str(" <a href=\"");
            push_escaped_text(&mut text, link.0);
            push_escaped_text(&mut text, link.1);
            text.push_str("\">");
            text.push_str(more);
            text.push_str("</a>");
        }
        let trimmed = text.trim();
        if trimmed.len() != text.len() {
            text = trimmed.to_string();
        }
        TimelineEvent {
            unique_id: &e.id,
            start_date: tl_date(&e.date),
            end_date: e.end.as_ref().map(tl_date),
            text: TimelineText {
                headline: html_escape(&e.title),
                text,
            },
            group: e.kind.as_deref().map(|k| lang.label(k).unwrap_or(k)),
        }
    };
    TimelineJs {
        title: TimelineTitle {
            text: TimelineText {
                headline: html_escape(&config.site.title),
                text: html_escape(config.site.description.as_deref().unwrap_or_default()),
            },
        },
        events: Lazy(move || p.site.events.iter().enumerate().map(event)),
    }
}

/// TimelineJS shows `headline` and `text` as HTML; content text is escaped for it.
fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped_text(&mut out, text);
    out
}
