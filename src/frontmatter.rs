//! Splits a content file into YAML front matter and Markdown body, and maps YAML
//! errors and values back to line and column of the whole file.

use serde::Deserialize;
use serde::de::DeserializeOwned;

mod fast;
mod locate;

pub use locate::{Locator, locate};

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
    // Line ends found by one vectorised scan: a search per line cost more than the
    // line's length on front matter's short lines.
    let ends = memchr::memchr_iter(b'\n', &text.as_bytes()[first_end..])
        .map(|i| first_end + i + 1)
        .chain((!text.ends_with('\n')).then_some(text.len()));
    let mut offset = first_end;
    for (end, line) in ends.zip(2..) {
        if text[offset..end].trim_end() == "---" {
            return Ok(Split {
                yaml: &text[first_end..offset],
                yaml_line: 2,
                body: &text[end..],
                body_line: line + 1,
            });
        }
        offset = end;
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
    if let Some(error) = too_deep(split) {
        return Err(error);
    }
    // Plain front matter is read by the fast reader; anything it does not take, or that
    // does not fit `T`, is read again by the full parser for its exact errors.
    if let Some(value) = fast::parse(split.yaml)
        && let Ok(front) = T::deserialize(value)
    {
        return Ok(front);
    }
    serde_yaml::from_str(split.yaml).map_err(|e| yaml_error(split, &e))
}

/// Deepest nesting of `[ ]` and `{ }` the front matter may have. YAML's scanner takes time
/// quadratic in the nesting depth, so a 100,000-deep `[[[…` stalls a build for minutes
/// before the parser's own recursion limit would stop it.
const MAX_FLOW_DEPTH: usize = 100;
/// An upper bound on depth that quoted brackets cannot get around.
const MAX_FLOW_OPENERS: usize = 5_000;
const _: () = assert!(MAX_FLOW_DEPTH <= MAX_FLOW_OPENERS);

fn too_deep(split: &Split<'_>) -> Option<FrontMatterError> {
    // Brackets are ASCII: count bytes, and work out line and column only when refusing.
    // Depth never exceeds the number of openers, so few openers need no closer look.
    let bytes = split.yaml.as_bytes();
    if bytes.iter().filter(|&&b| b == b'[' || b == b'{').count() <= MAX_FLOW_DEPTH {
        return None;
    }
    let (mut depth, mut openers) = (0usize, 0usize);
    for (at, &b) in bytes.iter().enumerate() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                openers += 1;
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => continue,
        }
        if depth > MAX_FLOW_DEPTH || openers > MAX_FLOW_OPENERS {
            let before = &split.yaml[..at];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let (i, col) = (
                before.matches('\n').count(),
                before[line_start..].chars().count(),
            );
            return Some(FrontMatterError {
                message: format!(
                    "the front matter nests `[` and `{{` too deeply (more than {MAX_FLOW_DEPTH} levels or {MAX_FLOW_OPENERS} brackets)"
                ),
                hint: Some(
                    "write lists one `- item` per line, or move the data into a file".into(),
                ),
                position: Some((split.yaml_line + i, col + 1)),
            });
        }
    }
    None
}

fn tab_indent(split: &Split<'_>) -> Option<(usize, usize)> {
    if !split.yaml.contains('\t') {
        return None;
    }
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

/// The message without serde's path prefix (`events[0]: `), kept apart so hints match.
fn split_path(message: &str) -> (&str, &str) {
    match message.find(": ") {
        Some(i) if !message[..i].contains(' ') => (&message[..i + 2], &message[i + 2..]),
        _ => ("", message),
    }
}

fn humanise(message: &str) -> String {
    let (path, message) = split_path(message);
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return format!("{path}unknown field `{field}`");
    }
    format!("{path}{message}")
}

fn hint_for(message: &str) -> Option<String> {
    let message = split_path(message).1;
    if message.contains("expected usize") || message.contains("expected u32") {
        return Some("write a whole number without quotes, e.g. `2`".into());
    }
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
    if message.contains("expected struct") {
        return Some(
            "the front matter must be `key: value` lines, one field per line, e.g. `title: …`"
                .into(),
        );
    }
    if message.contains("put it in quotes") {
        return Some("write text in quotes, e.g. `title: \"2025\"`".into());
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

/// Reads a text field, refusing numbers and booleans (`title: 42` is more likely a slip
/// than a headline; `title: "42"` is accepted).
pub fn text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    use serde::de::{Error, Unexpected};
    match serde_yaml::Value::deserialize(d)? {
        serde_yaml::Value::String(s) => Ok(s),
        serde_yaml::Value::Number(n) => Err(D::Error::invalid_type(
            Unexpected::Other(&format!("number {n}")),
            &"text (put it in quotes)",
        )),
        serde_yaml::Value::Bool(b) => Err(D::Error::invalid_type(
            Unexpected::Bool(b),
            &"text (put it in quotes)",
        )),
        _ => Err(D::Error::invalid_type(
            Unexpected::Other("a list, mapping or nothing"),
            &"text",
        )),
    }
}

/// [`text`] for an optional field.
pub fn optional_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    text(d).map(Some)
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
    fn deep_flow_nesting_is_refused_before_parsing() {
        let yaml = format!(
            "---\ntitle: x\nextra: {}{}\n---\n",
            "[".repeat(200),
            "]".repeat(200)
        );
        let e = parse::<Doc>(&split(&yaml).unwrap()).unwrap_err();
        assert!(e.message.contains("too deeply"), "{}", e.message);
        assert_eq!(e.position, Some((3, 8 + MAX_FLOW_DEPTH)));
        let fine = format!(
            "---\ntitle: x\nextra: {}{}\n---\n",
            "[".repeat(50),
            "]".repeat(50)
        );
        assert!(parse::<serde_yaml::Value>(&split(&fine).unwrap()).is_ok());
    }

    #[test]
    fn tabs_are_reported_where_they_are() {
        let s = split("---\ntitle: x\n\tfoo: 1\n---\n").unwrap();
        assert_eq!(parse::<Doc>(&s).unwrap_err().position, Some((3, 1)));
    }
}
