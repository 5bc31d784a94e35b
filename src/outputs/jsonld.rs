//! schema.org JSON-LD for pages: NewsArticle for briefings, Person, Country or
//! Organization for actors, and an ItemList of Events for the timeline. URLs in it are
//! relative to the page, like every other link (JSON-LD resolves them against the page).

use serde_json::{Map, Value, json};

use crate::config::Config;
use crate::content::{ActorKind, Event};
use crate::render::Page;
use crate::render::view::url;
use crate::site::Site;

/// The JSON-LD of a page, ready to sit inside `<script type="application/ld+json">`.
pub fn for_page(site: &Site, config: &Config, page: &Page) -> Option<String> {
    let root = "../".repeat(page.path(site).matches('/').count());
    let ld = Ld { site, config, root };
    let value = match page {
        Page::Briefing(i) => ld.briefing(*i),
        Page::Actor(slug, _) => ld.actor(slug),
        // A split timeline lists each month's events on the month's page.
        Page::Timeline if !site.timeline_split => {
            ld.timeline(&(0..site.events.len()).collect::<Vec<_>>())
        }
        Page::TimelinePart(key) => {
            let (_, events) = site.timeline_parts.iter().find(|(k, _)| k == key)?;
            ld.timeline(events)
        }
        _ => return None,
    };
    Some(script_safe(&value))
}

/// JSON that cannot end its `<script>` element early: `<`, `>` and `&` only occur inside
/// strings in JSON, where their `\u` escapes mean the same.
pub fn script_safe(value: &Value) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Adds `key` when `value` is known; JSON-LD leaves out what it does not know.
fn put(object: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(v) = value {
        object.insert(key.to_string(), v);
    }
}

fn organisation(config: &Config) -> Value {
    let name = config
        .site
        .publisher
        .clone()
        .unwrap_or_else(|| config.site.title.clone());
    json!({ "@type": "Organization", "name": name })
}

fn schema_type(kind: Option<ActorKind>) -> &'static str {
    match kind {
        Some(ActorKind::Person) => "Person",
        Some(ActorKind::State) => "Country",
        _ => "Organization",
    }
}

/// What the JSON-LD of one page is made from.
struct Ld<'a> {
    site: &'a Site,
    config: &'a Config,
    /// `../` back to the site root from the page.
    root: String,
}

impl Ld<'_> {
    fn link(&self, path: &str) -> Value {
        Value::from(format!("{}{path}", self.root))
    }

    fn actor_ref(&self, slug: &str) -> Value {
        let site = self.site;
        let mut o = Map::new();
        let actor = site.actors.get(slug);
        o.insert(
            "@type".into(),
            json!(schema_type(actor.and_then(|a| a.front.kind))),
        );
        o.insert(
            "name".into(),
            json!(actor.map_or(slug, |a| a.front.name.as_str())),
        );
        o.insert("url".into(), self.link(&url::actor(slug)));
        Value::Object(o)
    }

    fn briefing(&self, i: usize) -> Value {
        let (site, config) = (self.site, self.config);
        let b = &site.briefings[i];
        let mut o = Map::new();
        o.insert("@context".into(), json!("https://schema.org"));
        o.insert("@type".into(), json!("NewsArticle"));
        o.insert("headline".into(), json!(b.title));
        put(&mut o, "description", b.summary.clone().map(Value::from));
        o.insert("datePublished".into(), json!(b.date.to_string()));
        o.insert(
            "dateModified".into(),
            json!(b.updated.unwrap_or(b.date).max(b.date).to_string()),
        );
        o.insert("inLanguage".into(), json!(b.lang.code()));
        o.insert("author".into(), organisation(config));
        o.insert("publisher".into(), organisation(config));
        let about: Vec<Value> = b.actors.iter().map(|a| self.actor_ref(a)).collect();
        if !about.is_empty() {
            o.insert("about".into(), Value::Array(about));
        }
        if !b.topics.is_empty() {
            o.insert("keywords".into(), json!(b.topics.join(", ")));
        }
        o.insert("url".into(), self.link(&url::briefing(&b.slug)));
        Value::Object(o)
    }

    fn actor(&self, slug: &str) -> Value {
        let site = self.site;
        let a = &site.actors[slug];
        let f = &a.front;
        let mut o = Map::new();
        o.insert("@context".into(), json!("https://schema.org"));
        o.insert("@type".into(), json!(schema_type(f.kind)));
        o.insert("name".into(), json!(f.name));
        if !f.aliases.is_empty() {
            o.insert("alternateName".into(), json!(f.aliases));
        }
        if f.kind == Some(ActorKind::Person) {
            put(&mut o, "jobTitle", f.role.clone().map(Value::from));
            put(
                &mut o,
                "nationality",
                f.country.as_deref().map(|c| self.actor_ref(c)),
            );
        } else {
            put(&mut o, "description", f.role.clone().map(Value::from));
        }
        o.insert("url".into(), self.link(&url::actor(slug)));
        Value::Object(o)
    }

    fn event(&self, i: usize) -> Value {
        let e: &Event = &self.site.events[i];
        let mut o = Map::new();
        o.insert("@type".into(), json!("Event"));
        o.insert("name".into(), json!(e.title));
        o.insert("startDate".into(), json!(e.date.to_string()));
        put(&mut o, "endDate", e.end.map(|d| json!(d.to_string())));
        put(&mut o, "description", e.summary.clone().map(Value::from));
        put(
            &mut o,
            "location",
            e.place
                .as_ref()
                .map(|p| json!({ "@type": "Place", "name": p })),
        );
        let actors: Vec<Value> = e.actors.iter().map(|a| self.actor_ref(a)).collect();
        if !actors.is_empty() {
            o.insert("actor".into(), Value::Array(actors));
        }
        o.insert("url".into(), self.link(&super::event_path(self.site, i)));
        Value::Object(o)
    }

    /// An ItemList of the given events (indices into `site.events`).
    fn timeline(&self, events: &[usize]) -> Value {
        let config = self.config;
        let items: Vec<Value> = events
            .iter()
            .enumerate()
            .map(|(n, &i)| json!({ "@type": "ListItem", "position": n + 1, "item": self.event(i) }))
            .collect();
        let mut o = Map::new();
        o.insert("@context".into(), json!("https://schema.org"));
        o.insert("@type".into(), json!("ItemList"));
        o.insert(
            "name".into(),
            json!(format!(
                "{} · {}",
                config.site.lang.label("timeline").unwrap_or_default(),
                config.site.title
            )),
        );
        o.insert("numberOfItems".into(), json!(items.len()));
        o.insert("itemListElement".into(), Value::Array(items));
        Value::Object(o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closing_script_tag_in_content_stays_inside_the_json() {
        let text = script_safe(&json!({ "headline": "</script><script>alert(1)</script> & co" }));
        assert!(!text.contains('<'), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["headline"], "</script><script>alert(1)</script> & co");
    }
}
