//! `data/timeline.json` in Knight Lab TimelineJS's JSON format, so the timeline can be
//! shown in TimelineJS or read by anything that reads that format.

use serde::Serialize;

use crate::config::Config;
use crate::date::PartialDate;
use crate::site::Site;

#[derive(Serialize)]
struct TimelineDate {
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u32>,
    display_date: String,
}

#[derive(Serialize)]
struct TimelineText {
    headline: String,
    text: String,
}

#[derive(Serialize)]
struct TimelineEvent {
    unique_id: String,
    start_date: TimelineDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<TimelineDate>,
    text: TimelineText,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
}

#[derive(Serialize)]
pub struct TimelineJs {
    title: TimelineTitle,
    events: Vec<TimelineEvent>,
}

#[derive(Serialize)]
struct TimelineTitle {
    text: TimelineText,
}

/// TimelineJS's JSON format: a partial date fills only the fields it knows.
pub fn timeline(site: &Site, config: &Config) -> TimelineJs {
    let lang = config.site.lang;
    let tl_date = |d: &PartialDate| TimelineDate {
        year: d.year,
        month: d.month,
        day: d.day,
        display_date: d.display(lang),
    };
    let events = site
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut text = html_escape(e.summary.as_deref().unwrap_or_default());
            if let Some(link) = super::absolute(config, &super::event_path(site, i)) {
                let more = lang.label("timeline").unwrap_or_default();
                text.push_str(&format!(" <a href=\"{}\">{more}</a>", html_escape(&link)));
            }
            TimelineEvent {
                unique_id: e.id.clone(),
                start_date: tl_date(&e.date),
                end_date: e.end.as_ref().map(tl_date),
                text: TimelineText {
                    headline: html_escape(&e.title),
                    text: text.trim().to_string(),
                },
                group: e
                    .kind
                    .as_ref()
                    .map(|k| lang.label(k).unwrap_or(k).to_string()),
            }
        })
        .collect();
    TimelineJs {
        title: TimelineTitle {
            text: TimelineText {
                headline: html_escape(&config.site.title),
                text: html_escape(config.site.description.as_deref().unwrap_or_default()),
            },
        },
        events,
    }
}

/// TimelineJS shows `headline` and `text` as HTML; content text is escaped for it.
fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
