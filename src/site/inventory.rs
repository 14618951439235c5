//! The page inventory: every file a build will write, planned once before
//! anything renders, each with what produces it and the source file that
//! asked for it.
//!
//! Two claims on one output file are an error naming both sources, so a
//! page named like a language, a static file named like a generated page
//! or a kind id that is a route cannot silently overwrite another file.
//! The disk sink accepts only planned files (`PlannedSink`), which keeps
//! this list and the renderers in step.
//!
//! Every page carries its `PageKey` (what it is across languages), so the
//! sitemap is made from this list and nothing else: planning renders it
//! once (its size decides how many files it needs) and keeps the text for
//! the build to write, and each page's entries, so that `serve` re-makes
//! only those of the pages an event edit changed (`event_edits`).
//!
//! `planning` claims the files; this file holds the list and its sitemap.

use crate::config::Config;
use crate::model::routes::Routes;
use crate::output::sink::Sink;
use crate::render::files::sitemap::{self, Group, Limits};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;
use std::sync::Mutex;

mod event_edits;
mod planning;

pub use event_edits::Undo;

/// Who writes a file and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// What the file is, for messages: "the event `x` (en)".
    pub what: String,
    /// The file that asked for it: a content file, a static file, book.toml.
    pub source: PathBuf,
    /// A language version shown in another language's text (an untranslated
    /// page): it duplicates the page in `text_lang`.
    pub text_lang: Option<String>,
    /// For a page (HTML a reader visits, listed in the sitemap): which
    /// page it is and the index of its language in book.toml.
    pub page: Option<(PageKey, usize)>,
}

/// What a page is across its language versions, in sitemap order: the
/// versions of one key are one sitemap group (hreflang alternates).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum PageKey {
    Home,
    /// An event, by slug: the sitemap lists events in slug order, so an
    /// edit that moves an event in the timeline leaves the plan as it was
    /// (`serve` then need not plan again).
    Event(String),
    /// Index into the site's pages, then its docs.
    Content(usize),
    /// A year's listing page: (year, page number).
    Year(i32, usize),
    /// A kind's listing page: (position in `listing::kinds`, page number).
    Kind(usize, usize),
    /// A tag's listing page: (language index, tag slug, page number). Tags
    /// are words of one language, so a tag page has no alternates.
    Tag(usize, String, usize),
    Search,
    /// The docs section's own search page.
    DocsSearch,
}

/// Every planned output file, keyed by its path under the output root.
#[derive(Debug, Default, Clone)]
pub struct Inventory {
    files: BTreeMap<String, Claim>,
    /// The pages the sitemap announces: each key's language versions as
    /// (language index, file); a version in another language's text is
    /// left out (it duplicates the page its canonical names).
    pages: BTreeMap<PageKey, BTreeSet<(usize, String)>>,
    /// Each announced page's sitemap entries (one per version).
    entries: BTreeMap<PageKey, Vec<String>>,
    /// Pages added, changed or removed since the entries were made;
    /// `None` until they are first made (every page is then made).
    stale: Option<BTreeSet<PageKey>>,
    /// The sitemap files as (output path, text), made from the entries.
    sitemap: Vec<(String, String)>,
}

impl Inventory {
    fn insert(&mut self, file: String, claim: Claim) {
        if let (Some((key, lang)), None) = (&claim.page, &claim.text_lang) {
            self.pages
                .entry(key.clone())
                .or_default()
                .insert((*lang, file.clone()));
            self.mark_stale(key);
        }
        self.files.insert(file, claim);
    }

    fn remove(&mut self, file: &str) -> Option<Claim> {
        let claim = self.files.remove(file)?;
        if let (Some((key, lang)), None) = (&claim.page, &claim.text_lang) {
            if let Some(versions) = self.pages.get_mut(key) {
                versions.remove(&(*lang, file.to_string()));
                if versions.is_empty() {
                    self.pages.remove(key);
                }
            }
            self.mark_stale(key);
        }
        Some(claim)
    }

    fn mark_stale(&mut self, key: &PageKey) {
        if let Some(stale) = &mut self.stale {
            stale.insert(key.clone());
        }
    }

    /// Makes the sitemap entries of every page (the first time) or of the
    /// pages changed since they were last made, then the sitemap files;
    /// returns the entries replaced, for `event_edits::Undo`.
    fn make_sitemap(
        &mut self,
        config: &Config,
        routes: &Routes,
    ) -> Vec<(PageKey, Option<Vec<String>>)> {
        let default_lang = config.default_language().code.as_str();
        let stale = self.stale.replace(BTreeSet::new());
        let keys: Vec<&PageKey> = match &stale {
            None => self.pages.keys().collect(),
            Some(stale) => stale
                .iter()
                .filter(|k| self.pages.contains_key(k))
                .collect(),
        };
        // At 10,000 events the entries are most of planning: in parallel.
        let made: Vec<(PageKey, Vec<String>)> = keys
            .par_iter()
            .map(|key| {
                let entries = sitemap::entries(&self.group(key, config), routes, default_lang);
                ((*key).clone(), entries)
            })
            .collect();
        let mut replaced = Vec::new();
        match &stale {
            None => self.entries = made.into_iter().collect(),
            Some(stale) => {
                for key in stale.iter().filter(|k| !self.pages.contains_key(k)) {
                    replaced.push((key.clone(), self.entries.remove(key)));
                }
                for (key, entries) in made {
                    replaced.push((key.clone(), self.entries.insert(key, entries)));
                }
            }
        }
        self.sitemap =
            sitemap::sitemaps(self.entries.values().flatten(), routes, Limits::of(config));
        replaced
    }

    /// The language versions of page `key`: (language code, URL path).
    fn group(&self, key: &PageKey, config: &Config) -> Group {
        self.pages
            .get(key)
            .into_iter()
            .flatten()
            .map(|(lang, file)| {
                // A page's file is its folder's `index.html` (`Routes::file_for`).
                let path = file.strip_suffix("index.html").unwrap_or(file);
                (config.languages[*lang].code.clone(), path.to_string())
            })
            .collect()
    }

    /// The sitemap files as (output path, text), made once while planning.
    pub fn sitemap(&self) -> &[(String, String)] {
        &self.sitemap
    }

    /// Drops what only planning again needs: each announced page's
    /// versions and sitemap entries, which `serve` keeps so an edit makes
    /// only its pages' entries again. A build plans once; at 50,000 events
    /// they were about 110 MiB of its peak memory. For a build only: the
    /// inventory cannot be planned again after this.
    pub fn release_planning_parts(&mut self) {
        self.pages = BTreeMap::new();
        self.entries = BTreeMap::new();
        self.stale = None;
    }

    /// Every page the sitemap announces, grouped with its language versions
    /// (language code, URL path), groups in `PageKey` order and versions in
    /// book.toml's language order. A version shown in another language's
    /// text is left out: it duplicates the page its canonical names.
    pub fn page_groups(&self, config: &Config) -> Vec<Group> {
        self.pages
            .keys()
            .map(|key| self.group(key, config))
            .collect()
    }

    /// The claim on output file `file` (`en/events/x/index.html`).
    pub fn claim(&self, file: &str) -> Option<&Claim> {
        self.files.get(file)
    }

    /// True when the build may write `file`.
    pub fn allows(&self, file: &str) -> bool {
        self.files.contains_key(file)
    }

    /// Every planned file, sorted by path.
    pub fn files(&self) -> impl Iterator<Item = (&str, &Claim)> {
        self.files
            .iter()
            .map(|(path, claim)| (path.as_str(), claim))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// What links in Markdown are checked against (`render::links`).
impl crate::render::link_targets::Published for Inventory {
    fn publishes(&self, file: &str) -> bool {
        self.allows(file)
    }
    fn each_file(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        Box::new(self.files().map(|(path, _)| path))
    }
}

/// A sink that passes on only files the inventory planned, each once.
///
/// A write the plan did not foresee is a defect of Yilnoma, not of the
/// site: it is refused with a message that says so, so the inventory can
/// never drift from what the renderers write without a test noticing.
pub struct PlannedSink<'a> {
    inner: &'a dyn Sink,
    inventory: &'a Inventory,
    written: Mutex<HashSet<String>>,
}

impl<'a> PlannedSink<'a> {
    pub fn new(inner: &'a dyn Sink, inventory: &'a Inventory) -> Self {
        Self {
            inner,
            inventory,
            written: Mutex::new(HashSet::with_capacity(inventory.len())),
        }
    }
}

impl Sink for PlannedSink<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> anyhow::Result<()> {
        if !self.inventory.allows(path) {
            anyhow::bail!(
                "internal error: `{}` is not in the page inventory (please report this to Yilnoma)",
                crate::model::path_text::escape(path)
            );
        }
        let first = self
            .written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string());
        if !first {
            anyhow::bail!(
                "internal error: `{}` was written twice (please report this to Yilnoma)",
                crate::model::path_text::escape(path)
            );
        }
        self.inner.write(path, bytes)
    }
}
