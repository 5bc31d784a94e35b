//! Search terms and the inverted index of the search index: how text becomes terms
//! (as `search.js` does it to the query), and which documents each term finds.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::quick_hash::QuickMap;

use super::search::MIN_TERM;
use crate::slug::slugify;

/// The terms of a text: the words of its slug, at least [`MIN_TERM`] long.
/// `search.js` (`normalise`) does the same to the query.
pub fn normalise(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    for_each_term(text, |term| terms.push(term.to_string()));
    terms
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

/// The inverted index in the making: for every term, `[doc, weight, doc, weight, …]`
/// with ascending documents, each with the best weight it has for the term. Documents
/// are added in id order, so the lists come out sorted without sorting them.
#[derive(Debug, Default)]
pub struct Postings {
    ids: QuickMap<String, u32>,
    lists: Vec<Vec<u32>>,
    /// The current document's (term, weight) pairs.
    doc: Vec<(u32, u32)>,
}

impl Postings {
    /// The ids of the terms of a text, for texts added to many documents.
    pub fn terms(&mut self, text: &str) -> Vec<u32> {
        let mut ids = Vec::new();
        for_each_term(text, |term| ids.push(self.id(term)));
        ids
    }

    fn id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.lists.len() as u32;
        self.ids.insert(term.to_string(), id);
        self.lists.push(Vec::new());
        id
    }

    /// Finds the current document by the terms of `text`.
    pub fn add(&mut self, text: &str, weight: u32) {
        let mut doc = std::mem::take(&mut self.doc);
        for_each_term(text, |term| doc.push((self.id(term), weight)));
        self.doc = doc;
    }

    /// Finds the current document by terms already looked up.
    pub fn add_ids(&mut self, ids: &[u32], weight: u32) {
        self.doc.extend(ids.iter().map(|&id| (id, weight)));
    }

    /// Files what was added under document `doc`, which is higher than any before.
    pub fn end_doc(&mut self, doc: u32) {
        // Per term the best weight first, then skip the term's other pairs.
        self.doc
            .sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut last = None;
        for &(term, weight) in &self.doc {
            if last != Some(term) {
                self.lists[term as usize].extend([doc, weight]);
                last = Some(term);
            }
        }
        self.doc.clear();
    }

    /// The terms in order with their lists, grouped into shards by their first
    /// [`MIN_TERM`] characters. A term found in more than `cap` documents keeps only
    /// its `cap` best (see [`keep_best`]) and is listed as capped: one word in every
    /// event title would otherwise make its shard megabytes long on a large archive.
    pub fn shards(self, cap: usize) -> Vec<Shard> {
        let cap = cap.max(1);
        let mut lists = self.lists;
        let mut terms: Vec<(String, Vec<u32>)> = self
            .ids
            .into_iter()
            .map(|(term, id)| (term, std::mem::take(&mut lists[id as usize])))
            .collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut shards: Vec<Shard> = Vec::new();
        for (term, mut list) in terms {
            let found = list.len() / 2;
            let capped = (found > cap).then(|| {
                keep_best(&mut list, cap);
                found as u32
            });
            let key = shard_key(&term);
            if shards.last().is_none_or(|shard| shard.key != key) {
                shards.push(Shard {
                    key: key.to_string(),
                    terms: Vec::new(),
                    capped: BTreeMap::new(),
                });
            }
            if let Some(shard) = shards.last_mut() {
                if let Some(found) = capped {
                    shard.capped.insert(term.clone(), found);
                }
                shard.terms.push((term, list));
            }
        }
        shards
    }
}

/// Keeps the `cap` best postings of a `[doc, weight, …]` list longer than that, as a
/// one-word search ranks them: highest weight first (a title before a summary), then
/// the lowest id (briefings and events are numbered newest first), so the results a
/// reader sees first are the same as with the whole list. They stay in document order.
fn keep_best(list: &mut Vec<u32>, cap: usize) {
    let mut pairs: Vec<[u32; 2]> = list.chunks_exact(2).map(|p| [p[0], p[1]]).collect();
    if cap == 0 || pairs.len() <= cap {
        return;
    }
    pairs.select_nth_unstable_by(cap - 1, |a, b| b[1].cmp(&a[1]).then(a[0].cmp(&b[0])));
    pairs.truncate(cap);
    pairs.sort_unstable();
    list.clear();
    list.extend(pairs.iter().flatten());
}

/// The first [`MIN_TERM`] characters of a term.
fn shard_key(term: &str) -> &str {
    let end = term
        .char_indices()
        .nth(MIN_TERM)
        .map_or(term.len(), |(i, _)| i);
    &term[..end]
}

/// The terms that start alike, in order: one file `search/t/<key>.js`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shard {
    pub key: String,
    pub terms: Vec<(String, Vec<u32>)>,
    /// The terms whose lists were cut to the cap, with the number of documents they
    /// are found in: `search.js` does not let them exclude results.
    pub capped: BTreeMap<String, u32>,
}

impl Serialize for Shard {
    /// The terms as a JSON object: `{"term":[doc,weight,…],…}`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.terms.iter().map(|(t, list)| (t, list)))
    }
}

/// Calls `found` with each term of a text (see [`normalise`]).
fn for_each_term(text: &str, mut found: impl FnMut(&str)) {
    if text.is_ascii() {
        // What `slugify` makes of ASCII, without building the slug: runs of letters and
        // digits, lowercased; everything else separates them.
        let mut lower = String::new();
        for run in text.split(|c: char| !c.is_ascii_alphanumeric()) {
            if run.len() < MIN_TERM {
                continue;
            }
            if run.bytes().any(|b| b.is_ascii_uppercase()) {
                lower.clear();
                lower.push_str(run);
                lower.make_ascii_lowercase();
                found(&lower);
            } else {
                found(run);
            }
        }
        return;
    }
    for term in slugify(&compose(text)).split('-') {
        if term.len() >= MIN_TERM {
            found(term);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compact<T: Serialize + ?Sized>(value: &T) -> String {
        serde_json::to_string(value).unwrap_or_default()
    }

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

    #[test]
    fn ascii_text_has_the_terms_of_its_slug() {
        for text in [
            "Ereignis 36.0: Sanktionen",
            "  --Kyiv, KIEW!! a b2 c3PO x_y  ",
            "UN-Sicherheitsrat/Resolution 2202 (2015)",
            "",
            "!!!",
        ] {
            let slug = slugify(text);
            let expected: Vec<&str> = slug.split('-').filter(|t| t.len() >= MIN_TERM).collect();
            assert_eq!(normalise(text), expected, "{text:?}");
        }
    }

    #[test]
    fn a_term_in_more_documents_than_the_cap_keeps_its_best_and_is_marked() {
        let mut postings = Postings::default();
        let titles = ["Genf", "Ereignis", "Genf", "Ereignis", "Ereignis"];
        for (doc, title) in titles.into_iter().enumerate() {
            postings.add(title, 10);
            postings.add("ereignis genf", 2);
            postings.end_doc(doc as u32);
        }
        let shards = postings.shards(2);
        // Title hits before summary hits, then the lowest (newest) documents.
        assert_eq!(
            shards[0].terms,
            [("ereignis".to_string(), vec![1, 10, 3, 10])]
        );
        assert_eq!(shards[1].terms, [("genf".to_string(), vec![0, 10, 2, 10])]);
        assert_eq!(
            shards[0].capped,
            BTreeMap::from([("ereignis".to_string(), 5)])
        );
        assert_eq!(shards[1].capped, BTreeMap::from([("genf".to_string(), 5)]));
        // At the cap a term is whole and not marked.
        let mut postings = Postings::default();
        for doc in 0..2 {
            postings.add("Genf", 10);
            postings.end_doc(doc);
        }
        let shards = postings.shards(2);
        assert_eq!(shards[0].terms, [("genf".to_string(), vec![0, 10, 1, 10])]);
        assert!(shards[0].capped.is_empty());
    }

    #[test]
    fn shards_by_the_first_two_letters_and_keeps_the_best_weight() {
        let mut postings = Postings::default();
        postings.add("Gespräche in Genf", 10);
        postings.add("Gespräche", 2);
        postings.end_doc(0);
        postings.add("Genf", 4);
        postings.end_doc(1);
        let shards = postings.shards(100);
        let keys: Vec<&str> = shards.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["ge", "in"]);
        let ge: BTreeMap<&str, &[u32]> = shards[0]
            .terms
            .iter()
            .map(|(t, list)| (t.as_str(), list.as_slice()))
            .collect();
        assert_eq!(ge["gespraeche"], [0, 10]);
        assert_eq!(ge["genf"], [0, 10, 1, 4]);
        assert_eq!(
            compact(&shards[0]),
            r#"{"genf":[0,10,1,4],"gespraeche":[0,10]}"#
        );
    }
}
