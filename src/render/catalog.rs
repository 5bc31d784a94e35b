//! Pre-built template values: every briefing card, event and quote is turned into a
//! Tera value once per language and then shared by all pages that list it. Tera's
//! arrays and maps are reference-counted, so listing an item costs a pointer copy.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rayon::prelude::*;
use tera::Value;

use crate::i18n::Lang;
use crate::site::{QuoteRef, Site};

use super::view::Views;

/// The shared values of one language.
pub struct Catalog {
    pub strings: Value,
    cards: Vec<Value>,
    events: Vec<Value>,
    /// Per briefing, its quotes.
    quotes: Vec<Vec<Value>>,
}

fn value<T: serde::Serialize>(item: &T) -> Value {
    // Our view structs are plain strings, numbers and lists: serialising cannot fail.
    Value::try_from_serializable(item).unwrap_or_else(|_| Value::from(()))
}

impl Catalog {
    fn build(site: &Site, lang: Lang) -> Catalog {
        let views = Views::new(site, lang);
        let cards = site
            .briefings
            .par_iter()
            .map(|b| value(&views.briefing_card(b)))
            .collect();
        let events = (0..site.events.len())
            .into_par_iter()
            .map(|i| value(&views.event(i)))
            .collect();
        let quotes = (0..site.briefings.len())
            .into_par_iter()
            .map(|b| {
                (0..site.briefings[b].quotes.len())
                    .map(|q| {
                        value(&views.quote(QuoteRef {
                            briefing: b,
                            quote: q,
                        }))
                    })
                    .collect()
            })
            .collect();
        Catalog {
            strings: value(&lang.strings()),
            cards,
            events,
            quotes,
        }
    }

    /// Briefing cards, in the order given.
    pub fn cards(&self, briefings: &[usize]) -> Value {
        Value::from(
            briefings
                .iter()
                .map(|&i| self.cards[i].clone())
                .collect::<Vec<_>>(),
        )
    }

    pub fn events(&self, events: impl IntoIterator<Item = usize>) -> Value {
        Value::from(
            events
                .into_iter()
                .map(|i| self.events[i].clone())
                .collect::<Vec<_>>(),
        )
    }

    pub fn quotes(&self, quotes: impl IntoIterator<Item = QuoteRef>) -> Value {
        Value::from(
            quotes
                .into_iter()
                .map(|r| self.quotes[r.briefing][r.quote].clone())
                .collect::<Vec<_>>(),
        )
    }
}

/// A group of items under a heading: `{label, id, items}`.
pub fn group(label: String, id: String, items: Value) -> Value {
    let mut map: BTreeMap<&'static str, Value> = BTreeMap::new();
    map.insert("label", Value::from(label));
    map.insert("id", Value::from(id));
    map.insert("items", items);
    Value::from(map)
}

/// Catalogs built on first use, one per language that pages need.
#[derive(Default)]
pub struct Catalogs {
    de: OnceLock<Catalog>,
    en: OnceLock<Catalog>,
}

impl Catalogs {
    pub fn get(&self, site: &Site, lang: Lang) -> &Catalog {
        let cell = match lang {
            Lang::De => &self.de,
            Lang::En => &self.en,
        };
        cell.get_or_init(|| Catalog::build(site, lang))
    }
}
