//! What is listed under each actor, topic, place and seed.

use std::collections::{BTreeMap, BTreeSet};

use super::Site;
use crate::slug::slugify;

/// What [`Site::lists`] gathers.
#[derive(Default)]
pub(super) struct Lists {
    pub(super) actor_briefings: BTreeMap<String, Vec<usize>>,
    pub(super) actor_quotes: BTreeMap<String, Vec<QuoteRef>>,
    pub(super) actor_events: BTreeMap<String, Vec<usize>>,
    pub(super) topics: BTreeMap<String, Term>,
    pub(super) places: BTreeMap<String, Term>,
    pub(super) seed_briefings: BTreeMap<String, Vec<usize>>,
}

/// A topic or place, gathered from the briefings that carry it.
#[derive(Debug, Clone)]
pub struct Term {
    pub slug: String,
    pub label: String,
    /// Indices into `Site::briefings`, newest first.
    pub briefings: Vec<usize>,
}

/// A quote, located by its briefing.
#[derive(Debug, Clone, Copy)]
pub struct QuoteRef {
    pub briefing: usize,
    pub quote: usize,
}

impl Site {
    /// The briefings, quotes and events listed under each actor, topic, place and seed.
    pub(super) fn lists(&self) -> Lists {
        let mut lists = Lists::default();
        for (i, b) in self.briefings.iter().enumerate() {
            for actor in b.named_actors() {
                lists
                    .actor_briefings
                    .entry(actor.to_string())
                    .or_default()
                    .push(i);
            }
            for (q, quote) in b.quotes.iter().enumerate() {
                let entry = lists.actor_quotes.entry(quote.actor.clone()).or_default();
                entry.push(QuoteRef {
                    briefing: i,
                    quote: q,
                });
            }
            add_terms(&mut lists.topics, &b.topics, i);
            add_terms(&mut lists.places, &b.places, i);
            let seeds: BTreeSet<&str> =
                b.sources.iter().filter_map(|s| s.seed.as_deref()).collect();
            for seed in seeds {
                lists
                    .seed_briefings
                    .entry(seed.to_string())
                    .or_default()
                    .push(i);
            }
        }
        for (i, e) in self.events.iter().enumerate() {
            let actors: BTreeSet<&String> = e.actors.iter().collect();
            for actor in actors {
                lists.actor_events.entry(actor.clone()).or_default().push(i);
            }
        }
        for list in lists.actor_briefings.values_mut() {
            list.dedup();
        }
        lists
    }
}

fn add_terms(terms: &mut BTreeMap<String, Term>, labels: &[String], briefing: usize) {
    for label in labels {
        let slug = slugify(label);
        let term = terms.entry(slug.clone()).or_insert_with(|| Term {
            slug,
            label: label.clone(),
            briefings: Vec::new(),
        });
        if term.briefings.last() != Some(&briefing) {
            term.briefings.push(briefing);
        }
    }
}
