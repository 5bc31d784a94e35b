//! The data each page's template gets: one builder per kind of page.

use serde::Serialize;
use tera::{Context, Value};

use super::Page;
use super::actor::{actor_context, actor_groups};
use super::catalog::{self, Catalog};
use super::paging::{self, Pager};
use super::timeline::{part_label, timeline_context};
use super::view::{self, Link, Views, url};
use crate::config::Config;
use crate::i18n::Lang;
use crate::site::{QuoteRef, Site};

/// Puts the page's own data into the context and returns the page title.
pub(super) fn fill(
    ctx: &mut Context,
    site: &Site,
    config: &Config,
    page: &Page,
    lang: Lang,
    cat: &Catalog,
) -> String {
    // Cards carry links relative to the folder of the page that lists them.
    let depth = page.path(site).matches('/').count();
    let views = Views::new(site, lang).at("../".repeat(depth));
    let lists = Lists {
        site,
        cat,
        depth,
        per_page: config.site.paginate,
    };
    let t = |key: &str| lang.label(key).unwrap_or_default().to_string();
    match page {
        Page::Home => {
            let latest: Vec<usize> =
                (0..site.briefings.len().min(config.site.home_briefings)).collect();
            let from = site.events.len().saturating_sub(config.site.home_events);
            ctx.insert_value("briefings", cat.cards(depth, &latest));
            ctx.insert_value("events", cat.events(&views, from..site.events.len()));
            ctx.insert("counts", &counts(site));
            config.site.title.clone()
        }
        Page::Briefings(part) => {
            let all: Vec<usize> = (0..site.briefings.len()).collect();
            lists.paged(ctx, &all, "briefings/index.html", *part);
            t("all_briefings")
        }
        Page::Briefing(i) => {
            briefing_context(ctx, &views, cat, depth, *i);
            site.briefings[*i].title.clone()
        }
        Page::Actors => {
            ctx.insert("groups", &actor_groups(&views));
            t("actors")
        }
        Page::Actor(slug, part) => {
            actor_context(ctx, &views, cat, slug, *part);
            let briefings = site
                .actor_briefings
                .get(slug)
                .map(Vec::as_slice)
                .unwrap_or_default();
            lists.paged(ctx, briefings, &url::actor(slug), *part);
            site.actors[slug].front.name.clone()
        }
        Page::Timeline => {
            timeline_context(ctx, &views, cat, None);
            t("timeline")
        }
        Page::TimelinePart(key) => {
            timeline_context(ctx, &views, cat, Some(key));
            format!("{} {}", t("timeline"), part_label(key, lang))
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
        Page::Topic(slug, part) | Page::Place(slug, part) => {
            let (term, key, base) = if matches!(page, Page::Topic(..)) {
                (&site.topics[slug], "topics", url::topic(slug))
            } else {
                (&site.places[slug], "places", url::place(slug))
            };
            ctx.insert(
                "term",
                &Link {
                    label: &term.label,
                    url: String::new(),
                },
            );
            ctx.insert("kind", key);
            lists.paged(ctx, &term.briefings, &base, *part);
            term.label.clone()
        }
        Page::Seed(name) => {
            seed_context(ctx, &views, cat, depth, name);
            name.clone()
        }
        Page::Search => t("search"),
    }
}

#[derive(Serialize)]
struct TermLink {
    label: String,
    url: String,
    count: usize,
}

#[derive(Serialize)]
pub(super) struct Counts {
    briefings: usize,
    actors: usize,
    events: usize,
}

pub(super) fn counts(site: &Site) -> Counts {
    Counts {
        briefings: site.briefings.len(),
        actors: site.actors.len(),
        events: site.events.len(),
    }
}

#[derive(Serialize)]
struct BriefingPage<'a> {
    title: &'a str,
    date: view::DateView,
    updated: Option<view::DateView>,
    summary: Option<&'a str>,
    lang: Lang,
    reading_minutes: usize,
    draft: bool,
    actors: Vec<view::ActorChip<'a>>,
    topics: Vec<Link<'a>>,
    places: Vec<Link<'a>>,
    body_html: view::SafeHtml,
    extra: &'a serde_yaml::Value,
}

fn briefing_context(ctx: &mut Context, views: &Views<'_>, cat: &Catalog, depth: usize, i: usize) {
    let site = views.site;
    let b = &site.briefings[i];
    let lang = views.lang;
    fn term_links(labels: &[String], make: fn(&str) -> String) -> Vec<Link<'_>> {
        labels
            .iter()
            .map(|l| Link {
                label: l,
                url: make(&crate::slug::slugify(l)),
            })
            .collect()
    }
    let page = BriefingPage {
        title: &b.title,
        date: view::DateView::new(&b.date, lang),
        updated: b.updated.as_ref().map(|d| view::DateView::new(d, lang)),
        summary: b.summary.as_deref(),
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
        body_html: view::SafeHtml(views.briefing_body_html(b)),
        extra: &b.extra,
    };
    ctx.insert("briefing", &page);
    let mut events: Vec<usize> = b
        .event_ids
        .iter()
        .filter_map(|id| site.event_index.get(id).copied())
        .collect();
    events.sort_unstable();
    // The key events are among the page's events: their values are shared, not made twice.
    let listed = cat.events(views, events.iter().copied());
    let key: Vec<Value> = key_events(site, b)
        .into_iter()
        .filter_map(|k| events.binary_search(&k).ok())
        .filter_map(|at| listed.as_array().and_then(|all| all.get(at)).cloned())
        .collect();
    ctx.insert_value("key_events", Value::from(key));
    ctx.insert_value("events", listed);
    let quotes = (0..b.quotes.len()).map(|q| QuoteRef {
        briefing: i,
        quote: q,
    });
    ctx.insert_value("quotes", cat.quotes(views, quotes));
    ctx.insert("sources", &views.sources(&b.sources));
    ctx.insert_value(
        "related",
        cat.cards(depth, &site.related(i, crate::site::RELATED_SHOWN)),
    );
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

/// Items grouped under a heading.
#[derive(Serialize)]
pub(super) struct Group<T> {
    pub(super) label: String,
    pub(super) id: String,
    pub(super) items: Vec<T>,
}

/// Lists of briefing cards on one page.
struct Lists<'a> {
    site: &'a Site,
    cat: &'a Catalog,
    /// Folder depth of the page, for the cards' relative links.
    depth: usize,
    per_page: usize,
}

impl Lists<'_> {
    /// One part of a long list of briefings, grouped by year, with its pager.
    fn paged(&self, ctx: &mut Context, briefings: &[usize], base: &str, part: usize) {
        let total = paging::parts(briefings.len(), self.per_page);
        let shown = paging::slice(briefings, self.per_page, part);
        ctx.insert_value("groups", self.by_year(shown));
        ctx.insert("pager", &Pager::new(base, part, total));
    }

    /// Briefings (indices, newest first) grouped by publication year.
    fn by_year(&self, briefings: &[usize]) -> Value {
        let mut groups: Vec<(i32, Vec<usize>)> = Vec::new();
        for &i in briefings {
            let year = self.site.briefings[i].date.year;
            match groups.last_mut() {
                Some((y, items)) if *y == year => items.push(i),
                _ => groups.push((year, vec![i])),
            }
        }
        let groups: Vec<Value> = groups
            .into_iter()
            .map(|(year, items)| {
                let cards = self.cat.cards(self.depth, &items);
                catalog::group(year.to_string(), format!("y{year}"), cards)
            })
            .collect();
        Value::from(groups)
    }
}

#[derive(Serialize)]
struct SeedPage {
    name: String,
    text: Option<String>,
    raw_url: String,
    machine_translated: bool,
}

fn seed_context(ctx: &mut Context, views: &Views<'_>, cat: &Catalog, depth: usize, name: &str) {
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
    ctx.insert_value("briefings", cat.cards(depth, citing));
}
