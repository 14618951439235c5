//! The publishing files (feeds, search index, open data, sitemap) as
//! `serve` keeps them between edits, so an edit of one event makes again
//! only what it touches: its item in `events.json` and `events.ics` (the
//! files are put together again from the kept items of the others), the
//! search shards of its words and its chunk (`search_live`), the feed (50
//! events), and the sitemap when the page inventory was planned again.
//!
//! At 10,000 events making them whole takes about half a second a
//! language; these parts take milliseconds. The files are made by the same
//! functions as a build's, from the same model, so they are the same bytes
//! (tests in `live/tests.rs` compare every served file with a full build).

use crate::config::Language;
use crate::diag::Diagnostics;
use crate::model::routes::{FEED_FILE, ICAL_FILE, TIMELINE_JSON_FILE};
use crate::model::site::Event;
use crate::output::sink::Sink;
use crate::render::dates::DateFormatter;
use crate::render::emit::Emit;
use crate::render::files::search_index::{self, Scope};
use crate::render::files::search_live::{IndexFile, LiveIndex, Shifted};
use crate::render::files::{feeds, ical, search_folder, timeline_json, LocalEvent, Publication};
use crate::site::Loaded;
use order::OrderChange;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// The parts of every language's publishing files.
pub(super) struct LivePublication {
    /// Event slugs in timeline order as the parts were made: search
    /// documents are numbered by it.
    order: Vec<String>,
    languages: Vec<LanguageParts>,
}

/// One language's kept parts.
struct LanguageParts {
    /// Each event's item in `events.json`, in timeline order.
    timeline_items: Vec<String>,
    /// Each event's `VEVENT` in `events.ics`, in timeline order.
    vevents: Vec<String>,
    search: LiveIndex,
}

/// (output path, text) of a publishing file.
type File = (String, String);

impl LivePublication {
    /// Makes every publishing file of `loaded` into `sink`, as
    /// `site::publish` does, and keeps the parts.
    pub(super) fn build(loaded: &Loaded, sink: &dyn Sink, diagnostics: &Diagnostics) -> Self {
        let publication = loaded.publication();
        let out = crate::site::SinkOutput::new(sink, diagnostics);
        crate::site::write_sitemap(loaded, &out);
        crate::render::files::root_files(publication, &mut |path, text| {
            out.emit(path, text.as_bytes())
        });
        let languages = loaded
            .config
            .languages
            .par_iter()
            .map(|language| {
                let (parts, files) = LanguageParts::build(&publication, language);
                for (path, text) in files {
                    out.emit_owned(&path, text);
                }
                parts
            })
            .collect();
        Self {
            order: timeline_order(loaded),
            languages,
        }
    }

    /// Writes the publishing files that changed after the events in
    /// `edited` (slug → the event as these parts have it, `None` for one
    /// the edit added) were edited, added or removed (the sitemap is
    /// `site::write_sitemap`'s, when the inventory was planned again). The
    /// readers' index renumbers the documents an event's move crosses or
    /// shifts those after an event added or removed; other changes of the
    /// timeline order make it again.
    pub(super) fn update(
        &mut self,
        loaded: &Loaded,
        edited: &BTreeMap<String, Option<Event>>,
        sink: &dyn Sink,
        diagnostics: &Diagnostics,
    ) {
        let publication = loaded.publication();
        let out = crate::site::SinkOutput::new(sink, diagnostics);
        let order = timeline_order(loaded);
        let earlier = std::mem::replace(&mut self.order, order);
        let change = OrderChange::of(&earlier, &self.order, edited);
        self.languages
            .par_iter_mut()
            .zip(&loaded.config.languages)
            .for_each(|(parts, language)| {
                let files = parts.update(&publication, language, edited, &change);
                for (path, text) in files {
                    out.emit_owned(&path, text);
                }
            });
    }
}

impl LanguageParts {
    fn build(publication: &Publication<'_>, language: &Language) -> (Self, Vec<File>) {
        let events = publication.events(language);
        let timeline_items = events
            .iter()
            .map(|e| timeline_json::item(publication, language, e))
            .collect();
        let vevents = events
            .iter()
            .map(|e| ical::vevent(publication, language, e))
            .collect();
        let (search, index_files) = LiveIndex::build(publication, language, &events);
        let parts = Self {
            timeline_items,
            vevents,
            search,
        };
        let mut files = parts.assembled(publication, language);
        files.extend(readers_files(publication, language, index_files));
        if let Some(folder) = search_folder(
            publication.site,
            publication.routes,
            &language.code,
            Scope::Docs,
        ) {
            search_index::index(
                publication,
                language,
                &events,
                Scope::Docs,
                &mut |name, text| {
                    files.push((folder.clone() + name, text.to_string()));
                },
            );
        }
        (parts, files)
    }

    /// `change`: how the edit changed the timeline order.
    fn update(
        &mut self,
        publication: &Publication<'_>,
        language: &Language,
        edited: &BTreeMap<String, Option<Event>>,
        change: &OrderChange<'_>,
    ) -> Vec<File> {
        let config = publication.config;
        let site = publication.site;
        let lang = language.code.as_str();
        self.reorder(change, site);
        let dates = DateFormatter::new(lang, &language.strings);
        let local = |event| LocalEvent::new(event, lang, config, publication.routes, &dates);
        // An edit that moved one event shifts the documents between its
        // old and new places; events added or removed (the others keeping
        // their order) shift the documents after each; anything else:
        // index again.
        let one_moved = match change {
            OrderChange::Moved(slug, at) => Some((*slug, *at)),
            _ => None,
        };
        let shifts = match change {
            OrderChange::Shifted(shifts)
                if self
                    .search
                    .can_shift_to(site.events.len(), site.pages.len()) =>
            {
                Some(shifts)
            }
            _ => None,
        };
        let mut rebuild_index = match change {
            OrderChange::Kept | OrderChange::Moved(..) => false,
            OrderChange::Shifted(_) => shifts.is_none(),
            OrderChange::Reordered(_) => true,
        };
        let mut shifted = Shifted::default();
        if let Some(shifts) = shifts.filter(|_| !rebuild_index) {
            for (position, before) in shifts.removed.iter().rev() {
                self.search.remove_event(
                    publication,
                    language,
                    *position,
                    &local(before),
                    &mut shifted,
                );
            }
            for &position in &shifts.added {
                let event = local(&site.events[position]);
                self.search
                    .insert_event(publication, language, position, &event, &mut shifted);
            }
        }
        let mut index_files = Vec::new();
        for (slug, before) in edited {
            let Some(position) = site.events.iter().position(|e| e.slug == *slug) else {
                continue;
            };
            let after = local(&site.events[position]);
            self.timeline_items[position] = timeline_json::item(publication, language, &after);
            self.vevents[position] = ical::vevent(publication, language, &after);
            if shifts.is_some_and(|s| s.added.contains(&position)) {
                continue; // indexed as it is now
            }
            let Some(before) = before.as_ref().filter(|_| !rebuild_index) else {
                rebuild_index = true;
                continue;
            };
            let earlier = match one_moved {
                Some((moved_slug, earlier)) if moved_slug == slug.as_str() => earlier,
                _ => position,
            };
            match self.search.move_event(
                publication,
                language,
                (earlier, position),
                &local(before),
                &after,
            ) {
                Some(files) => index_files.extend(files),
                None => rebuild_index = true,
            }
        }
        if rebuild_index {
            let events = publication.events(language);
            let (search, files) = LiveIndex::build(publication, language, &events);
            self.search = search;
            index_files = files;
        } else {
            // Last: they are the index as it is now, where a replaced
            // event's files above came before.
            index_files.extend(self.search.shifted_files(language, &shifted));
        }
        let mut files = self.assembled(publication, language);
        files.extend(readers_files(publication, language, index_files));
        files
    }

    /// Puts the kept items, made in the timeline order before the edit,
    /// in the site's order now: an event moved or events added and removed
    /// move their items only (an added one's are made by `update`); any
    /// other change puts every item in place by its slug.
    fn reorder(&mut self, change: &OrderChange<'_>, site: &crate::model::site::Site) {
        let lists = [&mut self.timeline_items, &mut self.vevents];
        match change {
            OrderChange::Kept => {}
            OrderChange::Moved(slug, from) => {
                let to = site.events.iter().position(|e| e.slug == *slug);
                for list in lists {
                    let item = list.remove(*from);
                    list.insert(to.unwrap_or(*from), item);
                }
            }
            OrderChange::Shifted(shifts) => {
                for list in lists {
                    for (position, _) in shifts.removed.iter().rev() {
                        list.remove(*position);
                    }
                    for &position in &shifts.added {
                        list.insert(position, String::new());
                    }
                }
            }
            OrderChange::Reordered(earlier) => {
                let mut items: HashMap<&str, (String, String)> = earlier
                    .iter()
                    .map(String::as_str)
                    .zip(
                        std::mem::take(&mut self.timeline_items)
                            .into_iter()
                            .zip(std::mem::take(&mut self.vevents)),
                    )
                    .collect();
                for event in &site.events {
                    let (item, vevent) = items.remove(event.slug.as_str()).unwrap_or_default();
                    self.timeline_items.push(item);
                    self.vevents.push(vevent);
                }
            }
        }
    }

    /// The files put together from the kept items: `events.json`,
    /// `events.ics` and the feed (its 50 newest events made again).
    fn assembled(&self, publication: &Publication<'_>, language: &Language) -> Vec<File> {
        let site = publication.site;
        let routes = publication.routes;
        let lang = language.code.as_str();
        let last = site
            .events
            .iter()
            .map(|e| e.end_date.unwrap_or(e.date))
            .max();
        let dates = DateFormatter::new(lang, &language.strings);
        let newest = site.events.len().saturating_sub(feeds::FEED_LIMIT);
        let feed_events: Vec<LocalEvent<'_>> = site.events[newest..]
            .iter()
            .map(|e| LocalEvent::new(e, lang, publication.config, routes, &dates))
            .collect();
        vec![
            (
                routes.lang_file(lang, FEED_FILE),
                feeds::atom(publication, language, &feed_events),
            ),
            (
                routes.lang_file(lang, TIMELINE_JSON_FILE),
                timeline_json::assemble(publication, language, last, self.timeline_items.iter()),
            ),
            (
                routes.lang_file(lang, ICAL_FILE),
                ical::assemble(language, self.vevents.iter()),
            ),
        ]
    }
}

/// The readers' index files under their folder.
fn readers_files(
    publication: &Publication<'_>,
    language: &Language,
    index_files: Vec<IndexFile>,
) -> Vec<File> {
    let Some(folder) = search_folder(
        publication.site,
        publication.routes,
        &language.code,
        Scope::Readers,
    ) else {
        return Vec::new();
    };
    index_files
        .into_iter()
        .map(|(name, text)| (folder.clone() + &name, text))
        .collect()
}

fn timeline_order(loaded: &Loaded) -> Vec<String> {
    loaded.site.events.iter().map(|e| e.slug.clone()).collect()
}

mod order;
#[cfg(test)]
mod tests;
