//! What the build writes beside the HTML pages (Atom feeds, sitemap and robots.txt, the
//! search index, data exports, calendars) and what pages say about them (feed links,
//! JSON-LD).

pub mod calendar;
pub mod data;
pub mod feeds;
pub mod jsonld;
pub mod search;
pub mod timelinejs;

use serde::Serialize;
use tera::{Context, Tera};

use crate::config::Config;
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

/// Writes every output besides the pages into `staging`.
pub fn write_all(site: &Site, config: &Config, tera: &Tera, staging: &Staging) -> Result<Report> {
    let mut report = Report::default();
    match &config.base_url {
        Some(base) => report.files += feeds::write(site, config, tera, staging, base)?,
        None => report.warnings.push(NO_BASE_URL.to_string()),
    }
    staging.write("robots.txt", feeds::robots(config).as_bytes())?;
    report.files += 1;
    report.files += data::write(site, config, staging)?;
    report.files += calendar::write(site, config, staging)?;
    let sizes = search::write(site, config, staging)?;
    report.files += sizes.files;
    report.search_first_load = sizes.first_load;
    report.search_total = sizes.total;
    Ok(report)
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

/// Site-relative link to event `i` on the timeline page that lists it.
pub fn event_path(site: &Site, i: usize) -> String {
    format!("{}#{}", site.event_page(i), site.events[i].id)
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
