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
//! the build to write.

use crate::config::Config;
use crate::content::theme_files::StaticFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::listing;
use crate::model::routes::{
    Routes, CNAME_FILE, CODE_STYLESHEET, FEED_FILE, ICAL_FILE, NOJEKYLL_FILE, NOT_FOUND_FILE,
    ROBOTS_FILE, SITEMAP_FILE, TIMELINE_JSON_FILE,
};
use crate::model::search_shards::Layout;
use crate::model::site::{text_lang, Section, Site};
use crate::output::sink::{check_output_path, Sink};
use crate::render::files::search_folder;
use crate::render::files::search_index::Scope;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Mutex;

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
    /// The sitemap files as (output path, text), made from the pages above.
    sitemap: Vec<(String, String)>,
}

impl Inventory {
    /// Plans the whole site; collisions and unsafe paths go to `diagnostics`.
    pub fn plan(
        config: &Config,
        site: &Site,
        routes: &Routes,
        static_files: &[StaticFile],
        diagnostics: &Diagnostics,
    ) -> Self {
        let mut planner = Planner {
            inventory: Inventory::default(),
            diagnostics,
        };
        let book = config.config_path();
        let default_lang = config.default_language().code.as_str();
        let declared: Vec<&str> = config.kinds.iter().map(|k| k.id.as_str()).collect();
        let kinds = listing::kinds(&declared, site);
        // Each language's claims are made in parallel (most of the work:
        // names, paths, tag counts), then claimed in book.toml's order, so
        // collisions are found and reported as one pass would.
        let languages: Vec<Vec<(String, Claim)>> = config
            .languages
            .par_iter()
            .enumerate()
            .map(|(lang_index, language)| {
                let mut planner = LanguageClaims::default();
                let lang = language.code.as_str();
                let generated = |what: &str| Claim {
                    what: format!("{what} ({lang})"),
                    source: book.clone(),
                    text_lang: None,
                    page: None,
                };
                let page = |claim: Claim, key: PageKey| Claim {
                    page: Some((key, lang_index)),
                    ..claim
                };
                planner.claim(
                    &routes.home(lang),
                    page(generated("the timeline"), PageKey::Home),
                );
                if listing::is_split(config.render.timeline_limit, site.events.len()) {
                    for (year, count) in listing::years(site) {
                        let first = routes.year(lang, year);
                        let claim = generated(&format!("the year {year}"));
                        planner.listing(&first, count, config, &claim, |n| {
                            Some((PageKey::Year(year, n), lang_index))
                        });
                    }
                }
                for scope in [Scope::Readers, Scope::Docs] {
                    let Some(folder) = search_folder(site, routes, lang, scope) else {
                        continue;
                    };
                    let (what, key) = match scope {
                        Scope::Readers => ("the search page", PageKey::Search),
                        Scope::Docs => ("the docs' search page", PageKey::DocsSearch),
                    };
                    planner.claim(&folder, page(generated(what), key));
                    let layout = Layout::of(scope.documents(site));
                    for name in layout.file_names() {
                        let claim = generated(&format!("{what}'s index file `{name}`"));
                        planner.claim(&format!("{folder}{name}"), claim);
                    }
                }
                for name in [FEED_FILE, TIMELINE_JSON_FILE, ICAL_FILE] {
                    planner.claim(
                        &routes.lang_file(lang, name),
                        generated(&format!("`{name}`")),
                    );
                }
                for event in &site.events {
                    let (text, untranslated) = event.text_for(lang, default_lang);
                    let claim = Claim {
                        what: format!("the event `{}` ({lang})", event.slug),
                        source: text.source.path.clone(),
                        text_lang: untranslated
                            .then(|| text_lang(&event.texts, lang, default_lang).to_string()),
                        page: Some((PageKey::Event(event.slug.clone()), lang_index)),
                    };
                    planner.claim(&routes.event(lang, &event.slug), claim);
                }
                for (index, page) in site.pages.iter().chain(&site.docs).enumerate() {
                    let (text, untranslated) = page.text_for(lang, default_lang);
                    let (path, what) = match page.section {
                        Section::Docs => (routes.docs(lang, &page.slug), "the docs page"),
                        _ => (routes.page(lang, &page.slug), "the page"),
                    };
                    let claim = Claim {
                        what: format!("{what} `{}` ({lang})", page.slug),
                        source: text.source.path.clone(),
                        text_lang: untranslated
                            .then(|| text_lang(&page.texts, lang, default_lang).to_string()),
                        page: Some((PageKey::Content(index), lang_index)),
                    };
                    planner.claim(&path, claim);
                }
                for (position, (kind, count)) in kinds.iter().enumerate() {
                    let claim = generated(&format!("the kind `{kind}`"));
                    planner.listing(&routes.kind(lang, kind), *count, config, &claim, |n| {
                        Some((PageKey::Kind(position, n), lang_index))
                    });
                }
                for (slug, (count, source)) in tag_counts(config, site, lang) {
                    let claim = Claim {
                        what: format!("the tag page `tags/{slug}/` ({lang})"),
                        source,
                        text_lang: None,
                        page: None,
                    };
                    planner.listing(&routes.tag(lang, &slug), count, config, &claim, |n| {
                        Some((PageKey::Tag(lang_index, slug.clone(), n), lang_index))
                    });
                }
                planner.claims
            })
            .collect();
        for (path, claim) in languages.into_iter().flatten() {
            planner.claim(&path, claim);
        }
        let root_file = |what: &str| Claim {
            what: what.to_string(),
            source: book.clone(),
            text_lang: None,
            page: None,
        };
        planner.claim(NOT_FOUND_FILE, root_file("the 404 page"));
        let sitemap = crate::render::files::sitemap::sitemaps(
            &planner.inventory.page_groups(config),
            routes,
            &config.default_language().code,
            crate::render::files::sitemap::Limits::of(config),
        );
        for (name, _) in &sitemap {
            let what = if name == SITEMAP_FILE {
                "the sitemap".to_string()
            } else {
                format!("the sitemap part `{name}`")
            };
            planner.claim(name, root_file(&what));
        }
        planner.inventory.sitemap = sitemap;
        planner.claim(ROBOTS_FILE, root_file(&format!("`{ROBOTS_FILE}`")));
        planner.claim(NOJEKYLL_FILE, root_file(&format!("`{NOJEKYLL_FILE}`")));
        if crate::render::files::cname(config).is_some() {
            planner.claim(
                CNAME_FILE,
                root_file(&format!("`{CNAME_FILE}` (from `cname`)")),
            );
        }
        planner.claim(
            CODE_STYLESHEET,
            root_file("the code highlighting stylesheet"),
        );
        // Static files last: when one is named like a generated file, the
        // message points at the static file, the one to rename.
        for file in static_files {
            let claim = Claim {
                what: format!("the static file `{}`", file.name),
                source: file
                    .path
                    .clone()
                    .unwrap_or_else(|| PathBuf::from("(built-in theme)")),
                text_lang: None,
                page: None,
            };
            planner.claim(&file.name, claim);
        }
        planner.inventory
    }

    /// The sitemap files as (output path, text), made once while planning.
    pub fn sitemap(&self) -> &[(String, String)] {
        &self.sitemap
    }

    /// Every page the sitemap announces, grouped with its language versions
    /// (language code, URL path), groups in `PageKey` order and versions in
    /// book.toml's language order. A version shown in another language's
    /// text is left out: it duplicates the page its canonical names.
    pub fn page_groups(&self, config: &Config) -> Vec<Vec<(String, String)>> {
        let mut groups: BTreeMap<&PageKey, Vec<(usize, &str)>> = BTreeMap::new();
        for (file, claim) in &self.files {
            let Some((key, lang)) = &claim.page else {
                continue;
            };
            if claim.text_lang.is_some() {
                continue;
            }
            // A page's file is its folder's `index.html` (`Routes::file_for`).
            let path = file.strip_suffix("index.html").unwrap_or(file);
            groups.entry(key).or_default().push((*lang, path));
        }
        groups
            .into_values()
            .map(|mut versions| {
                versions.sort_unstable();
                versions
                    .into_iter()
                    .map(|(lang, path)| (config.languages[lang].code.clone(), path.to_string()))
                    .collect()
            })
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

/// One language's claims, in the order they are made, before they are
/// checked against the others.
#[derive(Default)]
struct LanguageClaims {
    claims: Vec<(String, Claim)>,
}

impl LanguageClaims {
    fn claim(&mut self, path: &str, claim: Claim) {
        self.claims.push((path.to_string(), claim));
    }

    /// Claims every page of a listing of `count` events starting at
    /// `first`; `page(n)` says which page number `n` is.
    fn listing(
        &mut self,
        first: &str,
        count: usize,
        config: &Config,
        claim: &Claim,
        page: impl Fn(usize) -> Option<(PageKey, usize)>,
    ) {
        let pages = listing::page_count(count, config.render.page_size);
        for number in 1..=pages {
            let mut this = claim.clone();
            if number > 1 {
                this.what = format!("page {number} of {}", claim.what);
            }
            this.page = page(number);
            self.claim(&Routes::listing_page(first, number), this);
        }
    }
}

/// Builds an inventory, reporting as it goes.
struct Planner<'a> {
    inventory: Inventory,
    diagnostics: &'a Diagnostics,
}

impl Planner<'_> {
    /// Claims the file for URL path `path` (`events/x/` → `events/x/index.html`).
    fn claim(&mut self, path: &str, claim: Claim) {
        let file = Routes::file_for(path);
        if let Err(e) = check_output_path(&file) {
            // Loading checks every id that becomes a path and has said
            // what is wrong; this only catches what it missed.
            if self.diagnostics.has_errors() {
                return;
            }
            self.diagnostics.push(
                Diagnostic::error(
                    &claim.source,
                    format!("{} cannot be written: {e}", claim.what),
                )
                .at(1, 1)
                .hint("rename it with lowercase letters, digits and hyphens only"),
            );
            return;
        }
        match self.inventory.files.get(&file) {
            Some(first) => self.collision(&file, first.clone(), &claim),
            None => {
                self.inventory.files.insert(file, claim);
            }
        }
    }

    fn collision(&self, file: &str, first: Claim, second: &Claim) {
        let is_static = second.what.starts_with("the static file");
        let hint = if is_static {
            "rename or remove this static file: the site generates that file itself".to_string()
        } else {
            format!(
                "rename one of the two so they get different paths (the other is {})",
                crate::model::path_text::escaped(&first.source)
            )
        };
        self.diagnostics.push(
            Diagnostic::error(
                &second.source,
                format!(
                    "`{}` would be written twice: by {} and by {}",
                    crate::model::path_text::escape(file),
                    first.what,
                    second.what
                ),
            )
            .at(1, 1)
            .hint(hint),
        );
    }
}

/// Tag slug → (events carrying it in `lang`, the first such event's file by name).
pub fn tag_counts(config: &Config, site: &Site, lang: &str) -> BTreeMap<String, (usize, PathBuf)> {
    let default_lang = &config.default_language().code;
    // Each distinct name's slug is looked up once; a tag is then a number
    // into `slugs`, counted once per event however many names give it.
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut by_slug: HashMap<String, usize> = HashMap::new();
    let mut slugs: Vec<(String, usize, Option<&PathBuf>)> = Vec::new();
    let mut mine: Vec<usize> = Vec::new();
    for event in &site.events {
        let (text, _) = event.text_for(lang, default_lang);
        mine.clear();
        for name in &text.tags {
            let id = *ids.entry(name.as_str()).or_insert_with(|| {
                let slug = site.tag_slugs.slug(lang, name);
                *by_slug.entry(slug.clone()).or_insert_with(|| {
                    slugs.push((slug, 0, None));
                    slugs.len() - 1
                })
            });
            if !mine.contains(&id) {
                mine.push(id);
            }
        }
        for &id in &mine {
            let (_, count, source) = &mut slugs[id];
            *count += 1;
            // The first file by name, not by date: a date edit leaves the
            // plan as it was.
            if source.is_none_or(|first| text.source.path < *first) {
                *source = Some(&text.source.path);
            }
        }
    }
    slugs
        .into_iter()
        .filter_map(|(slug, count, source)| Some((slug, (count, source?.clone()))))
        .collect()
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
