//! iCalendar files (RFC 5545): `timeline.ics` with every event whose day is known, and
//! one `actors/<slug>.ics` per actor. Events become all-day entries; ranges span days.

use chrono::NaiveDate;

use crate::config::Config;
use crate::content::{Event, Status};
use crate::error::Result;
use crate::output::Staging;
use crate::site::Site;

pub const MIME: &str = "text/calendar";
pub const TIMELINE: &str = "timeline.ics";

pub fn actor_path(slug: &str) -> String {
    format!("actors/{slug}.ics")
}

/// Writes the site's calendar and one per actor; returns the number of files.
pub fn write(site: &Site, config: &Config, staging: &Staging) -> Result<usize> {
    let all: Vec<usize> = (0..site.events.len()).collect();
    let name = format!(
        "{} · {}",
        config.site.lang.label("timeline").unwrap_or_default(),
        config.site.title
    );
    staging.write(TIMELINE, calendar(site, config, &all, &name).as_bytes())?;
    for (slug, actor) in &site.actors {
        let events = site.actor_events.get(slug).map_or(&[][..], Vec::as_slice);
        let name = format!("{} · {}", actor.front.name, config.site.title);
        let text = calendar(site, config, events, &name);
        staging.write(&actor_path(slug), text.as_bytes())?;
    }
    Ok(1 + site.actors.len())
}

/// A whole calendar of the given events (indices into `site.events`).
pub fn calendar(site: &Site, config: &Config, events: &[usize], name: &str) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//dossier//dossier//DE".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(name)),
    ];
    let domain = uid_domain(config);
    for &i in events {
        let link = super::absolute(config, &super::event_path(site, i));
        lines.extend(vevent(&site.events[i], config, &domain, link));
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in lines {
        out.push_str(&fold(&line));
    }
    out
}

/// The lines of one event, or none when its day is not known.
fn vevent(e: &Event, config: &Config, domain: &str, link: Option<String>) -> Vec<String> {
    let Some(start) = e.date.to_naive() else {
        return Vec::new();
    };
    // DTEND is exclusive: the day after the last day of the event.
    let last = e
        .end
        .and_then(|end| end.latest_day())
        .filter(|&d| d >= start)
        .unwrap_or(start);
    let end = last.succ_opt().unwrap_or(last);
    let lang = config.site.lang;
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}@{domain}", e.id),
        // Derived from the event, not the clock, so the file is the same on every build.
        format!("DTSTAMP:{}T000000Z", ics_date(start)),
        format!("DTSTART;VALUE=DATE:{}", ics_date(start)),
        format!("DTEND;VALUE=DATE:{}", ics_date(end)),
        format!("SUMMARY:{}", escape(&e.title)),
    ];
    let mut description = e.summary.clone().unwrap_or_default();
    if let Some(label) = e.status.and_then(|s| lang.label(s.key())) {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        let status = lang.label("status").unwrap_or("Status");
        description.push_str(&format!("{status}: {label}"));
    }
    if !description.is_empty() {
        lines.push(format!("DESCRIPTION:{}", escape(&description)));
    }
    if let Some(place) = &e.place {
        lines.push(format!("LOCATION:{}", escape(place)));
    }
    if let Some(kind) = &e.kind {
        let label = lang.label(kind).unwrap_or(kind);
        lines.push(format!("CATEGORIES:{}", escape(label)));
    }
    lines.push(format!(
        "STATUS:{}",
        if e.status == Some(Status::Confirmed) {
            "CONFIRMED"
        } else {
            "TENTATIVE"
        }
    ));
    if let Some(link) = link {
        lines.push(format!("URL:{link}"));
    }
    lines.push("END:VEVENT".into());
    lines
}

/// The right-hand side of every UID: the site's host when known, so UIDs are globally
/// unique and stay the same from build to build.
fn uid_domain(config: &Config) -> String {
    config
        .base_url
        .as_deref()
        .and_then(|u| u.split("://").nth(1))
        .map(|rest| rest.trim_end_matches('/').replace('/', "."))
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| format!("{}.dossier", crate::slug::slugify(&config.site.title)))
}

fn ics_date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// Escapes a TEXT value: backslash, semicolon, comma and newlines (RFC 5545, 3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line into pieces of at most 75 octets, each ended by CRLF; a
/// continuation starts with a space (RFC 5545, 3.1). Never splits a UTF-8 character,
/// and never ends a piece with a space: some readers trim line ends before unfolding.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            let moved = if out.ends_with(' ') && width > 2 {
                out.pop();
                " "
            } else {
                ""
            };
            out.push_str("\r\n ");
            out.push_str(moved);
            width = 1 + moved.len();
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_values() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let line = format!("SUMMARY:{}", "ä".repeat(60));
        let folded = fold(&line);
        for piece in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(piece.len() <= 75, "{} octets: {piece}", piece.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
        assert_eq!(fold("SHORT"), "SHORT\r\n");
        let spaced = format!("{} next", "x".repeat(74));
        assert_eq!(fold(&spaced), format!("{}\r\n  next\r\n", "x".repeat(74)));
    }
}
