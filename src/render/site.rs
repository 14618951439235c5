//! Renders the whole site: every (item, language) pair in parallel, plus
//! the timeline, kind, tag and year listings, the search and 404 pages and
//! the code stylesheet.
//!
//! Takes the loaded model and the templates; hands each file to the
//! caller's `Emit` as soon as it is rendered and writes nothing itself.
//! Problems become diagnostics; rendering goes on so one run reports them all.
//!
//! This module holds the renderer and the job list; its parts are beside
//! it: `context` (what a language's pages share), `current` (a page's
//! addresses, canonical and alternates), `body` (Markdown and its link
//! problems), `pages` (home, event, page, search, 404), `listings` (kind,
//! tag and year listings in pages) and `json_ld`.

mod body;
mod context;
mod current;
mod json_ld;
mod listings;
mod pages;

use crate::config::{Config, Language};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::listing;
use crate::model::routes::{Routes, CODE_STYLESHEET};
use crate::model::site::{Page, Site};
use crate::model::tag_index::LanguageTags;
use crate::render::emit::Emit;
use crate::render::files::search_index::Scope;
use crate::render::link_index::LinkIndex;
use crate::render::link_targets::Published;
use crate::render::summary_cache::SummaryCache;
use crate::render::summary_values::SummaryValues;
use crate::render::templates::Templates;
use crate::render::view::{EraView, EventSummaryView, KindView};
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

/// One rendered file: its output path and its HTML, or why it failed.
type Output = (String, Result<String, Diagnostic>);

/// Everything a render needs, shared by all pages.
pub struct SiteRenderer<'a> {
    pub config: &'a Config,
    pub site: &'a Site,
    pub routes: &'a Routes,
    pub templates: &'a Templates,
    pub diagnostics: &'a Diagnostics,
    /// Made on first use: only pages with Markdown bodies resolve links
    /// (`serve`'s listing step renders none, and the index holds every
    /// event's address).
    links: OnceLock<LinkIndex<'a>>,
    published: &'a dyn Published,
    any_code: AtomicBool,
    /// Summaries kept from the last render (`serve`), else none.
    kept: Option<&'a SummaryCache>,
}

/// Per-language data computed once and shared by that language's pages.
struct LanguageContext<'a> {
    language: &'a Language,
    base: tera::Context,
    /// One per event, made on first use: a rebuild of one event page
    /// (`serve`) summarises that event and its neighbours, not all of them.
    summaries: Vec<OnceLock<Arc<EventSummaryView>>>,
    /// The site's tags in this language (every tag page needs them).
    tags: OnceLock<Arc<LanguageTags>>,
    /// The summaries as Tera values, made on first use and shared by
    /// event and list pages.
    summary_values: SummaryValues,
    kinds: Vec<KindView>,
    eras: Vec<EraView>,
}

/// How many files a render wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    pub pages: usize,
}

impl<'a> SiteRenderer<'a> {
    pub fn new(
        config: &'a Config,
        site: &'a Site,
        routes: &'a Routes,
        templates: &'a Templates,
        published: &'a dyn Published,
        diagnostics: &'a Diagnostics,
    ) -> Self {
        Self {
            config,
            site,
            routes,
            templates,
            diagnostics,
            links: OnceLock::new(),
            published,
            any_code: AtomicBool::new(false),
            kept: None,
        }
    }

    /// Starts each language from the summaries `cache` kept and gives the
    /// ones it made back (see `render::summary_cache`).
    pub fn keeping(self, cache: &'a SummaryCache) -> Self {
        Self {
            kept: Some(cache),
            ..self
        }
    }

    /// Renders every page into `out` (static files are the caller's).
    pub fn render_all(&self, out: &dyn Emit) -> RenderStats {
        self.render_jobs(out, &|_| true)
    }

    /// Renders only the pages `select` picks (`serve` re-renders what an
    /// edit touched); static files are left to the caller.
    ///
    /// One language at a time: a language's context (every event's
    /// summary and its template value) is made, its pages rendered, and
    /// the context dropped before the next language's is made, so a large
    /// site holds one language's summaries, not every language's (issue 17).
    pub fn render_jobs(
        &self,
        out: &dyn Emit,
        select: &(dyn Fn(&Job<'_>) -> bool + Sync),
    ) -> RenderStats {
        let mut stats = RenderStats::default();
        for (lang_index, language) in self.config.languages.iter().enumerate() {
            let context = self.language_context(language);
            let mut jobs: Vec<Job<'_>> = self.language_jobs(lang_index, &context);
            if lang_index == 0 {
                jobs.push(Job::NotFound);
            }
            jobs.retain(|job| select(job));
            let jobs: Vec<&Job<'_>> = jobs.iter().collect();
            stats.pages += self.render_language(out, &jobs, &context);
            self.keep_summaries(context);
        }
        self.finish(out, stats)
    }

    /// Every page of one language, as jobs.
    fn language_jobs(&self, lang_index: usize, context: &LanguageContext<'_>) -> Vec<Job<'a>> {
        let mut jobs = vec![
            Job::Index(lang_index),
            Job::Search(lang_index, Scope::Readers),
        ];
        if !self.site.docs.is_empty() {
            jobs.push(Job::Search(lang_index, Scope::Docs));
        }
        jobs.extend((0..self.site.events.len()).map(|i| Job::Event(lang_index, i)));
        jobs.extend(self.site.pages.iter().map(|p| Job::Page(lang_index, p)));
        jobs.extend(self.site.docs.iter().map(|p| Job::Page(lang_index, p)));
        jobs.extend(
            context
                .kinds
                .iter()
                .filter(|k| k.count > 0)
                .map(|k| Job::Kind(lang_index, k.id.clone())),
        );
        jobs.extend(
            self.tags(context)
                .keys()
                .map(|t| Job::Tag(lang_index, t.clone())),
        );
        jobs
    }

    /// Renders exactly `jobs`, each a page of this site: `serve` lists the
    /// pages an edit touches without enumerating every page of the site.
    /// Only the languages the jobs name get a context, side by side: an
    /// edit renders few pages, and each language's context starts with a
    /// pass over every event (its tags), which then overlap.
    pub fn render_only(&self, out: &dyn Emit, jobs: &[Job<'_>]) -> RenderStats {
        let pages = self
            .config
            .languages
            .par_iter()
            .enumerate()
            .map(|(lang_index, language)| {
                let mine: Vec<&Job<'_>> =
                    jobs.iter().filter(|j| j.language() == lang_index).collect();
                if mine.is_empty() {
                    return 0;
                }
                let context = self.language_context(language);
                let pages = self.render_language(out, &mine, &context);
                self.keep_summaries(context);
                pages
            })
            .sum();
        self.finish(out, RenderStats { pages })
    }

    /// Renders jobs of one language in parallel; returns how many pages
    /// were written.
    fn render_language(
        &self,
        out: &dyn Emit,
        jobs: &[&Job<'_>],
        context: &LanguageContext<'_>,
    ) -> usize {
        jobs.par_iter()
            .flat_map_iter(|job| self.run(job, context))
            .map(|(path, result)| match result {
                Ok(html) => {
                    out.emit_owned(&path, html);
                    1
                }
                Err(diagnostic) => {
                    self.diagnostics.push(diagnostic);
                    0
                }
            })
            .sum()
    }

    /// The code stylesheet, when a rendered page had code.
    fn finish(&self, out: &dyn Emit, stats: RenderStats) -> RenderStats {
        if self.any_code.load(Ordering::Relaxed) {
            self.emit_code_stylesheet(out);
        }
        stats
    }

    /// The files of one job: one page, or every page of a listing (a kind
    /// or tag listing's pages; the home page and, on a split site, the
    /// year pages).
    fn run(&self, job: &Job<'_>, cx: &LanguageContext<'_>) -> Vec<Output> {
        match job {
            Job::Index(_) => {
                let mut out = vec![self.index_page(cx)];
                if listing::is_split(self.config.render.timeline_limit, self.site.events.len()) {
                    out.extend(self.year_pages(cx));
                }
                out
            }
            Job::Home(_) => vec![self.index_page(cx)],
            Job::Event(_, i) => vec![self.event_page(cx, *i)],
            Job::Page(_, page) => vec![self.page(cx, page)],
            Job::Kind(_, kind) => self.kind_pages(cx, kind, None),
            Job::Tag(_, tag) => self.tag_pages(cx, tag, None),
            Job::ListingPages(_, listing, numbers) => {
                let only = numbers.as_deref();
                match listing {
                    Listing::Year(year) => self.year_listing(cx, *year, only),
                    Listing::Kind(kind) => self.kind_pages(cx, kind, only),
                    Listing::Tag(tag) => self.tag_pages(cx, tag, only),
                }
            }
            Job::Search(_, scope) => vec![self.search_page(cx, *scope)],
            Job::NotFound => vec![self.not_found_page(cx)],
        }
    }

    fn links(&self) -> &LinkIndex<'a> {
        self.links.get_or_init(|| {
            LinkIndex::new(
                self.site,
                self.routes,
                self.config
                    .languages
                    .iter()
                    .map(|l| l.code.clone())
                    .collect(),
                &self.config.default_language().code,
                self.published,
            )
        })
    }

    fn emit_code_stylesheet(&self, out: &dyn Emit) {
        let render = &self.config.render;
        match crate::render::highlight::stylesheet(&render.code_theme_light, &render.code_theme_dark) {
            Ok(css) => out.emit(CODE_STYLESHEET, css.as_bytes()),
            Err(message) => self.diagnostics.push(
                Diagnostic::error(self.config.config_path(), message)
                    .hint("set `code-theme-light` and `code-theme-dark` under [render] to one of the listed themes"),
            ),
        }
    }

    fn render(
        &self,
        template: &str,
        context: &tera::Context,
        page: &str,
    ) -> Result<String, Diagnostic> {
        self.templates.render(template, context, page)
    }
}

/// One page to render; language and event are indexes into the config's
/// languages and the site's events.
pub enum Job<'a> {
    /// The home page and, on a split site, every year's pages.
    Index(usize),
    /// The home page alone.
    Home(usize),
    Event(usize, usize),
    Page(usize, &'a Page),
    Kind(usize, String),
    Tag(usize, String),
    /// Some pages of one listing, by page number (from 1): `serve` renders
    /// the pages an edit moved or changed, not the whole listing.
    ListingPages(usize, Listing, Option<Vec<usize>>),
    Search(usize, Scope),
    NotFound,
}

/// A listing cut into pages.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Listing {
    Year(i32),
    Kind(String),
    /// A tag, by its slug.
    Tag(String),
}

impl Job<'_> {
    /// The index of the language the job renders in (the 404 page is
    /// rendered with the default language's context).
    pub fn language(&self) -> usize {
        match self {
            Job::Index(l)
            | Job::Home(l)
            | Job::ListingPages(l, ..)
            | Job::Event(l, _)
            | Job::Page(l, _)
            | Job::Kind(l, _)
            | Job::Tag(l, _)
            | Job::Search(l, _) => *l,
            Job::NotFound => 0,
        }
    }
}
