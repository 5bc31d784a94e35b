//! Rebuilds for `serve`: the whole site, or, when only briefings and event files
//! changed, just the pages those files reach (their own page, their actors', topics',
//! places' and seeds' pages, briefings sharing actors or events, the indexes, the
//! timeline and the home page); the other pages are carried over from the last build.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::config::{BuildOptions, Config};
use crate::error::{Error, Result};
use crate::links::Facts;
use crate::output;
use crate::render::{self, Page, Written, catalog::Catalogs, view::url};
use crate::site::Site;
use crate::slug::slugify;

/// The last good build: its index, templates, rendered cards and the paths of its pages.
pub struct Built {
    pub(super) site: Site,
    pub(super) pages: BTreeSet<String>,
    pub(super) tera: tera::Tera,
    pub(super) catalogs: Catalogs,
    /// The links and heading ids of the briefings' bodies, as their pages showed them.
    pub(super) facts: Facts,
}

/// What a rebuild did.
pub struct Rebuilt {
    pub built: Built,
    pub written: Written,
    /// Pages of the site in all (a partial rebuild writes fewer).
    pub total: usize,
}

/// Rebuilds after `changed` (paths under `root`): only the affected pages when that
/// is safe, else everything. The new site replaces the old one only when it built.
pub fn rebuild(
    options: &BuildOptions,
    root: &Path,
    previous: Option<&mut Built>,
    changed: &[PathBuf],
) -> Result<Rebuilt> {
    let config = Config::load(options)?;
    let (tera, site) = crate::load(&config)?;
    let catalogs = render::catalogs(&site, &config, &tera)?;
    let all = render::pages(&site, &config);
    let paths: BTreeSet<String> = all.iter().map(|p| p.path(&site)).collect();
    let staging = output::Staging::begin(&config.output)?;
    let scope = previous.and_then(|p| partial_scope(root, changed).map(|s| (p, s)));
    let (pages, previous) = match scope {
        Some((previous, (briefings, events))) => {
            let reached = affected(&previous.site, &site, &briefings, &events);
            let mut pages = Vec::new();
            for page in all {
                let path = page.path(&site);
                // A page the change cannot reach is the file the last build wrote.
                let kept = !reached.contains(&family(&page, &site))
                    && previous.pages.contains(&path)
                    && staging.keep_previous(&path);
                if !kept {
                    pages.push(page);
                }
            }
            (pages, Some(previous))
        }
        None => (all, None),
    };
    let written = render::render_with(&site, &config, &tera, &staging, &pages, &catalogs)?;
    // `crate::load` checked every body's links; bodies that could not be read again
    // (changed meanwhile) fail the rebuild. The bodies' facts are kept for quick edits.
    let learned = site.take_learned();
    if !learned.problems.is_empty() {
        return Err(Error::Content(learned.problems));
    }
    let mut facts = previous
        .map(|p| std::mem::take(&mut p.facts))
        .unwrap_or_default();
    facts.extend(learned.facts);
    // Assets are copied and feeds, search and data files rebuilt from the whole site.
    crate::write_assets(&config, &site, &staging)?;
    crate::outputs::write_all(&site, &config, &tera, &staging)?;
    staging.commit()?;
    Ok(Rebuilt {
        total: paths.len(),
        built: Built {
            site,
            pages: paths,
            tera,
            catalogs,
            facts,
        },
        written,
    })
}

/// The page a page belongs to: its first part for lists split into parts, the
/// timeline for a month of a split timeline.
fn family(page: &Page, site: &Site) -> String {
    match page {
        Page::Briefings(_) => "briefings/index.html".into(),
        Page::Actor(slug, _) => url::actor(slug),
        Page::Topic(slug, _) => url::topic(slug),
        Page::Place(slug, _) => url::place(slug),
        Page::TimelinePart(_) => "timeline.html".into(),
        other => other.path(site),
    }
}

/// The briefing slugs and event files changed, if nothing else changed.
fn partial_scope(
    root: &Path,
    changed: &[PathBuf],
) -> Option<(BTreeSet<String>, BTreeSet<PathBuf>)> {
    let mut briefings = BTreeSet::new();
    let mut events = BTreeSet::new();
    for path in changed {
        let relative = path.strip_prefix(root).unwrap_or(path);
        let parts: Vec<&str> = relative.iter().filter_map(|p| p.to_str()).collect();
        let stem = relative.file_stem().and_then(|s| s.to_str())?;
        match parts.as_slice() {
            ["content", "briefings", .., name] if name.ends_with(".md") => {
                briefings.insert(stem.to_string());
            }
            ["content", "events", .., name] if name.ends_with(".md") => {
                events.insert(relative.to_path_buf());
            }
            _ => return None,
        }
    }
    Some((briefings, events))
}

/// Pages (site-relative paths of their first part, see [`family`]) whose content can depend on the changed briefings and
/// event files, looked up in the old and the new site alike.
fn affected(
    old: &Site,
    new: &Site,
    briefings: &BTreeSet<String>,
    event_files: &BTreeSet<PathBuf>,
) -> BTreeSet<String> {
    let mut reached: BTreeSet<String> = [
        "index.html",
        "briefings/index.html",
        "actors/index.html",
        "timeline.html",
        "topics/index.html",
        "places/index.html",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    for site in [old, new] {
        let mut events: BTreeSet<usize> = site
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| event_files.iter().any(|f| e.file.ends_with(f)))
            .map(|(i, _)| i)
            .collect();
        for b in site
            .briefings
            .iter()
            .filter(|b| briefings.contains(&b.slug))
        {
            reached.insert(url::briefing(&b.slug));
            reached.extend(b.named_actors().map(url::actor));
            reached.extend(b.topics.iter().map(|t| url::topic(&slugify(t))));
            reached.extend(b.places.iter().map(|p| url::place(&slugify(p))));
            for seed in b.sources.iter().filter_map(|s| s.seed.as_ref()) {
                reached.extend(site.seeds.get(seed).map(|s| url::seed(&s.slug)));
            }
            // Briefings sharing an actor list this one among their related briefings.
            for actor in &b.actors {
                for &other in site.actor_briefings.get(actor).into_iter().flatten() {
                    reached.insert(url::briefing(&site.briefings[other].slug));
                }
            }
            events.extend(b.event_ids.iter().filter_map(|id| site.event_index.get(id)));
        }
        // An event is shown with its actors and its briefings wherever it appears.
        for &e in &events {
            reached.extend(site.events[e].actors.iter().map(|a| url::actor(a)));
            for &b in &site.event_briefings[e] {
                reached.insert(url::briefing(&site.briefings[b].slug));
            }
        }
    }
    reached
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_briefing_and_event_files_allow_a_partial_rebuild() {
        let root = Path::new("/s");
        let scope = partial_scope(
            root,
            &[
                PathBuf::from("/s/content/briefings/2025-04-22-a.md"),
                PathBuf::from("/s/content/events/2022-02-24-b.md"),
            ],
        );
        let (briefings, events) = scope.expect("partial");
        assert!(briefings.contains("2025-04-22-a"));
        assert!(events.contains(Path::new("content/events/2022-02-24-b.md")));
        for other in [
            "/s/content/actors/putin.md",
            "/s/templates/base.html",
            "/s/site.yaml",
            "/s/seeds/x.txt",
        ] {
            assert!(
                partial_scope(root, &[PathBuf::from(other)]).is_none(),
                "{other}"
            );
        }
    }
}
