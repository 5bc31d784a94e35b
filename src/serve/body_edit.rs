//! The quick path of `serve` for the most common edit: only the body of one briefing
//! changed (its front matter is the same text, its headings the same, its links
//! resolve). Then no other page can differ (lists, cards, related briefings, events
//! and quotes come from front matter), so the last build's index is kept, the one
//! page rendered again and moved into the served folder; the feeds, search index and
//! data files, which carry the text, follow once no edit is pending (they take about a
//! second at 10,000 briefings). Anything else is a rebuild.

use std::path::{Path, PathBuf};

use crate::config::{BuildOptions, Config};
use crate::content;
use crate::error::{Error, Result};
use crate::links::Resolved;
use crate::markdown::{self, BodyFacts};
use crate::output::Staging;
use crate::render::{self, Page};
use crate::site::Site;

use super::incremental::Built;

/// Re-renders the page of the briefing whose body alone changed; returns its path in
/// the site. `None` when the change is anything else (the caller rebuilds), also when
/// the new body has a problem, which the rebuild then reports.
pub fn rerender(
    built: &mut Built,
    options: &BuildOptions,
    changed: &[PathBuf],
    site_dir: &Path,
    scratch: &Path,
) -> Option<Result<String>> {
    let [only] = changed else { return None };
    let parts: Vec<&str> = only.iter().filter_map(|p| p.to_str()).collect();
    let ["content", "briefings", .., name] = parts.as_slice() else {
        return None;
    };
    let slug = name.strip_suffix(".md")?;
    let i = built.site.briefings.iter().position(|b| b.slug == slug)?;
    let config = Config::load(options).ok()?;
    let old = &built.site.briefings[i];
    let (new, _, _) = content::cache::load_one_briefing(
        &old.file,
        &config,
        &built.site.actors,
        &built.site.seeds,
    )
    .ok()?;
    // The old body is gone from the file: what its page showed of it is kept.
    let before = built.facts.get(&old.file)?;
    let now = markdown::scan(&new.body.read(&old.file).ok()?);
    if new.front_hash != old.front_hash
        || now.heading_ids != before.heading_ids
        || !links_known(&built.site, &old.file, &now, before)
    {
        return None;
    }
    let briefing = &mut built.site.briefings[i];
    briefing.body = new.body;
    briefing.body_line = new.body_line;
    briefing.word_count = new.word_count;
    Some(render_one(
        built,
        &config,
        Page::Briefing(i),
        site_dir,
        scratch,
    ))
}

/// Whether the links of the new body were checked by the last build or need no check
/// beyond this index: links it had before, and links to pages without an anchor (an
/// anchor may name a heading of another body, which only a full check knows).
fn links_known(site: &Site, file: &Path, now: &BodyFacts, before: &BodyFacts) -> bool {
    now.unsafe_links().next().is_none()
        && now.links.iter().all(|link| {
            before.links.iter().any(|old| old.dest == link.dest)
                || match site.links.resolve(file, &link.dest) {
                    Resolved::External => true,
                    Resolved::Page(url) => !url.contains('#'),
                    Resolved::Broken { .. } => false,
                }
        })
}

/// Renders `page` in a scratch folder and moves it over the served file in one step.
fn render_one(
    built: &mut Built,
    config: &Config,
    page: Page,
    site_dir: &Path,
    scratch: &Path,
) -> Result<String> {
    let path = page.path(&built.site);
    let staging = Staging::begin(&scratch.join("page"))?;
    render::render_with(
        &built.site,
        config,
        &built.tera,
        &staging,
        &[page],
        &built.catalogs,
    )?;
    // A body that could not be read again (changed meanwhile) is a problem to show.
    let learned = built.site.take_learned();
    if !learned.problems.is_empty() {
        return Err(Error::Content(learned.problems));
    }
    built.facts.extend(learned.facts);
    let to = staging.path_of(&path);
    let served = path
        .split('/')
        .fold(site_dir.to_path_buf(), |p, part| p.join(part));
    std::fs::rename(&to, &served).map_err(|e| Error::io("replace", &served, e))?;
    Ok(path)
}

/// Writes the feeds, search index and data files of the site as it is now and moves
/// those that differ into the served folder; returns their site paths.
pub fn refresh_outputs(
    built: &Built,
    options: &BuildOptions,
    site_dir: &Path,
    scratch: &Path,
) -> Result<Vec<String>> {
    let config = Config::load(options)?;
    let staging = Staging::begin(&scratch.join("outputs"))?;
    crate::outputs::write_all(&built.site, &config, &built.tera, &staging)?;
    let mut moved = Vec::new();
    for entry in walkdir::WalkDir::new(staging.dir())
        .into_iter()
        .filter_map(std::result::Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let Ok(relative) = entry.path().strip_prefix(staging.dir()) else {
            continue;
        };
        let served = site_dir.join(relative);
        let bytes = std::fs::read(entry.path()).map_err(|e| Error::io("read", entry.path(), e))?;
        if std::fs::read(&served).is_ok_and(|old| old == bytes) {
            continue;
        }
        if let Some(parent) = served.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
        }
        std::fs::rename(entry.path(), &served).map_err(|e| Error::io("replace", &served, e))?;
        moved.push(relative.to_string_lossy().replace('\\', "/"));
    }
    Ok(moved)
}
