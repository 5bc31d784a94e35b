//! The link check after rendering: every body's links and anchors against the site,
//! with what rendering learned about the bodies (their links and heading ids).

use std::path::PathBuf;

use rayon::prelude::*;

use super::{Facts, Resolved};
use crate::error::{Code, Diagnostic};
use crate::markdown::{self, BodyFacts};
use crate::site::{Body, Site};

/// Every broken internal link and every link that could run script in the site's
/// bodies, with file:line:column. `facts` holds what rendering learned about the
/// bodies; bodies it does not cover are scanned here and added to it.
pub fn check(site: &Site, facts: &mut Facts) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let missing: Vec<Result<(PathBuf, BodyFacts), Diagnostic>> = site
        .bodies()
        .par_bridge()
        .filter(|body| !facts.contains_key(body.file))
        .map(|body| Ok((body.file.to_path_buf(), markdown::scan(&body.text()?))))
        .collect();
    for scanned in missing {
        match scanned {
            Ok((file, found)) => {
                facts.insert(file, found);
            }
            Err(problem) => problems.push(problem),
        }
    }
    let facts = &*facts;
    let bodies: Vec<Body<'_>> = site.bodies().collect();
    let found: Vec<Vec<Diagnostic>> = bodies
        .into_par_iter()
        .filter_map(|body| {
            let found = facts.get(body.file)?;
            Some(body_problems(site, facts, body, found))
        })
        .collect();
    problems.extend(found.into_iter().flatten());
    problems.sort();
    problems
}

/// The script links and broken links of one body.
fn body_problems(site: &Site, facts: &Facts, body: Body<'_>, found: &BodyFacts) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for link in found.unsafe_links() {
        let shown: String = link.dest.chars().take(40).collect();
        problems.push((
            link.offset,
            Diagnostic::new(
                body.file,
                format!("the link `{shown}` could run script in the reader's browser"),
            )
            .hint(
                "link only to http(s) or mailto addresses or to pages of the site; remove the link",
            ),
        ));
    }
    for link in &found.links {
        if let Resolved::Broken { message, hint } =
            site.links.resolve_with(body.file, &link.dest, Some(facts))
        {
            let code = if message.contains("has no anchor") {
                Code::BrokenAnchor
            } else {
                Code::BrokenLink
            };
            let problem = Diagnostic::new(body.file, message).hint(hint).code(code);
            problems.push((link.offset, problem));
        }
    }
    if problems.is_empty() {
        return Vec::new();
    }
    // Positions need the text, read again only for a body with problems.
    let text = body.text().unwrap_or_default();
    problems
        .into_iter()
        .map(|(offset, problem)| {
            let (line, column) = markdown::position(&text, offset);
            problem.at(body.line + line - 1, column)
        })
        .collect()
}
