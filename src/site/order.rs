//! Putting briefings and events in order cheaply: they are large, so they are sorted
//! through small keys and moved once.

use std::path::Path;

use crate::content::{Briefing, Event};
use crate::date::PartialDate;

/// Newest first, then by slug.
pub(super) fn order_briefings(briefings: Vec<Briefing>) -> Vec<Briefing> {
    // The date reversed in the key.
    let order = sorted_order(
        briefings
            .iter()
            .map(|b| (std::cmp::Reverse(b.date), b.slug.as_str()))
            .collect(),
    );
    permute(briefings, order)
}

/// In date order; events of the same date in the order in which they are written: by
/// file (ranked once, not compared path by path in the sort), then position, then id.
pub(super) fn order_events(events: Vec<Event>) -> Vec<Event> {
    let ranks = file_ranks(&events);
    let mut keys: Vec<EventKey> = events
        .iter()
        .zip(ranks)
        .zip(0..)
        .map(|((e, rank), index)| EventKey {
            date: date_key(&e.date),
            rank,
            position: e.position,
            index,
        })
        .collect();
    // The index decides last, so the unstable sort (in place: no scratch memory) keeps
    // the events of equal keys in their order; the id is looked up only on a full tie.
    keys.sort_unstable_by(|a, b| {
        (a.date, a.rank, a.position)
            .cmp(&(b.date, b.rank, b.position))
            .then_with(|| events[a.index].id.cmp(&events[b.index].id))
            .then(a.index.cmp(&b.index))
    });
    let order = keys.into_iter().map(|k| k.index).collect();
    permute(events, order)
}

/// What events are sorted by, small and side by side.
struct EventKey {
    date: u128,
    rank: usize,
    position: Option<(usize, usize)>,
    index: usize,
}

/// A number in the order of the date (year, then month, then day; an unknown month or
/// day first).
fn date_key(date: &PartialDate) -> u128 {
    let year = (date.year as u32 ^ 0x8000_0000) as u128;
    let month = date.month.unwrap_or(0) as u128;
    let day = date.day.unwrap_or(0) as u128;
    (year << 64) | (month << 32) | day
}

/// The positions of `keys` in stable ascending order. The keys are small and lie side
/// by side: sorting briefings or events themselves, or indices into them, compares
/// values scattered over hundreds of megabytes (a 100,000-briefing archive spent
/// 0.5 s in the event sort, most of it waiting for memory and comparing paths).
fn sorted_order<K: Ord>(keys: Vec<K>) -> Vec<usize> {
    let mut keyed: Vec<(K, usize)> = keys.into_iter().zip(0..).collect();
    // With the position last the keys are unique: the unstable sort, which needs no
    // scratch memory, gives the stable order.
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// `items` in the order `order` gives (a permutation of their positions: item
/// `order[k]` goes to position `k`), rearranged in place by following the cycles of the
/// permutation: briefings and events are large, and a second list of them (grown as
/// it filled) cost a 100,000-briefing archive 0.4 s in copying and fresh memory.
fn permute<T>(mut items: Vec<T>, order: Vec<usize>) -> Vec<T> {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut k = start;
        while !placed[k] {
            placed[k] = true;
            let from = order[k];
            if from == start {
                break;
            }
            items.swap(k, from);
            k = from;
        }
    }
    items
}

/// Per event, the rank of its file among the events' files in path order: equal
/// ranks for equal paths. Events are loaded file by file, so the files come in runs,
/// and the runs of a sorted folder listing are sorted already.
fn file_ranks(events: &[Event]) -> Vec<usize> {
    let mut runs: Vec<&Path> = Vec::new();
    let mut run_of_event = Vec::with_capacity(events.len());
    for event in events {
        if runs.last() != Some(&event.file.as_path()) {
            runs.push(&event.file);
        }
        run_of_event.push(runs.len() - 1);
    }
    // The merge sort finds the sorted stretches (the standalone events' files, the
    // briefings' files) and merges them: few path comparisons, which are slow.
    let mut order: Vec<(&Path, usize)> = runs.iter().copied().zip(0..).collect();
    order.sort_by(|a, b| a.0.cmp(b.0));
    let mut rank_of_run = vec![0; runs.len()];
    let mut rank = 0;
    for (n, &(path, run)) in order.iter().enumerate() {
        if n > 0 && path != order[n - 1].0 {
            rank += 1;
        }
        rank_of_run[run] = rank;
    }
    run_of_event
        .into_iter()
        .map(|run| rank_of_run[run])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_and_moves_items_where_the_order_says() {
        let keys = vec![3, 1, 2, 1, 3, 0];
        let order = sorted_order(keys.clone());
        assert_eq!(order, vec![5, 1, 3, 2, 0, 4]);
        let items: Vec<String> = (0..6).map(|i| format!("item {i}")).collect();
        let moved = permute(items.clone(), order.clone());
        let expected: Vec<String> = order.iter().map(|&i| items[i].clone()).collect();
        assert_eq!(moved, expected);
    }

    #[test]
    fn date_keys_sort_as_the_dates_do() {
        let dates: Vec<PartialDate> = ["2022", "2022-03", "2022-03-29", "2021-12-31", "0999"]
            .iter()
            .map(|d| PartialDate::parse(d).expect("a date"))
            .chain([PartialDate {
                year: -44,
                month: Some(3),
                day: Some(15),
            }])
            .collect();
        for a in &dates {
            for b in &dates {
                assert_eq!(date_key(a).cmp(&date_key(b)), a.cmp(b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn permutes_every_cycle_of_a_larger_permutation() {
        // Stride 7 through 100 positions: one long cycle; then a reversal: many short ones.
        for order in [
            (0..100).map(|k| (k * 7) % 100).collect::<Vec<usize>>(),
            (0..100).rev().collect(),
        ] {
            let items: Vec<usize> = (0..100).map(|i| i * 10).collect();
            let moved = permute(items, order.clone());
            assert_eq!(moved, order.iter().map(|i| i * 10).collect::<Vec<_>>());
        }
    }
}
