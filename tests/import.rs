//! `dossier import`: the real seed with the real actors becomes a draft briefing that
//! names Putin, Selenskyj, Peskow, Rubio and Trump and cites the seed.

mod common;

use std::path::Path;

use common::Fixture;

const SEED: &str = "000_dd5c153005a1d01d.txt";

/// A site with this repository's actors and seed.
fn real_actors_site() -> Fixture {
    let f = Fixture::empty();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(repo.join("content/actors")).expect("actors") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_string();
        f.write(
            &format!("content/actors/{name}"),
            &std::fs::read_to_string(&path).expect("read"),
        );
    }
    std::fs::create_dir_all(f.root().join("seeds")).expect("seeds");
    std::fs::copy(
        repo.join("seeds").join(SEED),
        f.root().join("seeds").join(SEED),
    )
    .expect("copy seed");
    f
}

#[test]
fn the_seed_becomes_a_draft_with_its_actors() {
    let f = real_actors_site();
    let out = f.run(&["import", &format!("seeds/{SEED}"), "--date", "2025-04-22"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = f.root().join(
        "content/briefings/2025-04-22-der-russische-praesident-wladimir-putin-hat-zum-ersten-mal.md",
    );
    let text = std::fs::read_to_string(&path).expect("draft written");
    let actors_line = text
        .lines()
        .find(|l| l.starts_with("actors: ["))
        .expect("actors");
    let actors: Vec<&str> = actors_line
        .trim_start_matches("actors: [")
        .trim_end_matches(']')
        .split(", ")
        .collect();
    for slug in ["putin", "selenskyj", "peskow", "rubio", "trump"] {
        assert!(actors.contains(&slug), "{slug} not found: {actors_line}");
        assert!(stdout.contains(slug), "{stdout}");
    }
    assert!(
        !actors.contains(&"lawrow"),
        "Lawrow is not in the seed: {actors_line}"
    );
    assert!(text.contains("draft: true"));
    assert!(text.contains(&format!("seed: \"{SEED}\"")));
    assert!(
        text.starts_with("---\ntitle: \"Der russische Präsident Wladimir Putin hat zum ersten Mal")
    );
    // Body paragraphs: one per line of the seed, the title line not repeated.
    let body = text.splitn(3, "---\n").nth(2).expect("body");
    assert!(body.starts_with("Putin sprach am Montag"), "{body}");
    assert!(body.contains("\n\n„Wir haben eine positive Einstellung zu Friedensinitiativen“"));

    // The draft is valid content: it builds with drafts.
    let out = f.run(&["build", "--drafts"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Importing again would overwrite the editor's work: refused.
    let out = f.run(&["import", &format!("seeds/{SEED}"), "--date", "2025-04-22"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
}

#[test]
fn a_file_outside_seeds_is_refused() {
    let f = real_actors_site();
    f.write("notes.txt", "Titel\nText über Putin.\n");
    let out = f.run(&["import", "notes.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("copy it there first"));
    let out = f.run(&["import", "seeds/missing.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a file"));
}
