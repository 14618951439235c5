//! The browser folds queries exactly as Rust folds the indexed text: runs
//! static/search.js's `createFolder` under Node (part of the project's
//! machine, see README) with the table the index ships, and compares its
//! tokens with `model::fold::tokens` on the same inputs.

mod common;

use yilnoma::model::fold;

const CASES: &[&str] = &[
    "Qozog'iston",
    "Qozogʻiston",
    "Qozog‘iston",
    "Qozog’iston",
    "Qozogʼiston",
    "Qozog`iston",
    "QOZOG‘ISTON",
    "Қозоғистон",
    "Ўзбекистон Республикаси",
    "Тоқаев Ер съезд",
    "sur’at ma’lumot to‘g‘risida",
    "Café naïve ÉLAN",
    "O‘zbekiston–Qozog‘iston: 2022-yil «hamkorlik»",
    "Нур-Султан, Астана",
    "Әлем Өскемен Үкімет",
    "treaties, agreements; signing",
];

#[test]
fn search_js_folds_like_rust() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/static/search.js");
    let program = format!(
        "const {{ createFolder }} = require({script:?});\n\
         const folder = createFolder({table});\n\
         const cases = {cases};\n\
         process.stdout.write(JSON.stringify(cases.map(folder.tokens)));",
        table = fold::table(),
        cases = serde_json::to_string(CASES).unwrap(),
    );
    let from_js: Vec<Vec<String>> = common::node_json(&program);
    for (case, js_tokens) in CASES.iter().zip(&from_js) {
        assert_eq!(&fold::tokens(case), js_tokens, "{case}");
    }
    assert_eq!(
        from_js[7],
        ["qozogiston"],
        "Cyrillic query finds Latin text"
    );
}

/// search.js fetches the shard Rust wrote each word into: its `shardOf`
/// gives `model::search_shards::shard_of` for Latin, Cyrillic, accented
/// and astral words and for every shard count the layout uses.
#[test]
fn search_js_picks_the_shard_rust_wrote() {
    use yilnoma::model::search_shards::shard_of;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/static/search.js");
    let mut words: Vec<String> = CASES.iter().flat_map(|c| fold::tokens(c)).collect();
    words.extend(["qo", "әлем", "𐰴𐰀x", "x𐰴", "ab"].map(String::from));
    let counts = [8usize, 64, 256];
    let program = format!(
        "const {{ shardOf }} = require({script:?});\n\
         const words = {words};\n\
         process.stdout.write(JSON.stringify({counts:?}.map((n) => words.map((w) => shardOf(w, n)))));",
        words = serde_json::to_string(&words).unwrap(),
    );
    let from_js: Vec<Vec<usize>> = common::node_json(&program);
    for (shards, js) in counts.iter().zip(&from_js) {
        let rust: Vec<usize> = words.iter().map(|w| shard_of(w, *shards)).collect();
        assert_eq!(&rust, js, "{shards} shards: {words:?}");
        let distinct: std::collections::BTreeSet<_> = rust.iter().collect();
        assert!(distinct.len() > 3, "the words spread: {rust:?}");
    }
}
