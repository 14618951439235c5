//! The docs section: front pages at `docs/`, sidebar order, English-only
//! pages, and the spelling check leaving code alone.

mod common;
use common::TestSite;

#[test]
fn docs_index_files_are_the_section_and_folder_front_pages() {
    let site = TestSite::new("docs_section");
    site.build().assert_ok();
    let uz = site.main_html("docs/index.html");
    assert!(uz.contains("<h1>Qo‘llanma</h1>"), "{uz}");
    assert!(
        uz.contains("href=\"/docs/intro/\"") && uz.contains("href=\"/docs/guide/\""),
        "links to `intro.md` and `guide/index.md` resolve: {uz}"
    );
    let en = site.main_html("en/docs/guide/index.html");
    assert!(en.contains("<h1>Section</h1>"), "{en}");
    assert!(
        en.contains("href=\"/en/docs/\""),
        "`../index.md` is docs/: {en}"
    );
    let head = site.file("en/docs/index.html");
    assert!(
        head.contains("hreflang=\"uz\" href=\"/docs/\""),
        "alternates use the folder URL: {head}"
    );
}

#[test]
fn docs_sidebar_follows_weight_and_links_neighbours() {
    let site = TestSite::new("docs_section");
    site.build().assert_ok();
    let en = site.main_html("en/docs/intro/index.html");
    let order: Vec<usize> = ["/en/docs/\"", "/en/docs/intro/\"", "/en/docs/guide/\""]
        .iter()
        .map(|url| en.find(url).unwrap_or_else(|| panic!("{url} in {en}")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{en}");
    assert!(
        en.contains("rel=\"prev\" class=\"prev\" href=\"/en/docs/\""),
        "{en}"
    );
    assert!(
        en.contains("rel=\"next\" class=\"next\" href=\"/en/docs/guide/\""),
        "{en}"
    );
}

#[test]
fn english_only_docs_page_has_notice_and_no_warning_by_default() {
    let site = TestSite::new("docs_section");
    let run = site.build();
    run.assert_ok();
    assert!(
        !run.diagnostics().contains("has no `uz` translation"),
        "{}",
        run.diagnostics()
    );
    let uz = site.main_html("docs/intro/index.html");
    assert!(uz.contains("tarjima qilinmagan"), "{uz}");
    assert!(
        uz.contains("lang=\"en\""),
        "the fallback is marked English: {uz}"
    );

    let strict = TestSite::new("docs_section");
    strict.write(
        "book.toml",
        "[book]\nlanguage = \"uz\"\n[language.uz]\n[language.en]\n[render]\ndocs-require-translation = true\n",
    );
    let run = strict.run(&["check"]);
    run.assert_ok();
    assert!(
        run.diagnostics()
            .contains("`intro` has no `uz` translation"),
        "{}",
        run.diagnostics()
    );
}

#[test]
fn apostrophes_in_inline_code_and_code_blocks_are_not_checked() {
    let site = TestSite::new("docs_section");
    let run = site.run(&["check"]);
    run.assert_ok();
    let printed = run.diagnostics();
    let warnings: Vec<&str> = printed
        .lines()
        .filter(|l| l.contains("apostrophe variant"))
        .collect();
    assert_eq!(
        warnings,
        ["content/docs/guide/index.uz.md:6:48: warning: apostrophe variant in `ma'lumot`"],
        "only the prose word is reported"
    );
}

#[test]
fn docs_page_and_folder_index_with_one_url_is_an_error() {
    let site = TestSite::new("docs_section");
    site.write(
        "content/docs/guide.en.md",
        "---\ntitle: \"Guide twin\"\n---\nText.\n",
    );
    site.run(&["check"])
        .assert_fails_with("`docs/guide` and `docs/guide/index` are the same page");
}
