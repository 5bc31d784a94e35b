//! Site configuration: `site.yaml` merged with command-line options into one validated `Config`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Diagnostic, Error, Result};
use crate::frontmatter::{self, Split};
use crate::i18n::Lang;

/// The fields of `site.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub base_url: Option<String>,
    #[serde(default)]
    pub lang: Lang,
    /// Who publishes the site; named in feeds and page footers.
    #[serde(default)]
    pub publisher: Option<String>,
    /// How many briefings the home page lists.
    #[serde(default = "default_home_briefings")]
    pub home_briefings: usize,
    /// How many of the latest events the home page shows.
    #[serde(default = "default_home_events")]
    pub home_events: usize,
    /// Briefings per page in long lists (topics, places, actors, all briefings).
    #[serde(default = "default_paginate")]
    pub paginate: usize,
    /// Above this many events the timeline is split into a page per month, and a month
    /// with more events than this into parts of this many.
    #[serde(default = "default_timeline_split")]
    pub timeline_split: usize,
    /// The most documents the search index lists for one word; a word found in more
    /// lists its best and only orders the results of a search (src/outputs/terms.rs).
    #[serde(default = "default_search_cap")]
    pub search_cap: usize,
    /// The most events one calendar file holds: `timeline.ics` and each actor's calendar
    /// keep the latest this many; 0 keeps every event (src/outputs/calendar.rs).
    #[serde(default = "default_calendar_cap")]
    pub calendar_cap: usize,
    /// How Markdown bodies are turned into HTML.
    #[serde(default)]
    pub markdown: MarkdownSettings,
    /// Free-form values for custom templates.
    #[serde(default = "crate::content::empty_extra")]
    pub extra: serde_yaml::Value,
}

/// The `markdown:` block of `site.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownSettings {
    /// `escape` (default): raw HTML is shown as text; `sanitise`: a safe subset is kept.
    #[serde(default)]
    pub raw_html: crate::sanitise::RawHtml,
}

fn default_home_briefings() -> usize {
    10
}

fn default_home_events() -> usize {
    8
}

fn default_paginate() -> usize {
    50
}

fn default_timeline_split() -> usize {
    1000
}

fn default_search_cap() -> usize {
    crate::outputs::search::CAP
}

fn default_calendar_cap() -> usize {
    crate::outputs::calendar::CAP
}

/// What the user asked for on the command line.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
}

/// Everything a build needs to know, validated before any content is read.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    pub output: PathBuf,
    pub site: SiteFile,
    /// Absolute base URL ending in `/`, if the site has one.
    pub base_url: Option<String>,
    pub drafts: bool,
}

impl Config {
    /// Reads `site.yaml` under `options.root` and resolves the options against it.
    pub fn load(options: &BuildOptions) -> Result<Config> {
        let path = options.root.join("site.yaml");
        if std::fs::symlink_metadata(&path).is_err() {
            return Err(Error::Content(vec![Diagnostic::new(&path, "site.yaml is missing").hint(
                "run dossier in the site's folder or pass --root; site.yaml needs at least `title:` and `lang:`",
            )]));
        }
        let text = crate::input::read_text(&path).map_err(|d| Error::Content(vec![d]))?;
        let site = parse_site_file(&path, &text)?;
        let base_url = options.base_url.clone().or_else(|| site.base_url.clone());
        let base_url = base_url
            .map(|url| normalise_base_url(&path, &url))
            .transpose()?;
        let output = options
            .output
            .clone()
            .unwrap_or_else(|| options.root.join("public"));
        check_output(&options.root, &output)?;
        Ok(Config {
            root: options.root.clone(),
            output,
            site,
            base_url,
            drafts: options.drafts,
        })
    }

    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }

    pub fn seeds_dir(&self) -> PathBuf {
        self.root.join("seeds")
    }

    pub fn static_dir(&self) -> PathBuf {
        self.root.join("static")
    }

    pub fn templates_dir(&self) -> PathBuf {
        self.root.join("templates")
    }
}

fn parse_site_file(path: &Path, text: &str) -> Result<SiteFile> {
    // site.yaml is plain YAML; reuse the front matter parser by treating it as a block at line 1.
    let split = Split {
        yaml: text.strip_prefix('\u{feff}').unwrap_or(text),
        yaml_line: 1,
        body: "",
        body_line: 1,
    };
    frontmatter::parse(&split).map_err(|e| {
        let mut d = Diagnostic::new(path, e.message).at_opt(e.position);
        d.hint = e.hint;
        Error::Content(vec![d])
    })
}

fn normalise_base_url(path: &Path, url: &str) -> Result<String> {
    let url = url.trim();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(Error::Content(vec![
            Diagnostic::new(
                path,
                format!("base_url `{url}` is not an absolute http(s) URL"),
            )
            .hint("write it like https://example.org/ or https://example.org/briefings/"),
        ]));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// The real location of a path that may not exist yet: `..` removed, and links in the
/// part that exists followed, so `public/../content` or a link to `content/` is seen for
/// what it is.
fn resolve(path: &Path) -> PathBuf {
    use std::path::Component;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut lexical = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::ParentDir => {
                lexical.pop();
            }
            Component::CurDir => {}
            other => lexical.push(other),
        }
    }
    let mut existing = lexical.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else {
            return lexical;
        };
        rest.push(name.to_os_string());
        existing = parent;
    }
    let mut real = std::fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
    real.extend(rest.iter().rev());
    real
}

/// Refuses output folders whose replacement would destroy the site's sources.
fn check_output(root: &Path, output: &Path) -> Result<()> {
    let (root, out) = (resolve(root), resolve(output));
    let protected = [
        root.clone(),
        root.join("content"),
        root.join("templates"),
        root.join("static"),
        root.join("seeds"),
    ];
    // Inside a source folder the site would be read back as input by the next build
    // (static/ would copy the old site into the new one, ever deeper).
    let inside_sources = protected[1..].iter().any(|p| out.starts_with(p));
    if out.parent().is_none() || out == root || inside_sources || root.starts_with(&out) {
        return Err(Error::Usage(format!(
            "refusing to use {} as the output folder: the build replaces it whole; pick a folder such as {}",
            output.display(),
            root.join("public").display()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_gets_a_trailing_slash() {
        let p = Path::new("site.yaml");
        assert_eq!(
            normalise_base_url(p, "https://a.org/x").unwrap(),
            "https://a.org/x/"
        );
        assert!(normalise_base_url(p, "a.org").is_err());
    }

    #[test]
    fn output_may_not_replace_the_site() {
        let root = Path::new("/tmp/site");
        assert!(check_output(root, root).is_err());
        assert!(check_output(root, &root.join("content")).is_err());
        assert!(check_output(root, Path::new("/")).is_err());
        assert!(check_output(root, &root.join("static/site")).is_err());
        assert!(check_output(root, &root.join("content/../public")).is_ok());
        assert!(check_output(root, &root.join("public/../content")).is_err());
        assert!(check_output(root, &root.join("public/../static/x/..")).is_err());
        assert!(check_output(root, &root.join("public")).is_ok());
    }

    #[test]
    fn site_file_rejects_unknown_keys_with_a_line() {
        let err = parse_site_file(Path::new("site.yaml"), "title: x\nlang: de\ntitel: y\n");
        let Err(Error::Content(d)) = err else {
            panic!("expected a content error")
        };
        assert_eq!(d[0].line, Some(3));
    }
}
