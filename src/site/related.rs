//! Related briefings: the few others that share the most actors with a briefing.

use std::cell::RefCell;

use super::Site;

/// How many briefings on either side of a briefing in an actor's list are considered
/// for its related briefings. Busy actors are named in thousands of briefings; looking at
/// all of them would make related briefings cost time quadratic in the archive's size,
/// and a briefing from years away is rarely the related one.
pub const RELATED_WINDOW: usize = 100;
/// How many related briefings a briefing page shows.
pub const RELATED_SHOWN: usize = 5;

impl Site {
    /// Up to `limit` other briefings sharing the most actors with briefing `i`, among
    /// the [`RELATED_WINDOW`] briefings on either side of it in each actor's list;
    /// among equals the one closest in time, then the newer.
    pub fn related(&self, i: usize, limit: usize) -> Vec<usize> {
        thread_local! {
            // Shared actors per briefing, all zero between calls: counting in an array
            // beats sorting the actors' lists.
            static SHARED: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
        }
        SHARED.with(|shared| {
            let mut shared = shared.borrow_mut();
            if shared.len() < self.briefings.len() {
                shared.resize(self.briefings.len(), 0);
            }
            let mut touched = Vec::with_capacity(4 * RELATED_WINDOW);
            for actor in &self.briefings[i].actors {
                let Some(list) = self.actor_briefings.get(actor) else {
                    continue;
                };
                // Lists run newest first, like indices: `i`'s place in it is a search.
                let at = list.partition_point(|&b| b < i);
                let from = at.saturating_sub(RELATED_WINDOW);
                let to = (at + RELATED_WINDOW + 1).min(list.len());
                for &other in &list[from..to] {
                    if other != i {
                        if shared[other] == 0 {
                            touched.push(other);
                        }
                        shared[other] += 1;
                    }
                }
            }
            let best = best_by_count(&touched, &shared, i, limit);
            for &b in &touched {
                shared[b] = 0;
            }
            best
        })
    }
}

/// The `limit` best of `touched`: most shared actors first, then closest to `i`, then
/// the newer (lower index). Counts are small (at most the briefing's actors), so the
/// candidates are taken count by count, and only the last group is partly sorted:
/// most candidates share one actor and are never ordered.
fn best_by_count(touched: &[usize], shared: &[u32], i: usize, limit: usize) -> Vec<usize> {
    let max = touched.iter().map(|&b| shared[b]).max().unwrap_or(0);
    let mut picked: Vec<(usize, usize)> = Vec::with_capacity(limit);
    for count in (1..=max).rev() {
        if picked.len() >= limit {
            break;
        }
        let start = picked.len();
        let group = touched
            .iter()
            .filter(|&&b| shared[b] == count)
            .map(|&b| (b.abs_diff(i), b));
        let mut group: Vec<(usize, usize)> = group.collect();
        let need = limit - start;
        if group.len() > need {
            group.select_nth_unstable(need - 1);
            group.truncate(need);
        }
        group.sort_unstable();
        picked.extend(group);
    }
    picked.into_iter().map(|(_, b)| b).collect()
}

#[cfg(test)]
mod tests {
    use super::best_by_count;

    proptest::proptest! {
        /// Taking candidates count by count picks what one full sort by rank picks.
        #[test]
        fn best_by_count_agrees_with_a_full_sort(
            counts in proptest::collection::vec(0u32..7, 1..300),
            i in 0usize..300,
            limit in 0usize..12,
        ) {
            let touched: Vec<usize> = (0..counts.len()).filter(|&b| counts[b] > 0).collect();
            let mut ranked: Vec<(std::cmp::Reverse<u32>, usize, usize)> = touched
                .iter()
                .map(|&b| (std::cmp::Reverse(counts[b]), b.abs_diff(i), b))
                .collect();
            ranked.sort();
            let expected: Vec<usize> = ranked.into_iter().take(limit).map(|(_, _, b)| b).collect();
            proptest::prop_assert_eq!(best_by_count(&touched, &counts, i, limit), expected);
        }
    }
}
