//! Languages of pages and the interface strings the default theme shows in each.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::quick_hash::QuickMap;

/// A page language. German is the first language of the content.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    De,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    pub fn chrono_locale(self) -> chrono::Locale {
        match self {
            Lang::De => chrono::Locale::de_DE,
            Lang::En => chrono::Locale::en_GB,
        }
    }

    /// The interface strings of this language, keyed as the templates use them (`t.actors`).
    pub fn strings(self) -> BTreeMap<&'static str, &'static str> {
        let column = match self {
            Lang::De => 1,
            Lang::En => 2,
        };
        STRINGS.iter().map(|row| (row[0], row[column])).collect()
    }

    /// Label for a value the content uses as a key (event kinds, statuses, actor kinds).
    pub fn label(self, key: &str) -> Option<&'static str> {
        let column = match self {
            Lang::De => 1,
            Lang::En => 2,
        };
        // Pages ask for labels hundreds of thousands of times (every event's kind and
        // status); a scan of the table compared up to a hundred keys each time.
        static ROWS: OnceLock<QuickMap<&'static str, usize>> = OnceLock::new();
        let rows = ROWS.get_or_init(|| {
            let mut rows = QuickMap::default();
            for (i, row) in STRINGS.iter().enumerate() {
                rows.entry(row[0]).or_insert(i);
            }
            rows
        });
        rows.get(key).map(|&i| STRINGS[i][column])
    }
}

/// key, German, English.
const STRINGS: &[[&str; 3]] = &[
    ["skip_to_content", "Zum Inhalt springen", "Skip to content"],
    ["main_navigation", "Hauptnavigation", "Main navigation"],
    ["home", "Start", "Home"],
    ["briefings", "Briefings", "Briefings"],
    ["all_briefings", "Alle Briefings", "All briefings"],
    ["latest_briefings", "Neueste Briefings", "Latest briefings"],
    ["actors", "Akteure", "Actors"],
    ["all_actors", "Alle Akteure", "All actors"],
    ["timeline", "Zeitleiste", "Timeline"],
    ["full_timeline", "Vollständige Zeitleiste", "Full timeline"],
    [
        "calendar_latest",
        "Die neuesten {shown} von {total} Ereignissen mit bekanntem Tag; die Zeitleiste zeigt alle.",
        "The latest {shown} of {total} events with a known day; the timeline shows them all.",
    ],
    ["recent_events", "Jüngste Ereignisse", "Recent events"],
    ["topics", "Themen", "Topics"],
    ["places", "Orte", "Places"],
    ["sources", "Quellen", "Sources"],
    ["seeds", "Quelldokumente", "Source documents"],
    ["seed_document", "Quelldokument", "Source document"],
    ["events", "Ereignisse", "Events"],
    ["quotes", "Zitate", "Quotes"],
    ["at_a_glance", "Auf einen Blick", "At a glance"],
    ["published", "Veröffentlicht", "Published"],
    ["updated", "Aktualisiert", "Updated"],
    ["language", "Sprache", "Language"],
    ["reading_time", "Lesezeit", "Reading time"],
    ["minutes", "Min.", "min"],
    [
        "related_briefings",
        "Verwandte Briefings",
        "Related briefings",
    ],
    [
        "briefings_naming",
        "Briefings mit diesem Akteur",
        "Briefings naming this actor",
    ],
    ["quotes_by", "Zitate", "Quotes"],
    [
        "own_timeline",
        "Zeitleiste des Akteurs",
        "The actor's timeline",
    ],
    ["roles", "Funktionen", "Roles"],
    ["role", "Funktion", "Role"],
    ["current_role", "Aktuelle Funktion", "Current role"],
    ["since", "seit", "since"],
    ["until", "bis", "until"],
    ["country", "Land", "Country"],
    ["aliases", "Andere Schreibweisen", "Other spellings"],
    ["kind", "Art", "Kind"],
    ["profile", "Profil", "Profile"],
    ["translation", "Übersetzung", "Translation"],
    ["original", "Original", "Original"],
    ["context", "Kontext", "Context"],
    ["source", "Quelle", "Source"],
    ["briefing", "Briefing", "Briefing"],
    ["event", "Ereignis", "Event"],
    ["status", "Status", "Status"],
    ["place", "Ort", "Place"],
    ["no_entries", "Keine Einträge.", "No entries."],
    [
        "machine_translated",
        "maschinell übersetzt",
        "machine-translated",
    ],
    [
        "seed_intro",
        "Das Quelldokument, unverändert wiedergegeben.",
        "The source document, reproduced verbatim.",
    ],
    ["cited_in", "Verwendet in", "Cited in"],
    ["download_original", "Originaldatei", "Original file"],
    [
        "anchor_link",
        "Link zu diesem Abschnitt",
        "Link to this section",
    ],
    ["generated_by", "Erstellt mit dossier", "Built with dossier"],
    ["briefing_count", "Briefings", "briefings"],
    ["event_count", "Ereignisse", "events"],
    ["editors_note", "Anmerkung der Redaktion", "Editor's note"],
    ["confirmed", "bestätigt", "confirmed"],
    ["reported", "berichtet", "reported"],
    ["unconfirmed", "unbestätigt", "unconfirmed"],
    ["disputed", "umstritten", "disputed"],
    ["person", "Personen", "People"],
    ["state", "Staaten", "States"],
    ["organisation", "Organisationen", "Organisations"],
    ["other", "Weitere", "Other"],
    ["kind_person", "Person", "Person"],
    ["kind_state", "Staat", "State"],
    ["kind_organisation", "Organisation", "Organisation"],
    ["attack", "Angriff", "Attack"],
    ["talks", "Gespräche", "Talks"],
    ["call", "Telefonat", "Call"],
    ["statement", "Erklärung", "Statement"],
    ["ceasefire", "Waffenruhe", "Ceasefire"],
    ["decision", "Entscheidung", "Decision"],
    ["proposal", "Vorschlag", "Proposal"],
    ["report", "Bericht", "Report"],
    ["pages", "Seiten", "Pages"],
    ["page", "Seite", "Page"],
    ["previous_page", "Vorherige", "Previous"],
    ["next_page", "Nächste", "Next"],
    [
        "earlier_events_on_timeline",
        "frühere Ereignisse stehen in der Zeitleiste.",
        "earlier events are on the timeline.",
    ],
    // Search, feeds and downloads (src/outputs).
    ["search", "Suche", "Search"],
    ["search_button", "Suchen", "Search"],
    [
        "search_label",
        "Suchbegriff: Namen, Orte, Themen, auch in anderer Schreibweise",
        "Search for names, places, topics, in any spelling",
    ],
    [
        "search_noscript",
        "Die Suche braucht JavaScript. Alle Inhalte sind auch ohne JavaScript erreichbar: über Briefings, Akteure, Zeitleiste und Themen.",
        "Search needs JavaScript. Everything is reachable without it too: through briefings, actors, the timeline and topics.",
    ],
    ["search_count", "Treffer", "results"],
    ["search_none", "Keine Treffer.", "No results."],
    [
        "search_many",
        "Sehr viele Treffer, hier die besten. Ein selteneres Wort grenzt die Suche ein.",
        "Very many results; here are the best. A rarer word narrows the search.",
    ],
    [
        "search_common",
        "Zu häufig, um die Suche einzugrenzen (ordnet nur die Treffer):",
        "Too common to narrow the search (only orders the results):",
    ],
    [
        "search_short",
        "Bitte mindestens zwei Buchstaben eingeben.",
        "Please type at least two letters.",
    ],
    [
        "search_error",
        "Der Suchindex konnte nicht geladen werden.",
        "The search index could not be loaded.",
    ],
    [
        "search_matched_actors",
        "Passende Akteure",
        "Matching actors",
    ],
    ["actor", "Akteur", "Actor"],
    [
        "subscribe",
        "Abonnieren und herunterladen",
        "Subscribe and download",
    ],
    // The SVG timeline and the timeline filters.
    ["tl_graphic", "Zeitleiste als Grafik", "Timeline graphic"],
    ["tl_legend", "Legende", "Key"],
    [
        "tl_list_below",
        "Lange Zeiträume ohne Ereignisse sind verkürzt dargestellt. Jede Markierung führt zum Ereignis; die vollständige Liste steht unter der Grafik.",
        "Long stretches without events are drawn shortened. Each mark links to its event; the full list follows below the graphic.",
    ],
    ["tl_compressed", "komprimiert", "compressed"],
    ["tl_year", "Jahr", "year"],
    ["tl_years", "Jahre", "years"],
    ["tl_week", "Woche", "week"],
    ["tl_weeks", "Wochen", "weeks"],
    ["tl_month", "Monat", "month"],
    ["tl_months", "Monate", "months"],
    ["tl_other_kind", "Sonstiges", "Other"],
    ["tl_range", "Zeitraum", "Period"],
    [
        "tl_approximate",
        "Datum nur ungefähr bekannt",
        "Date known only roughly",
    ],
    [
        "tl_uncertain",
        "unbestätigt oder umstritten",
        "unconfirmed or disputed",
    ],
    [
        "tl_gap_legend",
        "verkürzter Zeitraum ohne Ereignisse",
        "shortened stretch without events",
    ],
    [
        "filter_timeline",
        "Zeitleiste filtern",
        "Filter the timeline",
    ],
    ["filter_actor", "Akteur", "Actor"],
    ["filter_kind", "Art", "Kind"],
    ["filter_year", "Jahr", "Year"],
    ["filter_all", "alle", "all"],
    ["filter_reset", "Alle zeigen", "Show all"],
    ["filter_shown", "Angezeigt", "Showing"],
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_exists_in_both_languages() {
        assert_eq!(Lang::De.strings().len(), Lang::En.strings().len());
        assert_eq!(Lang::De.label("timeline"), Some("Zeitleiste"));
        assert_eq!(Lang::En.label("timeline"), Some("Timeline"));
    }

    #[test]
    fn labels_are_the_first_row_of_their_key() {
        for row in STRINGS {
            let first = STRINGS.iter().find(|r| r[0] == row[0]).unwrap();
            assert_eq!(Lang::De.label(row[0]), Some(first[1]), "{}", row[0]);
            assert_eq!(Lang::En.label(row[0]), Some(first[2]), "{}", row[0]);
        }
        assert_eq!(Lang::De.label("no-such-kind"), None);
        assert_eq!(Lang::En.label(""), None);
    }
}
