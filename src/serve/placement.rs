//! Where an event stands in each listing that shows it (its year, its
//! kind, each of its tags in each language), so an edit renders only the
//! listing pages it moved or changed: the page that holds the event, every
//! page between its old and new places when its date moved it, or, when it
//! joined or left a listing, the pages from its place to the end (the
//! events after it shift by one) and the first page (the listing's count).
//!
//! Pure: reads the loaded model.

use crate::config::Config;
use crate::model::listing;
use crate::model::site::Site;
use crate::render::site::Listing;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// An event's place (0-based, timeline order) in every listing that shows
/// it, per language, and how many events each listing holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Placement {
    pub(super) year: i32,
    kind: String,
    /// Shown among the home page's entries.
    on_home: bool,
    /// Its tags as written, per language: the home's tag filter shows the
    /// names and counts.
    tags: Vec<Vec<String>>,
    /// (language index, listing) → its place there.
    places: BTreeMap<(usize, Listing), Place>,
}

/// An event's place in one listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    /// Events before it in the listing.
    position: usize,
    /// Events the listing holds, itself included.
    size: usize,
}

/// (language index, listing) and the event's place there.
type Placed = ((usize, Listing), Place);

/// The listing pages an edit changes, and what changed beyond them.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Changes {
    /// (language index, listing) → page numbers (from 1), or `None` for
    /// every page (the page list shown on each page changed).
    pub(super) pages: BTreeMap<(usize, Listing), Option<BTreeSet<usize>>>,
    /// The years that got their first event or lost their last: the
    /// years around them link to other years.
    pub(super) years: BTreeSet<i32>,
    /// A kind got its first event or lost its last: the kind filter on
    /// every kind page lists other kinds.
    pub(super) kinds: bool,
}

impl Placement {
    /// Where the event `slug` stands; `None` when the site has no such event.
    pub(super) fn of(site: &Site, slug: &str, config: &Config) -> Option<Self> {
        let index = site.events.iter().position(|e| e.slug == slug)?;
        let event = &site.events[index];
        let default_lang = &config.default_language().code;
        let year = place_among(
            index,
            site.events.iter().map(|e| e.date.year == event.date.year),
        );
        let kind = place_among(index, site.events.iter().map(|e| e.kind == event.kind));
        // Each language's tag places in parallel: each may make that
        // language's tag index (a pass over every event's tags).
        let languages: Vec<(Vec<String>, Vec<Placed>)> = config
            .languages
            .par_iter()
            .enumerate()
            .map(|(l, language)| {
                let lang = language.code.as_str();
                let (text, _) = event.text_for(lang, default_lang);
                let mut places = vec![
                    ((l, Listing::Year(event.date.year)), year),
                    ((l, Listing::Kind(event.kind.clone())), kind),
                ];
                places.extend(tag_places(site, (lang, default_lang), &text.tags, index, l));
                (text.tags.clone(), places)
            })
            .collect();
        let mut places = BTreeMap::new();
        let mut tags = Vec::new();
        for (names, found) in languages {
            tags.push(names);
            places.extend(found);
        }
        Some(Self {
            year: event.date.year,
            kind: event.kind.clone(),
            on_home: on_home(config, site, index),
            tags,
            places,
        })
    }

    /// The listing pages that change when an event placed `before` (`None`:
    /// it is new) is placed `after` (`None`: it is gone), its entry changed.
    /// A listing it stays in changes from its old place to its new one; a
    /// listing it joins or leaves from its place to the last page, and on
    /// the first, which shows the count (every page when the number of
    /// pages changed: each page lists them all).
    pub(super) fn changes(
        before: Option<&Self>,
        after: Option<&Self>,
        page_size: usize,
    ) -> Changes {
        let page = |position: usize| position / page_size.max(1) + 1;
        let places = |p: Option<&Self>| p.map(|p| p.places.clone()).unwrap_or_default();
        let (was, now) = (places(before), places(after));
        let mut changes = Changes::default();
        for key in was.keys().chain(now.keys()).collect::<BTreeSet<_>>() {
            let pages = match (was.get(key), now.get(key)) {
                (Some(a), Some(b)) if a.size == b.size => {
                    let (first, last) = (a.position.min(b.position), a.position.max(b.position));
                    Some((page(first)..=page(last)).collect())
                }
                // Not from one event's edit alone: all of it, to be safe.
                (Some(_), Some(_)) => None,
                (Some(place), None) | (None, Some(place)) => {
                    if place.size == 1 {
                        // The listing appears or goes with this event.
                        if let Listing::Year(year) = key.1 {
                            changes.years.insert(year);
                        }
                        changes.kinds |= matches!(key.1, Listing::Kind(_));
                    }
                    shifted_pages(*place, page_size)
                }
                (None, None) => continue,
            };
            changes.pages.insert(key.clone(), pages);
        }
        changes
    }

    /// True when the home page changes: it shows the event (before or
    /// after), or its counts (years, kinds) or tag filter changed.
    pub(super) fn home_changes(before: Option<&Self>, after: Option<&Self>) -> bool {
        match (before, after) {
            (Some(before), Some(after)) => {
                before.on_home
                    || after.on_home
                    || before.year != after.year
                    || before.kind != after.kind
                    || before.tags != after.tags
            }
            // Its count of events changes.
            _ => true,
        }
    }
}

/// The place of the event at `index` in the listing of each of its tags
/// `names` in `lang` (language index `l`): how many events before it, and
/// in all, carry the tag (once each, as a tag page lists them), from the
/// site's tag index.
fn tag_places(
    site: &Site,
    (lang, default_lang): (&str, &str),
    names: &[String],
    index: usize,
    l: usize,
) -> Vec<Placed> {
    let mine: BTreeSet<String> = names
        .iter()
        .map(|name| site.tag_slugs.slug(lang, name))
        .collect();
    let site_tags = site.tags(lang, default_lang);
    mine.into_iter()
        .map(|slug| {
            let members = site_tags
                .by_slug
                .get(&slug)
                .map_or(&[][..], |tag| tag.members.as_slice());
            let place = Place {
                position: members.partition_point(|&member| member < index),
                size: members.len(),
            };
            ((l, Listing::Tag(slug)), place)
        })
        .collect()
}

/// The pages of a listing that an event at `place` joined or left (the
/// listing as it is with the event): its page to the last, and the first
/// page; `None` (every page) when the number of pages changes; none when
/// the listing holds only it (it has no pages without it).
fn shifted_pages(place: Place, page_size: usize) -> Option<BTreeSet<usize>> {
    if place.size == 1 {
        return Some(BTreeSet::from([1]));
    }
    let pages = listing::page_count(place.size, page_size);
    if pages != listing::page_count(place.size - 1, page_size) {
        return None;
    }
    let mut numbers: BTreeSet<usize> = (place.position / page_size.max(1) + 1..=pages).collect();
    numbers.insert(1);
    Some(numbers)
}

/// The place of the event at `index` among the events `members` marks.
fn place_among(index: usize, members: impl Iterator<Item = bool>) -> Place {
    let mut place = Place {
        position: 0,
        size: 0,
    };
    for (i, member) in members.enumerate() {
        if member {
            place.size += 1;
            place.position += usize::from(i < index);
        }
    }
    place
}

/// True when the home page shows the event at `index` (a split site's home
/// lists only the newest).
fn on_home(config: &Config, site: &Site, index: usize) -> bool {
    let events = site.events.len();
    !listing::is_split(config.render.timeline_limit, events)
        || index >= events.saturating_sub(listing::RECENT_EVENTS)
}
