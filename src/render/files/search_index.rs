//! The search indexes of one language, read by static/search.js: the
//! readers' index (events and pages, in `search/`) and the editors' guide's
//! (docs, in `docs/search/`), so the guide never fills readers' results.
//!
//! Each index is cut into files (`model::search_shards`), all JSON:
//! - `index.json`, the manifest (version 3): `fold`, the folding tables of
//!   `model::fold`, so the script folds queries exactly as this module
//!   folds the text; `shards`, `chunk_size`, `documents` and `events`;
//! - `words-<n>.json`: `{"words": …, "stems": …}` for the words of shard
//!   `n`. `words` maps a folded word to its postings, one per document
//!   it is in, in document order, with the best field it is in there (2
//!   title, 1 summary/place/tags/kind, 0 body), encoded as `postings`
//!   says (gaps between documents, then the fields);
//!   `stems` maps a word to its stem where they differ (languages with a
//!   Snowball stemmer; English here). The script matches a query word to a
//!   stem it starts with, so "treaties" finds "treaty";
//! - `docs-<k>.json`: `[url, title, meta, text]` of documents
//!   `k * chunk_size ..`, `text` being the summary and the start of the
//!   body, for snippets.
//!
//! Documents are numbered pages first, then the `events` events oldest
//! first (timeline order), so a new newest event is appended and removing
//! it truncates: no other document's number shifts (`serve` patches its
//! kept index instead of making it again). The script ranks equal scores
//! newest event first, then the pages, as readers expect.
//!
//! Takes the publication; returns the files (name, JSON text). Pure.

use crate::config::Language;
use crate::model::fold;
use crate::model::routes::SEARCH_INDEX_FILE;
use crate::model::search_shards::{docs_file, shard_of, word_file, Layout, CHUNK_SIZE};
use crate::model::site::{Page, Section};
use crate::render::escape::json_text_safe;
use crate::render::files::postings::encode;
use crate::render::files::search_text::{plain_text, snippet_text};
use crate::render::files::{LocalEvent, Publication};
use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{BTreeMap, HashMap};

/// Which pages an index covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Events and pages: the site's search page.
    Readers,
    /// The docs section: the editors' guide's own search page.
    Docs,
}

impl Scope {
    /// How many documents the index of this scope holds (the page
    /// inventory plans its files from this, before anything is indexed).
    pub fn documents(self, site: &crate::model::site::Site) -> usize {
        match self {
            Scope::Readers => site.events.len() + site.pages.len(),
            Scope::Docs => site.docs.len(),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Field {
    Body = 0,
    Summary = 1,
    Title = 2,
}

/// One searchable page before indexing.
pub(super) struct Document {
    url: String,
    title: String,
    meta: String,
    summary: String,
    body: String,
    /// Place, tags and kind: indexed like the summary, not shown.
    keywords: String,
}

/// Writes the files of one scope's index, named relative to its folder,
/// to `emit`: the manifest, then the document chunks, then the word shards.
///
/// Documents are made, indexed and written as chunks a group at a time
/// and dropped after, and each shard is made and written on its own, so a
/// large site never holds every document's plain text or every shard's
/// text at once (issue 17: at 50,000 events they were about 200 MB).
pub fn index(
    publication: &Publication<'_>,
    language: &Language,
    events: &[LocalEvent<'_>],
    scope: Scope,
    emit: &mut dyn FnMut(&str, &str),
) {
    let sources = Sources::new(publication, language, events, scope);
    let layout = Layout::of(sources.len());
    emit(
        SEARCH_INDEX_FILE,
        &manifest(language, layout, sources.events()),
    );
    let mut words: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
    for first in (0..sources.len()).step_by(DOCUMENT_GROUP) {
        let last = (first + DOCUMENT_GROUP).min(sources.len());
        let documents: Vec<Document> = (first..last)
            .into_par_iter()
            .map(|number| sources.document(number))
            .collect();
        for (word, list) in postings(&documents, first) {
            words.entry(word).or_default().extend(list);
        }
        let chunks: Vec<(String, String)> = documents
            .par_chunks(CHUNK_SIZE)
            .enumerate()
            .map(|(k, chunk)| {
                let entries: Vec<String> = chunk.iter().map(chunk_entry).collect();
                (docs_file(first / CHUNK_SIZE + k), chunk_text(&entries))
            })
            .collect();
        for (name, text) in chunks {
            emit(&name, &text);
        }
    }
    if sources.len() == 0 {
        emit(&docs_file(0), &chunk_text(&[]));
    }
    let mut shards: Vec<Vec<(String, Vec<Posting>)>> = vec![Vec::new(); layout.shards];
    for (word, list) in words {
        shards[shard_of(&word, layout.shards)].push((word, list));
    }
    let stemmer = stemmer_for(&language.code);
    for (n, shard) in shards.into_iter().enumerate() {
        emit(&word_file(n), &shard_text(shard, stemmer.as_ref()));
    }
}

/// Documents made and indexed together before their chunks are written: a
/// multiple of `CHUNK_SIZE` and `POSTINGS_BATCH`, large enough to keep
/// both cores busy, small enough that their texts cost a few megabytes.
const DOCUMENT_GROUP: usize = 4096;

/// `index.json`, the manifest of an index of `layout` whose last `events`
/// documents are events.
pub(super) fn manifest(language: &Language, layout: Layout, events: usize) -> String {
    let manifest = serde_json::json!({
        "version": 3,
        "lang": language.code,
        "fold": fold::table(),
        "shards": layout.shards,
        "chunk_size": CHUNK_SIZE,
        "documents": layout.documents,
        "events": events,
    });
    json(&manifest)
}

/// A document's entry in its chunk: `[url, title, meta, text]`.
pub(super) fn chunk_entry(document: &Document) -> String {
    let text = snippet_text(&document.summary, &document.body);
    let entry = (&document.url, &document.title, &document.meta, text);
    json_text_safe(&serde_json::to_string(&entry).unwrap_or_default())
}

/// A chunk file: its documents' entries (from `chunk_entry`) as one array.
/// `json_text_safe` escapes character by character, so entries escaped one
/// by one join into the text escaping the whole array gives.
pub(super) fn chunk_text(entries: &[String]) -> String {
    format!("[{}]", entries.join(","))
}

/// A shard file, `{"stems": …, "words": …}`, from its words (in order)
/// with their postings.
fn shard_text(words: Vec<(String, Vec<Posting>)>, stemmer: Option<&Stemmer>) -> String {
    let mut shard = Shard::default();
    for (word, list) in words {
        shard.insert(word, &list, stemmer);
    }
    shard.text()
}

/// What a scope's documents are made from, by document number: the
/// readers' index has the pages, then the events oldest first; the docs
/// index the docs pages.
struct Sources<'p, 'e> {
    publication: &'p Publication<'p>,
    language: &'p Language,
    events: &'p [LocalEvent<'e>],
    scope: Scope,
    docs_label: String,
}

impl<'p, 'e> Sources<'p, 'e> {
    fn new(
        publication: &'p Publication<'p>,
        language: &'p Language,
        events: &'p [LocalEvent<'e>],
        scope: Scope,
    ) -> Self {
        let docs_label = language.strings.get("docs").cloned().unwrap_or_default();
        Self {
            publication,
            language,
            events,
            scope,
            docs_label,
        }
    }

    fn len(&self) -> usize {
        match self.scope {
            Scope::Readers => self.events.len() + self.publication.site.pages.len(),
            Scope::Docs => self.publication.site.docs.len(),
        }
    }

    /// The events among the documents (the last ones).
    fn events(&self) -> usize {
        match self.scope {
            Scope::Readers => self.events.len(),
            Scope::Docs => 0,
        }
    }

    fn document(&self, number: usize) -> Document {
        let site = self.publication.site;
        match self.scope {
            Scope::Readers => match number.checked_sub(site.pages.len()) {
                Some(index) => event_document(self.publication, self.language, &self.events[index]),
                None => page_document(self.publication, self.language, &site.pages[number], ""),
            },
            Scope::Docs => page_document(
                self.publication,
                self.language,
                &site.docs[number],
                &self.docs_label,
            ),
        }
    }
}

/// The words of one shard with their encoded postings, and their stems.
#[derive(Default)]
pub(super) struct Shard {
    pub(super) words: BTreeMap<String, String>,
    pub(super) stems: BTreeMap<String, String>,
}

impl Shard {
    /// Puts `word` with its postings in the shard, with its stem where
    /// the stemmer changes it.
    pub(super) fn insert(&mut self, word: String, list: &[Posting], stemmer: Option<&Stemmer>) {
        if let Some(stem) = stemmer.map(|s| s.stem(&word).into_owned()) {
            if stem != word {
                self.stems.insert(word.clone(), stem);
            }
        }
        self.words.insert(word, encode(list));
    }

    /// The shard's file, `{"stems": …, "words": …}`: keys sorted, as a
    /// `serde_json::Map` keeps them, written straight from the maps (the
    /// bytes `serde_json` and `json_text_safe` would give: `serve`
    /// writes every shard again when an event is added far back).
    pub(super) fn text(&self) -> String {
        let size: usize = (self.stems.iter().chain(&self.words))
            .map(|(k, v)| k.len() + v.len() + 6)
            .sum();
        let mut out = String::with_capacity(size + 24);
        out.push_str("{\"stems\":");
        push_json_map(&mut out, &self.stems);
        out.push_str(",\"words\":");
        push_json_map(&mut out, &self.words);
        out.push('}');
        out
    }
}

/// Every document of a scope's index, in document order (`serve` keeps a
/// readers' index whole in memory; a build makes them a group at a time).
pub(super) fn all_documents(
    publication: &Publication<'_>,
    language: &Language,
    events: &[LocalEvent<'_>],
    scope: Scope,
) -> Vec<Document> {
    let sources = Sources::new(publication, language, events, scope);
    (0..sources.len())
        .into_par_iter()
        .map(|number| sources.document(number))
        .collect()
}

/// `map` as a compact JSON object, safe in a script (`json_text_safe`).
fn push_json_map(out: &mut String, map: &BTreeMap<String, String>) {
    out.push('{');
    for (n, (key, value)) in map.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        push_json_string(out, key);
        out.push(':');
        push_json_string(out, value);
    }
    out.push('}');
}

/// `text` as a JSON string: written as it is when nothing in it needs
/// escaping (words and postings never do), else through `serde_json`.
fn push_json_string(out: &mut String, text: &str) {
    // 0xE2 starts U+2028 and U+2029 (and other characters: they take the
    // careful way too).
    let plain = |b: u8| b >= 0x20 && !matches!(b, b'"' | b'\\' | b'<' | b'>' | b'&' | 0xE2);
    if text.bytes().all(plain) {
        out.push('"');
        out.push_str(text);
        out.push('"');
    } else {
        out.push_str(&json_text_safe(
            &serde_json::to_string(text).unwrap_or_default(),
        ));
    }
}

fn json(value: &serde_json::Value) -> String {
    json_text_safe(&serde_json::to_string(value).unwrap_or_default())
}

/// Documents indexed together by one task before the partial postings are
/// joined; large enough that joining costs little, small enough to spread.
const POSTINGS_BATCH: usize = 256;

/// One document's entry in a word's list: `document * 4 + field` (the
/// file stores the gaps between documents and the fields apart:
/// `postings::encode`). Four bytes, not the sixteen of
/// a `(usize, Field)` pair: a 10,000-event site has millions of postings.
pub(super) type Posting = u32;

pub(super) fn posting(document: usize, field: Field) -> Posting {
    Posting::try_from(document)
        .ok()
        .and_then(|document| document.checked_mul(4))
        .expect("fewer than a billion documents")
        + field as Posting
}

/// Folded word → the postings of `documents`, numbered from `first` (the best
/// field in each), in document order. Batches of documents are indexed in
/// parallel into hash maps keyed by borrowed words until a word is new (so
/// a word costs one allocation per batch, not one per occurrence), then
/// joined in order.
pub(super) fn postings(documents: &[Document], first: usize) -> BTreeMap<String, Vec<Posting>> {
    let batches: Vec<HashMap<String, Vec<Posting>>> = documents
        .par_chunks(POSTINGS_BATCH)
        .enumerate()
        .map(|(batch, chunk)| {
            let mut words: HashMap<String, Vec<Posting>> = HashMap::new();
            for (offset, document) in chunk.iter().enumerate() {
                let number = first + batch * POSTINGS_BATCH + offset;
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
pub(super) fn document_words(document: &Document, mut each: impl FnMut(&str, Field)) {
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

pub(super) fn stemmer_for(lang: &str) -> Option<Stemmer> {
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

/// An event's document in its language.
pub(super) fn event_document(
    publication: &Publication<'_>,
    language: &Language,
    e: &LocalEvent<'_>,
) -> Document {
    let default_lang = &publication.config.default_language().code;
    let (text, _) = e.event.text_for(&language.code, default_lang);
    Document {
        url: publication.routes.url(&e.path),
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
}

fn page_document(
    publication: &Publication<'_>,
    language: &Language,
    page: &Page,
    meta: &str,
) -> Document {
    let routes = publication.routes;
    let lang = language.code.as_str();
    let (text, _) = page.text_for(lang, &publication.config.default_language().code);
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
}

#[cfg(test)]
mod tests;
