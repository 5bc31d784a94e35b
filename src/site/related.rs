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
            let mut touched = Vec::new();
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
            let rank = |b: usize, count: u32| (std::cmp::Reverse(count), b.abs_diff(i), b);
            let mut best: Vec<(std::cmp::Reverse<u32>, usize, usize)> =
                Vec::with_capacity(limit + 1);
            for b in touched {
                let candidate = rank(b, shared[b]);
                shared[b] = 0;
                if best.len() == limit && best.last().is_some_and(|worst| candidate >= *worst) {
                    continue;
                }
                let at = best.partition_point(|x| *x < candidate);
                best.insert(at, candidate);
                best.truncate(limit);
            }
            best.into_iter().map(|(_, _, b)| b).collect()
        })
    }
}
