//! The bundled Uzbekistan–Kazakhstan timeline itself (the repository root,
//! not a fixture): every event and page in both languages and agreeing,
//! every event citing the source article, and `check` clean (issue 3).

use std::path::Path;
use yilnoma::config::Config;
use yilnoma::content::front_matter::{self, RawEvent};
use yilnoma::content::Drafts;
use yilnoma::diag::{Diagnostic, Diagnostics, Severity};
use yilnoma::model::date::PartialDate;
use yilnoma::model::site::Site;

const ARTICLE_TITLE: &str = "O‘zbekiston – Qozog‘iston: strategik hamkorlik va ittifoqchilik munosabatlarini mustahkamlash yo‘lida";
const ARTICLE_AUTHOR: &str = "Bekzod Normatov";
const ARTICLE_DATE: &str = "2025-11";
/// The article's publisher, as each language writes it.
const ARTICLE_PUBLISHERS: &[(&str, &str)] = &[
    (
        "uz",
        "O‘zbekiston Respublikasi Prezidenti huzuridagi Strategik va mintaqalararo tadqiqotlar instituti",
    ),
    (
        "en",
        "Institute for Strategic and Regional Studies under the President of the Republic of Uzbekistan",
    ),
];
/// Guide pages editors need, so they must exist in every language.
const EDITOR_DOCS: &[&str] = &[
    "index",
    "adding-an-event",
    "front-matter",
    "links-and-markdown",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled site with drafts, so nothing hides from these checks.
fn load() -> (Config, Site) {
    let diagnostics = Diagnostics::new();
    let config = yilnoma::config::load(root(), &diagnostics).expect("book.toml loads");
    let site = yilnoma::content::load(&config, Drafts::Include, &diagnostics);
    assert!(!diagnostics.has_errors(), "{}", diagnostics.render(root()));
    (config, site)
}

fn languages(config: &Config) -> Vec<String> {
    config.languages.iter().map(|l| l.code.clone()).collect()
}

#[test]
fn bundled_site_is_uzbek_first_then_english() {
    let (config, _) = load();
    assert_eq!(languages(&config), ["uz", "en"]);
}

#[test]
fn every_event_exists_in_both_languages_with_the_same_date_and_kind() {
    let (config, site) = load();
    assert!(
        site.events.len() >= 10,
        "the article has at least ten dated milestones"
    );
    for event in &site.events {
        for lang in languages(&config) {
            let text = event
                .texts
                .get(&lang)
                .unwrap_or_else(|| panic!("event `{}` has no `{lang}` file", event.slug));
            // Read each file's own front matter: the model keeps one date per event.
            let source = std::fs::read_to_string(&text.source.path).unwrap();
            let split = front_matter::split(&source).unwrap();
            let raw: RawEvent = front_matter::parse(&split).unwrap();
            let file = text.source.relative.as_str();
            assert_eq!(
                PartialDate::parse(&raw.date.0),
                Ok(event.date),
                "{file}: date"
            );
            assert_eq!(
                raw.end_date.map(|d| PartialDate::parse(&d.0).unwrap()),
                event.end_date,
                "{file}: end_date"
            );
            assert_eq!(raw.kind, event.kind, "{file}: kind");
            assert!(!text.title.trim().is_empty(), "{file}: title");
            assert!(!text.summary.trim().is_empty(), "{file}: summary");
        }
    }
}

#[test]
fn every_page_exists_in_both_languages() {
    let (config, site) = load();
    let slugs: Vec<&str> = site.pages.iter().map(|p| p.slug.as_str()).collect();
    for expected in [
        "about",
        "sources",
        "economy",
        "transport-energy",
        "people-education",
    ] {
        assert!(
            slugs.contains(&expected),
            "page `{expected}` is missing: {slugs:?}"
        );
    }
    for page in &site.pages {
        for lang in languages(&config) {
            assert!(
                page.texts.contains_key(&lang),
                "page `{}` has no `{lang}` file",
                page.slug
            );
        }
    }
}

#[test]
fn editor_guide_exists_in_both_languages_and_starts_at_docs() {
    let (config, site) = load();
    assert_eq!(
        site.docs.first().map(|p| p.slug.as_str()),
        Some("index"),
        "the guide's front page comes first in the sidebar"
    );
    for slug in EDITOR_DOCS {
        let page = site
            .docs
            .iter()
            .find(|p| p.slug == *slug)
            .unwrap_or_else(|| panic!("guide page `{slug}` is missing"));
        for lang in languages(&config) {
            assert!(
                page.texts.contains_key(&lang),
                "guide page `{slug}` has no `{lang}` file"
            );
        }
    }
}

#[test]
fn every_event_cites_the_source_article() {
    let (_, site) = load();
    let article_date = PartialDate::parse(ARTICLE_DATE).unwrap();
    for event in &site.events {
        for (lang, text) in &event.texts {
            let file = text.source.relative.as_str();
            let publisher = ARTICLE_PUBLISHERS
                .iter()
                .find(|(l, _)| l == lang)
                .map(|(_, p)| *p)
                .unwrap_or_else(|| panic!("{file}: no known publisher name in `{lang}`"));
            let cited = text.sources.iter().any(|s| {
                s.title == ARTICLE_TITLE
                    && s.author.as_deref() == Some(ARTICLE_AUTHOR)
                    && s.publisher.as_deref() == Some(publisher)
                    && s.date == Some(article_date)
            });
            assert!(
                cited,
                "{file}: `sources` must cite the article (title, author `{ARTICLE_AUTHOR}`, publisher `{publisher}`, date {ARTICLE_DATE})"
            );
        }
    }
}

#[test]
fn check_reports_no_errors_apostrophe_warnings_or_missing_translations() {
    let diagnostics = yilnoma::cmd::check::check(root(), Drafts::Exclude);
    let shown = diagnostics.render(root());
    let sorted: Vec<Diagnostic> = diagnostics.sorted();
    let errors: Vec<_> = sorted.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{shown}");
    let apostrophes: Vec<_> = sorted
        .iter()
        .filter(|d| d.message.contains("apostrophe"))
        .collect();
    assert!(apostrophes.is_empty(), "{shown}");
    let content = root().join("content");
    let untranslated: Vec<_> = sorted
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.message.contains("translation"))
        .filter(|d| {
            d.path.starts_with(content.join("events")) || d.path.starts_with(content.join("pages"))
        })
        .collect();
    assert!(untranslated.is_empty(), "{shown}");
}
