//! Issue 17's search on the real binary (fixture `search_scopes`): the
//! index is cut into the files `model::search_shards` names, each word in
//! the shard of its first two letters; the docs section has its own index
//! and never fills readers' results; tables, lists and code are indexed as
//! their text.

mod common;
use common::TestSite;
use serde_json::Value;
use yilnoma::model::search_shards::{shard_of, Layout};

fn built() -> TestSite {
    let site = TestSite::new("search_scopes");
    site.build().assert_ok();
    site
}

fn json(site: &TestSite, file: &str) -> Value {
    serde_json::from_str(&site.file(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Every document of the index in `folder`: `[url, title, meta, text]`.
fn documents(site: &TestSite, folder: &str) -> Vec<Value> {
    let manifest = json(site, &format!("{folder}index.json"));
    let count = manifest["documents"].as_u64().unwrap() as usize;
    let layout = Layout::of(count);
    let mut all = Vec::new();
    for k in 0..layout.chunks() {
        let chunk = json(site, &format!("{folder}docs-{k}.json"));
        all.extend(chunk.as_array().unwrap().iter().cloned());
    }
    assert_eq!(all.len(), count, "{folder}: the chunks hold every document");
    all
}

/// Folded word → (shard it was found in) for the index in `folder`.
fn words(site: &TestSite, folder: &str) -> Vec<(String, usize)> {
    let manifest = json(site, &format!("{folder}index.json"));
    let shards = manifest["shards"].as_u64().unwrap() as usize;
    let mut all = Vec::new();
    for n in 0..shards {
        let shard = json(site, &format!("{folder}words-{n}.json"));
        for word in shard["words"].as_object().unwrap().keys() {
            all.push((word.clone(), n));
        }
    }
    all
}

#[test]
fn every_word_sits_in_the_shard_of_its_first_two_letters() {
    let site = built();
    for folder in ["search/", "en/search/", "docs/search/", "en/docs/search/"] {
        let manifest = json(&site, &format!("{folder}index.json"));
        assert_eq!(manifest["version"], 3);
        let shards = manifest["shards"].as_u64().unwrap() as usize;
        assert_eq!(shards, 8, "{folder}: the smallest index has 8 shards");
        let words = words(&site, folder);
        assert!(words.len() > 5, "{folder}: {words:?}");
        for (word, n) in &words {
            assert_eq!(shard_of(word, shards), *n, "{folder}: {word}");
        }
    }
    let uz: Vec<String> = words(&site, "search/").into_iter().map(|w| w.0).collect();
    assert!(
        uz.contains(&"qozogiston".to_string()),
        "o‘ and g‘ fold away"
    );
    let en = json(&site, "en/search/index.json");
    let shard = shard_of("treaties", 8);
    let stems = json(&site, &format!("en/search/words-{shard}.json"));
    assert_eq!(en["shards"], 8);
    assert!(
        stems["stems"].as_object().is_some(),
        "shards carry their words' stems"
    );
}

#[test]
fn the_files_planned_are_the_layouts_files_and_all_are_written() {
    let site = built();
    let listed = site.run(&["check", "--list-files"]);
    listed.assert_ok();
    let planned: Vec<String> = listed.stdout().lines().map(str::to_string).collect();
    for (folder, documents) in [("search/", 2), ("docs/search/", 1)] {
        let mut expected: Vec<String> = Layout::of(documents)
            .file_names()
            .iter()
            .map(|name| format!("{folder}{name}"))
            .collect();
        expected.push(format!("{folder}index.html"));
        expected.sort();
        let mut in_folder: Vec<String> = planned
            .iter()
            .filter(|p| p.starts_with(folder) && !p[folder.len()..].contains('/'))
            .cloned()
            .collect();
        in_folder.sort();
        assert_eq!(in_folder, expected, "{folder}");
        for file in &expected {
            assert!(site.out().join(file).is_file(), "{file} is written");
        }
    }
}

#[test]
fn docs_have_their_own_index_and_stay_out_of_readers_results() {
    let site = built();
    for (lang_root, docs_url) in [("", "/docs/"), ("en/", "/en/docs/")] {
        let readers = documents(&site, &format!("{lang_root}search/"));
        let urls: Vec<&str> = readers.iter().map(|d| d[0].as_str().unwrap()).collect();
        assert!(urls.iter().all(|u| !u.contains("/docs/")), "{urls:?}");
        assert!(urls.iter().any(|u| u.contains("/events/2022-treaty/")));
        // Pages first, then the manifest's `events` events oldest first:
        // a new newest event is appended, no other number shifts.
        let manifest = json(&site, &format!("{lang_root}search/index.json"));
        let events = manifest["events"].as_u64().unwrap() as usize;
        let (pages, events) = urls.split_at(urls.len() - events);
        assert!(!pages.is_empty() && pages.iter().all(|u| !u.contains("/events/")));
        assert!(events.iter().all(|u| u.contains("/events/")), "{events:?}");
        let mut in_order = events.to_vec();
        in_order.sort(); // the fixture's slugs start with their dates
        assert_eq!(events, in_order, "events oldest first");
        let docs = documents(&site, &format!("{lang_root}docs/search/"));
        let urls: Vec<&str> = docs.iter().map(|d| d[0].as_str().unwrap()).collect();
        assert_eq!(urls, [docs_url]);
    }
    // "chegara" is in the event, the page and the guide: only the first
    // two are readers' results, the guide's is in the docs index.
    let shard = shard_of("chegara", 8);
    let readers = json(&site, &format!("search/words-{shard}.json"));
    let postings = readers["words"]["chegara"].as_str().unwrap();
    let fields = postings.split_once(';').unwrap().1;
    assert_eq!(fields.len(), 2, "one field per document: {postings}");
    let docs = json(&site, &format!("docs/search/words-{shard}.json"));
    assert_eq!(docs["words"]["chegara"], "0;0", "body of document 0");
    // The docs pages link their search; its page searches the docs index.
    let docs_page = site.file("en/docs/index.html");
    assert!(
        docs_page
            .contains("<form class=\"docs-search\" role=\"search\" action=\"/en/docs/search/\">"),
        "{docs_page}"
    );
    let search_page = site.file("en/docs/search/index.html");
    assert!(search_page.contains("data-scope=\"docs\""));
    assert!(search_page.contains("data-index=\"/en/docs/search/index.json\""));
    let readers_page = site.file("en/search/index.html");
    assert!(readers_page.contains("data-scope=\"readers\""));
}

#[test]
fn tables_lists_and_code_are_indexed_as_their_text() {
    let site = built();
    let mut texts = Vec::new();
    for folder in ["search/", "en/search/", "docs/search/", "en/docs/search/"] {
        texts.extend(
            documents(&site, folder)
                .iter()
                .map(|d| d[3].as_str().unwrap().to_string()),
        );
    }
    for text in &texts {
        for syntax in ["|", "---", "{#", "```", "- "] {
            assert!(!text.contains(syntax), "`{syntax}` in {text:?}");
        }
    }
    let guide = &documents(&site, "docs/search/")[0][3];
    assert_eq!(
        guide,
        "Kalitlar Kalit Ma’nosi title Sarlavha kind Tur [render] page-size = 100 \
         Chegara haqidagi voqea kind kalitini yozadi."
    );
    let words: Vec<String> = words(&site, "docs/search/")
        .into_iter()
        .map(|w| w.0)
        .collect();
    assert!(
        words.contains(&"sarlavha".to_string()),
        "a table cell is searchable"
    );
    assert!(words.contains(&"size".to_string()), "code is searchable");
}
