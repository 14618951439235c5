//! A readers' search index kept in memory between edits (`serve`), so an
//! edit of one event makes again only the files it is in: the word shards
//! of the words it gained or lost (or whose field changed) and its
//! document chunk, instead of indexing every document again (about 300 ms
//! a language at 10,000 events).
//!
//! It holds what the files hold: each shard's words with their encoded
//! postings and stems, and each document's chunk entry; the texts come from
//! the same functions as a build's (`search_index`), so they are the same
//! bytes. Document numbers are the pages, then the events in timeline
//! order: the event at timeline position `i` is document `pages + i`. An
//! event that moves renumbers the documents between its places; an event
//! added or removed shifts the documents after it by one, which changes
//! only one gap of each word's list (`postings::shift`) and the chunks
//! after it. A new newest event shifts nothing.

use crate::config::Language;
use crate::model::routes::SEARCH_INDEX_FILE;
use crate::model::search_shards::{docs_file, shard_of, word_file, Layout, CHUNK_SIZE};
use crate::render::dates::DateFormatter;
use crate::render::files::postings::{decode, encode, shift, Shift};
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
    /// The pages, numbered before the events.
    pages: usize,
    shards: Vec<Shard>,
    /// Each document's chunk entry, by document number.
    entries: Vec<String>,
}

/// The most documents an event may move across before the index is made
/// again instead: each document between is read again to find its words.
const MOVE_LIMIT: usize = 1024;

/// A file of the index: its name in the index's folder and its text.
pub type IndexFile = (String, String);

/// What events added or removed changed (`LiveIndex::insert_event`,
/// `remove_event`), for `LiveIndex::shifted_files`.
#[derive(Debug, Default)]
pub struct Shifted {
    shards: BTreeSet<usize>,
    /// The first chunk whose documents changed.
    first_chunk: Option<usize>,
}

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
            pages: publication.site.pages.len(),
            shards,
            entries: documents.par_iter().map(chunk_entry).collect(),
        };
        let mut files = vec![(SEARCH_INDEX_FILE.to_string(), index.manifest(language))];
        files.extend((0..layout.shards).map(|n| index.shard_file(n)));
        files.extend((0..layout.chunks()).map(|k| index.chunk_file(k)));
        (index, files)
    }

    /// The documents in the index: the layout a replan must keep.
    pub fn documents(&self) -> usize {
        self.layout.documents
    }

    /// Whether events added or removed can be shifted in and out of this
    /// index to hold `events` events and `pages` pages: the same pages and
    /// the same number of shards (otherwise every word moves; index again).
    pub fn can_shift_to(&self, events: usize, pages: usize) -> bool {
        pages == self.pages && Layout::of(pages + events).shards == self.layout.shards
    }

    /// Puts `event` in at timeline position `position`: the documents
    /// after it shift up by one. Only the words of its document and the
    /// first posting of each word's list at or past it change.
    pub fn insert_event(
        &mut self,
        publication: &Publication<'_>,
        language: &Language,
        position: usize,
        event: &LocalEvent<'_>,
        shifted: &mut Shifted,
    ) {
        let number = self.pages + position;
        let document = event_document(publication, language, event);
        let new = best_fields(&document, number);
        let appended = number >= self.entries.len();
        let stemmer = stemmer_for(&self.lang);
        let changed = self.shift_words(number, appended.then_some(&new), |word| {
            Shift::Insert(new.get(word).copied())
        });
        shifted.shards.extend(changed);
        for (word, &posting) in &new {
            let n = shard_of(word, self.layout.shards);
            if !self.shards[n].words.contains_key(word) {
                self.shards[n].insert(word.clone(), &[posting], stemmer.as_ref());
                shifted.shards.insert(n);
            }
        }
        self.entries
            .insert(number.min(self.entries.len()), chunk_entry(&document));
        self.resize(number, shifted);
    }

    /// Takes out the event at timeline position `position` (`event` as
    /// indexed): the documents after it shift down by one.
    pub fn remove_event(
        &mut self,
        publication: &Publication<'_>,
        language: &Language,
        position: usize,
        event: &LocalEvent<'_>,
        shifted: &mut Shifted,
    ) {
        let number = self.pages + position;
        if number >= self.entries.len() {
            return;
        }
        let last = number + 1 == self.entries.len();
        // The last document: only its own words hold a posting at or past it.
        let own = last.then(|| best_fields(&event_document(publication, language, event), number));
        let changed = self.shift_words(number, own.as_ref(), |_| Shift::Remove);
        shifted.shards.extend(changed);
        self.entries.remove(number);
        self.resize(number, shifted);
    }

    /// Applies `how(word)` at document `number` to the words `only` names
    /// (each shard's every word when `None`); returns the shards changed.
    fn shift_words(
        &mut self,
        number: usize,
        only: Option<&BTreeMap<String, Posting>>,
        how: impl Fn(&str) -> Shift + Sync,
    ) -> Vec<usize> {
        let shards = self.layout.shards;
        self.shards
            .par_iter_mut()
            .enumerate()
            .filter_map(|(n, shard)| {
                let mut changed = false;
                let mut emptied = Vec::new();
                let mut apply = |word: &String, encoded: &mut String| {
                    if let Some(list) = shift(encoded, number, how(word)) {
                        changed = true;
                        match list.is_empty() {
                            true => emptied.push(word.clone()),
                            false => *encoded = list,
                        }
                    }
                };
                match only {
                    Some(only) => {
                        for word in only.keys().filter(|w| shard_of(w, shards) == n) {
                            if let Some(encoded) = shard.words.get_mut(word) {
                                apply(word, encoded);
                            }
                        }
                    }
                    None => shard.words.iter_mut().for_each(|(w, e)| apply(w, e)),
                }
                for word in emptied {
                    shard.words.remove(&word);
                    shard.stems.remove(&word);
                }
                changed.then_some(n)
            })
            .collect()
    }

    /// The layout after a document came or went at `number`. The shards
    /// stay as many (words stay where they are) even when the documents
    /// pass a bound between shifts: `can_shift_to` checked the end.
    fn resize(&mut self, number: usize, shifted: &mut Shifted) {
        self.layout.documents = self.entries.len();
        let chunk = number / CHUNK_SIZE;
        shifted.first_chunk = Some(shifted.first_chunk.map_or(chunk, |k| k.min(chunk)));
    }

    /// The files events added or removed changed: the manifest, the shards
    /// and the chunks from the first that changed (a chunk gone with the
    /// documents is the page inventory's to remove).
    pub fn shifted_files(&self, language: &Language, shifted: &Shifted) -> Vec<IndexFile> {
        let Some(first_chunk) = shifted.first_chunk else {
            return Vec::new();
        };
        let mut files = vec![(SEARCH_INDEX_FILE.to_string(), self.manifest(language))];
        let shards: Vec<usize> = shifted.shards.iter().copied().collect();
        files.par_extend(shards.into_par_iter().map(|n| self.shard_file(n)));
        let chunks = first_chunk..self.layout.chunks();
        files.par_extend(chunks.into_par_iter().map(|k| self.chunk_file(k)));
        files
    }

    /// Replaces the event at timeline position `position` (`before` as
    /// indexed, `after` as it is now); returns the files that changed.
    pub fn replace_event(
        &mut self,
        publication: &Publication<'_>,
        language: &Language,
        position: usize,
        before: &LocalEvent<'_>,
        after: &LocalEvent<'_>,
    ) -> Vec<IndexFile> {
        self.move_event(publication, language, (position, position), before, after)
            .unwrap_or_default()
    }

    /// Moves the event at timeline position `from` to `to` (its date moved
    /// it; the events between shift by one), `before` as indexed and
    /// `after` as it is now; returns the files that changed. Only the words
    /// of the documents between change, so only they are read again;
    /// `None` when more than `MOVE_LIMIT` documents lie between (making the
    /// index again is then as quick).
    pub fn move_event(
        &mut self,
        publication: &Publication<'_>,
        language: &Language,
        (from, to): (usize, usize),
        before: &LocalEvent<'_>,
        after: &LocalEvent<'_>,
    ) -> Option<Vec<IndexFile>> {
        let events = publication.site.events.len();
        let (from, to) = (self.pages + from, self.pages + to);
        let (low, high) = (from.min(to), from.max(to));
        if high - low > MOVE_LIMIT
            || high >= self.pages + events
            || high >= self.entries.len()
            || publication.site.pages.len() != self.pages
        {
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
            // Document `n` is the event at timeline position `n - pages`.
            let event = &publication.site.events[number - self.pages];
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

    fn manifest(&self, language: &Language) -> String {
        manifest(language, self.layout, self.entries.len() - self.pages)
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
