//! What links are checked against: the content files, the published
//! addresses (`link_targets`, from the page inventory) and the heading ids
//! of pages that links point into (read on first use, with the heading
//! renderer's own ids).

use crate::model::routes::Routes;
use crate::model::site::{Event, Page, Section, Site, SourceRef};
use crate::render::link_targets::{Item, LinkTargets, Published};
use crate::render::markdown;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

/// What links are checked against: every content file, every published
/// address and the heading ids of pages that links point into (read on
/// first use).
pub struct LinkIndex<'a> {
    site: &'a Site,
    default_lang: String,
    items: HashSet<(Section, String)>,
    languages: Vec<String>,
    targets: LinkTargets<'a>,
    /// `None` for a body the Markdown parser panicked on (its own page
    /// reports that; links into it are not checked for anchors).
    headings: Mutex<HashMap<Item, Option<Arc<Vec<String>>>>>,
    by_slug: OnceLock<HashMap<(Section, &'a str), Content<'a>>>,
}

/// A content item, found by its section and slug.
#[derive(Clone, Copy)]
enum Content<'a> {
    Event(&'a Event),
    Page(&'a Page),
}

impl<'a> LinkIndex<'a> {
    /// The index of `site`, whose published files are `published` (the
    /// page inventory) in `languages`.
    pub fn new(
        site: &'a Site,
        routes: &'a Routes,
        languages: Vec<String>,
        default_lang: &str,
        published: &'a dyn Published,
    ) -> Self {
        let mut items = HashSet::new();
        items.extend(
            site.events
                .iter()
                .map(|e| (Section::Events, e.slug.clone())),
        );
        items.extend(site.pages.iter().map(|p| (Section::Pages, p.slug.clone())));
        items.extend(site.docs.iter().map(|p| (Section::Docs, p.slug.clone())));
        // Their own errors are reported; a link to them is not a second one.
        items.extend(site.unloaded.iter().cloned());
        Self {
            site,
            default_lang: default_lang.to_string(),
            items,
            targets: LinkTargets::new(published, site, routes, languages.clone()),
            languages,
            headings: Mutex::new(HashMap::new()),
            by_slug: OnceLock::new(),
        }
    }

    pub(crate) fn targets(&self) -> &LinkTargets<'a> {
        &self.targets
    }

    /// The heading ids of `item`'s body in its language (the fallback text
    /// when untranslated, as its page shows); `None` when it was not loaded
    /// or the Markdown parser panicked on it (this page is not the one at
    /// fault, and the target's own render reports it).
    pub(crate) fn heading_ids(&self, item: &Item) -> Option<Arc<Vec<String>>> {
        if let Some(ids) = self.lock_headings().get(item) {
            return ids.clone();
        }
        let body = self.body(item)?;
        let ids = markdown::heading_ids(body).map(Arc::new);
        self.lock_headings().insert(item.clone(), ids.clone());
        ids
    }

    fn lock_headings(&self) -> std::sync::MutexGuard<'_, HashMap<Item, Option<Arc<Vec<String>>>>> {
        // A panic while holding the lock leaves a map that is still valid.
        self.headings
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn body(&self, item: &Item) -> Option<&'a str> {
        self.text(item).map(|(body, _)| body)
    }

    /// The body `item`'s page shows and the file it comes from.
    pub(crate) fn text(&self, item: &Item) -> Option<(&'a str, &'a SourceRef)> {
        let (lang, default) = (item.lang.as_str(), self.default_lang.as_str());
        let by_slug = self.by_slug.get_or_init(|| {
            let mut map: HashMap<(Section, &'a str), Content<'a>> = HashMap::new();
            for event in &self.site.events {
                map.insert((Section::Events, &event.slug), Content::Event(event));
            }
            for page in self.site.pages.iter().chain(&self.site.docs) {
                map.insert((page.section, &page.slug), Content::Page(page));
            }
            map
        });
        Some(match by_slug.get(&(item.section, item.slug.as_str()))? {
            Content::Event(event) => {
                let text = event.text_for(lang, default).0;
                (text.body.as_str(), &text.source)
            }
            Content::Page(page) => {
                let text = page.text_for(lang, default).0;
                (text.body.as_str(), &text.source)
            }
        })
    }

    /// Whether the content file (section, slug) exists.
    pub(crate) fn has_item(&self, item: &(Section, String)) -> bool {
        self.items.contains(item)
    }

    /// The slugs of the content files of `section`.
    pub(crate) fn slugs_in(&self, section: Section) -> impl Iterator<Item = &str> {
        self.items
            .iter()
            .filter(move |(s, _)| *s == section)
            .map(|(_, slug)| slug.as_str())
    }

    /// Whether `code` is a language of the site (a file-name suffix).
    pub(crate) fn is_language(&self, code: &str) -> bool {
        self.languages.iter().any(|l| l == code)
    }

    /// Adds a content file (for tests).
    #[cfg(test)]
    pub(crate) fn add_item(&mut self, section: Section, slug: &str) {
        self.items.insert((section, slug.to_string()));
    }

    /// The nearest existing address for a hint.
    pub(crate) fn suggest(&self, path: &str) -> Option<String> {
        self.targets.nearest(path)
    }
}
