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
use crate::model::site::{Page, Section};
use crate::output::publish::{LocalEvent, Publication, SEARCH_INDEX_FILE as INDEX_FILE};
use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::BTreeMap;
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
    // Each document's words with their best field, in parallel; then merged
    // in document order so postings stay sorted.
    let per_document: Vec<BTreeMap<String, Field>> =
        documents.par_iter().map(document_words).collect();
    let mut words: BTreeMap<String, Vec<(usize, Field)>> = BTreeMap::new();
    for (number, best) in per_document.into_iter().enumerate() {
        for (word, field) in best {
            words.entry(word).or_default().push((number, field));
        }
    }
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
        serde_json::to_string(&root).unwrap_or_default(),
    )];
    for (k, chunk) in documents.chunks(CHUNK_SIZE).enumerate() {
        let texts: Vec<String> = chunk
            .iter()
            .map(|d| snippet_text(&d.summary, &d.body))
            .collect();
        files.push((
            format!("text-{k}.json"),
            serde_json::to_string(&texts).unwrap_or_default(),
        ));
    }
    files
}

/// A document's folded words (two characters or more), each with the
/// most important field it occurs in.
fn document_words(document: &Document) -> BTreeMap<String, Field> {
    let mut best: BTreeMap<String, Field> = BTreeMap::new();
    let fields = [
        (&document.title, Field::Title),
        (&document.summary, Field::Summary),
        (&document.keywords, Field::Summary),
        (&document.body, Field::Body),
    ];
    for (text, field) in fields {
        for token in fold::tokens(text) {
            if token.chars().count() < 2 {
                continue;
            }
            let entry = best.entry(token).or_insert(field);
            *entry = (*entry).max(field);
        }
    }
    best
}

/// Deltas of `doc * 4 + field`, comma-separated.
fn encode(list: &[(usize, Field)]) -> String {
    let mut out = String::new();
    let mut previous = 0;
    for (doc, field) in list {
        let value = doc * 4 + *field as usize;
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
    let excerpt: String = body.chars().take(TEXT_CHARS).collect();
    if !excerpt.is_empty() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(excerpt.trim_end());
        if body.chars().count() > TEXT_CHARS {
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
        .iter()
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
    documents.extend(publication.site.pages.iter().map(|p| page_document(p, "")));
    documents.extend(
        publication
            .site
            .docs
            .iter()
            .map(|p| page_document(p, &docs_label)),
    );
    documents
}

/// The words of a Markdown body, without markup, on one line.
fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
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
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_are_delta_encoded_doc_and_field() {
        let list = [(0, Field::Title), (3, Field::Body), (4, Field::Summary)];
        assert_eq!(encode(&list), "2,10,5");
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
