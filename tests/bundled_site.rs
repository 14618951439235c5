//! The bundled Uzbekistan–Kazakhstan timeline itself (the repository root,
//! not a fixture): every event and page in both languages and agreeing,
//! every event citing a source with a URL, the seed article cited without a
//! publisher or date nothing states, every kind in use, and `check` clean
//! (issues 3 and 14).

use std::path::Path;
use yilnoma::config::Config;
use yilnoma::content::front_matter::{self, RawEvent};
use yilnoma::content::Drafts;
use yilnoma::diag::{Diagnostic, Diagnostics, Severity};
use yilnoma::model::date::PartialDate;
use yilnoma::model::site::Site;

const ARTICLE_TITLE: &str = "O‘zbekiston – Qozog‘iston: strategik hamkorlik va ittifoqchilik munosabatlarini mustahkamlash yo‘lida";
const ARTICLE_AUTHOR: &str = "Bekzod Normatov";
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
fn bundled_site_is_uzbek_first_then_english_then_uzbek_cyrillic() {
    let (config, _) = load();
    assert_eq!(languages(&config), ["uz", "en", "uz-Cyrl"]);
    let cyrillic = &config.languages[2].transliterate;
    assert_eq!(cyrillic.as_ref().map(|t| t.from.as_str()), Some("uz"));
}

#[test]
fn every_event_exists_in_both_languages_with_the_same_date_and_kind() {
    let (config, site) = load();
    assert!(
        site.events.len() >= 40,
        "issue 14 asks for at least 40 events, 1992–2025 ({} found)",
        site.events.len()
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
fn every_event_cites_a_source_with_a_url_and_the_article_only_as_it_is_known() {
    let (_, site) = load();
    for event in &site.events {
        for text in event.texts.values() {
            let file = text.source.relative.as_str();
            assert!(
                text.sources.iter().any(|s| s.url.is_some()),
                "{file}: at least one source needs a `url`"
            );
            for source in text.sources.iter().filter(|s| s.title == ARTICLE_TITLE) {
                // Nothing states where or when the article was published: cite
                // it by its author and title alone.
                assert_eq!(source.author.as_deref(), Some(ARTICLE_AUTHOR), "{file}");
                assert!(
                    source.publisher.is_none() && source.date.is_none() && source.url.is_none(),
                    "{file}: the article has no known publisher, date or address"
                );
            }
        }
    }
}

#[test]
fn events_span_1992_to_2025_and_every_declared_kind_has_events() {
    let (config, site) = load();
    let years: Vec<i32> = site.events.iter().map(|e| e.date.year).collect();
    assert_eq!(
        years.iter().min(),
        Some(&1992),
        "the timeline starts with 1992"
    );
    assert!(years.iter().all(|y| (1992..=2025).contains(y)), "{years:?}");
    for kind in &config.kinds {
        assert!(
            site.events.iter().any(|e| e.kind == kind.id),
            "kind `{}` is declared in book.toml but no event uses it",
            kind.id
        );
    }
}

#[test]
fn english_summaries_of_past_events_are_not_in_the_future_tense() {
    let (_, site) = load();
    for event in &site.events {
        let Some(text) = event.texts.get("en") else {
            continue;
        };
        let summary = format!(" {} ", text.summary);
        for phrase in [
            " will ",
            " is to ",
            " are to ",
            " forthcoming ",
            " upcoming ",
        ] {
            assert!(
                !summary.contains(phrase),
                "{}: summary says `{}`: every bundled event is in the past",
                text.source.relative,
                phrase.trim()
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
