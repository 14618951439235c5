//! Applies a batch of changes to the loaded model in place: templates
//! reloaded, one event re-read from its stored source files (or all content
//! reloaded), each step recorded in an `Undo` so a failed batch leaves the
//! last good model. Reads the changed site files; writes nothing.

use crate::content::discover;
use crate::content::load::{load_event, Drafts};
use crate::diag::Diagnostics;
use crate::model::site::{Event, Section, Site};
use crate::model::tags::TagSlugs;
use crate::render::templates::Templates;
use crate::serve::placement::Placement;
use crate::serve::plan::{inventory_facts, tag_plans_hold, Facts, Plan};
use crate::serve::watch::Change;
use crate::site::Loaded;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Reloads the templates when one changed; false when they do not parse.
pub(super) fn reload_templates(
    loaded: &mut Loaded,
    changes: &BTreeSet<Change>,
    plan: &mut Plan,
    undo: &mut Undo,
    diagnostics: &Diagnostics,
) -> bool {
    let names: Vec<&String> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Template(name) => Some(name),
            _ => None,
        })
        .collect();
    if names.is_empty() {
        return true;
    }
    let Some(fresh) = crate::site::load_templates(&loaded.config.root, diagnostics) else {
        return false;
    };
    undo.templates = Some(std::mem::replace(&mut loaded.templates, fresh));
    for name in names {
        plan.template_changed(&loaded.templates, name);
    }
    true
}

/// Re-reads changed content; false when that found errors.
pub(super) fn reload_content(
    loaded: &mut Loaded,
    drafts: Drafts,
    changes: &BTreeSet<Change>,
    plan: &mut Plan,
    undo: &mut Undo,
    diagnostics: &Diagnostics,
) -> bool {
    let mut whole = changes.contains(&Change::ContentTree);
    // Slug → the files that may hold it: the changed ones (any subfolder,
    // a rename's old and new name) and the ones it was loaded from.
    let mut slugs: BTreeMap<String, BTreeSet<PathBuf>> = BTreeMap::new();
    for change in changes {
        if let Change::Content(path) = change {
            match sort_content(&loaded.config, path, diagnostics) {
                ContentEdit::Event(slug) => {
                    slugs.entry(slug).or_default().insert(path.clone());
                }
                ContentEdit::Other => whole = true,
                ContentEdit::Nothing => {}
            }
        }
    }
    let mut fresh_events = Vec::new();
    for (slug, mut paths) in slugs {
        if whole {
            break;
        }
        if let Some(event) = loaded.site.events.iter().find(|e| e.slug == slug) {
            paths.extend(event.texts.values().map(|t| t.source.path.clone()));
        }
        match load_event(&loaded.config, &slug, &paths, drafts, diagnostics) {
            Ok(fresh) => fresh_events.push((slug, fresh)),
            // Two files of one language: the full load names both.
            Err(()) => whole = true,
        }
    }
    if whole {
        let site = crate::content::load(&loaded.config, drafts, diagnostics);
        undo.site = Some(std::mem::replace(&mut loaded.site, site));
        plan.everything = true;
        plan.replan = true;
    } else {
        for (slug, fresh) in fresh_events {
            let neighbours_before = neighbours(&loaded.site, &slug);
            let slugs_before = &loaded.site.tag_slugs;
            let before = loaded
                .site
                .events
                .iter()
                .find(|e| e.slug == slug)
                .map(|e| Facts::of(e, &loaded.config, slugs_before));
            let planned_before = inventory_facts(&loaded.site, &slug, &loaded.config);
            // Where it stands in the listings matters only when its entry
            // changes (not for an edit of its body alone).
            let entry_changes = match (&before, &fresh) {
                (Some(before), Some(fresh)) => {
                    *before != Facts::of(fresh, &loaded.config, slugs_before)
                }
                _ => true,
            };
            let placed_before = entry_changes
                .then(|| Placement::of(&loaded.site, &slug, &loaded.config))
                .flatten();
            let same_slugs = tag_names(old_event_ref(&loaded.site, &slug))
                == tag_names(fresh.as_ref())
                || slugs_stay(loaded, &slug, fresh.as_ref());
            let old = loaded.site.replace_event(&slug, fresh);
            if !same_slugs {
                // Tag slugs depend only on the tag names used: walk every
                // event again only when this one's names changed.
                let slugs_before = loaded.site.tag_slugs.clone();
                crate::content::assign_tag_slugs(&loaded.config, &mut loaded.site, diagnostics);
                if loaded.site.tag_slugs.moves_any_of(&slugs_before) {
                    // A tag collision appeared or went away: other events'
                    // tag links change too.
                    plan.everything = true;
                }
                undo.tag_slugs.get_or_insert(slugs_before);
            }
            let after = loaded
                .site
                .events
                .iter()
                .find(|e| e.slug == slug)
                .map(|e| Facts::of(e, &loaded.config, &loaded.site.tag_slugs));
            let tags_changed = match (&before, &after) {
                (Some(before), Some(after)) => before.changed_tags(after),
                _ => BTreeSet::new(),
            };
            if planned_before.is_none()
                || planned_before != inventory_facts(&loaded.site, &slug, &loaded.config)
                || !tag_plans_hold(loaded, &tags_changed)
            {
                plan.replan = true;
            }
            let mut shown_on = neighbours_before;
            shown_on.extend(neighbours(&loaded.site, &slug));
            let placed_after = entry_changes
                .then(|| Placement::of(&loaded.site, &slug, &loaded.config))
                .flatten();
            plan.event_changed(
                &slug,
                (before, after),
                (placed_before, placed_after),
                shown_on,
                &loaded.site,
                &loaded.config,
            );
            undo.events.push((slug, old));
        }
    }
    !diagnostics.has_errors()
}

/// The event `slug` as loaded now.
fn old_event_ref<'s>(site: &'s Site, slug: &str) -> Option<&'s Event> {
    site.events.iter().find(|e| e.slug == slug)
}

/// An event's tag names in each of its texts, with the file each text
/// comes from (a generated edition's tags are not uses of their own): what
/// tag slugs are made from.
fn tag_names(event: Option<&Event>) -> Option<Vec<(&str, &Path, &[String])>> {
    event.map(|e| {
        e.texts
            .iter()
            .map(|(lang, text)| {
                (
                    lang.as_str(),
                    text.source.path.as_path(),
                    text.tags.as_slice(),
                )
            })
            .collect()
    })
}

/// True when the tag slugs stay as they are after the event `slug` becomes
/// `fresh` (added, removed or retagged): every name it had or has keeps
/// its slug alone (no other name competes for it), and each name it drops
/// is still used by another event. Assigning the slugs again walks every
/// event (tens of milliseconds at 10,000 events); this looks at the few
/// names the edit touched. Sites with generated editions always assign.
fn slugs_stay(loaded: &Loaded, slug: &str, fresh: Option<&Event>) -> bool {
    let config = &loaded.config;
    if config.languages.iter().any(|l| l.transliterate.is_some()) {
        return false;
    }
    let site = &loaded.site;
    let default_lang = &config.default_language().code;
    let names = |event: Option<&Event>, lang: &str| -> Vec<String> {
        event
            .map(|e| e.text_for(lang, default_lang).0.tags.clone())
            .unwrap_or_default()
    };
    let old = old_event_ref(site, slug);
    config.languages.iter().all(|language| {
        let lang = language.code.as_str();
        let (had, has) = (names(old, lang), names(fresh, lang));
        let alone = |name: &String| site.tag_slugs.stands_alone(lang, name);
        let used_elsewhere = |name: &String| {
            site.events
                .iter()
                .filter(|e| e.slug != slug)
                .any(|e| e.text_for(lang, default_lang).0.tags.contains(name))
        };
        had.iter().chain(&has).all(alone)
            && had
                .iter()
                .filter(|name| !has.contains(name))
                .all(used_elsewhere)
    })
}

/// What a changed content path is.
enum ContentEdit {
    Event(String),
    /// A page, docs or data file.
    Other,
    /// Not content (and a build would say so only if it still exists).
    Nothing,
}

fn sort_content(
    config: &crate::config::Config,
    path: &Path,
    diagnostics: &Diagnostics,
) -> ContentEdit {
    if path.is_symlink() || (path.exists() && !path.is_file()) {
        // A named pipe, a device or a link: the full discovery decides
        // (refused, or followed only inside the site) and says why; reading
        // it here could hang on the pipe or leave the site.
        return ContentEdit::Other;
    }
    // A deleted file's name problems were reported when it existed.
    let quiet = Diagnostics::new();
    let report = if path.exists() { diagnostics } else { &quiet };
    let found = discover::classify_file(config, path, report);
    match found.sources.first() {
        Some(source) if source.section == Section::Events => {
            ContentEdit::Event(source.slug.clone())
        }
        Some(_) => ContentEdit::Other,
        None if !found.data.is_empty() => ContentEdit::Other,
        None => ContentEdit::Nothing,
    }
}

/// The slugs of the events before and after `slug` in timeline order.
fn neighbours(site: &Site, slug: &str) -> BTreeSet<String> {
    let Some(i) = site.events.iter().position(|e| e.slug == slug) else {
        return BTreeSet::new();
    };
    let before = i.checked_sub(1).and_then(|p| site.events.get(p));
    let after = site.events.get(i + 1);
    before
        .into_iter()
        .chain(after)
        .map(|e| e.slug.clone())
        .collect()
}

/// How to put the model back after a failed rebuild.
#[derive(Default)]
pub(super) struct Undo {
    pub(super) templates: Option<Templates>,
    pub(super) site: Option<Site>,
    /// (slug, the event before the edit), in the order applied.
    pub(super) events: Vec<(String, Option<Event>)>,
    /// The tag slugs before the events above were replaced.
    pub(super) tag_slugs: Option<TagSlugs>,
}

impl Undo {
    pub(super) fn apply(self, loaded: &mut Loaded) {
        for (slug, old) in self.events.into_iter().rev() {
            loaded.site.replace_event(&slug, old);
        }
        if let Some(tag_slugs) = self.tag_slugs {
            loaded.site.set_tag_slugs(tag_slugs);
        }
        if let Some(site) = self.site {
            loaded.site = site;
        }
        if let Some(templates) = self.templates {
            loaded.templates = templates;
        }
    }
}
