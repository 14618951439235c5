//! The orchestrator's own behaviour on a fixture site: the sitemap is made
//! from the inventory and written as planned, render's channel writes into
//! the sink, and a refused write becomes a diagnostic naming the file.

use super::*;
use crate::output::sink::MemorySink;
use inventory::PlannedSink;

fn minimal() -> (Loaded, Diagnostics) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
    let diagnostics = Diagnostics::new();
    let loaded = load(&root, None, Drafts::Exclude, &diagnostics).expect("the fixture loads");
    assert!(!diagnostics.has_errors(), "{:?}", diagnostics.sorted());
    (loaded, diagnostics)
}

fn group(versions: &[(&str, &str)]) -> Vec<(String, String)> {
    versions
        .iter()
        .map(|(lang, path)| (lang.to_string(), path.to_string()))
        .collect()
}

#[test]
fn sitemap_groups_are_the_inventorys_pages_in_sitemap_order() {
    let (loaded, _) = minimal();
    let groups = loaded.inventory.page_groups(&loaded.config);
    let expected = [
        group(&[("uz", ""), ("en", "en/")]),
        group(&[
            ("uz", "events/2021-declaration/"),
            ("en", "en/events/2021-declaration/"),
        ]),
        // The English version shows the Uzbek text: not announced.
        group(&[("uz", "events/2022-treaty/")]),
        group(&[("uz", "about/"), ("en", "en/about/")]),
        group(&[("uz", "kinds/treaty/"), ("en", "en/kinds/treaty/")]),
        // Tag pages are words of one language: no alternates.
        group(&[("uz", "tags/ittifoqchilik/")]),
        group(&[("en", "en/tags/alliance/")]),
        group(&[("uz", "search/"), ("en", "en/search/")]),
    ];
    assert_eq!(groups, expected);
}

#[test]
fn the_sitemap_planned_is_the_sitemap_written() {
    let (loaded, diagnostics) = minimal();
    let sink = MemorySink::new();
    render(
        &loaded,
        &PlannedSink::new(&sink, &loaded.inventory),
        &diagnostics,
    );
    assert!(!diagnostics.has_errors(), "{:?}", diagnostics.sorted());
    let files = sink.into_files();
    let planned = loaded.inventory.sitemap();
    assert_eq!(planned.len(), 1, "a small site has one sitemap file");
    let (name, text) = &planned[0];
    assert_eq!(files.get(name.as_str()), Some(&text.as_bytes().to_vec()));
    assert!(text.contains("<loc>/en/about/</loc>"));
    assert!(!text.contains("en/events/2022-treaty/"), "{text}");
}

#[test]
fn every_file_render_writes_is_planned_and_every_page_is_written() {
    let (loaded, diagnostics) = minimal();
    let sink = MemorySink::new();
    let stats = render(
        &loaded,
        &PlannedSink::new(&sink, &loaded.inventory),
        &diagnostics,
    );
    assert!(!diagnostics.has_errors(), "{:?}", diagnostics.sorted());
    let files = sink.into_files();
    for (planned, _) in loaded.inventory.files() {
        // The code stylesheet is written only when a page has code.
        if planned != crate::model::routes::CODE_STYLESHEET {
            assert!(files.contains_key(planned), "`{planned}` was not written");
        }
    }
    assert!(stats.pages > 10, "{} pages", stats.pages);
    assert!(files.contains_key("en/search/index.json"));
    assert!(files.contains_key("en/search/words-7.json"));
    assert!(files.contains_key("en/search/docs-0.json"));
}

/// Refuses one file, as a full disk or a defect would.
struct Refusing<'a> {
    inner: &'a dyn Sink,
    refused: &'a str,
}

impl Sink for Refusing<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> anyhow::Result<()> {
        if path == self.refused {
            anyhow::bail!("no room for `{path}`");
        }
        self.inner.write(path, bytes)
    }
}

#[test]
fn a_refused_write_is_an_error_naming_the_file_and_the_rest_is_written() {
    let (loaded, diagnostics) = minimal();
    for refused in ["en/about/index.html", "en/atom.xml", "sitemap.xml"] {
        let memory = MemorySink::new();
        let sink = Refusing {
            inner: &memory,
            refused,
        };
        let diagnostics = Diagnostics::new();
        render(&loaded, &sink, &diagnostics);
        let errors = diagnostics.sorted();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].path, Path::new(refused));
        assert!(
            errors[0].message.to_string().contains("no room"),
            "{errors:?}"
        );
        let files = memory.into_files();
        assert!(!files.contains_key(refused));
        assert!(files.contains_key("index.html"));
    }
    assert!(!diagnostics.has_errors());
}
