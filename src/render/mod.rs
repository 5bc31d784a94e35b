//! Rendering: every page of the site through the theme's templates, in parallel,
//! each written to the staging folder as soon as it is done.

mod actor;
pub mod catalog;
mod chrome;
mod context;
pub mod paging;
mod shared_values;
pub mod svg_timeline;
pub mod templates;
mod timeline;
pub mod timeline_filter;
pub mod view;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::i18n::Lang;
use crate::output::Staging;
use crate::site::Site;
use view::url;

/// A page of the site. Long lists are split into parts (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Home,
    Briefings(usize),
    Briefing(usize),
    Actors,
    Actor(String, usize),
    /// The whole timeline, or its overview when it is split by month.
    Timeline,
    /// One month (`2025-04`) or one year (`2022`, events known only to the year).
    TimelinePart(String),
    Topics,
    Topic(String, usize),
    Places,
    Place(String, usize),
    Seed(String),
    Search,
}

impl Page {
    /// Site-relative output path.
    pub fn path(&self, site: &Site) -> String {
        match self {
            Page::Home => "index.html".into(),
            Page::Briefings(part) => paging::path("briefings/index.html", *part),
            Page::Briefing(i) => url::briefing(&site.briefings[*i].slug),
            Page::Actors => "actors/index.html".into(),
            Page::Actor(slug, part) => paging::path(&url::actor(slug), *part),
            Page::Timeline => "timeline.html".into(),
            Page::TimelinePart(key) => url::timeline_part(key),
            Page::Topics => "topics/index.html".into(),
            Page::Topic(slug, part) => paging::path(&url::topic(slug), *part),
            Page::Places => "places/index.html".into(),
            Page::Place(slug, part) => paging::path(&url::place(slug), *part),
            Page::Seed(name) => url::seed(&site.seeds[name].slug),
            Page::Search => "search.html".into(),
        }
    }

    fn template(&self) -> &'static str {
        match self {
            Page::Home => "index.html",
            Page::Briefings(_) => "briefings.html",
            Page::Briefing(_) => "briefing.html",
            Page::Actors => "actors.html",
            Page::Actor(..) => "actor.html",
            Page::Timeline | Page::TimelinePart(_) => "timeline.html",
            Page::Topics | Page::Places => "terms.html",
            Page::Topic(..) | Page::Place(..) => "term.html",
            Page::Seed(_) => "seed.html",
            Page::Search => "search.html",
        }
    }

    /// The navigation section the page belongs to.
    fn section(&self) -> &'static str {
        match self {
            Page::Home => "home",
            Page::Briefings(_) | Page::Briefing(_) | Page::Seed(_) => "briefings",
            Page::Actors | Page::Actor(..) => "actors",
            Page::Timeline | Page::TimelinePart(_) => "timeline",
            Page::Topics | Page::Topic(..) | Page::Places | Page::Place(..) => "topics",
            Page::Search => "search",
        }
    }

    /// Pages that take longest to render rank first (a stable sort keeps the rest in
    /// list order): timeline parts list up to `timeline_split` events, actor pages
    /// their latest events, quotes and a drawing.
    fn cost_rank(&self) -> u8 {
        match self {
            Page::Timeline | Page::TimelinePart(_) => 0,
            Page::Actor(..) => 1,
            _ => 2,
        }
    }

    /// Which kind of page, for the summary line.
    pub fn kind(&self) -> &'static str {
        match self {
            Page::Briefing(_) => "briefing",
            Page::Actor(..) => "actor",
            Page::Topic(..) | Page::Place(..) => "topic/place",
            Page::Seed(_) => "seed",
            _ => "index",
        }
    }
}

/// Every page of the site, in a fixed order.
pub fn pages(site: &Site, config: &Config) -> Vec<Page> {
    let per_page = config.site.paginate;
    let split = |len: usize| 1..=paging::parts(len, per_page);
    let mut pages = vec![
        Page::Home,
        Page::Actors,
        Page::Timeline,
        Page::Topics,
        Page::Places,
        Page::Search,
    ];
    pages.extend(split(site.briefings.len()).map(Page::Briefings));
    pages.extend((0..site.briefings.len()).map(Page::Briefing));
    for slug in site.actors.keys() {
        let count = site.actor_briefings.get(slug).map_or(0, Vec::len);
        pages.extend(split(count).map(|part| Page::Actor(slug.clone(), part)));
    }
    if site.timeline_split {
        pages.extend(
            site.timeline_parts
                .iter()
                .map(|(key, _)| Page::TimelinePart(key.clone())),
        );
    }
    for term in site.topics.values() {
        pages.extend(split(term.briefings.len()).map(|part| Page::Topic(term.slug.clone(), part)));
    }
    for term in site.places.values() {
        pages.extend(split(term.briefings.len()).map(|part| Page::Place(term.slug.clone(), part)));
    }
    pages.extend(site.seeds.keys().cloned().map(Page::Seed));
    pages
}

/// Pages written, per kind, and bytes.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Written {
    pub pages: BTreeMap<&'static str, usize>,
    pub bytes: u64,
}

/// Renders all pages into `staging`; reports every template error at once.
pub fn render_site(
    site: &Site,
    config: &Config,
    tera: &Tera,
    staging: &Staging,
) -> Result<Written> {
    render_pages(site, config, tera, staging, &pages(site, config))
}

/// Renders `pages` into `staging` (all, or those a change affects, for `serve`).
pub fn render_pages(
    site: &Site,
    config: &Config,
    tera: &Tera,
    staging: &Staging,
    pages: &[Page],
) -> Result<Written> {
    let catalogs = catalogs(site, config, tera)?;
    let written = render_with(site, config, tera, staging, pages, &catalogs);
    crate::drop_in_background(catalogs);
    written
}

/// The cards, events and quotes pages list, rendered once per language.
pub fn catalogs(site: &Site, config: &Config, tera: &Tera) -> Result<catalog::Catalogs> {
    catalog::Catalogs::build(site, config.site.lang, tera, config.site.home_briefings).map_err(
        |e| {
            Error::Content(vec![template_error(
                config,
                &e,
                "partials/briefing_card.html",
            )])
        },
    )
}

/// Renders `pages` with catalogs built before (`serve` keeps them between edits).
pub fn render_with(
    site: &Site,
    config: &Config,
    tera: &Tera,
    staging: &Staging,
    pages: &[Page],
    catalogs: &catalog::Catalogs,
) -> Result<Written> {
    let site_meta = Value::from_serializable(&SiteMeta {
        title: &config.site.title,
        description: config.site.description.as_deref(),
        publisher: config.site.publisher.as_deref(),
        lang: config.site.lang,
        extra: &config.site.extra,
    });
    let headers = chrome::Headers::build(
        tera,
        &site_meta,
        catalogs,
        pages.iter().map(|page| header_key(site, config, page)),
    )
    .map_err(|e| Error::Content(vec![template_error(config, &e, chrome::TEMPLATE)]))?;
    let shared = Shared {
        catalogs,
        headers: &headers,
        site_meta: &site_meta,
    };
    // Rayon hands each thread whole runs of the list, which it renders one by one; a
    // run of timeline months (a thousand events each) at the end kept one of the two
    // cores busy alone for seconds at 100,000 briefings. Short runs, the costly pages
    // first, let the threads finish together.
    let mut order: Vec<&Page> = pages.iter().collect();
    order.sort_by_key(|page| page.cost_rank());
    let results: Vec<(&'static str, Result<usize>)> = order
        .par_iter()
        .with_max_len(8)
        .map(|page| {
            (
                page.kind(),
                render_page(site, config, tera, staging, page, &shared),
            )
        })
        .collect();
    let mut written = Written::default();
    let mut problems = Vec::new();
    for (kind, result) in results {
        match result {
            Ok(bytes) => {
                *written.pages.entry(kind).or_default() += 1;
                written.bytes += bytes as u64;
            }
            Err(Error::Content(found)) => problems.extend(found),
            Err(other) => return Err(other),
        }
    }
    if problems.is_empty() {
        Ok(written)
    } else {
        problems.sort();
        problems.dedup();
        Err(Error::Content(problems))
    }
}

#[derive(Serialize)]
struct PageMeta {
    lang: Lang,
    root: String,
    path: String,
    canonical: Option<String>,
    section: &'static str,
    title: String,
    /// Feeds, calendars and data files the page links to.
    alternates: Vec<crate::outputs::Alternate>,
    /// schema.org JSON-LD, safe to put inside a script element.
    jsonld: Option<view::SafeHtml>,
}

#[derive(Serialize)]
struct SiteMeta<'a> {
    title: &'a str,
    description: Option<&'a str>,
    publisher: Option<&'a str>,
    lang: Lang,
    extra: &'a serde_yaml::Value,
}

/// What every page's context shares, built once for all pages.
struct Shared<'a> {
    catalogs: &'a catalog::Catalogs,
    headers: &'a chrome::Headers,
    /// `site` for the templates.
    site_meta: &'a Value,
}

/// Which header a page shows: its language, folder depth and section.
fn header_key(site: &Site, config: &Config, page: &Page) -> chrome::Key {
    let depth = page.path(site).matches('/').count();
    (page_lang(site, config, page), depth, page.section())
}

fn render_page(
    site: &Site,
    config: &Config,
    tera: &Tera,
    staging: &Staging,
    page: &Page,
    shared: &Shared<'_>,
) -> Result<usize> {
    let path = page.path(site);
    let lang = page_lang(site, config, page);
    let cat = shared.catalogs.get(lang);
    let mut context = Context::new();
    let title = context::fill(&mut context, site, config, page, lang, cat);
    let depth = path.matches('/').count();
    context.insert(
        "page",
        &PageMeta {
            lang,
            root: "../".repeat(depth),
            canonical: config.base_url.as_ref().map(|base| format!("{base}{path}")),
            path: path.clone(),
            section: page.section(),
            title,
            alternates: crate::outputs::alternates(site, config, page, lang),
            jsonld: crate::outputs::jsonld::for_page(site, config, page).map(view::SafeHtml),
        },
    );
    context.insert_value("site", shared.site_meta.clone());
    context.insert_value("t", cat.strings.clone());
    context.insert_value(
        "site_header",
        shared.headers.get(&(lang, depth, page.section())),
    );
    // Rendered as bytes: Tera's own `render` would check the whole page is UTF-8 again.
    let mut html = Vec::with_capacity(32 * 1024);
    tera.render_to(page.template(), &context, &mut html)
        .map_err(|e| Error::Content(vec![template_error(config, &e, page.template())]))?;
    staging.write(&path, &html)?;
    Ok(html.len())
}

/// A template error as a diagnostic naming the template file (the site's or built-in).
fn template_error(config: &Config, error: &tera::Error, fallback: &str) -> Diagnostic {
    let dir = config.templates_dir();
    templates::template_problem(error, |name| {
        templates::origin_of(&dir, if name.is_empty() { fallback } else { name })
    })
}

fn page_lang(site: &Site, config: &Config, page: &Page) -> Lang {
    match page {
        Page::Briefing(i) => site.briefings[*i].lang,
        _ => config.site.lang,
    }
}

/// Whether `diagnostic` came from a template rather than content.
pub fn is_template_problem(diagnostic: &Diagnostic) -> bool {
    diagnostic.message.starts_with("template error")
}
