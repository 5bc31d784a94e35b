use super::*;

fn index() -> LinkIndex {
    let mut targets = QuickMap::default();
    targets.insert(
        "content/actors/putin.md".to_string(),
        Target::Page(Box::new(PageTarget {
            url: "actors/putin.html".into(),
            fixed: &["profile"],
            own: Vec::new(),
            sources: 0,
            body: None,
        })),
    );
    targets.insert(
        "content/events/2022-02-24-invasion.md".to_string(),
        event_target("timeline.html#2022-02-24-invasion".into()),
    );
    targets.insert(
        "seeds/000.txt".to_string(),
        Target::Page(Box::new(PageTarget {
            url: "seeds/000.html".into(),
            fixed: &[],
            own: Vec::new(),
            sources: 0,
            body: None,
        })),
    );
    LinkIndex {
        targets,
        root: PathBuf::from("/s"),
    }
}

fn resolve(dest: &str) -> Resolved {
    index().resolve(Path::new("/s/content/briefings/b.md"), dest)
}

#[test]
fn relative_and_short_paths_resolve_to_pages() {
    assert_eq!(
        resolve("../actors/putin.md"),
        Resolved::Page("actors/putin.html".into())
    );
    assert_eq!(
        resolve("@/actors/putin.md#profile"),
        Resolved::Page("actors/putin.html#profile".into())
    );
    assert_eq!(
        resolve("./../events/2022-02-24-invasion.md"),
        Resolved::Page("timeline.html#2022-02-24-invasion".into())
    );
    assert_eq!(
        resolve("../../seeds/000.txt"),
        Resolved::Page("seeds/000.html".into())
    );
    assert_eq!(
        resolve("@/seeds/000.txt"),
        Resolved::Page("seeds/000.html".into())
    );
}

#[test]
fn other_links_are_left_alone() {
    for dest in [
        "https://example.org/a.md",
        "#quellen",
        "/abs.md",
        "mailto:x@y.z",
        "../style.css",
    ] {
        assert_eq!(resolve(dest), Resolved::External, "{dest}");
    }
}

#[test]
fn unknown_files_and_anchors_are_broken_with_hints() {
    let Resolved::Broken { message, hint } = resolve("../actors/putn.md") else {
        panic!()
    };
    assert!(
        message.contains("there is no content/actors/putn.md"),
        "{message}"
    );
    assert!(hint.contains("content/actors/putin.md"), "{hint}");
    let Resolved::Broken { message, hint } = resolve("../actors/putin.md#profil") else {
        panic!()
    };
    assert!(message.contains("no anchor `#profil`"), "{message}");
    assert!(hint.contains("#profile"), "{hint}");
    assert!(matches!(
        resolve("../events/2022-02-24-invasion.md#x"),
        Resolved::Broken { .. }
    ));
    assert!(matches!(
        resolve("../../../etc/passwd.md"),
        Resolved::Broken { .. }
    ));
}
