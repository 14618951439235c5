//! Issue 18: every language a site declares gets its interface. Sites in
//! French and German, and in Russian and Kazakh, build with no English
//! interface text on any page, with each language's dates.

mod common;

use common::TestSite;
use std::collections::BTreeMap;
use std::path::Path;

fn strings(code: &str) -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("templates/i18n/{code}.toml"));
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A two-language site with one event per language, a range and a partial date.
fn site(first: &str, second: &str) -> TestSite {
    let site = TestSite::empty();
    site.write(
        "book.toml",
        &format!(
            "[book]\ntitle = \"T\"\nlanguage = \"{first}\"\n[language.{first}]\ntitle = \"Site {first}\"\n\
             [language.{second}]\ntitle = \"Site {second}\"\n\
             [kind.treaty]\nlabel = {{ {first} = \"K-{first}\", {second} = \"K-{second}\" }}\n"
        ),
    );
    for code in [first, second] {
        site.write(
            &format!("content/events/1963-a.{code}.md"),
            &format!("---\ntitle: \"Alpha {code}\"\ndate: 1963-01-22\nkind: treaty\ntags: [\"t{code}\"]\nsummary: \"S {code}.\"\n---\n\nBody {code}.\n"),
        );
        site.write(
            &format!("content/events/1964-b.{code}.md"),
            &format!("---\ntitle: \"Beta {code}\"\ndate: 1964-03\nend_date: 1964-05\nkind: treaty\nsummary: \"S {code}.\"\n---\n\nBody {code}.\n"),
        );
    }
    site
}

fn html_pages(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            html_pages(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

/// English interface texts that must not appear on the site's pages: every
/// English string (placeholders cut out) that the site's languages do not
/// also use for themselves.
fn english_texts(codes: &[&str]) -> Vec<String> {
    let own: Vec<String> = codes
        .iter()
        .flat_map(|c| strings(c).into_values())
        .collect();
    let mut texts = Vec::new();
    for (key, value) in strings("en") {
        if key == "og_locale" || key == "decimal_separator" || key.starts_with("date_") {
            continue;
        }
        for piece in value.split(['{', '}']).step_by(2) {
            let piece = piece.trim_matches(|c: char| c.is_whitespace() || c == '–' || c == ',');
            if piece.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && !own.iter().any(|o| o.contains(piece))
            {
                texts.push(piece.to_string());
            }
        }
    }
    texts
}

fn assert_no_english(site: &TestSite, codes: &[&str]) {
    let mut pages = Vec::new();
    html_pages(&site.out(), &mut pages);
    assert!(pages.len() >= 10, "{} pages", pages.len());
    let texts = english_texts(codes);
    assert!(texts.iter().any(|t| t == "Skip to content"), "{texts:?}");
    let mut found = Vec::new();
    for (path, html) in &pages {
        for text in &texts {
            if contains_word(html, text) {
                found.push(format!("{path}: {text}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "English interface text:\n{}",
        found.join("\n")
    );
}

/// `text` as a whole word (not inside `startDate`, `inLanguage` or an id
/// such as `search-results`).
fn contains_word(html: &str, text: &str) -> bool {
    let joins = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_');
    html.match_indices(text).any(|(at, _)| {
        !joins(html[..at].chars().next_back()) && !joins(html[at + text.len()..].chars().next())
    })
}

#[test]
fn french_and_german_site_has_no_english_interface_text() {
    let site = site("fr", "de");
    site.build().assert_ok();
    assert_no_english(&site, &["fr", "de"]);
    let fr = site.file("events/1963-a/index.html");
    assert!(fr.contains("22 janvier 1963"), "{fr}");
    let de = site.file("de/events/1964-b/index.html");
    assert!(de.contains("März–Mai 1964"), "{de}");
    let de_home = site.file("de/index.html");
    assert!(de_home.contains("22. Januar 1963"));
    assert!(de_home.contains("Chronik"));
}

#[test]
fn russian_and_kazakh_site_has_no_english_interface_text() {
    let site = site("ru", "kk");
    site.build().assert_ok();
    assert_no_english(&site, &["ru", "kk"]);
    let ru = site.file("events/1963-a/index.html");
    assert!(ru.contains("22 января 1963 г."), "{ru}");
    let ru_range = site.file("events/1964-b/index.html");
    assert!(ru_range.contains("март–май 1964 г."), "{ru_range}");
    let kk = site.file("kk/events/1963-a/index.html");
    assert!(kk.contains("1963 ж. 22 қаңтар"), "{kk}");
}

#[test]
fn check_warns_about_a_language_without_strings() {
    let site = site("fr", "it");
    let run = site.run(&["check"]);
    assert_eq!(run.code(), 0, "{}", run.diagnostics());
    let text = run.diagnostics();
    assert!(
        text.contains("book.toml")
            && text.contains("language `it` has no built-in interface strings"),
        "{text}"
    );
    assert!(text.contains("fall back to English"), "{text}");
}

/// Italian and Polish: no built-in strings and no date patterns in the
/// site's strings files, so every date is CLDR's, through ICU4X.
#[test]
fn languages_without_date_patterns_get_cldr_dates() {
    let site = TestSite::new("languages_cldr");
    site.build().assert_ok();
    let cases = [
        ("events/1963-a/index.html", "22 gennaio 1963"),
        ("events/1964-b/index.html", "marzo – maggio 1964"),
        ("events/1965-c/index.html", "1965"),
        ("events/2025-d/index.html", "14 novembre – 16 novembre 2025"),
        ("pl/events/1963-a/index.html", "22 stycznia 1963"),
        ("pl/events/1964-b/index.html", "marzec – maj 1964"),
        (
            "pl/events/2025-d/index.html",
            "14 listopada – 16 listopada 2025",
        ),
    ];
    for (page, date) in cases {
        let html = site.main_html(page);
        assert!(html.contains(date), "{page} lacks {date}:\n{html}");
    }
    // English's month names and patterns do not leak in.
    for page in ["events/1963-a/index.html", "pl/events/1963-a/index.html"] {
        let html = site.main_html(page);
        assert!(!html.contains("January"), "{page}:\n{html}");
    }
}

/// A site's own strings with fewer plural forms than CLDR gives the
/// language: `check` names the file, the missing keys and example counts.
#[test]
fn check_names_missing_plural_forms() {
    let site = TestSite::new("languages_cldr");
    let run = site.run(&["check"]);
    assert_eq!(run.code(), 0, "{}", run.diagnostics());
    let text = run.without_snippets();
    assert!(
        text.contains("i18n/pl.toml")
            && text.contains("`events_count` for `pl` lacks the plural forms `events_count_few`, `events_count_many`: counts such as 2, 3, 4, 0, 5, 6 take the `events_count_other` form instead"),
        "{text}"
    );
    // Italian writes all of its forms; CLDR supplies the dates, so the
    // missing-strings warning does not ask for them.
    assert!(!text.contains("`events_count` for `it`"), "{text}");
    assert!(
        !text.contains("`date_day`") && !text.contains("`month_1`"),
        "{text}"
    );
    let uz = site
        .run(&["check", "--messages-lang", "uz"])
        .without_snippets();
    assert!(
        uz.contains("`pl` tilidagi `events_count` uchun `events_count_few`, `events_count_many` ko‘plik shakllari yetishmaydi"),
        "{uz}"
    );
}
