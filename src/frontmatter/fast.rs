//! A fast reader for the plain YAML nearly all front matter is written in: block mappings
//! and sequences, one-line quoted strings and `[a, b]` lists. It gives up (`None`) on
//! anything else, and the full parser then reads the file, so results and errors stay
//! exactly those of `serde_yaml`.
//!
//! Why: the full parser (a port of libyaml) spends ~300,000 instructions on a 40-line
//! front matter; this reader needs a tenth of that. The result is a `serde_yaml::Value`
//! built with the same scalar rules as `serde_yaml` (see `scalar`); the typed front
//! matter is then deserialised from it by `serde_yaml`'s own code.
//!
//! Everything it accepts it must read as `serde_yaml` does, so it accepts little: no
//! anchors, aliases, tags, block scalars, multi-line or escaped-beyond-the-basics
//! strings, flow mappings, nested flow lists, comments after values, `null`/`~`,
//! anything that may be a float or a signed or non-decimal number, quoted or
//! non-identifier keys, duplicate keys.
//! `fast_tests.rs` and `fast_props.rs` compare it with `serde_yaml` on tables of tricky
//! scalars and on generated front matter.

use serde_yaml::{Mapping, Value};

/// Deeper block nesting is left to the full parser (and its recursion limit).
const MAX_DEPTH: usize = 24;
/// Longer keys are left to the full parser (libyaml limits implicit keys to 1,024 chars).
const MAX_KEY: usize = 64;

/// One line that is neither blank nor a comment: its indentation and its text without
/// the indentation and trailing spaces.
#[derive(Clone, Copy)]
struct Line<'a> {
    indent: usize,
    text: &'a str,
}

/// Reads `yaml` if it is plain enough; `None` means "ask the full parser".
pub(super) fn parse(yaml: &str) -> Option<Value> {
    if !plain_characters(yaml) {
        return None;
    }
    let mut lines = Vec::with_capacity(64);
    let mut start = 0;
    // `split('\n')` searches again from each line start; one vectorised scan finds all.
    let ends = memchr::memchr_iter(b'\n', yaml.as_bytes()).chain(std::iter::once(yaml.len()));
    for end in ends {
        let raw = &yaml[start..end];
        start = end + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let text = raw.trim_start_matches(' ');
        let indent = raw.len() - text.len();
        let text = text.trim_end_matches(' ');
        if text.is_empty() {
            continue;
        }
        if text.starts_with('#') {
            // A comment line; indented ones could sit inside a scalar: leave those alone.
            if indent > 0 {
                return None;
            }
            continue;
        }
        lines.push(Line { indent, text });
    }
    if lines.first()?.indent != 0 {
        return None;
    }
    let mut reader = Reader {
        lines,
        pos: 0,
        depth: 0,
    };
    let map = reader.mapping(0)?;
    (reader.pos == reader.lines.len()).then_some(Value::Mapping(map))
}

/// Whether every character is one libyaml reads as itself: no control characters other
/// than line feeds (CR only before LF), no tabs, no C1 controls (NEL is a line break to
/// YAML), no LS/PS line breaks, no BOM, no U+FFFE/U+FFFF. Checked on the UTF-8 bytes.
fn plain_characters(yaml: &str) -> bool {
    let bytes = yaml.as_bytes();
    // Most blocks of front matter hold none of the bytes that need a closer look; a test
    // of a whole block at a time compiles to vector instructions.
    const BLOCK: usize = 32;
    let suspect = |b: u8| (b < 0x20 && b != b'\n') | matches!(b, 0x7f | 0xc2 | 0xe2 | 0xef);
    for (n, block) in bytes.chunks(BLOCK).enumerate() {
        if block.iter().fold(false, |any, &b| any | suspect(b))
            && !plain_from(bytes, n * BLOCK, n * BLOCK + block.len())
        {
            return false;
        }
    }
    true
}

/// The byte by byte check of `plain_characters` for `bytes[from..to]` (it may look at
/// the bytes after `to`).
fn plain_from(bytes: &[u8], from: usize, to: usize) -> bool {
    for (i, &b) in bytes.iter().enumerate().take(to).skip(from) {
        let next = |n: usize| bytes.get(i + n).copied().unwrap_or(0);
        let refused = match b {
            b'\n' | 0x20..0x7f => false,
            b'\r' => next(1) != b'\n',
            0..0x20 | 0x7f => true,
            // U+0080..U+009F
            0xc2 => next(1) < 0xa0,
            // U+2028, U+2029
            0xe2 => next(1) == 0x80 && matches!(next(2), 0xa8 | 0xa9),
            // U+FEFF, U+FFFE, U+FFFF
            0xef => matches!((next(1), next(2)), (0xbb, 0xbf) | (0xbf, 0xbe | 0xbf)),
            _ => false,
        };
        if refused {
            return false;
        }
    }
    true
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
    depth: usize,
}

impl<'a> Reader<'a> {
    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// A block mapping whose keys stand at `indent`.
    fn mapping(&mut self, indent: usize) -> Option<Mapping> {
        self.enter()?;
        let mut map = Mapping::with_capacity(self.keys_at(indent));
        while let Some(&line) = self.lines.get(self.pos) {
            if line.indent < indent {
                break;
            }
            if line.indent > indent || is_item(line.text) {
                return None;
            }
            let (key, rest) = entry(line.text)?;
            self.pos += 1;
            let value = if rest.is_empty() {
                self.nested(indent)?
            } else {
                inline(rest)?
            };
            if map.insert(key, value).is_some() {
                return None;
            }
        }
        self.depth -= 1;
        Some(map)
    }

    /// How many lines from here on stand at `indent` before the block ends: the keys
    /// of the mapping starting here, so that it is made at its size at once.
    fn keys_at(&self, indent: usize) -> usize {
        self.lines[self.pos.min(self.lines.len())..]
            .iter()
            .take_while(|l| l.indent >= indent)
            .filter(|l| l.indent == indent)
            .count()
    }

    /// The value of `key:` with nothing after the colon: what the following lines hold.
    fn nested(&mut self, indent: usize) -> Option<Value> {
        match self.lines.get(self.pos) {
            Some(l) if l.indent > indent && is_item(l.text) => self.sequence(l.indent),
            Some(l) if l.indent > indent => self.mapping(l.indent).map(Value::Mapping),
            // YAML lets a list under a key start at the key's own indentation.
            Some(l) if l.indent == indent && is_item(l.text) => self.sequence(indent),
            // Nothing: an empty value, which serde_yaml reads as null (or an empty list/map).
            _ => Some(Value::Null),
        }
    }

    /// A block sequence whose dashes stand at `indent`.
    fn sequence(&mut self, indent: usize) -> Option<Value> {
        self.enter()?;
        let mut items = Vec::new();
        while let Some(&line) = self.lines.get(self.pos) {
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return None;
            }
            if !is_item(line.text) {
                break;
            }
            let item = line.text.strip_prefix("- ")?;
            if item.starts_with(' ') || is_item(item) {
                return None;
            }
            let value = if key_len(item).is_some() {
                // `- key: value` opens a mapping whose keys stand two columns in.
                self.lines[self.pos] = Line {
                    indent: indent + 2,
                    text: item,
                };
                Value::Mapping(self.mapping(indent + 2)?)
            } else {
                self.pos += 1;
                inline(item)?
            };
            items.push(value);
        }
        self.depth -= 1;
        Some(Value::Sequence(items))
    }
}

fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// Length of the key if `text` is `key:` or `key: …` with a simple key.
fn key_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if !bytes.first()?.is_ascii_alphabetic() {
        return None;
    }
    let len = bytes
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))?;
    let after = &bytes[len..];
    let is_key = len <= MAX_KEY && after[0] == b':' && after.get(1).is_none_or(|&b| b == b' ');
    is_key.then_some(len)
}

/// Splits `key: rest` into the key (only keys that read as text) and the rest.
fn entry(text: &str) -> Option<(Value, &str)> {
    let len = key_len(text)?;
    let key = scalar(&text[..len])?;
    if !key.is_string() {
        return None;
    }
    Some((key, text[len + 1..].trim_start_matches(' ')))
}

/// A value written on the rest of the line.
fn inline(text: &str) -> Option<Value> {
    match text.as_bytes()[0] {
        b'"' | b'\'' => {
            let (s, rest) = quoted(text)?;
            rest.trim_start_matches(' ')
                .is_empty()
                .then_some(Value::String(s))
        }
        b'[' => flow_sequence(text),
        _ => {
            // Block context: `: ` would start a mapping, ` #` a comment, `:` at the end too.
            if text.contains('#') || text.contains(": ") || text.ends_with(':') {
                return None;
            }
            scalar(text)
        }
    }
}

/// `[a, "b", 'c']` on one line, holding scalars only.
fn flow_sequence(text: &str) -> Option<Value> {
    let mut rest = text[1..].trim_start_matches(' ');
    let mut items = Vec::new();
    if let Some(after) = rest.strip_prefix(']') {
        return after.is_empty().then_some(Value::Sequence(items));
    }
    loop {
        let after = match rest.as_bytes().first()? {
            b'"' | b'\'' => {
                let (s, after) = quoted(rest)?;
                items.push(Value::String(s));
                after
            }
            _ => {
                let end = rest.find([',', ']'])?;
                let item = rest[..end].trim_end_matches(' ');
                if item.is_empty() || item.contains([':', '#', '[', '{', '}', '"', '\'']) {
                    return None;
                }
                items.push(scalar(item)?);
                &rest[end..]
            }
        };
        let after = after.trim_start_matches(' ');
        if let Some(next) = after.strip_prefix(',') {
            rest = next.trim_start_matches(' ');
            if rest.starts_with(']') {
                return None;
            }
        } else {
            let after = after.strip_prefix(']')?;
            return after.is_empty().then_some(Value::Sequence(items));
        }
    }
}

/// A one-line `"…"` (with the common escapes) or `'…'` string, and what follows it.
fn quoted(text: &str) -> Option<(String, &str)> {
    let quote = text.as_bytes()[0];
    let body = &text[1..];
    let mut out = String::with_capacity(body.len());
    let mut start = 0;
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' if quote == b'\'' => {
                out.push_str(&body[start..i]);
                if bytes.get(i + 1) == Some(&b'\'') {
                    out.push('\'');
                    i += 2;
                    start = i;
                    continue;
                }
                return Some((out, &body[i + 1..]));
            }
            b'"' if quote == b'"' => {
                out.push_str(&body[start..i]);
                return Some((out, &body[i + 1..]));
            }
            b'\\' if quote == b'"' => {
                out.push_str(&body[start..i]);
                out.push(match bytes.get(i + 1)? {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'/' => '/',
                    b'n' => '\n',
                    b't' => '\t',
                    _ => return None,
                });
                i += 2;
                start = i;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// A plain scalar, resolved as `serde_yaml` resolves untagged scalars (its
/// `visit_untagged_scalar`) for the forms accepted here: `true`/`false` in three
/// spellings, decimal integers without sign or leading zero, digits with a leading zero
/// (text), words and other text that cannot be a number. Null words, floats, `inf`/`nan`,
/// signs, `0x…`, `1_000` and anything else starting with punctuation are left to the
/// full parser.
fn scalar(text: &str) -> Option<Value> {
    let bytes = text.as_bytes();
    match bytes[0] {
        b'0'..=b'9' => {
            if bytes.iter().all(u8::is_ascii_digit) {
                if bytes.len() > 1 && bytes[0] == b'0' {
                    return Some(Value::String(text.to_string()));
                }
                return text.parse::<u64>().ok().map(|n| Value::Number(n.into()));
            }
            let text_only = is_date(bytes) || bytes.iter().any(|&b| !maybe_numeric(b));
            text_only.then(|| Value::String(text.to_string()))
        }
        b if b.is_ascii_alphabetic() || b >= 0x80 => match text {
            "true" | "True" | "TRUE" => Some(Value::Bool(true)),
            "false" | "False" | "FALSE" => Some(Value::Bool(false)),
            "null" | "Null" | "NULL" => None,
            _ if ["inf", "infinity", "nan"]
                .iter()
                .any(|w| text.eq_ignore_ascii_case(w)) =>
            {
                None
            }
            _ => Some(Value::String(text.to_string())),
        },
        _ => None,
    }
}

/// Whether `b` can occur in something serde_yaml reads as a number: Rust's integer
/// parsing in bases 2, 8, 10 and 16 behind `0b`/`0o`/`0x` and signs, and its float
/// parsing (`1.5e-3`, `inf`, `infinity`, `nan` in any case); `_` for good measure.
/// A scalar starting with a digit that holds any other byte (`2022-03-10-antalya`,
/// `12:30`, `3 Tage`) is text.
fn maybe_numeric(b: u8) -> bool {
    b.is_ascii_digit() || b"+-._abcdefinotxyABCDEFINOTXY".contains(&b)
}

/// `2024-03` or `2024-03-18`: neither an integer nor a float to serde_yaml (a sign
/// only stands first or after an exponent).
fn is_date(bytes: &[u8]) -> bool {
    let digits = |r: std::ops::Range<usize>| bytes[r].iter().all(u8::is_ascii_digit);
    match bytes.len() {
        7 => digits(0..4) && bytes[4] == b'-' && digits(5..7),
        10 => digits(0..4) && bytes[4] == b'-' && digits(5..7) && bytes[7] == b'-' && digits(8..10),
        _ => false,
    }
}

#[cfg(test)]
#[path = "fast_props.rs"]
mod props;
#[cfg(test)]
#[path = "fast_tests.rs"]
mod tests;
