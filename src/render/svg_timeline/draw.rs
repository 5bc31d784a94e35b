//! Writing the laid-out timeline as SVG markup: axis, compressed gaps, month ticks,
//! and one link per event holding its mark, leader line and label.

use super::axis::axis;
use super::layout::{Layout, Placed, geometry::*};
use super::markup::{D1, Esc, Plain, put};
use super::text_fit::{text_width, truncate};

/// The kinds with their own colour and shape; any other kind is drawn as `other`.
pub const KINDS: &[&str] = &[
    "talks",
    "call",
    "statement",
    "proposal",
    "ceasefire",
    "attack",
    "decision",
    "report",
];

/// Light-mode colours, as attributes so the drawing works without the stylesheet;
/// the stylesheet swaps them in dark mode. Each has 3:1 contrast or more on white.
fn colour(kind: &str) -> &'static str {
    match kind {
        "talks" => "#1d4f91",
        "call" => "#00707a",
        "statement" => "#6f3c96",
        "proposal" => "#8a5a00",
        "ceasefire" => "#00703c",
        "attack" => "#b01a1a",
        "decision" => "#a34700",
        "report" => "#505a5f",
        _ => "#333333",
    }
}

/// The shape of a kind's mark centred on (x, y), so kinds differ by more than colour:
/// the element without its closing, for [`mark`] to add the paint.
fn shape(s: &mut String, kind: &str, x: f64, y: f64) {
    let r = 5.0;
    let points = |s: &mut String, pts: &[(f64, f64)]| {
        s.push_str("<polygon points=\"");
        for (n, (dx, dy)) in pts.iter().enumerate() {
            let gap = if n == 0 { "" } else { " " };
            put!(s, gap, D1(x + dx), ",", D1(y + dy));
        }
        s.push('"');
    };
    match kind {
        "talks" => put!(
            s,
            "<circle cx=\"",
            D1(x),
            "\" cy=\"",
            D1(y),
            "\" r=\"",
            Plain(r),
            "\""
        ),
        "call" => put!(
            s,
            "<rect x=\"",
            D1(x - 4.5),
            "\" y=\"",
            D1(y - 4.5),
            "\" width=\"9\" height=\"9\""
        ),
        "statement" => points(s, &[(0.0, -6.0), (6.0, 0.0), (0.0, 6.0), (-6.0, 0.0)]),
        "proposal" => points(s, &[(0.0, -6.0), (5.5, 4.5), (-5.5, 4.5)]),
        "attack" => points(s, &[(-5.5, -4.5), (5.5, -4.5), (0.0, 6.0)]),
        "ceasefire" => points(
            s,
            &[
                (-1.8, -5.5),
                (1.8, -5.5),
                (1.8, -1.8),
                (5.5, -1.8),
                (5.5, 1.8),
                (1.8, 1.8),
                (1.8, 5.5),
                (-1.8, 5.5),
                (-1.8, 1.8),
                (-5.5, 1.8),
                (-5.5, -1.8),
                (-1.8, -1.8),
            ],
        ),
        "decision" => points(
            s,
            &[
                (-2.9, -5.0),
                (2.9, -5.0),
                (5.8, 0.0),
                (2.9, 5.0),
                (-2.9, 5.0),
                (-5.8, 0.0),
            ],
        ),
        "report" => put!(
            s,
            "<rect x=\"",
            D1(x - 6.0),
            "\" y=\"",
            D1(y - 3.0),
            "\" width=\"12\" height=\"6\" rx=\"1.5\""
        ),
        _ => put!(s, "<circle cx=\"", D1(x), "\" cy=\"", D1(y), "\" r=\"3.5\""),
    }
}

/// A mark as a closed element: filled, or hollow for doubtful events.
pub fn mark(kind: &str, hollow: bool, x: f64, y: f64) -> String {
    let mut s = String::with_capacity(192);
    push_mark(&mut s, kind, hollow, x, y);
    s
}

/// [`mark`], appended to `s`.
fn push_mark(s: &mut String, kind: &str, hollow: bool, x: f64, y: f64) {
    let c = colour(kind);
    let (class, fill) = if hollow {
        ("tl-mark tl-hollow", "#ffffff")
    } else {
        ("tl-mark", c)
    };
    shape(s, kind, x, y);
    put!(
        s,
        " class=\"",
        class,
        " tl-k-",
        kind,
        "\" fill=\"",
        fill,
        "\" stroke=\"",
        c,
        "\" stroke-width=\"1.5\"/>"
    );
}

/// One event as the drawing needs it; texts are already in the page's language.
#[derive(Debug, Clone)]
pub struct Entry {
    pub href: String,
    /// The ids of all events a shared row stands for (empty for a single event), so
    /// that the filter script can dim the row only when none of them is shown.
    pub shared: Vec<String>,
    pub kind: String,
    pub hollow: bool,
    /// Known only to the month or year.
    pub approximate: bool,
    pub date_label: String,
    pub title: String,
    pub tooltip: String,
}

/// Texts around the events.
pub struct Texts<'a> {
    pub id: &'a str,
    pub title: String,
    pub described_by: &'a str,
    pub month: &'a dyn Fn(i32, u32) -> String,
    pub gap: &'a dyn Fn(i64) -> String,
}

/// The whole `<svg>` element.
pub fn svg(entries: &[Entry], l: &Layout, texts: &Texts<'_>) -> String {
    // About 800 bytes an event with its share of the axis: one allocation for most.
    let mut s = String::with_capacity(4096 + 800 * entries.len());
    let h = Plain(l.height.ceil());
    let id = texts.id;
    put!(
        &mut s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline-svg\" viewBox=\"0 0 ",
        Plain(WIDTH),
        " ",
        h,
        "\" width=\"",
        Plain(WIDTH),
        "\" height=\"",
        h,
        "\" role=\"group\" aria-labelledby=\"",
        id,
        "-title\" aria-describedby=\"",
        texts.described_by,
        "\" font-size=\"",
        Plain(FONT),
        "\">\n<title id=\"",
        id,
        "-title\">",
        Esc(&texts.title),
        "</title>\n"
    );
    axis(&mut s, l, texts);
    s.push_str("<g class=\"tl-events\">\n");
    for (e, p) in entries.iter().zip(&l.placed) {
        event(&mut s, e, p);
    }
    s.push_str("</g>\n</svg>");
    s
}

/// One event: a link holding its tooltip, leader line, bar (for a span), mark and label.
fn event(s: &mut String, e: &Entry, p: &Placed) {
    put!(s, "<a href=\"", Esc(&e.href), "\" class=\"tl-event\"");
    if let Some((first, rest)) = e.shared.split_first() {
        put!(s, " data-events=\"", Esc(first));
        for id in rest {
            put!(s, " ", Esc(id));
        }
        s.push('"');
    }
    put!(
        s,
        "><title>",
        Esc(&e.tooltip),
        "</title><path class=\"tl-leader\" d=\"M",
        D1(AXIS_X + 7.0),
        " ",
        D1(p.mark),
        "H",
        D1(AXIS_X + 11.0),
        "L",
        D1(LABEL_X - 4.0),
        " ",
        D1(p.label),
        "\" fill=\"none\" stroke=\"#8a8f92\"/>"
    );
    if let Some((top, bottom)) = p.bar {
        let c = colour(&e.kind);
        let dash = if e.approximate {
            " stroke-dasharray=\"2 2\""
        } else {
            ""
        };
        put!(
            s,
            "<rect class=\"tl-bar tl-k-",
            &e.kind,
            "\" x=\"",
            D1(AXIS_X - 3.0),
            "\" y=\"",
            D1(top),
            "\" width=\"6\" height=\"",
            D1((bottom - top).max(3.0)),
            "\" rx=\"3\" fill=\"",
            c,
            "\" fill-opacity=\"0.35\" stroke=\"",
            c,
            "\"",
            dash,
            "/>"
        );
    }
    push_mark(s, &e.kind, e.hollow, AXIS_X, p.mark);
    let room = WIDTH - LABEL_X - 4.0 - text_width(&e.date_label, FONT) - 0.3 * FONT;
    put!(
        s,
        "<text class=\"tl-label\" x=\"",
        Plain(LABEL_X),
        "\" y=\"",
        D1(p.label + FONT * 0.35),
        "\" fill=\"currentColor\"><tspan class=\"tl-date\" font-weight=\"700\">",
        Esc(&e.date_label),
        "</tspan> ",
        Esc(&truncate(&e.title, room, FONT)),
        "</text></a>\n"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every part of the markup: a shared row (ids listed), characters to escape, a
    /// range bar, an approximate bar with a hollow mark, a compressed gap and ticks.
    fn drawing() -> String {
        use super::super::layout::{Item, layout};
        use super::super::scale::{Span, day_of};
        let day = |y, m, d| day_of(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default());
        let span = |start, end| Span { start, end };
        let items = [
            Item {
                span: span(day(2024, 1, 3), day(2024, 1, 3)),
                approximate: false,
            },
            Item {
                span: span(day(2024, 1, 5), day(2024, 1, 9)),
                approximate: false,
            },
            Item {
                span: span(day(2025, 3, 1), day(2025, 3, 31)),
                approximate: true,
            },
        ];
        let Some(l) = layout(&items) else {
            return String::new();
        };
        let entry = |kind: &str, shared: &[&str], hollow, approximate, title: &str| Entry {
            href: "../timeline.html#e-1&x=\"2\"".to_string(),
            shared: shared.iter().map(|s| s.to_string()).collect(),
            kind: kind.to_string(),
            hollow,
            approximate,
            date_label: "3.1.".to_string(),
            title: title.to_string(),
            tooltip: "3. Januar 2024: <Gespräche> & \"mehr\"".to_string(),
        };
        let entries = [
            entry(
                "talks",
                &["e-1", "e-2&3", "e-\"4\""],
                false,
                false,
                "Gespräche in Genf & <Paris>",
            ),
            entry(
                "ceasefire",
                &[],
                false,
                false,
                "Eine Waffenruhe mit einem sehr langen Titel, der nicht in die Zeile passt und gekürzt wird",
            ),
            entry("sanctions", &[], true, true, "Sanktionen"),
        ];
        let month = |y: i32, m: u32| format!("{m}/{y} <>");
        let gap = |days: i64| format!("… {days} Tage & mehr …");
        let texts = Texts {
            id: "tl",
            title: "Zeitleiste: \"3\" Ereignisse <&>".to_string(),
            described_by: "timeline-list",
            month: &month,
            gap: &gap,
        };
        svg(&entries, &l, &texts)
    }

    /// The markup as the `write!`-based drawing wrote it, byte for byte (made by that
    /// code from `drawing()`'s input before it was rewritten with `put!`).
    #[test]
    fn the_markup_is_what_it_was() {
        assert_eq!(drawing(), include_str!("testdata/drawing.svg"));
    }

    #[test]
    fn every_kind_has_its_own_shape() {
        let shape = |kind: &str| {
            let mut s = String::new();
            shape(&mut s, kind, 0.0, 0.0);
            s
        };
        let mut shapes: Vec<String> = KINDS.iter().map(|k| shape(k)).collect();
        shapes.push(shape("sanctions"));
        let count = shapes.len();
        shapes.sort();
        shapes.dedup();
        assert_eq!(shapes.len(), count);
    }
}
