//! How wide a label is drawn, and cutting a title to the room beside its date.

use std::borrow::Cow;

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
pub fn truncate(text: &str, room: f64, font: f64) -> Cow<'_, str> {
    if text_width(text, font) <= room {
        return Cow::Borrowed(text);
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
    Cow::Owned(format!(
        "{}…",
        out.trim_end_matches([' ', ',', ';', ':', '–', '-'])
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::svg_timeline::layout::geometry::FONT;

    #[test]
    fn long_titles_are_cut_at_a_word_with_an_ellipsis() {
        let title = "Gespräche in Paris: USA, Europäer und Ukraine beraten über eine Waffenruhe";
        let cut = truncate(title, 200.0, FONT);
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, FONT) <= 200.0);
        assert!(title.starts_with(cut.trim_end_matches('…')));
        assert_eq!(truncate("Kurz", 200.0, FONT), "Kurz");
    }
}
