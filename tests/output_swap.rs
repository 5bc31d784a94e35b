//! Building over an existing site: a file whose bytes did not change is a hard link to
//! the old site's file (no new inode), a changed file is a new file, and no file of the
//! old site is ever written to, so the site shown stays whole until the swap.
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use common::{Fixture, snapshot};

const BRIEFING: &str = "content/briefings/2025-04-22-putin-gespraeche.md";
const PAGE: &str = "briefings/2025-04-22-putin-gespraeche.html";

fn inodes(dir: &Path) -> BTreeMap<PathBuf, u64> {
    snapshot(dir)
        .into_keys()
        .map(|rel| {
            let ino = std::fs::metadata(dir.join(&rel)).expect("metadata").ino();
            (rel, ino)
        })
        .collect()
}

#[test]
fn a_rebuild_links_unchanged_files_and_never_writes_into_the_old_site() {
    let f = Fixture::small();
    f.build();
    let public = f.public();
    let old = snapshot(&public);
    let old_inodes = inodes(&public);
    // A second name for every old file: whatever the rebuild does, these inodes must
    // still hold the old bytes afterwards (nothing was written into them).
    let witness = f.root().join("witness");
    for rel in old.keys() {
        let to = witness.join(rel);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::hard_link(public.join(rel), to).expect("link");
    }

    let text = std::fs::read_to_string(f.root().join(BRIEFING)).expect("read");
    f.write(BRIEFING, &format!("{text}\nEin neuer Schlusssatz.\n"));
    f.build();

    let new = snapshot(&public);
    let new_inodes = inodes(&public);
    assert!(
        String::from_utf8_lossy(&new[Path::new(PAGE)]).contains("Ein neuer Schlusssatz."),
        "the page shows the change"
    );
    let (mut linked, mut written) = (0, 0);
    for (rel, bytes) in &new {
        // Pages go through `Staging::write`; the streamed outputs (data exports,
        // calendars) are written anew whatever they hold.
        let page = rel.extension().is_some_and(|e| e == "html");
        if old.get(rel) == Some(bytes) && page {
            assert_eq!(
                new_inodes[rel], old_inodes[rel],
                "{rel:?} is unchanged: linked"
            );
            linked += 1;
        } else if old.get(rel) != Some(bytes) {
            assert!(
                old_inodes.get(rel) != Some(&new_inodes[rel]),
                "{rel:?} changed: a new file"
            );
            written += 1;
        }
    }
    assert!(
        written >= 1 && linked > written,
        "{linked} linked, {written} written"
    );
    for (rel, bytes) in &old {
        assert_eq!(
            &std::fs::read(witness.join(rel)).expect("witness"),
            bytes,
            "the old site's {rel:?} was written to"
        );
    }
}

#[test]
fn a_clean_build_and_a_build_over_the_old_site_give_the_same_bytes() {
    let f = Fixture::small();
    f.build();
    let text = std::fs::read_to_string(f.root().join(BRIEFING)).expect("read");
    f.write(
        BRIEFING,
        &text.replacen("Putin bringt bilaterale", "Putin bringt neue", 1),
    );
    f.build();
    let over = snapshot(&f.public());
    let fresh = f.root().join("fresh");
    let out = f.run(&["build", "--output", fresh.to_str().expect("utf-8")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(over, snapshot(&fresh));
}
