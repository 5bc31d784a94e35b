//! Finding names in text: an actor's name or aliases, case-insensitively and on word
//! boundaries, for `check` warnings and `import`.

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
            lower: text.to_lowercase(),
        }
    }

    /// The first place `name` occurs as a whole word (a German genitive `s` may follow:
    /// "Putins"), ignoring case.
    pub fn find(&self, name: &str) -> Option<Mention> {
        let needle = name.trim().to_lowercase();
        if needle.is_empty() {
            return None;
        }
        let haystack = self.lower.as_str();
        let mut from = 0;
        while let Some(found) = haystack[from..].find(&needle) {
            let start = from + found;
            if word_edge_before(haystack, start) && word_edge_after(haystack, start + needle.len())
            {
                let line_start = haystack[..start].rfind('\n').map_or(0, |i| i + 1);
                return Some(Mention {
                    line: haystack[..start].matches('\n').count() + 1,
                    column: haystack[line_start..start].chars().count() + 1,
                });
            }
            from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
        }
        None
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
