//! Issue 13: every file a build writes is planned once (the page
//! inventory), ids that become paths are checked at load, and two claims on
//! one path are an error naming both, with a hint. Each case starts from a
//! good build, so the test also sees that the previous output and the site
//! folder around it are left as they were.

mod common;
use common::unchanged::{fails_and_keeps_everything, snapshot};
use common::TestSite;

#[test]
fn an_event_kind_with_dot_dot_is_an_error_not_a_folder_outside() {
    let messages = fails_and_keeps_everything(
        "path_kind_traversal",
        &[(
            "content/events/2021-escape.uz.md",
            Some("---\ntitle: Hujum\ndate: 2021-03-01\nkind: visit\nsummary: Sinov.\n---\nMatn.\n"),
        )],
        "`kind`: slug `../../escaped` may only hold",
    );
    assert!(
        messages.contains("content/events/2021-escape.uz.md:4:1: error:"),
        "{messages}"
    );
    assert!(messages.contains("kind id such as `escaped`"), "{messages}");
    assert!(
        !messages.contains("refused to write"),
        "one message per fault:\n{messages}"
    );
}

#[test]
fn a_kind_table_with_dot_dot_is_an_error_at_its_line() {
    let messages = fails_and_keeps_everything(
        "path_kind_table_traversal",
        &[
            (
                "book.toml",
                Some("[book]\ntitle = \"T\"\nlanguage = \"uz\"\n\n[language.uz]\ntitle = \"T\"\n\n[kind.x]\nlabel = { uz = \"X\" }\n"),
            ),
            (
                "content/events/2021-escape.uz.md",
                Some("---\ntitle: Hujum\ndate: 2021-03-01\nkind: x\nsummary: Sinov.\n---\nMatn.\n"),
            ),
        ],
        "kind id: slug `../../x` may only hold",
    );
    assert!(messages.contains("book.toml:8:"), "{messages}");
}

#[test]
fn a_page_named_like_a_language_is_an_error() {
    let messages = fails_and_keeps_everything(
        "page_named_like_language",
        &[("content/pages/en.uz.md", None)],
        "`en` cannot be a page slug: it is a language code",
    );
    assert!(messages.contains("content/pages/en.uz.md:"), "{messages}");
}

#[test]
fn a_language_code_that_is_a_route_is_an_error() {
    fails_and_keeps_everything(
        "language_code_is_route",
        &[(
            "book.toml",
            Some("[book]\ntitle = \"T\"\nlanguage = \"uz\"\n\n[language.uz]\ntitle = \"T\"\n\n[language.en]\ntitle = \"Docs\"\n"),
        )],
        "language code `docs` is a folder the site uses itself",
    );
}

#[test]
fn a_static_file_named_like_a_generated_file_is_an_error_naming_both() {
    let messages = fails_and_keeps_everything(
        "static_named_like_page",
        &[
            ("static/sitemap.xml", None),
            ("static/events/2021-visit/index.html", None),
        ],
        "`sitemap.xml` would be written twice: by the sitemap and by the static file `sitemap.xml`",
    );
    assert!(
        messages.contains("`events/2021-visit/index.html` would be written twice: by the event `2021-visit` (uz) and by the static file `events/2021-visit/index.html`"),
        "{messages}"
    );
    assert!(
        messages.contains("static/sitemap.xml:1:1: error:"),
        "{messages}"
    );
    assert!(
        messages.contains("rename or remove this static file"),
        "{messages}"
    );
}

#[test]
fn tags_get_distinct_pages_and_a_real_collision_warns() {
    let site = TestSite::new("tag_slug_collision");
    let run = site.build();
    run.assert_ok();
    let messages = run.diagnostics();
    // Cyrillic names are transliterated, not hashed or merged.
    assert!(site
        .file("tags/sammit-2020/index.html")
        .contains("саммит 2020"));
    assert!(site
        .file("tags/vizit-2020/index.html")
        .contains("визит 2020"));
    // `chegara` (two events) keeps the slug; `Chegara` gets a suffix.
    let plain = site.main_html("tags/chegara/index.html");
    assert!(
        plain.contains("Tashrif") && plain.contains("Ikkinchi"),
        "{plain}"
    );
    assert!(!plain.contains("Sammit"), "{plain}");
    let warning = messages
        .lines()
        .find(|l| l.contains("would share the page `tags/chegara/`"))
        .unwrap_or_else(|| panic!("no collision warning:\n{messages}"));
    assert!(
        warning.starts_with("content/events/2020-summit.uz.md:"),
        "{warning}"
    );
    let suffixed = warning
        .split("gets `tags/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("the new slug is named");
    assert!(suffixed.starts_with("chegara-"), "{suffixed}");
    let other = site.main_html(&format!("tags/{suffixed}/index.html"));
    assert!(
        other.contains("Sammit") && !other.contains("Ikkinchi"),
        "{other}"
    );
    // The event page links each tag to its own page.
    let event = site.main_html("events/2020-summit/index.html");
    assert!(event.contains(&format!("/tags/{suffixed}/")), "{event}");
}

#[test]
fn every_written_file_was_planned_and_nothing_else() {
    // PlannedSink refuses unplanned writes; a build of each of these sites
    // succeeding means every file it wrote was in the inventory. That the
    // inventory holds no file the build did not write is checked here.
    let bundled = env!("CARGO_MANIFEST_DIR");
    for fixture in [
        "minimal",
        "publish",
        "listings",
        "docs_section",
        "theme",
        "bundled",
    ] {
        let site = if fixture == "bundled" {
            TestSite::empty()
        } else {
            TestSite::new(fixture)
        };
        if fixture == "listings" {
            // Over its timeline limit: year pages and listing pages.
            for (slug, year) in [
                ("a", 2021),
                ("b", 2021),
                ("c", 2022),
                ("d", 2022),
                ("e", 2023),
            ] {
                site.write(
                    &format!("content/events/{slug}.uz.md"),
                    &format!("---\ntitle: \"E {slug}\"\ndate: {year}\nkind: treaty\ntags: [\"t\"]\nsummary: \"S.\"\n---\nB.\n"),
                );
            }
        }
        let (build, list): (Vec<&str>, Vec<&str>) = if fixture == "bundled" {
            let out = site.out();
            let out = out.to_str().unwrap().to_string().leak();
            (
                vec!["build", "--root", bundled, "--out", out],
                vec!["check", "--root", bundled, "--list-files"],
            )
        } else {
            (vec!["build"], vec!["check", "--list-files"])
        };
        site.run(&build).assert_ok();
        let written = snapshot(&site.out());
        let listed = site.run(&list);
        listed.assert_ok();
        let planned: Vec<String> = listed.stdout().lines().map(str::to_string).collect();
        assert!(planned.len() > 10, "{fixture}: {planned:?}");
        for file in &planned {
            assert!(
                !file.ends_with('/'),
                "{fixture}: a folder is planned: {file}"
            );
            let optional = file == "syntax.css";
            assert!(
                optional || written.contains_key(file),
                "{fixture}: planned but not written: {file}"
            );
        }
        // The marker that says the folder is a Yilnoma output; the swap
        // writes it, not a renderer.
        // Every file is planned by name, the search index's shards too.
        for file in written.keys().filter(|f| *f != ".yilnoma-output") {
            assert!(
                planned.contains(file),
                "{fixture}: written but not planned: {file}"
            );
        }
    }
}

#[test]
fn an_untranslated_page_points_at_the_page_it_duplicates() {
    let site = TestSite::new("publish");
    site.build().assert_ok();
    // 2022-02-visit is written in Uzbek only; en/ shows the Uzbek text.
    let fallback = site.file("en/events/2022-02-visit/index.html");
    let original = site.file("events/2022-02-visit/index.html");
    let canonical = |html: &str| {
        let start = html
            .find("<link rel=\"canonical\" href=\"")
            .expect("a canonical link")
            + 28;
        html[start..].split('"').next().unwrap().to_string()
    };
    assert!(
        canonical(&fallback).ends_with("/events/2022-02-visit/"),
        "{}",
        canonical(&fallback)
    );
    assert!(
        !canonical(&fallback).contains("/en/"),
        "{}",
        canonical(&fallback)
    );
    assert_eq!(canonical(&original), canonical(&fallback));
    for html in [&fallback, &original] {
        assert!(
            !html.contains("hreflang=\"en\" href"),
            "en is not announced"
        );
        assert!(html.contains("hreflang=\"uz\" href"));
    }
    // The notice stays, and the text is marked as Uzbek.
    assert!(fallback.contains("class=\"notice\" role=\"note\""));
    assert!(!original.contains("class=\"notice\" role=\"note\""));
    let sitemap = site.file("sitemap.xml");
    assert!(!sitemap.contains("/en/events/2022-02-visit/"), "{sitemap}");
    assert!(sitemap.contains("/events/2022-02-visit/"));
    // A translated event keeps both languages and its own canonical.
    let translated = site.file("en/events/2021-declaration/index.html");
    assert!(canonical(&translated).ends_with("/en/events/2021-declaration/"));
    assert!(
        translated.contains("hreflang=\"en\" href") && translated.contains("hreflang=\"uz\" href")
    );
}
