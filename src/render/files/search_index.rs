//! The search index of one language (`search/index.json` under the
//! language root), read by static/search.js when the reader starts typing.
//!
//! Format (version 1), compact because it is downloaded whole:
//! - `fold`: the folding tables of `model::fold`, so the script folds
//!   queries exactly as this module folds the text;
//! - `docs`: `[url, title, meta]` per searchable page (events newest
//!   first, then pages and docs);
//! - `chunk_size`: documents per text file. The text of documents
//!   `k * chunk_size ..` (summary and body, for snippets) is in
//!   `text-<k>.json`, an array of strings, fetched only for shown results;
//! - `words`: folded word → postings, a comma-separated list of deltas of
//!   `doc * 4 + field` (field 2 title, 1 summary/place/tags/kind, 0 body),
//!   one per document, in document order;
//! - `stems`: folded word → its stem, only where they differ (languages
//!   with a Snowball stemmer; English here). The script matches a query
//!   word to a stem it starts with, so "treaties" finds "treaty".
//!
//! Takes the publication; returns the files (name, JSON text). Pure.

use crate::config::Language;
use crate::model::fold;
use crate::model::routes::{search_text_file, SEARCH_INDEX_FILE as INDEX_FILE};
use crate::model::site::{Page, Section};
use crate::render::files::{LocalEvent, Publication};
use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

/// Characters of a document's text kept for snippets.
const TEXT_CHARS: usize = 4000;
/// Documents per `text-<k>.json` file.
const CHUNK_SIZE: usize = 64;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    Body = 0,
    Summary = 1,
    Title = 2,
}

/// One searchable page before indexing.
struct Document {
    url: String,
    title: String,
    meta: String,
    summary: String,
    body: String,
    /// Place, tags and kind: indexed like the summary, not shown.
    keywords: String,
}

/// The index file and its text files, named relative to the search folder.
pub fn index(
    publication: &Publication<'_>,
    language: &Language,
    events: &[LocalEvent<'_>],
) -> Vec<(String, String)> {
    let documents = documents(publication, language, events);
    let stemmer = stemmer_for(&language.code);
    let words = postings(&documents);
    let stems: BTreeMap<&str, String> = match &stemmer {
        Some(stemmer) => words
            .keys()
            .filter_map(|w| {
                let stem = stemmer.stem(w);
                (stem != w.as_str()).then(|| (w.as_str(), stem.into_owned()))
            })
            .collect(),
        None => BTreeMap::new(),
    };
    let postings: serde_json::Map<String, serde_json::Value> = words
        .iter()
        .map(|(word, list)| (word.clone(), encode(list).into()))
        .collect();
    let docs: Vec<serde_json::Value> = documents
        .iter()
        .map(|d| serde_json::json!([d.url, d.title, d.meta]))
        .collect();
    let root = serde_json::json!({
        "version": 1,
        "lang": language.code,
        "fold": fold::table(),
        "docs": docs,
        "chunk_size": CHUNK_SIZE,
        "words": postings,
        "stems": stems,
    });
    let mut files = vec![(
        INDEX_FILE.to_string(),
        crate::render::escape::json_text_safe(&serde_json::to_string(&root).unwrap_or_default()),
    )];
    let text_files: Vec<(String, String)> = documents
        .par_chunks(CHUNK_SIZE)
        .enumerate()
        .map(|(k, chunk)| {
            let texts: Vec<String> = chunk
                .iter()
                .map(|d| snippet_text(&d.summary, &d.body))
                .collect();
            (
                search_text_file(k),
                crate::render::escape::json_text_safe(
                    &serde_json::to_string(&texts).unwrap_or_default(),
                ),
            )
        })
        .collect();
    files.extend(text_files);
    files
}

/// Documents indexed together by one task before the partial postings are
/// joined; large enough that joining costs little, small enough to spread.
const POSTINGS_BATCH: usize = 256;

/// One document's entry in a word's list: `document * 4 + field`, the
/// number the index file stores (as deltas). Four bytes, not the sixteen of
/// a `(usize, Field)` pair: a 10,000-event site has millions of postings.
type Posting = u32;

fn posting(document: usize, field: Field) -> Posting {
    Posting::try_from(document)
        .ok()
        .and_then(|document| document.checked_mul(4))
        .expect("fewer than a billion documents")
        + field as Posting
}

/// Folded word → the postings of the documents containing it (the best
/// field in each), in document order. Batches of documents are indexed in
/// parallel into hash maps keyed by borrowed words until a word is new (so
/// a word costs one allocation per batch, not one per occurrence), then
/// joined in order.
fn postings(documents: &[Document]) -> BTreeMap<String, Vec<Posting>> {
    let batches: Vec<HashMap<String, Vec<Posting>>> = documents
        .par_chunks(POSTINGS_BATCH)
        .enumerate()
        .map(|(batch, chunk)| {
            let mut words: HashMap<String, Vec<Posting>> = HashMap::new();
            for (offset, document) in chunk.iter().enumerate() {
                let number = batch * POSTINGS_BATCH + offset;
                document_words(document, |word, field| {
                    let new = posting(number, field);
                    match words.get_mut(word) {
                        Some(list) => add_posting(list, new),
                        None => {
                            words.insert(word.to_string(), vec![new]);
                        }
                    }
                });
            }
            words
        })
        .collect();
    let mut words: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
    for batch in batches {
        for (word, list) in batch {
            words.entry(word).or_default().extend(list);
        }
    }
    words
}

/// Adds `new` to a word's list, keeping one posting per document: of two
/// for the same document, the larger has the more important field.
fn add_posting(list: &mut Vec<Posting>, new: Posting) {
    match list.last_mut() {
        Some(last) if *last / 4 == new / 4 => *last = (*last).max(new),
        _ => list.push(new),
    }
}

/// Calls `each` with every folded word (two characters or more) of a
/// document and the field it occurs in.
fn document_words(document: &Document, mut each: impl FnMut(&str, Field)) {
    let fields = [
        (&document.title, Field::Title),
        (&document.summary, Field::Summary),
        (&document.keywords, Field::Summary),
        (&document.body, Field::Body),
    ];
    for (text, field) in fields {
        let folded = fold::fold(text);
        for token in fold::words(&folded) {
            // At least two characters (looking at two, not counting all).
            if token.chars().nth(1).is_none() {
                continue;
            }
            each(token, field);
        }
    }
}

/// Deltas of the postings (`doc * 4 + field`), comma-separated.
fn encode(list: &[Posting]) -> String {
    let mut out = String::new();
    let mut previous = 0;
    for &value in list {
        if !out.is_empty() {
            out.push(',');
        }
        let _ = write!(out, "{}", value - previous);
        previous = value;
    }
    out
}

fn stemmer_for(lang: &str) -> Option<Stemmer> {
    let algorithm = match lang {
        "en" => Algorithm::English,
        "ru" => Algorithm::Russian,
        "de" => Algorithm::German,
        "fr" => Algorithm::French,
        "es" => Algorithm::Spanish,
        "it" => Algorithm::Italian,
        "pt" => Algorithm::Portuguese,
        "tr" => Algorithm::Turkish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// The summary, then the body, cut after `TEXT_CHARS` characters.
fn snippet_text(summary: &str, body: &str) -> String {
    let mut text = summary.trim().to_string();
    let cut = body.char_indices().nth(TEXT_CHARS).map(|(at, _)| at);
    let excerpt = &body[..cut.unwrap_or(body.len())];
    if !excerpt.is_empty() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(excerpt.trim_end());
        if cut.is_some() {
            text.push('…');
        }
    }
    text
}

fn documents(
    publication: &Publication<'_>,
    language: &Language,
    events: &[LocalEvent<'_>],
) -> Vec<Document> {
    let routes = publication.routes;
    let lang = language.code.as_str();
    let default_lang = &publication.config.default_language().code;
    let mut documents: Vec<Document> = events
        .par_iter()
        .rev()
        .map(|e| {
            let (text, _) = e.event.text_for(lang, default_lang);
            Document {
                url: routes.url(&e.path),
                title: e.title.to_string(),
                meta: format!("{} · {}", e.date_text, e.kind_label),
                summary: e.summary.to_string(),
                body: plain_text(&text.body),
                keywords: [
                    e.place.unwrap_or_default(),
                    &e.kind_label,
                    &text.tags.join(" "),
                ]
                .join(" "),
            }
        })
        .collect();
    let page_document = |page: &Page, meta: &str| {
        let (text, _) = page.text_for(lang, default_lang);
        let path = match page.section {
            Section::Docs => routes.docs(lang, &page.slug),
            _ => routes.page(lang, &page.slug),
        };
        Document {
            url: routes.url(&path),
            title: text.title.clone(),
            meta: meta.to_string(),
            summary: text.description.clone(),
            body: plain_text(&text.body),
            keywords: String::new(),
        }
    };
    let docs_label = language.strings.get("docs").cloned().unwrap_or_default();
    documents.par_extend(
        publication
            .site
            .pages
            .par_iter()
            .map(|p| page_document(p, "")),
    );
    documents.par_extend(
        publication
            .site
            .docs
            .par_iter()
            .map(|p| page_document(p, &docs_label)),
    );
    documents
}

/// The words of a Markdown body, without markup, on one line; none for a
/// body on which pulldown-cmark panics (its page reports the panic).
fn plain_text(markdown: &str) -> String {
    crate::contain::contain(|| words(markdown)).unwrap_or_default()
}

fn words(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, crate::render::markdown::parser_options()) {
        match event {
            Event::Text(text) | Event::Code(text) => {
                out.push_str(&text);
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::HtmlBlock,
            ) => out.push(' '),
            _ => {}
        }
    }
    let mut line = String::with_capacity(out.len());
    for word in out.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_are_delta_encoded_doc_and_field() {
        let list = [
            posting(0, Field::Title),
            posting(3, Field::Body),
            posting(4, Field::Summary),
        ];
        assert_eq!(encode(&list), "2,10,5");
    }

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

    #[test]
    fn plain_text_reads_markdown_as_pages_do() {
        // Tables, heading attributes, strikethrough and footnotes are
        // Markdown here too, not text with pipes and braces.
        let text = plain_text(
            "## Savdo {#trade}\n\n| Yil | Hajm |\n| --- | --- |\n| 2024 | 4,27 |\n\n~~eski~~ matn[^1]\n\n[^1]: Manba.\n",
        );
        assert_eq!(text, "Savdo Yil Hajm 2024 4,27 eski matn Manba.");
    }

    #[test]
    fn a_body_that_crashes_the_parser_has_no_words() {
        // pulldown-cmark 0.13 panics on this with heading attributes on.
        assert_eq!(plain_text("-\n  }\n   {}\n  -"), "");
    }

    #[test]
    fn plain_text_drops_markup_and_keeps_words() {
        assert_eq!(
            plain_text("**2021-yil** kuni [Toshkentda](x.md) *imzolandi*.\n\n- bir\n- ikki"),
            "2021-yil kuni Toshkentda imzolandi. bir ikki"
        );
    }

    #[test]
    fn english_stems_group_word_forms() {
        let stemmer = stemmer_for("en").unwrap();
        assert_eq!(stemmer.stem("treaties"), stemmer.stem("treaty"));
        assert!(stemmer_for("uz").is_none(), "no Uzbek Snowball stemmer");
    }
}
