//! Keeping script out of pages: which URLs Markdown may link to, and the sanitised subset
//! of raw HTML a site may switch on in `site.yaml`.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

/// What happens to raw HTML inside Markdown bodies (`markdown: { raw_html: … }` in
/// site.yaml).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Shown as text: `<b>` appears on the page as `<b>`. The default, because bodies
    /// quote hostile sources.
    #[default]
    Escape,
    /// Kept, but cleaned to a safe subset (formatting, tables, links to web pages);
    /// scripts, event handlers, styles, frames and forms are removed.
    #[serde(alias = "sanitize")]
    Sanitise,
}

/// The schemes a link or image in a body may use; relative links have none.
const SAFE_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// The scheme of `url` as a browser would read it, lowercased; `None` for a relative URL.
/// Browsers drop tabs and line breaks inside URLs and trim spaces and control characters
/// around them (`java\tscript:` runs), so this does too.
pub fn scheme(url: &str) -> Option<String> {
    // Only the text before the first `:`, `/`, `?` or `#` can be a scheme: the rest of
    // the URL (often long) is not looked at. Trimming the end never reaches it.
    let url = url.trim_start_matches(|c: char| c.is_ascii_whitespace() || c.is_ascii_control());
    let end = url.find([':', '/', '?', '#'])?;
    if !url[end..].starts_with(':') {
        return None;
    }
    let scheme: String = url[..end]
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (!scheme.is_empty()).then_some(scheme)
}

/// Whether a body may link to `url`: relative, or http(s) and mailto. `javascript:`,
/// `data:`, `vbscript:`, `file:` and any other scheme are refused.
pub fn is_safe_link(url: &str) -> bool {
    scheme(url).is_none_or(|s| SAFE_SCHEMES.contains(&s.as_str()))
}

fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.url_schemes(HashSet::from(SAFE_SCHEMES))
            // Markdown's own output: heading and footnote anchors, code languages, tables.
            .add_generic_attributes(["class"])
            .add_tag_attributes("a", ["aria-label"])
            .add_tag_attributes("ol", ["start"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"])
            .attribute_filter(|_, attribute, value| match attribute {
                "style" => [
                    "text-align: left",
                    "text-align: center",
                    "text-align: right",
                ]
                .contains(&value)
                .then_some(value.into()),
                _ => Some(value.into()),
            });
        for tag in ["h1", "h2", "h3", "h4", "h5", "h6", "div", "li", "sup"] {
            b.add_tag_attributes(tag, ["id"]);
        }
        b
    })
}

/// Cleans rendered HTML down to the safe subset of [`RawHtml::Sanitise`].
pub fn clean_html(html: &str) -> String {
    cleaner().clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_read_as_a_browser_reads_them() {
        assert_eq!(scheme("https://a.org"), Some("https".into()));
        assert_eq!(scheme(" JavaScript:alert(1)"), Some("javascript".into()));
        assert_eq!(scheme("java\tscript:alert(1)"), Some("javascript".into()));
        assert_eq!(scheme("\u{1}data:text/html,x"), Some("data".into()));
        assert_eq!(scheme("../actors/putin.html#a:b"), None);
        assert_eq!(scheme("#anchor"), None);
        assert_eq!(scheme(":x"), None);
        assert_eq!(scheme("\t\n:x"), None);
        assert_eq!(scheme("HTTPS://a.org/b:c?d#e"), Some("https".into()));
        assert_eq!(scheme("a/b:c"), None);
        assert_eq!(scheme("j\na\rv\ta script:x "), Some("java script".into()));
    }

    #[test]
    fn only_web_mail_and_relative_links_are_safe() {
        for ok in [
            "https://a.org",
            "http://a.org",
            "mailto:a@b.org",
            "x.html",
            "#a",
        ] {
            assert!(is_safe_link(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe_link(bad), "{bad}");
        }
    }

    #[test]
    fn sanitising_keeps_formatting_and_drops_script() {
        let html = clean_html(
            "<p onclick=\"x()\"><b>fett</b><script>alert(1)</script>\
             <a href=\"javascript:alert(1)\">a</a><img src=\"data:image/png,x\" onerror=\"y()\"></p>\
             <h2 id=\"lage\">Lage</h2><table><tr><td style=\"text-align: center\">1</td>\
             <td style=\"background: url(x)\">2</td></tr></table><iframe src=\"https://a.org\"></iframe>",
        );
        assert!(html.contains("<b>fett</b>"), "{html}");
        assert!(html.contains("<h2 id=\"lage\">"), "{html}");
        assert!(html.contains("style=\"text-align: center\""), "{html}");
        for gone in [
            "script",
            "onclick",
            "onerror",
            "javascript",
            "data:",
            "background",
            "iframe",
        ] {
            assert!(!html.contains(gone), "{gone} left in {html}");
        }
    }
}
