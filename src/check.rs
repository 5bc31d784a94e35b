//! `dossier check`: everything a build validates — configuration, templates, every
//! content file, cross-file links, pages rendered — without touching the site's
//! output, plus the editor warnings of [`crate::lint`].

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::config::{BuildOptions, Config};
use crate::date::PartialDate;
use crate::error::{Diagnostic, Error, Result};
use crate::{content, links, lint, output, render, site};

/// What to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub root: PathBuf,
    /// Check as `build --drafts` would: drafts become pages, links to them are fine.
    pub drafts: bool,
    /// The day against which "a date in the future" is judged.
    pub today: PartialDate,
}

/// Every finding, errors and warnings, sorted by file and position.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    pub all: Vec<Diagnostic>,
}

impl Findings {
    pub fn errors(&self) -> usize {
        self.all.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.all.len() - self.errors()
    }

    /// How many findings of each kind (the codes `--format json` prints, `content` for
    /// plain content errors), the most frequent first: with thousands of findings a
    /// reader sees at the end what they are mostly about.
    pub fn by_kind(&self) -> Vec<(&'static str, usize)> {
        let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
        for finding in &self.all {
            *counts
                .entry(finding.code.map_or("content", |c| c.key()))
                .or_default() += 1;
        }
        let mut counts: Vec<_> = counts.into_iter().collect();
        counts.sort_by_key(|&(kind, count)| (std::cmp::Reverse(count), kind));
        counts
    }

    /// [`Findings::by_kind`] as one line: `10200 quote-not-in-body, 17 future-date`.
    pub fn kinds_line(&self) -> String {
        let parts: Vec<String> = self
            .by_kind()
            .into_iter()
            .map(|(kind, count)| format!("{count} {kind}"))
            .collect();
        parts.join(", ")
    }
}

/// Checks the site. `Err` only for failures of the machine (a file that cannot be
/// read); problems of the site are findings.
pub fn check(options: &CheckOptions) -> Result<Findings> {
    // A placeholder the configuration needs; never created: the trial render writes nothing.
    let scratch = std::env::temp_dir().join(format!("dossier-check-{}", std::process::id()));
    let build = BuildOptions {
        root: options.root.clone(),
        output: Some(scratch),
        base_url: None,
        drafts: options.drafts,
    };
    let config = match Config::load(&build) {
        Ok(config) => config,
        Err(Error::Content(found)) => return Ok(sorted(found)),
        Err(other) => return Err(other),
    };
    let mut found = Vec::new();
    let tera = render::templates::load(&config.templates_dir())
        .map_err(|problems| found.extend(problems))
        .ok();
    let (content, problems) = content::load_partial(&config);
    found.extend(problems);
    let site = match site::Site::new(content, &config) {
        Ok(site) => site,
        Err(problems) => {
            found.extend(problems);
            return Ok(sorted(found));
        }
    };
    // The trial render learns every body's links and headings, so the link check and
    // the warnings need not parse the bodies again. Its template problems are reported
    // only when the links are sound, as before.
    let trial = match tera {
        Some(tera) if found.is_empty() => trial_render(&site, &config, &tera)?,
        _ => Vec::new(),
    };
    let mut learned = site.take_learned();
    let broken = links::check(&site, &mut learned.facts);
    if broken.is_empty() {
        found.extend(trial);
    }
    found.extend(broken);
    found.extend(learned.problems);
    found.extend(lint::warnings(&site, &options.today, &learned.facts));
    Ok(sorted(found))
}

/// Renders every page, writing none, to find template errors that only show with
/// real data.
fn trial_render(site: &site::Site, config: &Config, tera: &tera::Tera) -> Result<Vec<Diagnostic>> {
    let staging = output::Staging::discarding();
    match render::render_site(site, config, tera, &staging) {
        Ok(_) => Ok(Vec::new()),
        Err(Error::Content(problems)) => Ok(problems),
        Err(other) => Err(other),
    }
}

fn sorted(mut found: Vec<Diagnostic>) -> Findings {
    found.sort();
    found.dedup();
    Findings { all: found }
}
