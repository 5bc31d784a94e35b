//! Appending SVG markup to a string piece by piece: text, escaped text and numbers
//! written as `format!` would write them, without the formatting machinery. A drawing
//! has thousands of elements and numbers; `write!` cost several hundred instructions
//! for each of them.

use std::fmt::Write;

/// Appends each piece to the string, in order: `put!(s, "<g x=\"", D1(x), "\">")`.
macro_rules! put {
    ($s:expr, $($piece:expr),+ $(,)?) => {{
        let s: &mut String = $s;
        $( $crate::render::svg_timeline::markup::Piece::put($piece, s); )+
    }};
}
pub(crate) use put;

/// Something [`put!`] can append.
pub trait Piece {
    fn put(self, s: &mut String);
}

impl Piece for &str {
    fn put(self, s: &mut String) {
        s.push_str(self);
    }
}

impl Piece for &String {
    fn put(self, s: &mut String) {
        s.push_str(self);
    }
}

/// A whole number, as `{}` writes it.
impl Piece for usize {
    fn put(self, s: &mut String) {
        let mut buf = Digits::new();
        buf.number(self as u64);
        s.push_str(buf.text());
    }
}

/// A coordinate, as `{:.1}` writes it.
#[derive(Clone, Copy)]
pub struct D1(pub f64);

impl Piece for D1 {
    fn put(self, s: &mut String) {
        match tenths(self.0) {
            Some(n) => {
                let mut buf = Digits::new();
                buf.push(b'0' + (n % 10) as u8);
                buf.push(b'.');
                buf.number(n / 10);
                s.push_str(buf.text());
            }
            None => {
                let _ = write!(s, "{:.1}", self.0);
            }
        }
    }
}

/// A number as `{}` writes it (the shortest text that reads back as the same number),
/// for the drawing's constants and sizes: whole numbers and tenths written directly.
#[derive(Clone, Copy)]
pub struct Plain(pub f64);

impl Piece for Plain {
    fn put(self, s: &mut String) {
        let x = self.0;
        let n = (x * 10.0).round();
        // `n / 10` reads back as `x`, and a number with fewer digits would have to be a
        // whole number, which `n % 10 == 0` writes as one.
        if positive(x) && n / 10.0 == x {
            let n = n as u64;
            let mut buf = Digits::new();
            if n % 10 != 0 {
                buf.push(b'0' + (n % 10) as u8);
                buf.push(b'.');
            }
            buf.number(n / 10);
            s.push_str(buf.text());
        } else {
            let _ = write!(s, "{x}");
        }
    }
}

/// Text escaped for SVG/HTML content and attribute values.
#[derive(Clone, Copy)]
pub struct Esc<'a>(pub &'a str);

impl Piece for Esc<'_> {
    fn put(self, s: &mut String) {
        crate::markdown::push_escaped_text(s, self.0);
    }
}

/// Zero or more and below 10^12, where tenths are exact in an `f64`; not -0, which
/// the formatter writes with its sign.
fn positive(x: f64) -> bool {
    x.is_sign_positive() && x < 1e12
}

/// A number's text, written from its last character to its first.
struct Digits {
    buf: [u8; 24],
    start: usize,
}

impl Digits {
    fn new() -> Self {
        Digits {
            buf: [0; 24],
            start: 24,
        }
    }

    /// Puts an ASCII character in front of what is there.
    fn push(&mut self, c: u8) {
        debug_assert!(c.is_ascii());
        self.start -= 1;
        self.buf[self.start] = c;
    }

    /// Puts `n`'s decimal digits in front of what is there.
    fn number(&mut self, mut n: u64) {
        loop {
            self.push(b'0' + (n % 10) as u8);
            n /= 10;
            if n == 0 {
                break;
            }
        }
    }

    fn text(&self) -> &str {
        let text = &self.buf[self.start..];
        // SAFETY: `push` is given only ASCII (digits and the point), and ASCII is UTF-8.
        // The checked conversion cost a third of the instructions of writing a number.
        unsafe { std::str::from_utf8_unchecked(text) }
    }
}

/// `x` in tenths, rounded as `{:.1}` rounds (to nearest, exact ties to even), when
/// that is certain from `x * 10` alone; `None` for the rare case it is not.
fn tenths(x: f64) -> Option<u64> {
    if !positive(x) {
        return None;
    }
    let y = x * 10.0;
    // Below 10^13 the conversions are exact (and need no library call, as `round` does).
    let whole = y as u64;
    let fraction = y - whole as f64;
    // `y` is within a millionth of the exact ten times `x`: unless that is close to
    // a half, both round to the same whole number.
    if fraction < 0.49 {
        return Some(whole);
    }
    if fraction > 0.51 {
        return Some(whole + 1);
    }
    // An exact tie (no rounding in `x * 10`, a fraction of exactly one half).
    if fraction == 0.5 && x.mul_add(10.0, -y) == 0.0 {
        return Some(whole + whole % 2);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(piece: impl Piece) -> String {
        let mut s = String::new();
        piece.put(&mut s);
        s
    }

    /// Numbers the layout makes (quarter steps, ties, thirds), pseudo-random ones and
    /// negatives, which take the formatter's way.
    fn values() -> Vec<f64> {
        let mut x = 0.0_f64;
        let mut values = vec![0.25, 0.75, 12.25, 0.05, 0.15, 2.35, 99.95, 7.65, 1.0 / 3.0];
        values.extend([
            0.0,
            -0.0,
            0.1,
            10.5,
            360.0,
            1e11 + 0.5,
            1e12,
            1e20,
            f64::NAN,
        ]);
        for i in 0..20_000 {
            x = (x * 1.37 + 0.123).rem_euclid(1500.0);
            values.extend([x, f64::from(i) * 0.25, f64::from(i) * 0.05, -x]);
        }
        values
    }

    #[test]
    fn coordinates_are_written_as_the_float_formatter_writes_them() {
        for v in values() {
            assert_eq!(text(D1(v)), format!("{v:.1}"), "{v}");
        }
    }

    #[test]
    fn plain_numbers_are_written_as_the_float_formatter_writes_them() {
        for v in values() {
            assert_eq!(text(Plain(v)), format!("{v}"), "{v}");
        }
    }

    #[test]
    fn whole_numbers_and_text_are_written_as_they_are() {
        for n in [0, 7, 10, 1234567, usize::MAX] {
            assert_eq!(text(n), n.to_string());
        }
        let mut s = String::from("<a>");
        put!(&mut s, "x=\"", D1(1.25), "\" n=", 12usize, Esc(" & "));
        assert_eq!(s, "<a>x=\"1.2\" n=12 &amp; ");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(text(Esc("a < b & \"c\"")), "a &lt; b &amp; &quot;c&quot;");
        assert_eq!(text(Esc("<>&\"")), "&lt;&gt;&amp;&quot;");
        assert_eq!(
            text(Esc("Gespräche „ohne“ Zeichen")),
            "Gespräche „ohne“ Zeichen"
        );
        assert_eq!(text(Esc("")), "");
    }
}
