//! `data/events.csv`: the events as a table for spreadsheets, written row by row.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::Prepared;
use crate::date::Precision;

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 13] = [
    "id",
    "date",
    "end",
    "precision",
    "title",
    "kind",
    "status",
    "place",
    "actors",
    "briefings",
    "summary",
    "sources",
    "url",
];

/// `data/events.csv`: one row per event, RFC 4180 (CRLF, quotes doubled); lists inside
/// a cell are separated by `; `.
pub fn events(p: &Prepared<'_>, out: &mut impl Write) -> io::Result<()> {
    let site = p.site;
    let mut row = CSV_COLUMNS.join(",");
    row.push_str("\r\n");
    out.write_all(row.as_bytes())?;
    // One line and one cell buffer, reused for every row.
    let mut cell = String::new();
    let put = |row: &mut String, text: &str, last: bool| {
        push_cell(row, text);
        row.push_str(if last { "\r\n" } else { "," });
    };
    for (i, e) in site.events.iter().enumerate() {
        row.clear();
        put(&mut row, &e.id, false);
        cell.clear();
        let _ = write!(cell, "{}", e.date);
        put(&mut row, &cell, false);
        cell.clear();
        if let Some(end) = e.end {
            let _ = write!(cell, "{end}");
        }
        put(&mut row, &cell, false);
        put(&mut row, precision_key(e.date.precision()), false);
        put(&mut row, &e.title, false);
        put(&mut row, e.kind.as_deref().unwrap_or_default(), false);
        put(
            &mut row,
            e.status.map(|s| s.key()).unwrap_or_default(),
            false,
        );
        put(&mut row, e.place.as_deref().unwrap_or_default(), false);
        join_into(&mut cell, e.actors.iter().map(String::as_str));
        put(&mut row, &cell, false);
        let briefings = site.event_briefings[i].iter();
        join_into(
            &mut cell,
            briefings.map(|&b| site.briefings[b].slug.as_str()),
        );
        put(&mut row, &cell, false);
        put(&mut row, e.summary.as_deref().unwrap_or_default(), false);
        join_into(&mut cell, e.sources.iter().filter_map(|s| s.url.as_deref()));
        put(&mut row, &cell, false);
        cell.clear();
        let path = &p.event_paths[i];
        match p.absolute(path) {
            Some(url) => {
                let _ = write!(cell, "{url}");
            }
            None => cell.push_str(path),
        }
        put(&mut row, &cell, true);
        out.write_all(row.as_bytes())?;
    }
    Ok(())
}

/// The precision as the JSON exports write it.
fn precision_key(precision: Precision) -> &'static str {
    match precision {
        Precision::Year => "year",
        Precision::Month => "month",
        Precision::Day => "day",
    }
}

/// Replaces `cell` with the items separated by `; `.
fn join_into<'a>(cell: &mut String, items: impl Iterator<Item = &'a str>) {
    cell.clear();
    for (n, item) in items.enumerate() {
        if n > 0 {
            cell.push_str("; ");
        }
        cell.push_str(item);
    }
}

/// Quotes a cell when it holds a comma, quote, line break or edge spaces.
pub fn csv_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_cell(&mut out, text);
    out
}

/// Appends one cell, quoted when it holds a comma, quote, line break or edge spaces.
fn push_cell(out: &mut String, text: &str) {
    let special = |b: &u8| matches!(b, b',' | b'"' | b'\n' | b'\r');
    let needs = text.as_bytes().iter().any(special) || text.trim().len() != text.len();
    if !needs {
        out.push_str(text);
        return;
    }
    out.push('"');
    for (n, part) in text.split('"').enumerate() {
        if n > 0 {
            out.push_str("\"\"");
        }
        out.push_str(part);
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_only_when_needed() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_cell(" edge"), "\" edge\"");
    }
}
