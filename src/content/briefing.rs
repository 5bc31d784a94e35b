//! Briefings: the analysed articles at the centre of the site.

use std::path::PathBuf;

use serde::Deserialize;

use crate::content::body::StoredBody;
use crate::content::event::EventFront;
use crate::content::source::{Quote, Source};
use crate::date::PartialDate;
use crate::error::Diagnostic;
use crate::i18n::Lang;

/// The front matter of `content/briefings/*.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BriefingFront {
    #[serde(deserialize_with = "crate::frontmatter::text")]
    pub title: String,
    pub date: PartialDate,
    #[serde(default)]
    pub updated: Option<PartialDate>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub lang: Option<Lang>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub actors: Vec<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub places: Vec<String>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub events: Vec<EventFront>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
    #[serde(default = "crate::content::empty_extra")]
    pub extra: serde_yaml::Value,
}

/// A loaded, validated briefing.
#[derive(Debug, Clone)]
pub struct Briefing {
    pub slug: String,
    pub file: PathBuf,
    pub title: String,
    pub date: PartialDate,
    pub updated: Option<PartialDate>,
    pub summary: Option<String>,
    pub lang: Lang,
    pub draft: bool,
    pub actors: Vec<String>,
    pub topics: Vec<String>,
    pub places: Vec<String>,
    pub sources: Vec<Source>,
    /// Ids of the events this briefing defines or links, in the order written.
    pub event_ids: Vec<String>,
    pub quotes: Vec<Quote>,
    pub extra: serde_yaml::Value,
    /// Where the Markdown body is; read and rendered only when the page is written.
    pub body: StoredBody,
    /// The line of the file on which the body starts, for positions of body findings.
    pub body_line: usize,
    pub word_count: usize,
    /// A hash of the front matter's text: `serve` re-renders only the page of a
    /// briefing whose body alone changed (see `crate::serve`).
    pub front_hash: u64,
}

impl Briefing {
    /// Every actor the briefing names: listed ones first, then quoted speakers.
    pub fn named_actors(&self) -> impl Iterator<Item = &str> {
        let quoted = self
            .quotes
            .iter()
            .map(|q| q.actor.as_str())
            .filter(|a| !self.actors.iter().any(|x| x == a));
        self.actors.iter().map(String::as_str).chain(quoted)
    }

    /// The Markdown body, read from the file again.
    pub fn read_body(&self) -> Result<String, Diagnostic> {
        self.body.read(&self.file)
    }

    /// Minutes a reader needs, at about 200 words a minute.
    pub fn reading_minutes(&self) -> usize {
        self.word_count.div_ceil(200).max(1)
    }
}

/// Words in a text: runs of bytes that are not ASCII whitespace. Counting bytes is
/// exact for reading time and several times faster than Unicode-aware splitting.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let Some(&first) = bytes.first() else {
        return 0;
    };
    // A word starts at the first byte if it is not a space, and wherever a space is
    // followed by a non-space. Counting such byte pairs in u8 sums lets the compiler
    // compare and add 16 pairs per vector instruction (a third of the instructions of
    // u32 sums). A u8 cannot overflow: a start needs a space before it, so at most every
    // second pair of a 256-pair chunk is a start.
    let starts: usize = bytes
        .chunks(256)
        .zip(bytes[1..].chunks(256))
        .map(|(this, next)| {
            let in_chunk = this
                .iter()
                .zip(next)
                .map(|(&a, &b)| u8::from(space(a) & !space(b)))
                .fold(0u8, u8::wrapping_add);
            usize::from(in_chunk)
        })
        .sum();
    usize::from(!space(first)) + starts
}

/// `u8::is_ascii_whitespace` (tab, line feed, form feed, carriage return, space) as
/// comparisons the compiler can vectorise: `\t..=\r` is 9..=13 without 11 (vertical tab).
fn space(b: u8) -> bool {
    (b == b' ') | ((b.wrapping_sub(b'\t') <= b'\r' - b'\t') & (b != 0x0b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_like_a_reader() {
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("  Gespräche  in\tGenf\n"), 3);
        assert_eq!(count_words("„Wir haben“ – sagte er."), 5);
        assert_eq!(count_words("x"), 1);
        assert_eq!(count_words(" x "), 1);
        // Across the 4096-byte chunks the counting works in.
        let long = "Wort ".repeat(1000) + &"x".repeat(5000) + " Ende";
        assert_eq!(count_words(&long), 1002);
        // Vertical tab and non-ASCII spaces (no-break, em) are not word breaks.
        assert_eq!(count_words("a\u{b}b c\u{a0}d e\u{2003}f"), 3);
    }

    #[test]
    fn space_is_ascii_whitespace() {
        for b in 0..=u8::MAX {
            assert_eq!(space(b), b.is_ascii_whitespace(), "byte {b}");
        }
    }

    /// `count_words` as it was before its u8 sums: byte pairs summed in u32s.
    fn count_words_u32(text: &str) -> usize {
        let bytes = text.as_bytes();
        let Some(&first) = bytes.first() else {
            return 0;
        };
        let starts: usize = bytes
            .chunks(4096)
            .zip(bytes[1..].chunks(4096))
            .map(|(this, next)| {
                this.iter()
                    .zip(next)
                    .map(|(&a, &b)| u32::from(a.is_ascii_whitespace() & !b.is_ascii_whitespace()))
                    .sum::<u32>() as usize
            })
            .sum();
        usize::from(!first.is_ascii_whitespace()) + starts
    }

    proptest::proptest! {
        /// Texts of words, ASCII and non-ASCII spaces and control bytes, long enough to
        /// cross several 256-byte chunks; one-byte words between one-byte spaces give
        /// the most starts a chunk can hold.
        #[test]
        fn counts_what_the_u32_sums_and_the_standard_split_count(
            text in "([a-zäöü„“–]{1,3}|[ \t\n\r\u{b}\u{c}\u{a0}\u{2003}]{1,3}|(x ){100,300}|x{200,300}){0,400}",
        ) {
            let words = count_words(&text);
            proptest::prop_assert_eq!(words, count_words_u32(&text));
            proptest::prop_assert_eq!(words, text.split_ascii_whitespace().count());
        }
    }
}
