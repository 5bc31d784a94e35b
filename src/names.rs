//! Finding names in text: an actor's name or aliases, case-insensitively and on word
//! boundaries, for `check` warnings and `import`.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::content::Actor;

/// Where a name was found: 1-based line and column (in characters) of `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub line: usize,
    pub column: usize,
}

/// A text prepared for many name searches: lowercased once.
#[derive(Debug, Clone)]
pub struct Text {
    lower: String,
}

impl Text {
    pub fn new(text: &str) -> Text {
        Text {
            lower: lowercase(text),
        }
    }

    /// The text, lowercased.
    pub fn as_str(&self) -> &str {
        &self.lower
    }

    /// The first place `name` occurs as a whole word (a German genitive `s` may follow:
    /// "Putins"), ignoring case.
    pub fn find(&self, name: &str) -> Option<Mention> {
        let needle = name.trim().to_lowercase();
        if needle.is_empty() {
            return None;
        }
        self.find_start(&needle).map(|start| self.mention_at(start))
    }

    /// The byte offset of the first whole-word occurrence of `needle` (lowercased).
    fn find_start(&self, needle: &str) -> Option<usize> {
        let haystack = self.lower.as_str();
        let mut from = 0;
        while let Some(found) = haystack[from..].find(needle) {
            let start = from + found;
            if word_edge_before(haystack, start) && word_edge_after(haystack, start + needle.len())
            {
                return Some(start);
            }
            from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }

    /// Line and column of the byte offset `start` of the lowercased text.
    fn mention_at(&self, start: usize) -> Mention {
        let haystack = self.lower.as_str();
        let line_start = haystack[..start].rfind('\n').map_or(0, |i| i + 1);
        Mention {
            line: haystack[..start].matches('\n').count() + 1,
            column: haystack[line_start..start].chars().count() + 1,
        }
    }
}

/// `text.to_lowercase()`, faster on German text: the standard one goes character by
/// character from the first non-ASCII letter on; this one lowercases ASCII runs whole.
/// A capital sigma, whose lowercase depends on its neighbours, is left to the standard one.
pub fn lowercase(text: &str) -> String {
    if text.contains('Σ') {
        return text.to_lowercase();
    }
    let mut lower = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        if ascii > 0 {
            let start = lower.len();
            lower.push_str(&rest[..ascii]);
            lower[start..].make_ascii_lowercase();
            rest = &rest[ascii..];
        } else {
            lower.extend(c.to_lowercase());
            rest = &rest[c.len_utf8()..];
        }
    }
    lower
}

/// Many actors' names, searched for together: one pass over a text finds each actor's
/// first mention, where [`find_actor`] for each of 200 actors passes over it once per
/// name. Same matches as [`Text::find`]: whole words, case ignored, genitive `s`.
#[derive(Debug, Clone)]
pub struct Finder {
    /// The distinct names, trimmed and lowercased.
    needles: Vec<String>,
    /// For each needle, the actors (by position in `new`'s order) it names.
    owners: Vec<Vec<usize>>,
    actors: usize,
    /// `None` only if the automaton could not be built; then each needle is searched alone.
    automaton: Option<AhoCorasick>,
}

impl Finder {
    pub fn new<'a>(actors: impl IntoIterator<Item = &'a Actor>) -> Finder {
        let mut needles = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut count = 0;
        for (i, actor) in actors.into_iter().enumerate() {
            count = i + 1;
            for name in of(actor) {
                let needle = name.trim().to_lowercase();
                if needle.is_empty() {
                    continue;
                }
                let n = *index.entry(needle.clone()).or_insert_with(|| {
                    needles.push(needle);
                    owners.push(Vec::new());
                    needles.len() - 1
                });
                if owners[n].last() != Some(&i) {
                    owners[n].push(i);
                }
            }
        }
        // Standard semantics: overlapping search then reports every occurrence of every
        // needle, so a match that fails the word-edge test cannot hide a valid one.
        // A DFA: a few MB for hundreds of names, and the fastest scan of each body.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&needles)
            .ok();
        Finder {
            needles,
            owners,
            actors: count,
            automaton,
        }
    }

    /// The first mention of each actor in `text`, in the order the actors were given.
    pub fn first_mentions(&self, text: &Text) -> Vec<Option<Mention>> {
        let mut first: Vec<Option<usize>> = vec![None; self.actors];
        let mut note = |needle: usize, start: usize| {
            for &actor in &self.owners[needle] {
                let earliest = first[actor].map_or(start, |s| s.min(start));
                first[actor] = Some(earliest);
            }
        };
        let haystack = text.lower.as_str();
        match &self.automaton {
            Some(automaton) => {
                for m in automaton.find_overlapping_iter(haystack) {
                    if word_edge_before(haystack, m.start()) && word_edge_after(haystack, m.end()) {
                        note(m.pattern().as_usize(), m.start());
                    }
                }
            }
            None => {
                for (n, needle) in self.needles.iter().enumerate() {
                    if let Some(start) = text.find_start(needle) {
                        note(n, start);
                    }
                }
            }
        }
        first
            .into_iter()
            .map(|start| start.map(|s| text.mention_at(s)))
            .collect()
    }
}

/// The first place `name` occurs in `text` as a whole word; see [`Text::find`].
pub fn find(text: &str, name: &str) -> Option<Mention> {
    Text::new(text).find(name)
}

fn word_edge_before(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn word_edge_after(text: &str, at: usize) -> bool {
    let mut rest = text[at..].chars();
    match rest.next() {
        None => true,
        Some('s') => rest.next().is_none_or(|c| !c.is_alphanumeric()),
        Some(c) => !c.is_alphanumeric(),
    }
}

/// Every way an actor may be written: its name and aliases.
pub fn of(actor: &Actor) -> impl Iterator<Item = &str> {
    std::iter::once(actor.front.name.as_str()).chain(actor.front.aliases.iter().map(String::as_str))
}

/// The first mention of any of the actor's names in `text`.
pub fn find_actor(text: &Text, actor: &Actor) -> Option<Mention> {
    of(actor)
        .filter_map(|n| text.find(n))
        .min_by_key(|m| (m.line, m.column))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(name: &str, aliases: &[&str]) -> Actor {
        let yaml = format!("name: \"{name}\"\naliases: {aliases:?}\n");
        Actor {
            slug: crate::slug::slugify(name),
            file: "a.md".into(),
            front: serde_yaml::from_str(&yaml).expect("actor front matter"),
            body: String::new(),
            body_line: 1,
        }
    }

    /// Each actor's first mention, one actor at a time, as `check` used to find them.
    fn one_by_one(actors: &[Actor], text: &Text) -> Vec<Option<Mention>> {
        actors.iter().map(|a| find_actor(text, a)).collect()
    }

    #[test]
    fn the_finder_finds_what_each_actor_search_finds() {
        let actors = [
            actor("Wladimir Putin", &["Putin", "Vladimir Putin"]),
            actor("Kreml", &["Kremlsprecher", "kreml"]),
            // Two actors sharing an alias both get the mention.
            actor("Russland", &["Moskau"]),
            actor("Moskauer Regierung", &["Moskau"]),
            actor("Nie Erwähnt", &[" ", "Niemand"]),
        ];
        let text = Text::new(
            "Rasputin und der Kremlsprecher.\nPutinismus? Nein: Putins Wort, \
             dann Wladimir Putin in Moskau; der Kreml schweigt.",
        );
        let finder = Finder::new(&actors);
        let got = finder.first_mentions(&text);
        assert_eq!(got, one_by_one(&actors, &text));
        assert_eq!(
            got[0],
            Some(Mention {
                line: 2,
                column: 19
            }),
            "not Rasputin"
        );
        assert_eq!(
            got[1],
            Some(Mention {
                line: 1,
                column: 18
            })
        );
        assert_eq!(got[2], got[3]);
        assert_eq!(got[4], None);
    }

    proptest::proptest! {
        #[test]
        fn lowercase_is_the_standard_lowercase(text in "(Σ|ΑΣ |A|ä|Ä|İ|ẞ|ǅ|.|\\PC){0,24}") {
            proptest::prop_assert_eq!(lowercase(&text), text.to_lowercase());
        }

        /// Whatever the names and the text, one pass finds each actor's first mention.
        #[test]
        fn the_finder_agrees_with_one_search_per_actor(
            names in proptest::collection::vec("(putin|put|in|ä|s|-| |Kreml|kreml-s){1,3}", 1..6),
            text in "(Putin|put|in|ä|Ä|s|-| |\n|„|Kreml|kremls|x){0,30}",
        ) {
            let actors: Vec<Actor> = names
                .chunks(2)
                .map(|pair| {
                    let aliases: Vec<&str> = pair[1..].iter().map(String::as_str).collect();
                    actor(&pair[0], &aliases)
                })
                .collect();
            let text = Text::new(&text);
            proptest::prop_assert_eq!(
                Finder::new(&actors).first_mentions(&text),
                one_by_one(&actors, &text)
            );
        }
    }

    #[test]
    fn finds_whole_words_ignoring_case() {
        assert_eq!(
            find("a\nDer Kreml-Sprecher PESKOV sagte", "Peskov"),
            Some(Mention {
                line: 2,
                column: 20
            })
        );
        assert_eq!(
            find("Putins Angebot", "Putin"),
            Some(Mention { line: 1, column: 1 })
        );
        assert_eq!(find("Putinismus", "Putin"), None);
        assert_eq!(find("Rasputin", "Putin"), None);
        assert_eq!(
            find("„Selenskyj“ sagte", "selenskyj"),
            Some(Mention { line: 1, column: 2 })
        );
        assert_eq!(
            find("Die USA und die Ukraine", "Ukraine"),
            Some(Mention {
                line: 1,
                column: 17
            })
        );
    }

    #[test]
    fn empty_names_match_nothing() {
        assert_eq!(find("text", " "), None);
    }
}
