//! Briefings: the analysed articles at the centre of the site.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::check::{Checker, Known};
use super::{Event, EventLink, Origin};
use crate::config::Config;
use crate::content::body::StoredBody;
use crate::content::event::EventFront;
use crate::content::source::{Quote, Source};
use crate::date::PartialDate;
use crate::error::Diagnostic;
use crate::frontmatter::{self, Split};
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

/// A briefing file read and checked: the briefing, the events it defines and the
/// events of other files it lists.
pub(crate) type LoadedBriefing = (Briefing, Vec<Event>, Vec<EventLink>);

/// Reads `file` as a briefing: its front matter parsed and checked against the known
/// actors and seeds, its words counted, its body let go (the page reads it again).
pub(crate) fn load_briefing(
    file: &Path,
    config: &Config,
    known: &Known,
) -> Result<LoadedBriefing, Vec<Diagnostic>> {
    let (text, stamp) = crate::input::read_text_stamped(file).map_err(|d| vec![d])?;
    let slug = super::file_slug(file).map_err(|d| vec![d])?;
    let split =
        frontmatter::split(&text).map_err(|e| vec![super::front_matter_problem(file, e)])?;
    let front: BriefingFront =
        frontmatter::parse(&split).map_err(|e| vec![super::front_matter_problem(file, e)])?;
    let mut checker = Checker::new(file, &split);
    check_briefing(&mut checker, &front, known);
    if !checker.found.is_empty() {
        return Err(checker.found);
    }
    let (events, links) = briefing_events(file, &slug, &split, &front);
    let briefing = Briefing {
        word_count: count_words(split.body),
        front_hash: super::cache::front_hash(split.yaml),
        body: StoredBody::new(&text, split.body, stamp),
        body_line: split.body_line,
        slug,
        file: file.to_path_buf(),
        lang: front.lang.unwrap_or(config.site.lang),
        event_ids: events
            .iter()
            .map(|e| e.id.clone())
            .chain(links.iter().map(|l| l.id.clone()))
            .collect(),
        title: front.title,
        date: front.date,
        updated: front.updated,
        summary: front.summary,
        draft: front.draft,
        actors: front.actors,
        topics: front.topics,
        places: front.places,
        sources: front.sources,
        quotes: front.quotes,
        extra: front.extra,
    };
    Ok((briefing, events, links))
}

fn check_briefing(checker: &mut Checker<'_>, front: &BriefingFront, known: &Known) {
    if front.title.trim().is_empty() {
        checker.error(
            "title",
            "",
            "the title is empty".into(),
            "write a headline after `title:`",
        );
    }
    if let Some(updated) = front.updated
        && updated < front.date
    {
        checker.error(
            "updated",
            &updated.to_string(),
            format!(
                "`updated` ({updated}) is before the publication date ({})",
                front.date
            ),
            "an update can only follow publication",
        );
    }
    checker.actor_refs("actors", &front.actors, known);
    checker.labels("topics", &front.topics);
    checker.labels("places", &front.places);
    checker.sources(&front.sources, known);
    for event in &front.events {
        checker.event(event, known);
    }
    for quote in &front.quotes {
        checker.actor_refs("actor", std::slice::from_ref(&quote.actor), known);
        if quote.text.trim().is_empty() {
            checker.error(
                "text",
                "",
                "a quote has no text".into(),
                "write the quoted words after `text:`",
            );
        }
        if let Some(n) = quote.source
            && (n == 0 || n > front.sources.len())
        {
            checker.error(
                "source",
                &n.to_string(),
                format!(
                    "quote source {n} does not exist: the briefing lists {} source(s)",
                    front.sources.len()
                ),
                "give the 1-based number of an entry in `sources:`",
            );
        }
    }
}

fn briefing_events(
    file: &Path,
    slug: &str,
    split: &Split<'_>,
    front: &BriefingFront,
) -> (Vec<Event>, Vec<EventLink>) {
    let mut events = Vec::new();
    let mut links = Vec::new();
    let mut locator = frontmatter::Locator::new(split);
    for entry in &front.events {
        let position = match (&entry.id, &entry.title) {
            (Some(id), _) => locator.locate("id", id),
            (None, Some(title)) => locator.locate("title", title),
            (None, None) => None,
        };
        if entry.is_reference() {
            let id = entry.id.clone().unwrap_or_default();
            links.push(EventLink {
                briefing: slug.to_string(),
                id,
                file: file.to_path_buf(),
                position,
            });
        } else if let Some(event) = super::event::from_front(
            entry.clone(),
            file,
            Origin::Briefing(slug.to_string()),
            position,
        ) {
            events.push(event);
        }
    }
    (events, links)
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
