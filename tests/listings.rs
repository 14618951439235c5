//! Issue 17: listings that stay small. A site over `timeline-limit` gets a
//! home page with its years and newest events and one listing per year;
//! kind, tag and year listings hold `page-size` events a page at stable
//! `…/page/N/` URLs, and the sitemap lists every page written.

mod common;

use common::TestSite;

/// Five treaties tagged `trade`: three in 2021, two in 2022.
fn site() -> TestSite {
    let site = TestSite::new("listings");
    for (slug, date) in [
        ("a", "2021-01-01"),
        ("b", "2021-02-01"),
        ("c", "2021-03-01"),
        ("d", "2022-01-01"),
        ("e", "2022-02-01"),
    ] {
        for lang in ["uz", "en"] {
            site.write(
                &format!("content/events/{slug}.{lang}.md"),
                &format!(
                    "---\ntitle: \"Event {slug}\"\ndate: {date}\nkind: treaty\ntags: [\"trade\"]\nsummary: \"Summary {slug}.\"\n---\n\nBody.\n"
                ),
            );
        }
    }
    site
}

#[test]
fn kind_and_tag_listings_are_paginated_with_stable_urls() {
    let site = site();
    assert_eq!(site.build().code(), 0);
    let first = site.main_html("en/kinds/treaty/index.html");
    assert!(
        first.contains("Event a") && first.contains("Event b"),
        "{first}"
    );
    assert!(!first.contains("Event c"), "two a page: {first}");
    assert!(
        first.contains("href=\"/en/kinds/treaty/page/3/\""),
        "every page linked: {first}"
    );
    let last = site.main_html("en/kinds/treaty/page/3/index.html");
    assert!(
        last.contains("Event e") && !last.contains("Event d"),
        "{last}"
    );
    assert!(
        last.contains("rel=\"prev\" class=\"page-prev\" href=\"/en/kinds/treaty/page/2/\""),
        "{last}"
    );
    assert!(site
        .main_html("tags/trade/page/2/index.html")
        .contains("Event c"));
    assert!(!site.out().join("en/kinds/treaty/page/4").exists());
}

#[test]
fn a_site_over_the_limit_gets_year_pages_and_a_light_home() {
    let site = site();
    assert_eq!(site.build().code(), 0);
    let home = site.main_html("en/index.html");
    assert!(
        home.contains("href=\"/en/years/2021/\"") && home.contains("href=\"/en/years/2022/\""),
        "{home}"
    );
    let year = site.main_html("en/years/2021/index.html");
    assert!(
        year.contains("Event a") && year.contains("Event b") && !year.contains("Event c"),
        "{year}"
    );
    assert!(year.contains("href=\"/en/years/2021/page/2/\""), "{year}");
    assert!(
        year.contains("rel=\"next\" class=\"next\" href=\"/en/years/2022/\""),
        "next year: {year}"
    );
    assert!(site
        .main_html("en/years/2021/page/2/index.html")
        .contains("Event c"));
}

#[test]
fn the_sitemap_lists_every_listing_page() {
    let site = site();
    assert_eq!(site.build().code(), 0);
    let sitemap = site.file("sitemap.xml");
    for page in [
        "/en/kinds/treaty/page/3/",
        "/kinds/treaty/page/2/",
        "/en/years/2021/page/2/",
        "/years/2022/",
        "/tags/trade/page/3/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{page}</loc>")),
            "{page} missing:\n{sitemap}"
        );
    }
}

#[test]
fn a_small_site_keeps_its_single_timeline() {
    let site = site();
    let config = std::fs::read_to_string(site.root().join("book.toml")).unwrap();
    site.write(
        "book.toml",
        &config.replace("timeline-limit = 3", "timeline-limit = 5"),
    );
    assert_eq!(site.build().code(), 0);
    let home = site.main_html("en/index.html");
    assert!(
        home.contains("Event a") && home.contains("Event e"),
        "{home}"
    );
    assert!(!site.out().join("en/years").exists());
}

// Issue 17: the listing segments `years` and `page` are the generator's; a
// page named like one is refused at load, naming the file.
#[test]
fn pages_cannot_take_the_listing_segments() {
    for slug in ["years", "page"] {
        let site = site();
        site.write(
            &format!("content/pages/{slug}.uz.md"),
            "---\ntitle: \"Sahifa\"\n---\n\nMatn.\n",
        );
        let run = site.build();
        assert_eq!(run.code(), 1, "{slug}");
        let messages = run.diagnostics();
        assert!(
            messages.contains(&format!(
                "content/pages/{slug}.uz.md:1:1: error: `{slug}` cannot be a page slug: the site uses that path"
            )),
            "{slug}: {messages}"
        );
    }
}
