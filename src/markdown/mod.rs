//! Markdown to HTML: one options set, and small passes over the event stream
//! (heading anchors, raw HTML shown as text, internal links rewritten).

mod headings;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

use crate::sanitise::RawHtml;
use headings::{AnchorHeadings, HeadingIds};

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
    /// Every link and image destination as written, for link checks.
    pub links: Vec<BodyLink>,
}

impl Rendered {
    /// What link checks need to know about the body.
    pub fn facts(&self) -> BodyFacts {
        self.clone().into_parts().1
    }

    /// The HTML, and what link checks need to know about the body.
    pub fn into_parts(self) -> (String, BodyFacts) {
        let facts = BodyFacts {
            heading_ids: self.headings.into_iter().map(|h| h.id).collect(),
            links: self.links,
        };
        (self.html, facts)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A link or image in a body: its destination as written and the byte offset in the
/// body where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyLink {
    pub dest: String,
    pub offset: usize,
}

/// What link checks need to know about a body: learned while rendering it, or by
/// [`scan`] where a body is not rendered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyFacts {
    /// The ids its headings get, in order.
    pub heading_ids: Vec<String>,
    pub links: Vec<BodyLink>,
}

impl BodyFacts {
    /// Links and images whose URL could run script (`javascript:`, `data:` …).
    pub fn unsafe_links(&self) -> impl Iterator<Item = &BodyLink> {
        self.links
            .iter()
            .filter(|l| !crate::sanitise::is_safe_link(&l.dest))
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
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
/// The body is parsed once: links and heading ids for the checks are gathered on the way.
pub fn render_full(
    markdown: &str,
    anchor_label: &str,
    raw_html: RawHtml,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Rendered {
    let mut links = Vec::new();
    let events = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .map(|(event, range)| {
            let event = match event {
                // Raw HTML is shown as text: content copied from hostile sources must
                // not become markup or script.
                Event::Html(raw) | Event::InlineHtml(raw) if raw_html == RawHtml::Escape => {
                    Event::Text(raw)
                }
                other => other,
            };
            note_and_rewrite_link(event, range.start, &mut links, resolve)
        });
    let mut anchored = AnchorHeadings::new(events, anchor_label);
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, anchored.by_ref());
    let headings = std::mem::take(&mut anchored.headings);
    drop(anchored);
    if raw_html == RawHtml::Sanitise {
        out = crate::sanitise::clean_html(&out);
    }
    Rendered {
        html: out,
        headings,
        links,
    }
}

/// The facts of a body without rendering it: one parse, no HTML.
pub fn scan(markdown: &str) -> BodyFacts {
    let mut facts = BodyFacts::default();
    let mut ids = HeadingIds::default();
    let mut heading: Option<(Option<CowStr<'_>>, String)> = None;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                facts.links.push(BodyLink {
                    dest: dest_url.to_string(),
                    offset: range.start,
                });
            }
            Event::Start(Tag::Heading { id, .. }) => heading = Some((id, String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = heading.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((id, text)) = heading.take() {
                    facts.heading_ids.push(ids.next(id.as_deref(), &text));
                }
            }
            _ => {}
        }
    }
    facts
}

/// Notes a link's or image's destination and points it at its new address where
/// `resolve` knows one; all other links stay as written.
fn note_and_rewrite_link<'a>(
    event: Event<'a>,
    offset: usize,
    links: &mut Vec<BodyLink>,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Event<'a> {
    let mut note = |dest: &CowStr<'a>| {
        links.push(BodyLink {
            dest: dest.to_string(),
            offset,
        });
        resolve(dest)
    };
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: note(&dest_url).map_or(dest_url, CowStr::from),
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
            dest_url: note(&dest_url).map_or(dest_url, CowStr::from),
            title,
            id,
        }),
        other => other,
    }
}

/// Appends `text` with `&`, `<`, `>` and `"` escaped: for HTML or SVG text and
/// double-quoted attribute values written without a template.
pub fn push_escaped_text(out: &mut String, text: &str) {
    let special = |b: u8| matches!(b, b'&' | b'<' | b'>' | b'"');
    // Most texts have none of the four: a scan without early exit, which the compiler
    // turns into vector instructions, says so.
    if !text.bytes().fold(false, |found, b| found | special(b)) {
        out.push_str(text);
        return;
    }
    let mut rest = text;
    // The four characters are ASCII, so a byte search finds them; the text between is
    // copied whole.
    while let Some(at) = rest.bytes().position(special) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => "&quot;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
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
    fn links_are_found_with_their_line_and_column() {
        let md =
            "Text\n\nSiehe [Paris](../events/x.md#a) und\n- [Bü](@/briefings/b.md) [C](c.md)\n";
        let found = scan(md).links;
        let at: Vec<(&str, (usize, usize))> = found
            .iter()
            .map(|l| (l.dest.as_str(), position(md, l.offset)))
            .collect();
        assert_eq!(
            at,
            [
                ("../events/x.md#a", (3, 7)),
                ("@/briefings/b.md", (4, 3)),
                ("c.md", (4, 26))
            ]
        );
    }

    #[test]
    fn links_in_code_are_not_links() {
        assert!(scan("`[a](b.md)`\n\n    [c](d.md)\n").links.is_empty());
    }

    #[test]
    fn scanning_finds_what_rendering_finds() {
        let md = "## Lage\n\n[a](x.md) ![b](y.png)\n\n## Lage\n\n### `Code` und *mehr* {#eigen}\n\n## !!\n\n[c]\n\n[c]: z.md#k\n";
        let rendered = render(md, "L");
        assert_eq!(scan(md), rendered.facts());
        assert_eq!(
            scan(md).heading_ids,
            ["lage", "lage-1", "eigen", "abschnitt"]
        );
        assert_eq!(rendered.links.len(), 3);
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
        let facts = scan(md);
        let found: Vec<&BodyLink> = facts.unsafe_links().collect();
        let urls: Vec<&str> = found.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(
            urls,
            [
                "javascript:alert(1)",
                "data:image/png,x",
                "JAVASCRIPT:y",
                "vbscript:z"
            ]
        );
        assert_eq!(found[0].offset, md.find("[x]").unwrap());
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
