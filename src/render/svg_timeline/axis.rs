//! The time axis of the SVG timeline: its segments, the compressed quiet stretches
//! with their break marks and labels, and the month ticks.

use super::draw::Texts;
use super::layout::{Layout, geometry::*};
use super::markup::{D1, Esc, Plain, put};

/// Axis segments, compressed gaps with their break mark and label, month ticks.
pub fn axis(s: &mut String, l: &Layout, texts: &Texts<'_>) {
    s.push_str("<g class=\"tl-axis\" aria-hidden=\"true\" stroke=\"currentColor\">\n");
    let x = Plain(AXIS_X);
    for seg in &l.scale.segments {
        put!(
            s,
            "<line x1=\"",
            x,
            "\" y1=\"",
            D1(seg.top - 4.0),
            "\" x2=\"",
            x,
            "\" y2=\"",
            D1(seg.bottom),
            "\" stroke-width=\"2\"/>\n"
        );
    }
    for gap in &l.scale.gaps {
        let mid = (gap.top + gap.bottom) / 2.0;
        put!(
            s,
            "<line class=\"tl-gap-line\" x1=\"",
            x,
            "\" y1=\"",
            D1(gap.top),
            "\" x2=\"",
            x,
            "\" y2=\"",
            D1(gap.bottom),
            "\" stroke-width=\"2\" stroke-dasharray=\"2 3\"/><path class=\"tl-break\" d=\"M",
            D1(AXIS_X - 8.0),
            " ",
            D1(mid + 1.0),
            "l16 -6M",
            D1(AXIS_X - 8.0),
            " ",
            D1(mid + 6.0),
            "l16 -6\" stroke-width=\"2\"/><text class=\"tl-gap\" x=\"",
            D1(AXIS_X + 16.0),
            "\" y=\"",
            D1(mid + 4.0),
            "\" stroke=\"none\" fill=\"currentColor\" font-style=\"italic\" font-size=\"",
            Plain(TICK_FONT),
            "\">",
            Esc(&(texts.gap)(gap.days())),
            "</text>\n"
        );
    }
    for t in &l.ticks {
        let y = D1(t.y);
        put!(
            s,
            "<line x1=\"",
            D1(AXIS_X - 6.0),
            "\" y1=\"",
            y,
            "\" x2=\"",
            x,
            "\" y2=\"",
            y,
            "\" stroke-width=\"1\"/><path d=\"M",
            D1(AXIS_X - 6.0),
            " ",
            y,
            "L",
            D1(AXIS_X - 9.0),
            " ",
            D1(t.label),
            "\" stroke-width=\"0.5\" fill=\"none\"/><text class=\"tl-tick\" x=\"",
            D1(AXIS_X - 11.0),
            "\" y=\"",
            D1(t.label + TICK_FONT * 0.35),
            "\" text-anchor=\"end\" stroke=\"none\" fill=\"currentColor\" font-size=\"",
            Plain(TICK_FONT),
            "\">",
            Esc(&(texts.month)(t.year, t.month)),
            "</text>\n"
        );
    }
    s.push_str("</g>\n");
}
