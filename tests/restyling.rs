//! Restyling without forking (issue 15): `additional-css` and
//! `additional-js` load a site's own files after the theme's, a bad entry
//! is an error at its line, and a static/style.css that replaces the
//! theme's stylesheet is said by `check`.

mod common;
use common::TestSite;

#[test]
fn additional_files_load_after_the_themes_on_every_page() {
    let site = TestSite::new("additional_assets");
    site.build().assert_ok();
    for page in [
        "index.html",
        "en/index.html",
        "events/2021-declaration/index.html",
    ] {
        let html = site.file(page);
        let theme = html.find("style.css\"").expect("theme stylesheet");
        let brand = html
            .find(r#"<link rel="stylesheet" href="/css/brand.css">"#)
            .unwrap_or_else(|| panic!("{page}: no additional stylesheet"));
        assert!(
            theme < brand,
            "{page}: the site's stylesheet must come after the theme's"
        );
        let script = html.find("yilnoma.js\"").expect("theme script");
        let extra = html
            .find(r#"<script src="/js/extra.js" defer></script>"#)
            .unwrap_or_else(|| panic!("{page}: no additional script"));
        assert!(
            script < extra,
            "{page}: the site's script must come after the theme's"
        );
    }
    assert!(site.out().join("css/brand.css").is_file());
    assert!(site.out().join("js/extra.js").is_file());
    // No warning: nothing of the theme is replaced.
    let check = site.run(&["check"]);
    assert_eq!(check.code(), 0, "{}", check.diagnostics());
    assert!(
        !check.diagnostics().contains("warning"),
        "{}",
        check.diagnostics()
    );
}

#[test]
fn a_bad_entry_is_an_error_at_its_line_and_nothing_is_written() {
    let site = TestSite::new("additional_assets");
    site.build().assert_ok();
    let before = site.file("index.html");
    let book = std::fs::read_to_string(site.root().join("book.toml")).unwrap();
    for (entry, message, hint) in [
        (
            "theme/custom.css",
            "`additional-css` lists `theme/custom.css`, which is not a file under static/",
            "such as `static/custom.css`",
        ),
        (
            "static/../book.toml",
            "`additional-css` lists `static/../book.toml`, which is not a file under static/",
            "static/",
        ),
        (
            "static/css/missing.css",
            "`additional-css` lists `static/css/missing.css`, but there is no such file",
            "create `static/css/missing.css`",
        ),
        (
            "static/js/extra.js",
            "`additional-css` lists `static/js/extra.js`, which is not a file of that kind",
            "only `.css` files",
        ),
    ] {
        site.write("book.toml", &book.replace("static/css/brand.css", entry));
        let run = site.build();
        run.assert_fails_with(&format!("book.toml:6:1: error: {message}"));
        assert!(run.diagnostics().contains(hint), "{}", run.diagnostics());
        assert_eq!(site.file("index.html"), before, "{entry}: output changed");
        site.run(&["check"]).assert_fails_with(message);
    }
}

#[test]
fn a_replaced_theme_stylesheet_is_said_but_allowed() {
    let site = TestSite::new("minimal");
    site.write("static/style.css", "body { color: black; }\n");
    let check = site.run(&["check"]);
    assert_eq!(check.code(), 0, "{}", check.diagnostics());
    let text = check.diagnostics();
    assert!(
        text.contains(
            "static/style.css:1:1: warning: static/style.css replaces the theme's whole stylesheet"
        ),
        "{text}"
    );
    assert!(
        text.contains("additional-css = [\"static/custom.css\"]"),
        "{text}"
    );
    site.build().assert_ok();
    assert_eq!(site.file("style.css"), "body { color: black; }\n");
}

#[test]
fn the_themes_own_stylesheet_exported_into_the_site_is_not_a_warning() {
    let site = TestSite::new("minimal");
    site.run(&["theme", "export"]).assert_ok();
    assert!(site.root().join("static/style.css").is_file());
    let check = site.run(&["check"]);
    assert_eq!(check.code(), 0, "{}", check.diagnostics());
    assert!(
        !check.diagnostics().contains("replaces"),
        "{}",
        check.diagnostics()
    );
}
