//! Per-file validation helpers: collect every problem of a file, each placed at its line.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::content::event::EventFront;
use crate::content::source::Source;
use crate::error::Diagnostic;
use crate::frontmatter::{self, Split};

/// The names a file may refer to, known before the file is read.
#[derive(Debug, Default)]
pub struct Known {
    pub actors: BTreeSet<String>,
    /// Alias or name (lowercased) to actor slug, for "did you mean" hints.
    pub alias_to_actor: BTreeMap<String, String>,
    pub seeds: BTreeSet<String>,
}

/// The longest slug a topic or place label may give: it names the label's page file.
const MAX_LABEL_SLUG: usize = 120;

/// Collects the problems of one file.
pub struct Checker<'a> {
    pub file: &'a Path,
    pub split: &'a Split<'a>,
    pub found: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    pub fn new(file: &'a Path, split: &'a Split<'a>) -> Self {
        Checker {
            file,
            split,
            found: Vec::new(),
        }
    }

    /// Records a problem with `value` written under `key`.
    pub fn error(&mut self, key: &str, value: &str, message: String, hint: impl Into<String>) {
        let position = frontmatter::locate(self.split, key, value)
            .or_else(|| frontmatter::locate(self.split, key, ""));
        self.found.push(
            Diagnostic::new(self.file, message)
                .at_opt(position)
                .hint(hint),
        );
    }

    pub fn actor_refs(&mut self, key: &str, slugs: &[String], known: &Known) {
        for slug in slugs {
            if !known.actors.contains(slug) {
                let hint = match suggest(slug, known) {
                    Some(s) => format!(
                        "did you mean `{s}`? Actor slugs are the file names in content/actors/"
                    ),
                    None => format!("create content/actors/{slug}.md or correct the slug"),
                };
                self.error(key, slug, format!("unknown actor `{slug}`"), hint);
            }
        }
    }

    pub fn sources(&mut self, sources: &[Source], known: &Known) {
        for source in sources {
            for (key, value, message, hint) in source.problems() {
                self.error(key, &value, message, hint);
            }
            if let Some(seed) = &source.seed
                && !known.seeds.contains(seed)
            {
                let listed: Vec<&str> = known.seeds.iter().map(String::as_str).collect();
                let hint = if listed.is_empty() {
                    "put the raw document into seeds/ and name its file here".to_string()
                } else {
                    format!("seeds/ holds: {}", listed.join(", "))
                };
                self.error(
                    "seed",
                    seed,
                    format!("seed `{seed}` does not exist in seeds/"),
                    hint,
                );
            }
        }
    }

    /// Checks an event definition; references (only `id`) are checked across the site later.
    pub fn event(&mut self, event: &EventFront, known: &Known) {
        if event.is_reference() {
            return;
        }
        let anchor = event
            .id
            .clone()
            .or_else(|| event.title.clone())
            .unwrap_or_default();
        let key = if event.id.is_some() { "id" } else { "title" };
        if event.date.is_none() {
            self.error(key, &anchor, "an event needs a `date`".into(),
                "add `date: YYYY-MM-DD` (or YYYY-MM, YYYY); an entry with only `id` links an existing event");
        }
        if event.title.is_none() {
            self.error(
                "id",
                &anchor,
                "an event needs a `title`".into(),
                "add `title: …`",
            );
        }
        if let (Some(start), Some(end)) = (event.date, event.end)
            && end < start
        {
            self.error(
                "end",
                &end.to_string(),
                format!("event ends ({end}) before it starts ({start})"),
                "swap `date` and `end`, or correct one of them",
            );
        }
        if let Some(id) = &event.id
            && !crate::slug::is_slug(id)
        {
            self.error(
                "id",
                id,
                format!("event id `{id}` is not a slug"),
                format!(
                    "use lowercase letters, digits and dashes, e.g. `{}`",
                    crate::slug::slugify(id)
                ),
            );
        }
        if let Some(kind) = &event.kind
            && !crate::slug::is_slug(kind)
        {
            self.error(
                "kind",
                kind,
                format!("event kind `{kind}` is not a slug"),
                "use a lowercase word such as talks, attack, statement",
            );
        }
        self.actor_refs("actors", &event.actors, known);
        self.sources(&event.sources, known);
    }

    /// Labels (topics, places) must yield a usable slug.
    pub fn labels(&mut self, key: &str, labels: &[String]) {
        for label in labels {
            if crate::slug::slugify(label).is_empty() {
                self.error(
                    key,
                    label,
                    format!("`{label}` in `{key}` has no letters or digits"),
                    "name it with at least one letter or digit",
                );
            }
            // The slug becomes a file name; file systems refuse names over 255 bytes.
            let length = crate::slug::slugify(label).len();
            if length > MAX_LABEL_SLUG {
                let shown: String = label.chars().take(40).collect();
                self.error(
                    key,
                    label,
                    format!(
                        "`{shown}…` in `{key}` is too long for a page name ({length} characters)"
                    ),
                    format!("shorten it to at most {MAX_LABEL_SLUG} letters"),
                );
            }
        }
    }
}

/// The closest known actor slug to a misspelt one, by alias or edit distance.
pub fn suggest(wrong: &str, known: &Known) -> Option<String> {
    if let Some(slug) = known.alias_to_actor.get(&wrong.to_lowercase()) {
        return Some(slug.clone());
    }
    let limit = (wrong.chars().count() / 3).max(1);
    known
        .actors
        .iter()
        .map(|s| (edit_distance(wrong, s), s))
        .chain(
            known
                .alias_to_actor
                .iter()
                .map(|(alias, s)| (edit_distance(&wrong.to_lowercase(), alias), s)),
        )
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, s)| s.clone())
}

pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Known {
        let mut k = Known::default();
        k.actors.insert("selenskyj".into());
        k.actors.insert("putin".into());
        k.alias_to_actor
            .insert("zelenskyy".into(), "selenskyj".into());
        k
    }

    #[test]
    fn suggests_by_spelling_and_by_alias() {
        assert_eq!(suggest("putn", &known()).as_deref(), Some("putin"));
        assert_eq!(suggest("Zelenskyy", &known()).as_deref(), Some("selenskyj"));
        assert_eq!(suggest("zelensky", &known()).as_deref(), Some("selenskyj"));
        assert_eq!(suggest("macron", &known()), None);
    }

    #[test]
    fn edit_distance_counts_single_changes() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
