//! Nothing from content runs in the reader's browser: a site whose every text field
//! carries the usual script-injection vectors is built, each page is opened in headless
//! Chromium, and no injected script may run, while the text is shown literally.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Fixture, html_files, text_files};

/// Every vector logs this marker to the console or opens a dialog if it runs.
const MARK: &str = "XSS-RAN";

/// Injection vectors for text fields; `{n}` makes each one traceable to its field.
fn vectors(n: &str) -> String {
    format!(
        "<script>console.log('{MARK}-{n}')</script> \\\"><img src=x onerror=console.log('{MARK}-{n}')> '><svg onload=alert('{MARK}-{n}')> </script><script>alert('{MARK}-{n}')</script> </title></textarea><iframe srcdoc='<script>parent.console.log(1)</script>'> {{{{ 7*7 }}}} &amp; & <!--"
    )
}

/// A URL that passes as http(s) but tries to break out of its attribute.
fn url(n: &str) -> String {
    format!(
        "https://example.org/?q=\\\"><script>console.log('{MARK}-{n}')</script>&x='onmouseover='alert(1)"
    )
}

fn hostile_site(raw_html: &str) -> Fixture {
    let f = Fixture::small();
    f.write(
        "site.yaml",
        &format!(
            "title: \"Site {}\"\ndescription: \"{}\"\npublisher: \"{}\"\nlang: de\nbase_url: \"https://example.org/d/\"\nmarkdown:\n  raw_html: {raw_html}\n",
            vectors("site-title"),
            vectors("site-description"),
            vectors("publisher")
        ),
    );
    f.write(
        "content/actors/boese.md",
        &format!(
            "---\nname: \"{}\"\nkind: person\nrole: \"{}\"\nroles:\n  - title: \"{}\"\n    from: \"2020\"\n    note: \"{}\"\n    source: \"{}\"\naliases: [\"{}\"]\n---\n{}\n",
            vectors("actor-name"),
            vectors("actor-role"),
            vectors("role-title"),
            vectors("role-note"),
            url("role-source"),
            vectors("alias"),
            body("actor-body")
        ),
    );
    f.write(
        "content/events/2024-01-01-boese.md",
        &format!(
            "---\ndate: \"2024-01-01\"\ntitle: \"{}\"\nplace: \"{}\"\nsummary: \"{}\"\nactors: [boese]\nsources:\n  - title: \"{}\"\n    url: \"{}\"\n---\n{}\n",
            vectors("event-title"),
            vectors("event-place"),
            vectors("event-summary"),
            vectors("event-source"),
            url("event-url"),
            body("event-body")
        ),
    );
    let topic = format!("<script>console.log('{MARK}-topic')</script>");
    let place = format!("<img src=x onerror=console.log('{MARK}-place')>");
    f.write(
        "content/briefings/2025-05-01-boese.md",
        &format!(
            "---\ntitle: \"{}\"\ndate: \"2025-05-01\"\nsummary: \"{}\"\nactors: [boese, putin]\ntopics: [\"Thema {}\"]\nplaces: [\"Ort {}\"]\nsources:\n  - title: \"{}\"\n    publisher: \"{}\"\n    note: \"{}\"\n    url: \"{}\"\nquotes:\n  - actor: boese\n    text: \"{}\"\n    translation: \"{}\"\n    context: \"{}\"\n    source: 1\nevents:\n  - date: \"2025-04-30\"\n    title: \"{}\"\n    summary: \"{}\"\n    actors: [boese]\n---\n{}\n",
            vectors("title"),
            vectors("summary"),
            topic,
            place,
            vectors("source-title"),
            vectors("source-publisher"),
            vectors("source-note"),
            url("source-url"),
            vectors("quote"),
            vectors("translation"),
            vectors("context"),
            vectors("briefing-event"),
            vectors("briefing-event-summary"),
            body("body")
        ),
    );
    f
}

/// A Markdown body with raw HTML, inline HTML and a heading id that tries to break out.
fn body(n: &str) -> String {
    format!(
        "## Lage {{#x\"onmouseover=\"console.log('{MARK}-{n}')}}\n\nText <img src=x onerror=\"console.log('{MARK}-{n}')\"> und <b onclick=\"alert(1)\">fett</b>.\n\n<script>console.log('{MARK}-{n}')</script>\n\n<a href=\"javascript:console.log('{MARK}-{n}')\">Klick</a> <iframe src=\"javascript:alert(1)\"></iframe>\n\n<svg><script>console.log('{MARK}-{n}')</script></svg>\n\n`<script>code</script>`\n"
    )
}

struct Visit {
    dom: String,
    console: String,
    timed_out: bool,
}

/// Opens a page in headless Chromium and returns the DOM after scripts ran, and the log.
fn visit(page: &Path, profile: &Path) -> Visit {
    visit_url(&format!("file://{}", page.display()), profile)
}

/// [`visit`] for a full URL, e.g. with a query string.
fn visit_url(url: &str, profile: &Path) -> Visit {
    let mut child = Command::new("chromium")
        .args(common::CHROMIUM_FLAGS)
        .args(["--enable-logging=stderr", "--v=0", "--dump-dom"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run chromium (install it: apt-get install chromium)");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    // An alert() that ran blocks --dump-dom for good: a page that does not finish in
    // time opened a dialog.
    let deadline = Instant::now() + Duration::from_secs(40);
    let mut timed_out = false;
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            timed_out = true;
            let _ = child.kill();
            let _ = child.wait();
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Visit {
        dom: out.join().unwrap_or_default(),
        console: err.join().unwrap_or_default(),
        timed_out,
    }
}

fn check_site(raw_html: &str) {
    let f = hostile_site(raw_html);
    f.build();
    let public = f.public();
    let pages = html_files(&public);
    let profile = tempfile::tempdir().expect("profile folder");
    let mut problems = Vec::new();
    let mut literal_pages = 0;
    for (rel, html) in &pages {
        // Cheap checks first, on the bytes as written.
        for raw in [
            "<script>console.log",
            "<img src=x onerror",
            "<svg onload",
            "<iframe",
        ] {
            if html.contains(raw) {
                problems.push(format!("{rel}: the page source contains `{raw}`"));
            }
        }
        let visit = visit(&public.join(rel), profile.path());
        if visit.timed_out {
            problems.push(format!(
                "{rel}: Chromium did not finish: a dialog (alert) opened"
            ));
        }
        for line in visit.console.lines().filter(|l| l.contains(MARK)) {
            problems.push(format!("{rel}: injected script ran: {line}"));
        }
        if !visit.dom.contains("<html") {
            problems.push(format!("{rel}: no DOM dumped"));
        }
        if visit.dom.contains("&lt;script&gt;console.log('XSS-RAN-") {
            literal_pages += 1;
        }
    }
    // The search page renders results from the index with script: search for the
    // vectors, and pass a vector as the query itself.
    if public.join("search.html").is_file() {
        for query in [
            "xss",
            "script",
            "<img src=x onerror=console.log('XSS-RAN-query')>",
        ] {
            let url = format!(
                "file://{}/search.html?q={}",
                public.display(),
                percent(query)
            );
            let visit = visit_url(&url, profile.path());
            if visit.timed_out {
                problems.push(format!("search `{query}`: a dialog (alert) opened"));
            }
            for line in visit.console.lines().filter(|l| l.contains(MARK)) {
                problems.push(format!("search `{query}`: injected script ran: {line}"));
            }
            if query == "xss" && !visit.dom.contains("&lt;script&gt;console.log(") {
                problems.push("search `xss` shows no result with the literal text".into());
            }
        }
    }
    // Data files must stay valid JSON whatever the strings hold.
    for (rel, text) in text_files(&public) {
        if rel.ends_with(".json") && serde_json::from_str::<serde_json::Value>(&text).is_err() {
            problems.push(format!("{rel} is not valid JSON"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The vectors are shown as text, on every page (the site title carries them).
    assert_eq!(
        literal_pages,
        pages.len(),
        "some pages do not show the text literally"
    );
    let briefing = f.read("briefings/2025-05-01-boese.html");
    for field in [
        "title",
        "summary",
        "quote",
        "translation",
        "context",
        "source-title",
        "source-note",
        "topic",
        "briefing-event",
    ] {
        assert!(
            briefing.contains(&format!(
                "&lt;script&gt;console.log(&#39;{MARK}-{field}&#39;)&lt;/script&gt;"
            )),
            "the briefing does not show `{field}` literally"
        );
    }
    let actor = f.read("actors/boese.html");
    for field in [
        "actor-name",
        "actor-role",
        "role-title",
        "role-note",
        "alias",
    ] {
        assert!(
            actor.contains(&format!("{MARK}-{field}")),
            "the actor page lacks `{field}`"
        );
    }
    // Non-HTML outputs (feeds, data) must not carry raw markup either.
    for (rel, text) in text_files(&public) {
        if rel.ends_with(".xml") || rel.ends_with(".atom") {
            assert!(!text.contains("<script>"), "{rel} carries a raw <script>");
        }
    }
}

#[test]
fn no_injected_script_runs_with_raw_html_escaped() {
    check_site("escape");
}

#[test]
fn no_injected_script_runs_with_raw_html_sanitised() {
    check_site("sanitise");
}

#[test]
fn the_detector_sees_a_script_that_runs() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let page = dir.path().join("bad.html");
    std::fs::write(
        &page,
        format!("<!doctype html><title>x</title><script>console.log('{MARK}-probe')</script>"),
    )
    .expect("write");
    let visit = visit(&page, &dir.path().join("profile"));
    assert!(
        visit.console.contains(&format!("{MARK}-probe")),
        "{}",
        visit.console
    );
}

fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
