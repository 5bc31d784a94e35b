//! What serve mode adds to pages on their way to the browser: the live-reload script
//! and, while the site is broken, an overlay listing the problems. Built pages on
//! disk never contain either.

use std::path::Path;

use crate::error::Diagnostic;
use crate::markdown::escape_attr;

/// The path of the server-sent event stream pages listen to for reloads.
pub const EVENTS_PATH: &str = "/__dossier/events";

/// The script that reloads the page when the site was rebuilt after `generation`.
pub fn reload_script(generation: u64) -> String {
    format!(
        "<script>(function(){{var s=new EventSource(\"{EVENTS_PATH}?since={generation}\");\
         s.addEventListener(\"reload\",function(){{s.close();location.reload();}});}})();</script>"
    )
}

/// A fixed box at the top of the page: every problem with file:line:column, message and hint.
pub fn overlay(problems: &[Diagnostic], root: &Path) -> String {
    let mut items = String::new();
    for p in problems {
        let shown = Diagnostic {
            file: p.file.strip_prefix(root).unwrap_or(&p.file).to_path_buf(),
            ..p.clone()
        };
        items.push_str(&format!(
            "<li><code>{}</code> <strong>{}</strong>: {}",
            escape_attr(&shown.location()),
            p.severity.key(),
            escape_attr(&p.message)
        ));
        if let Some(hint) = &p.hint {
            items.push_str(&format!("<br><em>{}</em>", escape_attr(hint)));
        }
        items.push_str("</li>");
    }
    format!(
        "<div id=\"dossier-overlay\" role=\"alert\" style=\"position:fixed;top:0;left:0;right:0;\
         max-height:70vh;overflow:auto;z-index:2147483647;background:#fff4f4;color:#1a1a1a;\
         border-bottom:4px solid #b00020;padding:1rem 1.25rem;font:15px/1.45 system-ui,sans-serif\">\
         <p style=\"margin:0 0 .5rem\"><strong>dossier: the site does not build ({} problem(s)).</strong> \
         This page shows the last good build; it reloads when the files are fixed.</p>\
         <ul style=\"margin:0;padding-left:1.25rem\">{items}</ul></div>",
        problems.len()
    )
}

/// A page as served: `html` with the overlay (if any) and the reload script before `</body>`.
pub fn inject(html: &str, generation: u64, overlay: Option<&str>) -> String {
    let extra = format!(
        "{}{}",
        overlay.unwrap_or_default(),
        reload_script(generation)
    );
    match html.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &html[..at], &html[at..]),
        None => format!("{html}{extra}"),
    }
}

/// The page shown when there is no built page to show (no good build yet, or 404).
pub fn standalone(title: &str, generation: u64, overlay: Option<&str>) -> String {
    let body = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title></head>\
         <body><main style=\"margin:{top} auto;max-width:40rem;font-family:system-ui,sans-serif\">\
         <h1>{t}</h1></main></body></html>",
        t = escape_attr(title),
        top = if overlay.is_some() { "40vh" } else { "4rem" },
    );
    inject(&body, generation, overlay)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_escapes_messages_and_shows_positions() {
        let d = Diagnostic::new("/site/content/briefings/x.md", "unknown actor `<b>`")
            .at(4, 10)
            .hint("use \"putin\"");
        let html = overlay(&[d], Path::new("/site"));
        assert!(html.contains("content/briefings/x.md:4:10"), "{html}");
        assert!(html.contains("unknown actor `&lt;b&gt;`"));
        assert!(html.contains("use &quot;putin&quot;"));
        assert!(!html.contains("<b>"));
    }

    #[test]
    fn script_goes_before_the_end_of_body() {
        let page = inject("<html><body><p>x</p></body></html>", 7, None);
        assert!(page.ends_with("</script></body></html>"), "{page}");
        assert!(page.contains("since=7"));
    }
}
