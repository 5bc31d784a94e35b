//! Internal links: links in Markdown bodies to other content by its source path
//! (`../actors/putin.md`, `@/briefings/x.md#anchor`), checked against the site and
//! rewritten to the relative URL of the page they stand for.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::content::Origin;
use crate::error::{Code, Diagnostic};
use crate::markdown;
use crate::render::view::url;
use crate::site::Site;

/// Stands for the way back to the site root in HTML that pages at different depths
/// share (event descriptions); templates replace it with `page.root`.
pub const PAGE_ROOT: &str = "@root/";

/// Anchors every briefing page has, whatever its body (from the built-in theme).
const BRIEFING_ANCHORS: &[&str] = &[
    "main",
    "at-a-glance",
    "quotes",
    "events",
    "sources",
    "terms",
    "related",
];
/// Anchors every actor page has.
const ACTOR_ANCHORS: &[&str] = &[
    "main",
    "profile",
    "own-timeline",
    "quotes",
    "actor-briefings",
];

/// A page a source file stands for.
#[derive(Debug, Clone, Default)]
struct PageTarget {
    /// Site-relative URL, possibly with its own `#fragment` (events).
    url: String,
    /// Anchors a link may add; empty when the URL already names a place on its page.
    anchors: BTreeSet<String>,
}

/// Every source path a body may link to, and the page it becomes.
#[derive(Debug, Clone, Default)]
pub struct LinkIndex {
    /// Keyed by the site-relative source path with `/`: `content/actors/putin.md`.
    targets: BTreeMap<String, PageTarget>,
    /// The site folder, which relative links of content files are resolved against.
    root: PathBuf,
}

/// What a link destination in a body turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Not a link to content: a web address, a page anchor, a static file.
    External,
    /// A link to content: the page's site-relative URL with the anchor.
    Page(String),
    /// A link to content that does not exist; what is wrong and how to fix it.
    Broken { message: String, hint: String },
}

impl LinkIndex {
    /// Indexes the pages of `site` in the folder `root` (heading anchors are read
    /// from the bodies).
    pub fn new(site: &Site, root: &Path) -> LinkIndex {
        let mut targets = BTreeMap::new();
        // Reading the headings means parsing every body: do it on all cores.
        let headings: Vec<Vec<String>> = site
            .briefings
            .par_iter()
            .map(|b| markdown::heading_ids(&b.body))
            .collect();
        for (b, ids) in site.briefings.iter().zip(headings) {
            let mut anchors: BTreeSet<String> = ids.into_iter().collect();
            anchors.extend(BRIEFING_ANCHORS.iter().map(|a| a.to_string()));
            anchors.extend(b.event_ids.iter().cloned());
            anchors.extend((1..=b.sources.len()).map(|n| format!("source-{n}")));
            let url = url::briefing(&b.slug);
            targets.insert(
                format!("content/briefings/{}.md", b.slug),
                PageTarget { url, anchors },
            );
        }
        for (slug, actor) in &site.actors {
            let mut anchors: BTreeSet<String> =
                markdown::heading_ids(&actor.body).into_iter().collect();
            anchors.extend(ACTOR_ANCHORS.iter().map(|a| a.to_string()));
            let url = url::actor(slug);
            targets.insert(
                format!("content/actors/{slug}.md"),
                PageTarget { url, anchors },
            );
        }
        // An event by its file name first, then by its id (events inside briefings).
        let event_url = |i: usize| format!("{}#{}", site.event_page(i), site.events[i].id);
        for (i, event) in site.events.iter().enumerate() {
            if let Origin::Standalone { .. } = event.origin
                && let Some(stem) = event.file.file_stem().and_then(|s| s.to_str())
            {
                targets.insert(
                    format!("content/events/{stem}.md"),
                    event_target(event_url(i)),
                );
            }
        }
        for (i, event) in site.events.iter().enumerate() {
            targets
                .entry(format!("content/events/{}.md", event.id))
                .or_insert_with(|| event_target(event_url(i)));
        }
        for (name, seed) in &site.seeds {
            let target = PageTarget {
                url: url::seed(&seed.slug),
                anchors: ["main", "cited-in"].iter().map(|a| a.to_string()).collect(),
            };
            targets.insert(format!("seeds/{name}"), target);
        }
        LinkIndex {
            targets,
            root: root.to_path_buf(),
        }
    }

    /// Resolves `dest`, written in the body of `file` (a path under the site folder).
    pub fn resolve(&self, file: &Path, dest: &str) -> Resolved {
        let Some((source, anchor)) = source_path(&self.root, file, dest) else {
            return Resolved::External;
        };
        let Some(source) = source else {
            return Resolved::Broken {
                message: format!("link `{dest}` points outside the site folder"),
                hint:
                    "link to content by its path, e.g. `../actors/putin.md` or `@/actors/putin.md`"
                        .into(),
            };
        };
        let Some(target) = self.targets.get(&source) else {
            return Resolved::Broken {
                message: format!("link `{dest}`: there is no {source}"),
                hint: self.suggest_file(&source),
            };
        };
        match anchor {
            None => Resolved::Page(target.url.clone()),
            Some(a) if target.anchors.contains(a) => Resolved::Page(format!("{}#{a}", target.url)),
            Some(a) => Resolved::Broken {
                message: format!("link `{dest}`: {source} has no anchor `#{a}`"),
                hint: suggest_anchor(a, &target.anchors),
            },
        }
    }

    fn suggest_file(&self, source: &str) -> String {
        let folder = source.rsplit_once('/').map_or("", |(f, _)| f);
        let close = self
            .targets
            .keys()
            .filter(|k| k.rsplit_once('/').map_or("", |(f, _)| f) == folder)
            .map(|k| (crate::content::check::edit_distance(source, k), k))
            .filter(|(d, _)| *d <= 4)
            .min();
        match close {
            Some((_, k)) => format!("did you mean `{k}`?"),
            None => format!(
                "create the file, or link to an existing one in {folder}/ (drafts are not linkable)"
            ),
        }
    }
}

fn event_target(url: String) -> PageTarget {
    PageTarget {
        url,
        anchors: BTreeSet::new(),
    }
}

fn suggest_anchor(wrong: &str, anchors: &BTreeSet<String>) -> String {
    if anchors.is_empty() {
        return "this link already names a place on its page; remove the `#…` part".into();
    }
    let close = anchors
        .iter()
        .map(|a| (crate::content::check::edit_distance(wrong, a), a))
        .min();
    match close {
        Some((d, a)) if d <= 3 => format!("did you mean `#{a}`?"),
        _ => {
            let list: Vec<&str> = anchors.iter().map(String::as_str).take(12).collect();
            format!("anchors there: {}", list.join(", "))
        }
    }
}

/// The site-relative source path and anchor a destination names, if it names one:
/// `None` for external links, `Some((None, _))` for paths leaving the site.
fn source_path<'d>(
    root: &Path,
    file: &Path,
    dest: &'d str,
) -> Option<(Option<String>, Option<&'d str>)> {
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (dest, None),
    };
    if let Some(short) = path.strip_prefix("@/") {
        let full = if short.starts_with("seeds/") {
            short.to_string()
        } else {
            format!("content/{short}")
        };
        return Some((normalise(&[], &full), anchor));
    }
    let scheme = path.split_once(':').is_some_and(|(s, _)| !s.contains('/'));
    if path.is_empty() || scheme || path.starts_with('/') {
        return None;
    }
    let dir: Vec<String> = file
        .strip_prefix(root)
        .unwrap_or(file)
        .parent()
        .map(|p| {
            p.components()
                .filter_map(|c| match c {
                    Component::Normal(n) => n.to_str().map(str::to_string),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let resolved = normalise(&dir, path);
    let internal =
        path.ends_with(".md") || resolved.as_deref().is_some_and(|p| p.starts_with("seeds/"));
    internal.then_some((resolved, anchor))
}

/// Joins `path` to the folder `dir` (both site-relative), resolving `.` and `..`;
/// `None` if it climbs out of the site.
fn normalise(dir: &[String], path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.iter().map(String::as_str).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// Every broken internal link in the site's bodies, with file:line:column.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut bodies: Vec<(&Path, &str, usize)> = Vec::new();
    bodies.extend(
        site.briefings
            .iter()
            .map(|b| (b.file.as_path(), b.body.as_str(), b.body_line)),
    );
    bodies.extend(
        site.actors
            .values()
            .map(|a| (a.file.as_path(), a.body.as_str(), a.body_line)),
    );
    for event in &site.events {
        if let Origin::Standalone { body, body_line } = &event.origin {
            bodies.push((event.file.as_path(), body, *body_line));
        }
    }
    for (file, body, body_line) in bodies {
        for link in markdown::links(body) {
            if let Resolved::Broken { message, hint } = site.links.resolve(file, &link.dest) {
                let code = if message.contains("has no anchor") {
                    Code::BrokenAnchor
                } else {
                    Code::BrokenLink
                };
                problems.push(
                    Diagnostic::new(file, message)
                        .at(body_line + link.line - 1, link.column)
                        .hint(hint)
                        .code(code),
                );
            }
        }
    }
    problems.sort();
    problems
}

/// Rewrites `dest` in the body of `file` for a page `root_prefix` (`../` per level) deep.
pub fn rewrite(site: &Site, file: &Path, root_prefix: &str, dest: &str) -> Option<String> {
    match site.links.resolve(file, dest) {
        Resolved::Page(url) => Some(format!("{root_prefix}{url}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> LinkIndex {
        let mut targets = BTreeMap::new();
        targets.insert(
            "content/actors/putin.md".to_string(),
            PageTarget {
                url: "actors/putin.html".into(),
                anchors: ["profile".to_string()].into(),
            },
        );
        targets.insert(
            "content/events/2022-02-24-invasion.md".to_string(),
            event_target("timeline.html#2022-02-24-invasion".into()),
        );
        targets.insert(
            "seeds/000.txt".to_string(),
            PageTarget {
                url: "seeds/000.html".into(),
                anchors: BTreeSet::new(),
            },
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
}
