//! Splits a content file into YAML front matter and Markdown body, and maps YAML
//! errors and values back to line and column of the whole file.

use serde::de::DeserializeOwned;

/// A content file cut at its `---` fences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Line of the file (1-based) on which the YAML block starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// Line of the file (1-based) on which the body starts.
    pub body_line: usize,
}

/// What is wrong with a file's fences or YAML, with the position in the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub message: String,
    pub hint: Option<String>,
    pub position: Option<(usize, usize)>,
}

/// Cuts `text` into front matter and body. A UTF-8 BOM and CRLF line endings are accepted.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return Err(FrontMatterError {
            message: "the file does not start with front matter".into(),
            hint: Some(
                "begin the file with a line `---`, the YAML fields, and a closing `---`".into(),
            ),
            position: Some((1, 1)),
        });
    }
    let mut offset = first_end;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        if text[offset..end].trim_end() == "---" {
            return Ok(Split {
                yaml: &text[first_end..offset],
                yaml_line: 2,
                body: &text[end..],
                body_line: line + 1,
            });
        }
        offset = end;
        line += 1;
    }
    Err(FrontMatterError {
        message: "the front matter is never closed".into(),
        hint: Some("add a line `---` after the last YAML field, before the Markdown body".into()),
        position: Some((1, 1)),
    })
}

/// Deserialises the YAML block, reporting errors at their place in the whole file.
pub fn parse<T: DeserializeOwned>(split: &Split<'_>) -> Result<T, FrontMatterError> {
    if split.yaml.trim().is_empty() {
        return Err(FrontMatterError {
            message: "the front matter is empty".into(),
            hint: Some("add the required fields between the `---` lines".into()),
            position: Some((split.yaml_line, 1)),
        });
    }
    if let Some(position) = tab_indent(split) {
        return Err(FrontMatterError {
            message: "a tab character indents this line; YAML allows only spaces".into(),
            hint: Some("replace the tab with spaces".into()),
            position: Some(position),
        });
    }
    serde_yaml::from_str(split.yaml).map_err(|e| yaml_error(split, &e))
}

fn tab_indent(split: &Split<'_>) -> Option<(usize, usize)> {
    split.yaml.lines().enumerate().find_map(|(i, l)| {
        let indent = l.len() - l.trim_start_matches([' ', '\t']).len();
        l[..indent]
            .find('\t')
            .map(|col| (split.yaml_line + i, col + 1))
    })
}

fn yaml_error(split: &Split<'_>, error: &serde_yaml::Error) -> FrontMatterError {
    let raw = error.to_string();
    // The library appends " at line L column C"; we print our own, file-based position.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    let position = error.location().map(|loc| {
        (
            split.yaml_line + loc.line().saturating_sub(1),
            loc.column().max(1),
        )
    });
    FrontMatterError {
        hint: hint_for(&message),
        message: humanise(&message),
        // Some errors (alias bombs) carry no place: point at the start of the block.
        position: position.or(Some((split.yaml_line, 1))),
    }
}

fn humanise(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return format!("unknown field `{field}`");
    }
    message.to_string()
}

fn hint_for(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let expected = rest.split_once(", expected ").map(|(_, e)| e);
        return Some(match expected {
            Some(e) => {
                format!("check the spelling; allowed here: {e}; free-form data goes under `extra:`")
            }
            None => "check the spelling; free-form data goes under `extra:`".into(),
        });
    }
    if message.contains("repetition limit exceeded") || message.contains("recursion limit") {
        return Some(
            "the YAML repeats aliases (`*name`) or nests too deeply; write the values out".into(),
        );
    }
    if message.starts_with("missing field") {
        return Some("add the field; it is required".into());
    }
    if message.starts_with("duplicate field") || message.contains("duplicate entry") {
        return Some("remove one of the two entries".into());
    }
    if message.contains("invalid type") {
        return Some("a list is written `[a, b]` or as `- item` lines; quote text that looks like a number or date".into());
    }
    if message.contains("did not find expected")
        || message.contains("mapping values are not allowed")
    {
        return Some("put text containing `:` or `#` in quotes, and check the indentation".into());
    }
    None
}

/// Finds where a value stands in the front matter, for errors found after parsing
/// (an unknown actor slug, a missing seed): the first line at or after the line of
/// `key` that contains `value`.
pub fn locate(split: &Split<'_>, key: &str, value: &str) -> Option<(usize, usize)> {
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
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        #[allow(dead_code)]
        title: String,
    }

    #[test]
    fn splits_and_counts_lines_from_the_top_of_the_file() {
        let s = split("---\ntitle: x\n---\nbody\n").unwrap();
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn accepts_bom_and_crlf() {
        let s = split("\u{feff}---\r\ntitle: x\r\n---\r\nbody").unwrap();
        assert_eq!(parse::<Doc>(&s).unwrap().title, "x");
        assert_eq!(s.body, "body");
    }

    #[test]
    fn reports_missing_or_unclosed_fences() {
        assert!(
            split("title: x\n")
                .unwrap_err()
                .message
                .contains("does not start")
        );
        assert!(
            split("---\ntitle: x\n")
                .unwrap_err()
                .message
                .contains("never closed")
        );
        assert!(split("").is_err());
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let s = split("---\ntitle: x\ntitel: y\n---\n").unwrap();
        let e = parse::<Doc>(&s).unwrap_err();
        assert_eq!(e.message, "unknown field `titel`");
        assert_eq!(e.position.map(|p| p.0), Some(3));
        assert!(e.hint.unwrap().contains("title"));
    }

    #[test]
    fn tabs_are_reported_where_they_are() {
        let s = split("---\ntitle: x\n\tfoo: 1\n---\n").unwrap();
        assert_eq!(parse::<Doc>(&s).unwrap_err().position, Some((3, 1)));
    }

    #[test]
    fn locates_values_after_their_key() {
        let s = split("---\ntitle: putin\nactors:\n  - selenskyj\n  - putn\n---\n").unwrap();
        assert_eq!(locate(&s, "actors", "putn"), Some((5, 5)));
        assert_eq!(locate(&s, "actors", "putin"), None);
    }
}
