//! Reading the site's input files safely: a size limit, UTF-8 checked with a position,
//! and no symbolic links that lead out of the site folder.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::Diagnostic;

/// The largest input file dossier reads. A briefing is tens of kilobytes; a file this big
/// is almost always a mistake (a pasted binary, a log), and reading it would cost memory
/// many times its size once rendered into several pages.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

fn too_large(path: &Path, size: u64) -> Diagnostic {
    Diagnostic::new(
        path,
        format!(
            "the file is too large ({}); input files may have at most {}",
            megabytes(size),
            megabytes(MAX_FILE_BYTES)
        ),
    )
    .hint("split it into several files, or check that it is the file you meant to put here")
}

/// Checks a file's size before it is read, so that a huge file costs nothing.
pub fn check_size(path: &Path) -> Result<(), Diagnostic> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FILE_BYTES => Err(too_large(path, meta.len())),
        _ => Ok(()),
    }
}

/// What a file looked like when it was read: its length and modification time. A
/// file read again later is the same file if its stamp is unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    pub modified: Option<std::time::SystemTime>,
}

/// Reads a whole file, refusing files over [`MAX_FILE_BYTES`] without reading them.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    read_bytes_stamped(path).map(|(bytes, _)| bytes)
}

/// Reads a whole file and its stamp, from one open handle.
pub fn read_bytes_stamped(path: &Path) -> Result<(Vec<u8>, Stamp), Diagnostic> {
    read_bytes_stamped_from(path, 0)
}

/// Reads a file from byte `start` to its end, with the stamp of the whole file.
pub fn read_bytes_stamped_from(path: &Path, start: u64) -> Result<(Vec<u8>, Stamp), Diagnostic> {
    use std::io::{Seek, SeekFrom};
    let cannot = |e: std::io::Error| {
        Diagnostic::new(path, format!("cannot read the file: {e}"))
            .hint("check that the file exists and is readable")
    };
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(path, meta.len()));
    }
    if start > 0 {
        file.seek(SeekFrom::Start(start)).map_err(cannot)?;
    }
    // Sized from the handle's metadata, the buffer is read in one go, not grown.
    let mut bytes = Vec::with_capacity(meta.len().saturating_sub(start) as usize + 1);
    // Reading one byte past the limit tells a file that grew after `metadata` apart.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    let len = start + bytes.len() as u64;
    if len > MAX_FILE_BYTES {
        let size = std::fs::metadata(path).map_or(len, |m| m.len());
        return Err(too_large(path, size));
    }
    let stamp = Stamp {
        len,
        modified: meta.modified().ok(),
    };
    Ok((bytes, stamp))
}

/// Reads a file as UTF-8 text, placing a decoding error at its line and column.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    read_text_stamped(path).map(|(text, _)| text)
}

/// Reads a file as UTF-8 text, with its stamp.
pub fn read_text_stamped(path: &Path) -> Result<(String, Stamp), Diagnostic> {
    let (bytes, stamp) = read_bytes_stamped(path)?;
    Ok((utf8_text(path, bytes)?, stamp))
}

/// `bytes` as text, or where in the file they stop being UTF-8. German text is not
/// ASCII, which the standard library checks fast; simdutf8 checks it several times
/// faster, and the standard library then finds the position of a rare bad byte.
pub fn utf8_text(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just checked that `bytes` is valid UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        Diagnostic::new(path, "the file is not valid UTF-8 text")
            .at(line, column)
            .hint("save the file as UTF-8 in your editor")
    })
}

/// The site folder, resolved, to tell links that stay inside it from links out of it.
#[derive(Debug, Clone)]
pub struct SiteBounds {
    root: PathBuf,
}

impl SiteBounds {
    pub fn new(root: &Path) -> SiteBounds {
        SiteBounds {
            root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    /// Whether `path`, with every link in it followed, lies inside the site folder.
    pub fn contains(&self, path: &Path) -> bool {
        std::fs::canonicalize(path).is_ok_and(|p| p.starts_with(&self.root))
    }

    fn outside(path: &Path) -> Diagnostic {
        Diagnostic::new(path, "this symbolic link points outside the site folder")
            .hint("copy the file into the site instead of linking to it")
    }

    /// Refuses a folder (content/, templates/, static/, seeds/) that leads out of the site.
    pub fn check_dir(&self, dir: &Path) -> Result<(), Diagnostic> {
        if dir.exists() && !self.contains(dir) {
            return Err(Self::outside(dir));
        }
        Ok(())
    }

    /// The files under `dir` (at most `depth` levels down), sorted by path. Links to files
    /// inside the site are kept; links out of it, and links to folders, are reported.
    pub fn files(&self, dir: &Path, depth: usize) -> (Vec<PathBuf>, Vec<Diagnostic>) {
        let mut files = Vec::new();
        let mut problems = Vec::new();
        if !dir.is_dir() {
            return (files, problems);
        }
        if let Err(d) = self.check_dir(dir) {
            return (files, vec![d]);
        }
        // Siblings share their folder's path, so their whole paths compare as their
        // names do; `sort_by_file_name` cut the name out of the path at each of the
        // n log n comparisons (a fifth of a second, alone on one core, for a folder of
        // 100,000 briefings).
        let walk = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .max_depth(depth)
            .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()));
        for entry in walk {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().unwrap_or(dir).to_path_buf();
                    problems.push(
                        Diagnostic::new(path, format!("cannot read: {e}"))
                            .hint("check the file's permissions"),
                    );
                    continue;
                }
            };
            let path = entry.path();
            if entry.file_type().is_dir() {
                continue;
            }
            if entry.path_is_symlink() {
                if !self.contains(path) {
                    problems.push(Self::outside(path));
                    continue;
                }
                if path.is_dir() {
                    problems.push(
                        Diagnostic::new(path, "links to folders are not followed")
                            .hint("move the folder here, or link the files one by one"),
                    );
                    continue;
                }
            }
            files.push(path.to_path_buf());
        }
        (files, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_files_are_refused_before_they_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.md");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(MAX_FILE_BYTES + 1).unwrap();
        let err = read_text(&path).unwrap_err();
        assert!(err.message.contains("too large (10.0 MB)"), "{err}");
        assert!(check_size(&path).is_err());
    }

    #[test]
    fn utf8_errors_have_a_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("latin1.md");
        std::fs::write(&path, b"a\nbc\xfc").unwrap();
        let err = read_text(&path).unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(3)));
    }

    #[test]
    fn files_come_in_name_order_folder_by_folder() {
        let site = tempfile::tempdir().unwrap();
        let dir = site.path().join("content");
        for file in ["b.md", "a.md", "a/z.md", "a/b/c.md", "B.md"] {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let (files, problems) = SiteBounds::new(site.path()).files(&dir, usize::MAX);
        assert!(problems.is_empty());
        // A folder's files come before the next name of its parent ("a/..." before
        // "a.md"), which a sort of the whole paths would not give ('.' is before '/').
        let names: Vec<String> = files
            .iter()
            .map(|f| {
                f.strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        assert_eq!(names, ["B.md", "a/b/c.md", "a/z.md", "a.md", "b.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_site_are_reported_and_links_inside_kept() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "x").unwrap();
        let site = tempfile::tempdir().unwrap();
        let dir = site.path().join("content");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("a.md"), "a").unwrap();
        std::os::unix::fs::symlink(dir.join("a.md"), dir.join("b.md")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.md"), dir.join("c.md")).unwrap();
        let bounds = SiteBounds::new(site.path());
        let (files, problems) = bounds.files(&dir, usize::MAX);
        assert_eq!(files, vec![dir.join("a.md"), dir.join("b.md")]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].file, dir.join("c.md"));

        let linked = site.path().join("static");
        std::os::unix::fs::symlink(outside.path(), &linked).unwrap();
        assert!(bounds.check_dir(&linked).is_err());
        assert_eq!(bounds.files(&linked, 1).1.len(), 1);
    }
}
