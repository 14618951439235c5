//! Issue 17: a large site's sitemap is cut into `sitemap-N.xml` parts under
//! a `sitemap.xml` index, as the protocol asks past 50,000 URLs or 50 MB a
//! file. A generated site of 300 events in two languages (about 700 URLs)
//! with `sitemap-max-urls = 100` stands in for the 50,000 (the byte limit is
//! unit-tested in src/render/files/sitemap.rs): the index names every part by its
//! absolute URL, each part is a urlset within the limit, together they list
//! every page written exactly once, and robots.txt names the index.

mod common;

use common::TestSite;
use std::collections::BTreeSet;
use std::path::Path;

const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const SITE_URL: &str = "https://example.org/chronicle/";
const EVENTS: usize = 300;

fn site(max_urls: usize) -> TestSite {
    let site = TestSite::empty();
    site.write(
        "book.toml",
        &format!(
            "[book]\ntitle = \"T\"\nlanguage = \"uz\"\n\
             [output.html]\nsite-url = \"{SITE_URL}\"\n\
             [language.uz]\ntitle = \"Sinov\"\n[language.en]\ntitle = \"Test\"\n\
             [kind.treaty]\nlabel = {{ uz = \"Shartnoma\", en = \"Treaty\" }}\n\
             [render]\nsitemap-max-urls = {max_urls}\n"
        ),
    );
    for i in 0..EVENTS {
        for code in ["uz", "en"] {
            site.write(
                &format!("content/events/e{i:03}.{code}.md"),
                &format!(
                    "---\ntitle: \"E{i} {code}\"\ndate: {}-0{}-01\nkind: treaty\nsummary: \"S.\"\n---\n\nBody.\n",
                    1992 + i % 30,
                    1 + i % 9
                ),
            );
        }
    }
    site
}

fn html_pages(dir: &Path, prefix: &str, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().to_string();
        if entry.file_type().unwrap().is_dir() {
            html_pages(&entry.path(), &format!("{prefix}{name}/"), out);
        } else if name == "index.html" {
            out.insert(format!("{SITE_URL}{prefix}"));
        }
    }
}

fn locs(text: &str, element: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(text).expect("well-formed XML");
    assert!(
        doc.root_element().has_tag_name((
            SITEMAP,
            if element == "sitemap" {
                "sitemapindex"
            } else {
                "urlset"
            }
        )),
        "root of {text:.200}"
    );
    doc.root_element()
        .children()
        .filter(|c| c.has_tag_name((SITEMAP, element)))
        .map(|c| {
            c.children()
                .find(|l| l.has_tag_name((SITEMAP, "loc")))
                .and_then(|l| l.text())
                .expect("a loc")
                .to_string()
        })
        .collect()
}

#[test]
fn a_large_sitemap_is_cut_into_parts_under_an_index() {
    let site = site(100);
    site.build().assert_ok();
    let parts = locs(&site.file("sitemap.xml"), "sitemap");
    assert!(parts.len() >= 7, "{parts:?}");
    let mut listed = Vec::new();
    for (n, part) in parts.iter().enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        assert_eq!(part, &format!("{SITE_URL}{name}"));
        let urls = locs(&site.file(&name), "url");
        assert!(
            !urls.is_empty() && urls.len() <= 100,
            "{name}: {}",
            urls.len()
        );
        listed.extend(urls);
    }
    assert!(
        !site
            .out()
            .join(format!("sitemap-{}.xml", parts.len() + 1))
            .exists(),
        "no part beyond those the index names"
    );
    let unique: BTreeSet<String> = listed.iter().cloned().collect();
    assert_eq!(unique.len(), listed.len(), "every URL once");
    let mut written = BTreeSet::new();
    html_pages(&site.out(), "", &mut written);
    assert_eq!(unique, written, "the parts list exactly the pages written");
    assert!(site
        .file("robots.txt")
        .contains(&format!("Sitemap: {SITE_URL}sitemap.xml\n")));
    let plan = site.run(&["check", "--list-files"]).stdout();
    assert!(plan.lines().any(|l| l == "sitemap-7.xml"), "{plan}");
}

#[test]
fn a_sitemap_within_the_limit_stays_one_file() {
    let site = site(50_000);
    site.build().assert_ok();
    let urls = locs(&site.file("sitemap.xml"), "url");
    assert!(urls.len() > 600, "{}", urls.len());
    assert!(!site.out().join("sitemap-1.xml").exists());
}
