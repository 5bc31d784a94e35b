//! New files for editors: `dossier new briefing|actor|event "Title"` writes a correctly
//! named file with the whole front matter to fill in, and `dossier init DIR` a site
//! skeleton that builds at once. Nothing here ever overwrites a file.

use std::path::{Path, PathBuf};

use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::slug::slugify;

/// What `dossier new` creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Briefing,
    Actor,
    Event,
}

impl Kind {
    fn folder(self) -> &'static str {
        match self {
            Kind::Briefing => "briefings",
            Kind::Actor => "actors",
            Kind::Event => "events",
        }
    }
}

/// Longest slug taken from a title, in characters; longer titles are cut at a word.
const MAX_SLUG: usize = 60;

/// The slug of a title, cut at a word boundary so file names stay readable.
pub fn title_slug(title: &str) -> String {
    let full = slugify(title);
    if full.len() <= MAX_SLUG {
        return full;
    }
    let mut cut = String::new();
    for word in full.split('-') {
        if !cut.is_empty() && cut.len() + 1 + word.len() > MAX_SLUG {
            break;
        }
        if !cut.is_empty() {
            cut.push('-');
        }
        cut.push_str(word);
    }
    cut.chars().take(MAX_SLUG).collect()
}

/// The file `new` writes for `title`: `content/<kind>/<date>-<slug>.md`, without the
/// date for actors.
pub fn path_for(root: &Path, kind: Kind, title: &str, date: &PartialDate) -> Result<PathBuf> {
    let slug = title_slug(title);
    if slug.is_empty() {
        return Err(Error::Usage(format!(
            "the title `{title}` has no letters or digits to make a file name from"
        )));
    }
    let name = match kind {
        Kind::Actor => format!("{slug}.md"),
        _ => format!("{date}-{slug}.md"),
    };
    Ok(root.join("content").join(kind.folder()).join(name))
}

/// Writes a new content file and returns its path; refuses to replace an existing one.
pub fn new_file(root: &Path, kind: Kind, title: &str, date: &PartialDate) -> Result<PathBuf> {
    if !root.join("site.yaml").is_file() {
        return Err(Error::Usage(format!(
            "{} holds no site.yaml; run `dossier init DIR` first or pass --root",
            root.display()
        )));
    }
    let path = path_for(root, kind, title, date)?;
    let slug = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let text = match kind {
        Kind::Briefing => briefing_template(title, date),
        Kind::Actor => actor_template(title),
        Kind::Event => event_template(slug, title, date),
    };
    write_new(&path, &text)?;
    Ok(path)
}

/// Creates a file that must not exist yet, and its folder.
pub fn write_new(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create folder", parent, e))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::Exists(path.to_path_buf()),
            _ => Error::io("create", path, e),
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| Error::io("write", path, e))
}

/// A YAML double-quoted string.
pub fn quoted(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', " ");
    format!("\"{escaped}\"")
}

fn briefing_template(title: &str, date: &PartialDate) -> String {
    format!(
        r#"---
title: {title}
date: "{date}"
# updated: "{date}"
summary: ""                 # "Auf einen Blick": two or three sentences
draft: true                 # set to false to publish
actors: []                  # slugs of files in content/actors/, e.g. [putin, selenskyj]
topics: []
places: []
sources: []
#  - title: "…"
#    publisher: "…"
#    url: "https://…"
#    date: "{date}"
events: []
#  - date: "{date}"
#    title: "…"
#    actors: []
#    status: reported       # confirmed | reported | unconfirmed | disputed
#    sources: [{{ url: "https://…" }}]
quotes: []
#  - actor: putin
#    text: "…"              # the words exactly as in the text below
#    source: 1
---
Der Text des Briefings. Links auf andere Inhalte über ihre Datei, z. B.
`[Putin](../actors/putin.md)` oder `[Treffen](@/events/2025-03-11-dschidda.md)`.
"#,
        title = quoted(title),
    )
}

fn actor_template(name: &str) -> String {
    format!(
        r#"---
name: {name}
kind: person                # person | state | organisation
# role: "…"                 # the current role, in a few words
roles: []
#  - title: "…"
#    from: "YYYY-MM-DD"
#    source: "https://…"
# country: ukraine          # an actor slug
aliases: []                 # other spellings found in texts, e.g. English ones
---
Profil.
"#,
        name = quoted(name),
    )
}

fn event_template(id: &str, title: &str, date: &PartialDate) -> String {
    format!(
        r#"---
id: {id}
date: "{date}"
# end: "{date}"
title: {title}
actors: []
# place: "…"
kind: talks                 # attack, talks, call, statement, ceasefire, decision, proposal, report
status: reported            # confirmed | reported | unconfirmed | disputed
summary: ""
sources: []
#  - publisher: "…"
#    url: "https://…"
---
"#,
        title = quoted(title),
    )
}

/// The files of a new site, as (relative path, text).
const SKELETON: &[(&str, &str)] = &[
    ("site.yaml", include_str!("scaffold/site.yaml")),
    (".gitignore", "public/\n"),
    (
        "content/actors/maria-muster.md",
        include_str!("scaffold/maria-muster.md"),
    ),
    (
        "content/events/2025-01-15-erstes-treffen.md",
        include_str!("scaffold/erstes-treffen.md"),
    ),
    (
        "content/briefings/2025-01-16-beispiel-briefing.md",
        include_str!("scaffold/beispiel-briefing.md"),
    ),
];

/// Creates a site skeleton in `dir`, which must be missing or empty; returns the files written.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>> {
    if let Ok(mut entries) = std::fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(Error::Usage(format!(
            "{} exists and is not empty; choose a new folder name",
            dir.display()
        )));
    }
    let mut written = Vec::new();
    for (relative, text) in SKELETON {
        let path = dir.join(relative);
        write_new(&path, text)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_come_from_transliterated_titles_with_dates() {
        let date = PartialDate::parse("2025-04-17").unwrap();
        let root = Path::new("s");
        assert_eq!(
            path_for(root, Kind::Briefing, "Gespräche in Genf", &date).unwrap(),
            Path::new("s/content/briefings/2025-04-17-gespraeche-in-genf.md")
        );
        assert_eq!(
            path_for(root, Kind::Actor, "Jens Plötner", &date).unwrap(),
            Path::new("s/content/actors/jens-ploetner.md")
        );
        assert!(path_for(root, Kind::Event, "!!!", &date).is_err());
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let slug = title_slug(
            "Der russische Präsident Wladimir Putin hat zum ersten Mal seit Jahren die Bereitschaft",
        );
        assert!(slug.len() <= MAX_SLUG, "{slug}");
        assert!(slug.starts_with("der-russische-praesident-wladimir-putin"));
        assert!(!slug.ends_with('-'));
    }

    #[test]
    fn quoting_keeps_yaml_valid() {
        assert_eq!(
            quoted(r#"Er sagte "ja" \ nein"#),
            r#""Er sagte \"ja\" \\ nein""#
        );
    }
}
