//! Unit tests of the search index: postings, their encoding, stems.

use super::*;

#[test]
fn a_document_keeps_one_posting_with_its_best_field() {
    let mut list = vec![posting(1, Field::Body)];
    add_posting(&mut list, posting(2, Field::Body));
    add_posting(&mut list, posting(2, Field::Title));
    add_posting(&mut list, posting(2, Field::Summary));
    add_posting(&mut list, posting(3, Field::Summary));
    assert_eq!(
        list,
        [
            posting(1, Field::Body),
            posting(2, Field::Title),
            posting(3, Field::Summary)
        ]
    );
}

fn document(title: &str, body: &str) -> Document {
    Document {
        url: String::new(),
        title: title.into(),
        meta: String::new(),
        summary: String::new(),
        body: body.into(),
        keywords: String::new(),
    }
}

#[test]
fn postings_of_groups_joined_in_order_equal_the_whole() {
    // The build indexes documents a group at a time (`DOCUMENT_GROUP`);
    // the joined lists must be the ones indexing all at once gives.
    let documents: Vec<Document> = (0..600)
        .map(|n| {
            document(
                &format!("title{} common", n % 7),
                &format!("body{} common", n % 5),
            )
        })
        .collect();
    let whole = postings(&documents, 0);
    let mut joined: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
    for first in (0..documents.len()).step_by(100) {
        let last = (first + 100).min(documents.len());
        for (word, list) in postings(&documents[first..last], first) {
            joined.entry(word).or_default().extend(list);
        }
    }
    assert_eq!(joined, whole);
    assert_eq!(whole["common"].len(), 600);
    assert_eq!(whole["common"][599], posting(599, Field::Title));
}

#[test]
fn english_stems_group_word_forms() {
    let stemmer = stemmer_for("en").unwrap();
    assert_eq!(stemmer.stem("treaties"), stemmer.stem("treaty"));
    assert!(stemmer_for("uz").is_none(), "no Uzbek Snowball stemmer");
}

#[test]
fn a_shard_file_is_what_serde_json_writes_made_safe_for_a_script() {
    let mut shard = Shard::default();
    let awkward = [
        "suv",
        "o‘zbek",
        "quote\"d",
        "back\\slash",
        "tab\there",
        "<script>",
        "line\u{2028}break",
        "a&b",
        "",
    ];
    for (n, word) in awkward.iter().enumerate() {
        shard.words.insert(word.to_string(), format!("{n};{n}"));
        shard.stems.insert(word.to_string(), format!("{word}-stem"));
    }
    #[derive(serde::Serialize)]
    struct File<'a> {
        stems: &'a BTreeMap<String, String>,
        words: &'a BTreeMap<String, String>,
    }
    let file = File {
        stems: &shard.stems,
        words: &shard.words,
    };
    let expected = json_text_safe(&serde_json::to_string(&file).unwrap());
    assert_eq!(shard.text(), expected);
    assert_eq!(Shard::default().text(), r#"{"stems":{},"words":{}}"#);
}
