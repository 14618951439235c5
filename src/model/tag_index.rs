//! Each language's tags as the events carry them, from one pass over the
//! events, kept with the `Site` until its events or tag slugs change.
//!
//! The page inventory (how many pages each tag listing has, which file asks
//! for it), the tag pages and the home page's tag filter, and `serve`'s
//! placement of an edited event all read the same facts. Each used to walk
//! every event's tags itself: at 10,000 events a pass is several
//! milliseconds (the events' texts are scattered in memory), and an edit
//! made five or six of them per language (issue 17). Now an edit makes one.

use crate::model::site::Event;
use crate::model::tags::TagSlugs;
use ahash::AHashMap;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The tags of one language, by slug.
#[derive(Debug, Default)]
pub struct LanguageTags {
    pub by_slug: BTreeMap<String, TagEntry>,
}

/// One tag listing in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct TagEntry {
    /// The name it was first written with, in timeline order.
    pub name: String,
    /// Timeline indices of the events that carry it, each once.
    pub members: Vec<usize>,
    /// How often it is written: an event with two names of it counts twice
    /// (the home page's tag filter has always counted so).
    pub uses: usize,
    /// The first file by name that carries it: it asks for the tag's pages
    /// (by name, not by date, so moving an event keeps the plan).
    pub first_file: PathBuf,
}

/// Language code → its tags, made on first use.
#[derive(Debug, Default)]
pub struct TagIndex {
    languages: Mutex<BTreeMap<String, Arc<LanguageTags>>>,
}

impl Clone for TagIndex {
    /// A copy of the site starts without the index: it is made again on use.
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl TagIndex {
    /// `lang`'s tags (`default_lang` gives untranslated events' texts).
    pub fn get(
        &self,
        events: &[Event],
        slugs: &TagSlugs,
        lang: &str,
        default_lang: &str,
    ) -> Arc<LanguageTags> {
        if let Some(tags) = self.lock().get(lang) {
            return Arc::clone(tags);
        }
        // Made outside the lock: languages are made side by side.
        let tags = Arc::new(LanguageTags::of(events, slugs, lang, default_lang));
        Arc::clone(self.lock().entry(lang.to_string()).or_insert(tags))
    }

    /// Forgets every language's tags (the events or slugs changed).
    pub fn clear(&mut self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Arc<LanguageTags>>> {
        self.languages
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl LanguageTags {
    fn of(events: &[Event], slugs: &TagSlugs, lang: &str, default_lang: &str) -> Self {
        // Each distinct name's slug is looked up once and becomes a number
        // into `tags` (names of one slug share it).
        let mut ids: AHashMap<&str, usize> = AHashMap::new();
        let mut by_slug: AHashMap<String, usize> = AHashMap::new();
        let mut tags: Vec<(String, TagEntry)> = Vec::new();
        for (index, event) in events.iter().enumerate() {
            let (text, _) = event.text_for(lang, default_lang);
            for name in &text.tags {
                let id = *ids.entry(name.as_str()).or_insert_with(|| {
                    let slug = slugs.slug(lang, name);
                    *by_slug.entry(slug.clone()).or_insert_with(|| {
                        let tag = TagEntry {
                            name: name.clone(),
                            members: Vec::new(),
                            uses: 0,
                            first_file: text.source.path.clone(),
                        };
                        tags.push((slug, tag));
                        tags.len() - 1
                    })
                });
                let tag = &mut tags[id].1;
                tag.uses += 1;
                // Two names of one slug on one event list it once.
                if tag.members.last() != Some(&index) {
                    tag.members.push(index);
                    if text.source.path < tag.first_file {
                        tag.first_file = text.source.path.clone();
                    }
                }
            }
        }
        Self {
            by_slug: tags.into_iter().collect(),
        }
    }
}

#[cfg(test)]
mod tests;
