//! Watching the site's sources (`content/`, `templates/`, `static/`, `seeds/`,
//! `site.yaml`) and handing over the changed files one batch per edit.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher as _};

/// The folders of a site whose files make the site.
pub const WATCHED: &[&str] = &["content", "templates", "static", "seeds"];

/// How long to wait after a change for the rest of an edit (editors write a file in
/// several steps: a temporary file, a rename, a metadata change).
const QUIET: Duration = Duration::from_millis(120);

/// How long to wait once a source file was closed after writing or renamed into place:
/// the save is complete, only events of the same burst are gathered.
const SETTLED: Duration = Duration::from_millis(10);

pub struct Watcher {
    inner: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    watching: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Starts watching the site at `root` (an absolute path).
    pub fn new(root: &Path) -> notify::Result<Watcher> {
        let (tx, events) = channel();
        let mut inner = notify::recommended_watcher(tx)?;
        inner.watch(root, RecursiveMode::NonRecursive)?;
        let mut watcher = Watcher {
            inner,
            events,
            root: root.to_path_buf(),
            watching: BTreeSet::new(),
        };
        watcher.watch_folders();
        Ok(watcher)
    }

    /// Adds the site folders that exist and are not watched yet (one may appear later).
    fn watch_folders(&mut self) {
        for name in WATCHED {
            let dir = self.root.join(name);
            if dir.is_dir()
                && !self.watching.contains(&dir)
                && self.inner.watch(&dir, RecursiveMode::Recursive).is_ok()
            {
                self.watching.insert(dir);
            }
        }
    }

    /// Waits up to `timeout` for a change, then gathers the rest of the edit; returns the
    /// changed source files (empty if nothing relevant changed).
    pub fn next_batch(&mut self, timeout: Duration) -> Vec<PathBuf> {
        let mut changed = BTreeSet::new();
        let first = match self.events.recv_timeout(timeout) {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return Vec::new(),
        };
        let mut settled = self.take(first, &mut changed) == Step::Saved;
        let wait = |settled: bool| if settled { SETTLED } else { QUIET };
        let mut quiet_until = Instant::now() + wait(settled);
        while let Some(left) = quiet_until.checked_duration_since(Instant::now()) {
            match self.events.recv_timeout(left) {
                Ok(event) => {
                    settled = match self.take(event, &mut changed) {
                        Step::Saved => true,
                        Step::Writing => false,
                        Step::Other => settled,
                    };
                    quiet_until = Instant::now() + wait(settled);
                }
                Err(_) => break,
            }
        }
        self.watch_folders();
        changed.into_iter().collect()
    }

    /// Adds the source files `event` names to `changed`; tells what it says of the edit.
    fn take(&self, event: notify::Result<notify::Event>, changed: &mut BTreeSet<PathBuf>) -> Step {
        use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind, RenameMode};
        let Ok(event) = event else {
            return Step::Other;
        };
        let sources: Vec<PathBuf> = event
            .paths
            .into_iter()
            .filter(|p| is_source(&self.root, p))
            .collect();
        if sources.is_empty() {
            return Step::Other;
        }
        match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => Step::Saved,
            EventKind::Access(_) => Step::Other,
            kind => {
                changed.extend(sources);
                match kind {
                    EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both)) => {
                        Step::Saved
                    }
                    EventKind::Modify(ModifyKind::Metadata(_)) => Step::Other,
                    _ => Step::Writing,
                }
            }
        }
    }
}

/// What an event says about the edit in progress.
#[derive(PartialEq, Eq)]
enum Step {
    /// A source file was closed after writing or renamed into place.
    Saved,
    /// A source file is being written (created, changed, removed).
    Writing,
    /// Nothing about the edit's progress.
    Other,
}

/// Whether a changed path belongs to the site's sources (not editor backups or output).
pub fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let scratch = name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx");
    if scratch {
        return false;
    }
    let mut parts = relative.components();
    match parts.next().and_then(|c| c.as_os_str().to_str()) {
        Some("site.yaml") => parts.next().is_none(),
        // Only Markdown files are content; other names there are editors' temporary files
        // (or folders, whose files report themselves).
        Some("content") => path.extension().is_some_and(|e| e == "md") || path.is_dir(),
        Some(top) => WATCHED.contains(&top),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_site_sources_count() {
        let root = Path::new("/s");
        assert!(is_source(root, Path::new("/s/content/briefings/a.md")));
        assert!(is_source(root, Path::new("/s/site.yaml")));
        assert!(is_source(root, Path::new("/s/static/img/x.png")));
        assert!(!is_source(root, Path::new("/s/public/index.html")));
        assert!(!is_source(
            root,
            Path::new("/s/content/briefings/.a.md.swp")
        ));
        assert!(!is_source(root, Path::new("/s/content/briefings/a.md~")));
        assert!(!is_source(root, Path::new("/s/content/briefings/sedX1b2")));
        assert!(!is_source(root, Path::new("/elsewhere/content/a.md")));
    }

    #[test]
    fn a_source_file_closed_after_writing_or_renamed_into_place_ends_the_edit() {
        use notify::event::{
            AccessKind, AccessMode, DataChange, EventKind, MetadataKind, ModifyKind, RenameMode,
        };
        let tmp = tempfile::tempdir().unwrap();
        let watcher = Watcher::new(tmp.path()).unwrap();
        let file = tmp.path().join("content/briefings/a.md");
        let step = |kind: EventKind, path: &Path, changed: &mut BTreeSet<PathBuf>| {
            watcher.take(
                Ok(notify::Event::new(kind).add_path(path.to_path_buf())),
                changed,
            )
        };
        let mut changed = BTreeSet::new();
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        assert!(step(write, &file, &mut changed) == Step::Writing);
        assert!(changed.contains(&file));
        let close = EventKind::Access(AccessKind::Close(AccessMode::Write));
        assert!(step(close, &file, &mut changed) == Step::Saved);
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        assert!(step(renamed, &file, &mut changed) == Step::Saved);
        let chmod = EventKind::Modify(ModifyKind::Metadata(MetadataKind::Permissions));
        assert!(step(chmod, &file, &mut changed) == Step::Other);
        // Output and editor files say nothing about the edit.
        let backup = tmp.path().join("content/briefings/.a.md.swp");
        assert!(step(close, &backup, &mut changed) == Step::Other);
        assert_eq!(changed.len(), 1);
    }
}
