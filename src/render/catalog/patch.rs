//! Patching the catalogs in place for `serve`'s quick path after one briefing's front
//! matter changed without moving it in any list: its card is built again; every
//! other value stays shared.

use tera::Tera;

use super::{Catalog, Catalogs, FragmentPage, value, with_html};
use crate::i18n::Lang;
use crate::site::Site;

use super::super::view::Views;

impl Catalogs {
    /// Builds the card of briefing `b` again in every language, from `site` as it is
    /// now; whether it changed.
    pub fn refresh_card(
        &mut self,
        site: &Site,
        tera: &Tera,
        b: usize,
    ) -> Result<bool, tera::Error> {
        let mut changed = self.site.refresh_card(site, self.site_lang, tera, b)?;
        for (lang, catalog) in &mut self.others {
            changed |= catalog.refresh_card(site, *lang, tera, b)?;
        }
        Ok(changed)
    }
}

impl Catalog {
    fn refresh_card(
        &mut self,
        site: &Site,
        lang: Lang,
        tera: &Tera,
        b: usize,
    ) -> Result<bool, tera::Error> {
        let card = value(&Views::new(site, lang).briefing_card(&site.briefings[b]));
        let mut changed = false;
        for (depth, slot) in self.cards.iter_mut().enumerate() {
            // At depth 0 only the home page's briefings have a card.
            let Some(old) = slot.get_mut(b) else {
                continue;
            };
            let page = value(&FragmentPage {
                root: "../".repeat(depth),
                lang,
            });
            let new = with_html(&card, tera, &page, &self.strings)?;
            changed |= *old != new;
            *old = new;
        }
        Ok(changed)
    }
}
