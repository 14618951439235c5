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
use crate::render::dates::DateFormatter;
use crate::render::files::search_index::{
    all_documents, chunk_entry, chunk_text, document_words, encode, event_document, manifest,
    postings, stemmer_for, Document, Posting, Scope, Shard,
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

/// The most documents an event may move across before the index is made
/// again instead: each document between is read again to find its words.
const MOVE_LIMIT: usize = 1024;

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
        self.move_event(publication, language, (number, number), before, after)
            .unwrap_or_default()
    }

    /// Moves the event at document `from` to document `to` (its date moved
    /// it in the timeline; the documents between shift by one), `before` as
    /// indexed and `after` as it is now; returns the files that changed.
    /// Only the words of the documents between change, so only they are
    /// read again; `None` when more than `MOVE_LIMIT` documents lie between
    /// (making the index again is then as quick).
    pub fn move_event(
        &mut self,
        publication: &Publication<'_>,
        language: &Language,
        (from, to): (usize, usize),
        before: &LocalEvent<'_>,
        after: &LocalEvent<'_>,
    ) -> Option<Vec<IndexFile>> {
        let (low, high) = (from.min(to), from.max(to));
        let events = publication.site.events.len();
        if high - low > MOVE_LIMIT || high >= events || from >= self.entries.len() {
            return None;
        }
        // Document numbers after the move: the event's is `to`; those
        // between shift by one towards `from`.
        let renumber = |number: usize| match number {
            n if n == from => to,
            n if from < to && n > from && n <= to => n - 1,
            n if to < from && n >= to && n < from => n + 1,
            n => n,
        };
        let old = best_fields(&event_document(publication, language, before), from);
        let new = best_fields(&event_document(publication, language, after), to);
        let mut words: BTreeSet<String> = old
            .iter()
            .filter(|(word, posting)| from != to || new.get(*word) != Some(posting))
            .map(|(word, _)| word.clone())
            .collect();
        words.extend(
            new.iter()
                .filter(|(word, posting)| from != to || old.get(*word) != Some(posting))
                .map(|(word, _)| word.clone()),
        );
        let config = publication.config;
        let dates = DateFormatter::new(&language.code, &language.strings);
        for number in (low..=high).filter(|n| *n != to) {
            // Documents newest first: number `n` is the event at `events - 1 - n`.
            let event = &publication.site.events[events - 1 - number];
            let local = LocalEvent::new(event, &language.code, config, publication.routes, &dates);
            let document = event_document(publication, language, &local);
            document_words(&document, |word, _| {
                if !words.contains(word) {
                    words.insert(word.to_string());
                }
            });
        }
        let stemmer = stemmer_for(&self.lang);
        let mut shards = BTreeSet::new();
        for word in &words {
            let n = shard_of(word, self.layout.shards);
            let shard = &mut self.shards[n];
            // Without the event's own posting the renumbering keeps the
            // order (the documents between shift together), so the new
            // posting goes in at its place and nothing needs sorting.
            let mut list: Vec<Posting> = shard
                .words
                .get(word)
                .map_or_else(Vec::new, |l| decode(l))
                .into_iter()
                .filter(|p| (*p / 4) as usize != from)
                .map(|p| {
                    let number = renumber((p / 4) as usize) as Posting;
                    number * 4 + p % 4
                })
                .collect();
            if let Some(&posting) = new.get(word) {
                let at = list.partition_point(|p| *p < posting);
                list.insert(at, posting);
            }
            match (list.is_empty(), shard.words.get_mut(word)) {
                (true, _) => {
                    shard.words.remove(word);
                    shard.stems.remove(word);
                }
                // A word the shard has keeps its stem.
                (false, Some(encoded)) => *encoded = encode(&list),
                (false, None) => shard.insert(word.clone(), &list, stemmer.as_ref()),
            }
            shards.insert(n);
        }
        let after_document = event_document(publication, language, after);
        let entry = chunk_entry(&after_document);
        let mut files: Vec<IndexFile> = shards.into_iter().map(|n| self.shard_file(n)).collect();
        if from != to || self.entries[from] != entry {
            self.entries.remove(from);
            self.entries.insert(to, entry);
            files.extend((low / CHUNK_SIZE..=high / CHUNK_SIZE).map(|k| self.chunk_file(k)));
        }
        Some(files)
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

/// Each word of `document` with its posting (the best field it is in):
/// what `search_index::postings` gives for that one document.
fn best_fields(document: &Document, number: usize) -> BTreeMap<String, Posting> {
    postings(std::slice::from_ref(document), number)
        .into_iter()
        .filter_map(|(word, list)| Some((word, *list.first()?)))
        .collect()
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

    #[test]
    fn decoding_reverses_encoding() {
        let list: Vec<Posting> = vec![2, 13, 18, 401];
        assert_eq!(decode(&encode(&list)), list);
        assert!(decode("").is_empty());
    }
}
