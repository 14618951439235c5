//! The link checker on a list of published files: content links, addresses,
//! anchors and script URLs, each with its message and hint.

use super::*;
use crate::model::site::Site;
use std::collections::BTreeSet;

fn published() -> BTreeSet<String> {
    [
        "index.html",
        "en/index.html",
        "events/2021-declaration/index.html",
        "en/events/2021-declaration/index.html",
        "en/economy/index.html",
        "en/docs/index.html",
        "en/docs/guide/index.html",
        "en/docs/front-matter/index.html",
        "en/kinds/visit/index.html",
        "img/map.png",
        "en/atom.xml",
        "files/a b.pdf",
    ]
    .into_iter()
    .map(String::from)
    .collect()
}

fn with_links<T>(
    lang: &str,
    folder: &str,
    page_path: &str,
    check: impl FnOnce(&ContentLinks<'_, '_>) -> T,
) -> T {
    let site = Site::default();
    let files = published();
    let routes = Routes::new(Some("/repo/"), "uz");
    let languages = vec!["uz".into(), "en".into()];
    let mut index = LinkIndex::new(&site, &routes, languages, "uz", &files);
    index.add_item(Section::Events, "2021-declaration");
    index.add_item(Section::Pages, "economy");
    let links = ContentLinks {
        index: &index,
        routes: &routes,
        lang,
        text_lang: lang,
        folder: folder.into(),
        page_path,
        text_page_path: page_path,
    };
    check(&links)
}

#[test]
fn resolves_content_links_in_the_same_language() {
    with_links("en", "events", "en/events/x/", |links| {
        assert_eq!(
            links.resolve("2021-declaration.md").unwrap().unwrap(),
            "/repo/en/events/2021-declaration/"
        );
        assert_eq!(
            links.resolve("2021-declaration.uz.md#x").unwrap().unwrap(),
            "/repo/en/events/2021-declaration/#x"
        );
        assert_eq!(
            links.resolve("../pages/economy.md").unwrap().unwrap(),
            "/repo/en/economy/"
        );
        assert_eq!(
            links.resolve("@/pages/economy.md").unwrap().unwrap(),
            "/repo/en/economy/"
        );
        assert_eq!(
            links.resolve("/img/map.png").unwrap().unwrap(),
            "/repo/img/map.png"
        );
        assert!(links.resolve("https://example.org").unwrap().is_none());
        assert!(links.resolve("mailto:a@example.org").unwrap().is_none());
        assert!(links.resolve("//cdn.example.org/x.png").unwrap().is_none());
        let missing = links.resolve("2021-declaraton.md").unwrap_err();
        assert!(
            missing.message.contains("no such content file"),
            "{missing:?}"
        );
        assert!(
            missing.hint.contains("`2021-declaration.md`"),
            "{missing:?}"
        );
        let elsewhere = links.resolve("../pages/econmy.md").unwrap_err();
        assert!(
            elsewhere.hint.contains("`@/pages/economy.md`"),
            "{elsewhere:?}"
        );
    });
}

#[test]
fn addresses_must_lead_to_a_published_page_or_file() {
    with_links("en", "docs", "en/docs/front-matter/", |links| {
        for ok in [
            "/en/events/2021-declaration/",
            "/en/events/2021-declaration",
            "/en/kinds/visit/",
            "/",
            "/en/atom.xml",
            "../guide/",
            "../",
            "../../events/2021-declaration/",
            "/files/a%20b.pdf",
            "?print",
        ] {
            assert!(links.resolve(ok).is_ok(), "{ok}: {:?}", links.resolve(ok));
        }
        assert_eq!(
            links.resolve("../guide/").unwrap(),
            None,
            "relative stays as written"
        );
        let page = links.resolve("/en/events/2021-declaraton/").unwrap_err();
        assert!(
            page.message
                .contains("no page `/en/events/2021-declaraton/`"),
            "{page:?}"
        );
        assert!(
            page.hint.contains("`/en/events/2021-declaration/`"),
            "{page:?}"
        );
        let relative = links.resolve("../guid/").unwrap_err();
        assert!(
            relative.message.contains("`/en/docs/guid/`"),
            "{relative:?}"
        );
        assert!(relative.hint.contains("`/en/docs/guide/`"), "{relative:?}");
        let image = links.resolve("images/map.png").unwrap_err();
        assert!(
            image
                .message
                .contains("no file `/en/docs/front-matter/images/map.png`"),
            "{image:?}"
        );
        assert!(image.hint.contains("`/img/map.png`"), "{image:?}");
        let base = links.resolve("/repo/en/economy/").unwrap_err();
        assert!(base.hint.contains("write `/en/economy/`"), "{base:?}");
        let out = links.resolve("../../../../x/").unwrap_err();
        assert!(out.message.contains("outside the site"), "{out:?}");
    });
}

#[test]
fn refuses_script_links_in_any_spelling() {
    with_links("uz", "events", "events/x/", |links| {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "java\tscript:x",
            " data:text/html,x",
            "vbscript:x",
        ] {
            assert!(links.resolve(bad).is_err(), "{bad}");
        }
    });
}

#[test]
fn anchors_on_the_same_page_are_checked_against_its_ids() {
    with_links("en", "events", "en/events/x/", |links| {
        let own = vec!["dates".to_string(), "sources-1".to_string()];
        assert!(links.check_anchor("#dates", &own).is_none());
        assert!(links.check_anchor("#top", &own).is_none());
        assert!(links.check_anchor("#", &own).is_none());
        assert!(links.check_anchor("https://e.org/#nope", &own).is_none());
        assert!(
            links.check_anchor("/en/kinds/visit/#nope", &own).is_none(),
            "not content"
        );
        let slip = links.check_anchor("#date", &own).unwrap();
        assert!(
            slip.message.contains("no heading with the id `date`"),
            "{slip:?}"
        );
        assert!(slip.hint.contains("`#dates`"), "{slip:?}");
        let listed = links.check_anchor("#zzzzzz", &own).unwrap();
        assert!(listed.hint.contains("`#dates`, `#sources-1`"), "{listed:?}");
        let none = links.check_anchor("#x", &[]).unwrap();
        assert!(none.hint.contains("no headings"), "{none:?}");
    });
}

#[test]
fn addresses_are_read_as_the_browser_reads_them() {
    with_links("en", "docs", "en/docs/guide/", |links| {
        assert_eq!(
            links.output_path("x.png").as_deref(),
            Some("en/docs/guide/x.png")
        );
        assert_eq!(links.output_path("../").as_deref(), Some("en/docs/"));
        assert_eq!(links.output_path("..").as_deref(), Some("en/docs/"));
        assert_eq!(
            links.output_path("./a/./b/").as_deref(),
            Some("en/docs/guide/a/b/")
        );
        assert_eq!(links.output_path("/").as_deref(), Some(""));
        assert_eq!(links.output_path("/a%20b.pdf").as_deref(), Some("a b.pdf"));
        assert_eq!(links.output_path("../../../.."), None);
    });
}
