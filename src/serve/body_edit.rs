//! The quick path of `serve` for the most common edit: only the body of one briefing
//! changed (its front matter is the same text, its headings the same, its links
//! resolve). Then no other page can differ (lists, cards, related briefings, events
//! and quotes come from front matter), so the last build's index is kept, the one
//! page rendered again and moved into the served folder; the feeds, search index and
//! data files, which carry the text, follow once no edit is pending (they take about a
//! second at 10,000 briefings). A front matter edit may take the quick path of
//! [`super::front_edit`], which renders its pages through [`render_into`] too;
//! anything else is a rebuild.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::config::{BuildOptions, Config};
use crate::content::{self, Briefing, Event};
use crate::error::{Error, Result};
use crate::links::Resolved;
use crate::markdown::{self, BodyFacts};
use crate::output::Staging;
use crate::render::{self, Page, view::url};
use crate::site::Site;

use super::incremental::Built;

/// One briefing file changed, read again and checked on its own.
pub struct Edit {
    /// Its index in the kept site.
    pub i: usize,
    pub config: Config,
    pub new: Briefing,
    /// The events it defines.
    pub events: Vec<Event>,
}

impl Edit {
    /// The edit if `changed` is one briefing of the kept site, readable and valid on its
    /// own; `None` if not (the caller rebuilds, which reports any problem).
    pub fn load(built: &Built, options: &BuildOptions, changed: &[PathBuf]) -> Option<Edit> {
        let slug = briefing_slug(changed)?;
        let i = built.site.briefings.iter().position(|b| b.slug == slug)?;
        let config = Config::load(options).ok()?;
        let (new, events, _) = content::cache::load_one_briefing(
            &built.site.briefings[i].file,
            &config,
            &built.site.actors,
            &built.site.seeds,
        )
        .ok()?;
        Some(Edit {
            i,
            config,
            new,
            events,
        })
    }

    /// Whether the front matter is the same text as before.
    pub fn body_only(&self, built: &Built) -> bool {
        self.new.front_hash == built.site.briefings[self.i].front_hash
    }
}

/// Re-renders the page of the briefing whose body alone changed; returns its path in
/// the site. `None` when the change is anything else (the caller rebuilds).
pub fn rerender(
    built: &mut Built,
    edit: Edit,
    site_dir: &Path,
    scratch: &Path,
) -> Option<Result<String>> {
    let Edit { i, config, new, .. } = edit;
    let old = &built.site.briefings[i];
    if new.front_hash != old.front_hash || !body_fits(built, old, &new) {
        return None;
    }
    let briefing = &mut built.site.briefings[i];
    briefing.body = new.body;
    briefing.body_line = new.body_line;
    briefing.word_count = new.word_count;
    let page = url::briefing(&briefing.slug);
    let pages = render_into(built, &config, vec![Page::Briefing(i)], site_dir, scratch);
    Some(pages.map(|_| page))
}

/// The slug of the briefing if `changed` is one briefing file (site-relative path).
pub(super) fn briefing_slug(changed: &[PathBuf]) -> Option<&str> {
    let [only] = changed else { return None };
    let parts: Vec<&str> = only.iter().filter_map(|p| p.to_str()).collect();
    let ["content", "briefings", .., name] = parts.as_slice() else {
        return None;
    };
    name.strip_suffix(".md")
}

/// Whether the new body of briefing `old` changes nothing other pages see: the same
/// heading ids, and links the last build checked or that need no check.
pub(super) fn body_fits(built: &Built, old: &Briefing, new: &Briefing) -> bool {
    // The old body is gone from the file: what its page showed of it is kept.
    let Some(before) = built.facts.get(&old.file) else {
        return false;
    };
    let Ok(text) = new.body.read(&old.file) else {
        return false;
    };
    let now = markdown::scan(&text);
    now.heading_ids == before.heading_ids && links_known(&built.site, &old.file, &now, before)
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

/// Renders `pages` in a scratch folder and moves those whose bytes differ over the
/// served files, each in one step; returns how many were rendered and the site paths
/// of those moved.
pub(super) fn render_into(
    built: &mut Built,
    config: &Config,
    pages: Vec<Page>,
    site_dir: &Path,
    scratch: &Path,
) -> Result<(usize, Vec<String>)> {
    let paths: Vec<String> = pages.iter().map(|p| p.path(&built.site)).collect();
    let graves = graveyard(scratch);
    std::fs::create_dir_all(&graves).map_err(|e| Error::io("create", &graves, e))?;
    let staging = Staging::begin(&scratch.join("page"))?;
    render::render_with(
        &built.site,
        config,
        &built.tera,
        &staging,
        &pages,
        &built.catalogs,
    )?;
    // A body that could not be read again (changed meanwhile) is a problem to show.
    let learned = built.site.take_learned();
    if !learned.problems.is_empty() {
        return Err(Error::Content(learned.problems));
    }
    built.facts.extend(learned.facts);
    let mut moved = Vec::new();
    let paths_len = paths.len();
    for path in paths {
        let to = staging.path_of(&path);
        let served = path
            .split('/')
            .fold(site_dir.to_path_buf(), |p, part| p.join(part));
        let len = |p: &Path| std::fs::metadata(p).map(|m| m.len()).ok();
        let same = len(&served).is_some_and(|n| len(&to) == Some(n))
            && std::fs::read(&served)
                .is_ok_and(|old| std::fs::read(&to).is_ok_and(|new| new == old));
        if same {
            continue;
        }
        // The old file stays linked in the graveyard, so the rename frees nothing.
        let grave = graves.join(GRAVES.fetch_add(1, Ordering::Relaxed).to_string());
        let _ = std::fs::hard_link(&served, grave);
        std::fs::rename(&to, &served).map_err(|e| Error::io("replace", &served, e))?;
        moved.push(path);
    }
    // The staging folder's leftovers (pages that did not change) go there too; its
    // own clean-up then finds nothing to delete.
    let leftovers = graves.join(GRAVES.fetch_add(1, Ordering::Relaxed).to_string());
    let _ = std::fs::rename(staging.dir(), leftovers);
    Ok((paths_len, moved))
}

/// Where replaced pages are kept until the server is idle: on these machines (ext4
/// with `discard`) freeing a file's blocks costs time an edit should not wait for.
fn graveyard(scratch: &Path) -> PathBuf {
    scratch.join("replaced")
}

/// Names files in the graveyard.
static GRAVES: AtomicUsize = AtomicUsize::new(0);

/// Writes the feeds, search index and data files of the site as it is now and moves
/// those that differ into the served folder; returns their site paths.
pub fn refresh_outputs(
    built: &Built,
    options: &BuildOptions,
    site_dir: &Path,
    scratch: &Path,
) -> Result<Vec<String>> {
    let config = Config::load(options)?;
    // The server is idle: the pages quick edits replaced can go now.
    let _ = std::fs::remove_dir_all(graveyard(scratch));
    let staging = Staging::begin(&scratch.join("outputs"))?;
    crate::outputs::write_all(&built.site, &config, &built.tera, &staging)?;
    let mut moved = Vec::new();
    let mut written = BTreeSet::new();
    for entry in walkdir::WalkDir::new(staging.dir())
        .into_iter()
        .filter_map(std::result::Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let Ok(relative) = entry.path().strip_prefix(staging.dir()) else {
            continue;
        };
        written.insert(relative.to_string_lossy().replace('\\', "/"));
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
    moved.extend(remove_stale(built, &config, site_dir, &written));
    Ok(moved)
}

/// Removes the served files the outputs no longer write (the search index's file of a
/// word no briefing uses any more, say): files in the folders below the site's root
/// the outputs write into that are not theirs now, nor pages, seeds or static files.
/// Returns their site paths.
fn remove_stale(
    built: &Built,
    config: &Config,
    site_dir: &Path,
    written: &BTreeSet<String>,
) -> Vec<String> {
    let folders: BTreeSet<&str> = written
        .iter()
        .filter_map(|path| path.rsplit_once('/').map(|(folder, _)| folder))
        .filter(|folder| !folder.starts_with("seeds"))
        .collect();
    let mut removed = Vec::new();
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(site_dir.join(folder)) else {
            continue;
        };
        for entry in entries.filter_map(std::result::Result::ok) {
            let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                continue;
            };
            let path = format!("{folder}/{name}");
            let stale = entry.file_type().is_ok_and(|t| t.is_file())
                && !written.contains(&path)
                && !built.pages.contains(&path)
                && !config.static_dir().join(folder).join(&name).exists();
            if stale && std::fs::remove_file(entry.path()).is_ok() {
                removed.push(path);
            }
        }
    }
    removed
}
