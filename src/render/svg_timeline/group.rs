//! Crowded timelines: when a drawing would get more rows than a reader can scan, the
//! events of one day (or, if that is still too many, of one month) share a row.

use crate::content::Event;

/// How far events were merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// One row per event.
    Event,
    /// One row per date (and end date).
    Day,
    /// One row per month, drawn as a bar over the month.
    Month,
}

/// Rows of `events` (in date order), each a run of positions in `events`, at the
/// finest level that gives at most `max` rows (months when nothing does).
pub fn rows(events: &[&Event], max: usize) -> (Level, Vec<Vec<usize>>) {
    if events.len() <= max {
        return (Level::Event, (0..events.len()).map(|i| vec![i]).collect());
    }
    let by_day = runs(events, |e| {
        (e.date.to_string(), e.end.map(|d| d.to_string()))
    });
    if by_day.len() <= max {
        return (Level::Day, by_day);
    }
    let by_month = runs(events, |e| (e.date.year, e.date.month));
    (Level::Month, by_month)
}

/// Consecutive events with the same key become one run.
fn runs<K: PartialEq>(events: &[&Event], key: impl Fn(&Event) -> K) -> Vec<Vec<usize>> {
    let mut out: Vec<(K, Vec<usize>)> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let k = key(e);
        match out.last_mut() {
            Some((last, members)) if *last == k => members.push(i),
            _ => out.push((k, vec![i])),
        }
    }
    out.into_iter().map(|(_, members)| members).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Origin;
    use crate::date::PartialDate;

    fn event(date: &str) -> Event {
        Event {
            id: format!("e-{date}"),
            date: PartialDate::parse(date).expect("date"),
            end: None,
            title: format!("Ereignis {date}"),
            actors: Vec::new(),
            place: None,
            kind: None,
            status: None,
            sources: Vec::new(),
            summary: None,
            origin: Origin::Standalone {
                body: String::new(),
                body_line: 1,
            },
            file: "x.md".into(),
            position: None,
        }
    }

    #[test]
    fn few_events_keep_a_row_each() {
        let all = [event("2025-04-18"), event("2025-04-18")];
        let refs: Vec<&Event> = all.iter().collect();
        assert_eq!(rows(&refs, 10), (Level::Event, vec![vec![0], vec![1]]));
    }

    #[test]
    fn a_crowded_day_shares_one_row() {
        let mut all: Vec<Event> = (0..30).map(|_| event("2025-04-18")).collect();
        all.extend((0..30).map(|_| event("2025-04-21")));
        all.push(event("2025-05"));
        let refs: Vec<&Event> = all.iter().collect();
        let (level, found) = rows(&refs, 10);
        assert_eq!(level, Level::Day);
        assert_eq!(found.iter().map(Vec::len).collect::<Vec<_>>(), [30, 30, 1]);
    }

    #[test]
    fn too_many_days_fall_back_to_months() {
        let all: Vec<Event> = (1..=28)
            .flat_map(|d| {
                [
                    event(&format!("2025-03-{d:02}")),
                    event(&format!("2025-04-{d:02}")),
                ]
            })
            .collect();
        let mut all = all;
        all.sort_by_key(|e| e.date);
        let refs: Vec<&Event> = all.iter().collect();
        let (level, found) = rows(&refs, 10);
        assert_eq!(level, Level::Month);
        assert_eq!(found.len(), 2);
        assert_eq!(found.iter().map(Vec::len).sum::<usize>(), 56);
    }
}
