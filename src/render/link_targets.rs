//! Every address a build publishes, for checking links: the pages (events,
//! pages, docs, timelines, year, kind and tag listings with their `page/N/`,
//! search) and the files (static files, feeds, open data, sitemap).
//!
//! Planned from the model, the routes and the static file names, the way
//! the renderer and the sitemap plan them (a test compares it with a real
//! build's output). Pure; looks a path up, or finds the nearest existing
//! one for a hint.

use crate::config::Config;
use crate::model::listing;
use crate::model::routes::Routes;
use crate::model::site::{Section, Site};
use crate::nearest;
use crate::output::publish::{
    FEED_FILE, ICAL_FILE, SEARCH_INDEX_FILE, SEARCH_SLUG, TIMELINE_JSON_FILE,
};
use crate::render::site::tag_slug;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

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
#[derive(Debug, Default)]
pub struct LinkTargets {
    pages: HashMap<String, Option<Item>>,
    files: HashSet<String>,
}

impl LinkTargets {
    /// Plans every address of `site`; `static_names` are the static files
    /// (`output::static_files::names`).
    pub fn plan(config: &Config, site: &Site, routes: &Routes, static_names: Vec<String>) -> Self {
        let mut targets = Self::default();
        let default_lang = &config.default_language().code;
        let size = config.render.page_size;
        let split = listing::is_split(config, site.events.len());
        let years = if split {
            listing::years(site)
        } else {
            Vec::new()
        };
        let kinds = kinds_with_pages(config, site);
        for language in &config.languages {
            let lang = language.code.as_str();
            targets.add_page(routes.home(lang), None);
            targets.add_page(routes.page(lang, SEARCH_SLUG), None);
            for event in &site.events {
                targets.add_item(
                    routes.event(lang, &event.slug),
                    Section::Events,
                    &event.slug,
                    lang,
                );
            }
            for page in site.pages.iter().chain(&site.docs) {
                let path = match page.section {
                    Section::Docs => routes.docs(lang, &page.slug),
                    _ => routes.page(lang, &page.slug),
                };
                targets.add_item(path, page.section, &page.slug, lang);
            }
            // Files whose own errors are reported: a link to them is not a second one.
            for (section, slug) in &site.unloaded {
                let path = match section {
                    Section::Events => routes.event(lang, slug),
                    Section::Docs => routes.docs(lang, slug),
                    Section::Pages => routes.page(lang, slug),
                };
                targets.pages.entry(path).or_insert(None);
            }
            for (year, count) in &years {
                targets.add_listing(&routes.year(lang, *year), *count, size);
            }
            for (kind, count) in &kinds {
                targets.add_listing(&routes.kind(lang, kind), *count, size);
            }
            for (tag, count) in tag_counts(site, lang, default_lang) {
                targets.add_listing(&routes.tag(lang, &tag), count, size);
            }
            for file in [FEED_FILE, TIMELINE_JSON_FILE, ICAL_FILE] {
                targets.files.insert(routes.lang_file(lang, file));
            }
            let search = routes.page(lang, SEARCH_SLUG);
            targets.files.insert(format!("{search}{SEARCH_INDEX_FILE}"));
        }
        for file in ["404.html", "sitemap.xml", "robots.txt"] {
            targets.files.insert(file.to_string());
        }
        targets.files.extend(static_names);
        targets
    }

    /// A site of exactly these pages and files (for tests).
    pub fn from_paths(pages: &[(&str, Option<Item>)], files: &[&str]) -> Self {
        Self {
            pages: pages
                .iter()
                .map(|(p, item)| (p.to_string(), item.clone()))
                .collect(),
            files: files.iter().map(|f| f.to_string()).collect(),
        }
    }

    /// Every planned page (`""`, `en/events/x/`), in no particular order.
    pub fn pages(&self) -> impl Iterator<Item = &str> {
        self.pages.keys().map(String::as_str)
    }

    /// Every planned file (`img/map.png`, `en/atom.xml`), in no particular order.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(String::as_str)
    }

    fn add_page(&mut self, path: String, item: Option<Item>) {
        self.pages.insert(path, item);
    }

    fn add_item(&mut self, path: String, section: Section, slug: &str, lang: &str) {
        let item = Item {
            section,
            slug: slug.to_string(),
            lang: lang.to_string(),
        };
        self.add_page(path, Some(item));
    }

    fn add_listing(&mut self, first: &str, events: usize, page_size: usize) {
        for n in 1..=listing::page_count(events, page_size) {
            self.add_page(Routes::listing_page(first, n), None);
        }
    }

    /// What `path` (under the output root, already normalised) leads to.
    /// A folder may be written without its `/` or with `index.html`, as
    /// web servers and GitHub Pages serve it either way.
    pub fn find(&self, path: &str) -> Option<Found<'_>> {
        if let Some(item) = self.pages.get(path) {
            return Some(Found::Page(item.as_ref()));
        }
        if self.files.contains(path) {
            return Some(Found::File);
        }
        let folder = match path.strip_suffix("index.html") {
            Some(folder) if folder.is_empty() || folder.ends_with('/') => folder.to_string(),
            _ if !path.ends_with('/') => format!("{path}/"),
            _ => return None,
        };
        self.pages
            .get(&folder)
            .map(|item| Found::Page(item.as_ref()))
    }

    /// The existing address closest to the missing `path`: for a file, the
    /// file of the same or the nearest name; for a page, the nearest page
    /// in the same folder, else the nearest page anywhere.
    pub fn nearest(&self, path: &str) -> Option<String> {
        let (folder, name) = split_last(path);
        let looks_like_file = name.contains('.');
        if looks_like_file {
            let names = self.files.iter().map(|f| (f.as_str(), split_last(f).1));
            if let Some(best) = closest(name, names) {
                return Some(best.to_string());
            }
        }
        let siblings = self
            .pages
            .keys()
            .filter(|p| split_last(p).0 == folder)
            .map(|p| (p.as_str(), split_last(p).1));
        if let Some(best) = closest(name, siblings) {
            return Some(best.to_string());
        }
        let everywhere = self
            .pages
            .keys()
            .map(|p| (p.as_str(), p.trim_end_matches('/')));
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

/// The candidate whose key is nearest to `word` (a likely slip), else the
/// one at the smallest distance; ties go to the smaller path, so the hint
/// does not depend on hash order.
pub fn closest<'a>(
    word: &str,
    candidates: impl Iterator<Item = (&'a str, &'a str)>,
) -> Option<&'a str> {
    let mut best: Option<(usize, &'a str)> = None;
    for (path, key) in candidates {
        // Whole-word distance costs its length squared: skip keys whose
        // length alone puts them further than the best so far.
        let gap = key.chars().count().abs_diff(word.chars().count());
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
    (distance < word.chars().count().max(1)).then_some(path)
}

/// Kinds that have a listing, with their event counts: those with events
/// (and declared, when book.toml declares any), as the renderer lists them.
fn kinds_with_pages<'a>(config: &'a Config, site: &'a Site) -> Vec<(&'a str, usize)> {
    let mut used: BTreeMap<&str, usize> = BTreeMap::new();
    for event in &site.events {
        *used.entry(event.kind.as_str()).or_default() += 1;
    }
    if config.kinds.is_empty() {
        used.into_iter().collect()
    } else {
        config
            .kinds
            .iter()
            .filter_map(|k| used.get(k.id.as_str()).map(|n| (k.id.as_str(), *n)))
            .collect()
    }
}

/// Tag slug → events with that tag in `lang` (each event counted once).
fn tag_counts(site: &Site, lang: &str, default_lang: &str) -> BTreeMap<String, usize> {
    let mut slugs: HashMap<&str, String> = HashMap::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for event in &site.events {
        let (text, _) = event.text_for(lang, default_lang);
        let mut own: BTreeSet<String> = BTreeSet::new();
        for name in &text.tags {
            own.insert(slugs.entry(name).or_insert_with(|| tag_slug(name)).clone());
        }
        for slug in own {
            *counts.entry(slug).or_default() += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets() -> LinkTargets {
        let item = Item {
            section: Section::Events,
            slug: "2021-declaration".into(),
            lang: "en".into(),
        };
        LinkTargets::from_paths(
            &[
                ("", None),
                ("en/", None),
                ("en/events/2021-declaration/", Some(item)),
                ("en/events/2022-treaty/", None),
                ("en/kinds/visit/", None),
            ],
            &["img/map.png", "en/atom.xml", "style.css"],
        )
    }

    #[test]
    fn folders_are_found_with_or_without_slash_and_index_html() {
        let t = targets();
        for path in [
            "en/events/2021-declaration/",
            "en/events/2021-declaration",
            "en/events/2021-declaration/index.html",
        ] {
            assert!(
                matches!(t.find(path), Some(Found::Page(Some(item))) if item.slug == "2021-declaration"),
                "{path}"
            );
        }
        assert_eq!(t.find(""), Some(Found::Page(None)));
        assert_eq!(t.find("index.html"), Some(Found::Page(None)));
        assert_eq!(t.find("en"), Some(Found::Page(None)));
        assert_eq!(t.find("img/map.png"), Some(Found::File));
        assert_eq!(t.find("en/atom.xml"), Some(Found::File));
        assert_eq!(t.find("en/events/2021-declaraton/"), None);
        assert_eq!(t.find("img/map.png/"), None);
        assert_eq!(t.find("en/kinds/visitindex.html"), None);
    }

    #[test]
    fn nearest_prefers_a_slip_in_the_same_folder_and_files_by_name() {
        let t = targets();
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
    }
}
