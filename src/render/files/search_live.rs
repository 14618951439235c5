//! A readers' search index kept in memory between edits (`serve`), so an
//! edit of one event makes again only the files it is in: the word shards
//! of the words it gained or lost (or whose field changed) and its
//! document chunk, instead of indexing every document again (about 300 ms
//! a language at 10,000 events).
//!
//! It holds what the files hold: each shard's words with their encoded
//! postings and stems, and each document's chunk entry; the texts come from
//! the same functions as a build's (`search_index`), so they are the same
//! bytes. Document numbers are timeline positions (events newest first,
//! then pages): an edit that moves an event in the timeline renumbers
//! documents, and the caller builds the index again instead.

use crate::config::Language;
use crate::model::routes::SEARCH_INDEX_FILE;
use crate::model::search_shards::{docs_file, shard_of, word_file, Layout, CHUNK_SIZE};
use crate::render::files::search_index::{
    all_documents, chunk_entry, chunk_text, document_words, event_document, manifest, postings,
    stemmer_for, Document, Posting, Scope, Shard,
};
use crate::render::files::{LocalEvent, Publication};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// One language's readers' index, as its files hold it.
pub struct LiveIndex {
    layout: Layout,
    lang: String,
    shards: Vec<Shard>,
    /// Each document's chunk entry, by document number.
    entries: Vec<String>,
}

/// A file of the index: its name in the index's folder and its text.
pub type IndexFile = (String, String);

impl LiveIndex {
    /// Indexes every event and page; returns the index and all its files.
    pub fn build(
        publication: &Publication<'_>,
        language: &Language,
        events: &[LocalEvent<'_>],
    ) -> (Self, Vec<IndexFile>) {
        let documents = all_documents(publication, language, events, Scope::Readers);
        let layout = Layout::of(documents.len());
        let stemmer = stemmer_for(&language.code);
        let mut shards: Vec<Shard> = (0..layout.shards).map(|_| Shard::default()).collect();
        for (word, list) in postings(&documents, 0) {
            shards[shard_of(&word, layout.shards)].insert(word, &list, stemmer.as_ref());
        }
        let index = LiveIndex {
            layout,
            lang: language.code.clone(),
            shards,
            entries: documents.par_iter().map(chunk_entry).collect(),
        };
        let mut files = vec![(SEARCH_INDEX_FILE.to_string(), manifest(language, layout))];
        files.extend((0..layout.shards).map(|n| index.shard_file(n)));
        files.extend((0..layout.chunks()).map(|k| index.chunk_file(k)));
        (index, files)
    }

    /// The documents in the index: the layout a replan must keep.
    pub fn documents(&self) -> usize {
        self.layout.documents
    }

    /// Replaces the event at document `number` (`before` as indexed, `after`
    /// as it is now); returns the files that changed.
    pub fn replace_event(
        &mut self,
        publication: &Publication<'_>,
        language: &Language,
        number: usize,
        before: &LocalEvent<'_>,
        after: &LocalEvent<'_>,
    ) -> Vec<IndexFile> {
        let old = event_document(publication, language, before);
        let new = event_document(publication, language, after);
        let mut shards = BTreeSet::new();
        let (old_words, new_words) = (best_fields(&old, number), best_fields(&new, number));
        let stemmer = stemmer_for(&self.lang);
        for word in old_words.keys().chain(new_words.keys()) {
            let (was, is) = (old_words.get(word), new_words.get(word));
            if was == is {
                continue;
            }
            let n = shard_of(word, self.layout.shards);
            let shard = &mut self.shards[n];
            let mut list = shard.words.get(word).map_or_else(Vec::new, |l| decode(l));
            let at = list.partition_point(|p| (*p / 4) < (number as Posting));
            if list.get(at).is_some_and(|p| *p / 4 == number as Posting) {
                list.remove(at);
            }
            if let Some(&posting) = is {
                list.insert(at, posting);
            }
            if list.is_empty() {
                shard.words.remove(word);
                shard.stems.remove(word);
            } else {
                shard.insert(word.clone(), &list, stemmer.as_ref());
            }
            shards.insert(n);
        }
        let entry = chunk_entry(&new);
        let mut files: Vec<IndexFile> = shards.into_iter().map(|n| self.shard_file(n)).collect();
        if self.entries.get(number) != Some(&entry) {
            if let Some(slot) = self.entries.get_mut(number) {
                *slot = entry;
                files.push(self.chunk_file(number / CHUNK_SIZE));
            }
        }
        files
    }

    fn shard_file(&self, n: usize) -> IndexFile {
        (word_file(n), self.shards[n].text())
    }

    fn chunk_file(&self, k: usize) -> IndexFile {
        let end = ((k + 1) * CHUNK_SIZE).min(self.entries.len());
        let entries = self.entries.get(k * CHUNK_SIZE..end).unwrap_or_default();
        (docs_file(k), chunk_text(entries))
    }
}

/// Each word of `document` with its posting (the best field it is in), as
/// `search_index::postings` keeps one per document.
fn best_fields(document: &Document, number: usize) -> BTreeMap<String, Posting> {
    let mut words: BTreeMap<String, Posting> = BTreeMap::new();
    document_words(document, |word, field| {
        let posting = crate::render::files::search_index::posting(number, field);
        match words.get_mut(word) {
            Some(best) => *best = (*best).max(posting),
            None => {
                words.insert(word.to_string(), posting);
            }
        }
    });
    words
}

/// A word's postings from their encoding (deltas, comma-separated).
fn decode(encoded: &str) -> Vec<Posting> {
    let mut total: Posting = 0;
    encoded
        .split(',')
        .filter_map(|delta| delta.parse::<Posting>().ok())
        .map(|delta| {
            total += delta;
            total
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::files::search_index::encode;

    #[test]
    fn decoding_reverses_encoding() {
        let list: Vec<Posting> = vec![2, 13, 18, 401];
        assert_eq!(decode(&encode(&list)), list);
        assert!(decode("").is_empty());
    }
}
