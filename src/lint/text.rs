//! Text as the editor warnings compare it: words, and quotes, dashes and spaces made
//! plain, so a quote typed with other typography than the body still matches.

use std::collections::BTreeSet;

use crate::content::Event;
use crate::names;

/// Whether a summary speaks of an event: its title occurs, or most of its longer words.
pub(super) fn mentions_event(
    summary_words: &BTreeSet<String>,
    summary: &str,
    event: &Event,
) -> bool {
    if normalise(summary).contains(&normalise(&event.title)) {
        return true;
    }
    let title_words: Vec<String> = word_set(&event.title)
        .into_iter()
        .filter(|w| w.chars().count() >= 5)
        .collect();
    let hits = title_words
        .iter()
        .filter(|w| summary_words.contains(*w))
        .count();
    !title_words.is_empty() && hits * 3 >= title_words.len() * 2
}

pub(super) fn word_set(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Lowercase, typographic quotes and dashes made plain, whitespace collapsed.
pub(super) fn normalise(text: &str) -> String {
    collapse_spaces(&plain_typography(text).to_lowercase())
}

/// [`normalise`] of `text`, given `lower`, the text lowercased. Lowercasing first and
/// then making the typography plain gives the same, except where a capital sigma's
/// final form depends on a neighbouring `‚` (which the plain `'` would change).
pub(super) fn normalise_lowered(text: &str, lower: &names::Text) -> String {
    if text.contains('Σ') {
        normalise(text)
    } else {
        plain_words(lower.as_str())
    }
}

/// `collapse_spaces(&plain_typography(text))` in one pass, for long bodies: runs of
/// plain ASCII are copied whole, other characters one by one.
pub(super) fn plain_words(text: &str) -> String {
    // ASCII whitespace as `char::is_whitespace` has it, and the one ASCII quote.
    let breaks = |b: u8| matches!(b, b' ' | b'\t'..=b'\r' | b'"');
    let bytes = text.as_bytes();
    let mut words = String::with_capacity(text.len());
    let mut space = false;
    let mut i = 0;
    while let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) {
        let (next, piece) = if c.is_ascii() && !breaks(bytes[i]) {
            let run = bytes[i..].iter().position(|&b| !b.is_ascii() || breaks(b));
            let end = run.map_or(bytes.len(), |n| i + n);
            (end, None)
        } else {
            let mapped = match c {
                '„' | '“' | '”' | '»' | '«' | '"' => ' ',
                '‚' | '‘' | '’' => '\'',
                '–' | '—' => '-',
                c => c,
            };
            (i + c.len_utf8(), Some(mapped))
        };
        match piece {
            Some(c) if c.is_whitespace() => space = !words.is_empty(),
            _ => {
                if space {
                    words.push(' ');
                    space = false;
                }
                match piece {
                    Some(c) => words.push(c),
                    None => words.push_str(&text[i..next]),
                }
            }
        }
        i = next;
    }
    words
        .trim_matches(|c: char| c.is_ascii_punctuation() || c == ' ')
        .to_string()
}

/// Typographic quotes and dashes made plain; the text between them copied as it is.
pub(super) fn plain_typography(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut copied = 0;
    for (i, c) in text.char_indices() {
        let replacement = match c {
            '„' | '“' | '”' | '»' | '«' | '"' => ' ',
            '‚' | '‘' | '’' => '\'',
            '–' | '—' => '-',
            _ => continue,
        };
        plain.push_str(&text[copied..i]);
        plain.push(replacement);
        copied = i + c.len_utf8();
    }
    plain.push_str(&text[copied..]);
    plain
}

/// Words joined by single spaces, without punctuation at either end.
pub(super) fn collapse_spaces(text: &str) -> String {
    let mut collapsed = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    collapsed
        .trim_matches(|c: char| c.is_ascii_punctuation() || c == ' ')
        .to_string()
}

pub(super) fn shorten(text: &str) -> String {
    let short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}
