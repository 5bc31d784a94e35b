//! Events: dated happenings, carried by briefings or standing alone in `content/events/`.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::content::check::{Checker, Known};
use crate::content::source::Source;
use crate::content::{front_matter_problem, read_text};
use crate::date::PartialDate;
use crate::error::Diagnostic;
use crate::frontmatter;
use crate::slug::slugify;

/// How well an event is established; shown to readers in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Confirmed,
    Reported,
    Unconfirmed,
    Disputed,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Confirmed => "confirmed",
            Status::Reported => "reported",
            Status::Unconfirmed => "unconfirmed",
            Status::Disputed => "disputed",
        }
    }
}

/// An event as written in front matter. In a briefing, an entry with only `id`
/// links an event defined elsewhere instead of defining one.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFront {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub date: Option<PartialDate>,
    #[serde(default)]
    pub end: Option<PartialDate>,
    #[serde(default, deserialize_with = "crate::frontmatter::optional_text")]
    pub title: Option<String>,
    #[serde(default)]
    pub actors: Vec<String>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub summary: Option<String>,
}

impl EventFront {
    /// Whether this entry only points at an event defined elsewhere.
    pub fn is_reference(&self) -> bool {
        self.date.is_none()
            && self.title.is_none()
            && self.end.is_none()
            && self.actors.is_empty()
            && self.sources.is_empty()
            && self.id.is_some()
    }
}

/// Where an event is defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// In the `events:` list of the briefing with this slug.
    Briefing(String),
    /// In its own file under `content/events/`, with its Markdown body.
    Standalone { body: String, body_line: usize },
}

/// A validated event.
#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub date: PartialDate,
    pub end: Option<PartialDate>,
    pub title: String,
    pub actors: Vec<String>,
    pub place: Option<String>,
    pub kind: Option<String>,
    pub status: Option<Status>,
    pub sources: Vec<Source>,
    pub summary: Option<String>,
    pub origin: Origin,
    pub file: PathBuf,
    /// Where the event is written, for duplicate-id errors.
    pub position: Option<(usize, usize)>,
}

/// The id an event gets when it has none: its date and a slug of its title.
pub fn derived_id(date: &PartialDate, title: &str) -> String {
    let slug: String = slugify(title).chars().take(60).collect();
    format!("{date}-{}", slug.trim_end_matches('-'))
}

/// Turns a checked event entry into an `Event`; `None` if date or title is missing.
pub(super) fn from_front(
    front: EventFront,
    file: &Path,
    origin: Origin,
    position: Option<(usize, usize)>,
) -> Option<Event> {
    let date = front.date?;
    let title = front.title?;
    Some(Event {
        id: front.id.unwrap_or_else(|| derived_id(&date, &title)),
        date,
        end: front.end,
        title,
        actors: front.actors,
        place: front.place,
        kind: front.kind,
        status: front.status,
        sources: front.sources,
        summary: front.summary,
        origin,
        file: file.to_path_buf(),
        position,
    })
}

/// Reads and checks a standalone event file in `content/events/`.
pub(super) fn load_file(file: &Path, known: &Known) -> Result<Event, Vec<Diagnostic>> {
    let text = read_text(file).map_err(|d| vec![d])?;
    let split = frontmatter::split(&text).map_err(|e| vec![front_matter_problem(file, e)])?;
    let front: EventFront =
        frontmatter::parse(&split).map_err(|e| vec![front_matter_problem(file, e)])?;
    let mut checker = Checker::new(file, &split);
    checker.event(&front, known);
    if front.is_reference() {
        checker.error(
            "id",
            "",
            "an event file needs a `date` and a `title`".into(),
            "add both fields",
        );
    }
    if !checker.found.is_empty() {
        return Err(checker.found);
    }
    let position = front
        .id
        .as_deref()
        .and_then(|id| frontmatter::locate(&split, "id", id));
    let origin = Origin::Standalone {
        body: split.body.to_string(),
        body_line: split.body_line,
    };
    from_front(front, file, origin, position.or(Some((split.yaml_line, 1)))).ok_or_else(|| {
        vec![Diagnostic::new(
            file,
            "an event file needs a `date` and a `title`",
        )]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_stable_ids_from_date_and_title() {
        let date = PartialDate::parse("2025-04-17").unwrap();
        assert_eq!(
            derived_id(&date, "Gespräche in Paris"),
            "2025-04-17-gespraeche-in-paris"
        );
    }
}
