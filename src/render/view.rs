//! The serialisable `*View` structs templates see: the theme API.
//!
//! Templates see these and nothing else, so renaming a model field never
//! breaks a theme. Every field is documented in the docs section
//! (content/docs/template-context). Values are already localised and
//! escaped where they hold HTML (`*_html`); everything else is plain text
//! that Tera escapes.

use serde::Serialize;
use std::collections::BTreeMap;

/// `site`: the same on every page of one language.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub authors: Vec<String>,
    /// `/` or `/repo/`: prefix of every root-relative link.
    pub base_path: String,
    /// Absolute site URL with trailing slash, or empty.
    pub site_url: String,
    pub repository_url: String,
    pub generator: String,
    pub languages: Vec<LanguageView>,
    pub kinds: Vec<KindView>,
    pub eras: Vec<EraView>,
    /// Standalone pages, in menu order, in the current language.
    pub pages: Vec<LinkView>,
    /// Docs pages, in sidebar order, in the current language.
    pub docs: Vec<LinkView>,
    /// The docs section's own search page (empty when there are no docs).
    pub docs_search_url: String,
    /// URL of the stylesheet, the script and (when any page has code) the code theme.
    pub stylesheet_url: String,
    pub script_url: String,
    pub code_stylesheet_url: String,
    /// URLs of the site's own stylesheets and scripts (`additional-css`,
    /// `additional-js` in book.toml), in order, loaded after the theme's.
    pub additional_css: Vec<String>,
    pub additional_js: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LanguageView {
    pub code: String,
    pub name: String,
    pub title: String,
    pub description: String,
    pub home_url: String,
    pub is_default: bool,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct KindView {
    pub id: String,
    pub label: String,
    pub icon: String,
    pub url: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct EraView {
    pub id: String,
    pub label: String,
    pub start: String,
    pub end: String,
    pub start_year: i32,
    pub end_year: Option<i32>,
}

/// A titled link: menu entries, docs sidebar, previous/next.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub slug: String,
    pub title: String,
    pub url: String,
    pub untranslated: bool,
    /// The language of `title`: the page's own, or the fallback's when
    /// `untranslated` (templates mark it with `lang`).
    pub lang: String,
    pub is_current: bool,
}

/// `current`: where this page sits, for canonical and hreflang links.
#[derive(Debug, Clone, Serialize, Default)]
pub struct CurrentView {
    /// `index`, `event`, `page`, `docs`, `kind`, `tag`, `search` or `404`.
    pub template: String,
    pub title: String,
    pub description: String,
    pub url: String,
    pub permalink: String,
    /// `permalink`, or for a not-yet-translated page the page whose text
    /// it shows: search engines index that one, not the duplicate.
    pub canonical: String,
    /// The same page in every language (including this one).
    pub alternates: Vec<AlternateView>,
    /// The default language's version, for `hreflang="x-default"`.
    pub x_default: String,
    pub has_code: bool,
    pub untranslated: bool,
    /// The language of the text shown: differs from the page's language
    /// when a fallback is shown, so templates can mark it with `lang`.
    pub content_lang: String,
    pub edit_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AlternateView {
    pub lang: String,
    pub name: String,
    pub url: String,
    pub permalink: String,
    pub is_current: bool,
    /// False when that language shows a not-yet-translated fallback.
    pub translated: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TagView {
    pub name: String,
    pub slug: String,
    pub url: String,
}

/// An event as listed on the timeline and on kind and tag pages.
#[derive(Debug, Clone, Serialize, Default)]
pub struct EventSummaryView {
    pub slug: String,
    pub url: String,
    pub title: String,
    pub summary: String,
    pub date_text: String,
    /// ISO 8601 at the date's precision (`2022`, `2022-02`, `2022-02-15`).
    pub date_iso: String,
    pub end_iso: String,
    pub year: i32,
    pub kind: KindView,
    pub place: String,
    pub tags: Vec<TagView>,
    pub untranslated: bool,
    /// The language of the title and summary (the fallback's when untranslated).
    pub lang: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    pub title: String,
    pub url: String,
    pub author: String,
    pub publisher: String,
    pub date_text: String,
    /// The title's language when it is not the page's, else empty.
    pub lang: String,
}

/// `event` on event pages.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    #[serde(flatten)]
    pub summary: EventSummaryView,
    pub body_html: String,
    pub sources: Vec<SourceView>,
    pub toc: Vec<crate::render::markdown::TocEntry>,
    pub previous: Option<EventSummaryView>,
    pub next: Option<EventSummaryView>,
    /// schema.org JSON-LD, already escaped for a `<script>` element.
    pub json_ld: String,
}

/// `page` on standalone and docs pages.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub body_html: String,
    pub toc: Vec<crate::render::markdown::TocEntry>,
    pub previous: Option<LinkView>,
    pub next: Option<LinkView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearView {
    pub year: i32,
    pub events: Vec<EventSummaryView>,
}

/// `list` on kind, tag and year pages. Besides these fields it carries
/// `pagination` (a `PaginationView`) and, on year pages, `previous_year`
/// and `next_year` (`YearLinkView`s, absent at the ends).
#[derive(Debug, Clone, Serialize)]
pub struct ListView {
    pub title: String,
    /// `kind`, `tag` or `year`.
    pub by: String,
    pub id: String,
    /// This page's events, by year.
    pub years: Vec<YearView>,
    /// Events in the whole listing (every page).
    pub count: usize,
}

/// `list.pagination`: where this page sits among the listing's pages.
#[derive(Debug, Clone, Serialize)]
pub struct PaginationView {
    /// This page, from 1.
    pub number: usize,
    pub total: usize,
    /// Empty on the first / last page.
    pub previous_url: String,
    pub next_url: String,
    /// Every page of the listing (so any page is one click away).
    pub pages: Vec<PageLinkView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageLinkView {
    pub number: usize,
    pub url: String,
    pub is_current: bool,
}

/// A year with its own pages (sites over `timeline-limit`).
#[derive(Debug, Clone, Serialize)]
pub struct YearLinkView {
    pub year: i32,
    pub url: String,
    pub count: usize,
}

/// `year_bands` on a split home page: the years of each era.
#[derive(Debug, Clone, Serialize)]
pub struct YearBandView {
    pub era: Option<EraView>,
    pub years: Vec<YearLinkView>,
}

/// `search` on a search page (the readers' or the docs section's).
#[derive(Debug, Clone, Serialize)]
pub struct SearchView {
    /// The manifest of this page's index (loaded when the reader starts typing).
    pub index_url: String,
    pub script_url: String,
    /// The page's heading: "Search", or "Search: Docs" for the docs.
    pub title: String,
    /// `readers` (events and pages) or `docs` (the docs section only).
    pub scope: &'static str,
}

/// One language's wording of the 404 page (the page shows every language).
#[derive(Debug, Clone, Serialize)]
pub struct NotFoundView {
    pub lang: String,
    pub title: String,
    pub text: String,
    pub home_label: String,
    pub home_url: String,
}

/// Interface strings by key (`t.edit_page`).
pub type StringsView = BTreeMap<String, String>;

/// `charts`: every data file with `points`, drawn for the current language
/// (render/charts.rs). `svg_html` and `table_html` are ready to print with
/// `| safe`; `pages` lists the page slugs that show the chart.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    /// The data file's name (`trade`).
    pub name: String,
    /// A unique element id (`chart-trade`).
    pub id: String,
    pub title: String,
    pub description: String,
    pub unit: String,
    pub pages: Vec<String>,
    /// Where the numbers come from, plain text.
    pub source: String,
    pub svg_html: String,
    pub table_html: String,
}

/// `bands` on the timeline: consecutive years within one era (or outside
/// every era, when `era` is empty), so eras can be drawn as bands.
#[derive(Debug, Clone, Serialize)]
pub struct EraBandView {
    pub era: Option<EraView>,
    /// The heading level for the band's years: 3 under an era heading, else 2.
    pub year_heading: u8,
    pub years: Vec<YearView>,
}

/// `tags` on the timeline: every tag used, for the tag filter.
#[derive(Debug, Clone, Serialize)]
pub struct TagFilterView {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub count: usize,
}
