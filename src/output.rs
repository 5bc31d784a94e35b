//! Writing the site: everything goes into a fresh folder beside the output, which
//! replaces the old output only when the whole build has succeeded.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::input::SiteBounds;

/// A build's output folder in the making. Dropped without `commit`, it removes itself
/// and the previous site stays as it was.
#[derive(Debug)]
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    committed: bool,
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
            target: target.to_path_buf(),
            dir,
            committed: false,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one file, given by its site-relative path with `/` separators.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<()> {
        let path = self.path_of(relative);
        if let Some(parent) = path.parent()
            && !parent.exists()
        {
            std::fs::create_dir_all(parent).map_err(|e| Error::io("create folder", parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io("write", &path, e))
    }

    pub fn path_of(&self, relative: &str) -> PathBuf {
        relative
            .split('/')
            .fold(self.dir.clone(), |p, part| p.join(part))
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
            let dest = self.path_of(&rel);
            if let Some(parent) = dest.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| Error::io("create folder", parent, e))?;
            }
            std::fs::copy(file, &dest).map_err(|e| Error::io("copy", file, e))?;
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
}
