//! Markdown to HTML: one options set, and small passes over the event stream
//! (heading anchors, raw HTML shown as text, internal links rewritten).

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use crate::sanitise::RawHtml;
use crate::slug::slugify;

/// The Markdown features briefings use: tables, footnotes, strikethrough, heading ids.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A rendered body and what a page needs to know about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    /// Anchors of the body's headings, for the table of contents and link checks.
    pub headings: Vec<Heading>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Renders a Markdown body with raw HTML shown as text. `anchor_label` is the
/// accessible name of the `#` links placed beside headings.
pub fn render(markdown: &str, anchor_label: &str) -> Rendered {
    render_full(markdown, anchor_label, RawHtml::Escape, &|_| None)
}

/// Renders a Markdown body, treating raw HTML as the site asks (`markdown.raw_html`).
pub fn render_with(markdown: &str, anchor_label: &str, raw_html: RawHtml) -> Rendered {
    render_full(markdown, anchor_label, raw_html, &|_| None)
}

/// Renders a Markdown body, giving each link destination to `resolve`: where it
/// returns a new destination (an internal link to a source file), the link points there.
pub fn render_linked(
    markdown: &str,
    anchor_label: &str,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Rendered {
    render_full(markdown, anchor_label, RawHtml::Escape, resolve)
}

/// Renders a Markdown body with both the site's raw HTML setting and link resolution.
pub fn render_full(
    markdown: &str,
    anchor_label: &str,
    raw_html: RawHtml,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Rendered {
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, options()).collect();
    let events = match raw_html {
        RawHtml::Escape => escape_raw_html(events),
        RawHtml::Sanitise => events,
    };
    let events = rewrite_links(events, resolve);
    let (events, headings) = anchor_headings(events, anchor_label);
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    if raw_html == RawHtml::Sanitise {
        out = crate::sanitise::clean_html(&out);
    }
    Rendered {
        html: out,
        headings,
    }
}

/// The anchors a body's headings get when rendered, without rendering it.
pub fn heading_ids(markdown: &str) -> Vec<String> {
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, options()).collect();
    let (_, headings) = anchor_headings(events, "");
    headings.into_iter().map(|h| h.id).collect()
}

/// Links and images whose URL could run script (`javascript:`, `data:` …), as the byte
/// offset in `markdown` where each starts and the URL.
pub fn unsafe_links(markdown: &str) -> Vec<(usize, String)> {
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !crate::sanitise::is_safe_link(&dest_url) =>
            {
                Some((range.start, dest_url.to_string()))
            }
            _ => None,
        })
        .collect()
}

/// Raw HTML in a body is shown as text: content copied from hostile sources must not
/// become markup or script.
fn escape_raw_html(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    events
        .into_iter()
        .map(|event| match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            other => other,
        })
        .collect()
}

/// A link or image in a body: its destination and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyLink {
    pub dest: String,
    /// 1-based line within the body.
    pub line: usize,
    /// 1-based column (in characters) within that line.
    pub column: usize,
}

/// Every link and image destination in a body, in order, with its position, for checks.
pub fn links(markdown: &str) -> Vec<BodyLink> {
    let mut found = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        let dest = match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        let before = &markdown[..range.start];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        found.push(BodyLink {
            dest: dest.to_string(),
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        });
    }
    found
}

/// Points links and images whose destination `resolve` knows at their new address;
/// all other links stay as written.
fn rewrite_links<'a>(
    events: Vec<Event<'a>>,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Vec<Event<'a>> {
    events
        .into_iter()
        .map(|event| match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: resolve(&dest_url).map_or(dest_url, CowStr::from),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: resolve(&dest_url).map_or(dest_url, CowStr::from),
                title,
                id,
            }),
            other => other,
        })
        .collect()
}

/// Gives every heading a unique id (its own `{#id}` or a slug of its text) and a
/// self-link, so readers can cite a section.
fn anchor_headings<'a>(
    events: Vec<Event<'a>>,
    anchor_label: &str,
) -> (Vec<Event<'a>>, Vec<Heading>) {
    let mut out = Vec::with_capacity(events.len());
    let mut headings = Vec::new();
    let mut used = HashSet::new();
    let mut iter = events.into_iter();
    while let Some(event) = iter.next() {
        let Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) = event
        else {
            out.push(event);
            continue;
        };
        let mut inner = Vec::new();
        let mut text = String::new();
        for e in iter.by_ref() {
            match &e {
                Event::End(TagEnd::Heading(_)) => break,
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                _ => {}
            }
            inner.push(e);
        }
        // A `{#id}` of the author's own is slugified too: ids land unescaped in hrefs,
        // and a quote character in one must not end the attribute.
        let base = slugify(id.as_deref().unwrap_or(&text));
        let unique = unique_id(
            if base.is_empty() {
                "abschnitt".into()
            } else {
                base
            },
            &mut used,
        );
        let level_number = heading_number(level);
        out.push(Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(unique.clone())),
            classes,
            attrs,
        }));
        out.extend(inner);
        out.push(Event::Html(CowStr::from(format!(
            " <a class=\"anchor\" href=\"#{unique}\" aria-label=\"{}\">#</a>",
            escape_attr(anchor_label)
        ))));
        out.push(Event::End(TagEnd::Heading(level)));
        headings.push(Heading {
            level: level_number,
            id: unique,
            text,
        });
    }
    (out, headings)
}

fn unique_id(base: String, used: &mut HashSet<String>) -> String {
    let mut candidate = base.clone();
    let mut n = 1;
    while !used.insert(candidate.clone()) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// Escapes text for an HTML attribute value in double quotes.
pub fn escape_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_slug_ids_and_self_links() {
        let r = render("## Gespräche\n\n## Gespräche\n", "Link");
        assert!(r.html.contains("<h2 id=\"gespraeche\">"), "{}", r.html);
        assert!(r.html.contains("id=\"gespraeche-1\""));
        assert!(r.html.contains("href=\"#gespraeche\""));
        assert_eq!(r.headings.len(), 2);
    }

    #[test]
    fn renders_tables_footnotes_and_strikethrough() {
        let r = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1] ~~alt~~\n\n[^1]: Quelle\n",
            "L",
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>alt</del>"));
        assert!(r.html.contains("footnote-definition"));
    }

    #[test]
    fn rewrite_links_changes_only_known_destinations() {
        let resolve =
            |dest: &str| (dest == "../actors/putin.md").then(|| "../actors/putin.html".to_string());
        let r = render_linked(
            "[Putin](../actors/putin.md), [web](https://example.org), ![b](../actors/putin.md)\n\n[ref]\n\n[ref]: ../actors/putin.md\n",
            "L",
            &resolve,
        );
        assert_eq!(
            r.html.matches("href=\"../actors/putin.html\"").count(),
            2,
            "{}",
            r.html
        );
        assert!(r.html.contains("src=\"../actors/putin.html\""));
        assert!(r.html.contains("href=\"https://example.org\""));
        assert!(!r.html.contains(".md"));
    }

    #[test]
    fn links_reports_line_and_column_of_each_link() {
        let found = links("Text\n\nSiehe [Paris](../events/x.md#a) und\n- [B](@/briefings/b.md)\n");
        assert_eq!(found.len(), 2);
        assert_eq!(
            (found[0].dest.as_str(), found[0].line, found[0].column),
            ("../events/x.md#a", 3, 7)
        );
        assert_eq!(
            (found[1].dest.as_str(), found[1].line, found[1].column),
            ("@/briefings/b.md", 4, 3)
        );
    }

    #[test]
    fn links_in_code_are_not_links() {
        assert!(links("`[a](b.md)`\n\n    [c](d.md)\n").is_empty());
    }

    #[test]
    fn heading_ids_of_the_author_cannot_break_out_of_attributes() {
        let r = render("## Lage {#a\"onmouseover=\"alert(1)}\n", "L");
        assert!(!r.html.contains("\"onmouseover"), "{}", r.html);
        assert_eq!(r.headings[0].id, "a-onmouseover-alert-1");
    }

    #[test]
    fn unsafe_links_and_images_are_found_with_their_offset() {
        let md = "[ok](https://a.org) [x](javascript:alert(1))\n\n![i](data:image/png,x)\n\n<JAVASCRIPT:y>\n\n[r]\n\n[r]: vbscript:z\n";
        let found = unsafe_links(md);
        let urls: Vec<&str> = found.iter().map(|(_, u)| u.as_str()).collect();
        assert_eq!(
            urls,
            [
                "javascript:alert(1)",
                "data:image/png,x",
                "JAVASCRIPT:y",
                "vbscript:z"
            ]
        );
        assert_eq!(found[0].0, md.find("[x]").unwrap());
    }

    #[test]
    fn sanitised_raw_html_keeps_formatting_only() {
        let r = render_with(
            "## Kopf\n\nHallo <b onclick=\"x()\">fett</b><script>alert(1)</script>\n",
            "L",
            RawHtml::Sanitise,
        );
        assert!(r.html.contains("<b>fett</b>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"kopf\">"), "{}", r.html);
        assert!(
            !r.html.contains("script") && !r.html.contains("onclick"),
            "{}",
            r.html
        );
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let r = render("<script>alert(1)</script>\n\nHallo <b>x</b>", "L");
        assert!(!r.html.contains("<script>"));
        assert!(r.html.contains("&lt;script&gt;"));
        assert!(!r.html.contains("<b>"));
    }
}
