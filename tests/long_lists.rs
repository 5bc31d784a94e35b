//! Long lists stay usable: lists of briefings are split into pages, and a large
//! timeline into a page per month, with every link and event anchor still resolving.

mod common;

use common::{Fixture, broken_links};

fn many_briefings(f: &Fixture, n: usize) {
    for i in 0..n {
        f.write(
            &format!("content/briefings/2025-03-{:02}-lage-{i}.md", 1 + i),
            &format!(
                "---\ntitle: Lage {i}\ndate: \"2025-03-{:02}\"\nactors: [putin]\ntopics: [Diplomatie]\nevents:\n  - date: \"2025-0{}-{:02}\"\n    title: Ereignis {i}\n    actors: [putin]\n---\nText {i}.\n",
                1 + i,
                1 + i % 3,
                1 + i
            ),
        );
    }
}

#[test]
fn long_lists_are_split_into_linked_pages() {
    let f = Fixture::small();
    f.write("site.yaml", &format!("{}paginate: 3\n", common::SITE_YAML));
    many_briefings(&f, 7);
    f.build();
    // 7 new briefings + 2 naming Putin = 9 on the actor page: parts of 3.
    let first = f.read("actors/putin.html");
    assert!(first.contains("href=\"putin.2.html\""), "pager on page 1");
    assert!(
        first.contains("Präsident Russlands"),
        "page 1 has the infobox"
    );
    let third = f.read("actors/putin.3.html");
    assert!(third.contains("rel=\"prev\""));
    assert!(
        !third.contains("class=\"infobox\""),
        "later parts only list briefings"
    );
    assert!(!f.public().join("actors/putin.4.html").exists());
    assert!(f.public().join("topics/diplomatie.3.html").exists());
    assert!(f.public().join("briefings/index.3.html").exists());
    let broken = broken_links(&f.public());
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn a_large_timeline_gets_a_page_per_month_and_events_link_there() {
    let f = Fixture::small();
    f.write(
        "site.yaml",
        &format!("{}timeline_split: 4\n", common::SITE_YAML),
    );
    many_briefings(&f, 6);
    f.build();
    let overview = f.read("timeline.html");
    assert!(
        overview.contains("href=\"timeline.2025-01.html\""),
        "{overview}"
    );
    assert!(overview.contains("März 2022"));
    let january = f.read("timeline.2025-01.html");
    assert!(january.contains("id=\"2025-01-01-ereignis-0\""));
    assert!(
        !january.contains("Ereignis 1<"),
        "other months are elsewhere"
    );
    let home = f.read("index.html");
    assert!(
        home.contains("href=\"timeline.2025-03.html#2025-03-06-ereignis-5\""),
        "home links into the month page"
    );
    let broken = broken_links(&f.public());
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn a_month_with_more_events_than_fit_on_a_page_is_split_into_parts() {
    let f = Fixture::small();
    f.write(
        "site.yaml",
        &format!("{}timeline_split: 1\n", common::SITE_YAML),
    );
    // Events 0 and 3 fall in January 2025: with one event a page, two parts.
    many_briefings(&f, 6);
    f.build();
    let first = f.read("timeline.2025-01.html");
    let second = f.read("timeline.2025-01.2.html");
    assert!(first.contains("id=\"2025-01-01-ereignis-0\""), "{first}");
    assert!(!first.contains("id=\"2025-01-04-ereignis-3\""));
    assert!(second.contains("id=\"2025-01-04-ereignis-3\""), "{second}");
    assert!(
        second.contains("<h1>Zeitleiste Januar 2025 · Seite 2</h1>"),
        "{second}"
    );
    let overview = f.read("timeline.html");
    assert!(
        overview.contains("href=\"timeline.2025-01.2.html\""),
        "{overview}"
    );
    let home = f.read("index.html");
    assert!(
        home.contains("href=\"timeline.2025-01.2.html#2025-01-04-ereignis-3\""),
        "events link to the part that shows them"
    );
    let broken = broken_links(&f.public());
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}
