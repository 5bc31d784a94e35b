//! iCalendar files (RFC 5545): `timeline.ics` with the events whose day is known, and
//! one `actors/<slug>.ics` per actor; each holds the latest [`CAP`] of them (or
//! `calendar_cap` of `site.yaml`). Events become all-day entries; ranges span days.

use std::io::Write;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use super::{Prepared, stream};
use crate::config::Config;
use crate::content::Status;
use crate::error::Result;
use crate::output::Staging;

pub const MIME: &str = "text/calendar";
/// The most events a calendar holds unless `site.yaml` sets `calendar_cap`. Calendar
/// programs fetch a subscribed calendar whole, again and again, and some give up on
/// files of a few megabytes; every event of a 10,000-briefing archive made 6 MB. So a
/// calendar keeps the latest events (those dated in the future included), which is what
/// a subscriber follows; the timeline pages and the data exports keep every event.
pub const CAP: usize = 1000;
pub const TIMELINE: &str = "timeline.ics";

pub fn actor_path(slug: &str) -> String {
    format!("actors/{slug}.ics")
}

/// Writes the site's calendar and one per actor; returns the number of files.
pub fn write(p: &Prepared<'_>, staging: &Staging) -> Result<usize> {
    let config = p.config;
    let domain = uid_domain(config);
    let name = format!(
        "{} · {}",
        p.lang().label("timeline").unwrap_or_default(),
        config.site.title
    );
    let cap = config.site.calendar_cap;
    // The big one (with `calendar_cap: 0`) goes to the file event by event; the
    // actors' are small.
    stream(staging, TIMELINE, |out| {
        let (mut cal, latest) = Calendar::begin(p, &name, 0..p.site.events.len(), cap);
        for i in latest {
            cal.event(p, &domain, i);
            out.write_all(cal.out.as_bytes())?;
            cal.out.clear();
        }
        out.write_all(cal.finish().as_bytes())
    })?;
    let actors: Vec<_> = p.site.actors.iter().collect();
    let written: Vec<Result<()>> = actors
        .par_iter()
        .map(|(slug, actor)| {
            let events = p
                .site
                .actor_events
                .get(*slug)
                .map_or(&[][..], Vec::as_slice);
            let name = format!("{} · {}", actor.front.name, config.site.title);
            let text = calendar(p, &domain, events.iter().copied(), &name, cap);
            staging.write(&actor_path(slug), text.as_bytes())
        })
        .collect();
    written.into_iter().collect::<Result<()>>()?;
    Ok(1 + actors.len())
}

/// A whole calendar of the latest `cap` of the given events (indices into `site.events`,
/// in date order).
fn calendar(
    p: &Prepared<'_>,
    domain: &str,
    events: impl DoubleEndedIterator<Item = usize>,
    name: &str,
    cap: usize,
) -> String {
    let (mut cal, latest) = Calendar::begin(p, name, events, cap);
    for i in latest {
        cal.event(p, domain, i);
    }
    cal.finish()
}

/// The last `cap` of `events` (in date order) whose day is known, still in date order
/// (all of them when `cap` is 0), and how many have a known day: calendars hold
/// all-day entries only.
fn latest_dated(
    p: &Prepared<'_>,
    events: impl DoubleEndedIterator<Item = usize>,
    cap: usize,
) -> (Vec<usize>, usize) {
    let limit = if cap == 0 { usize::MAX } else { cap };
    let mut latest = Vec::new();
    let mut dated = 0;
    for i in events.rev() {
        if p.site.events[i].date.to_naive().is_some() {
            dated += 1;
            if latest.len() < limit {
                latest.push(i);
            }
        }
    }
    latest.reverse();
    (latest, dated)
}

/// A calendar being written: each content line is put together in `line`, then folded
/// onto `out`; both buffers are reused from line to line.
struct Calendar {
    out: String,
    line: String,
    description: String,
}

impl Calendar {
    fn new(name: &str) -> Self {
        let mut cal = Calendar {
            out: String::new(),
            line: String::new(),
            description: String::new(),
        };
        for line in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//dossier//dossier//DE",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
        ] {
            cal.put(&[line]);
        }
        cal.text("X-WR-CALNAME:", name);
        cal
    }

    /// The calendar of the latest `cap` of `events` (see [`latest_dated`]) and those
    /// events. When it leaves some out its description says so: a subscriber would
    /// otherwise take the oldest entry for the first event.
    fn begin(
        p: &Prepared<'_>,
        name: &str,
        events: impl DoubleEndedIterator<Item = usize>,
        cap: usize,
    ) -> (Self, Vec<usize>) {
        let mut cal = Calendar::new(name);
        let (latest, dated) = latest_dated(p, events, cap);
        if latest.len() < dated {
            let note = p.lang().label("calendar_latest").unwrap_or_default();
            let note = note
                .replace("{shown}", &latest.len().to_string())
                .replace("{total}", &dated.to_string());
            cal.text("X-WR-CALDESC:", &note);
        }
        (cal, latest)
    }

    fn finish(mut self) -> String {
        self.put(&["END:VCALENDAR"]);
        self.out
    }

    /// A line of the given pieces.
    fn put(&mut self, pieces: &[&str]) {
        self.line.clear();
        for piece in pieces {
            self.line.push_str(piece);
        }
        fold_into(&mut self.out, &self.line);
    }

    /// A property with a TEXT value, escaped.
    fn text(&mut self, name: &str, value: &str) {
        self.line.clear();
        self.line.push_str(name);
        push_escaped(&mut self.line, value);
        fold_into(&mut self.out, &self.line);
    }

    /// The lines of event `i`, or none when its day is not known.
    fn event(&mut self, p: &Prepared<'_>, domain: &str, i: usize) {
        let e = &p.site.events[i];
        let Some(start) = e.date.to_naive() else {
            return;
        };
        // DTEND is exclusive: the day after the last day of the event.
        let last = e
            .end
            .and_then(|end| end.latest_day())
            .filter(|&d| d >= start)
            .unwrap_or(start);
        let end = last.succ_opt().unwrap_or(last);
        let lang = p.lang();
        let (start, end) = (ics_date(start), ics_date(end));
        self.put(&["BEGIN:VEVENT"]);
        self.put(&["UID:", &e.id, "@", domain]);
        // Derived from the event, not the clock, so the file is the same on every build.
        self.put(&["DTSTAMP:", &start, "T000000Z"]);
        self.put(&["DTSTART;VALUE=DATE:", &start]);
        self.put(&["DTEND;VALUE=DATE:", &end]);
        self.text("SUMMARY:", &e.title);
        let mut description = std::mem::take(&mut self.description);
        description.clear();
        description.push_str(e.summary.as_deref().unwrap_or_default());
        if let Some(label) = e.status.and_then(|s| lang.label(s.key())) {
            if !description.is_empty() {
                description.push_str("\n\n");
            }
            description.push_str(lang.label("status").unwrap_or("Status"));
            description.push_str(": ");
            description.push_str(label);
        }
        if !description.is_empty() {
            self.text("DESCRIPTION:", &description);
        }
        self.description = description;
        if let Some(place) = &e.place {
            self.text("LOCATION:", place);
        }
        if let Some(kind) = &e.kind {
            self.text("CATEGORIES:", lang.label(kind).unwrap_or(kind));
        }
        let confirmed = e.status == Some(Status::Confirmed);
        self.put(&["STATUS:", if confirmed { "CONFIRMED" } else { "TENTATIVE" }]);
        if let Some(link) = p.absolute(&p.event_paths[i]) {
            self.put(&["URL:", link.0, link.1]);
        }
        self.put(&["END:VEVENT"]);
    }
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

/// `YYYYMMDD`.
fn ics_date(d: NaiveDate) -> String {
    let Ok(year @ 0..=9999) = u32::try_from(d.year()) else {
        // Outside what content can write; chrono knows how to spell it.
        return d.format("%Y%m%d").to_string();
    };
    let mut text = String::with_capacity(8);
    push_digits(&mut text, year, 4);
    push_digits(&mut text, d.month(), 2);
    push_digits(&mut text, d.day(), 2);
    text
}

/// `n` with leading zeros to `width` digits.
fn push_digits(out: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = n / 10u32.pow(place) % 10;
        out.push(char::from(b'0' + digit as u8));
    }
}

/// Escapes a TEXT value: backslash, semicolon, comma and newlines (RFC 5545, 3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

fn push_escaped(out: &mut String, text: &str) {
    // Most values need nothing: copy them whole. 0xC2 starts the C1 control characters.
    let plain = |b: u8| !(b < 0x20 || b == 0x7f || b == 0xc2 || b"\\;,".contains(&b));
    if text.bytes().all(plain) {
        out.push_str(text);
        return;
    }
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
}

/// Folds a content line into pieces of at most 75 octets, each ended by CRLF; a
/// continuation starts with a space (RFC 5545, 3.1). Never splits a UTF-8 character,
/// and never ends a piece with a space: some readers trim line ends before unfolding.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    fold_into(&mut out, line);
    out
}

/// [`fold`], appending to `out`.
fn fold_into(out: &mut String, line: &str) {
    if line.len() <= 75 {
        out.push_str(line);
        out.push_str("\r\n");
        return;
    }
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_eight_digits() {
        let d = |y, m, d| ics_date(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(d(2025, 3, 11), "20250311");
        assert_eq!(d(987, 12, 1), "09871201");
    }

    #[test]
    fn escapes_text_values() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
        assert_eq!(escape("plain Ümlaut"), "plain Ümlaut");
        assert_eq!(escape("bell\u{7}\u{85}\r end"), "bell end");
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
