//! Seed documents: the raw sources in `seeds/`, each shown verbatim on its own page.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::error::Diagnostic;
use crate::input::SiteBounds;
use crate::slug::slugify;

/// A raw document in `seeds/`, shown verbatim on its own page.
#[derive(Debug, Clone)]
pub struct Seed {
    /// The file name, as sources name it.
    pub name: String,
    pub slug: String,
    pub path: PathBuf,
}

/// The documents in `seeds/`, sorted by name; problems (size, clashing page names) are added.
pub(super) fn load(config: &Config, problems: &mut Vec<Diagnostic>) -> Vec<Seed> {
    let (files, found) = SiteBounds::new(&config.root).files(&config.seeds_dir(), 1);
    problems.extend(found);
    let mut seeds: Vec<Seed> = files
        .into_iter()
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_string();
            if name.starts_with('.') {
                return None;
            }
            let stem = Path::new(&name).file_stem()?.to_str()?.to_string();
            Some(Seed {
                slug: slugify(&stem),
                name,
                path,
            })
        })
        .collect();
    for seed in &seeds {
        if let Err(d) = crate::input::check_size(&seed.path) {
            problems.push(d);
        }
        if seed.slug.is_empty() {
            problems.push(
                Diagnostic::new(&seed.path, "this seed's name gives no page name")
                    .hint("rename it with letters or digits, e.g. `artikel-1.txt`"),
            );
        }
    }
    seeds.sort_by(|a, b| a.name.cmp(&b.name));
    for pair in seeds.windows(2) {
        if pair[0].slug == pair[1].slug {
            problems.push(
                Diagnostic::new(
                    &pair[1].path,
                    format!(
                        "seeds `{}` and `{}` would get the same page",
                        pair[0].name, pair[1].name
                    ),
                )
                .hint("rename one of them"),
            );
        }
    }
    seeds
}
