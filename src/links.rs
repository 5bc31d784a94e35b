//! Internal links: links in Markdown bodies to other content by its source path
//! (`../actors/putin.md`, `@/briefings/x.md#anchor`), checked against the site and
//! rewritten to the relative URL of the page they stand for.

use std::collections::{BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};

use crate::content::Origin;
use crate::markdown::BodyFacts;
use crate::quick_hash::QuickMap;
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

/// Anchors every seed page has.
const SEED_ANCHORS: &[&str] = &["main", "cited-in"];

/// What is known about the bodies of a site, by the file they are written in.
pub type Facts = HashMap<PathBuf, BodyFacts>;

/// A page a source file stands for, with its anchors.
#[derive(Debug, Clone, Default)]
struct PageTarget {
    /// Site-relative URL.
    url: String,
    /// Anchors a link may add besides the headings of `body`: those every page of its
    /// kind has (shared, not copied per page: 100,000 briefings would hold 700,000
    /// copies) and the page's own (a briefing's events, and its sources, counted).
    fixed: &'static [&'static str],
    own: Vec<String>,
    /// How many sources the page lists: anchors `source-1` to `source-N`.
    sources: usize,
    /// The file whose body's headings are anchors on the page too.
    body: Option<PathBuf>,
}

/// What a source path stands for. Most are events (hundreds of thousands in a large
/// archive), which need only their URL: the other pages' details are kept aside, so
/// the table stays small (fresh memory is slow to come by on these machines).
#[derive(Debug, Clone)]
enum Target {
    /// A place on a timeline page: its URL with the `#fragment`.
    Event(String),
    Page(Box<PageTarget>),
}

/// Every source path a body may link to, and the page it becomes.
#[derive(Debug, Clone, Default)]
pub struct LinkIndex {
    /// Keyed by the site-relative source path with `/`: `content/actors/putin.md`.
    targets: QuickMap<String, Target>,
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
    /// Indexes the pages of `site` in the folder `root`. The anchors of body headings
    /// are not read here: rendering learns them, and [`check`] verifies links to them.
    pub fn new(site: &Site, root: &Path) -> LinkIndex {
        // A hash map: lookups need no order (the suggestion for a missing file takes
        // the closest key, ties by name), and a sorted map grown key by key cost a
        // 100,000-briefing archive half a second.
        // Room for every key at once: a table that grows is copied into fresh memory.
        let standalone = site
            .events
            .iter()
            .filter(|e| matches!(e.origin, Origin::Standalone { .. }))
            .count();
        let keys = site.briefings.len() + site.actors.len() + site.seeds.len();
        let mut targets = QuickMap::with_capacity_and_hasher(
            keys + site.events.len() + standalone,
            Default::default(),
        );
        for b in &site.briefings {
            let target = PageTarget {
                url: url::briefing(&b.slug),
                fixed: BRIEFING_ANCHORS,
                own: b.event_ids.clone(),
                sources: b.sources.len(),
                body: Some(b.file.clone()),
            };
            let key = source_key("content/briefings/", &b.slug, ".md");
            targets.insert(key, Target::Page(Box::new(target)));
        }
        for (slug, actor) in &site.actors {
            let target = PageTarget {
                url: url::actor(slug),
                fixed: ACTOR_ANCHORS,
                own: Vec::new(),
                sources: 0,
                body: Some(actor.file.clone()),
            };
            let key = source_key("content/actors/", slug, ".md");
            targets.insert(key, Target::Page(Box::new(target)));
        }
        // An event by its file name first, then by its id (events inside briefings).
        for (i, event) in site.events.iter().enumerate() {
            if let Origin::Standalone { .. } = event.origin
                && let Some(stem) = event.file.file_stem().and_then(|s| s.to_str())
            {
                let key = source_key("content/events/", stem, ".md");
                targets.insert(key, event_target(site.event_url(i)));
            }
        }
        for (i, event) in site.events.iter().enumerate() {
            targets
                .entry(source_key("content/events/", &event.id, ".md"))
                .or_insert_with(|| event_target(site.event_url(i)));
        }
        for (name, seed) in &site.seeds {
            let target = PageTarget {
                url: url::seed(&seed.slug),
                fixed: SEED_ANCHORS,
                own: Vec::new(),
                sources: 0,
                body: None,
            };
            targets.insert(format!("seeds/{name}"), Target::Page(Box::new(target)));
        }
        LinkIndex {
            targets,
            root: root.to_path_buf(),
        }
    }

    /// Resolves `dest`, written in the body of `file` (a path under the site folder),
    /// for rendering: an anchor that may be a heading of the target's body is taken on
    /// trust here and verified by [`check`].
    pub fn resolve(&self, file: &Path, dest: &str) -> Resolved {
        self.resolve_with(file, dest, None)
    }

    /// Resolves `dest` and, given the facts of the bodies, verifies its anchor.
    fn resolve_with(&self, file: &Path, dest: &str, facts: Option<&Facts>) -> Resolved {
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
        let no_anchors = PageTarget::default();
        let (url, target) = match target {
            Target::Event(url) => (url, &no_anchors),
            Target::Page(page) => (&page.url, &**page),
        };
        let Some(a) = anchor else {
            return Resolved::Page(url.clone());
        };
        let headings = target.body.as_ref().map(|body| match facts {
            Some(facts) => facts.get(body).map(|f| f.heading_ids.as_slice()),
            None => None,
        });
        let known = target.fixed.contains(&a)
            || target.own.iter().any(|own| own == a)
            || source_anchor(a).is_some_and(|n| (1..=target.sources).contains(&n))
            || match headings {
                // Rendering: a heading of the body may be meant; `check` verifies it.
                Some(None) => facts.is_none(),
                Some(Some(ids)) => ids.iter().any(|id| id == a),
                None => false,
            };
        if known {
            return Resolved::Page(format!("{url}#{a}"));
        }
        let mut anchors: BTreeSet<String> = target.fixed.iter().map(|a| a.to_string()).collect();
        anchors.extend(target.own.iter().cloned());
        anchors.extend((1..=target.sources).map(|n| format!("source-{n}")));
        anchors.extend(headings.flatten().unwrap_or_default().iter().cloned());
        Resolved::Broken {
            message: format!("link `{dest}`: {source} has no anchor `#{a}`"),
            hint: suggest_anchor(a, &anchors),
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

fn event_target(url: String) -> Target {
    Target::Event(url)
}

/// `first`, `middle` and `last` joined (a source path or a URL with an anchor).
fn source_key(first: &str, middle: &str, last: &str) -> String {
    let mut key = String::with_capacity(first.len() + middle.len() + last.len());
    key.push_str(first);
    key.push_str(middle);
    key.push_str(last);
    key
}

/// The number N of an anchor `source-N` as the built-in theme writes it (no sign, no
/// leading zero).
fn source_anchor(anchor: &str) -> Option<usize> {
    let digits = anchor.strip_prefix("source-")?;
    let n: usize = digits.parse().ok()?;
    (n.to_string() == digits).then_some(n)
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

/// Rewrites `dest` in the body of `file` for a page `root_prefix` (`../` per level) deep.
pub fn rewrite(site: &Site, file: &Path, root_prefix: &str, dest: &str) -> Option<String> {
    match site.links.resolve(file, dest) {
        Resolved::Page(url) => Some(format!("{root_prefix}{url}")),
        _ => None,
    }
}

mod check;
#[cfg(test)]
mod tests;

pub use check::check;
