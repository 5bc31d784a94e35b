//! The choices of the timeline page's filters (actor, kind, year): only values that
//! occur, so no choice leads to an empty list. The filtering itself is `timeline.js`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::render::view::Views;

/// One `<option>`.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct FilterOptions {
    /// Actors by name.
    pub actors: Vec<Choice>,
    /// Kinds by their label in the page's language.
    pub kinds: Vec<Choice>,
    /// Years, oldest first.
    pub years: Vec<Choice>,
}

/// The filter choices for `events` (site event indices).
pub fn options(views: &Views<'_>, events: &[usize]) -> FilterOptions {
    let site = views.site;
    let mut actors = BTreeMap::new();
    let mut kinds = BTreeMap::new();
    let mut years = BTreeMap::new();
    for &i in events {
        let e = &site.events[i];
        for slug in &e.actors {
            let name = site
                .actors
                .get(slug)
                .map_or_else(|| slug.clone(), |a| a.front.name.clone());
            actors.insert(slug.clone(), name);
        }
        if let Some(kind) = &e.kind {
            let label = views.lang.label(kind).unwrap_or(kind).to_string();
            kinds.insert(kind.clone(), label);
        }
        years.insert(e.date.year, e.date.year.to_string());
    }
    let by_label = |map: BTreeMap<String, String>| {
        let mut list: Vec<Choice> = map
            .into_iter()
            .map(|(value, label)| Choice { value, label })
            .collect();
        list.sort_by(|a, b| {
            (a.label.to_lowercase(), &a.value).cmp(&(b.label.to_lowercase(), &b.value))
        });
        list
    };
    FilterOptions {
        actors: by_label(actors),
        kinds: by_label(kinds),
        years: years
            .into_values()
            .map(|y| Choice {
                value: y.clone(),
                label: y,
            })
            .collect(),
    }
}
