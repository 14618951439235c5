//! End-to-end: build fixture sites with the real binary and read the output.

mod common;
use common::TestSite;

#[test]
fn bilingual_pairs_render_in_both_languages() {
    let site = TestSite::new("minimal");
    site.build().assert_ok();
    let uz = site.main_html("events/2021-declaration/index.html");
    let en = site.main_html("en/events/2021-declaration/index.html");
    assert!(uz.contains("2021-yil 6-dekabr"), "{uz}");
    assert!(en.contains("6 December 2021"), "{en}");
    assert!(
        en.contains("href=\"/en/events/2022-treaty/\""),
        "links resolve in the page's language: {en}"
    );
    let head = site.file("en/events/2021-declaration/index.html");
    assert!(head.contains("<html lang=\"en\">"));
    assert!(head.contains("hreflang=\"uz\" href=\"/events/2021-declaration/\""));
    assert!(head.contains("hreflang=\"x-default\""));
}

#[test]
fn missing_translation_is_published_with_notice_and_warned() {
    let site = TestSite::new("minimal");
    let run = site.build();
    run.assert_ok();
    assert!(
        run.diagnostics()
            .contains("`2022-treaty` has no `en` translation"),
        "{}",
        run.diagnostics()
    );
    let en = site.main_html("en/events/2022-treaty/index.html");
    assert!(en.contains("not been translated"), "{en}");
    assert!(
        en.contains("Matn.") && en.contains("lang=\"uz\""),
        "fallback text is marked as Uzbek: {en}"
    );
    assert!(en.contains("February–March 2022"), "{en}");
}

#[test]
fn sub_path_base_url_prefixes_every_link() {
    let site = TestSite::new("minimal");
    site.run(&["build", "--base-url", "https://user.github.io/repo/"])
        .assert_ok();
    let html = site.file("en/index.html");
    assert!(html.contains("href=\"/repo/style.css\""));
    assert!(
        html.contains("href=\"https://user.github.io/repo/en/\""),
        "canonical is absolute"
    );
    assert!(
        !html.contains("href=\"/en/"),
        "no link escapes the sub-path"
    );
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let site = TestSite::new("minimal");
    site.build().assert_ok();
    let before = site.file("index.html");
    site.write(
        "content/events/bad.uz.md",
        "---\ntitle: x\ndate: 2022-13-40\nkind: treaty\n---\n",
    );
    site.build()
        .assert_fails_with("content/events/bad.uz.md:3:7: error: `date`");
    assert_eq!(site.file("index.html"), before);
}
