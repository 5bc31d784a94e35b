//! What the build writes beside the HTML pages (Atom feeds, sitemap and robots.txt, the
//! search index, data exports, calendars) and what pages say about them (feed links,
//! JSON-LD).

pub mod calendar;
pub mod csv;
pub mod data;
pub mod feeds;
pub mod jsonld;
pub mod search;
pub mod terms;
pub mod timelinejs;

use std::borrow::Cow;
use std::fmt;
use std::fs::File;
use std::io::{self, BufWriter, Write};

use rayon::prelude::*;
use serde::{Serialize, Serializer};
use tera::{Context, Tera};

use crate::config::Config;
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::output::Staging;
use crate::render::Page;
use crate::render::templates;
use crate::site::Site;

/// What the extra outputs came to, for the build's summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Files written (feeds, sitemap, robots.txt, index shards, data, calendars, script).
    pub files: usize,
    /// Bytes the search page loads before the first query: the script and the index manifest.
    pub search_first_load: u64,
    /// Everything the search index holds, all shards and document chunks together.
    pub search_total: u64,
    /// Things the user should know about but that did not stop the build.
    pub warnings: Vec<String>,
}

/// Warning printed once when a site has no `base_url`.
pub const NO_BASE_URL: &str = "no base_url: Atom feeds, sitemap.xml and the Sitemap line of robots.txt were left out because they need absolute URLs; set `base_url` in site.yaml or pass --base-url";

/// Writes every output besides the pages into `staging`. The outputs do not depend on
/// each other, so they are made side by side.
pub fn write_all(site: &Site, config: &Config, tera: &Tera, staging: &Staging) -> Result<Report> {
    let prepared = Prepared::new(site, config);
    let p = &prepared;
    let mut report = Report::default();
    let feeds = || match &config.base_url {
        Some(base) => feeds::write(site, config, tera, staging, base),
        None => Ok(0),
    };
    let ((feeds, data), (calendar, search)) = rayon::join(
        || rayon::join(feeds, || data::write(p, staging)),
        || rayon::join(|| calendar::write(p, staging), || search::write(p, staging)),
    );
    if config.base_url.is_none() {
        report.warnings.push(NO_BASE_URL.to_string());
    }
    staging.write("robots.txt", feeds::robots(config).as_bytes())?;
    report.files += 1;
    let (sizes, search) = match search {
        Ok(sizes) => (sizes, Ok(sizes.files)),
        Err(e) => (search::Sizes::default(), Err(e)),
    };
    report.files += gather([feeds, data, calendar, search])?;
    report.search_first_load = sizes.first_load;
    report.search_total = sizes.total;
    Ok(report)
}

/// Adds up the files the outputs wrote, or reports the problems of all that failed.
fn gather(results: impl IntoIterator<Item = Result<usize>>) -> Result<usize> {
    let mut files = 0;
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(n) => files += n,
            Err(Error::Content(found)) => problems.extend(found),
            Err(other) => return Err(other),
        }
    }
    if problems.is_empty() {
        return Ok(files);
    }
    problems.sort();
    problems.dedup();
    Err(Error::Content(problems))
}

/// Runs independent writers side by side; see [`gather`].
fn run_all(jobs: &[&(dyn Fn() -> Result<usize> + Sync)]) -> Result<usize> {
    let results: Vec<Result<usize>> = jobs.par_iter().map(|job| job()).collect();
    gather(results)
}

/// What several outputs need about the site, worked out once per build rather than
/// once per output and item.
pub struct Prepared<'a> {
    pub site: &'a Site,
    pub config: &'a Config,
    /// Site-relative link of each event: its timeline page and anchor.
    pub event_paths: Vec<String>,
    /// The dates of briefings and events as pages write them, in the site's language.
    dates: crate::quick_hash::QuickMap<PartialDate, String>,
}

impl<'a> Prepared<'a> {
    pub fn new(site: &'a Site, config: &'a Config) -> Self {
        let event_paths = (0..site.events.len())
            .into_par_iter()
            .map(|i| site.event_url(i))
            .collect();
        let lang = config.site.lang;
        let mut dates = crate::quick_hash::QuickMap::default();
        let used = site.briefings.iter().map(|b| b.date);
        let used = used.chain(
            site.events
                .iter()
                .flat_map(|e| [Some(e.date), e.end])
                .flatten(),
        );
        for date in used {
            dates.entry(date).or_insert_with(|| date.display(lang));
        }
        Prepared {
            site,
            config,
            event_paths,
            dates,
        }
    }

    pub fn lang(&self) -> Lang {
        self.config.site.lang
    }

    /// A date as pages write it (`PartialDate::display` in the site's language).
    pub fn date(&self, date: &PartialDate) -> Cow<'_, str> {
        match self.dates.get(date) {
            Some(text) => Cow::Borrowed(text),
            None => Cow::Owned(date.display(self.lang())),
        }
    }

    /// The absolute URL of a site-relative path, when the site has a base URL; written
    /// out where it is used instead of being allocated for every item.
    pub fn absolute<'p>(&'p self, path: &'p str) -> Option<Url<'p>> {
        self.config.base_url.as_deref().map(|base| Url(base, path))
    }
}

/// An absolute URL: the base URL and a site-relative path.
#[derive(Debug, Clone, Copy)]
pub struct Url<'a>(pub &'a str, pub &'a str);

impl fmt::Display for Url<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)?;
        f.write_str(self.1)
    }
}

impl Serialize for Url<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A JSON array serialised item by item as `F` yields them, never collected: the big
/// exports are written out while they are made.
pub struct Lazy<F>(pub F);

impl<F, I> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: IntoIterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// Writes one file through a buffer as `fill` produces it, so a big output never
/// stands in memory whole.
pub fn stream(
    staging: &Staging,
    relative: &str,
    fill: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>,
) -> Result<()> {
    let path = staging.path_of(relative);
    let failed = |e| Error::io("write", &path, e);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create folder", parent, e))?;
    }
    // Never `File::create`: truncating could write through a link into the old site.
    let file = crate::output::create_new(&path).map_err(failed)?;
    let mut out = BufWriter::with_capacity(1 << 16, file);
    fill(&mut out).map_err(failed)?;
    out.flush().map_err(failed)
}

/// The absolute URL of a site-relative path, when the site has a base URL.
pub fn absolute(config: &Config, path: &str) -> Option<String> {
    config.base_url.as_ref().map(|base| format!("{base}{path}"))
}

/// A file a page offers besides itself: a feed, a calendar, a data export.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Alternate {
    /// Site-relative path; templates put `page.root` in front.
    pub path: String,
    pub mime: &'static str,
    /// A title for feed readers: "Wladimir Putin · Dossier".
    pub title: String,
    /// The link text in the page: "Wladimir Putin (Atom)".
    pub label: String,
}

/// The feeds, calendars and data files a page links to, most specific first.
pub fn alternates(site: &Site, config: &Config, page: &Page, lang: Lang) -> Vec<Alternate> {
    let label = |key: &str| lang.label(key).unwrap_or_default();
    let site_title = &config.site.title;
    let file = |path: String, mime: &'static str, name: &str, format: &str| Alternate {
        path,
        mime,
        title: format!("{name} · {site_title}"),
        label: format!("{name} ({format})"),
    };
    let feeds = config.base_url.is_some();
    let mut found = Vec::new();
    match page {
        Page::Actor(slug, _) => {
            let name = &site.actors[slug].front.name;
            if feeds {
                found.push(file(
                    feeds::actor_path(slug),
                    feeds::ATOM_MIME,
                    name,
                    "Atom",
                ));
            }
            found.push(file(
                calendar::actor_path(slug),
                calendar::MIME,
                name,
                "iCal",
            ));
        }
        Page::Topic(slug, _) if feeds => {
            let name = &site.topics[slug].label;
            found.push(file(
                feeds::topic_path(slug),
                feeds::ATOM_MIME,
                name,
                "Atom",
            ));
        }
        Page::Timeline | Page::TimelinePart(_) => {
            let name = label("timeline");
            found.push(file(
                calendar::TIMELINE.into(),
                calendar::MIME,
                name,
                "iCal",
            ));
            for (path, what, format) in data::LINKED {
                let name = lang.label(what).unwrap_or(what);
                found.push(file(path.to_string(), data::mime(path), name, format));
            }
        }
        _ => {}
    }
    if feeds {
        let name = label("all_briefings");
        found.push(file(feeds::ALL.into(), feeds::ATOM_MIME, name, "Atom"));
    }
    found
}

/// Renders one of the theme's non-HTML templates, mapping errors to the template's file.
fn render_template(tera: &Tera, config: &Config, name: &str, context: &Context) -> Result<String> {
    tera.render(name, context).map_err(|e| {
        let dir = config.templates_dir();
        Error::Content(vec![templates::template_problem(&e, |n| {
            templates::origin_of(&dir, if n.is_empty() { name } else { n })
        })])
    })
}

/// A date as RFC 3339 at midnight UTC; a partial date stands for its first day.
pub fn rfc3339(date: &crate::date::PartialDate) -> String {
    format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        date.year,
        date.month.unwrap_or(1),
        date.day.unwrap_or(1)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::PartialDate;

    #[test]
    fn partial_dates_become_their_first_day_in_rfc3339() {
        let d = |s| rfc3339(&PartialDate::parse(s).unwrap());
        assert_eq!(d("2025-04-22"), "2025-04-22T00:00:00Z");
        assert_eq!(d("2022-03"), "2022-03-01T00:00:00Z");
        assert_eq!(d("2022"), "2022-01-01T00:00:00Z");
    }
}
