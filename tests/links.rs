//! Issue 13: links and images in Markdown bodies are checked against what
//! the build publishes. A link to a page, file or heading that does not
//! exist is an error at its line and column, with the nearest existing
//! target as the hint; links with a scheme are never checked.

mod common;

use common::unchanged::fails_and_keeps_everything;
use common::TestSite;

#[test]
fn every_kind_of_working_link_builds() {
    let site = TestSite::new("links_ok");
    site.build().assert_ok();
    // Root-relative addresses get the base path, relative ones stay.
    let run = site.run(&["build", "--base-url", "/repo/"]);
    run.assert_ok();
    let html = site.main_html("en/events/2021-declaration/index.html");
    for href in [
        "href=\"/repo/en/events/2022-treaty/#text\"",
        "href=\"/repo/en/kinds/treaty/\"",
        "href=\"/repo/en/tags/alliance/\"",
        "href=\"/repo/en/atom.xml\"",
        "href=\"/repo/files/a%20report.pdf\"",
        "href=\"../2022-treaty/\"",
        "href=\"mailto:info@example.org\"",
        "src=\"/repo/img/map.png\"",
    ] {
        assert!(html.contains(href), "{href} in:\n{html}");
    }
}

#[test]
fn a_link_to_a_page_that_does_not_exist_names_the_nearest_page() {
    let site = TestSite::new("link_missing_page");
    let run = site.build();
    run.assert_fails_with(
        "content/events/x.en.md:10:5: error: link to `/en/events/2022-traety/`: \
         this site has no page `/en/events/2022-traety/`\n  \
         hint: did you mean `/en/events/2022-treaty/`?",
    );
    assert!(!site.out().exists(), "nothing is written");
}

#[test]
fn a_link_that_repeats_the_base_path_says_to_drop_it() {
    let site = TestSite::new("link_missing_page");
    site.run(&["build", "--base-url", "/repo/"])
        .assert_fails_with(
            "content/events/x.en.md:10:47: error: link to `/repo/en/about/`: \
         this site has no page `/repo/en/about/`\n  \
         hint: write `/en/about/`: Yilnoma adds the base path `/repo/` itself",
        );
}

#[test]
fn relative_links_are_read_from_the_page_address() {
    let site = TestSite::new("link_missing_relative");
    let run = site.build();
    run.assert_fails_with(
        "content/docs/front-matter.en.md:5:5: error: link to `../guid/`: \
         this site has no page `/en/docs/guid/`\n  hint: did you mean `/en/docs/guide/`?",
    );
    run.assert_fails_with(
        "content/docs/front-matter.en.md:5:30: error: link to `../../../../x/` leads outside the site",
    );
    // The Uzbek copy of the untranslated page repeats the same broken
    // link at another address (`/docs/guid/`): reported once, not twice.
    assert_eq!(
        run.diagnostics().matches("error:").count(),
        2,
        "{}",
        run.diagnostics()
    );
}

#[test]
fn anchors_must_be_heading_ids_of_their_page() {
    let run = TestSite::new("link_missing_anchor").build();
    run.assert_fails_with(
        "content/events/x.en.md:10:9: error: link to `#signin`: \
         that page has no heading with the id `signin`\n  hint: did you mean `#signing`?",
    );
    run.assert_fails_with(
        "content/events/x.en.md:11:5: error: link to `2022-treaty.md#txt`: \
         that page has no heading with the id `txt`\n  hint: did you mean `#text`?",
    );
    run.assert_fails_with(
        "content/events/x.en.md:11:35: error: link to `/en/events/2022-treaty/#txt`: \
         that page has no heading with the id `txt`\n  hint: did you mean `#text`?",
    );
}

#[test]
fn a_missing_image_names_the_static_file_it_may_mean() {
    TestSite::new("link_missing_image")
        .build()
        .assert_fails_with(
            "content/events/x.en.md:10:1: error: link to `images/map.png`: \
         this site publishes no file `/en/events/x/images/map.png`\n  \
         hint: did you mean `/img/map.png`?",
        )
        .assert_fails_with(
            "content/events/x.en.md:12:11: error: link to `/img/mapp.png`: \
         this site publishes no file `/img/mapp.png`\n  \
         hint: did you mean `/img/map.png`?",
        );
}

/// Every broken-link case, after a good build of the same site: exit 1,
/// the error at its line and column with a hint, the previous output and
/// the site folder byte for byte as they were, nothing written beside it.
#[test]
fn a_broken_link_keeps_the_last_good_site() {
    let event =
        "---\ntitle: \"X\"\ndate: 2022-12-22\nkind: treaty\nsummary: \"S.\"\n---\n\nNo links.\n";
    let cases = [
        // A root-relative address without `.md` to a page that is not there.
        (
            "link_missing_page",
            "content/events/x.en.md",
            event,
            "link to `/en/events/2022-traety/`",
        ),
        // Relative, without `.md`.
        (
            "link_missing_relative",
            "content/docs/front-matter.en.md",
            "---\ntitle: \"Front matter\"\n---\n\nNo links.\n",
            "link to `../guid/`",
        ),
        // A heading anchor that does not exist.
        (
            "link_missing_anchor",
            "content/events/x.en.md",
            event,
            "link to `#signin`",
        ),
        // Images, beside the page and from the root.
        (
            "link_missing_image",
            "content/events/x.en.md",
            event,
            "link to `images/map.png`",
        ),
        (
            "link_missing_image",
            "content/events/x.en.md",
            event,
            "link to `/img/mapp.png`",
        ),
        // A file beside the page that is not published.
        (
            "link_missing_file",
            "content/events/x.en.md",
            event,
            "link to `files/report.pdf`",
        ),
        // A `.md` link to a content file that does not exist.
        (
            "broken_internal_link",
            "content/events/x.uz.md",
            "---\ntitle: \"Chegara\"\ndate: 2022\nkind: treaty\nsummary: \"Qisqa.\"\n---\nMatn.\n",
            "link to `2022-treaty.md`: no such content file",
        ),
    ];
    for (fixture, file, good, expected) in cases {
        fails_and_keeps_everything(fixture, &[(file, Some(good))], expected);
    }
}

#[test]
fn a_missing_file_names_the_nearest_static_file() {
    let run = TestSite::new("link_missing_file").build();
    run.assert_fails_with(
        "content/events/x.en.md:8:5: error: link to `files/report.pdf`: \
         this site publishes no file `/en/events/x/files/report.pdf`\n  \
         hint: did you mean `/files/report.pdf`?",
    );
    run.assert_fails_with(
        "content/events/x.en.md:8:40: error: link to `/img/plan.png`: \
         this site publishes no file `/img/plan.png`\n  hint: did you mean `/img/plan.jpg`?",
    );
}

#[test]
fn messages_come_in_uzbek_too() {
    let run = TestSite::new("link_missing_page").run(&["build", "--messages-lang", "uz"]);
    // The labels (`error`, `hint`) are another lane's (issue 19): only the texts here.
    run.assert_fails_with(
        "content/events/x.en.md:10:5: ",
    )
    .assert_fails_with(
        "`/en/events/2022-traety/` havolasi: saytda `/en/events/2022-traety/` degan sahifa yo‘q\n",
    )
    .assert_fails_with("`/en/events/2022-treaty/` demoqchimisiz?");
}
