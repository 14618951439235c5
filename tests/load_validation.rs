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
