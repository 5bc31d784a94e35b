//! Writing the site: everything goes into a fresh folder beside the output, which
//! replaces the old output only when the whole build has succeeded.
//!
//! A file whose bytes equal the previous site's file at the same path is hard-linked
//! from it instead of written: on ext4 without a journal (these machines) creating
//! files shortly after many were deleted is up to 10x slower, and a link needs no new
//! inode, so deleting the old site after the swap only drops names. A linked file is
//! never written to: new bytes always go into a newly created file.

use std::collections::HashSet;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};
use crate::input::SiteBounds;

/// A build's output folder in the making. Dropped without `commit`, it removes itself
/// and the previous site stays as it was.
#[derive(Debug)]
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    /// The site being replaced, if any: its unchanged files are linked, not written.
    previous: Option<PathBuf>,
    /// Site-relative folders already made, so each is created once, not per file.
    folders: Mutex<HashSet<String>>,
    committed: bool,
    /// Writes nothing (see [`Staging::discarding`]).
    discard: bool,
}

fn sibling(target: &Path, tag: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(OsString::from)
        .unwrap_or_else(|| "public".into());
    let mut hidden = OsString::from(".");
    hidden.push(&name);
    hidden.push(format!(".{tag}-{}", std::process::id()));
    target.with_file_name(hidden)
}

/// Leftovers of builds that were killed: `.public.tmp-*` and `.public.old-*`.
fn stale_siblings(target: &Path) -> Vec<PathBuf> {
    let (Some(parent), Some(name)) = (target.parent(), target.file_name().and_then(|n| n.to_str()))
    else {
        return Vec::new();
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let prefixes = [format!(".{name}.tmp-"), format!(".{name}.old-")];
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let n = e.file_name();
            let n = n.to_string_lossy();
            prefixes.iter().any(|p| n.starts_with(p.as_str()))
        })
        .map(|e| parent.join(e.file_name()))
        .collect()
}

impl Staging {
    /// Creates an empty staging folder next to `target`, clearing leftovers of killed builds.
    pub fn begin(target: &Path) -> Result<Staging> {
        if target.exists() && !target.is_dir() {
            return Err(Error::Usage(format!(
                "refusing to replace the file {} with the site: the output must be a folder",
                target.display()
            )));
        }
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io("create the output's parent folder", parent, e))?;
        }
        for stale in stale_siblings(target) {
            // Best effort: a leftover we cannot remove does not stop this build.
            let _ = std::fs::remove_dir_all(&stale);
        }
        let dir = sibling(target, "tmp");
        std::fs::create_dir(&dir).map_err(|e| Error::io("create the staging folder", &dir, e))?;
        Ok(Staging {
            previous: target.is_dir().then(|| target.to_path_buf()),
            target: target.to_path_buf(),
            dir,
            folders: Mutex::new(HashSet::new()),
            committed: false,
            discard: false,
        })
    }

    /// A staging that accepts every file and writes none, for `check`, which renders
    /// the pages only for the errors that rendering finds. Writing 10,000 pages just to
    /// delete them cost more than the rendering on these machines (new inodes after
    /// many deletions are slow), and check then needs no writable folder.
    pub fn discarding() -> Staging {
        Staging {
            target: PathBuf::new(),
            dir: PathBuf::new(),
            previous: None,
            folders: Mutex::new(HashSet::new()),
            // Nothing to clean up when dropped.
            committed: true,
            discard: true,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one file, given by its site-relative path with `/` separators: a link to
    /// the previous site's file when that holds the same bytes, else a new file.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<()> {
        if self.discard {
            return Ok(());
        }
        let path = self.path_of(relative);
        self.make_folder(relative, &path)?;
        if self.link_same(relative, &path, bytes) {
            return Ok(());
        }
        write_new(&path, bytes).map_err(|e| Error::io("write", &path, e))
    }

    /// Takes the previous site's file at `relative` over unchanged (for `serve`, whose
    /// partial rebuilds keep the pages a change cannot reach); false if there is none.
    pub fn keep_previous(&self, relative: &str) -> bool {
        let Some(previous) = &self.previous else {
            return false;
        };
        let path = self.path_of(relative);
        let from = under(previous, relative);
        if self.make_folder(relative, &path).is_err() {
            return false;
        }
        std::fs::hard_link(&from, &path).is_ok()
            || std::fs::read(&from).is_ok_and(|bytes| write_new(&path, &bytes).is_ok())
    }

    /// Creates the folder `relative` is in, unless this staging already made it.
    fn make_folder(&self, relative: &str, path: &Path) -> Result<()> {
        let Some((folder, _)) = relative.rsplit_once('/') else {
            return Ok(());
        };
        let mut made = self.folders.lock().unwrap_or_else(|e| e.into_inner());
        if made.contains(folder) {
            return Ok(());
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io("create folder", parent, e))?;
        }
        made.insert(folder.to_string());
        Ok(())
    }

    /// Hard-links the previous site's file at `relative` to `path` if its bytes are
    /// `bytes` (size compared first, from the metadata); false if not or if linking fails.
    fn link_same(&self, relative: &str, path: &Path, bytes: &[u8]) -> bool {
        let Some(previous) = &self.previous else {
            return false;
        };
        let old = under(previous, relative);
        let same_size =
            std::fs::metadata(&old).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
        same_size
            && std::fs::read(&old).is_ok_and(|old_bytes| old_bytes == bytes)
            && std::fs::hard_link(&old, path).is_ok()
    }

    pub fn path_of(&self, relative: &str) -> PathBuf {
        under(&self.dir, relative)
    }

    /// Copies a folder's files into the staging folder. Links out of the site folder
    /// (`from`'s parent) are refused, so a build cannot publish files from elsewhere.
    pub fn copy_tree(&self, from: &Path, to: &str) -> Result<usize> {
        let bounds = SiteBounds::new(from.parent().unwrap_or(from));
        let (files, problems) = bounds.files(from, usize::MAX);
        if !problems.is_empty() {
            return Err(Error::Content(problems));
        }
        for file in &files {
            let Ok(rel) = file.strip_prefix(from) else {
                continue;
            };
            let rel: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
            let rel = if to.is_empty() {
                rel.join("/")
            } else {
                format!("{to}/{}", rel.join("/"))
            };
            let bytes = std::fs::read(file).map_err(|e| Error::io("copy", file, e))?;
            self.write(&rel, &bytes)?;
        }
        Ok(files.len())
    }

    /// Puts the new site in place of the old one. Where the system can swap two folders
    /// in one step (Linux `renameat2` with `RENAME_EXCHANGE`), a process killed at any
    /// moment leaves either the old or the new site at the output path, never neither.
    pub fn commit(mut self) -> Result<()> {
        if self.target.exists() && exchange(&self.dir, &self.target).is_ok() {
            // The old site now sits in the staging folder; a kill from here on leaves a
            // stale `.tmp-` folder that the next build removes.
            self.committed = true;
            let _ = std::fs::remove_dir_all(&self.dir);
            return Ok(());
        }
        self.replace_in_two_steps()
    }

    /// The portable swap: move the old site aside, then move the new one in. Between
    /// the two renames the output path is briefly missing.
    fn replace_in_two_steps(&mut self) -> Result<()> {
        let old = sibling(&self.target, "old");
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, &old)
                .map_err(|e| Error::io("move the previous output aside", &self.target, e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            if had_old {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(Error::io(
                "move the new site into place at",
                &self.target,
                e,
            ));
        }
        self.committed = true;
        if had_old {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

/// `relative` (with `/` separators) under `dir`.
fn under(dir: &Path, relative: &str) -> PathBuf {
    relative
        .split('/')
        .fold(dir.to_path_buf(), |p, part| p.join(part))
}

/// Writes `bytes` into a newly created file at `path`.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    create_new(path)?.write_all(bytes)
}

/// Creates the file `path` anew. A file already there (written twice in one build) is
/// unlinked first, never overwritten: it may be a link to a file the old site still shows.
pub fn create_new(path: &Path) -> std::io::Result<std::fs::File> {
    let create = || {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
    };
    match create() {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::remove_file(path)?;
            create()
        }
        other => other,
    }
}

/// Swaps two paths atomically.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

/// No atomic swap here: the caller falls back to two renames.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn exchange_swaps_two_folders_in_one_step() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        std::fs::write(a.join("x"), "a").unwrap();
        std::fs::write(b.join("x"), "b").unwrap();
        exchange(&a, &b).unwrap();
        assert_eq!(std::fs::read_to_string(a.join("x")).unwrap(), "b");
        assert_eq!(std::fs::read_to_string(b.join("x")).unwrap(), "a");
    }

    #[test]
    fn an_output_path_that_is_a_file_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("public");
        std::fs::write(&file, "keep me").unwrap();
        assert!(matches!(Staging::begin(&file), Err(Error::Usage(_))));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
    }

    #[test]
    fn commit_replaces_and_drop_discards() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("old.html"), "old").unwrap();

        let failed = Staging::begin(&target).unwrap();
        failed.write("a/new.html", b"new").unwrap();
        drop(failed);
        assert!(target.join("old.html").exists());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);

        let ok = Staging::begin(&target).unwrap();
        ok.write("a/new.html", b"new").unwrap();
        ok.commit().unwrap();
        assert!(!target.join("old.html").exists());
        assert_eq!(
            std::fs::read_to_string(target.join("a/new.html")).unwrap(),
            "new"
        );
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    fn inode(path: &Path) -> u64 {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).unwrap().ino()
    }

    #[cfg(unix)]
    #[test]
    fn unchanged_files_are_linked_and_changed_ones_are_new_files() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let first = Staging::begin(&target).unwrap();
        first.write("a/same.html", b"same").unwrap();
        first.write("a/changed.html", b"old").unwrap();
        first.write("a/grown.html", b"old").unwrap();
        first.commit().unwrap();
        let (same, changed) = (target.join("a/same.html"), target.join("a/changed.html"));
        let (same_inode, changed_inode) = (inode(&same), inode(&changed));

        let second = Staging::begin(&target).unwrap();
        second.write("a/same.html", b"same").unwrap();
        second.write("a/changed.html", b"new").unwrap();
        second.write("a/grown.html", b"older").unwrap();
        // Before the swap the old site shows its own bytes, and only the same file is shared.
        assert_eq!(std::fs::read(&changed).unwrap(), b"old");
        assert_eq!(inode(&second.path_of("a/same.html")), same_inode);
        assert_ne!(inode(&second.path_of("a/changed.html")), changed_inode);
        // Writing a path twice never writes into the (linked) file already there.
        second.write("a/same.html", b"next").unwrap();
        assert_eq!(std::fs::read(&same).unwrap(), b"same");
        second.commit().unwrap();

        assert_eq!(std::fs::read(&same).unwrap(), b"next");
        assert_eq!(std::fs::read(&changed).unwrap(), b"new");
        assert_eq!(
            std::fs::read(target.join("a/grown.html")).unwrap(),
            b"older"
        );
    }
}
