//! Where an event stands in each listing that shows it (its year, its
//! kind, each of its tags in each language), so an edit renders only the
//! listing pages it moved or changed: the page that holds the event, or
//! every page between its old and new places when its date moved it.
//!
//! Pure: reads the loaded model.

use crate::config::Config;
use crate::model::listing;
use crate::model::site::Site;
use crate::render::site::Listing;
use std::collections::{BTreeMap, BTreeSet};

/// An event's position (0-based, timeline order) in every listing that
/// shows it, per language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Placement {
    pub(super) year: i32,
    /// Shown among the home page's entries.
    pub(super) on_home: bool,
    /// Its tags as written, per language: the home's tag filter shows the
    /// names and counts.
    tags: Vec<Vec<String>>,
    /// (language index, listing) → position in it.
    positions: BTreeMap<(usize, Listing), usize>,
}

impl Placement {
    /// Where the event `slug` stands; `None` when the site has no such event.
    pub(super) fn of(site: &Site, slug: &str, config: &Config) -> Option<Self> {
        let index = site.events.iter().position(|e| e.slug == slug)?;
        let event = &site.events[index];
        let before = &site.events[..index];
        let default_lang = &config.default_language().code;
        let in_year = before
            .iter()
            .rev()
            .take_while(|e| e.date.year == event.date.year)
            .count();
        let in_kind = before.iter().filter(|e| e.kind == event.kind).count();
        let mut positions = BTreeMap::new();
        let mut tags = Vec::new();
        for (l, language) in config.languages.iter().enumerate() {
            let lang = language.code.as_str();
            positions.insert((l, Listing::Year(event.date.year)), in_year);
            positions.insert((l, Listing::Kind(event.kind.clone())), in_kind);
            let (text, _) = event.text_for(lang, default_lang);
            tags.push(text.tags.clone());
            let mine: BTreeSet<String> = text
                .tags
                .iter()
                .map(|name| site.tag_slugs.slug(lang, name))
                .collect();
            let mine: Vec<String> = mine.into_iter().collect();
            // How many events before it carry each of its tags (once each,
            // as a tag page lists them): one pass comparing names with the
            // few names that have those slugs.
            let names = site.tag_slugs.names_with(lang, &mine);
            let mut counts = vec![0; mine.len()];
            let mut hits: Vec<usize> = Vec::new();
            for other in before {
                let (text, _) = other.text_for(lang, default_lang);
                hits.clear();
                for name in &text.tags {
                    for (_, hit) in names.iter().filter(|(n, _)| n == name) {
                        if !hits.contains(hit) {
                            hits.push(*hit);
                        }
                    }
                }
                for &hit in &hits {
                    counts[hit] += 1;
                }
            }
            for (tag, count) in mine.into_iter().zip(counts) {
                positions.insert((l, Listing::Tag(tag)), count);
            }
        }
        Some(Self {
            year: event.date.year,
            on_home: on_home(config, site, index),
            tags,
            positions,
        })
    }

    /// The listing pages (per language and listing, page numbers from 1)
    /// that change when an event placed `before` is placed `after` in the
    /// same listings, its entry changed: the pages from its old place to
    /// its new one. A listing it joins is not here: its count changes on
    /// every page, which the caller renders whole.
    pub(super) fn pages_between(
        before: &Self,
        after: &Self,
        page_size: usize,
    ) -> BTreeMap<(usize, Listing), BTreeSet<usize>> {
        let page = |position: usize| position / page_size.max(1) + 1;
        after
            .positions
            .iter()
            .filter_map(|(listing, &now)| {
                let was = *before.positions.get(listing)?;
                let (first, last) = (page(was.min(now)), page(was.max(now)));
                Some((listing.clone(), (first..=last).collect()))
            })
            .collect()
    }

    /// True when the home page changes: it shows the event (before or
    /// after), or the year index's counts or the tag filter changed.
    pub(super) fn home_changes(before: &Self, after: &Self) -> bool {
        before.on_home || after.on_home || before.year != after.year || before.tags != after.tags
    }

    /// The listings that show the event now and did not before.
    pub(super) fn joined<'a>(
        before: &'a Self,
        after: &'a Self,
    ) -> impl Iterator<Item = &'a (usize, Listing)> {
        after
            .positions
            .keys()
            .filter(|listing| !before.positions.contains_key(*listing))
    }
}

/// True when the home page shows the event at `index` (a split site's home
/// lists only the newest).
fn on_home(config: &Config, site: &Site, index: usize) -> bool {
    let events = site.events.len();
    !listing::is_split(config.render.timeline_limit, events)
        || index >= events.saturating_sub(listing::RECENT_EVENTS)
}
