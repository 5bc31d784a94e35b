//! Rendering: every page of the site through the theme's templates, in parallel,
//! each written to the staging folder as soon as it is done.

pub mod templates;
pub mod view;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::i18n::Lang;
use crate::markdown;
use crate::output::Staging;
use crate::site::Site;
use view::{Group, Link, Views, url};

/// A page of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Home,
    Briefings,
    Briefing(usize),
    Actors,
    Actor(String),
    Timeline,
    Topics,
    Topic(String),
    Places,
    Place(String),
    Seed(String),
}

impl Page {
    /// Site-relative output path.
    pub fn path(&self, site: &Site) -> String {
        match self {
            Page::Home => "index.html".into(),
            Page::Briefings => "briefings/index.html".into(),
            Page::Briefing(i) => url::briefing(&site.briefings[*i].slug),
            Page::Actors => "actors/index.html".into(),
            Page::Actor(slug) => url::actor(slug),
            Page::Timeline => "timeline.html".into(),
            Page::Topics => "topics/index.html".into(),
            Page::Topic(slug) => url::topic(slug),
            Page::Places => "places/index.html".into(),
            Page::Place(slug) => url::place(slug),
            Page::Seed(name) => url::seed(&site.seeds[name].slug),
        }
    }

    fn template(&self) -> &'static str {
        match self {
            Page::Home => "index.html",
            Page::Briefings => "briefings.html",
            Page::Briefing(_) => "briefing.html",
            Page::Actors => "actors.html",
            Page::Actor(_) => "actor.html",
            Page::Timeline => "timeline.html",
            Page::Topics | Page::Places => "terms.html",
            Page::Topic(_) | Page::Place(_) => "term.html",
            Page::Seed(_) => "seed.html",
        }
    }

    /// The navigation section the page belongs to.
    fn section(&self) -> &'static str {
        match self {
            Page::Home => "home",
            Page::Briefings | Page::Briefing(_) | Page::Seed(_) => "briefings",
            Page::Actors | Page::Actor(_) => "actors",
            Page::Timeline => "timeline",
            Page::Topics | Page::Topic(_) | Page::Places | Page::Place(_) => "topics",
        }
    }

    /// Which kind of page, for the summary line.
    pub fn kind(&self) -> &'static str {
        match self {
            Page::Briefing(_) => "briefing",
            Page::Actor(_) => "actor",
            Page::Topic(_) | Page::Place(_) => "topic/place",
            Page::Seed(_) => "seed",
            _ => "index",
        }
    }
}

/// Every page of the site, in a fixed order.
pub fn pages(site: &Site) -> Vec<Page> {
    let mut pages = vec![
        Page::Home,
        Page::Briefings,
        Page::Actors,
        Page::Timeline,
        Page::Topics,
        Page::Places,
    ];
    pages.extend((0..site.briefings.len()).map(Page::Briefing));
    pages.extend(site.actors.keys().cloned().map(Page::Actor));
    pages.extend(site.topics.keys().cloned().map(Page::Topic));
    pages.extend(site.places.keys().cloned().map(Page::Place));
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
    let all = pages(site);
    let results: Vec<(&'static str, Result<usize>)> = all
        .par_iter()
        .map(|page| (page.kind(), render_page(site, config, tera, staging, page)))
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
}

#[derive(Serialize)]
struct SiteMeta<'a> {
    title: &'a str,
    description: Option<&'a str>,
    publisher: Option<&'a str>,
    lang: Lang,
    extra: &'a serde_yaml::Value,
}

fn render_page(
    site: &Site,
    config: &Config,
    tera: &Tera,
    staging: &Staging,
    page: &Page,
) -> Result<usize> {
    let path = page.path(site);
    let lang = page_lang(site, config, page);
    let mut context = Context::new();
    let title = fill_context(&mut context, site, config, page, lang);
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
        },
    );
    context.insert(
        "site",
        &SiteMeta {
            title: &config.site.title,
            description: config.site.description.as_deref(),
            publisher: config.site.publisher.as_deref(),
            lang: config.site.lang,
            extra: &config.site.extra,
        },
    );
    context.insert("t", &lang.strings());
    let html = tera.render(page.template(), &context).map_err(|e| {
        let dir = config.templates_dir();
        Error::Content(vec![templates::template_problem(&e, |name| {
            templates::origin_of(
                &dir,
                if name.is_empty() {
                    page.template()
                } else {
                    name
                },
            )
        })])
    })?;
    staging.write(&path, html.as_bytes())?;
    Ok(html.len())
}

fn page_lang(site: &Site, config: &Config, page: &Page) -> Lang {
    match page {
        Page::Briefing(i) => site.briefings[*i].lang,
        _ => config.site.lang,
    }
}

/// Puts the page's own data into the context and returns the page title.
fn fill_context(
    ctx: &mut Context,
    site: &Site,
    config: &Config,
    page: &Page,
    lang: Lang,
) -> String {
    let views = Views::new(site, lang);
    let t = |key: &str| lang.label(key).unwrap_or_default().to_string();
    match page {
        Page::Home => {
            let latest: Vec<usize> =
                (0..site.briefings.len().min(config.site.home_briefings)).collect();
            let from = site.events.len().saturating_sub(config.site.home_events);
            ctx.insert("briefings", &views.cards(&latest));
            ctx.insert("events", &views.events(from..site.events.len()));
            ctx.insert("counts", &counts(site));
            config.site.title.clone()
        }
        Page::Briefings => {
            let all: Vec<usize> = (0..site.briefings.len()).collect();
            ctx.insert("groups", &view::by_year(&views, &all));
            t("all_briefings")
        }
        Page::Briefing(i) => {
            briefing_context(ctx, &views, *i);
            site.briefings[*i].title.clone()
        }
        Page::Actors => {
            ctx.insert("groups", &actor_groups(&views));
            t("actors")
        }
        Page::Actor(slug) => {
            actor_context(ctx, &views, slug);
            site.actors[slug].front.name.clone()
        }
        Page::Timeline => {
            ctx.insert(
                "years",
                &timeline_groups(&views, &(0..site.events.len()).collect::<Vec<_>>()),
            );
            ctx.insert("counts", &counts(site));
            t("timeline")
        }
        Page::Topics | Page::Places => {
            let (terms, make_url, key) = if *page == Page::Topics {
                (&site.topics, url::topic as fn(&str) -> String, "topics")
            } else {
                (&site.places, url::place as fn(&str) -> String, "places")
            };
            let list: Vec<TermLink> = terms
                .values()
                .map(|term| TermLink {
                    label: term.label.clone(),
                    url: make_url(&term.slug),
                    count: term.briefings.len(),
                })
                .collect();
            ctx.insert("terms", &list);
            ctx.insert("kind", key);
            t(key)
        }
        Page::Topic(slug) | Page::Place(slug) => {
            let (term, key) = if matches!(page, Page::Topic(_)) {
                (&site.topics[slug], "topics")
            } else {
                (&site.places[slug], "places")
            };
            ctx.insert(
                "term",
                &Link {
                    label: term.label.clone(),
                    url: String::new(),
                },
            );
            ctx.insert("kind", key);
            ctx.insert("groups", &view::by_year(&views, &term.briefings));
            term.label.clone()
        }
        Page::Seed(name) => {
            seed_context(ctx, &views, name);
            name.clone()
        }
    }
}

#[derive(Serialize)]
struct TermLink {
    label: String,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct Counts {
    briefings: usize,
    actors: usize,
    events: usize,
}

fn counts(site: &Site) -> Counts {
    Counts {
        briefings: site.briefings.len(),
        actors: site.actors.len(),
        events: site.events.len(),
    }
}

#[derive(Serialize)]
struct BriefingPage {
    title: String,
    date: view::DateView,
    updated: Option<view::DateView>,
    summary: Option<String>,
    lang: Lang,
    reading_minutes: usize,
    draft: bool,
    actors: Vec<view::ActorChip>,
    topics: Vec<Link>,
    places: Vec<Link>,
    body_html: String,
    extra: serde_yaml::Value,
}

fn briefing_context(ctx: &mut Context, views: &Views<'_>, i: usize) {
    let site = views.site;
    let b = &site.briefings[i];
    let lang = views.lang;
    let label = lang.label("anchor_link").unwrap_or("#");
    let term_links = |labels: &[String], make: fn(&str) -> String| -> Vec<Link> {
        labels
            .iter()
            .map(|l| Link {
                label: l.clone(),
                url: make(&crate::slug::slugify(l)),
            })
            .collect()
    };
    let page = BriefingPage {
        title: b.title.clone(),
        date: view::DateView::new(&b.date, lang),
        updated: b.updated.as_ref().map(|d| view::DateView::new(d, lang)),
        summary: b.summary.clone(),
        lang: b.lang,
        reading_minutes: b.reading_minutes(),
        draft: b.draft,
        actors: b
            .actors
            .iter()
            .map(|a| views.actor_chip(a, Some(&b.date)))
            .collect(),
        topics: term_links(&b.topics, url::topic),
        places: term_links(&b.places, url::place),
        body_html: markdown::render(&b.body, label).html,
        extra: b.extra.clone(),
    };
    ctx.insert("briefing", &page);
    let mut events: Vec<usize> = b
        .event_ids
        .iter()
        .filter_map(|id| site.event_index.get(id).copied())
        .collect();
    events.sort_unstable();
    ctx.insert("key_events", &views.events(key_events(site, b)));
    ctx.insert("events", &views.events(events));
    let quotes: Vec<view::QuoteView> = (0..b.quotes.len())
        .map(|q| {
            views.quote(crate::site::QuoteRef {
                briefing: i,
                quote: q,
            })
        })
        .collect();
    ctx.insert("quotes", &quotes);
    ctx.insert("sources", &views.sources(&b.sources));
    ctx.insert("related", &views.cards(&site.related(i, 5)));
}

/// How many events "At a glance" shows.
const KEY_EVENTS: usize = 8;

/// The latest events a briefing defines itself (not the background it links),
/// for its "At a glance" box.
fn key_events(site: &Site, b: &crate::content::Briefing) -> Vec<usize> {
    let mut own: Vec<usize> = b
        .event_ids
        .iter()
        .filter_map(|id| site.event_index.get(id).copied())
        .filter(|&i| matches!(&site.events[i].origin, crate::content::Origin::Briefing(s) if *s == b.slug))
        .collect();
    own.sort_unstable();
    own.split_off(own.len().saturating_sub(KEY_EVENTS))
}

#[derive(Serialize)]
struct ActorPage<'a> {
    slug: &'a str,
    name: &'a str,
    kind: Option<&'static str>,
    kind_label: Option<&'static str>,
    role: Option<&'a str>,
    roles: Vec<RoleView<'a>>,
    country: Option<view::ActorChip>,
    aliases: &'a [String],
    profile_html: String,
    extra: &'a serde_yaml::Value,
}

#[derive(Serialize)]
struct RoleView<'a> {
    title: &'a str,
    from: Option<view::DateView>,
    to: Option<view::DateView>,
    note: Option<&'a str>,
    source: Option<&'a str>,
}

fn actor_context(ctx: &mut Context, views: &Views<'_>, slug: &str) {
    let site = views.site;
    let lang = views.lang;
    let actor = &site.actors[slug];
    let f = &actor.front;
    let page = ActorPage {
        slug,
        name: &f.name,
        kind: f.kind.map(|k| k.key()),
        kind_label: f
            .kind
            .and_then(|k| lang.label(&format!("kind_{}", k.key()))),
        role: f.role.as_deref(),
        roles: f
            .roles
            .iter()
            .map(|r| RoleView {
                title: &r.title,
                from: r.from.as_ref().map(|d| view::DateView::new(d, lang)),
                to: r.to.as_ref().map(|d| view::DateView::new(d, lang)),
                note: r.note.as_deref(),
                source: r.source.as_deref(),
            })
            .collect(),
        country: f.country.as_deref().map(|c| views.actor_chip(c, None)),
        aliases: &f.aliases,
        profile_html: markdown::render(&actor.body, lang.label("anchor_link").unwrap_or("#")).html,
        extra: &f.extra,
    };
    ctx.insert("actor", &page);
    let briefings = site
        .actor_briefings
        .get(slug)
        .map(Vec::as_slice)
        .unwrap_or_default();
    ctx.insert("groups", &view::by_year(views, briefings));
    let quotes: Vec<view::QuoteView> = site
        .actor_quotes
        .get(slug)
        .into_iter()
        .flatten()
        .map(|&r| views.quote(r))
        .collect();
    ctx.insert("quotes", &quotes);
    let events = site
        .actor_events
        .get(slug)
        .map(Vec::as_slice)
        .unwrap_or_default();
    ctx.insert("years", &timeline_groups(views, events));
}

fn actor_groups(views: &Views<'_>) -> Vec<Group<ActorEntry>> {
    let lang = views.lang;
    let mut groups: Vec<Group<ActorEntry>> = ["person", "state", "organisation", "other"]
        .iter()
        .map(|key| Group {
            label: lang.label(key).unwrap_or(key).to_string(),
            id: key.to_string(),
            items: Vec::new(),
        })
        .collect();
    for (slug, actor) in &views.site.actors {
        let index = match actor.front.kind.map(|k| k.key()) {
            Some("person") => 0,
            Some("state") => 1,
            Some("organisation") => 2,
            _ => 3,
        };
        groups[index].items.push(ActorEntry {
            name: actor.front.name.clone(),
            url: url::actor(slug),
            role: actor.front.role.clone(),
            briefings: views.site.actor_briefings.get(slug).map_or(0, Vec::len),
        });
    }
    for g in &mut groups {
        g.items.sort_by(|a, b| a.name.cmp(&b.name));
    }
    groups.retain(|g| !g.items.is_empty());
    groups
}

#[derive(Serialize)]
struct ActorEntry {
    name: String,
    url: String,
    role: Option<String>,
    briefings: usize,
}

#[derive(Serialize)]
struct YearGroup {
    label: String,
    id: String,
    months: Vec<Group<view::EventView>>,
}

/// Events (indices in date order) grouped by year, then month; events known only to
/// the year come first in their year.
fn timeline_groups(views: &Views<'_>, events: &[usize]) -> Vec<YearGroup> {
    let lang = views.lang;
    let mut years: Vec<YearGroup> = Vec::new();
    for &i in events {
        let date = views.site.events[i].date;
        let year = date.year.to_string();
        if years.last().is_none_or(|y| y.label != year) {
            years.push(YearGroup {
                id: format!("y{year}"),
                label: year.clone(),
                months: Vec::new(),
            });
        }
        let Some(y) = years.last_mut() else { continue };
        let (month_id, month_label) = match date.month {
            Some(m) => {
                let month = crate::date::PartialDate {
                    year: date.year,
                    month: Some(m),
                    day: None,
                };
                (format!("m{year}-{m:02}"), month.display(lang))
            }
            None => (format!("m{year}"), year.clone()),
        };
        if y.months.last().is_none_or(|m| m.id != month_id) {
            y.months.push(Group {
                id: month_id,
                label: month_label,
                items: Vec::new(),
            });
        }
        if let Some(m) = y.months.last_mut() {
            m.items.push(views.event(i));
        }
    }
    years
}

#[derive(Serialize)]
struct SeedPage {
    name: String,
    text: Option<String>,
    raw_url: String,
    machine_translated: bool,
}

fn seed_context(ctx: &mut Context, views: &Views<'_>, name: &str) {
    let site = views.site;
    let seed = &site.seeds[name];
    let text = std::fs::read(&seed.path)
        .ok()
        .and_then(|b| String::from_utf8(b).ok());
    let citing = site
        .seed_briefings
        .get(name)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let machine_translated = citing.iter().any(|&b| {
        site.briefings[b]
            .sources
            .iter()
            .any(|s| s.seed.as_deref() == Some(name) && s.machine_translated)
    });
    ctx.insert(
        "seed",
        &SeedPage {
            name: name.to_string(),
            text: text.map(|t| t.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(t)),
            raw_url: url::seed_file(name),
            machine_translated,
        },
    );
    ctx.insert("briefings", &views.cards(citing));
}

/// Whether `diagnostic` came from a template rather than content.
pub fn is_template_problem(diagnostic: &Diagnostic) -> bool {
    diagnostic.message.starts_with("template error")
}
