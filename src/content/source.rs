//! Sources and quotes: what a briefing or event rests on, and who said what.

use serde::{Deserialize, Serialize};

use crate::date::PartialDate;
use crate::i18n::Lang;

/// A document a claim rests on: a web page, or a raw document kept in `seeds/`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub date: Option<PartialDate>,
    #[serde(default)]
    pub lang: Option<Lang>,
    /// File name of a document in `seeds/`.
    #[serde(default)]
    pub seed: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub machine_translated: bool,
}

impl Source {
    /// Problems of this source on its own, as (field, offending value, message, hint).
    pub fn problems(&self) -> Vec<(&'static str, String, String, String)> {
        let mut found = Vec::new();
        if self.url.is_none() && self.seed.is_none() {
            let shown = self.title.clone().unwrap_or_default();
            found.push((
                "title",
                shown,
                "a source needs a `url` or a `seed`".into(),
                "add `url: https://…` or `seed: <file in seeds/>`".into(),
            ));
        }
        if let Some(url) = &self.url
            && !is_web_url(url)
        {
            found.push((
                "url",
                url.clone(),
                format!("source URL `{url}` is not an http(s) address"),
                "link sources with a full https:// address".into(),
            ));
        }
        found
    }
}

/// Whether a URL is an absolute web address; everything else (javascript:, data:, file:)
/// is refused so that content can never smuggle script into a link.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Something an actor said, as a briefing quotes it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// Slug of the speaker.
    pub actor: String,
    pub text: String,
    #[serde(default)]
    pub date: Option<PartialDate>,
    /// Language of `text`, when it differs from the briefing's.
    #[serde(default)]
    pub lang: Option<Lang>,
    #[serde(default)]
    pub translation: Option<String>,
    #[serde(default)]
    pub context: Option<String>,
    /// 1-based number of the briefing source that carries the quote.
    #[serde(default)]
    pub source: Option<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_urls_pass() {
        assert!(is_web_url("https://example.org/a?b=c"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("data:text/html,x"));
        assert!(!is_web_url("https://exa mple.org"));
    }
}
