//! Pre-built template values. Briefing cards, listed on many pages, are turned into
//! Tera values and rendered to HTML once per language and folder depth
//! (`partials/briefing_card.html`); Tera's maps are reference-counted, so listing a
//! card costs a pointer copy. Events and quotes are built for each page that shows
//! them instead: each is listed on a few pages only, and keeping all of them as Tera
//! maps took most of the build's memory (~170 MiB at 10,000 briefings, 2 GB at
//! 100,000). Only what is costly to make again is kept: event descriptions, which are
//! Markdown.

mod patch;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::i18n::Lang;
use crate::site::{QuoteRef, Site};

use super::shared_values::value;
use super::view::Views;

/// Folder depths pages live at: 0 (index.html) and 1 (briefings/x.html). Of the pages
/// at depth 0 only the home page lists briefings, the latest few (`home_briefings`):
/// only those get a card at depth 0.
const DEPTHS: usize = 2;

/// The shared values of one language.
pub struct Catalog {
    pub strings: Value,
    /// Per folder depth, the card of each briefing (at depth 0, of the latest ones)
    /// with its rendered `html`.
    cards: [Vec<Value>; DEPTHS],
    /// Per event, its description rendered from Markdown (standalone events only).
    descriptions: Vec<Option<String>>,
}

#[derive(Serialize)]
struct FragmentPage {
    root: String,
    lang: Lang,
}

impl Catalog {
    fn build(site: &Site, lang: Lang, tera: &Tera, home: usize) -> Result<Catalog, tera::Error> {
        let views = Views::new(site, lang);
        let strings = value(&lang.strings());
        let data: Vec<Value> = site
            .briefings
            .par_iter()
            .map(|b| value(&views.briefing_card(b)))
            .collect();
        let mut cards: [Vec<Value>; DEPTHS] = Default::default();
        for (depth, slot) in cards.iter_mut().enumerate() {
            let page = value(&FragmentPage {
                root: "../".repeat(depth),
                lang,
            });
            let listed = if depth == 0 {
                home.min(data.len())
            } else {
                data.len()
            };
            *slot = data[..listed]
                .par_iter()
                .map(|card| with_html(card, tera, &page, &strings))
                .collect::<Result<_, _>>()?;
        }
        let descriptions = (0..site.events.len())
            .into_par_iter()
            .map(|i| views.event_description(i))
            .collect();
        Ok(Catalog {
            strings,
            cards,
            descriptions,
        })
    }

    /// Briefing cards for a page at folder `depth`, in the order given.
    pub fn cards(&self, depth: usize, briefings: &[usize]) -> Value {
        let cards = &self.cards[depth.min(DEPTHS - 1)];
        debug_assert!(briefings.iter().all(|&i| i < cards.len()), "no card made");
        Value::from(
            briefings
                .iter()
                .filter_map(|&i| cards.get(i).cloned())
                .collect::<Vec<_>>(),
        )
    }

    /// The events at `events` (indices into the site's events), as `views` shows them.
    pub fn events(&self, views: &Views<'_>, events: impl IntoIterator<Item = usize>) -> Value {
        Value::from(
            events
                .into_iter()
                .map(|i| {
                    let description = self.descriptions.get(i).and_then(Option::as_deref);
                    value(&views.event(i, description))
                })
                .collect::<Vec<_>>(),
        )
    }

    pub fn quotes(&self, views: &Views<'_>, quotes: impl IntoIterator<Item = QuoteRef>) -> Value {
        Value::from(
            quotes
                .into_iter()
                .map(|r| value(&views.quote(r)))
                .collect::<Vec<_>>(),
        )
    }
}

/// The card's data plus `html`, the card rendered by `partials/briefing_card.html`.
fn with_html(
    card: &Value,
    tera: &Tera,
    page: &Value,
    strings: &Value,
) -> Result<Value, tera::Error> {
    let mut context = Context::new();
    context.insert_value("b", card.clone());
    context.insert_value("page", page.clone());
    context.insert_value("t", strings.clone());
    let html = tera.render("partials/briefing_card.html", &context)?;
    let mut map: BTreeMap<String, Value> = BTreeMap::new();
    if let Some(fields) = card.as_map() {
        for (key, field) in fields {
            map.insert(key.to_string(), field.clone());
        }
    }
    map.insert("html".into(), Value::safe_string(&html));
    Ok(Value::from(map))
}

/// A group of items under a heading: `{label, id, items}`.
pub fn group(label: String, id: String, items: Value) -> Value {
    let mut map: BTreeMap<&'static str, Value> = BTreeMap::new();
    map.insert("label", Value::from(label));
    map.insert("id", Value::from(id));
    map.insert("items", items);
    Value::from(map)
}

/// The catalogs of every language a page of the site is written in.
pub struct Catalogs {
    site: Catalog,
    site_lang: Lang,
    others: BTreeMap<Lang, Catalog>,
}

impl Catalogs {
    /// `home`: how many of the latest briefings the home page lists.
    pub fn build(
        site: &Site,
        site_lang: Lang,
        tera: &Tera,
        home: usize,
    ) -> Result<Catalogs, tera::Error> {
        let langs: BTreeSet<Lang> = site.briefings.iter().map(|b| b.lang).collect();
        let mut others = BTreeMap::new();
        for lang in langs.into_iter().filter(|l| *l != site_lang) {
            others.insert(lang, Catalog::build(site, lang, tera, home)?);
        }
        Ok(Catalogs {
            site: Catalog::build(site, site_lang, tera, home)?,
            site_lang,
            others,
        })
    }

    /// The catalog of `lang`: the site's language or one of its briefings'.
    pub fn get(&self, lang: Lang) -> &Catalog {
        if lang == self.site_lang {
            return &self.site;
        }
        self.others.get(&lang).unwrap_or(&self.site)
    }
}
