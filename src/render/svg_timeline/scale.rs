//! The time scale of the SVG timeline: events grouped into clusters, each drawn
//! linearly (a crowded cluster at more units per day than a sparse one), with each
//! quiet stretch between clusters squeezed into a fixed, small height and marked as
//! compressed. Piecewise linear, so dates inside a cluster keep their proportions.

/// A day on the time line, counted as chrono's days from the common era.
pub type Day = i64;

/// The time-line day of a calendar date.
pub fn day_of(date: chrono::NaiveDate) -> Day {
    use chrono::Datelike;
    Day::from(date.num_days_from_ce())
}

/// The time-line day of year, month, day (tests write dates this way).
#[cfg(test)]
pub fn ymd(y: i32, m: u32, d: u32) -> Day {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
        .map(day_of)
        .unwrap_or_default()
}

/// The days an event covers, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub start: Day,
    pub end: Day,
}

/// A stretch of time with events in it, drawn linearly from `top` to `bottom`.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub start: Day,
    /// The last day of the last event in the segment.
    pub end: Day,
    pub top: f64,
    pub bottom: f64,
    /// Units per day inside this segment.
    pub per_day: f64,
}

/// A quiet stretch between two segments, drawn with a fixed height.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// The first quiet day and the day after the last one.
    pub from: Day,
    pub to: Day,
    pub top: f64,
    pub bottom: f64,
}

impl Gap {
    /// The days the gap leaves out, for its label.
    pub fn days(&self) -> i64 {
        self.to - self.from
    }
}

/// A piecewise-linear scale from days to vertical positions.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub segments: Vec<Segment>,
    pub gaps: Vec<Gap>,
}

/// Groups spans into clusters: a new cluster starts after more than `max_quiet_days`
/// without any event. Returns the clusters' (first day, last day), in order.
pub fn clusters(spans: &[Span], max_quiet_days: Day) -> Vec<Span> {
    let mut sorted = spans.to_vec();
    sorted.sort();
    let mut out: Vec<Span> = Vec::new();
    for span in sorted {
        match out.last_mut() {
            Some(last) if span.start - last.end <= max_quiet_days => {
                last.end = last.end.max(span.end);
            }
            _ => out.push(span),
        }
    }
    out
}

impl Scale {
    /// Lays clusters out from `top` downwards: cluster `i` at `per_day[i]` units a day,
    /// at least `min_heights[i]` tall (room for its labels), separated by gaps
    /// `gap_height` tall.
    pub fn new(
        clusters: &[Span],
        per_day: &[f64],
        gap_height: f64,
        min_heights: &[f64],
        top: f64,
    ) -> Scale {
        let mut segments = Vec::with_capacity(clusters.len());
        let mut gaps = Vec::new();
        let mut y = top;
        for (i, c) in clusters.iter().enumerate() {
            if let Some(prev) = segments.last().map(|s: &Segment| s.end) {
                gaps.push(Gap {
                    from: prev + 1,
                    to: c.start,
                    top: y,
                    bottom: y + gap_height,
                });
                y += gap_height;
            }
            let unit = per_day.get(i).copied().unwrap_or(1.0);
            let linear = (c.end - c.start + 1) as f64 * unit;
            let height = linear.max(min_heights.get(i).copied().unwrap_or(0.0));
            segments.push(Segment {
                start: c.start,
                end: c.end,
                top: y,
                bottom: y + height,
                per_day: unit,
            });
            y += height;
        }
        Scale { segments, gaps }
    }

    /// Where the start of `day` is drawn: linear inside a segment, and at the edge of
    /// the nearest segment for a day that falls into a gap.
    pub fn y(&self, day: Day) -> f64 {
        let Some(first) = self.segments.first() else {
            return 0.0;
        };
        let mut found = first.top;
        for s in &self.segments {
            if day < s.start {
                break;
            }
            found = (s.top + (day - s.start) as f64 * s.per_day).min(s.bottom);
        }
        found
    }

    /// The lowest point drawn.
    pub fn bottom(&self) -> f64 {
        self.segments.last().map_or(0.0, |s| s.bottom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::ymd as day;

    fn on(y: i32, m: u32, d: u32) -> Span {
        Span {
            start: day(y, m, d),
            end: day(y, m, d),
        }
    }

    /// The real shape of the seed timeline: spring 2022, autumn 2022, spring 2025.
    fn seed_like() -> Vec<Span> {
        vec![
            on(2025, 4, 23),
            on(2022, 2, 24),
            on(2022, 3, 29),
            Span {
                start: day(2022, 9, 30),
                end: day(2022, 10, 4),
            },
            on(2025, 3, 11),
            on(2025, 4, 18),
        ]
    }

    #[test]
    fn quiet_stretches_longer_than_the_limit_split_clusters() {
        let found = clusters(&seed_like(), 60);
        assert_eq!(
            found,
            vec![
                Span {
                    start: day(2022, 2, 24),
                    end: day(2022, 3, 29)
                },
                Span {
                    start: day(2022, 9, 30),
                    end: day(2022, 10, 4)
                },
                Span {
                    start: day(2025, 3, 11),
                    end: day(2025, 4, 23)
                },
            ]
        );
        assert_eq!(clusters(&seed_like(), 2000).len(), 1);
        assert!(clusters(&[], 60).is_empty());
    }

    #[test]
    fn the_two_and_a_half_quiet_years_take_a_fixed_small_height() {
        let c = clusters(&seed_like(), 60);
        let scale = Scale::new(&c, &[4.0; 3], 40.0, &[], 10.0);
        assert_eq!(scale.gaps.len(), 2);
        let long = &scale.gaps[1];
        assert_eq!(long.days(), day(2025, 3, 11) - day(2022, 10, 5));
        assert_eq!(long.bottom - long.top, 40.0);
        // Drawn linearly, October 2022 to March 2025 would need over 3,500 units.
        let linear = (day(2025, 3, 11) - day(2022, 10, 4)) as f64 * 4.0;
        assert!(linear > 3500.0);
        let drawn = scale.y(day(2025, 3, 11)) - scale.y(day(2022, 10, 4));
        assert!(drawn < 60.0, "the gap is drawn {drawn} units tall");
        // The whole axis from February 2022 to April 2025 stays short.
        assert!(scale.bottom() < 500.0, "axis is {} tall", scale.bottom());
    }

    #[test]
    fn inside_a_cluster_time_is_linear() {
        let c = clusters(&seed_like(), 60);
        let scale = Scale::new(&c, &[4.0, 4.0, 9.0], 40.0, &[], 0.0);
        let a = scale.y(day(2022, 2, 24));
        let b = scale.y(day(2022, 3, 3));
        let d = scale.y(day(2022, 3, 10));
        assert_eq!(a, 0.0);
        assert_eq!(b - a, 28.0);
        assert_eq!(d - b, 28.0);
        // A crowded cluster gets more room per day, still linear inside.
        let april = scale.y(day(2025, 4, 18)) - scale.y(day(2025, 4, 8));
        assert_eq!(april, 90.0);
    }

    #[test]
    fn a_cluster_grows_to_the_room_its_labels_need() {
        let c = clusters(&seed_like(), 60);
        let scale = Scale::new(&c, &[4.0; 3], 40.0, &[0.0, 100.0, 0.0], 0.0);
        let autumn = &scale.segments[1];
        assert_eq!(autumn.bottom - autumn.top, 100.0);
        // Positions inside the grown segment keep the same scale.
        assert_eq!(scale.y(day(2022, 10, 2)) - autumn.top, 8.0);
        assert_eq!(scale.gaps[1].top, autumn.bottom);
    }

    #[test]
    fn positions_never_go_backwards() {
        let c = clusters(&seed_like(), 60);
        let scale = Scale::new(&c, &[3.0, 0.5, 12.0], 40.0, &[], 0.0);
        let mut last = f64::MIN;
        for d in day(2022, 1, 1)..day(2025, 6, 1) {
            let y = scale.y(d);
            assert!(y >= last, "day {d} is drawn above the day before it");
            last = y;
        }
    }
}
