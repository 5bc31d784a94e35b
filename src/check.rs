//! `dossier check`: everything a build validates — configuration, templates, every
//! content file, cross-file links, pages rendered — without touching the site's
//! output, plus the editor warnings of [`crate::lint`].

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
}

/// Checks the site. `Err` only for failures of the machine (a folder that cannot be
/// written for the trial render); problems of the site are findings.
pub fn check(options: &CheckOptions) -> Result<Findings> {
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

/// Renders every page into a scratch folder that is thrown away, to find template
/// errors that only show with real data.
fn trial_render(site: &site::Site, config: &Config, tera: &tera::Tera) -> Result<Vec<Diagnostic>> {
    let staging = output::Staging::begin(&config.output)?.without_previous();
    let result = render::render_site(site, config, tera, &staging);
    drop(staging);
    match result {
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
