//! Search: the index the build writes, queried by the site's own `search.js` (run in
//! Node, as `tests/js/search_cli.mjs` does), and the search page and box readers see.

mod common;

use std::process::Command;

use common::{Fixture, attr_values, html_files};
use serde_json::Value;

/// An event naming Selenskyj under his own name only, and a briefing about talks
/// whose title spells "Gespraeche" without the umlaut.
const EXTRA_EVENT: &str = "---\ndate: \"2025-03-11\"\ntitle: Treffen in Dschidda\nactors: [selenskyj]\nstatus: confirmed\nsources:\n  - url: https://example.org/j\n---\n";
const TRANSLITERATED: &str = "---\ntitle: \"Gespraeche in Genf\"\ndate: \"2025-02-01\"\nsummary: \"Ohne Umlaut geschrieben.\"\nactors: [putin]\n---\nText.\n";

fn site() -> Fixture {
    let f = Fixture::small();
    f.write("content/events/2025-03-11-dschidda.md", EXTRA_EVENT);
    f.write("content/briefings/2025-02-01-genf.md", TRANSLITERATED);
    f.build();
    f
}

/// Answers of the built site's search.js to `queries`, one JSON object each.
fn search(f: &Fixture, queries: &[&str]) -> Vec<Value> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/js/search_cli.mjs");
    let out = Command::new("node")
        .arg(script)
        .arg(f.public())
        .args(queries)
        .output()
        .expect("node must be installed to test search.js (.ci/run installs it)");
    assert!(
        out.status.success(),
        "search.js failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answers: Value = serde_json::from_slice(&out.stdout).expect("JSON from search_cli");
    answers.as_array().expect("a list").clone()
}

fn urls(answer: &Value) -> Vec<String> {
    answer["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["url"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_spelling_of_an_actor_finds_the_same_actor_and_briefings() {
    let f = site();
    let answers = search(&f, &["Selenskyj", "Zelensky", "Zelenskyy", "zelenskyy"]);
    let first = urls(&answers[0]);
    assert!(
        first.contains(&"actors/selenskyj.html".to_string()),
        "{first:?}"
    );
    for b in [
        "briefings/2025-04-22-putin-gespraeche.html",
        "briefings/2025-04-10-nato-en.html",
        "timeline.html#2025-03-11-treffen-in-dschidda",
    ] {
        assert!(first.contains(&b.to_string()), "{b} not in {first:?}");
    }
    for other in &answers[1..] {
        let mut a = urls(other);
        let mut b = first.clone();
        a.sort();
        b.sort();
        assert_eq!(a, b, "{} differs from Selenskyj", other["query"]);
    }
    // The actor itself ranks first: its name matches, not just a briefing's actor list.
    assert_eq!(first[0], "actors/selenskyj.html");
}

#[test]
fn umlauts_transliterations_case_and_prefixes_match() {
    let f = site();
    let answers = search(
        &f,
        &["Gespräche", "Gespraeche", "GESPRÄCHE", "gespr", "Genf", "x"],
    );
    let umlaut = urls(&answers[0]);
    assert!(umlaut.contains(&"briefings/2025-04-22-putin-gespraeche.html".to_string()));
    assert!(umlaut.contains(&"briefings/2025-02-01-genf.html".to_string()));
    assert_eq!(urls(&answers[1]), umlaut);
    assert_eq!(urls(&answers[2]), umlaut);
    // Prefixes match as you type: "gespr" finds at least what the whole word finds.
    let prefix = urls(&answers[3]);
    assert!(umlaut.iter().all(|u| prefix.contains(u)), "{prefix:?}");
    assert_eq!(urls(&answers[4]), ["briefings/2025-02-01-genf.html"]);
    // One letter is no search; nothing is loaded for it.
    assert_eq!(answers[5]["total"], 0);
    assert_eq!(answers[5]["loaded"], Value::Array(Vec::new()));
}

#[test]
fn every_word_must_match_and_results_show_date_summary_and_matched_actors() {
    let f = site();
    let answers = search(&f, &["zelensky gespräche", "putin nato"]);
    let results = answers[0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{results:?}");
    let hit = &results[0];
    assert_eq!(hit["kind"], "b");
    assert_eq!(hit["title"], "Putin zeigt sich offen für direkte Gespräche");
    assert_eq!(hit["date"], "22. April 2025");
    assert_eq!(
        hit["summary"],
        "Putin bringt bilaterale Gespräche ins Spiel."
    );
    // Selenskyj matched through an alias; Putin, also named, did not match.
    assert_eq!(hit["actors"], serde_json::json!(["Wolodymyr Selenskyj"]));
    assert_eq!(answers[1]["total"], 0);
    assert_eq!(hit["lang"], Value::Null, "German, as the site");
    let english = search(&f, &["membership"]);
    assert_eq!(
        english[0]["results"][0]["title"],
        "NATO membership off the table"
    );
    assert_eq!(english[0]["results"][0]["lang"], "en");
}

#[test]
fn the_browser_loads_only_the_manifest_then_the_shards_it_needs() {
    let f = site();
    let answers = search(&f, &["putin", "zelensky"]);
    assert_eq!(
        answers[0]["loaded"],
        serde_json::json!(["index", "t/pu", "d/0"])
    );
    assert_eq!(answers[1]["loaded"], serde_json::json!(["t/ze"]));
    let manifest = f.read("search/index.js");
    assert!(manifest.starts_with("dossierSearch.init({"));
    assert!(!manifest.contains("Selenskyj"), "no document text up front");
    for shard in ["pu", "ze", "ge"] {
        assert!(f.public().join(format!("search/t/{shard}.js")).is_file());
    }
}

#[test]
fn every_page_has_a_search_box_and_the_search_page_says_it_needs_script() {
    let f = site();
    for (page, html) in html_files(&f.public()) {
        if page == "search.html" {
            continue;
        }
        let form = html
            .split("<form class=\"site-search\"")
            .nth(1)
            .unwrap_or_else(|| panic!("{page} has no search box"));
        let form = &form[..form.find("</form>").unwrap()];
        assert!(form.contains("method=\"get\""), "{page}");
        assert!(form.contains("name=\"q\""), "{page}");
        let action = attr_values(form, "action").remove(0);
        assert_eq!(common::resolve(&page, &action), "search.html", "{page}");
    }
    let html = f.read("search.html");
    assert!(html.contains("<noscript>"));
    assert!(html.contains("Die Suche braucht JavaScript"));
    assert!(html.contains(r#"<script src="search.js"></script>"#));
    assert!(html.contains(r#"<label for="search-q">"#));
    assert_eq!(html.matches("role=\"search\"").count(), 1);
    // The script is the built-in one unless the site ships its own.
    assert_eq!(f.read("search.js"), include_str!("../static/search.js"));
    f.write("static/search.js", "/* mine */\n");
    f.build();
    assert_eq!(f.read("search.js"), "/* mine */\n");
}

#[test]
fn the_build_reports_what_search_loads_first() {
    let f = Fixture::small();
    let out = f.build();
    let summary = String::from_utf8_lossy(&out.stdout);
    let bytes: u64 = summary
        .split("search loads ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no search size in: {summary}"));
    let expected = f.read("search.js").len() + f.read("search/index.js").len();
    assert_eq!(bytes, expected as u64);
}

#[test]
fn the_browser_normalises_queries_as_the_build_normalises_the_index() {
    let samples = [
        "Gespräche",
        "GESPRÄCHE in Genf",
        "Gespra\u{308}che",
        "Straße, GROẞ",
        "Élysée-Palast",
        "Łukaszenka · Øresund · Ærø",
        "Ștefan Țurcanu, Şahin",
        "İstanbul, Türkiye",
        "naïve café",
        "Zelenskyy/Selenskyj (Зеленський)",
        "a b c 2022-02-24",
    ];
    let script = r#"
        globalThis.window = globalThis;
        require("vm").runInThisContext(require("fs").readFileSync(process.argv[1], "utf8"));
        const input = JSON.parse(process.argv[2]);
        process.stdout.write(JSON.stringify(input.map((s) => window.dossierSearch.normalise(s))));
    "#;
    let out = Command::new("node")
        .args(["-e", script])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/static/search.js"))
        .arg(serde_json::to_string(&samples).unwrap())
        .output()
        .expect("node must be installed to test search.js (.ci/run installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let browser: Vec<Vec<String>> = serde_json::from_slice(&out.stdout).expect("JSON");
    for (text, js) in samples.iter().zip(browser) {
        let mut rust = dossier::outputs::search::normalise(text);
        rust.dedup();
        assert_eq!(js, rust, "{text}");
    }
}

/// A site whose word "Gipfeltreffen" is in seven event titles and two briefing titles
/// (one newer, one older than the events), more than the index lists for one word
/// (`search_cap`); the oldest event also names Genf, and so does a briefing
/// ("Gespraeche in Genf").
fn common_word_site(cap: Option<usize>) -> Fixture {
    let f = Fixture::small();
    if let Some(cap) = cap {
        f.write(
            "site.yaml",
            &format!("{}search_cap: {cap}\n", common::SITE_YAML),
        );
    }
    f.write("content/briefings/2025-02-01-genf.md", TRANSLITERATED);
    let event = |date: &str, title: &str| {
        format!(
            "---\ndate: \"{date}\"\ntitle: {title}\nactors: [putin]\nstatus: confirmed\nsources:\n  - url: https://example.org/g\n---\n"
        )
    };
    for n in 1..=6 {
        f.write(
            &format!("content/events/2024-0{n}-gipfel.md"),
            &event(
                &format!("2024-0{n}-01"),
                &format!("Gipfeltreffen Nummer {n}"),
            ),
        );
    }
    for (date, title) in [("2024-07-01", "vorbereitet"), ("2022-01-01", "geplant")] {
        f.write(
            &format!("content/briefings/{date}-gipfel.md"),
            &format!(
                "---\ntitle: Gipfeltreffen {title}\ndate: \"{date}\"\nactors: [putin]\n---\nText.\n"
            ),
        );
    }
    f.write(
        "content/events/2023-05-genf.md",
        &event("2023-05-01", "Gipfeltreffen in Genf"),
    );
    f.build();
    f
}

/// Newest first, whether briefing or event.
const GIPFEL: [&str; 9] = [
    "briefings/2024-07-01-gipfel.html",
    "timeline.html#2024-06-01-gipfeltreffen-nummer-6",
    "timeline.html#2024-05-01-gipfeltreffen-nummer-5",
    "timeline.html#2024-04-01-gipfeltreffen-nummer-4",
    "timeline.html#2024-03-01-gipfeltreffen-nummer-3",
    "timeline.html#2024-02-01-gipfeltreffen-nummer-2",
    "timeline.html#2024-01-01-gipfeltreffen-nummer-1",
    "timeline.html#2023-05-01-gipfeltreffen-in-genf",
    "briefings/2022-01-01-gipfel.html",
];

#[test]
fn a_word_in_more_documents_than_the_cap_shows_its_best_and_says_there_are_more() {
    let whole = common_word_site(None);
    let capped = common_word_site(Some(3));
    let all = &search(&whole, &["Gipfeltreffen"])[0];
    // Uncapped, every briefing and event is found, newest first; the answer is complete.
    assert_eq!(urls(all), GIPFEL);
    assert_eq!(all["complete"], true);
    assert_eq!(all["capped"], serde_json::json!([]));
    // Capped at three: the three a reader would have seen first, and a note that there
    // are more; also for a prefix of the word.
    for answer in search(&capped, &["Gipfeltreffen", "gipfel"]) {
        assert_eq!(urls(&answer), GIPFEL[..3], "{}", answer["query"]);
        assert_eq!(answer["complete"], false);
    }
    // The shard lists three documents for the word and says it is found in nine.
    let shard = capped.read("search/t/gi.js");
    assert!(shard.ends_with(",{\"gipfeltreffen\":9});\n"), "{shard}");
    let whole_shard = whole.read("search/t/gi.js");
    assert!(whole_shard.ends_with("]});\n"), "{whole_shard}");
    assert!(shard.len() < whole_shard.len());
    // The same content builds the same index.
    let again = common_word_site(Some(3));
    assert_eq!(again.read("search/t/gi.js"), shard);
}

#[test]
fn a_capped_word_orders_the_results_of_the_other_words_but_excludes_none() {
    let f = common_word_site(Some(3));
    let answers = search(&f, &["Gipfeltreffen Genf", "Genf"]);
    let both = &answers[0];
    // The oldest summit is not among the word's best three, yet "Genf" finds it, and the
    // capped word does not drop it. Nor the briefing on Genf, which lacks the word.
    let mut found = urls(both);
    let mut genf = urls(&answers[1]);
    found.sort();
    genf.sort();
    assert_eq!(found, genf);
    assert!(found.contains(&GIPFEL[7].to_string()), "{found:?}");
    assert_eq!(both["complete"], true);
    assert_eq!(both["capped"], serde_json::json!(["gipfeltreffen"]));
    assert_eq!(both["total"], answers[1]["total"]);
}

#[test]
fn when_every_word_is_capped_documents_found_by_all_come_first() {
    let f = common_word_site(Some(3));
    let answer = &search(&f, &["Nummer Gipfeltreffen"])[0];
    // Each word lists its newest three: "Nummer" events 6, 5 and 4; "Gipfeltreffen"
    // the newest briefing and events 6 and 5. Those both find come first.
    assert_eq!(urls(answer), [GIPFEL[1], GIPFEL[2], GIPFEL[0], GIPFEL[3]]);
    assert_eq!(answer["complete"], false);
    assert_eq!(
        answer["capped"],
        serde_json::json!(["nummer", "gipfeltreffen"])
    );
    // An uncapped word still narrows: "Nummer Genf" finds only what Genf finds.
    let genf = &search(&f, &["Nummer Genf"])[0];
    assert_eq!(genf["complete"], true);
    assert!(urls(genf).contains(&GIPFEL[7].to_string()));
}

/// The search page's status line and result titles after searching `query`, in
/// headless Chromium from disk.
fn search_page(f: &Fixture, query: &str) -> (String, usize) {
    let profile = tempfile::tempdir().expect("profile folder");
    let out = Command::new("chromium")
        .args(common::CHROMIUM_FLAGS)
        .arg("--dump-dom")
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!(
            "file://{}/search.html?q={query}",
            f.public().display()
        ))
        .output()
        .expect("run chromium (install it: apt-get install chromium)");
    let dom = String::from_utf8_lossy(&out.stdout).into_owned();
    let status = dom
        .split("id=\"search-status\"")
        .nth(1)
        .and_then(|rest| rest.split_once('>'))
        .and_then(|(_, rest)| rest.split_once("</p>"))
        .map(|(text, _)| text.to_string())
        .unwrap_or_else(|| panic!("no status line in: {dom}"));
    (status, dom.matches("class=\"search-result\"").count())
}

#[test]
fn the_search_page_tells_the_reader_about_common_words_in_the_sites_language() {
    let f = common_word_site(Some(3));
    let (status, results) = search_page(&f, "Gipfeltreffen");
    assert_eq!(
        status,
        "Sehr viele Treffer, hier die besten. Ein selteneres Wort grenzt die Suche ein."
    );
    assert_eq!(results, 3);
    let (status, results) = search_page(&f, "Gipfeltreffen%20Genf");
    assert_eq!(
        status,
        "2 Treffer. Zu häufig, um die Suche einzugrenzen (ordnet nur die Treffer): Gipfeltreffen"
    );
    assert_eq!(results, 2);
    f.write(
        "site.yaml",
        &common::SITE_YAML.replace("lang: de", "lang: en\nsearch_cap: 3"),
    );
    f.build();
    let (status, _) = search_page(&f, "Gipfeltreffen");
    assert_eq!(
        status,
        "Very many results; here are the best. A rarer word narrows the search."
    );
    let (status, _) = search_page(&f, "GIPFELTREFFEN%20genf");
    assert_eq!(
        status,
        "2 results. Too common to narrow the search (only orders the results): GIPFELTREFFEN"
    );
}
