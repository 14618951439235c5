//! Every address a build publishes, for checking links: what the page
//! inventory (`site::inventory`) plans, seen through `Published`, plus which
//! content item each page shows (so a `#heading` on it can be checked).
//!
//! Pure; looks an output path up as a web server would serve it, or finds
//! the nearest existing one for a hint.

use crate::model::routes::Routes;
use crate::model::site::{Section, Site};
use crate::nearest;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The files a build writes, as the page inventory plans them.
pub trait Published: Sync {
    /// Whether the build writes `file` (`en/events/x/index.html`, `img/a.png`).
    fn publishes(&self, file: &str) -> bool;
    /// Every planned file, for hints.
    fn each_file(&self) -> Box<dyn Iterator<Item = &str> + '_>;
}

/// A list of files (tests, and tools that have no inventory).
impl Published for std::collections::BTreeSet<String> {
    fn publishes(&self, file: &str) -> bool {
        self.contains(file)
    }
    fn each_file(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        Box::new(self.iter().map(String::as_str))
    }
}

/// The content item a page shows: its heading ids are known.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Item {
    pub section: Section,
    pub slug: String,
    pub lang: String,
}

/// What a link path leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found<'a> {
    /// A page: a content item's, or a generated one (`None`).
    Page(Option<&'a Item>),
    File,
}

/// The published addresses, as paths under the output root: pages as
/// folders (`""`, `en/events/x/`), files as files (`img/map.png`).
pub struct LinkTargets<'a> {
    published: &'a dyn Published,
    site: &'a Site,
    routes: &'a Routes,
    languages: Vec<String>,
    /// Which content item each page shows, made on first use.
    items: OnceLock<Items>,
}

/// Page folder → the content item it shows; and the folders of content
/// files that failed to load (their own errors are reported, so a link to
/// them is not a second one).
#[derive(Default)]
struct Items {
    shown: HashMap<String, Item>,
    unloaded: HashSet<String>,
}

impl<'a> LinkTargets<'a> {
    pub fn new(
        published: &'a dyn Published,
        site: &'a Site,
        routes: &'a Routes,
        languages: Vec<String>,
    ) -> Self {
        Self {
            published,
            site,
            routes,
            languages,
            items: OnceLock::new(),
        }
    }

    fn items(&self) -> &Items {
        self.items.get_or_init(|| {
            let mut items = Items::default();
            for lang in &self.languages {
                let item = |section, slug: &str| Item {
                    section,
                    slug: slug.to_string(),
                    lang: lang.clone(),
                };
                for event in &self.site.events {
                    let path = self.routes.event(lang, &event.slug);
                    items.shown.insert(path, item(Section::Events, &event.slug));
                }
                for page in self.site.pages.iter().chain(&self.site.docs) {
                    let path = match page.section {
                        Section::Docs => self.routes.docs(lang, &page.slug),
                        _ => self.routes.page(lang, &page.slug),
                    };
                    items.shown.insert(path, item(page.section, &page.slug));
                }
                for (section, slug) in &self.site.unloaded {
                    items.unloaded.insert(match section {
                        Section::Events => self.routes.event(lang, slug),
                        Section::Docs => self.routes.docs(lang, slug),
                        Section::Pages => self.routes.page(lang, slug),
                    });
                }
            }
            items
        })
    }

    /// What `path` (under the output root, already normalised) leads to.
    /// A folder may be written without its `/` or with `index.html`, as
    /// web servers and GitHub Pages serve it either way.
    pub fn find(&self, path: &str) -> Option<Found<'_>> {
        let folder = if path.is_empty() || path.ends_with('/') {
            path.to_string()
        } else if let Some(folder) = path
            .strip_suffix("index.html")
            .filter(|f| f.is_empty() || f.ends_with('/'))
        {
            folder.to_string()
        } else if self.published.publishes(path) {
            return Some(Found::File);
        } else {
            format!("{path}/")
        };
        if self.published.publishes(&format!("{folder}index.html")) {
            Some(Found::Page(self.items().shown.get(&folder)))
        } else {
            self.items()
                .unloaded
                .contains(&folder)
                .then_some(Found::Page(None))
        }
    }

    /// The existing address closest to the missing `path`: for a file, the
    /// file of the same or the nearest name; for a page, the nearest page
    /// in the same folder, else the nearest page anywhere.
    pub fn nearest(&self, path: &str) -> Option<String> {
        let (folder, name) = split_last(path);
        if name.contains('.') {
            let files = self
                .published
                .each_file()
                .filter(|f| !f.ends_with("index.html"))
                .map(|f| (f, split_last(f).1));
            if let Some(best) = closest(name, files) {
                return Some(best.to_string());
            }
        }
        let pages: Vec<&str> = self
            .published
            .each_file()
            .filter_map(|f| f.strip_suffix("index.html"))
            .filter(|f| f.is_empty() || f.ends_with('/'))
            .collect();
        let siblings = pages
            .iter()
            .filter(|p| split_last(p).0 == folder)
            .map(|p| (*p, split_last(p).1));
        if let Some(best) = closest(name, siblings) {
            return Some(best.to_string());
        }
        let everywhere = pages.iter().map(|p| (*p, p.trim_end_matches('/')));
        closest(path.trim_end_matches('/'), everywhere).map(str::to_string)
    }
}

/// `en/events/x/` → (`en/events/`, `x`); `img/a.png` → (`img/`, `a.png`).
fn split_last(path: &str) -> (&str, &str) {
    let trimmed = path.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(i) => (&trimmed[..=i], &trimmed[i + 1..]),
        None => ("", trimmed),
    }
}

/// Of `(path, key)` candidates, the path whose key is nearest to `word`;
/// ties go to the smaller path, so the hint does not depend on order. None
/// when even the nearest shares too little with `word` to help.
pub fn closest<'a>(
    word: &str,
    candidates: impl Iterator<Item = (&'a str, &'a str)>,
) -> Option<&'a str> {
    let length = word.chars().count();
    let mut best: Option<(usize, &'a str)> = None;
    for (path, key) in candidates {
        // Distance costs length squared: skip keys whose length alone puts
        // them further than the best so far.
        let gap = key.chars().count().abs_diff(length);
        if best.is_some_and(|(d, _)| gap > d) {
            continue;
        }
        let d = nearest::distance(word, key);
        if best.is_none_or(|(bd, bp)| d < bd || (d == bd && path < bp)) {
            best = Some((d, path));
        }
    }
    let (distance, path) = best?;
    // A hint that shares nothing with what was written only misleads.
    (distance < length.max(1)).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn published() -> BTreeSet<String> {
        [
            "index.html",
            "en/index.html",
            "en/events/2021-declaration/index.html",
            "en/events/2022-treaty/index.html",
            "en/kinds/visit/index.html",
            "img/map.png",
            "en/atom.xml",
            "style.css",
        ]
        .into_iter()
        .map(String::from)
        .collect()
    }

    fn with_targets(check: impl FnOnce(&LinkTargets<'_>)) {
        let files = published();
        let site = Site::default();
        let routes = Routes::new(None, "uz");
        check(&LinkTargets::new(
            &files,
            &site,
            &routes,
            vec!["uz".into(), "en".into()],
        ));
    }

    #[test]
    fn folders_are_found_with_or_without_slash_and_index_html() {
        with_targets(|t| {
            for path in [
                "en/events/2021-declaration/",
                "en/events/2021-declaration",
                "en/events/2021-declaration/index.html",
                "",
                "index.html",
                "en",
            ] {
                assert_eq!(t.find(path), Some(Found::Page(None)), "{path}");
            }
            assert_eq!(t.find("img/map.png"), Some(Found::File));
            assert_eq!(t.find("en/atom.xml"), Some(Found::File));
            assert_eq!(t.find("en/events/2021-declaraton/"), None);
            assert_eq!(t.find("img/map.png/"), None);
            assert_eq!(t.find("en/kinds/visitindex.html"), None);
        });
    }

    #[test]
    fn nearest_prefers_a_slip_in_the_same_folder_and_files_by_name() {
        with_targets(|t| {
            assert_eq!(
                t.nearest("en/events/2021-declaraton/").as_deref(),
                Some("en/events/2021-declaration/")
            );
            assert_eq!(
                t.nearest("en/kinds/visits/").as_deref(),
                Some("en/kinds/visit/")
            );
            assert_eq!(t.nearest("images/map.png").as_deref(), Some("img/map.png"));
            assert_eq!(
                t.nearest("en/events/map.png").as_deref(),
                Some("img/map.png")
            );
            assert_eq!(t.nearest("css/style.css").as_deref(), Some("style.css"));
            assert_eq!(t.nearest("qqqqqqqqqqqq/").as_deref(), None);
        });
    }
}
