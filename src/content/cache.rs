//! Parsed briefings kept between loads, for `serve`: a briefing file whose inode,
//! modification time and size are those of the last load, checked against the same
//! actors, aliases, seeds and site language, is taken from here instead of being read,
//! parsed and checked again. Off unless [`enable`] was called (a build loads once).

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::SystemTime;

use std::collections::BTreeMap;

use super::check::Known;
use super::{Actor, LoadedBriefing, Seed};
use crate::config::Config;
use crate::error::Diagnostic;

/// Reads and checks one briefing again against the site's actors and seeds (for
/// `serve`, when only that file changed).
pub fn load_one_briefing(
    file: &Path,
    config: &Config,
    actors: &BTreeMap<String, Actor>,
    seeds: &BTreeMap<String, Seed>,
) -> Result<LoadedBriefing, Vec<Diagnostic>> {
    super::load_briefing(
        file,
        config,
        &super::known_names(actors.values(), seeds.values()),
    )
}

/// A hash of a briefing's front matter text (`Briefing::front_hash`).
pub(super) fn front_hash(yaml: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    yaml.hash(&mut hasher);
    hasher.finish()
}

/// What the last load of a file saw of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    inode: u64,
}

impl Stamp {
    fn of(file: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(file).ok()?;
        Some(Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
            inode: inode(&meta),
        })
    }
}

#[cfg(unix)]
fn inode(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}

#[derive(Default)]
struct Entries {
    /// A hash of what the checks of a briefing depend on beyond its own file.
    context: u64,
    files: HashMap<PathBuf, (Stamp, LoadedBriefing)>,
}

pub struct Cache {
    entries: Mutex<Entries>,
}

static CACHE: OnceLock<Cache> = OnceLock::new();

/// How old a file's modification time must be for the file to be kept.
const SETTLED: std::time::Duration = std::time::Duration::from_secs(1);

/// Keeps parsed briefings from now on (the dev server calls this once).
pub fn enable() {
    CACHE.get_or_init(|| Cache {
        entries: Mutex::new(Entries::default()),
    });
}

/// The cache, if enabled, emptied first when the actors, seeds or language changed.
pub(super) fn active(known: &Known, config: &Config) -> Option<&'static Cache> {
    let cache = CACHE.get()?;
    let mut hasher = DefaultHasher::new();
    known.actors.hash(&mut hasher);
    known.alias_to_actor.hash(&mut hasher);
    known.seeds.hash(&mut hasher);
    config.site.lang.code().hash(&mut hasher);
    let context = hasher.finish();
    let mut entries = cache.entries.lock().unwrap_or_else(|e| e.into_inner());
    if entries.context != context {
        entries.files.clear();
        entries.context = context;
    }
    Some(cache)
}

impl Cache {
    /// The briefing at `file` as last loaded if the file is unchanged, else `load`ed
    /// (and kept if it is valid).
    pub(super) fn get_or_load(
        &self,
        file: &Path,
        load: impl FnOnce() -> Result<LoadedBriefing, Vec<Diagnostic>>,
    ) -> Result<LoadedBriefing, Vec<Diagnostic>> {
        let stamp = Stamp::of(file);
        if let Some(stamp) = stamp {
            let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((seen, loaded)) = entries.files.get(file)
                && *seen == stamp
            {
                return Ok(loaded.clone());
            }
        }
        let loaded = load()?;
        // Stamped before reading: a file changed while it was read is read again next
        // time. A file changed in the last second is not kept: modification times are
        // coarse (a few ms), and a second edit in the same tick with the same size
        // would look unchanged.
        let settled = |stamp: &Stamp| {
            stamp
                .modified
                .and_then(|m| m.elapsed().ok())
                .is_some_and(|age| age > SETTLED)
        };
        if let Some(stamp) = stamp.filter(settled) {
            let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
            entries
                .files
                .insert(file.to_path_buf(), (stamp, loaded.clone()));
        }
        Ok(loaded)
    }

    /// Forgets files that are gone.
    pub(super) fn retain(&self, files: &[PathBuf]) {
        let keep: std::collections::HashSet<&PathBuf> = files.iter().collect();
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.files.retain(|path, _| keep.contains(path));
    }
}
