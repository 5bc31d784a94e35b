//! What is listed under each actor, topic, place and seed.

use std::collections::BTreeMap;

use super::Site;
use crate::quick_hash::QuickMap;
use crate::slug::slugify;

/// Something for each actor, topic, place or seed, by its name or slug.
type ByName<T> = BTreeMap<String, T>;

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
    /// Gathered in hash maps keyed by borrowed names, then sorted once into the maps the
    /// site keeps: a sorted map grown entry by entry, with a copied key per lookup,
    /// cost a 100,000-briefing archive most of a second.
    pub(super) fn lists(&self) -> Lists {
        // Three independent parts, for the threads that are free.
        let ((actor_briefings, actor_quotes), ((topics, places, seed_briefings), actor_events)) =
            rayon::join(
                || self.actor_lists(),
                || rayon::join(|| self.term_lists(), || self.actor_event_lists()),
            );
        Lists {
            actor_briefings,
            actor_quotes,
            actor_events,
            topics,
            places,
            seed_briefings,
        }
    }

    /// The briefings that name each actor, and the quotes of each actor.
    fn actor_lists(&self) -> (ByName<Vec<usize>>, ByName<Vec<QuoteRef>>) {
        let mut actor_briefings: QuickMap<&str, Vec<usize>> = QuickMap::default();
        let mut actor_quotes: QuickMap<&str, Vec<QuoteRef>> = QuickMap::default();
        for (i, b) in self.briefings.iter().enumerate() {
            for actor in b.named_actors() {
                actor_briefings.entry(actor).or_default().push(i);
            }
            for (q, quote) in b.quotes.iter().enumerate() {
                let entry = actor_quotes.entry(&quote.actor).or_default();
                entry.push(QuoteRef {
                    briefing: i,
                    quote: q,
                });
            }
        }
        for list in actor_briefings.values_mut() {
            list.dedup();
        }
        (sorted(actor_briefings), sorted(actor_quotes))
    }

    /// The briefings under each topic, place and seed.
    fn term_lists(&self) -> (ByName<Term>, ByName<Term>, ByName<Vec<usize>>) {
        let mut topics = Terms::default();
        let mut places = Terms::default();
        let mut seed_briefings: QuickMap<&str, Vec<usize>> = QuickMap::default();
        let mut seeds: Vec<&str> = Vec::new();
        for (i, b) in self.briefings.iter().enumerate() {
            topics.add(&b.topics, i);
            places.add(&b.places, i);
            seeds.clear();
            seeds.extend(b.sources.iter().filter_map(|s| s.seed.as_deref()));
            seeds.sort_unstable();
            seeds.dedup();
            for seed in &seeds {
                seed_briefings.entry(seed).or_default().push(i);
            }
        }
        (topics.sorted(), places.sorted(), sorted(seed_briefings))
    }

    /// The events of each actor.
    fn actor_event_lists(&self) -> BTreeMap<String, Vec<usize>> {
        let mut actor_events: QuickMap<&str, Vec<usize>> = QuickMap::default();
        let mut actors: Vec<&str> = Vec::new();
        for (i, e) in self.events.iter().enumerate() {
            actors.clear();
            actors.extend(e.actors.iter().map(String::as_str));
            actors.sort_unstable();
            actors.dedup();
            for actor in &actors {
                actor_events.entry(actor).or_default().push(i);
            }
        }
        sorted(actor_events)
    }
}

/// The entries of `map` in a sorted map with owned keys.
fn sorted<V>(map: QuickMap<&str, V>) -> BTreeMap<String, V> {
    map.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// Topics or places as they are gathered: each label is slugged once, and a term keeps
/// the first label seen for its slug.
#[derive(Default)]
struct Terms<'a> {
    terms: Vec<Term>,
    by_slug: QuickMap<String, usize>,
    by_label: QuickMap<&'a str, usize>,
}

impl<'a> Terms<'a> {
    fn add(&mut self, labels: &'a [String], briefing: usize) {
        for label in labels {
            let n = match self.by_label.get(label.as_str()) {
                Some(&n) => n,
                None => {
                    let slug = slugify(label);
                    let n = match self.by_slug.get(&slug) {
                        Some(&n) => n,
                        None => {
                            self.terms.push(Term {
                                slug: slug.clone(),
                                label: label.clone(),
                                briefings: Vec::new(),
                            });
                            self.by_slug.insert(slug, self.terms.len() - 1);
                            self.terms.len() - 1
                        }
                    };
                    self.by_label.insert(label, n);
                    n
                }
            };
            let term = &mut self.terms[n];
            if term.briefings.last() != Some(&briefing) {
                term.briefings.push(briefing);
            }
        }
    }

    fn sorted(self) -> BTreeMap<String, Term> {
        self.terms
            .into_iter()
            .map(|term| (term.slug.clone(), term))
            .collect()
    }
}
