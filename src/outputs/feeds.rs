//! Atom feeds (all briefings, one per actor, one per topic), `sitemap.xml` and
//! `robots.txt`. Feeds and sitemap are theme templates (`atom.xml`, `sitemap.xml`),
//! filled with values whose URLs are already absolute.

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::output::Staging;
use crate::render::{self, Page};
use crate::site::Site;

pub const ATOM_MIME: &str = "application/atom+xml";
/// The feed of all briefings.
pub const ALL: &str = "feed.xml";
/// How many of the newest briefings a feed carries; readers poll feeds for news, not archives.
pub const ENTRIES: usize = 50;

pub fn actor_path(slug: &str) -> String {
    format!("actors/{slug}.xml")
}

pub fn topic_path(slug: &str) -> String {
    format!("topics/{slug}.xml")
}

/// One feed to write: which briefings (indices, newest first) and where.
struct Feed<'a> {
    path: String,
    page: String,
    title: String,
    briefings: &'a [usize],
}

#[derive(Serialize)]
struct FeedView<'a> {
    title: String,
    subtitle: Option<String>,
    self_url: String,
    page_url: String,
    updated: String,
    lang: &'static str,
    author: String,
    /// Template values made once per briefing: serialising one into the feed's context
    /// shares it rather than converting the entry again for every feed that lists it.
    entries: Vec<&'a Value>,
}

#[derive(Serialize)]
struct EntryView {
    title: String,
    url: String,
    published: String,
    updated: String,
    summary: String,
    lang: &'static str,
    categories: Vec<String>,
}

fn all_feeds<'a>(site: &'a Site, all: &'a [usize]) -> Vec<Feed<'a>> {
    let mut feeds = vec![Feed {
        path: ALL.into(),
        page: "briefings/index.html".into(),
        title: String::new(),
        briefings: all,
    }];
    for (slug, actor) in &site.actors {
        feeds.push(Feed {
            path: actor_path(slug),
            page: render::view::url::actor(slug),
            title: actor.front.name.clone(),
            briefings: site.actor_briefings.get(slug).map_or(&[], Vec::as_slice),
        });
    }
    for (slug, topic) in &site.topics {
        feeds.push(Feed {
            path: topic_path(slug),
            page: render::view::url::topic(slug),
            title: topic.label.clone(),
            briefings: &topic.briefings,
        });
    }
    feeds
}

/// Writes every feed and the sitemap; returns the number of files.
pub fn write(
    site: &Site,
    config: &Config,
    tera: &Tera,
    staging: &Staging,
    base: &str,
) -> Result<usize> {
    let all: Vec<usize> = (0..site.briefings.len()).collect();
    let feeds = all_feeds(site, &all);
    // A briefing is an entry of several feeds (all, its actors', its topics'): its
    // entry is made once.
    let mut listed = vec![false; site.briefings.len()];
    for feed in &feeds {
        for &i in feed.briefings.iter().take(ENTRIES) {
            listed[i] = true;
        }
    }
    let entries: Vec<Option<Value>> = listed
        .par_iter()
        .enumerate()
        .map(|(i, &listed)| listed.then(|| Value::from_serializable(&entry_view(site, base, i))))
        .collect();
    let results: Vec<Result<()>> = feeds
        .par_iter()
        .map(|feed| {
            let mut ctx = Context::new();
            ctx.insert("feed", &feed_view(site, config, base, feed, &entries));
            let xml = super::render_template(tera, config, "atom.xml", &ctx)?;
            staging.write(&feed.path, xml.as_bytes())
        })
        .collect();
    collect_problems(results)?;
    let sitemaps = write_sitemap(site, config, tera, staging, base, SITEMAP_LIMITS)?;
    Ok(feeds.len() + sitemaps)
}

/// What one sitemap file may hold: the sitemaps protocol allows 50,000 URLs and 50 MB
/// (uncompressed) per file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SitemapLimits {
    pub urls: usize,
    pub bytes: usize,
}

pub const SITEMAP_LIMITS: SitemapLimits = SitemapLimits {
    urls: 50_000,
    bytes: 50 * 1000 * 1000,
};

/// Writes `sitemap.xml` from the theme's template. A site with more pages than one
/// file may list gets `sitemap-1.xml`, `sitemap-2.xml`, … instead, and `sitemap.xml`
/// becomes the index of those parts, so `robots.txt` names the same file either way.
/// Returns the number of files.
pub fn write_sitemap(
    site: &Site,
    config: &Config,
    tera: &Tera,
    staging: &Staging,
    base: &str,
    limits: SitemapLimits,
) -> Result<usize> {
    let urls = sitemap_urls(site, config, base);
    let render = |urls: &[SitemapUrl]| {
        let mut ctx = Context::new();
        ctx.insert("urls", urls);
        super::render_template(tera, config, "sitemap.xml", &ctx)
    };
    if urls.len() <= limits.urls {
        let xml = render(&urls)?;
        if xml.len() <= limits.bytes {
            staging.write("sitemap.xml", xml.as_bytes())?;
            return Ok(1);
        }
    }
    let mut parts = 0;
    for chunk in urls.chunks(limits.urls.max(1)) {
        write_parts(chunk, limits, &render, &mut |xml| {
            parts += 1;
            staging.write(&format!("sitemap-{parts}.xml"), xml.as_bytes())
        })?;
    }
    staging.write("sitemap.xml", sitemap_index(base, parts).as_bytes())?;
    Ok(parts + 1)
}

/// Renders `urls` as one part, or as several when one would be too big; one URL alone
/// is written whatever its size, as nothing can be split further.
fn write_parts(
    urls: &[SitemapUrl],
    limits: SitemapLimits,
    render: &dyn Fn(&[SitemapUrl]) -> Result<String>,
    write: &mut dyn FnMut(String) -> Result<()>,
) -> Result<()> {
    let xml = render(urls)?;
    if xml.len() <= limits.bytes || urls.len() == 1 {
        return write(xml);
    }
    drop(xml);
    let (first, second) = urls.split_at(urls.len() / 2);
    write_parts(first, limits, render, write)?;
    write_parts(second, limits, render, write)
}

/// `sitemap.xml` as a sitemap index of `sitemap-1.xml` … `sitemap-<parts>.xml`.
fn sitemap_index(base: &str, parts: usize) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    // The same five characters as the templates' autoescaping.
    let base = crate::markdown::escape_attr(base);
    for n in 1..=parts {
        xml.push_str(&format!(
            "  <sitemap><loc>{base}sitemap-{n}.xml</loc></sitemap>\n"
        ));
    }
    xml.push_str("</sitemapindex>\n");
    xml
}

/// Gathers template problems of all feeds into one error.
fn collect_problems(results: Vec<Result<()>>) -> Result<()> {
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(()) => {}
            Err(Error::Content(found)) => problems.extend(found),
            Err(other) => return Err(other),
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    problems.sort();
    problems.dedup();
    Err(Error::Content(problems))
}

fn feed_view<'a>(
    site: &Site,
    config: &Config,
    base: &str,
    feed: &Feed<'_>,
    made: &'a [Option<Value>],
) -> FeedView<'a> {
    let lang = config.site.lang;
    let site_title = &config.site.title;
    let entries: Vec<&Value> = feed
        .briefings
        .iter()
        .take(ENTRIES)
        .filter_map(|&i| made[i].as_ref())
        .collect();
    // The newest change among the entries, so the same content always gives the same feed.
    let updated = feed
        .briefings
        .iter()
        .map(|&i| {
            let b = &site.briefings[i];
            b.updated.unwrap_or(b.date).max(b.date)
        })
        .max()
        .map_or_else(
            || "1970-01-01T00:00:00Z".to_string(),
            |d| super::rfc3339(&d),
        );
    let title = if feed.title.is_empty() {
        site_title.clone()
    } else {
        format!("{} · {site_title}", feed.title)
    };
    FeedView {
        title,
        subtitle: config.site.description.clone(),
        self_url: format!("{base}{}", feed.path),
        page_url: format!("{base}{}", feed.page),
        updated,
        lang: lang.code(),
        author: config
            .site
            .publisher
            .clone()
            .unwrap_or_else(|| site_title.clone()),
        entries,
    }
}

fn entry_view(site: &Site, base: &str, i: usize) -> EntryView {
    let b = &site.briefings[i];
    let updated = b.updated.unwrap_or(b.date).max(b.date);
    EntryView {
        title: xml_text(&b.title),
        url: format!("{base}{}", render::view::url::briefing(&b.slug)),
        published: super::rfc3339(&b.date),
        updated: super::rfc3339(&updated),
        summary: xml_text(b.summary.as_deref().unwrap_or(&b.title)),
        lang: b.lang.code(),
        categories: b.topics.iter().map(|t| xml_text(t)).collect(),
    }
}

/// Drops characters XML 1.0 forbids (control characters other than tab and newline),
/// which YAML escapes could otherwise smuggle into a feed and make it unparseable.
pub fn xml_text(text: &str) -> String {
    // Almost all text has none: copy it whole. 0xC2 starts the C1 control characters.
    let plain = |b: u8| (b >= 0x20 && b != 0x7f && b != 0xc2) || b"\t\n\r".contains(&b);
    if text.bytes().all(plain) {
        return text.to_string();
    }
    text.chars()
        .filter(|&c| !c.is_control() || c == '\t' || c == '\n' || c == '\r')
        .collect()
}

#[derive(Serialize)]
struct SitemapUrl {
    loc: String,
    lastmod: Option<String>,
}

fn sitemap_urls(site: &Site, config: &Config, base: &str) -> Vec<SitemapUrl> {
    render::pages(site, config)
        .into_iter()
        .filter(|p| *p != Page::Search)
        .map(|page| {
            let lastmod = match &page {
                Page::Briefing(i) => {
                    let b = &site.briefings[*i];
                    Some(b.updated.unwrap_or(b.date).max(b.date).to_string())
                }
                _ => None,
            };
            SitemapUrl {
                loc: format!("{base}{}", page.path(site)),
                lastmod,
            }
        })
        .collect()
}

/// `robots.txt`: everything may be crawled; the sitemap is named when it exists.
pub fn robots(config: &Config) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(url) = super::absolute(config, "sitemap.xml") {
        text.push_str(&format!("\nSitemap: {url}\n"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_dropped_from_feed_text() {
        assert_eq!(xml_text("a\u{1}b\tc\nd"), "ab\tc\nd");
        assert_eq!(xml_text("Gespräche\u{85} über"), "Gespräche über");
        assert_eq!(xml_text("Gespräche über"), "Gespräche über");
    }
}
