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
    /// What hints search, made on the first one.
    hints: OnceLock<Hints>,
}

/// The published addresses arranged for nearest-target hints.
#[derive(Default)]
struct Hints {
    /// Page folders by their parent (`en/events/` → `en/events/x/`, …).
    pages_by_parent: HashMap<String, Neighbours>,
    /// Every page folder, by its whole path.
    pages: Neighbours,
    /// Every file that is not a page, by its name (`map.png`).
    files: Neighbours,
}

/// Candidates sorted by key, forwards and backwards, so the likely slips
/// of a word are found among its neighbours in either order without
/// comparing it with every candidate (a folder may hold 10,000 events).
#[derive(Default)]
struct Neighbours {
    /// (key, path), sorted.
    forward: Vec<(String, String)>,
    /// (reversed key, path), sorted: slips near the start of a word.
    backward: Vec<(String, String)>,
}

/// Candidates compared on each side of a word's place in either order;
/// smaller sets are compared whole.
const WINDOW: usize = 8;

impl Neighbours {
    fn new(mut pairs: Vec<(String, String)>) -> Self {
        let mut backward: Vec<(String, String)> = pairs
            .iter()
            .map(|(key, path)| (key.chars().rev().collect(), path.clone()))
            .collect();
        pairs.sort();
        backward.sort();
        Self {
            forward: pairs,
            backward,
        }
    }

    fn closest(&self, word: &str) -> Option<&str> {
        if self.forward.len() <= 4 * WINDOW {
            let all = self.forward.iter().map(|(k, p)| (p.as_str(), k.as_str()));
            return closest(word, all);
        }
        let around = |sorted: &'_ [(String, String)], key: &str| {
            let at = sorted.partition_point(|(k, _)| k.as_str() < key);
            let start = at.saturating_sub(WINDOW);
            let end = (at + WINDOW).min(sorted.len());
            start..end
        };
        let reversed: String = word.chars().rev().collect();
        let ahead = &self.forward[around(&self.forward, word)];
        let behind = &self.backward[around(&self.backward, &reversed)];
        // Backward keys are reversed; distance is the same either way round.
        let candidates = ahead
            .iter()
            .map(|(k, p)| (p.as_str(), k.as_str(), word))
            .chain(
                behind
                    .iter()
                    .map(|(k, p)| (p.as_str(), k.as_str(), reversed.as_str())),
            );
        let length = word.chars().count();
        let mut best: Option<(usize, &str)> = None;
        for (path, key, against) in candidates {
            if best.is_some_and(|(d, _)| key.chars().count().abs_diff(length) > d) {
                continue;
            }
            let d = nearest::distance(against, key);
            if best.is_none_or(|(bd, bp)| d < bd || (d == bd && path < bp)) {
                best = Some((d, path));
            }
        }
        let (distance, path) = best?;
        (distance < length.max(1)).then_some(path)
    }
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
            hints: OnceLock::new(),
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
        let hints = self.hints.get_or_init(|| self.hints());
        let (folder, name) = split_last(path);
        if name.contains('.') {
            if let Some(best) = hints.files.closest(name) {
                return Some(best.to_string());
            }
        }
        if let Some(best) = hints
            .pages_by_parent
            .get(folder)
            .and_then(|siblings| siblings.closest(name))
        {
            return Some(best.to_string());
        }
        hints
            .pages
            .closest(path.trim_end_matches('/'))
            .map(str::to_string)
    }

    fn hints(&self) -> Hints {
        let mut by_parent: HashMap<String, Vec<(String, String)>> = HashMap::new();
        let mut pages = Vec::new();
        let mut files = Vec::new();
        for file in self.published.each_file() {
            let page = file
                .strip_suffix("index.html")
                .filter(|f| f.is_empty() || f.ends_with('/'));
            match page {
                Some(page) => {
                    let (parent, name) = split_last(page);
                    by_parent
                        .entry(parent.to_string())
                        .or_default()
                        .push((name.to_string(), page.to_string()));
                    pages.push((page.trim_end_matches('/').to_string(), page.to_string()));
                }
                None => files.push((split_last(file).1.to_string(), file.to_string())),
            }
        }
        Hints {
            pages_by_parent: by_parent
                .into_iter()
                .map(|(parent, pairs)| (parent, Neighbours::new(pairs)))
                .collect(),
            pages: Neighbours::new(pages),
            files: Neighbours::new(files),
        }
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

    #[test]
    fn nearest_in_a_large_folder_finds_slips_at_either_end() {
        let mut files = published();
        for n in 0..5000 {
            files.insert(format!("en/events/{n:05}-visit-tashkent/index.html"));
        }
        let site = Site::default();
        let routes = Routes::new(None, "uz");
        let t = LinkTargets::new(&files, &site, &routes, vec!["uz".into(), "en".into()]);
        for (typo, meant) in [
            (
                "en/events/01234-visit-tashkentt/",
                "en/events/01234-visit-tashkent/",
            ),
            (
                "en/events/01234-visit-taskent/",
                "en/events/01234-visit-tashkent/",
            ),
            (
                "en/events/x01234-visit-tashkent/",
                "en/events/01234-visit-tashkent/",
            ),
            ("en/events/2021-declaraton/", "en/events/2021-declaration/"),
        ] {
            assert_eq!(t.nearest(typo).as_deref(), Some(meant), "{typo}");
        }
    }
}
