//! Issue 13: validation that belongs to loading happens at load, whatever
//! the pages hold: each mistake is an error at its own book.toml or content
//! line with a hint, exit 1, and the previous output left as it was.

mod common;
use common::unchanged::fails_and_keeps_everything;

#[test]
fn an_era_date_error_points_at_its_own_line() {
    let good = std::fs::read_to_string("tests/fixtures/era_bad_date/book.toml")
        .unwrap()
        .replace("\"2024-13\"", "\"2024-12\"");
    let messages = fails_and_keeps_everything(
        "era_bad_date",
        &[("book.toml", Some(&good))],
        "era `alliance`: `end`:",
    );
    assert!(messages.contains("book.toml:25:1: error:"), "{messages}");
    assert!(
        messages.contains("`2016`, `2021-12` or `2021-12-05`"),
        "{messages}"
    );
}

#[test]
fn an_unknown_code_theme_is_an_error_without_any_code_on_the_pages() {
    let good = std::fs::read_to_string("tests/fixtures/code_theme_unknown/book.toml")
        .unwrap()
        .replace("\"Inspired GitHub\"", "\"InspiredGitHub\"");
    let messages = fails_and_keeps_everything(
        "code_theme_unknown",
        &[("book.toml", Some(&good))],
        "`code-theme-light`: there is no code theme `Inspired GitHub`",
    );
    assert!(messages.contains("book.toml:18:1: error:"), "{messages}");
    assert!(
        messages.contains("did you mean `InspiredGitHub`?"),
        "{messages}"
    );
    // Reported once, by the loader, not again by the stylesheet.
    assert_eq!(
        messages.matches("`Inspired GitHub`").count(),
        1,
        "{messages}"
    );
}

#[test]
fn the_code_themes_config_accepts_are_the_ones_syntect_ships() {
    let mut shipped = yilnoma::render::highlight::theme_names();
    shipped.sort();
    assert_eq!(shipped, yilnoma::config::CODE_THEMES);
}

/// Issue 16: a line break in `site-url` would write a line of its own
/// (`Sitemap: https://evil.example/…`) into robots.txt.
#[test]
fn a_site_url_with_a_line_break_is_an_error_not_a_robots_line() {
    let good = std::fs::read_to_string("tests/fixtures/url_site_newline/book.toml")
        .unwrap()
        .replace("\\nSitemap: https://evil.example/s.xml", "");
    let messages = fails_and_keeps_everything(
        "url_site_newline",
        &[("book.toml", Some(&good))],
        "`site-url` contains the invisible character U+000A",
    );
    assert!(messages.contains("book.toml:6:1: error:"), "{messages}");
    assert!(messages.contains("hint: write a web address"), "{messages}");
}

/// Issue 16: a zero-width space inside `javascript:` hid it from the old check.
#[test]
fn an_edit_url_template_with_an_invisible_character_in_javascript_is_refused() {
    let good = std::fs::read_to_string("tests/fixtures/url_edit_invisible/book.toml")
        .unwrap()
        .replace(
            "java\\u200Bscript:alert(document.domain)//{path}",
            "https://github.com/u/r/edit/main/content/{path}",
        );
    let messages = fails_and_keeps_everything(
        "url_edit_invisible",
        &[("book.toml", Some(&good))],
        "`edit-url-template` is a `javascript:` address",
    );
    assert!(messages.contains("book.toml:6:1: error:"), "{messages}");
    assert!(
        messages.contains("`{path}` where the file's path goes"),
        "{messages}"
    );
}

/// Issue 16: `--base-url javascript://…` became the site URL of every feed,
/// sitemap entry and canonical link. It is a usage error (exit 2) now,
/// before anything is read or written.
#[test]
fn a_script_base_url_is_a_usage_error_and_writes_nothing() {
    let site = common::TestSite::new("minimal");
    site.build().assert_ok();
    let before = common::unchanged::snapshot(site.root());
    for base in [
        "javascript://x.io/%0Aalert(1)",
        "https://x.io/\nrepo/",
        "ftp://x.io/",
    ] {
        let run = site.run(&["build", "--base-url", base]);
        assert_eq!(run.code(), 2, "{base:?}: {}", run.diagnostics());
        let messages = run.diagnostics();
        assert!(messages.contains("`--base-url`"), "{messages}");
        assert!(messages.contains("hint: pass a web address"), "{messages}");
        assert_eq!(common::unchanged::snapshot(site.root()), before, "{base:?}");
    }
    for base in ["/repo/", "https://u.github.io/repo/"] {
        site.run(&["build", "--base-url", base]).assert_ok();
    }
}

/// A data file's name is an id (the chart's `chart-NAME`, the key
/// templates read it by): validated like kind ids and slugs.
#[test]
fn a_data_file_name_that_is_not_a_slug_is_an_error() {
    let messages = fails_and_keeps_everything(
        "data_name_not_slug",
        &[("content/data/Savdo 2024.yaml", None)],
        "data file name: slug `Savdo 2024` may only hold",
    );
    assert!(
        messages.contains("content/data/Savdo 2024.yaml:1:1: error:"),
        "{messages}"
    );
    assert!(
        messages.contains("rename the file to `savdo-2024.yaml`"),
        "{messages}"
    );
}
