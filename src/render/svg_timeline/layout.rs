//! Where everything of the SVG timeline goes: the scale, each event's mark and label,
//! and the month ticks, in viewBox units. Pure arithmetic, so the drawing is
//! deterministic and testable.

use chrono::{Datelike, NaiveDate};

use super::labels;
use super::scale::{self, Day, Scale, Span};

/// Fixed measures of the drawing, in viewBox units (about CSS pixels at phone width).
pub mod geometry {
    /// The width of the viewBox: a 390-pixel phone shows it at about 1:1.
    pub const WIDTH: f64 = 360.0;
    /// The vertical axis; month labels sit left of it, event labels right of it.
    pub const AXIS_X: f64 = 64.0;
    pub const LABEL_X: f64 = 86.0;
    /// Height of one event label's row, and its font size.
    pub const ROW: f64 = 17.0;
    pub const FONT: f64 = 12.0;
    pub const TICK_ROW: f64 = 14.0;
    pub const TICK_FONT: f64 = 10.5;
    /// Height of a compressed quiet stretch.
    pub const GAP: f64 = 44.0;
    pub const TOP: f64 = 14.0;
    pub const BOTTOM: f64 = 10.0;
    /// A quiet stretch longer than this (in days) is compressed: three weeks, so that
    /// a burst of events gets its own scale instead of crowding a sparse month.
    pub const MAX_QUIET_DAYS: i64 = 21;
}
use geometry::*;

/// An event as the layout sees it.
#[derive(Debug, Clone, Copy)]
pub struct Item {
    pub span: Span,
    /// Known only to the month or year: drawn as a span, marked approximate.
    pub approximate: bool,
}

/// An event's place in the drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub mark: f64,
    /// The top and bottom of the bar of a range or an approximate date.
    pub bar: Option<(f64, f64)>,
    /// The centre of the label's row.
    pub label: f64,
}

/// A month mark on the axis and where its label goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub year: i32,
    pub month: u32,
    pub y: f64,
    pub label: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub scale: Scale,
    pub placed: Vec<Placed>,
    pub ticks: Vec<Tick>,
    pub height: f64,
}

/// Lays out `items`; `None` when there is nothing to draw.
pub fn layout(items: &[Item]) -> Option<Layout> {
    if items.is_empty() {
        return None;
    }
    let spans: Vec<Span> = items.iter().map(|i| i.span).collect();
    let clusters = scale::clusters(&spans, MAX_QUIET_DAYS);
    let mut relative = vec![None; items.len()];
    let mut ticks = Vec::new();
    let mut min_heights = Vec::with_capacity(clusters.len());
    let mut per_days = Vec::with_capacity(clusters.len());
    for (ci, cluster) in clusters.iter().enumerate() {
        let members: Vec<usize> = (0..items.len())
            .filter(|&i| cluster_of(&clusters, items[i].span) == ci)
            .collect();
        // Room for most labels next to their marks, without a wall of empty axis.
        let days = (cluster.end - cluster.start + 1) as f64;
        let per_day = (members.len() as f64 * ROW / days).clamp(0.3, 40.0);
        per_days.push(per_day);
        // Tick every month when there is room for the labels, else every quarter,
        // half or year.
        let step = [1, 3, 6, 12]
            .into_iter()
            .find(|months| *months as f64 * 30.0 * per_day >= TICK_ROW)
            .unwrap_or(12);
        let marks: Vec<(f64, Option<(f64, f64)>)> = members
            .iter()
            .map(|&i| mark_position(items, i, &members, cluster.start, per_day))
            .collect();
        let targets: Vec<f64> = marks.iter().map(|m| m.0).collect();
        let centres = labels::place(&targets, ROW, 0.0);
        let month_ticks = month_starts(*cluster, step);
        let tick_ys: Vec<f64> = month_ticks
            .iter()
            .map(|t| (t.2 - cluster.start) as f64 * per_day)
            .collect();
        let tick_labels = labels::place(&tick_ys, TICK_ROW, 0.0);
        min_heights.push(labels::extent(&centres, ROW, 0.0).max(labels::extent(
            &tick_labels,
            TICK_ROW,
            0.0,
        )));
        for ((&i, (mark, bar)), label) in members.iter().zip(marks).zip(centres) {
            relative[i] = Some((ci, mark, bar, label));
        }
        for ((year, month, day), label) in month_ticks.into_iter().zip(tick_labels) {
            ticks.push((ci, year, month, day, label));
        }
    }

    let scale = Scale::new(&clusters, &per_days, GAP, &min_heights, TOP);
    let top_of = |ci: usize| scale.segments.get(ci).map_or(TOP, |s| s.top);
    let placed = relative
        .into_iter()
        .map(|r| {
            let (ci, mark, bar, label) = r.unwrap_or((0, 0.0, None, 0.0));
            let t = top_of(ci);
            Placed {
                mark: t + mark,
                bar: bar.map(|(a, b)| (t + a, t + b)),
                label: t + label,
            }
        })
        .collect();
    let ticks = ticks
        .into_iter()
        .map(|(ci, year, month, day, label)| Tick {
            year,
            month,
            y: scale.y(day),
            label: top_of(ci) + label,
        })
        .collect();
    let height = scale.bottom() + BOTTOM;
    Some(Layout {
        scale,
        placed,
        ticks,
        height,
    })
}

fn cluster_of(clusters: &[Span], span: Span) -> usize {
    clusters
        .iter()
        .position(|c| c.start <= span.start && span.start <= c.end)
        .unwrap_or(0)
}

/// Where an event's mark (and bar) goes, relative to its cluster's top. Several events
/// on the same day share that day's height, one below the other, in their given order.
fn mark_position(
    items: &[Item],
    i: usize,
    members: &[usize],
    start: Day,
    per_day: f64,
) -> (f64, Option<(f64, f64)>) {
    let item = items[i];
    let y = |day: Day| (day - start) as f64 * per_day;
    if item.approximate || item.span.end > item.span.start {
        let bar = (y(item.span.start), y(item.span.end + 1));
        let mark = if item.approximate {
            (bar.0 + bar.1) / 2.0
        } else {
            bar.0 + per_day / 2.0
        };
        return (mark, Some(bar));
    }
    let same_day: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&j| {
            let o = items[j];
            !o.approximate && o.span.start == o.span.end && o.span.start == item.span.start
        })
        .collect();
    let k = same_day.iter().position(|&j| j == i).unwrap_or(0);
    let fraction = (k as f64 + 0.5) / same_day.len().max(1) as f64;
    (y(item.span.start) + fraction * per_day, None)
}

/// The first days of every `step`-th month (counted from January) a cluster covers,
/// plus its own first day, as (year, month, day).
fn month_starts(cluster: Span, step: u32) -> Vec<(i32, u32, Day)> {
    let Some(first) = NaiveDate::from_num_days_from_ce_opt(cluster.start as i32) else {
        return Vec::new();
    };
    let mut out = vec![(first.year(), first.month(), cluster.start)];
    let mut month = first
        .with_day(1)
        .and_then(|d| d.checked_add_months(chrono::Months::new(1)));
    while let Some(m) = month {
        let day = scale::day_of(m);
        if day > cluster.end {
            break;
        }
        if (m.month() - 1) % step == 0 {
            out.push((m.year(), m.month(), day));
        }
        month = m.checked_add_months(chrono::Months::new(1));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::render::svg_timeline::scale::ymd as day;

    fn point(y: i32, m: u32, d: u32) -> Item {
        Item {
            span: Span {
                start: day(y, m, d),
                end: day(y, m, d),
            },
            approximate: false,
        }
    }

    fn seed_like() -> Vec<Item> {
        let mut items = vec![
            point(2022, 2, 24),
            point(2022, 2, 28),
            point(2022, 3, 29),
            point(2025, 3, 11),
        ];
        items.extend((0..5).map(|_| point(2025, 4, 18)));
        items.push(point(2025, 4, 23));
        items
    }

    #[test]
    fn labels_of_one_day_do_not_overlap_and_marks_keep_date_order() {
        let l = layout(&seed_like()).expect("a layout");
        let mut centres: Vec<f64> = l.placed.iter().map(|p| p.label).collect();
        centres.sort_by(f64::total_cmp);
        assert!(centres.windows(2).all(|w| w[1] - w[0] >= ROW - 1e-9));
        assert!(l.placed.windows(2).all(|w| w[0].mark <= w[1].mark));
        assert!(l.height > l.placed.iter().map(|p| p.label).fold(0.0, f64::max));
    }

    #[test]
    fn ticks_name_the_first_and_each_new_month() {
        let l = layout(&seed_like()).expect("a layout");
        let months: Vec<(i32, u32)> = l.ticks.iter().map(|t| (t.year, t.month)).collect();
        assert_eq!(months, [(2022, 2), (2022, 3), (2025, 3), (2025, 4)]);
        let mut labels: Vec<f64> = l.ticks.iter().map(|t| t.label).collect();
        labels.sort_by(f64::total_cmp);
        assert!(labels.windows(2).all(|w| w[1] - w[0] >= TICK_ROW - 1e-9));
    }

    #[test]
    fn partial_dates_become_bars_with_the_mark_in_the_middle() {
        let march = Item {
            span: Span {
                start: day(2022, 3, 1),
                end: day(2022, 3, 31),
            },
            approximate: true,
        };
        let l = layout(&[point(2022, 2, 24), march]).expect("a layout");
        let (top, bottom) = l.placed[1].bar.expect("a bar");
        assert!((l.placed[1].mark - (top + bottom) / 2.0).abs() < 1e-9);
        assert!(l.placed[0].bar.is_none());
    }

    #[test]
    fn a_year_long_span_is_ticked_sparsely() {
        let year = Item {
            span: Span {
                start: day(2023, 1, 1),
                end: day(2023, 12, 31),
            },
            approximate: true,
        };
        let l = layout(&[year, point(2023, 6, 1)]).expect("a layout");
        let months: Vec<u32> = l.ticks.iter().map(|t| t.month).collect();
        assert!(months.len() < 12, "{months:?}");
        assert_eq!(months[0], 1);
    }

    #[test]
    fn a_single_event_still_gets_a_drawing() {
        let l = layout(&[point(2025, 4, 23)]).expect("a layout");
        assert_eq!(l.scale.segments.len(), 1);
        assert!(l.height >= TOP + ROW);
        assert!(layout(&[]).is_none());
    }
}
