//! The timeline page's data: events grouped by year and month, and for a split
//! timeline the overview of its month pages.

use serde::Serialize;
use tera::{Context, Value};

use super::catalog::{self, Catalog};
use super::context::{Group, counts};
use super::view::{Views, date_text, url};
use super::{svg_timeline, timeline_filter};
use crate::i18n::Lang;

/// One month of events (or the events of a year known only to the year).
struct Month {
    id: String,
    label: String,
    events: Vec<usize>,
}

/// Events (indices in date order) grouped by year, then month; events known only to
/// the year come first in their year.
pub(super) fn timeline_groups(views: &Views<'_>, cat: &Catalog, events: &[usize]) -> Value {
    let mut years: Vec<(i32, Vec<Month>)> = Vec::new();
    for &i in events {
        let date = views.site.events[i].date;
        if years.last().is_none_or(|(y, _)| *y != date.year) {
            years.push((date.year, Vec::new()));
        }
        let Some((_, months)) = years.last_mut() else {
            continue;
        };
        let (id, label) = month_of(&date, views.lang);
        match months.last_mut() {
            Some(m) if m.id == id => m.events.push(i),
            _ => months.push(Month {
                id,
                label,
                events: vec![i],
            }),
        }
    }
    let years: Vec<Value> = years
        .into_iter()
        .map(|(year, months)| {
            let months: Vec<Value> = months
                .into_iter()
                .map(|m| catalog::group(m.label, m.id, cat.events(views, m.events)))
                .collect();
            let mut map = std::collections::BTreeMap::new();
            map.insert("id", Value::from(format!("y{year}")));
            map.insert("label", Value::from(year.to_string()));
            map.insert("months", Value::from(months));
            Value::from(map)
        })
        .collect();
    Value::from(years)
}

/// Anchor id and heading of the month of `date` ("m2025-04", "April 2025").
fn month_of(date: &crate::date::PartialDate, lang: Lang) -> (String, String) {
    match date.month {
        Some(m) => {
            let month = crate::date::PartialDate {
                year: date.year,
                month: Some(m),
                day: None,
            };
            (format!("m{:04}-{m:02}", date.year), date_text(&month, lang))
        }
        None => (format!("m{:04}", date.year), date.year.to_string()),
    }
}

/// Heading for a timeline part key ("2025-04" -> "April 2025", "2025-04.2" ->
/// "April 2025 · Seite 2").
pub(super) fn part_label(key: &str, lang: Lang) -> String {
    let (period, part) = match key.split_once('.') {
        Some((period, part)) => (period, Some(part)),
        None => (key, None),
    };
    let label = crate::date::PartialDate::parse(period)
        .map_or_else(|_| period.to_string(), |d| d.display(lang));
    match part {
        Some(n) => format!("{label} · {} {n}", lang.label("page").unwrap_or_default()),
        None => label,
    }
}

/// A link to one part of a split timeline, for the overview.
#[derive(Serialize)]
struct PartLink {
    label: String,
    url: String,
    count: usize,
}

/// The timeline page: all events, or (split) an overview of the parts, or one part.
pub(super) fn timeline_context(
    ctx: &mut Context,
    views: &Views<'_>,
    cat: &Catalog,
    part: Option<&String>,
) {
    let site = views.site;
    ctx.insert("counts", &counts(site));
    let mut overview: Vec<(String, Vec<PartLink>)> = Vec::new();
    let events: Vec<usize> = match part {
        Some(key) => site
            .timeline_parts
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, events)| events.clone())
            .unwrap_or_default(),
        None if site.timeline_split => {
            for (key, events) in &site.timeline_parts {
                let year = key[..4].to_string();
                let link = PartLink {
                    label: part_label(key, views.lang),
                    url: url::timeline_part(key),
                    count: events.len(),
                };
                match overview.last_mut() {
                    Some((y, links)) if *y == year => links.push(link),
                    _ => overview.push((year, vec![link])),
                }
            }
            Vec::new()
        }
        None => (0..site.events.len()).collect(),
    };
    let overview: Vec<Group<PartLink>> = overview
        .into_iter()
        .map(|(year, items)| Group {
            id: format!("y{year}"),
            label: year,
            items,
        })
        .collect();
    ctx.insert("overview", &overview);
    ctx.insert_value("years", timeline_groups(views, cat, &events));
    // The drawing and filters cover the events on this page (all of them, or one
    // month of a split timeline); a split timeline's overview has neither.
    let link = |i: usize| format!("#{}", site.events[i].id);
    let graphic = svg_timeline::graphic(views, &events, &link, "tl", "timeline-list");
    ctx.insert("timeline", &graphic);
    ctx.insert("filter", &timeline_filter::options(views, &events));
}
