//! Reading the site's content: actors, briefings, standalone events and seed documents,
//! each file parsed and checked on its own, all problems collected.

pub mod actor;
pub mod body;
pub mod briefing;
pub mod cache;
pub mod check;
pub mod event;
pub mod seed;
pub mod source;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::error::Diagnostic;
use crate::frontmatter::{self, FrontMatterError};
use crate::input::SiteBounds;
use crate::slug::{is_slug, slugify};
pub use actor::{Actor, ActorFront, ActorKind, Role};
pub use briefing::{Briefing, BriefingFront};
pub(crate) use briefing::{LoadedBriefing, load_briefing};
use check::{Checker, Known};
pub use event::{Event, EventFront, Origin, Status};
pub use seed::Seed;
pub use source::{Quote, Source};

/// `extra:` when a file has none: an empty mapping, so templates can test its keys.
pub fn empty_extra() -> serde_yaml::Value {
    serde_yaml::Value::Mapping(serde_yaml::Mapping::new())
}

/// A briefing's link to an event defined elsewhere.
#[derive(Debug, Clone)]
pub struct EventLink {
    pub briefing: String,
    pub id: String,
    pub file: PathBuf,
    pub position: Option<(usize, usize)>,
}

/// Everything read from the site folder, each file valid on its own.
#[derive(Debug, Default)]
pub struct Content {
    pub actors: BTreeMap<String, Actor>,
    pub briefings: Vec<Briefing>,
    pub events: Vec<Event>,
    pub event_links: Vec<EventLink>,
    pub seeds: BTreeMap<String, Seed>,
}

/// Reads all content; returns every problem found if any file is bad.
pub fn load(config: &Config) -> Result<Content, Vec<Diagnostic>> {
    let (content, problems) = load_partial(config);
    if problems.is_empty() {
        Ok(content)
    } else {
        Err(problems)
    }
}

/// Reads all content, keeping the files that are valid beside the problems of the
/// others, so `check` can go on to look at the good ones.
pub fn load_partial(config: &Config) -> (Content, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let seeds = seed::load(config, &mut problems);
    let dir = config.content_dir();
    if !dir.is_dir() {
        problems.push(
            Diagnostic::new(&dir, "the content folder is missing")
                .hint("create content/briefings/ and content/actors/ with Markdown files"),
        );
        return (Content::default(), problems);
    }
    let actor_files = markdown_files(config, "actors", &mut problems);
    let actors = collect(
        actor_files.par_iter().map(|f| load_actor(f)).collect(),
        &mut problems,
    );
    let known = known_names(&actors, &seeds);
    check_actor_countries(&actors, &known, &mut problems);

    let briefing_files = markdown_files(config, "briefings", &mut problems);
    let cache = cache::active(&known, config);
    let loaded: Vec<_> = briefing_files
        .par_iter()
        .map(|f| match cache {
            Some(cache) => cache.get_or_load(f, || load_briefing(f, config, &known)),
            None => load_briefing(f, config, &known),
        })
        .collect();
    if let Some(cache) = cache {
        cache.retain(&briefing_files);
    }
    let briefings = collect(loaded, &mut problems);

    let event_files = markdown_files(config, "events", &mut problems);
    let standalone = collect(
        event_files
            .par_iter()
            .map(|f| event::load_file(f, &known))
            .collect(),
        &mut problems,
    );

    let mut content = Content {
        actors: actors.into_iter().map(|a| (a.slug.clone(), a)).collect(),
        seeds: seeds.into_iter().map(|s| (s.name.clone(), s)).collect(),
        events: standalone,
        ..Content::default()
    };
    // Reserved at once: grown by doubling, the lists of a 100,000-briefing archive
    // were copied again and again into fresh memory (a third of a second).
    content
        .events
        .reserve(briefings.iter().map(|(_, e, _)| e.len()).sum());
    content
        .event_links
        .reserve(briefings.iter().map(|(_, _, l)| l.len()).sum());
    content.briefings.reserve(briefings.len());
    for (briefing, events, links) in briefings {
        content.events.extend(events);
        content.event_links.extend(links);
        content.briefings.push(briefing);
    }
    (content, problems)
}

fn collect<T>(results: Vec<Result<T, Vec<Diagnostic>>>, problems: &mut Vec<Diagnostic>) -> Vec<T> {
    let mut ok = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(value) => ok.push(value),
            Err(found) => problems.extend(found),
        }
    }
    ok
}

/// The `.md` files under `content/<section>/`, sorted, refusing links out of the site.
fn markdown_files(config: &Config, section: &str, problems: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let bounds = SiteBounds::new(&config.root);
    if let Err(d) = bounds.check_dir(&config.content_dir()) {
        problems.push(d);
        return Vec::new();
    }
    let (files, found) = bounds.files(&config.content_dir().join(section), usize::MAX);
    problems.extend(found);
    files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect()
}

/// Reads a file as UTF-8 text, placing a decoding error at its line; see [`crate::input`].
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    crate::input::read_text(path)
}

pub(super) fn front_matter_problem(file: &Path, e: FrontMatterError) -> Diagnostic {
    let mut d = Diagnostic::new(file, e.message).at_opt(e.position);
    d.hint = e.hint;
    d
}

/// The slug of a content file: its file name without `.md`, which must already be a slug.
fn file_slug(file: &Path) -> Result<String, Diagnostic> {
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if is_slug(stem) {
        Ok(stem.to_string())
    } else {
        Err(
            Diagnostic::new(file, format!("the file name `{stem}` is not a slug")).hint(format!(
                "rename it to `{}.md` (lowercase letters, digits and dashes)",
                slugify(stem)
            )),
        )
    }
}

fn load_actor(file: &Path) -> Result<Actor, Vec<Diagnostic>> {
    let text = read_text(file).map_err(|d| vec![d])?;
    let slug = file_slug(file).map_err(|d| vec![d])?;
    let split = frontmatter::split(&text).map_err(|e| vec![front_matter_problem(file, e)])?;
    let front: ActorFront =
        frontmatter::parse(&split).map_err(|e| vec![front_matter_problem(file, e)])?;
    let mut checker = Checker::new(file, &split);
    for role in &front.roles {
        if let (Some(from), Some(to)) = (role.from, role.to)
            && to < from
        {
            checker.error(
                "to",
                &to.to_string(),
                format!("role `{}` ends before it starts", role.title),
                "swap `from` and `to`, or correct one of them",
            );
        }
        if let Some(url) = &role.source
            && !source::is_web_url(url)
        {
            checker.error(
                "source",
                url,
                format!("role source `{url}` is not an http(s) address"),
                "use a full https:// address",
            );
        }
    }
    if !checker.found.is_empty() {
        return Err(checker.found);
    }
    Ok(Actor {
        slug,
        file: file.to_path_buf(),
        front,
        body: split.body.to_string(),
        body_line: split.body_line,
    })
}

fn known_names<'a>(
    actors: impl IntoIterator<Item = &'a Actor>,
    seeds: impl IntoIterator<Item = &'a Seed>,
) -> Known {
    let mut known = Known::default();
    for actor in actors {
        known.actors.insert(actor.slug.clone());
        let names = actor
            .front
            .aliases
            .iter()
            .chain(std::iter::once(&actor.front.name));
        for name in names {
            known
                .alias_to_actor
                .insert(name.to_lowercase(), actor.slug.clone());
        }
    }
    known.seeds = seeds.into_iter().map(|s| s.name.clone()).collect();
    known
}

fn check_actor_countries(actors: &[Actor], known: &Known, problems: &mut Vec<Diagnostic>) {
    for actor in actors {
        let Some(country) = &actor.front.country else {
            continue;
        };
        if known.actors.contains(country) {
            continue;
        }
        // Re-reading is cheap and only happens on error.
        let text = read_text(&actor.file).unwrap_or_default();
        let position = frontmatter::split(&text)
            .ok()
            .and_then(|s| frontmatter::locate(&s, "country", country));
        let hint = match check::suggest(country, known) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("create content/actors/{country}.md or correct the slug"),
        };
        problems.push(
            Diagnostic::new(&actor.file, format!("unknown country `{country}`"))
                .at_opt(position)
                .hint(hint),
        );
    }
}
