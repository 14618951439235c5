//! Planning the inventory: every file of the site claimed in one order
//! (each language's pages, the root files, the sitemap, the static files
//! last), so a collision is reported the same way on every build.

use super::{Claim, Inventory, PageKey};
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
use crate::output::sink::check_output_path;
use crate::render::files::search_folder;
use crate::render::files::search_index::Scope;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;

/// Which events' pages a planning pass claims.
#[derive(Clone, Copy)]
pub(super) enum Events<'a> {
    All,
    /// Only these (`serve` keeps the other events' claims).
    Only(&'a BTreeSet<String>),
}

impl Events<'_> {
    fn includes(&self, slug: &str) -> bool {
        match self {
            Events::All => true,
            Events::Only(slugs) => slugs.contains(slug),
        }
    }
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
        let mut planner = Planner::new(Inventory::default(), diagnostics);
        planner.claim_site(config, site, routes, static_files, Events::All);
        planner.inventory
    }
}

impl Planner<'_> {
    /// Claims every file of `site` but the pages of the events `events`
    /// leaves out, then the sitemap of the pages claimed.
    pub(super) fn claim_site(
        &mut self,
        config: &Config,
        site: &Site,
        routes: &Routes,
        static_files: &[StaticFile],
        events: Events<'_>,
    ) {
        let planner = self;
        let book = config.config_path();
        let default_lang = config.default_language().code.as_str();
        let kinds = listing::kinds(&config.kind_ids(), site);
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
                for event in site.events.iter().filter(|e| events.includes(&e.slug)) {
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
                for (slug, tag) in &site.tags(lang, default_lang).by_slug {
                    let claim = Claim {
                        what: format!("the tag page `tags/{slug}/` ({lang})"),
                        source: tag.first_file.clone(),
                        text_lang: None,
                        page: None,
                    };
                    let count = tag.members.len();
                    planner.listing(&routes.tag(lang, slug), count, config, &claim, |n| {
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
        // Every page is claimed: the pages the last plan had and this one
        // has not leave the sitemap.
        planner.drop_unclaimed(true);
        planner.replaced_entries = planner.inventory.make_sitemap(config, routes);
        let names: Vec<String> = planner
            .inventory
            .sitemap
            .iter()
            .map(|(n, _)| n.clone())
            .collect();
        for name in &names {
            let what = if name == SITEMAP_FILE {
                "the sitemap".to_string()
            } else {
                format!("the sitemap part `{name}`")
            };
            planner.claim(name, root_file(&what));
        }
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
pub(super) struct Planner<'a> {
    pub(super) inventory: Inventory,
    pub(super) diagnostics: &'a Diagnostics,
    /// The files claimed, in order (`serve` undoes them when a replan fails).
    pub(super) claimed: Vec<String>,
    /// The sitemap entries made again, as they were before.
    pub(super) replaced_entries: Vec<(PageKey, Option<Vec<String>>)>,
    /// Planning over an inventory that already holds the last plan
    /// (`event_edits`): the files of this pass so far. A claim on a file
    /// the last plan gave to anything but an event is that file again (kept
    /// when equal, replaced when not); a file of the last plan that this
    /// pass does not claim is dropped.
    pub(super) reconciled: Option<HashSet<String>>,
    /// Claims of the last plan replaced or dropped, for the undo.
    pub(super) dropped: Vec<(String, Claim)>,
}

impl<'a> Planner<'a> {
    pub(super) fn new(inventory: Inventory, diagnostics: &'a Diagnostics) -> Self {
        Self {
            inventory,
            diagnostics,
            claimed: Vec::new(),
            replaced_entries: Vec::new(),
            reconciled: None,
            dropped: Vec::new(),
        }
    }

    /// Drops the last plan's claims (but events') that this pass did not
    /// make: `pages_only` before the sitemap is made from the pages.
    pub(super) fn drop_unclaimed(&mut self, pages_only: bool) {
        let Some(seen) = &self.reconciled else {
            return;
        };
        let gone: Vec<String> = self
            .inventory
            .files
            .iter()
            .filter(|(file, claim)| {
                !is_event_page(claim)
                    && (claim.page.is_some() || !pages_only)
                    && !seen.contains(*file)
            })
            .map(|(file, _)| file.clone())
            .collect();
        for file in gone {
            if let Some(claim) = self.inventory.remove(&file) {
                self.dropped.push((file, claim));
            }
        }
    }
}

/// True for the claim of an event's page.
fn is_event_page(claim: &Claim) -> bool {
    matches!(claim.page, Some((PageKey::Event(_), _)))
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
        let last_plan =
            |seen: &HashSet<String>, first: &Claim| !is_event_page(first) && !seen.contains(&file);
        match (self.inventory.files.get(&file), &mut self.reconciled) {
            (Some(first), Some(seen)) if last_plan(seen, first) => {
                seen.insert(file.clone());
                if *first != claim {
                    if let Some(old) = self.inventory.remove(&file) {
                        self.dropped.push((file.clone(), old));
                    }
                    self.claimed.push(file.clone());
                    self.inventory.insert(file, claim);
                }
            }
            (Some(first), _) => self.collision(&file, first.clone(), &claim),
            (None, seen) => {
                if let Some(seen) = seen {
                    seen.insert(file.clone());
                }
                self.claimed.push(file.clone());
                self.inventory.insert(file, claim);
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
