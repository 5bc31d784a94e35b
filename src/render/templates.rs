//! The theme: Tera templates built into the binary, each replaceable by a file of the
//! same name in the site's `templates/` folder.

use std::path::{Path, PathBuf};

use tera::{ErrorKind, Tera};

use crate::error::Diagnostic;
use crate::input::SiteBounds;

/// The default theme, compiled in so a site needs no templates of its own.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    (
        "briefing.html",
        include_str!("../../templates/briefing.html"),
    ),
    (
        "briefings.html",
        include_str!("../../templates/briefings.html"),
    ),
    ("actor.html", include_str!("../../templates/actor.html")),
    ("actors.html", include_str!("../../templates/actors.html")),
    (
        "timeline.html",
        include_str!("../../templates/timeline.html"),
    ),
    ("term.html", include_str!("../../templates/term.html")),
    ("terms.html", include_str!("../../templates/terms.html")),
    ("seed.html", include_str!("../../templates/seed.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("atom.xml", include_str!("../../templates/atom.xml")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    (
        "partials/event_list.html",
        include_str!("../../templates/partials/event_list.html"),
    ),
    (
        "partials/briefing_list.html",
        include_str!("../../templates/partials/briefing_list.html"),
    ),
    (
        "partials/briefing_card.html",
        include_str!("../../templates/partials/briefing_card.html"),
    ),
    (
        "partials/pager.html",
        include_str!("../../templates/partials/pager.html"),
    ),
    (
        "partials/quote_list.html",
        include_str!("../../templates/partials/quote_list.html"),
    ),
    (
        "partials/site_header.html",
        include_str!("../../templates/partials/site_header.html"),
    ),
    (
        "partials/timeline_graphic.html",
        include_str!("../../templates/partials/timeline_graphic.html"),
    ),
];

/// The default stylesheet, written when the site's `static/` has none of its own.
pub const DEFAULT_STYLESHEET: &str = include_str!("../../static/style.css");

/// Built-in static files, each written unless the site's `static/` has its own.
pub const DEFAULT_ASSETS: &[(&str, &str)] = &[
    ("style.css", DEFAULT_STYLESHEET),
    ("timeline.js", include_str!("../../static/timeline.js")),
    ("favicon.svg", include_str!("../../static/favicon.svg")),
];

/// Loads the theme: built-in templates, overridden by same-named files in `dir`;
/// other `.html` files in `dir` are added for custom templates to include.
pub fn load(dir: &Path) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    let mut errors = Vec::new();
    let mut sources: Vec<(String, String)> = Vec::new();
    for (name, built_in) in DEFAULT_TEMPLATES {
        sources.push((name.to_string(), built_in.to_string()));
    }
    let (names, found) = custom_template_names(dir);
    errors.extend(found);
    for name in names {
        match crate::content::read_text(&dir.join(&name)) {
            Ok(text) => match sources.iter_mut().find(|(n, _)| *n == name) {
                Some(entry) => entry.1 = text,
                None => sources.push((name, text)),
            },
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| vec![template_problem(&e, |name| origin_of(dir, name))])?;
    Ok(tera)
}

/// Names (relative, with `/`) of the `.html` and `.xml` files in the site's templates
/// folder. `dir` is `<site>/templates`, so its parent bounds where links may lead.
fn custom_template_names(dir: &Path) -> (Vec<String>, Vec<Diagnostic>) {
    let bounds = SiteBounds::new(dir.parent().unwrap_or(dir));
    let (files, problems) = bounds.files(dir, usize::MAX);
    let names = files
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "html" || x == "xml"))
        .filter_map(|p| {
            let rel = p.strip_prefix(dir).ok()?;
            let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
            Some(parts.join("/"))
        })
        .collect();
    (names, problems)
}

/// Where a template came from, for error messages.
pub fn origin_of(dir: &Path, name: &str) -> PathBuf {
    let custom = dir.join(name);
    if custom.is_file() {
        custom
    } else {
        PathBuf::from(format!("<built-in>/templates/{name}"))
    }
}

/// Turns a Tera error into a diagnostic naming the template file and line.
pub fn template_problem(error: &tera::Error, origin: impl Fn(&str) -> PathBuf) -> Diagnostic {
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            Diagnostic::new(
                origin(report.filename()),
                format!("template error: {}", report.message()),
            )
            .at(span.start_line, span.start_col + 1)
            .hint("fix the template, or delete it to use the built-in one")
        }
        other => Diagnostic::new(origin(""), format!("template error: {other}"))
            .hint("fix the template, or delete it to use the built-in one"),
    }
}
