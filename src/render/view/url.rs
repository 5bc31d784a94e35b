//! Site-relative paths of pages. Every page is a file (not a folder index), so links
//! work from `file://` as well as from any web server.

use std::borrow::Cow;

pub fn briefing(slug: &str) -> String {
    format!("briefings/{slug}.html")
}
pub fn actor(slug: &str) -> String {
    format!("actors/{slug}.html")
}
/// A part of a split timeline: one month (`2025-04`) or one year.
pub fn timeline_part(key: &str) -> String {
    format!("timeline.{key}.html")
}
pub fn topic(slug: &str) -> String {
    format!("topics/{slug}.html")
}
pub fn place(slug: &str) -> String {
    format!("places/{slug}.html")
}
pub fn seed(slug: &str) -> String {
    format!("seeds/{slug}.html")
}
/// An external address as written in content, with the few characters that may
/// not appear in a URL (`<`, `"`, `|`, …) percent-encoded after the host, so that
/// pages stay valid HTML while the link goes to the same place.
pub fn external(href: &str) -> Cow<'_, str> {
    const ILLEGAL: [char; 11] = ['"', '<', '>', '`', '{', '}', '|', '\\', '^', '[', ']'];
    let host_end = href
        .find("://")
        .map(|i| i + 3)
        .and_then(|start| href[start..].find(['/', '?', '#']).map(|i| i + start))
        .unwrap_or(href.len());
    let (head, tail) = href.split_at(host_end);
    if !tail.contains(ILLEGAL) {
        return Cow::Borrowed(href);
    }
    let mut out = String::from(head);
    for c in tail.chars() {
        if ILLEGAL.contains(&c) {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}
/// The raw seed file as copied into the site, its name percent-encoded for the link.
pub fn seed_file(name: &str) -> String {
    let mut encoded = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("seeds/files/{encoded}")
}

#[cfg(test)]
mod tests {
    use super::external;

    #[test]
    fn external_urls_get_illegal_characters_encoded_after_the_host() {
        assert_eq!(
            external("https://example.org/scmp?id=1&x=<y>"),
            "https://example.org/scmp?id=1&x=%3Cy%3E"
        );
        assert_eq!(
            external("https://example.org/a|b\"c"),
            "https://example.org/a%7Cb%22c"
        );
        let plain = "https://www.pravda.com.ua/eng/news/2025/04/21/7508575/";
        assert_eq!(external(plain), plain);
        assert_eq!(external("https://[::1]/x[1]"), "https://[::1]/x%5B1%5D");
    }
}
