//! `dossier serve`'s quick path for front matter edits: a new title, summary, quote,
//! source or event text of one briefing re-renders only the pages that show it, and
//! those pages are byte for byte what a full build writes; the feeds, search and data
//! files follow. Edits that move the briefing in a list take the rebuild and give the
//! full build's site as well.
#![cfg(feature = "serve")]

mod common;

use std::path::Path;

use common::serve::{
    LIMIT, Server, assert_same_as_full_build, counts, differ_from_full_build, edit, real_site,
};

const MAIN: &str = "content/briefings/2025-04-22-putin-offen-fuer-direkte-gespraeche.md";
const LONDON: &str = "content/briefings/2025-04-24-london.md";

/// Briefings naming Rubio and Selenskyj on other days with Rubio's quotes, so their
/// lists run over several parts and each briefing has related briefings.
fn add_briefings(root: &Path) {
    for day in 10..16 {
        let text = format!(
            "---\ntitle: \"Rubio am {day}. April\"\ndate: \"2025-04-{day}\"\n\
             actors: [rubio, selenskyj]\ntopics: [US-Vermittlung]\nplaces: [Paris]\n\
             quotes:\n  - actor: rubio\n    text: \"Aussage {day}\"\n---\nText {day}.\n"
        );
        let path = root.join(format!("content/briefings/2025-04-{day}-rubio.md"));
        std::fs::write(path, text).expect("write");
    }
}

#[test]
fn front_matter_edits_re_render_exactly_the_pages_a_full_build_changes() {
    let (_tmp, root) = real_site();
    add_briefings(&root);
    let yaml = std::fs::read_to_string(root.join("site.yaml")).expect("site.yaml");
    let paged = format!("{yaml}\npaginate: 2\ntimeline_split: 3\n");
    std::fs::write(root.join("site.yaml"), paged).expect("write");
    let (mut server, _port) = Server::start(&root);
    let served = std::env::temp_dir()
        .join(format!("dossier-serve-{}", server.child.id()))
        .join("site");
    assert_same_as_full_build(&served, &root, "start");

    let quick: [(&str, &str, &str, &str); 8] = [
        // The title shows on cards, related lists, the events' and quotes' links.
        (
            "title",
            LONDON,
            "title: \"Gespräche in London\"",
            "title: \"Gespräche über eine Waffenruhe in London\"",
        ),
        (
            "related-title",
            "content/briefings/2025-04-13-rubio.md",
            "title: \"Rubio am 13. April\"",
            "title: \"Rubio am Sonntag\"",
        ),
        (
            "summary",
            MAIN,
            "Wladimir Putin hat sich am 21. April 2025",
            "Wladimir Putin hat sich am Montag, dem 21. April 2025,",
        ),
        // A quote by an actor the briefing names: a new entry in Selenskyj's quotes.
        (
            "quote-added",
            "content/briefings/2025-04-12-rubio.md",
            "    text: \"Aussage 12\"\n",
            "    text: \"Aussage 12\"\n  - actor: selenskyj\n    text: \"Antwort 12\"\n",
        ),
        (
            "quote-removed",
            "content/briefings/2025-04-14-rubio.md",
            "quotes:\n  - actor: rubio\n    text: \"Aussage 14\"\n",
            "",
        ),
        // An event the briefing defines: its title and a new end date.
        (
            "event",
            LONDON,
            "    title: Treffen in London\n",
            "    title: Treffen der Außenminister in London\n    end: \"2025-04-24\"\n",
        ),
        (
            "source",
            MAIN,
            "title: \"Putin deutet direkte Gespräche mit der Ukraine an\"",
            "title: \"Putin deutet Gespräche an\"",
        ),
        // Front matter and body in one save.
        (
            "title-and-body",
            "content/briefings/2025-04-11-rubio.md",
            "\"Rubio am 11. April\"\ndate: \"2025-04-11\"\nactors: [rubio, selenskyj]\ntopics: [US-Vermittlung]\nplaces: [Paris]\nquotes:\n  - actor: rubio\n    text: \"Aussage 11\"\n---\nText 11.",
            "\"Rubio am Freitag\"\ndate: \"2025-04-11\"\nactors: [rubio, selenskyj]\ntopics: [US-Vermittlung]\nplaces: [Paris]\nquotes:\n  - actor: rubio\n    text: \"Aussage 11\"\n---\nText 11, länger.",
        ),
    ];
    for (name, file, from, to) in quick {
        edit(&root, file, from, to);
        let line = server.wait_line("pages after a change", LIMIT);
        let (rendered, total) = counts(&line);
        assert!(
            rendered < total,
            "{name}: only reached pages rendered: {line}"
        );
        let html = |p: &Path| p.extension().is_some_and(|e| e == "html");
        let differ = differ_from_full_build(&served, &root, &format!("{name}-pages"), html);
        assert!(
            differ.is_empty(),
            "{name}: pages differ from a full build: {differ:?}"
        );
        // Only the quick path leaves the feeds, search and data files for later.
        server.wait_line("feed, search and data file(s)", LIMIT);
        assert_same_as_full_build(&served, &root, name);
    }

    // Edits that move the briefing or its events in lists: the rebuild, same result.
    let moved = [
        (
            "date",
            LONDON,
            "date: \"2025-04-24\"",
            "date: \"2025-04-09\"",
        ),
        (
            "actor",
            "content/briefings/2025-04-15-rubio.md",
            "actors: [rubio, selenskyj]",
            "actors: [rubio]",
        ),
        (
            "event-date",
            LONDON,
            "    date: \"2025-04-23\"",
            "    date: \"2025-03-23\"",
        ),
    ];
    for (name, file, from, to) in moved {
        edit(&root, file, from, to);
        server.wait_line("pages after a change", LIMIT);
        assert_same_as_full_build(&served, &root, name);
    }
}
