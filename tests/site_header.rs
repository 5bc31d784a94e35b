//! The page header is rendered once per language, depth and section from
//! `partials/site_header.html`, and a site's own version of that partial is used.

mod common;

use common::Fixture;

#[test]
fn the_header_marks_the_section_and_links_from_the_pages_folder() {
    let f = Fixture::small();
    f.build();
    let home = f.read("index.html");
    assert!(home.contains(r#"<a href="index.html" aria-current="page">Start</a>"#));
    assert!(home.contains(r#"<a class="site-title" href="index.html">"#));
    let briefings = f.read("briefings/index.html");
    assert!(briefings.contains(r#"<a href="../briefings/index.html" aria-current="page">"#));
    assert!(!briefings.contains(r#"<a href="../index.html" aria-current="page">"#));
    let search = f.read("search.html");
    assert!(
        !search.contains(r#"class="site-search""#),
        "the search page has its own form"
    );
}

#[test]
fn a_site_header_partial_of_the_site_replaces_the_built_in_one() {
    let f = Fixture::small();
    f.write(
        "templates/partials/site_header.html",
        "<header>EIGENER KOPF {{ site.title }} {{ page.section }} {{ page.root }}x {{ t.home }}</header>\n",
    );
    f.build();
    assert!(
        f.read("index.html")
            .contains("<header>EIGENER KOPF Testdossier home x Start</header>\n<main")
    );
    assert!(
        f.read("actors/index.html")
            .contains("<header>EIGENER KOPF Testdossier actors ../x Start</header>")
    );
}

#[test]
fn an_error_in_the_header_partial_names_the_partial() {
    let f = Fixture::small();
    f.write(
        "templates/partials/site_header.html",
        "<header>{{ page.title }}</header>\n",
    );
    let out = f.run(&["build"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("site_header.html"), "{stderr}");
}
