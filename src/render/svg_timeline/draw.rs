//! Writing the laid-out timeline as SVG markup: axis, compressed gaps, month ticks,
//! and one link per event holding its mark, leader line and label.

use std::fmt::{self, Write};

use super::layout::{Layout, geometry::*};

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

/// The shape of a kind's mark centred on (x, y), so kinds differ by more than colour.
pub fn shape(kind: &str, x: f64, y: f64) -> String {
    let r = 5.0;
    let points = |pts: &[(f64, f64)]| {
        let mut polygon = String::from("<polygon points=\"");
        for (n, (dx, dy)) in pts.iter().enumerate() {
            let gap = if n == 0 { "" } else { " " };
            let _ = write!(polygon, "{gap}{},{}", D1(x + dx), D1(y + dy));
        }
        polygon.push('"');
        polygon
    };
    match kind {
        "talks" => format!("<circle cx=\"{}\" cy=\"{}\" r=\"{r}\"", D1(x), D1(y)),
        "call" => format!(
            "<rect x=\"{}\" y=\"{}\" width=\"9\" height=\"9\"",
            D1(x - 4.5),
            D1(y - 4.5)
        ),
        "statement" => points(&[(0.0, -6.0), (6.0, 0.0), (0.0, 6.0), (-6.0, 0.0)]),
        "proposal" => points(&[(0.0, -6.0), (5.5, 4.5), (-5.5, 4.5)]),
        "attack" => points(&[(-5.5, -4.5), (5.5, -4.5), (0.0, 6.0)]),
        "ceasefire" => points(&[
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
        ]),
        "decision" => points(&[
            (-2.9, -5.0),
            (2.9, -5.0),
            (5.8, 0.0),
            (2.9, 5.0),
            (-2.9, 5.0),
            (-5.8, 0.0),
        ]),
        "report" => format!(
            "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"6\" rx=\"1.5\"",
            D1(x - 6.0),
            D1(y - 3.0)
        ),
        _ => format!("<circle cx=\"{}\" cy=\"{}\" r=\"3.5\"", D1(x), D1(y)),
    }
}

/// A mark as a closed element: filled, or hollow for doubtful events.
pub fn mark(kind: &str, hollow: bool, x: f64, y: f64) -> String {
    let c = colour(kind);
    let (class, fill) = if hollow {
        ("tl-mark tl-hollow", "#ffffff")
    } else {
        ("tl-mark", c)
    };
    format!(
        "{} class=\"{class} tl-k-{kind}\" fill=\"{fill}\" stroke=\"{c}\" stroke-width=\"1.5\"/>",
        shape(kind, x, y)
    )
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
    let mut s = String::new();
    let h = l.height.ceil();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline-svg\" viewBox=\"0 0 {WIDTH} {h}\" \
         width=\"{WIDTH}\" height=\"{h}\" role=\"group\" aria-labelledby=\"{id}-title\" \
         aria-describedby=\"{d}\" font-size=\"{FONT}\">\n<title id=\"{id}-title\">{t}</title>\n",
        id = texts.id,
        d = texts.described_by,
        t = escape(&texts.title),
    );
    axis(&mut s, l, texts);
    s.push_str("<g class=\"tl-events\">\n");
    for (e, p) in entries.iter().zip(&l.placed) {
        let shared = if e.shared.is_empty() {
            String::new()
        } else {
            format!(" data-events=\"{}\"", escape(&e.shared.join(" ")))
        };
        let _ = write!(
            s,
            "<a href=\"{}\" class=\"tl-event\"{shared}><title>{}</title>",
            escape(&e.href),
            escape(&e.tooltip)
        );
        let leader_end = LABEL_X - 4.0;
        let _ = write!(
            s,
            "<path class=\"tl-leader\" d=\"M{} {}H{}L{} {}\" fill=\"none\" stroke=\"#8a8f92\"/>",
            D1(AXIS_X + 7.0),
            D1(p.mark),
            D1(AXIS_X + 11.0),
            D1(leader_end),
            D1(p.label)
        );
        if let Some((top, bottom)) = p.bar {
            let _ = write!(
                s,
                "<rect class=\"tl-bar tl-k-{k}\" x=\"{}\" y=\"{}\" width=\"6\" height=\"{}\" rx=\"3\" fill=\"{c}\" fill-opacity=\"0.35\" stroke=\"{c}\"{dash}/>",
                D1(AXIS_X - 3.0),
                D1(top),
                D1((bottom - top).max(3.0)),
                k = e.kind,
                c = colour(&e.kind),
                dash = if e.approximate {
                    " stroke-dasharray=\"2 2\""
                } else {
                    ""
                },
            );
        }
        s.push_str(&mark(&e.kind, e.hollow, AXIS_X, p.mark));
        let room = WIDTH - LABEL_X - 4.0 - text_width(&e.date_label, FONT) - 0.3 * FONT;
        let _ = writeln!(
            s,
            "<text class=\"tl-label\" x=\"{LABEL_X}\" y=\"{}\" fill=\"currentColor\"><tspan class=\"tl-date\" font-weight=\"700\">{}</tspan> {}</text></a>",
            D1(p.label + FONT * 0.35),
            escape(&e.date_label),
            escape(&truncate(&e.title, room, FONT))
        );
    }
    s.push_str("</g>\n</svg>");
    s
}

/// Axis segments, compressed gaps with their break mark and label, month ticks.
fn axis(s: &mut String, l: &Layout, texts: &Texts<'_>) {
    s.push_str("<g class=\"tl-axis\" aria-hidden=\"true\" stroke=\"currentColor\">\n");
    for seg in &l.scale.segments {
        let _ = writeln!(
            s,
            "<line x1=\"{AXIS_X}\" y1=\"{}\" x2=\"{AXIS_X}\" y2=\"{}\" stroke-width=\"2\"/>",
            D1(seg.top - 4.0),
            D1(seg.bottom)
        );
    }
    for gap in &l.scale.gaps {
        let mid = (gap.top + gap.bottom) / 2.0;
        let _ = writeln!(
            s,
            "<line class=\"tl-gap-line\" x1=\"{AXIS_X}\" y1=\"{}\" x2=\"{AXIS_X}\" y2=\"{}\" stroke-width=\"2\" stroke-dasharray=\"2 3\"/>\
             <path class=\"tl-break\" d=\"M{} {}l16 -6M{} {}l16 -6\" stroke-width=\"2\"/>\
             <text class=\"tl-gap\" x=\"{}\" y=\"{}\" stroke=\"none\" fill=\"currentColor\" font-style=\"italic\" font-size=\"{TICK_FONT}\">{}</text>",
            D1(gap.top),
            D1(gap.bottom),
            D1(AXIS_X - 8.0),
            D1(mid + 1.0),
            D1(AXIS_X - 8.0),
            D1(mid + 6.0),
            D1(AXIS_X + 16.0),
            D1(mid + 4.0),
            escape(&(texts.gap)(gap.days())),
        );
    }
    for t in &l.ticks {
        let _ = writeln!(
            s,
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{AXIS_X}\" y2=\"{y}\" stroke-width=\"1\"/>\
             <path d=\"M{} {y}L{} {}\" stroke-width=\"0.5\" fill=\"none\"/>\
             <text class=\"tl-tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\" stroke=\"none\" fill=\"currentColor\" font-size=\"{TICK_FONT}\">{}</text>",
            D1(AXIS_X - 6.0),
            D1(AXIS_X - 6.0),
            D1(AXIS_X - 9.0),
            D1(t.label),
            D1(AXIS_X - 11.0),
            D1(t.label + TICK_FONT * 0.35),
            escape(&(texts.month)(t.year, t.month)),
            y = D1(t.y),
        );
    }
    s.push_str("</g>\n");
}

/// A coordinate written as `{:.1}` writes it. The general float formatter costs
/// hundreds of instructions a number (thousands at exact ties, which the layout's
/// quarter steps produce often), and a drawing has thousands of numbers.
#[derive(Clone, Copy)]
pub struct D1(pub f64);

impl fmt::Display for D1 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match tenths(self.0) {
            Some(n) => write!(f, "{}.{}", n / 10, n % 10),
            None => write!(f, "{:.1}", self.0),
        }
    }
}

/// `x` in tenths, rounded as `{:.1}` rounds (to nearest, exact ties to even), when
/// that is certain from `x * 10` alone; `None` for the rare case it is not.
fn tenths(x: f64) -> Option<u64> {
    if !(0.0..1e12).contains(&x) {
        return None;
    }
    let y = x * 10.0;
    let nearest = y.round();
    // `y` is within a millionth of the exact ten times `x`: unless that is close to
    // a half, both round to the same whole number.
    if (y - nearest).abs() < 0.49 {
        return Some(nearest as u64);
    }
    // An exact tie (no rounding in `x * 10`, a fraction of exactly one half).
    if y - y.trunc() == 0.5 && x.mul_add(10.0, -y) == 0.0 {
        let lower = y.trunc() as u64;
        return Some(lower + lower % 2);
    }
    None
}

/// An estimate of how wide `text` is drawn at `font` size, on the generous side for
/// common sans-serif fonts (DejaVu Sans is among the widest).
pub fn text_width(text: &str, font: f64) -> f64 {
    text.chars().map(char_width).sum::<f64>() * font
}

/// Width of `c` in ems, as `text_width` counts it.
fn char_width(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.32,
        ' ' | 'f' | 't' | 'r' | '(' | ')' | '-' => 0.4,
        'm' | 'w' | 'M' | 'W' => 0.9,
        '–' | '…' => 0.8,
        c if c.is_uppercase() => 0.72,
        c if c.is_ascii_digit() => 0.64,
        _ => 0.62,
    }
}

/// `text` cut at a word boundary, with an ellipsis, so that it fits into `room`.
pub fn truncate(text: &str, room: f64, font: f64) -> String {
    if text_width(text, font) <= room {
        return text.to_string();
    }
    let budget = room - text_width("…", font);
    let mut out = String::new();
    // The running sum adds the same widths in the same order as `text_width(&out)`
    // would, so the cut falls where it always did, without measuring `out` anew
    // for every character.
    let mut used = 0.0;
    for c in text.chars() {
        let width = char_width(c);
        if used * font + width * font > budget {
            break;
        }
        used += width;
        out.push(c);
    }
    if let Some(cut) = out.rfind(' ').filter(|&i| i > out.len() / 2) {
        out.truncate(cut);
    }
    format!("{}…", out.trim_end_matches([' ', ',', ';', ':', '–', '-']))
}

/// Escapes text for SVG/HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_are_cut_at_a_word_with_an_ellipsis() {
        let title = "Gespräche in Paris: USA, Europäer und Ukraine beraten über eine Waffenruhe";
        let cut = truncate(title, 200.0, FONT);
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, FONT) <= 200.0);
        assert!(title.starts_with(cut.trim_end_matches('…')));
        assert_eq!(truncate("Kurz", 200.0, FONT), "Kurz");
    }

    #[test]
    fn every_kind_has_its_own_shape() {
        let mut shapes: Vec<String> = KINDS.iter().map(|k| shape(k, 0.0, 0.0)).collect();
        shapes.push(shape("sanctions", 0.0, 0.0));
        let count = shapes.len();
        shapes.sort();
        shapes.dedup();
        assert_eq!(shapes.len(), count);
    }

    #[test]
    fn coordinates_are_written_as_the_float_formatter_writes_them() {
        let mut x = 0.0_f64;
        let mut values = vec![0.25, 0.75, 12.25, 0.05, 0.15, 2.35, 99.95, 7.65, 1.0 / 3.0];
        for i in 0..20_000 {
            x = (x * 1.37 + 0.123).rem_euclid(1500.0);
            values.extend([x, f64::from(i) * 0.25, f64::from(i) * 0.05, -x]);
        }
        for v in values {
            assert_eq!(D1(v).to_string(), format!("{v:.1}"), "{v}");
        }
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
    }
}
