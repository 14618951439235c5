//! Which pages a rebuild renders: the `Plan` of one batch of changes, and
//! the `Facts` of an event that decide which other pages show it.
//!
//! Pure: reads the loaded model and templates, never the disk.

use crate::config::Config;
use crate::model::listing;
use crate::model::routes::Routes;
use crate::model::site::{Event, Section, Site};
use crate::model::tags::TagSlugs;
use crate::render::site::{Job, Listing};
use crate::render::templates::Templates;
use crate::serve::placement::Placement;
use crate::serve::scope::Scope;
use crate::serve::template_chains::{names_template, ENTRY_TEMPLATES};
use crate::site::Loaded;
use std::collections::{BTreeMap, BTreeSet};

/// What of an event decides which other pages show it, and how.
#[derive(PartialEq)]
pub(super) struct Facts {
    /// (language index, tag slug): the tag pages that list the event, per
    /// language (an untranslated event is listed with its fallback text).
    tags: BTreeSet<(usize, String)>,
    /// Everything a timeline entry or a previous/next link shows, and
    /// what decides its place: when it is unchanged (an edit of the body
    /// or the sources), only the event's own pages change.
    listing: String,
}

impl Facts {
    pub(super) fn of(event: &Event, config: &Config, tag_slugs: &TagSlugs) -> Self {
        let default_lang = &config.default_language().code;
        let texts: Vec<String> = event
            .texts
            .iter()
            .map(|(lang, t)| {
                format!(
                    "{lang}|{}|{}|{:?}|{:?}",
                    t.title, t.summary, t.place, t.tags
                )
            })
            .collect();
        Self {
            tags: config
                .languages
                .iter()
                .enumerate()
                .flat_map(|(l, language)| {
                    let (text, _) = event.text_for(&language.code, default_lang);
                    text.tags
                        .iter()
                        .map(move |tag| (l, tag_slugs.slug(&language.code, tag)))
                })
                .collect(),
            listing: format!(
                "{:?}|{:?}|{}|{}|{}",
                event.date,
                event.end_date,
                event.weight,
                event.kind,
                texts.join("\n")
            ),
        }
    }
}

/// What the page inventory reads of an event (`site::inventory`), but its
/// tags (`tag_plans_hold`): its slug, year, kind, and per language its
/// text's source file and whether that text is a fallback (not its place in
/// the timeline: the inventory lists events by slug). An edit that keeps
/// all of these leaves the inventory and the sitemap as they were, so they
/// need not be planned again.
pub(super) fn inventory_facts(site: &Site, slug: &str, config: &Config) -> Option<String> {
    let default_lang = &config.default_language().code;
    let event = site.events.iter().find(|e| e.slug == slug)?;
    let texts: Vec<String> = config
        .languages
        .iter()
        .map(|language| {
            let (text, untranslated) = event.text_for(&language.code, default_lang);
            format!("{:?}|{untranslated}", text.source.path)
        })
        .collect();
    Some(format!(
        "{slug}|{}|{}|{}",
        event.date.year,
        event.kind,
        texts.join("\n")
    ))
}

/// True when the inventory already plans the listings of `tags` ((language
/// index, slug)) as they now are: the same number of pages, the same first
/// file by name asking for them. An edit that moves an event in or out of
/// a tag usually keeps both, and the inventory need not be planned again.
pub(super) fn tag_plans_hold(loaded: &Loaded, tags: &BTreeSet<(usize, String)>) -> bool {
    let config = &loaded.config;
    let default_lang = &config.default_language().code;
    tags.iter().all(|(l, slug)| {
        let Some(language) = config.languages.get(*l) else {
            return false;
        };
        let lang = language.code.as_str();
        // The site's tags, as planning counts them.
        let site_tags = loaded.site.tags(lang, default_lang);
        let Some(tag) = site_tags.by_slug.get(slug) else {
            return false; // no event carries it any more
        };
        let (count, first) = (tag.members.len(), &tag.first_file);
        let pages = crate::model::listing::page_count(count, config.render.page_size);
        let listing = loaded.routes.tag(lang, slug);
        let file = |n| Routes::file_for(&Routes::listing_page(&listing, n));
        loaded.inventory.claim(&file(1)).map(|c| &c.source) == Some(first)
            && loaded.inventory.allows(&file(pages))
            && !loaded.inventory.allows(&file(pages + 1))
    })
}

impl Facts {
    /// The (language index, tag slug) pairs one of `self` and `other` has.
    pub(super) fn changed_tags(&self, other: &Facts) -> BTreeSet<(usize, String)> {
        self.tags
            .symmetric_difference(&other.tags)
            .cloned()
            .collect()
    }
}

/// Which pages a rebuild renders.
#[derive(Default)]
pub(super) struct Plan {
    /// Every page and static file: the output is replaced whole.
    pub(super) everything: bool,
    /// Entry templates whose pages are all rendered.
    pub(super) entries: BTreeSet<&'static str>,
    pub(super) events: BTreeSet<String>,
    /// Kinds and tags whose pages are all rendered.
    pub(super) kinds: BTreeSet<String>,
    pub(super) tags: BTreeSet<(usize, String)>,
    /// The home page and every year's pages.
    pub(super) timelines: bool,
    /// The home page alone.
    pub(super) home: bool,
    /// Some pages of listings: (language index, listing) → page numbers,
    /// or `None` for every page.
    pub(super) listing_pages: BTreeMap<(usize, Listing), Option<BTreeSet<usize>>>,
    /// The feeds, search index, sitemap and open data: they hold every
    /// event's text, so any event edit writes them again, whole.
    pub(super) publish: bool,
    /// The page inventory (and so the sitemap) may have changed: plan it
    /// again. False when every edited event kept its `inventory_facts`.
    pub(super) replan: bool,
}

impl Plan {
    pub(super) fn event_changed(
        &mut self,
        slug: &str,
        (before, after): (Option<Facts>, Option<Facts>),
        placed: (Option<Placement>, Option<Placement>),
        shown_on: BTreeSet<String>,
        site: &Site,
        config: &Config,
    ) {
        let events_now = site.events.len();
        let events_then = events_now + usize::from(before.is_some()) - usize::from(after.is_some());
        let limit = config.render.timeline_limit;
        if listing::is_split(limit, events_now) != listing::is_split(limit, events_then) {
            // The home page becomes the whole timeline, or years of their
            // own: the page list changes shape.
            self.everything = true;
            return;
        }
        if after.is_some() {
            // A removed event's files go with the replanned inventory.
            self.events.insert(slug.to_string());
        }
        self.publish = true;
        if before == after {
            return;
        }
        self.events.extend(shown_on);
        // Placed before when it existed, after when it exists: the facts
        // differ, so the update placed it in both states.
        let (before, after) = placed;
        self.listings_changed(before.as_ref(), after.as_ref(), site, config);
    }

    /// The listing pages that show an event whose entry changed, placed
    /// `before` and `after` the edit (`None`: added, or removed).
    fn listings_changed(
        &mut self,
        before: Option<&Placement>,
        after: Option<&Placement>,
        site: &Site,
        config: &Config,
    ) {
        self.home |= Placement::home_changes(before, after);
        let changes = Placement::changes(before, after, config.render.page_size);
        if !changes.years.is_empty() {
            // The years around a year that came or went link to other
            // years on every page.
            let years: Vec<i32> = listing::years(site).into_iter().map(|(y, _)| y).collect();
            for year in &changes.years {
                let before = years.iter().rev().find(|y| *y < year);
                let after = years.iter().find(|y| *y > year);
                for year in before.into_iter().chain(after) {
                    for l in 0..config.languages.len() {
                        self.add_listing_pages((l, Listing::Year(*year)), None);
                    }
                }
            }
        }
        if changes.kinds {
            // The kind filter on every kind page lists the kinds with events.
            self.kinds.extend(
                listing::kinds(&config.kind_ids(), site)
                    .into_iter()
                    .map(|(kind, _)| kind.to_string()),
            );
        }
        for (listing, pages) in changes.pages {
            self.add_listing_pages(listing, pages);
        }
    }

    fn add_listing_pages(&mut self, listing: (usize, Listing), pages: Option<BTreeSet<usize>>) {
        let entry = self
            .listing_pages
            .entry(listing)
            .or_insert(Some(BTreeSet::new()));
        match (entry.as_mut(), pages) {
            (Some(have), Some(more)) => have.extend(more),
            _ => *entry = None,
        }
    }

    /// Selects the pages of every entry template that is, or names, `name`.
    pub(super) fn template_changed(&mut self, templates: &Templates, name: &str) {
        let users: Vec<&'static str> = ENTRY_TEMPLATES
            .iter()
            .copied()
            .filter(|entry| *entry == name || names_template(templates, entry, name))
            .collect();
        if users.is_empty() {
            // base.html, or a partial reached through another one.
            self.entries.extend(ENTRY_TEMPLATES);
        } else {
            self.entries.extend(users);
        }
    }

    /// Moves the timelines, kind and tag pages and the publishing files into
    /// a plan of their own (`None` when there are none, or everything is
    /// rendered anyway).
    pub(super) fn split_listings(&mut self) -> Option<Plan> {
        if self.everything || !(self.lists_events() || self.publish) {
            return None;
        }
        Some(Plan {
            timelines: std::mem::take(&mut self.timelines),
            home: std::mem::take(&mut self.home),
            listing_pages: std::mem::take(&mut self.listing_pages),
            publish: std::mem::take(&mut self.publish),
            kinds: std::mem::take(&mut self.kinds),
            tags: std::mem::take(&mut self.tags),
            ..Plan::default()
        })
    }

    pub(super) fn merge(&mut self, other: Plan) {
        self.everything |= other.everything;
        self.timelines |= other.timelines;
        self.publish |= other.publish;
        self.replan |= other.replan;
        self.entries.extend(other.entries);
        self.events.extend(other.events);
        self.kinds.extend(other.kinds);
        self.tags.extend(other.tags);
        self.home |= other.home;
        for (listing, pages) in other.listing_pages {
            self.add_listing_pages(listing, pages);
        }
    }

    /// True when pages that list events are to be rendered.
    fn lists_events(&self) -> bool {
        self.timelines
            || self.home
            || !self.kinds.is_empty()
            || !self.tags.is_empty()
            || !self.listing_pages.is_empty()
    }

    pub(super) fn renders_pages(&self) -> bool {
        !self.entries.is_empty() || !self.events.is_empty() || self.lists_events() || self.publish
    }

    /// The pages to render, listed directly from the plan (no need to
    /// enumerate the whole site); `None` when a template change asks for
    /// every page of some kind.
    pub(super) fn jobs<'s>(&self, site: &'s Site, config: &Config) -> Option<Vec<Job<'s>>> {
        if !self.entries.is_empty() {
            return None;
        }
        let mut jobs = Vec::new();
        let positions: Vec<usize> = site
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| self.events.contains(&e.slug))
            .map(|(i, _)| i)
            .collect();
        for l in 0..config.languages.len() {
            if self.timelines {
                jobs.push(Job::Index(l));
            } else if self.home {
                jobs.push(Job::Home(l));
            }
            jobs.extend(positions.iter().map(|&i| Job::Event(l, i)));
            jobs.extend(self.kinds.iter().map(|k| Job::Kind(l, k.clone())));
        }
        jobs.extend(self.tags.iter().map(|(l, t)| Job::Tag(*l, t.clone())));
        for ((l, listing), pages) in &self.listing_pages {
            let covered = match listing {
                Listing::Year(_) => self.timelines,
                Listing::Kind(kind) => self.kinds.contains(kind),
                Listing::Tag(tag) => self.tags.contains(&(*l, tag.clone())),
            };
            if !covered {
                let pages = pages.as_ref().map(|p| p.iter().copied().collect());
                jobs.push(Job::ListingPages(*l, listing.clone(), pages));
            }
        }
        Some(jobs)
    }

    pub(super) fn selects(&self, job: &Job<'_>, site: &Site) -> bool {
        let entry = |name: &str| self.entries.contains(name);
        match job {
            Job::Index(_) | Job::Home(_) => {
                self.timelines || self.home || entry("index.html") || self.lists_years()
            }
            Job::ListingPages(..) => entry("list.html"),
            Job::Event(_, i) => {
                entry("event.html")
                    || site
                        .events
                        .get(*i)
                        .is_some_and(|e| self.events.contains(&e.slug))
            }
            Job::Page(_, page) => match page.section {
                Section::Docs => entry("docs.html"),
                _ => entry("page.html"),
            },
            Job::Kind(l, kind) => {
                entry("list.html")
                    || self.kinds.contains(kind)
                    || self
                        .listing_pages
                        .contains_key(&(*l, Listing::Kind(kind.clone())))
            }
            Job::Tag(l, tag) => {
                entry("list.html")
                    || self.tags.contains(&(*l, tag.clone()))
                    || self
                        .listing_pages
                        .contains_key(&(*l, Listing::Tag(tag.clone())))
            }
            Job::Search(..) => entry("search.html"),
            Job::NotFound => entry("404.html"),
        }
    }

    /// True when some year's pages are to be rendered.
    fn lists_years(&self) -> bool {
        self.listing_pages
            .keys()
            .any(|(_, listing)| matches!(listing, Listing::Year(_)))
    }

    /// What was rendered, for the terminal.
    pub(super) fn describe(&self) -> Vec<Scope> {
        if self.everything {
            return vec![Scope::EveryPage];
        }
        let mut parts = Vec::new();
        if !self.entries.is_empty() {
            parts.push(Scope::PagesUsing(
                self.entries.iter().map(|e| e.to_string()).collect(),
            ));
        }
        if !self.events.is_empty() {
            parts.push(Scope::Events(self.events.len()));
        }
        if self.lists_events() {
            let count = |pick: fn(&Listing) -> bool| {
                self.listing_pages
                    .keys()
                    .filter(|(_, listing)| pick(listing))
                    .count()
            };
            parts.push(Scope::Listings {
                kinds: self.kinds.len() + count(|l| matches!(l, Listing::Kind(_))),
                tags: self.tags.len() + count(|l| matches!(l, Listing::Tag(_))),
            });
        }
        if self.publish {
            parts.push(Scope::Publish);
        }
        parts
    }
}
