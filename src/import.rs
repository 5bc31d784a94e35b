//! `dossier import seeds/FILE`: a raw source document (plain text) becomes a draft
//! briefing — title from the first line, the rest as paragraphs, the actors it names
//! (through their `aliases`) pre-filled, the seed as its first source, `draft: true`.

use std::path::{Path, PathBuf};

use crate::config::{BuildOptions, Config};
use crate::content;
use crate::date::PartialDate;
use crate::error::{Diagnostic, Error, Result};
use crate::names;
use crate::scaffold::{self, Kind, quoted};

/// A written draft and what went into it.
#[derive(Debug, Clone)]
pub struct Draft {
    pub path: PathBuf,
    pub title: String,
    /// Actor slugs found in the text, in the order of their first mention.
    pub actors: Vec<String>,
}

/// Imports the seed at `seed` (a path to a file in `<root>/seeds/`) as a draft dated `date`.
pub fn import(root: &Path, seed: &Path, date: &PartialDate) -> Result<Draft> {
    let config = Config::load(&BuildOptions {
        root: root.to_path_buf(),
        ..BuildOptions::default()
    })?;
    let name = seed_name(&config, seed)?;
    let file = config.seeds_dir().join(&name);
    let text = content::read_text(&file).map_err(|d| Error::Content(vec![d]))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut lines = text.lines().map(str::trim).skip_while(|l| l.is_empty());
    let Some(title) = lines.next().map(str::to_string) else {
        return Err(Error::Content(vec![
            Diagnostic::new(&file, "the document is empty")
                .hint("a seed's first line becomes the briefing's title"),
        ]));
    };
    let rest: Vec<&str> = lines.collect();
    let actors = actors_named(&config, text)?;
    let path = scaffold::path_for(root, Kind::Briefing, &title, date)?;
    let draft = draft_text(&title, date, &actors, &name, &paragraphs(&rest));
    scaffold::write_new(&path, &draft)?;
    Ok(Draft {
        path,
        title,
        actors,
    })
}

/// The seed's file name, checking that it lies in the site's `seeds/` folder.
fn seed_name(config: &Config, seed: &Path) -> Result<String> {
    let candidates = [seed.to_path_buf(), config.root.join(seed)];
    let Some(found) = candidates.iter().find(|p| p.is_file()) else {
        return Err(Error::Usage(format!(
            "{} is not a file; give the path of a document in {}",
            seed.display(),
            config.seeds_dir().display()
        )));
    };
    let dir = std::fs::canonicalize(config.seeds_dir()).ok();
    let parent = std::fs::canonicalize(found)
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf));
    match (dir, parent, found.file_name().and_then(|n| n.to_str())) {
        (Some(dir), Some(parent), Some(name)) if dir == parent => Ok(name.to_string()),
        _ => Err(Error::Usage(format!(
            "{} is not in {}; copy it there first, so the briefing can cite it as a seed",
            seed.display(),
            config.seeds_dir().display()
        ))),
    }
}

/// Slugs of the actors whose name or an alias occurs in `text`, by first mention.
fn actors_named(config: &Config, text: &str) -> Result<Vec<String>> {
    let (content, problems) = content::load_partial(config);
    if content.actors.is_empty() && !problems.is_empty() {
        return Err(Error::Content(problems));
    }
    let text = names::Text::new(text);
    let mut found: Vec<(names::Mention, String)> = content
        .actors
        .iter()
        .filter_map(|(slug, actor)| names::find_actor(&text, actor).map(|m| (m, slug.clone())))
        .collect();
    found.sort_by_key(|(m, slug)| (m.line, m.column, slug.clone()));
    Ok(found.into_iter().map(|(_, slug)| slug).collect())
}

/// Paragraphs of plain text: separated by blank lines if the text has any, otherwise
/// one per line (as in machine-translated copies).
fn paragraphs(lines: &[&str]) -> Vec<String> {
    if lines.iter().any(|l| l.is_empty()) {
        lines
            .split(|l| l.is_empty())
            .filter(|p| !p.is_empty())
            .map(|p| p.join(" "))
            .collect()
    } else {
        lines.iter().map(|l| l.to_string()).collect()
    }
}

/// Escapes what Markdown would read as markup, so the text stays as written.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    if out.starts_with(['#', '-', '+', '=']) {
        out.insert(0, '\\');
    } else if let Some(at) = out.find(['.', ')'])
        && at > 0
        && out[..at].chars().all(|c| c.is_ascii_digit())
    {
        // "2. Runde" would start an ordered list.
        out.insert(at, '\\');
    }
    out
}

fn draft_text(
    title: &str,
    date: &PartialDate,
    actors: &[String],
    seed: &str,
    paragraphs: &[String],
) -> String {
    let body: Vec<String> = paragraphs.iter().map(|p| escape_markdown(p)).collect();
    format!(
        r#"---
title: {title}
date: "{date}"
summary: ""                 # "Auf einen Blick": two or three sentences
draft: true                 # imported: check every sentence, then set to false
actors: [{actors}]
topics: []
places: []
sources:
  - title: "Originaldokument"
    seed: {seed}
    note: "Importiert; Herkunft prüfen"
events: []
quotes: []
---
{body}
"#,
        title = quoted(title),
        actors = actors.join(", "),
        seed = quoted(seed),
        body = body.join("\n\n"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_follow_blank_lines_or_else_lines() {
        assert_eq!(paragraphs(&["a", "b", "", "c"]), vec!["a b", "c"]);
        assert_eq!(paragraphs(&["a", "b"]), vec!["a", "b"]);
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(escape_markdown("# 1. *x* [y]"), r"\# 1. \*x\* \[y\]");
        assert_eq!(escape_markdown("2. Runde"), r"2\. Runde");
        assert_eq!(escape_markdown("Am 2. Mai"), "Am 2. Mai");
    }
}
