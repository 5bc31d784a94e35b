//! Which files of the served site a rebuild changed: a fingerprint (inode and hash of
//! the bytes) of every file of the last good build.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

/// A fingerprint (inode and hash of the bytes) of every file of the last good build,
/// to tell which ones a change touched.
#[derive(Default)]
pub struct Outputs(BTreeMap<String, (u64, u64)>);

impl Outputs {
    /// Fingerprints `dir` and returns the files that differ from the previous fingerprint.
    /// A file with the inode it had is not read again: builds link unchanged files from
    /// the last site and write changed ones as new files, never in place.
    pub fn update(&mut self, dir: &Path) -> Vec<String> {
        let mut now = BTreeMap::new();
        for entry in walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let relative = relative.to_string_lossy().replace('\\', "/");
            let inode = entry.metadata().map_or(0, |m| inode(&m));
            let known = self
                .0
                .get(&relative)
                .filter(|(i, _)| *i == inode && inode != 0);
            let fingerprint = match known {
                Some(same) => *same,
                None => match fingerprint(entry.path()) {
                    Some(f) => f,
                    None => continue,
                },
            };
            now.insert(relative, fingerprint);
        }
        let mut differ: Vec<String> = now
            .iter()
            .filter(|(path, (_, hash))| self.0.get(*path).map(|f| f.1) != Some(*hash))
            .map(|(path, _)| path.clone())
            .collect();
        differ.extend(self.0.keys().filter(|p| !now.contains_key(*p)).cloned());
        differ.sort();
        self.0 = now;
        differ
    }

    /// Fingerprints again the files at `paths` (site paths), after they were replaced
    /// or removed.
    pub fn refresh(&mut self, dir: &Path, paths: &[String]) {
        for path in paths {
            match fingerprint(&dir.join(path)) {
                Some(f) => self.0.insert(path.clone(), f),
                None => self.0.remove(path),
            };
        }
    }
}

fn fingerprint(path: &Path) -> Option<(u64, u64)> {
    let bytes = std::fs::read(path).ok()?;
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    let inode = std::fs::metadata(path).map_or(0, |m| inode(&m));
    Some((inode, hasher.finish()))
}

#[cfg(unix)]
fn inode(metadata: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(metadata)
}

/// No inode numbers: every file is read and hashed.
#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}
