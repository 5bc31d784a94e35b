//! The data of an actor's page (infobox, roles, profile, latest events and quotes) and
//! of the index of all actors.

use serde::Serialize;
use tera::Context;

use super::catalog::Catalog;
use super::context::Group;
use super::svg_timeline;
use super::timeline::timeline_groups;
use super::view::{self, Views, url};

#[derive(Serialize)]
struct ActorPage<'a> {
    slug: &'a str,
    name: &'a str,
    kind: Option<&'static str>,
    kind_label: Option<&'static str>,
    role: Option<&'a str>,
    roles: Vec<RoleView<'a>>,
    country: Option<view::ActorChip<'a>>,
    aliases: &'a [String],
    profile_html: view::SafeHtml,
    extra: &'a serde_yaml::Value,
}

#[derive(Serialize)]
struct RoleView<'a> {
    title: &'a str,
    from: Option<view::DateView>,
    to: Option<view::DateView>,
    note: Option<&'a str>,
    source: Option<std::borrow::Cow<'a, str>>,
}

/// Events and quotes an actor page shows at most; the rest are on the timeline.
const ACTOR_EVENTS: usize = 100;
const ACTOR_QUOTES: usize = 50;

pub(super) fn actor_context(
    ctx: &mut Context,
    views: &Views<'_>,
    cat: &Catalog,
    slug: &str,
    part: usize,
) {
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
                source: r.source.as_deref().map(url::external),
            })
            .collect(),
        country: f.country.as_deref().map(|c| views.actor_chip(c, None)),
        aliases: &f.aliases,
        // Later parts only list briefings: an actor named in thousands of briefings has
        // dozens of parts, which need not render the profile again.
        profile_html: if part <= 1 {
            view::SafeHtml(views.body_html(&actor.body, &actor.file))
        } else {
            view::SafeHtml::default()
        },
        extra: &f.extra,
    };
    ctx.insert("actor", &page);
    // Page 1 carries the profile, timeline and quotes; later parts only list briefings.
    let first = part <= 1;
    let quotes = site
        .actor_quotes
        .get(slug)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let latest_quotes =
        &quotes[quotes
            .len()
            .saturating_sub(if first { ACTOR_QUOTES } else { 0 })..];
    ctx.insert_value(
        "quotes",
        cat.quotes(views, latest_quotes.iter().rev().copied()),
    );
    let events = site
        .actor_events
        .get(slug)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let shown = if first {
        ACTOR_EVENTS.min(events.len())
    } else {
        0
    };
    let latest = &events[events.len() - shown..];
    ctx.insert_value("years", timeline_groups(views, cat, latest));
    ctx.insert("events_omitted", &(events.len() - shown));
    let link = |i: usize| format!("../{}", site.event_url(i));
    let graphic = svg_timeline::graphic(views, latest, &link, "tl", "actor-timeline-list");
    ctx.insert("timeline", &graphic);
}

pub(super) fn actor_groups(views: &Views<'_>) -> Vec<Group<ActorEntry>> {
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
pub(super) struct ActorEntry {
    name: String,
    url: String,
    role: Option<String>,
    briefings: usize,
}
