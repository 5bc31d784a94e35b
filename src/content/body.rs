//! Briefing bodies stay on disk between loading and rendering. Bodies are most of an
//! archive's bytes (125 MB for 10,000 briefings); holding them all until every page is
//! rendered would make memory grow with the archive. A page reads its body again when
//! it is rendered, from the page cache, and checks that the file is the one loaded.

use std::path::Path;

use crate::error::Diagnostic;
use crate::input::{self, Stamp};

/// Where a loaded file's Markdown body is, to read it again when it is needed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBody {
    /// Byte offset of the body in the file.
    start: usize,
    /// The file as it was loaded; a file changed since is not read as if it were the same.
    stamp: Stamp,
}

impl StoredBody {
    /// The body `body`, a suffix of the file's `text` read with `stamp`.
    pub fn new(text: &str, body: &str, stamp: Stamp) -> StoredBody {
        StoredBody {
            start: text.len().saturating_sub(body.len()),
            stamp,
        }
    }

    /// Reads the body of `file` again.
    /// Only the body is read: the front matter was parsed when the file was loaded.
    pub fn read(&self, file: &Path) -> Result<String, Diagnostic> {
        let changed = || {
            Diagnostic::new(file, "the file changed while the site was being built")
                .hint("run the build again")
        };
        let (bytes, stamp) = input::read_bytes_stamped_from(file, self.start as u64)?;
        if stamp != self.stamp {
            return Err(changed());
        }
        // The file as loaded was UTF-8 and `start` on a character boundary; anything
        // else means it changed without its size or time showing it.
        input::utf8_text(file, bytes).map_err(|_| changed())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_body_again_and_notices_a_changed_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("b.md");
        let text = "---\ntitle: T\n---\nKörper\n";
        std::fs::write(&file, text).unwrap();
        let (loaded, stamp) = input::read_text_stamped(&file).unwrap();
        let body = &loaded[loaded.find("Körper").unwrap()..];
        let stored = StoredBody::new(&loaded, body, stamp);
        assert_eq!(stored.read(&file).unwrap(), "Körper\n");

        std::fs::write(&file, "---\ntitle: Neu\n---\nKörper\n").unwrap();
        let err = stored.read(&file).unwrap_err();
        assert!(err.message.contains("changed while"), "{}", err.message);
        std::fs::remove_file(&file).unwrap();
        assert!(stored.read(&file).is_err());
    }
}
