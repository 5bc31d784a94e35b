//! Positions of values in a front matter block, for errors found after parsing.

use super::Split;

/// Finds where a value stands in the front matter, for errors found after parsing
/// (an unknown actor slug, a missing seed): the first line at or after the line of
/// `key` that contains `value`.
pub fn locate(split: &Split<'_>, key: &str, value: &str) -> Option<(usize, usize)> {
    let odd_key = key.starts_with(|c: char| c == '-' || c.is_whitespace());
    if value.is_empty() || value.contains(['\n', '\r']) || odd_key {
        return locate_by_line(split, key, value);
    }
    // Every event of a briefing is located while loading: find the key's line, then
    // search the rest of the block once instead of line by line. A value without line
    // breaks first occurs in the first line that contains it, at the same column.
    let yaml = split.yaml;
    let start = match key {
        "" => 0,
        _ => key_line_start(yaml, key)?,
    };
    let at = start + yaml[start..].find(value)?;
    let line_start = yaml[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = yaml.as_bytes()[..at]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    Some((split.yaml_line + line, at - line_start + 1))
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
    }

    #[test]
    fn locates_values_after_their_key() {
        let s = split("---\ntitle: putin\nactors:\n  - selenskyj\n  - putn\n---\n").unwrap();
        assert_eq!(locate(&s, "actors", "putn"), Some((5, 5)));
        assert_eq!(locate(&s, "actors", "putin"), None);
    }
}
