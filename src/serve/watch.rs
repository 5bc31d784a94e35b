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
        self.take(first, &mut changed);
        let mut quiet_until = Instant::now() + QUIET;
        while let Some(left) = quiet_until.checked_duration_since(Instant::now()) {
            match self.events.recv_timeout(left) {
                Ok(event) => {
                    self.take(event, &mut changed);
                    quiet_until = Instant::now() + QUIET;
                }
                Err(_) => break,
            }
        }
        self.watch_folders();
        changed.into_iter().collect()
    }

    fn take(&self, event: notify::Result<notify::Event>, changed: &mut BTreeSet<PathBuf>) {
        let Ok(event) = event else { return };
        if event.kind.is_access() {
            return;
        }
        for path in event.paths {
            if is_source(&self.root, &path) {
                changed.insert(path);
            }
        }
    }
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
}
