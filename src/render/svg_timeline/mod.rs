//! The SVG timeline drawn at build time, no script needed: a vertical time axis from
//! the first to the last event, quiet stretches compressed and marked, one linked mark
//! and label per event, and a legend. The event list below it is its text alternative.

mod axis;
mod draw;
mod group;
mod labels;
mod layout;
mod markup;
mod scale;
mod text_fit;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::content::Event;
use crate::date::{PartialDate, Precision};
use crate::i18n::Lang;
use crate::render::view::{Views, date_text};
use draw::{Entry, KINDS};
use group::Level;
use layout::Item;

/// More rows than this and events of a day, or of a month, share a row.
const MAX_ROWS: usize = 80;
use scale::Span;

/// The drawing and its legend, for templates.
#[derive(Debug, Serialize)]
pub struct TimelineGraphic {
    pub svg: crate::render::view::SafeHtml,
    pub legend: Vec<LegendEntry>,
    pub count: usize,
    pub first: String,
    pub last: String,
}

/// One line of the legend: a small drawing and what it means.
#[derive(Debug, Serialize)]
pub struct LegendEntry {
    pub swatch: String,
    pub label: String,
}

/// Draws `events` (site event indices in date order). `link` turns an event index into
/// the mark's link; `id` prefixes the drawing's own ids; `described_by` is the id of
/// the event list that says the same in text. `None` when there are no events.
pub fn graphic(
    views: &Views<'_>,
    events: &[usize],
    link: &dyn Fn(usize) -> String,
    id: &str,
    described_by: &str,
) -> Option<TimelineGraphic> {
    let lang = views.lang;
    let chosen: Vec<&Event> = events.iter().map(|&i| &views.site.events[i]).collect();
    let (level, rows) = group::rows(&chosen, MAX_ROWS);
    let items: Vec<Item> = rows
        .iter()
        .map(|r| row_item(r.iter().map(|&p| chosen[p]), level))
        .collect();
    let layout = layout::layout(&items)?;
    let entries: Vec<Entry> = rows
        .iter()
        .map(|r| match r.as_slice() {
            [one] => entry(chosen[*one], lang, link(events[*one])),
            _ => shared_entry(
                r.iter().map(|&p| chosen[p]).collect(),
                level,
                lang,
                link(events[r[0]]),
            ),
        })
        .collect();
    let (first, last) = (chosen.first()?, chosen.last()?);
    let first = date_text(&first.date, lang);
    let last = date_text(&last.end.unwrap_or(last.date), lang);
    let label = |key: &str| lang.label(key).unwrap_or(key).to_string();
    let title = format!(
        "{}: {} {}, {first} – {last}",
        label("tl_graphic"),
        chosen.len(),
        label("event_count")
    );
    let month = |y: i32, m: u32| -> String {
        NaiveDate::from_ymd_opt(y, m, 1)
            .map(|d| {
                d.format_localized("%b %Y", lang.chrono_locale())
                    .to_string()
            })
            .unwrap_or_default()
    };
    let gap = |days: i64| gap_label(days, lang);
    let texts = draw::Texts {
        id,
        title,
        described_by,
        month: &month,
        gap: &gap,
    };
    let svg = draw::svg(&entries, &layout, &texts);
    let legend = legend(&entries, &items, !layout.scale.gaps.is_empty(), lang);
    Some(TimelineGraphic {
        svg: crate::render::view::SafeHtml(svg),
        legend,
        count: chosen.len(),
        first,
        last,
    })
}

/// The days a row covers: its events' from the first day of the earliest to the last
/// day of the latest; a month row is approximate by nature.
fn row_item<'a>(members: impl Iterator<Item = &'a Event>, level: Level) -> Item {
    let day = |d: Option<NaiveDate>| d.map_or(0, scale::day_of);
    let mut span: Option<Span> = None;
    let mut approximate = level == Level::Month;
    for e in members {
        let start = day(e.date.earliest_day());
        let end = day(e.end.unwrap_or(e.date).latest_day()).max(day(e.date.latest_day()));
        approximate |= e.date.precision() != Precision::Day;
        span = Some(match span {
            Some(s) => Span {
                start: s.start.min(start),
                end: s.end.max(end),
            },
            None => Span { start, end },
        });
    }
    Item {
        span: span.unwrap_or(Span { start: 0, end: 0 }),
        approximate,
    }
}

/// One row for several events: the commonest kind, hollow only if all are doubtful,
/// "12 Ereignisse: <first title>", and the first few titles in the tooltip.
fn shared_entry(members: Vec<&Event>, level: Level, lang: Lang, href: String) -> Entry {
    let first = members[0];
    let mut one = entry(first, lang, href);
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for e in &members {
        let k = e
            .kind
            .as_deref()
            .filter(|k| KINDS.contains(k))
            .unwrap_or("other");
        match counts.iter_mut().find(|(c, _)| *c == k) {
            Some((_, n)) => *n += 1,
            None => counts.push((k, 1)),
        }
    }
    // The first kind with the highest count: deterministic.
    let mut best = counts[0];
    for c in &counts {
        if c.1 > best.1 {
            best = *c;
        }
    }
    let n = members.len();
    let events = lang.label("event_count").unwrap_or("events");
    one.kind = best.0.to_string();
    one.hollow = members.iter().all(|e| hollow(e));
    one.approximate = level == Level::Month || one.approximate;
    if level == Level::Month {
        one.date_label = short_date(
            &PartialDate {
                day: None,
                ..first.date
            },
            None,
            lang,
        );
    }
    one.title = format!("{n} {events}: {}", first.title);
    one.shared = members.iter().map(|e| e.id.clone()).collect();
    let titles: Vec<&str> = members.iter().take(5).map(|e| e.title.as_str()).collect();
    let more = if n > 5 { "; …" } else { "" };
    let when = match level {
        Level::Month => date_text(
            &PartialDate {
                day: None,
                ..first.date
            },
            lang,
        ),
        _ => date_text(&first.date, lang),
    };
    one.tooltip = format!("{when}: {n} {events}: {}{more}", titles.join("; "));
    one
}

fn entry(e: &Event, lang: Lang, href: String) -> Entry {
    let kind = match e.kind.as_deref() {
        Some(k) if KINDS.contains(&k) => k.to_string(),
        _ => "other".to_string(),
    };
    let label = |key: &str| lang.label(key).map(str::to_string);
    let mut about: Vec<String> = Vec::new();
    about.extend(
        e.kind
            .as_deref()
            .map(|k| label(k).unwrap_or_else(|| k.to_string())),
    );
    about.extend(e.status.and_then(|s| label(s.key())));
    let when = match e.end {
        Some(end) => format!("{} – {}", date_text(&e.date, lang), date_text(&end, lang)),
        None => date_text(&e.date, lang),
    };
    let about = if about.is_empty() {
        String::new()
    } else {
        format!(" ({})", about.join(", "))
    };
    Entry {
        href,
        shared: Vec::new(),
        kind,
        hollow: hollow(e),
        approximate: e.date.precision() != Precision::Day,
        date_label: short_date(&e.date, e.end.as_ref(), lang),
        title: e.title.clone(),
        tooltip: format!("{when}: {}{about}", e.title),
    }
}

/// Doubtful events get a hollow mark.
fn hollow(e: &Event) -> bool {
    e.status
        .is_some_and(|s| matches!(s.key(), "unconfirmed" | "disputed"))
}

/// The date beside a mark, short because the axis names month and year:
/// "24.2." / "24 Feb", ranges "14.–21.3." / "14–21 Mar", a month "März", a year "2022".
fn short_date(date: &PartialDate, end: Option<&PartialDate>, lang: Lang) -> String {
    let locale = lang.chrono_locale();
    let rough = |d: &PartialDate| match d.month.and_then(|m| NaiveDate::from_ymd_opt(d.year, m, 1))
    {
        Some(first) => first.format_localized("%B", locale).to_string(),
        None => d.year.to_string(),
    };
    let Some(start) = date.to_naive() else {
        return match end {
            Some(end) if end != date => format!("{}–{}", rough(date), rough(end)),
            _ => rough(date),
        };
    };
    let one = |d: NaiveDate| match lang {
        Lang::De => format!("{}.{}.", d.day(), d.month()),
        Lang::En => d.format_localized("%-d %b", locale).to_string(),
    };
    match end.and_then(PartialDate::to_naive) {
        Some(stop) if stop.month() == start.month() && stop.year() == start.year() => match lang {
            Lang::De => format!("{}.–{}", start.day(), one(stop)),
            Lang::En => format!("{}–{}", start.day(), one(stop)),
        },
        Some(stop) => format!("{}–{}", one(start), one(stop)),
        None => one(start),
    }
}

/// "… 2 Jahre, 5 Monate komprimiert …" for a gap of 888 days, "… 4 Wochen … " for 26.
fn gap_label(days: i64, lang: Lang) -> String {
    let label = |key: &'static str| lang.label(key).unwrap_or(key);
    if days < 60 {
        let weeks = ((days as f64 / 7.0).round() as i64).max(1);
        let unit = if weeks == 1 { "tl_week" } else { "tl_weeks" };
        return format!("… {weeks} {} {} …", label(unit), label("tl_compressed"));
    }
    let months = (days as f64 / 30.44).round() as i64;
    let (years, rest) = (months / 12, months % 12);
    let mut parts = Vec::new();
    if years > 0 {
        let unit = if years == 1 { "tl_year" } else { "tl_years" };
        parts.push(format!("{years} {}", label(unit)));
    }
    if rest > 0 || years == 0 {
        let unit = if rest == 1 { "tl_month" } else { "tl_months" };
        parts.push(format!("{rest} {}", label(unit)));
    }
    format!("… {} {} …", parts.join(", "), label("tl_compressed"))
}

fn swatch(inner: &str) -> String {
    format!(
        "<svg class=\"tl-swatch\" width=\"18\" height=\"16\" viewBox=\"0 0 18 16\" aria-hidden=\"true\" focusable=\"false\">{inner}</svg>"
    )
}

/// The kinds that occur (in a fixed order), then what bars, hollow marks and the
/// break mark mean, when they occur.
fn legend(entries: &[Entry], items: &[Item], gaps: bool, lang: Lang) -> Vec<LegendEntry> {
    let label = |key: &str| lang.label(key).unwrap_or(key).to_string();
    let mut out: Vec<LegendEntry> = KINDS
        .iter()
        .chain(std::iter::once(&"other"))
        .filter(|k| entries.iter().any(|e| e.kind == **k))
        .map(|k| LegendEntry {
            swatch: swatch(&draw::mark(k, false, 9.0, 8.0)),
            label: label(if *k == "other" { "tl_other_kind" } else { k }),
        })
        .collect();
    let mut extra = |present: bool, inner: String, key: &str| {
        if present {
            out.push(LegendEntry {
                swatch: swatch(&inner),
                label: label(key),
            });
        }
    };
    let bar = |dash: &str| {
        format!(
            "<rect x=\"6\" y=\"1\" width=\"6\" height=\"14\" rx=\"3\" fill=\"#505a5f\" fill-opacity=\"0.35\" stroke=\"#505a5f\"{dash}/>"
        )
    };
    extra(
        items
            .iter()
            .any(|i| !i.approximate && i.span.end > i.span.start),
        bar(""),
        "tl_range",
    );
    extra(
        items.iter().any(|i| i.approximate),
        bar(" stroke-dasharray=\"2 2\""),
        "tl_approximate",
    );
    extra(
        entries.iter().any(|e| e.hollow),
        draw::mark("other", true, 9.0, 8.0).replace("r=\"3.5\"", "r=\"5\""),
        "tl_uncertain",
    );
    extra(
        gaps,
        "<path d=\"M1 11l16 -6M1 15l16 -6\" stroke=\"currentColor\" stroke-width=\"2\"/>".into(),
        "tl_gap_legend",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> PartialDate {
        PartialDate::parse(text).expect("a date")
    }

    #[test]
    fn short_dates_leave_month_and_year_to_the_axis() {
        assert_eq!(short_date(&d("2022-02-24"), None, Lang::De), "24.2.");
        assert_eq!(short_date(&d("2022-02-24"), None, Lang::En), "24 Feb");
        let end = d("2022-03-21");
        assert_eq!(
            short_date(&d("2022-03-14"), Some(&end), Lang::De),
            "14.–21.3."
        );
        assert_eq!(
            short_date(&d("2022-03-14"), Some(&end), Lang::En),
            "14–21 Mar"
        );
        let oct = d("2022-10-04");
        assert_eq!(
            short_date(&d("2022-09-30"), Some(&oct), Lang::De),
            "30.9.–4.10."
        );
        assert_eq!(short_date(&d("2022-03"), None, Lang::De), "März");
        let april = d("2022-04");
        assert_eq!(
            short_date(&d("2022-03"), Some(&april), Lang::En),
            "March–April"
        );
        assert_eq!(short_date(&d("2022"), None, Lang::En), "2022");
    }

    #[test]
    fn gaps_say_how_much_time_they_leave_out() {
        assert_eq!(
            gap_label(888, Lang::De),
            "… 2 Jahre, 5 Monate komprimiert …"
        );
        assert_eq!(gap_label(365, Lang::En), "… 1 year compressed …");
        assert_eq!(gap_label(183, Lang::De), "… 6 Monate komprimiert …");
        assert_eq!(gap_label(26, Lang::De), "… 4 Wochen komprimiert …");
        assert_eq!(gap_label(5, Lang::En), "… 1 week compressed …");
    }
}
