//! Event summaries kept from one render to the next, for `serve`.
//!
//! A language's context makes each event's summary (its view and Tera
//! value) on first use and drops them all when its pages are rendered. At
//! 10,000 events an edit that moves an event far back renders a hundred
//! listing pages of a hundred entries each: making those summaries again,
//! and dropping them, was about a third of the edit's time (issue 17). So
//! `serve` hands the renderer a `SummaryCache`: a language's context starts
//! from the summaries the last render made and gives them back when done.
//!
//! What may change a summary between renders, and how each is handled:
//! - the event itself: `serve` forgets the edited events (`forget`);
//! - its kind's count (`KindView.count`), when an event joins or leaves the
//!   kind: checked on every take, the kind patched in where it changed;
//! - a tag's slug or address, when tag slugs are assigned again: checked on
//!   every take, the summaries carrying a changed tag made again;
//! - anything else (book.toml, content reloaded whole, a failed rebuild):
//!   `serve` clears the cache.
//!
//! The kind and tag values are the ones `SummaryValues` shares among
//! summaries, kept with them.

use crate::render::view::{EventSummaryView, KindView, TagView};
use ahash::AHashMap;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use tera::Value;

/// Summaries kept between renders, per language code.
#[derive(Default)]
pub struct SummaryCache {
    languages: Mutex<BTreeMap<String, KeptSummaries>>,
}

/// One language's kept summaries.
#[derive(Default)]
pub struct KeptSummaries {
    /// Event slug → its summary and Tera value. A render looks up only
    /// the summaries its pages show (a few for an edited event's pages,
    /// thousands for listings an old event shifted), so a small edit does
    /// not pay for the whole site's.
    pub(crate) events: AHashMap<String, KeptSummary>,
    /// Kind id → the value its summaries share.
    pub(crate) kinds: HashMap<String, Value>,
    /// Tag name → the value its summaries share.
    pub(crate) tags: HashMap<String, Value>,
}

/// One event's summary and its Tera value (its kind and tags are in
/// `kinds` and `tags`: only summaries made into values are kept).
pub(crate) struct KeptSummary {
    pub(crate) view: Arc<EventSummaryView>,
    pub(crate) value: Value,
}

impl SummaryCache {
    /// `lang`'s kept summaries (empty the first time); give them back
    /// with `put`.
    pub fn take(&self, lang: &str) -> KeptSummaries {
        self.lock().remove(lang).unwrap_or_default()
    }

    pub fn put(&self, lang: &str, kept: KeptSummaries) {
        self.lock().insert(lang.to_string(), kept);
    }

    /// Drops the summaries of these events (edited, added or removed) in
    /// every language.
    pub fn forget(&self, slugs: &BTreeSet<String>) {
        for kept in self.lock().values_mut() {
            for slug in slugs {
                kept.events.remove(slug);
            }
        }
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, KeptSummaries>> {
        self.languages
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl KeptSummaries {
    /// Brings the kept summaries up to date with the site's kinds and tags
    /// as they are now: `kind_now` and `tag_now` give a kind's and a tag
    /// name's view for this render.
    pub(crate) fn refresh(
        &mut self,
        kind_now: &dyn Fn(&str) -> KindView,
        tag_now: &dyn Fn(&str) -> TagView,
    ) {
        // Few kinds change at a time (an event added, removed or moved
        // between two): a list to look through, not a map.
        let mut kinds_moved: Vec<(KindView, Value)> = Vec::new();
        for (id, value) in &mut self.kinds {
            let view = kind_now(id);
            let fresh = Value::from_serializable(&view);
            if *value != fresh {
                *value = fresh.clone();
                kinds_moved.push((view, fresh));
            }
        }
        let tags_moved: Vec<String> = self
            .tags
            .iter()
            .filter(|(name, value)| **value != Value::from_serializable(&tag_now(name)))
            .map(|(name, _)| name.clone())
            .collect();
        for name in &tags_moved {
            self.tags.remove(name);
        }
        if kinds_moved.is_empty() && tags_moved.is_empty() {
            return;
        }
        self.events.retain(|_, kept| {
            !kept
                .view
                .tags
                .iter()
                .any(|tag| tags_moved.contains(&tag.name))
        });
        for kept in self.events.values_mut() {
            let moved = kinds_moved
                .iter()
                .find(|(view, _)| view.id == kept.view.kind.id);
            if let Some((view, value)) = moved {
                kept.patch_kind(view, value);
            }
        }
    }
}

impl KeptSummary {
    /// The summary with its kind's view and shared value replaced.
    fn patch_kind(&mut self, view: &KindView, value: &Value) {
        Arc::make_mut(&mut self.view).kind = view.clone();
        if let Some(mut map) = std::mem::replace(&mut self.value, Value::none()).into_map() {
            map.insert("kind".into(), value.clone());
            self.value = map.into();
        }
    }
}

#[cfg(test)]
mod tests;
