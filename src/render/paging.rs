//! Splitting long lists over several pages: page 1 keeps the list's own address,
//! page n is `<name>.<n>.html` beside it (slugs never contain a dot, so no clash).

use serde::Serialize;

/// How many parts a list of `len` items needs at `per_page` a page (at least one).
pub fn parts(len: usize, per_page: usize) -> usize {
    len.div_ceil(per_page.max(1)).max(1)
}

/// The items of part `part` (1-based).
pub fn slice<T>(items: &[T], per_page: usize, part: usize) -> &[T] {
    let per_page = per_page.max(1);
    let start = (part.saturating_sub(1) * per_page).min(items.len());
    let end = (start + per_page).min(items.len());
    &items[start..end]
}

/// Site-relative path of part `part` of the list at `base` ("topics/x.html").
pub fn path(base: &str, part: usize) -> String {
    if part <= 1 {
        return base.to_string();
    }
    match base.strip_suffix(".html") {
        Some(stem) => format!("{stem}.{part}.html"),
        None => format!("{base}.{part}"),
    }
}

/// Parts linked on either side of the current one, besides the first and the last.
const PAGER_WINDOW: usize = 3;

/// Links between the parts of a list, relative to the current part (same folder): the
/// first, the last and a few around the current part. Linking every part from every
/// part would make a 2,000-part list (100,000 briefings) cost millions of links.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Pager {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PagerLink>,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct PagerLink {
    pub n: usize,
    pub url: String,
    pub current: bool,
    /// Parts between this one and the one linked before it are left out.
    pub gap_before: bool,
}

impl Pager {
    pub fn new(base: &str, current: usize, total: usize) -> Pager {
        let file = |n: usize| {
            let p = path(base, n);
            p.rsplit('/').next().unwrap_or(&p).to_string()
        };
        Pager {
            current,
            total,
            prev: (current > 1).then(|| file(current - 1)),
            next: (current < total).then(|| file(current + 1)),
            pages: shown_parts(current, total)
                .scan(0, |last, n| {
                    let gap_before = n > *last + 1 && *last > 0;
                    *last = n;
                    Some(PagerLink {
                        n,
                        url: file(n),
                        current: n == current,
                        gap_before,
                    })
                })
                .collect(),
        }
    }
}

/// The parts a pager links: 1, the window around `current`, and `total`, in order.
fn shown_parts(current: usize, total: usize) -> impl Iterator<Item = usize> {
    let from = current.saturating_sub(PAGER_WINDOW).max(2);
    let to = (current + PAGER_WINDOW).min(total.saturating_sub(1));
    std::iter::once(1)
        .chain(from..=to)
        .chain((total > 1).then_some(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_into_parts_and_names_them_beside_the_first() {
        assert_eq!(parts(0, 50), 1);
        assert_eq!(parts(101, 50), 3);
        let items: Vec<usize> = (0..101).collect();
        assert_eq!(slice(&items, 50, 3), &[100]);
        assert_eq!(slice(&items, 50, 4), &[] as &[usize]);
        assert_eq!(path("topics/krim.html", 1), "topics/krim.html");
        assert_eq!(path("topics/krim.html", 2), "topics/krim.2.html");
    }

    #[test]
    fn pager_links_are_file_names_in_the_same_folder() {
        let p = Pager::new("actors/putin.html", 2, 3);
        assert_eq!(p.prev.as_deref(), Some("putin.html"));
        assert_eq!(p.next.as_deref(), Some("putin.3.html"));
        assert!(p.pages[1].current);
    }

    #[test]
    fn a_long_pager_links_the_ends_and_the_parts_near_the_current_one() {
        let numbers = |p: &Pager| -> Vec<(usize, bool)> {
            p.pages.iter().map(|l| (l.n, l.gap_before)).collect()
        };
        let middle = Pager::new("briefings/index.html", 500, 2000);
        assert_eq!(
            numbers(&middle),
            [
                (1, false),
                (497, true),
                (498, false),
                (499, false),
                (500, false),
                (501, false),
                (502, false),
                (503, false),
                (2000, true)
            ]
        );
        assert_eq!(middle.pages[4].url, "index.500.html");
        let first = Pager::new("briefings/index.html", 1, 2000);
        assert_eq!(
            numbers(&first),
            [(1, false), (2, false), (3, false), (4, false), (2000, true)]
        );
        let short: Vec<usize> = Pager::new("x.html", 2, 3)
            .pages
            .iter()
            .map(|l| l.n)
            .collect();
        assert_eq!(short, [1, 2, 3]);
        assert_eq!(Pager::new("x.html", 1, 1).pages.len(), 1);
    }
}
