//! The page header (skip link, site title, navigation, search form) is the same on
//! every page of one language, folder depth and navigation section, so it is rendered
//! once per such combination by `partials/site_header.html` (the site's own version
//! when it has one) and handed to `base.html` as the ready-made `site_header`.

use std::collections::BTreeMap;

use tera::{Context, Tera, Value};

use super::catalog::Catalogs;
use crate::i18n::Lang;

pub const TEMPLATE: &str = "partials/site_header.html";

/// What a header depends on: the page's language, folder depth and section.
pub type Key = (Lang, usize, &'static str);

/// The rendered header of every combination the site's pages need.
pub struct Headers(BTreeMap<Key, Value>);

impl Headers {
    /// Renders the header for each of `wanted`. The partial sees `page.root`,
    /// `page.lang`, `page.section`, `site` and `t`.
    pub fn build(
        tera: &Tera,
        site_meta: &Value,
        catalogs: &Catalogs,
        wanted: impl IntoIterator<Item = Key>,
    ) -> Result<Headers, tera::Error> {
        let mut headers = BTreeMap::new();
        for key in wanted {
            if let std::collections::btree_map::Entry::Vacant(slot) = headers.entry(key) {
                slot.insert(render(tera, site_meta, catalogs, key)?);
            }
        }
        Ok(Headers(headers))
    }

    /// The header for `key` (built for every page handed to `build`).
    pub fn get(&self, key: &Key) -> Value {
        self.0.get(key).cloned().unwrap_or_else(|| Value::from(()))
    }
}

fn render(
    tera: &Tera,
    site_meta: &Value,
    catalogs: &Catalogs,
    (lang, depth, section): Key,
) -> Result<Value, tera::Error> {
    let mut page: BTreeMap<&'static str, Value> = BTreeMap::new();
    page.insert("root", Value::from("../".repeat(depth)));
    page.insert("lang", Value::from(lang.code()));
    page.insert("section", Value::from(section));
    let mut context = Context::new();
    context.insert_value("page", Value::from(page));
    context.insert_value("site", site_meta.clone());
    context.insert_value("t", catalogs.get(lang).strings.clone());
    let html = tera.render(TEMPLATE, &context)?;
    Ok(Value::safe_string(&html))
}
