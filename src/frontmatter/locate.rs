//! Positions of values in a front matter block, for errors found after parsing.

use super::Split;

/// Finds where a value stands in the front matter, for errors found after parsing
/// (an unknown actor slug, a missing seed): the first line at or after the line of
/// `key` that contains `value`.
pub fn locate(split: &Split<'_>, key: &str, value: &str) -> Option<(usize, usize)> {
    Locator::new(split).locate(key, value)
}

/// [`locate`] for many values of one block: every event of a briefing is located while
/// loading, so each key's line is found once, and lines are counted on from the last
/// value found rather than from the top.
pub struct Locator<'a> {
    split: &'a Split<'a>,
    key_starts: Vec<(String, Option<usize>)>,
    /// A byte offset in the block and the number of line breaks before it.
    counted: (usize, usize),
}

impl<'a> Locator<'a> {
    pub fn new(split: &'a Split<'a>) -> Self {
        Locator {
            split,
            key_starts: Vec::new(),
            counted: (0, 0),
        }
    }

    pub fn locate(&mut self, key: &str, value: &str) -> Option<(usize, usize)> {
        let split = self.split;
        let odd_key = key.starts_with(|c: char| c == '-' || c.is_whitespace());
        if value.is_empty() || value.contains(['\n', '\r']) || odd_key {
            return locate_by_line(split, key, value);
        }
        // A value without line breaks first occurs in the first line that contains it,
        // at the same column: search the rest of the block once, not line by line.
        let yaml = split.yaml;
        let start = match key {
            "" => 0,
            _ => self.key_start(key)?,
        };
        let at = start + yaml[start..].find(value)?;
        let line_start = yaml[..at].rfind('\n').map_or(0, |i| i + 1);
        Some((
            split.yaml_line + self.breaks_before(at),
            at - line_start + 1,
        ))
    }

    fn key_start(&mut self, key: &str) -> Option<usize> {
        if let Some((_, start)) = self.key_starts.iter().find(|(k, _)| k == key) {
            return *start;
        }
        let start = key_line_start(self.split.yaml, key);
        self.key_starts.push((key.to_string(), start));
        start
    }

    fn breaks_before(&mut self, at: usize) -> usize {
        let (from, before) = match self.counted {
            (offset, breaks) if offset <= at => (offset, breaks),
            _ => (0, 0),
        };
        let breaks = before
            + self.split.yaml.as_bytes()[from..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
        self.counted = (at, breaks);
        breaks
    }
}

/// Byte offset of the first line that holds `key:` after its indentation and dashes,
/// found by searching for the key rather than walking every line.
fn key_line_start(yaml: &str, key: &str) -> Option<usize> {
    yaml.match_indices(key).find_map(|(at, _)| {
        let line_start = yaml[..at].rfind('\n').map_or(0, |i| i + 1);
        let before = yaml[line_start..at].trim_start().trim_start_matches("- ");
        let is_key = before.is_empty() && yaml[at + key.len()..].starts_with(':');
        is_key.then_some(line_start)
    })
}

/// [`locate`] line by line, for empty values (the key's own line) and values with line
/// breaks (never found within one line).
fn locate_by_line(split: &Split<'_>, key: &str, value: &str) -> Option<(usize, usize)> {
    let mut key_seen = key.is_empty();
    for (i, line) in split.yaml.lines().enumerate() {
        let trimmed = line.trim_start().trim_start_matches("- ");
        if !key_seen && trimmed.starts_with(key) && trimmed[key.len()..].starts_with(':') {
            key_seen = true;
        }
        if key_seen && let Some(col) = find_value(line, key, value) {
            return Some((split.yaml_line + i, col + 1));
        }
    }
    None
}

fn find_value(line: &str, key: &str, value: &str) -> Option<usize> {
    if value.is_empty() {
        let trimmed = line.trim_start();
        let is_key = trimmed
            .trim_start_matches("- ")
            .starts_with(&format!("{key}:"));
        return is_key.then(|| line.len() - trimmed.len());
    }
    line.find(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::split;

    proptest::proptest! {
        /// The one-search `locate` finds what the line-by-line search finds.
        #[test]
        fn locate_agrees_with_the_line_by_line_search(
            yaml in "(( |- |  - )?(id|title|x)?(: )?(e1|e2|ä|\\r|[a-z ]{0,6})\r?\n){0,12}",
            key in "(id|title|x|- id| x|)",
            value in "(e1|e2|ä|ab|a|\\r|\\n|- id|)",
        ) {
            let split = Split { yaml: &yaml, yaml_line: 2, body: "", body_line: 1 };
            proptest::prop_assert_eq!(
                locate(&split, &key, &value),
                locate_by_line(&split, &key, &value)
            );
        }

        /// One locator asked for several values finds what a fresh search finds for each.
        #[test]
        fn a_locator_reused_agrees_with_fresh_searches(
            yaml in "(( |- |  - )?(id|title|x)?(: )?(e1|e2|ä|[a-z ]{0,6})\n){0,12}",
            asks in proptest::collection::vec(("(id|title|x|)", "(e1|e2|ä|ab|a)"), 1..6),
        ) {
            let split = Split { yaml: &yaml, yaml_line: 2, body: "", body_line: 1 };
            let mut locator = Locator::new(&split);
            for (key, value) in &asks {
                proptest::prop_assert_eq!(
                    locator.locate(key, value),
                    locate_by_line(&split, key, value)
                );
            }
        }
    }

    #[test]
    fn locates_values_after_their_key() {
        let s = split("---\ntitle: putin\nactors:\n  - selenskyj\n  - putn\n---\n").unwrap();
        assert_eq!(locate(&s, "actors", "putn"), Some((5, 5)));
        assert_eq!(locate(&s, "actors", "putin"), None);
    }
}
