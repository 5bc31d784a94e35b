//! Patching the catalogs in place for `serve`'s quick path after one briefing's front
//! matter changed without moving it in any list: its card, its quotes and the events
//! that show its title are built again; every other value stays shared.

use tera::Tera;

use super::{Catalog, Catalogs, FragmentPage, value, with_html};
use crate::i18n::Lang;
use crate::site::{QuoteRef, Site};

use super::super::view::Views;

/// What a refresh changed, in any language.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changed {
    pub card: bool,
    pub quotes: bool,
    /// The events whose values changed.
    pub events: Vec<usize>,
}

impl Catalogs {
    /// Builds again, in every language, the card and quotes of briefing `b` and the
    /// values of `events` (indices into `site.events`), from `site` as it is now.
    pub fn refresh(
        &mut self,
        site: &Site,
        tera: &Tera,
        b: usize,
        events: &[usize],
    ) -> Result<Changed, tera::Error> {
        let mut changed = Changed::default();
        self.site
            .refresh(site, self.site_lang, tera, b, events, &mut changed)?;
        for (lang, catalog) in &mut self.others {
            catalog.refresh(site, *lang, tera, b, events, &mut changed)?;
        }
        changed.events.sort_unstable();
        changed.events.dedup();
        Ok(changed)
    }
}

impl Catalog {
    fn refresh(
        &mut self,
        site: &Site,
        lang: Lang,
        tera: &Tera,
        b: usize,
        events: &[usize],
        changed: &mut Changed,
    ) -> Result<(), tera::Error> {
        let views = Views::new(site, lang);
        let card = value(&views.briefing_card(&site.briefings[b]));
        for (depth, slot) in self.cards.iter_mut().enumerate() {
            let page = value(&FragmentPage {
                root: "../".repeat(depth),
                lang,
            });
            let new = with_html(&card, tera, &page, &self.strings)?;
            changed.card |= slot[b] != new;
            slot[b] = new;
        }
        let quotes: Vec<_> = (0..site.briefings[b].quotes.len())
            .map(|quote| value(&views.quote(QuoteRef { briefing: b, quote })))
            .collect();
        changed.quotes |= self.quotes[b] != quotes;
        self.quotes[b] = quotes;
        for &e in events {
            let new = value(&views.event(e));
            if self.events[e] != new {
                changed.events.push(e);
            }
            self.events[e] = new;
        }
        Ok(())
    }
}
