//! The search index, built at build time for the dependency-free `search.js`.
//!
//! Terms are normalised like slugs (lowercase, umlauts spelt out, accents dropped), so
//! "Gespräche" and "Gespraeche" are one term. Briefings and events are indexed under the
//! names *and aliases* of their actors, so "Zelensky" finds what names Selenskyj.
//! The index is split so the browser downloads little up front: `search/index.js` (the
//! manifest: which shards exist), then only the shards of the typed words
//! (`search/t/<first two letters>.js`) and the chunks of the documents it shows
//! (`search/d/<n>.js`). Files are scripts calling `dossierSearch.*`, so search also
//! works from `file://`, where browsers refuse `fetch`.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use super::{Lazy, Prepared};
use crate::content::Actor;
use crate::date::PartialDate;
use crate::error::Result;
use crate::output::Staging;
use crate::render::view::url;

pub use super::terms::{Postings, Shard, normalise};

/// The built-in client, written unless the site's `static/` has its own `search.js`.
pub const DEFAULT_SCRIPT: &str = include_str!("../../static/search.js");
/// Documents per metadata chunk.
pub const CHUNK: usize = 200;
/// Shortest term indexed and searched: one letter would match half the index.
pub const MIN_TERM: usize = 2;
/// The most documents listed for one term unless `site.yaml` sets `search_cap`: ten
/// pages of results, about 5 kB, where the commonest words of a 100,000-briefing
/// archive list hundreds of thousands.
pub const CAP: usize = 500;

/// How much a match in each field counts.
mod weight {
    pub const TITLE: u32 = 10;
    pub const NAME: u32 = 10;
    pub const ACTOR: u32 = 5;
    pub const TERM: u32 = 4;
    pub const SUMMARY: u32 = 2;
}

/// One search result's metadata, with short keys because there are many.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Doc<'a> {
    /// Kind: `b` briefing, `a` actor, `e` event.
    pub k: &'static str,
    /// Title.
    pub t: &'a str,
    /// Site-relative URL.
    pub u: Cow<'a, str>,
    /// Date as written on pages, and as ISO (YYYY, YYYY-MM, YYYY-MM-DD).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub d: Option<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub i: Option<PartialDate>,
    /// Summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub s: Option<&'a str>,
    /// Language of the title and summary, when it is not the site's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub l: Option<&'static str>,
    /// Actors named: (name, document id of the actor), to show the ones that matched.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub a: Vec<(&'a str, u32)>,
}

/// What the browser loads first: which shards exist, and where each kind's ids start.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Manifest<'a> {
    pub v: u32,
    pub docs: usize,
    pub chunk: usize,
    /// The actors' id range `[first, count]`, as `{"a": [0, n]}`.
    pub kinds: BTreeMap<&'static str, [usize; 2]>,
    pub shards: Vec<&'a str>,
}

/// The site's documents, by id: actors, then briefings and events together, newest
/// first (one date's briefings before its events). A search ranks equal scores by the
/// lower id: an actor's own page before what names it, then the newest; and a capped
/// term keeps its newest documents of either kind (see `terms::keep_best`).
struct Docs<'a> {
    p: &'a Prepared<'a>,
    actors: Vec<(&'a String, &'a Actor)>,
    actor_ids: HashMap<&'a str, u32>,
    /// The briefings and events, from id `actors.len()` on.
    dated: Vec<Which>,
}

impl<'a> Docs<'a> {
    fn new(p: &'a Prepared<'a>) -> Self {
        let actors: Vec<_> = p.site.actors.iter().collect();
        let actor_ids = actors
            .iter()
            .enumerate()
            .map(|(k, (slug, _))| (slug.as_str(), k as u32))
            .collect();
        Docs {
            p,
            actors,
            actor_ids,
            dated: newest_first(p.site),
        }
    }

    fn len(&self) -> usize {
        self.actors.len() + self.dated.len()
    }

    /// The id range of the actors (the client shows which actors a query matched).
    fn kinds(&self) -> BTreeMap<&'static str, [usize; 2]> {
        BTreeMap::from([("a", [0, self.actors.len()])])
    }

    /// What a document is: a briefing, an actor or an event, by index.
    fn which(&self, id: usize) -> Which {
        match id.checked_sub(self.actors.len()) {
            None => Which::Actor(id),
            Some(i) => self.dated[i],
        }
    }

    /// The actors named, each with its document id.
    fn named(&self, slugs: impl Iterator<Item = &'a str>) -> Vec<(&'a str, u32)> {
        slugs
            .filter_map(|slug| {
                let actor = self.p.site.actors.get(slug)?;
                Some((actor.front.name.as_str(), self.actor_ids[slug]))
            })
            .collect()
    }

    fn doc(&self, id: usize) -> Doc<'a> {
        let (p, site) = (self.p, self.p.site);
        let lang = p.lang();
        match self.which(id) {
            Which::Briefing(i) => {
                let b = &site.briefings[i];
                Doc {
                    k: "b",
                    t: &b.title,
                    u: url::briefing(&b.slug).into(),
                    d: Some(p.date(&b.date)),
                    i: Some(b.date),
                    s: b.summary.as_deref(),
                    l: (b.lang != lang).then(|| b.lang.code()),
                    a: self.named(b.named_actors()),
                }
            }
            Which::Actor(k) => {
                let (slug, actor) = self.actors[k];
                Doc {
                    k: "a",
                    t: &actor.front.name,
                    u: url::actor(slug).into(),
                    d: None,
                    i: None,
                    s: actor.front.role.as_deref(),
                    l: None,
                    a: Vec::new(),
                }
            }
            Which::Event(i) => {
                let e = &site.events[i];
                Doc {
                    k: "e",
                    t: &e.title,
                    u: Cow::Borrowed(&p.event_paths[i]),
                    d: Some(p.date(&e.date)),
                    i: Some(e.date),
                    s: e.summary.as_deref(),
                    l: None,
                    a: self.named(e.actors.iter().map(String::as_str)),
                }
            }
        }
    }

    /// The inverted index of every document, found by the (text, weight) fields below.
    /// An actor is found by its name and every alias, wherever it is named.
    fn postings(&self) -> Postings {
        let site = self.p.site;
        let mut postings = Postings::default();
        let actor_terms: HashMap<&str, Vec<u32>> = self
            .actors
            .iter()
            .map(|(slug, actor)| {
                let f = &actor.front;
                let mut ids = postings.terms(&f.name);
                for alias in &f.aliases {
                    ids.extend(postings.terms(alias));
                }
                (slug.as_str(), ids)
            })
            .collect();
        let named = |postings: &mut Postings, slugs: &mut dyn Iterator<Item = &str>| {
            for slug in slugs {
                if let Some(ids) = actor_terms.get(slug) {
                    postings.add_ids(ids, weight::ACTOR);
                }
            }
        };
        for id in 0..self.len() {
            match self.which(id) {
                Which::Briefing(i) => {
                    let b = &site.briefings[i];
                    named(&mut postings, &mut b.named_actors());
                    postings.add(&b.title, weight::TITLE);
                    if let Some(summary) = &b.summary {
                        postings.add(summary, weight::SUMMARY);
                    }
                    for term in b.topics.iter().chain(&b.places) {
                        postings.add(term, weight::TERM);
                    }
                }
                Which::Actor(k) => {
                    let (slug, actor) = self.actors[k];
                    let ids = &actor_terms[slug.as_str()];
                    postings.add_ids(ids, weight::NAME);
                    if let Some(role) = &actor.front.role {
                        postings.add(role, weight::SUMMARY);
                    }
                }
                Which::Event(i) => {
                    let e = &site.events[i];
                    named(&mut postings, &mut e.actors.iter().map(String::as_str));
                    postings.add(&e.title, weight::TITLE);
                    if let Some(summary) = &e.summary {
                        postings.add(summary, weight::SUMMARY);
                    }
                    if let Some(place) = &e.place {
                        postings.add(place, weight::TERM);
                    }
                }
            }
            postings.end_doc(id as u32);
        }
        postings
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    Briefing(usize),
    Actor(usize),
    Event(usize),
}

/// The briefings (newest first) and events (in date order) merged, newest first; on
/// one date the briefings first and the events in the order written.
fn newest_first(site: &crate::site::Site) -> Vec<Which> {
    let (briefings, events) = (&site.briefings, &site.events);
    // A stable sort: one date's events stay in the order written.
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by(|&x, &y| events[y].date.cmp(&events[x].date));
    let mut order = order.into_iter().peekable();
    let mut dated = Vec::with_capacity(briefings.len() + events.len());
    for (b, briefing) in briefings.iter().enumerate() {
        while let Some(e) = order.next_if(|&e| events[e].date > briefing.date) {
            dated.push(Which::Event(e));
        }
        dated.push(Which::Briefing(b));
    }
    dated.extend(order.map(Which::Event));
    dated
}

/// Files written and bytes, for the build report.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sizes {
    pub files: usize,
    pub first_load: u64,
    pub total: u64,
}

/// JSON without spaces. (These values hold only string-keyed maps, so it cannot fail.)
fn compact<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Writes the client script (unless the site has its own) and the index files: the
/// shards and the document chunks side by side.
pub fn write(p: &Prepared<'_>, staging: &Staging) -> Result<Sizes> {
    let docs = Docs::new(p);
    let mut sizes = Sizes::default();
    let custom = p.config.static_dir().join("search.js");
    let script_len = match std::fs::metadata(&custom) {
        Ok(meta) if meta.is_file() => meta.len(),
        _ => {
            staging.write("search.js", DEFAULT_SCRIPT.as_bytes())?;
            sizes.files += 1;
            DEFAULT_SCRIPT.len() as u64
        }
    };
    let (shards, chunks) = rayon::join(
        || {
            let shards = docs.postings().shards(p.config.site.search_cap);
            let written = shards.par_iter().map(|shard| {
                // Capped terms, if any, as a third argument, so shards without any stay
                // as they were.
                let capped = match shard.capped.is_empty() {
                    true => String::new(),
                    false => format!(",{}", compact(&shard.capped)),
                };
                let text = format!(
                    "dossierSearch.shard({},{}{capped});\n",
                    compact(&shard.key),
                    compact(shard)
                );
                staging.write(&format!("search/t/{}.js", shard.key), text.as_bytes())?;
                Ok(text.len() as u64)
            });
            let bytes = written.collect::<Result<Vec<u64>>>()?;
            Ok((shards.into_iter().map(|s| s.key).collect::<Vec<_>>(), bytes))
        },
        || {
            let total = docs.len();
            let chunks = (0..total.div_ceil(CHUNK)).into_par_iter().map(|n| {
                let ids = n * CHUNK..((n + 1) * CHUNK).min(total);
                let chunk = Lazy(|| ids.clone().map(|id| docs.doc(id)));
                let text = format!("dossierSearch.docs({n},{});\n", compact(&chunk));
                staging.write(&format!("search/d/{n}.js"), text.as_bytes())?;
                Ok(text.len() as u64)
            });
            chunks.collect::<Result<Vec<u64>>>()
        },
    );
    let (keys, shard_bytes): (Vec<String>, Vec<u64>) = shards?;
    let chunk_bytes = chunks?;
    let manifest = Manifest {
        v: 1,
        docs: docs.len(),
        chunk: CHUNK,
        kinds: docs.kinds(),
        shards: keys.iter().map(String::as_str).collect(),
    };
    let manifest = format!("dossierSearch.init({});\n", compact(&manifest));
    staging.write("search/index.js", manifest.as_bytes())?;
    let manifest_len = manifest.len() as u64;
    sizes.files += 1 + shard_bytes.len() + chunk_bytes.len();
    sizes.total = manifest_len + shard_bytes.iter().sum::<u64>() + chunk_bytes.iter().sum::<u64>();
    sizes.first_load = script_len + manifest_len;
    Ok(sizes)
}

#[cfg(test)]
mod tests;
