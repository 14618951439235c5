//! The loader on small sites written to a temp folder: each case one file
//! or pair of files, asserting the loaded values or the diagnostic and its
//! line.

use super::*;
use crate::diag::Diagnostic;

const BOOK: &str = "[book]\ntitle = \"T\"\nlanguage = \"uz\"\n[language.uz]\n[language.en]\n\
                    [kind.visit]\nlabel = { uz = \"Tashrif\", en = \"Visit\" }\n";

/// Loads a site of `files` (path under content/ → text), drafts excluded.
fn load_site(files: &[(&str, &str)]) -> (Site, Vec<Diagnostic>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("book.toml"), BOOK).unwrap();
    for (file, text) in files {
        let path = dir.path().join("content").join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let diagnostics = Diagnostics::new();
    let config = crate::config::load(dir.path(), &diagnostics).unwrap();
    let site = load(&config, Drafts::Exclude, &diagnostics);
    (site, diagnostics.sorted())
}

fn event(date: &str, extra: &str) -> String {
    format!("---\ntitle: \"Tashrif\"\ndate: {date}\nkind: visit\nsummary: \"Qisqa.\"\n{extra}---\nMatn.\n")
}

fn errors(diags: &[Diagnostic]) -> Vec<&Diagnostic> {
    diags.iter().filter(|d| d.is_error()).collect()
}

#[test]
fn a_translated_event_is_one_event_with_two_texts() {
    let (site, diags) = load_site(&[
        ("events/2021-visit.uz.md", &event("2021-03-05", "")),
        ("events/2021-visit.en.md", &event("2021-03-05", "")),
    ]);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(site.events.len(), 1);
    let visit = &site.events[0];
    assert_eq!(visit.slug, "2021-visit");
    assert_eq!(visit.date.to_string(), "2021-03-05");
    assert_eq!(visit.texts.keys().collect::<Vec<_>>(), ["en", "uz"]);
    assert_eq!(visit.texts["uz"].source.body_line, 7);
    assert_eq!(
        visit.texts["uz"].source.relative,
        "content/events/2021-visit.uz.md"
    );
}

#[test]
fn each_event_problem_is_an_error_at_its_key() {
    // (file text, message part, line)
    let cases = [
        (event("2021-13", ""), "`date`", 3),
        (
            event("2021", "end_date: 2020\n"),
            "`end_date` 2020 is before `date` 2021",
            6,
        ),
        (
            event("2021", "").replace("kind: visit", "kind: Tashrif"),
            "`Tashrif`",
            4,
        ),
        (
            event(
                "2021",
                "sources:\n  - title: \"Manba\"\n    url: \"ftp://x.io/a\"\n",
            ),
            "source `Manba` is not a web address",
            8,
        ),
        (
            event("2021", "").replace("\"Tashrif\"", "\"\""),
            "the title is empty",
            2,
        ),
        (event("2021", "dat: 2\n"), "unknown key `dat`", 6),
    ];
    for (text, message, line) in cases {
        let (_, diags) = load_site(&[
            ("events/x.uz.md", &text),
            ("events/x.en.md", &event("2021", "")),
        ]);
        let found: Vec<_> = errors(&diags)
            .into_iter()
            .filter(|d| d.path.ends_with("x.uz.md"))
            .collect();
        assert_eq!(found.len(), 1, "{message}: {diags:?}");
        assert!(
            found[0].message.contains(message),
            "{message}: {}",
            found[0].message
        );
        assert_eq!(found[0].line, line, "{message}");
        assert!(found[0].hint.is_some(), "{message}");
    }
}

#[test]
fn too_many_tags_are_an_error_at_the_tags_line() {
    let tags: Vec<String> = (0..=MAX_TAGS_PER_EVENT).map(|n| format!("t{n}")).collect();
    let text = event("2021", &format!("tags: [{}]\n", tags.join(", ")));
    let (_, diags) = load_site(&[("events/x.uz.md", &text)]);
    let found = errors(&diags);
    assert_eq!(found.len(), 1, "{diags:?}");
    assert_eq!(found[0].line, 6);
}

#[test]
fn translations_that_disagree_on_the_date_are_an_error_in_the_other_file() {
    let (_, diags) = load_site(&[
        ("events/x.uz.md", &event("2021", "")),
        ("events/x.en.md", &event("2022", "")),
    ]);
    let found = errors(&diags);
    assert_eq!(found.len(), 1, "{diags:?}");
    assert!(found[0].path.ends_with("x.en.md"));
    assert_eq!(found[0].line, 3);
    assert!(
        found[0].message.contains("`date` is 2022 here but 2021"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_missing_translation_is_a_warning_naming_the_file_to_add() {
    let (site, diags) = load_site(&[("events/x.uz.md", &event("2021", ""))]);
    assert_eq!(site.events.len(), 1);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(!diags[0].is_error());
    assert!(diags[0].hint.as_deref().unwrap_or("").contains("`x.en.md`"));
}

#[test]
fn drafts_are_left_out_and_sorted_by_date() {
    let (site, _) = load_site(&[
        ("events/b.uz.md", &event("2020", "")),
        ("events/a.uz.md", &event("2022", "")),
        ("events/c.uz.md", &event("2021", "draft: true\n")),
    ]);
    let slugs: Vec<_> = site.events.iter().map(|e| e.slug.as_str()).collect();
    assert_eq!(slugs, ["b", "a"]);
}

#[test]
fn a_page_may_not_be_named_like_a_language_or_a_route() {
    let page = "---\ntitle: \"Sahifa\"\n---\nMatn.\n";
    for (file, message) in [
        ("pages/en.uz.md", "it is a language code"),
        ("pages/tags.uz.md", "the site uses that path"),
    ] {
        let (_, diags) = load_site(&[(file, page)]);
        let found = errors(&diags);
        assert_eq!(found.len(), 1, "{file}: {diags:?}");
        assert!(
            found[0].message.contains(message),
            "{file}: {}",
            found[0].message
        );
    }
    let (site, diags) = load_site(&[("pages/about.uz.md", page), ("pages/about.en.md", page)]);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(site.pages[0].texts["uz"].title, "Sahifa");
}

#[test]
fn a_file_that_is_not_utf8_is_an_error_at_the_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.md");
    std::fs::write(&path, b"---\ntitle: \"Ch\xe9gara\"\n---\n").unwrap();
    let diagnostics = Diagnostics::new();
    assert_eq!(read::read_text(&path, &diagnostics), None);
    let diags = diagnostics.sorted();
    assert_eq!((diags[0].line, diags[0].column), (2, 11), "{diags:?}");
}

#[test]
fn an_apostrophe_variant_in_uzbek_is_a_warning_at_its_column() {
    let text = event("2021", "").replace("Matn.", "Bu O'zbekiston haqida.");
    let (_, diags) = load_site(&[
        ("events/x.uz.md", &text),
        ("events/x.en.md", &event("2021", "")),
    ]);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(!diags[0].is_error());
    // The column of the apostrophe itself.
    assert_eq!((diags[0].line, diags[0].column), (7, 5), "{diags:?}");
}
