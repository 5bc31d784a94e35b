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

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::config::Config;
use crate::error::Result;
use crate::output::Staging;
use crate::render::view::url;
use crate::site::Site;
use crate::slug::slugify;

/// The built-in client, written unless the site's `static/` has its own `search.js`.
pub const DEFAULT_SCRIPT: &str = include_str!("../../static/search.js");
/// Documents per metadata chunk.
pub const CHUNK: usize = 200;
/// Shortest term indexed and searched: one letter would match half the index.
pub const MIN_TERM: usize = 2;

/// How much a match in each field counts.
mod weight {
    pub const TITLE: u32 = 10;
    pub const NAME: u32 = 10;
    pub const ACTOR: u32 = 5;
    pub const TERM: u32 = 4;
    pub const SUMMARY: u32 = 2;
}

/// The terms of a text: the words of its slug, at least [`MIN_TERM`] long.
/// `search.js` (`normalise`) does the same to the query.
pub fn normalise(text: &str) -> Vec<String> {
    slugify(&compose(text))
        .split('-')
        .filter(|t| t.len() >= MIN_TERM)
        .map(str::to_string)
        .collect()
}

/// Text as `slugify` expects it, whatever the editor saved: a decomposed umlaut (`a`
/// and U+0308, as macOS writes file names) becomes `ä`; other combining accents are
/// dropped rather than splitting the word; `İ` is `I`. `search.js` gets there through
/// the browser's NFC and NFD.
fn compose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let composed = match (out.chars().last(), c) {
            (Some(base), '\u{308}') => "aouAOU".find(base).and_then(|i| "äöüÄÖÜ".chars().nth(i)),
            _ => None,
        };
        if let Some(umlaut) = composed {
            out.pop();
            out.push(umlaut);
        } else if c == 'İ' {
            out.push('I');
        } else if !('\u{300}'..='\u{36f}').contains(&c) {
            out.push(c);
        }
    }
    out
}

/// One search result's metadata, with short keys because there are many.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Doc {
    /// Kind: `b` briefing, `a` actor, `e` event.
    pub k: &'static str,
    /// Title.
    pub t: String,
    /// Site-relative URL.
    pub u: String,
    /// Date as written on pages, and as ISO (YYYY, YYYY-MM, YYYY-MM-DD).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub d: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub i: Option<String>,
    /// Summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub s: Option<String>,
    /// Language of the title and summary, when it is not the site's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub l: Option<&'static str>,
    /// Actors named: (name, document id of the actor), to show the ones that matched.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub a: Vec<(String, u32)>,
}

/// What the browser loads first: which shards exist, and where each kind's ids start.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Manifest {
    pub v: u32,
    pub docs: usize,
    pub chunk: usize,
    /// Document id ranges `[first, count]` per kind.
    pub kinds: BTreeMap<&'static str, [usize; 2]>,
    pub shards: Vec<String>,
}

/// The whole index: postings are `term -> [doc, weight, doc, weight, …]`.
#[derive(Debug, Clone)]
pub struct Index {
    pub manifest: Manifest,
    pub shards: BTreeMap<String, BTreeMap<String, Vec<u32>>>,
    pub docs: Vec<Doc>,
}

/// Builds the index from documents and the (text, weight) fields each is found by.
pub fn build(
    entries: Vec<(Doc, Vec<(String, u32)>)>,
    kinds: BTreeMap<&'static str, [usize; 2]>,
) -> Index {
    let mut terms: BTreeMap<String, BTreeMap<u32, u32>> = BTreeMap::new();
    let mut docs = Vec::with_capacity(entries.len());
    for (id, (doc, fields)) in entries.into_iter().enumerate() {
        for (text, w) in fields {
            for term in normalise(&text) {
                let best = terms.entry(term).or_default().entry(id as u32).or_default();
                *best = (*best).max(w);
            }
        }
        docs.push(doc);
    }
    let mut shards: BTreeMap<String, BTreeMap<String, Vec<u32>>> = BTreeMap::new();
    for (term, postings) in terms {
        let key: String = term.chars().take(MIN_TERM).collect();
        let flat = postings.into_iter().flat_map(|(d, w)| [d, w]).collect();
        shards.entry(key).or_default().insert(term, flat);
    }
    Index {
        manifest: Manifest {
            v: 1,
            docs: docs.len(),
            chunk: CHUNK,
            kinds,
            shards: shards.keys().cloned().collect(),
        },
        shards,
        docs,
    }
}

/// The site's documents: briefings (newest first), then actors, then events.
pub fn site_index(site: &Site, config: &Config) -> Index {
    let lang = config.site.lang;
    let nb = site.briefings.len();
    let actor_ids: HashMap<&str, u32> = site
        .actors
        .keys()
        .enumerate()
        .map(|(k, slug)| (slug.as_str(), (nb + k) as u32))
        .collect();
    // An actor is found by its name and every alias, wherever it is named.
    let actor_fields = |slugs: &mut dyn Iterator<Item = &str>| {
        let mut named = Vec::new();
        let mut fields = Vec::new();
        for slug in slugs {
            let Some(actor) = site.actors.get(slug) else {
                continue;
            };
            named.push((actor.front.name.clone(), actor_ids[slug]));
            fields.push((actor.front.name.clone(), weight::ACTOR));
            fields.extend(
                actor
                    .front
                    .aliases
                    .iter()
                    .map(|a| (a.clone(), weight::ACTOR)),
            );
        }
        (named, fields)
    };
    let mut entries = Vec::new();
    for b in &site.briefings {
        let (named, mut fields) = actor_fields(&mut b.named_actors());
        fields.push((b.title.clone(), weight::TITLE));
        fields.extend(b.summary.iter().map(|s| (s.clone(), weight::SUMMARY)));
        fields.extend(
            b.topics
                .iter()
                .chain(&b.places)
                .map(|t| (t.clone(), weight::TERM)),
        );
        let doc = Doc {
            k: "b",
            t: b.title.clone(),
            u: url::briefing(&b.slug),
            d: Some(b.date.display(lang)),
            i: Some(b.date.to_string()),
            s: b.summary.clone(),
            l: (b.lang != lang).then(|| b.lang.code()),
            a: named,
        };
        entries.push((doc, fields));
    }
    for (slug, actor) in &site.actors {
        let f = &actor.front;
        let mut fields = vec![(f.name.clone(), weight::NAME)];
        fields.extend(f.aliases.iter().map(|a| (a.clone(), weight::NAME)));
        fields.extend(f.role.iter().map(|r| (r.clone(), weight::SUMMARY)));
        let doc = Doc {
            k: "a",
            t: f.name.clone(),
            u: url::actor(slug),
            d: None,
            i: None,
            s: f.role.clone(),
            l: None,
            a: Vec::new(),
        };
        entries.push((doc, fields));
    }
    for (i, e) in site.events.iter().enumerate() {
        let (named, mut fields) = actor_fields(&mut e.actors.iter().map(String::as_str));
        fields.push((e.title.clone(), weight::TITLE));
        fields.extend(e.summary.iter().map(|s| (s.clone(), weight::SUMMARY)));
        fields.extend(e.place.iter().map(|p| (p.clone(), weight::TERM)));
        let doc = Doc {
            k: "e",
            t: e.title.clone(),
            u: super::event_path(site, i),
            d: Some(e.date.display(lang)),
            i: Some(e.date.to_string()),
            s: e.summary.clone(),
            l: None,
            a: named,
        };
        entries.push((doc, fields));
    }
    let na = site.actors.len();
    let kinds = BTreeMap::from([
        ("b", [0, nb]),
        ("a", [nb, na]),
        ("e", [nb + na, site.events.len()]),
    ]);
    build(entries, kinds)
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

/// Writes the client script (unless the site has its own) and the index files.
pub fn write(site: &Site, config: &Config, staging: &Staging) -> Result<Sizes> {
    let index = site_index(site, config);
    let mut sizes = Sizes::default();
    let custom = config.static_dir().join("search.js");
    let script_len = match std::fs::metadata(&custom) {
        Ok(meta) if meta.is_file() => meta.len(),
        _ => {
            staging.write("search.js", DEFAULT_SCRIPT.as_bytes())?;
            sizes.files += 1;
            DEFAULT_SCRIPT.len() as u64
        }
    };
    let mut put = |path: String, text: String| -> Result<u64> {
        staging.write(&path, text.as_bytes())?;
        sizes.files += 1;
        sizes.total += text.len() as u64;
        Ok(text.len() as u64)
    };
    let manifest = format!("dossierSearch.init({});\n", compact(&index.manifest));
    let manifest_len = put("search/index.js".into(), manifest)?;
    for (key, terms) in &index.shards {
        let text = format!(
            "dossierSearch.shard({},{});\n",
            compact(key),
            compact(terms)
        );
        put(format!("search/t/{key}.js"), text)?;
    }
    for (n, chunk) in index.docs.chunks(CHUNK).enumerate() {
        let text = format!("dossierSearch.docs({n},{});\n", compact(&chunk));
        put(format!("search/d/{n}.js"), text)?;
    }
    sizes.first_load = script_len + manifest_len;
    Ok(sizes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umlauts_transliterations_and_case_normalise_alike() {
        assert_eq!(normalise("Gespräche"), normalise("Gespraeche"));
        assert_eq!(normalise("GESPRÄCHE"), ["gespraeche"]);
        assert_eq!(normalise("Straße"), normalise("Strasse"));
        assert_eq!(normalise("Élysée-Palast"), ["elysee", "palast"]);
        // One-letter words are not terms; punctuation separates.
        assert_eq!(normalise("a „Kyiv“, Kiew!"), ["kyiv", "kiew"]);
        // Decomposed letters, as some editors save them, count as the composed ones.
        assert_eq!(normalise("Gespra\u{308}che"), ["gespraeche"]);
        assert_eq!(normalise("Cafe\u{301} İstanbul"), ["cafe", "istanbul"]);
    }

    fn doc(title: &str) -> Doc {
        Doc {
            k: "b",
            t: title.into(),
            u: String::new(),
            d: None,
            i: None,
            s: None,
            l: None,
            a: Vec::new(),
        }
    }

    #[test]
    fn shards_by_the_first_two_letters_and_keeps_the_best_weight() {
        let index = build(
            vec![
                (
                    doc("x"),
                    vec![("Gespräche in Genf".into(), 10), ("Gespräche".into(), 2)],
                ),
                (doc("y"), vec![("Genf".into(), 4)]),
            ],
            BTreeMap::new(),
        );
        assert_eq!(index.manifest.shards, ["ge", "in"]);
        let ge = &index.shards["ge"];
        assert_eq!(ge["gespraeche"], [0, 10]);
        assert_eq!(ge["genf"], [0, 10, 1, 4]);
        assert!(!index.shards.contains_key("g"));
    }

    #[test]
    fn what_the_browser_loads_first_stays_small_at_ten_thousand_briefings() {
        const WORDS: &[&str] = &[
            "Gespräche",
            "Waffenruhe",
            "Verhandlungen",
            "Angriff",
            "Energie",
            "Moskau",
            "Kiew",
            "London",
            "Istanbul",
            "Dschidda",
            "Gefangenenaustausch",
            "Sanktionen",
            "Krim",
            "Sicherheitsgarantien",
            "Saporischschja",
            "Drohnen",
            "Außenminister",
            "Präsident",
        ];
        // A small deterministic generator: varied titles and a number in each.
        let mut seed: u64 = 42;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let entries: Vec<(Doc, Vec<(String, u32)>)> = (0..10_000)
            .map(|i| {
                let title: Vec<&str> = (0..6).map(|_| WORDS[next(WORDS.len())]).collect();
                let title = format!("{} {i} {}", title.join(" "), 7919 * i);
                let mut d = doc(&title);
                d.s = Some(title.to_lowercase());
                (d, vec![(title, weight::TITLE)])
            })
            .collect();
        let index = build(entries, BTreeMap::from([("b", [0, 10_000])]));
        let manifest = compact(&index.manifest).len();
        let largest_shard = index.shards.values().map(|t| compact(t).len()).max();
        let chunk = compact(&index.docs[..CHUNK]).len();
        eprintln!(
            "10,000 briefings: manifest {manifest} bytes, {} shards, largest shard {largest_shard:?} bytes, one chunk of {CHUNK} documents {chunk} bytes",
            index.shards.len()
        );
        // Shard keys are two characters of [a-z0-9], so the manifest is bounded.
        assert!(index.shards.len() <= 36 * 36);
        assert!(manifest < 8 * 1024, "manifest of {manifest} bytes");
        assert!(chunk < 64 * 1024, "chunk of {chunk} bytes");
    }
}
