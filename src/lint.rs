//! Editor warnings for `dossier check`: things a build accepts but an editor wants to
//! hear about (an actor named but not listed, a quote not in the text, an event
//! without sources, a date in the future, …). Each warning has a stable code.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::content::{Briefing, Event, Status};
use crate::date::PartialDate;
use crate::error::{Code, Diagnostic};
use crate::frontmatter;
use crate::names;
use crate::site::Site;

mod text;
use text::{mentions_event, normalise, normalise_lowered, shorten, word_set};

/// Words that mark a claim in a summary as reported rather than established.
const HEDGES: &[&str] = &[
    "angeblich",
    "unbestätigt",
    "laut",
    "soll",
    "sollen",
    "sollte",
    "berichte",
    "berichtet",
    "bericht",
    "berichten",
    "mutmaßlich",
    "offenbar",
    "reportedly",
    "allegedly",
    "unconfirmed",
    "according",
    "reports",
    "reported",
    "claims",
    "claimed",
    "behauptet",
    "behauptete",
];

/// Every warning for the site, sorted by file and line.
/// `facts` holds every body's links (see [`crate::links::check`]).
pub fn warnings(site: &Site, today: &PartialDate, facts: &crate::links::Facts) -> Vec<Diagnostic> {
    let finder = names::Finder::new(site.actors.values());
    // Briefings are independent of each other; the sort below fixes the order.
    let found = site
        .briefings
        .par_iter()
        .flat_map_iter(|b| {
            let mut lint = Lint::default();
            // A body that cannot be read again is an error the build reports; no warnings.
            let body = b.read_body().unwrap_or_default();
            let lower = names::Text::new(&body);
            lint.actor_mentions(site, &finder, b, &lower);
            lint.quotes(b, &body, &lower);
            lint.unconfirmed_in_summary(site, b);
            lint.briefing_dates(b, today);
            lint.found
        })
        .collect();
    let mut lint = Lint {
        found,
        texts: HashMap::new(),
    };
    for event in &site.events {
        lint.event(event, today);
    }
    lint.orphan_actors(site, facts);
    lint.found.sort();
    lint.found
}

#[derive(Default)]
struct Lint {
    found: Vec<Diagnostic>,
    texts: HashMap<PathBuf, String>,
}

impl Lint {
    /// Where `value` stands after `key` in the front matter of `file`.
    fn locate(&mut self, file: &Path, key: &str, value: &str) -> Option<(usize, usize)> {
        let text = self
            .texts
            .entry(file.to_path_buf())
            .or_insert_with(|| crate::content::read_text(file).unwrap_or_default());
        let split = frontmatter::split(text).ok()?;
        frontmatter::locate(&split, key, value)
    }

    fn warn(
        &mut self,
        file: &Path,
        at: Option<(usize, usize)>,
        code: Code,
        message: String,
        hint: &str,
    ) {
        self.found.push(
            Diagnostic::new(file, message)
                .at_opt(at)
                .hint(hint)
                .warning(code),
        );
    }

    fn actor_mentions(
        &mut self,
        site: &Site,
        finder: &names::Finder,
        b: &Briefing,
        body: &names::Text,
    ) {
        let in_body = finder.first_mentions(body);
        let elsewhere = names::Text::new(&format!(
            "{}\n{}",
            b.title,
            b.summary.as_deref().unwrap_or_default()
        ));
        for ((slug, actor), in_body) in site.actors.iter().zip(in_body) {
            let listed = b.actors.contains(slug);
            match (listed, in_body) {
                (false, Some(m)) => {
                    let at = Some((b.body_line + m.line - 1, m.column));
                    self.warn(
                        &b.file,
                        at,
                        Code::UnlistedActor,
                        format!(
                            "the text mentions {} but `{slug}` is not in `actors:`",
                            actor.front.name
                        ),
                        &format!("add `{slug}` to `actors:` so the briefing appears on their page"),
                    );
                }
                (true, None) => {
                    if names::find_actor(&elsewhere, actor).is_some() {
                        continue;
                    }
                    let at = self.locate(&b.file, "actors", slug);
                    let message = format!(
                        "actor `{slug}` is listed but neither the text nor the summary mentions {}",
                        actor.front.name
                    );
                    let hint = "mention them in the text, add the spelling used to their \
                                `aliases`, or remove them from `actors:`";
                    self.warn(&b.file, at, Code::UnmentionedActor, message, hint);
                }
                _ => {}
            }
        }
    }

    /// `lower` is `body` lowercased, which saves lowercasing it again.
    fn quotes(&mut self, b: &Briefing, body: &str, lower: &names::Text) {
        if b.quotes.is_empty() {
            return;
        }
        let body = normalise_lowered(body, lower);
        for quote in &b.quotes {
            let found = std::iter::once(&quote.text)
                .chain(quote.translation.as_ref())
                .any(|t| body.contains(&normalise(t)));
            if !found {
                let start: String = quote.text.chars().take(24).collect();
                let at = self.locate(&b.file, "quotes", start.trim());
                self.warn(
                    &b.file,
                    at,
                    Code::QuoteNotInBody,
                    format!(
                        "the quote „{}“ does not occur in the text",
                        shorten(&quote.text)
                    ),
                    "quote the words in the body exactly, or correct the quote's `text`",
                );
            }
        }
    }

    fn unconfirmed_in_summary(&mut self, site: &Site, b: &Briefing) {
        let Some(summary) = b.summary.as_deref() else {
            return;
        };
        let words = word_set(summary);
        if HEDGES.iter().any(|h| words.contains(*h)) {
            return;
        }
        for id in &b.event_ids {
            let Some(&i) = site.event_index.get(id) else {
                continue;
            };
            let event = &site.events[i];
            if event.status != Some(Status::Unconfirmed) || !mentions_event(&words, summary, event)
            {
                continue;
            }
            let at = self.locate(&b.file, "summary", "");
            let message = format!(
                "the summary states the unconfirmed event `{id}` ({}) as fact",
                event.title
            );
            let hint = "say that it is unconfirmed or reported (\"laut …\", \"soll\", \
                        \"angeblich\"), or change the event's `status`";
            self.warn(&b.file, at, Code::UnconfirmedAsFact, message, hint);
        }
    }

    fn briefing_dates(&mut self, b: &Briefing, today: &PartialDate) {
        let mut dates = vec![("date", b.date)];
        dates.extend(b.updated.map(|d| ("updated", d)));
        dates.extend(b.quotes.iter().filter_map(|q| q.date.map(|d| ("date", d))));
        dates.extend(b.sources.iter().filter_map(|s| s.date.map(|d| ("date", d))));
        for (key, date) in dates {
            self.future(&b.file, key, &date, today);
        }
    }

    fn future(&mut self, file: &Path, key: &str, date: &PartialDate, today: &PartialDate) {
        if date <= today {
            return;
        }
        let at = self.locate(file, key, &date.to_string());
        self.warn(
            file,
            at,
            Code::FutureDate,
            format!("the date {date} is in the future (today is {today})"),
            "check the year and month; announced events can be dated when they happen",
        );
    }

    fn event(&mut self, event: &Event, today: &PartialDate) {
        if event.sources.is_empty() {
            self.warn(
                &event.file,
                event.position,
                Code::EventWithoutSources,
                format!("event `{}` has no sources", event.id),
                "add `sources:` with a `url` or `seed` for each event",
            );
        }
        self.future(&event.file, "date", &event.date, today);
        if let Some(end) = &event.end {
            self.future(&event.file, "end", end, today);
        }
    }

    fn orphan_actors(&mut self, site: &Site, facts: &crate::links::Facts) {
        let mut linked: BTreeSet<&str> = site.actor_briefings.keys().map(String::as_str).collect();
        linked.extend(site.actor_events.keys().map(String::as_str));
        linked.extend(
            site.actors
                .values()
                .filter_map(|a| a.front.country.as_deref()),
        );
        let body_links = body_actor_links(site, facts);
        for (slug, actor) in &site.actors {
            if linked.contains(slug.as_str()) || body_links.contains(slug) {
                continue;
            }
            let at = self.locate(&actor.file, "name", "");
            self.warn(
                &actor.file,
                at,
                Code::OrphanActor,
                format!("no page links to actor `{slug}`: no briefing or event names them"),
                "list them in a briefing's `actors:` or an event's `actors:`, or delete the file",
            );
        }
    }
}

/// Actors some body links to by their source file.
fn body_actor_links(site: &Site, facts: &crate::links::Facts) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for body in site.bodies() {
        let Some(body_facts) = facts.get(body.file) else {
            continue;
        };
        for link in &body_facts.links {
            if let crate::links::Resolved::Page(url) = site.links.resolve(body.file, &link.dest)
                && let Some(slug) = url
                    .strip_prefix("actors/")
                    .and_then(|u| u.split(['.', '#']).next())
            {
                found.insert(slug.to_string());
            }
        }
    }
    found
}

#[cfg(test)]
mod tests;
