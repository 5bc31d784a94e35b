//! Shared helpers for integration tests: fixture sites in temporary folders, running
//! the binary hermetically, and checking the links of a built site.

#![allow(dead_code)]

#[cfg(feature = "serve")]
pub mod serve;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Headless Chromium that talks to loopback only: no network, no background services.
pub const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-domain-reliability",
    "--dns-prefetch-disable",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];

/// A site folder in a temporary directory.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

pub const SITE_YAML: &str =
    "title: Testdossier\nlang: de\nbase_url: https://example.org/dossier/\n";

pub const PUTIN: &str = "---\nname: Wladimir Putin\nkind: person\nrole: Präsident Russlands\nroles:\n  - title: Präsident Russlands\n    from: \"2024-05-07\"\ncountry: russland\naliases: [Vladimir Putin, Putin]\n---\nPräsident Russlands.\n";
pub const SELENSKYJ: &str = "---\nname: Wolodymyr Selenskyj\nkind: person\nrole: Präsident der Ukraine\ncountry: ukraine\naliases: [Zelenskyy, Zelensky, Selenskyj]\n---\n";
pub const RUSSLAND: &str = "---\nname: Russland\nkind: state\n---\n";
pub const UKRAINE: &str = "---\nname: Ukraine\nkind: state\n---\n";
pub const NATO: &str = "---\nname: NATO\nkind: organisation\n---\n";

impl Fixture {
    /// An empty site with only `site.yaml`.
    pub fn empty() -> Fixture {
        let dir = tempfile::tempdir().expect("temporary folder");
        let f = Fixture { dir };
        f.write("site.yaml", SITE_YAML);
        f
    }

    /// A small valid site: four actors, two briefings, two standalone events, one seed.
    pub fn small() -> Fixture {
        let f = Fixture::empty();
        f.write("content/actors/putin.md", PUTIN);
        f.write("content/actors/selenskyj.md", SELENSKYJ);
        f.write("content/actors/russland.md", RUSSLAND);
        f.write("content/actors/ukraine.md", UKRAINE);
        f.write("content/actors/nato.md", NATO);
        f.write(
            "seeds/artikel.txt",
            "Der russische Präsident Wladimir Putin …\nZweite Zeile.\n",
        );
        f.write("content/events/2022-02-24-invasion.md", "---\nid: 2022-02-24-invasion\ndate: \"2022-02-24\"\ntitle: Russland beginnt die Vollinvasion\nactors: [putin, russland, ukraine]\nkind: attack\nstatus: confirmed\nsources:\n  - publisher: LCIL\n    url: https://example.org/lcil\n---\nDer Beginn des Krieges.\n");
        f.write("content/events/2022-03-video.md", "---\ndate: \"2022-03\"\ntitle: Gesprächsrunden per Video\nactors: [russland, ukraine]\nkind: talks\nstatus: reported\nsources:\n  - url: https://example.org/video\n---\n");
        f.write(
            "content/briefings/2025-04-22-putin-gespraeche.md",
            BRIEFING_DE,
        );
        f.write("content/briefings/2025-04-10-nato-en.md", BRIEFING_EN);
        f
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
        std::fs::write(path, text).expect("write fixture file");
    }

    pub fn remove(&self, relative: &str) {
        std::fs::remove_file(self.root().join(relative)).expect("remove fixture file");
    }

    /// Runs the binary in the fixture with `args`.
    pub fn run(&self, args: &[&str]) -> Output {
        dossier_cmd()
            .args(args)
            .current_dir(self.root())
            .output()
            .expect("run dossier")
    }

    /// Builds with the binary and insists it succeeds.
    pub fn build(&self) -> Output {
        let out = self.run(&["build"]);
        assert!(
            out.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    pub fn read(&self, relative: &str) -> String {
        let path = self.public().join(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }
}

/// The binary, with a clean, fixed environment.
pub fn dossier_cmd() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .env("LANG", "C.UTF-8");
    cmd
}

pub const BRIEFING_DE: &str = r#"---
title: "Putin zeigt sich offen für direkte Gespräche"
date: "2025-04-22"
summary: "Putin bringt bilaterale Gespräche ins Spiel."
actors: [putin, selenskyj]
topics: [Waffenstillstand, Diplomatie]
places: [Moskau]
sources:
  - title: Originalartikel
    seed: artikel.txt
    machine_translated: true
  - title: Putin proposes direct talks
    publisher: SCMP
    url: https://example.org/scmp
    date: "2025-04-21"
    lang: en
events:
  - id: 2025-04-21-putin-aeusserungen
    date: "2025-04-21"
    title: Putin äußert sich gegenüber Staatsmedien
    actors: [putin]
    place: Moskau
    kind: statement
    status: confirmed
    sources:
      - url: https://example.org/scmp
  - date: "2025-04-21"
    title: Trumps angebliches Zitat
    status: unconfirmed
  - id: 2022-02-24-invasion
quotes:
  - actor: putin
    text: "Wir haben eine positive Einstellung zu Friedensinitiativen."
    date: "2025-04-21"
    source: 2
---
## Lage

Putin sagte: „Wir haben eine positive Einstellung zu Friedensinitiativen.“[^1]

| Punkt | Inhalt |
|---|---|
| Krim | Anerkennung |

Das war ~~neu~~ bemerkenswert.

[^1]: Laut SCMP.
"#;

pub const BRIEFING_EN: &str = r#"---
title: "NATO membership off the table"
date: "2025-04-10"
lang: en
summary: "An English briefing."
actors: [nato, selenskyj]
topics: [Diplomatie]
---
Body in English.
"#;

/// Every HTML file of a built site, by site-relative path.
pub fn html_files(public: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(public)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(e.path()).expect("utf-8 page"))
        })
        .collect()
}

/// Values of an attribute (`href`, `id`, `src`) in a page, in document order.
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            found.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    found
}

/// Every internal link of the site that does not resolve, as "page -> href".
pub fn broken_links(public: &Path) -> Vec<String> {
    let pages = html_files(public);
    let ids: BTreeMap<&String, BTreeSet<String>> = pages
        .iter()
        .map(|(p, html)| (p, attr_values(html, "id").into_iter().collect()))
        .collect();
    let mut broken = Vec::new();
    for (page, html) in &pages {
        let links = attr_values(html, "href")
            .into_iter()
            .chain(attr_values(html, "src"));
        for href in links {
            if href.starts_with("http://")
                || href.starts_with("https://")
                || href.starts_with("mailto:")
            {
                continue;
            }
            if href.starts_with('/') || href.contains("://") {
                broken.push(format!("{page} -> {href} (not relative)"));
                continue;
            }
            let (path, fragment) = match href.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (href.clone(), None),
            };
            let target = if path.is_empty() {
                page.clone()
            } else {
                resolve(page, &path)
            };
            let decoded = percent_decode(&target);
            if !public.join(&decoded).is_file() {
                broken.push(format!("{page} -> {href} (no file {decoded})"));
                continue;
            }
            if let Some(fragment) = fragment {
                let known = ids.get(&target).is_some_and(|set| set.contains(&fragment));
                if !known {
                    broken.push(format!("{page} -> {href} (no anchor #{fragment})"));
                }
            }
        }
    }
    broken
}

/// Resolves a relative `href` against the site-relative path of the page it is on.
pub fn resolve(page: &str, href: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in href.split('/') {
        match segment {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every file under `dir` (not folders), sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

/// Every UTF-8 file of a built site (pages, feeds, scripts, data), by site-relative path.
pub fn text_files(public: &Path) -> BTreeMap<String, String> {
    files_under(public)
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let rel = path
                .strip_prefix(public)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            Some((rel, text))
        })
        .collect()
}

/// A snapshot of every file under `dir`, for "left untouched" assertions.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    snapshot_where(dir, |_| true)
}

/// A snapshot of the files under `dir` whose relative path is `wanted`. Only those are
/// read: `serve` may still be replacing the others (feeds, search files) meanwhile.
pub fn snapshot_where(dir: &Path, wanted: impl Fn(&Path) -> bool) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).expect("inside").to_path_buf();
            wanted(&rel).then(|| (rel, std::fs::read(e.path()).expect("read")))
        })
        .collect()
}

/// The start date (`datetime` of the first `<time>`) of each event in a page, in order.
pub fn event_start_dates(html: &str) -> Vec<String> {
    html.split("<li class=\"event")
        .skip(1)
        .filter_map(|event| attr_values(event, "datetime").into_iter().next())
        .collect()
}
