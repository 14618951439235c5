//! The inventory after an edit of events alone (`serve`): the claims that
//! depend on the set of events (listings, search files, the sitemap) are
//! made again and compared with the last plan's (kept when equal, so their
//! sitemap entries stay), the edited events' pages claimed again, and every
//! other event's claims stay. At 10,000 events this takes milliseconds
//! where planning everything takes about a hundred.
//!
//! The result is the inventory a full plan makes, or nothing: when the
//! new claims collide or a path is refused, the change is undone and the
//! caller plans everything, which reports the problem in its usual words.

use super::planning::{Events, Planner};
use super::{Claim, Inventory, PageKey};
use crate::config::Config;
use crate::content::theme_files::StaticFile;
use crate::diag::Diagnostics;
use crate::model::routes::Routes;
use crate::model::site::Site;
use std::collections::{BTreeSet, HashSet};

/// How to put the inventory back as it was before `replan_events`.
#[derive(Debug, Default)]
pub struct Undo {
    /// The claims taken away, with their files.
    removed: Vec<(String, Claim)>,
    /// The files claimed.
    added: Vec<String>,
    /// Sitemap entries as they were before they were made again.
    entries: Vec<(PageKey, Option<Vec<String>>)>,
    sitemap: Vec<(String, String)>,
}

impl Inventory {
    /// Plans again after only the events `edited` (their slugs) were added,
    /// removed or changed; `None` (and the inventory as it was) when the
    /// new claims need a full plan to be reported.
    pub fn replan_events(
        &mut self,
        config: &Config,
        site: &Site,
        routes: &Routes,
        static_files: &[StaticFile],
        edited: &BTreeSet<String>,
    ) -> Option<Undo> {
        // The edited events' claims go (an event may have gone, or its
        // text changed language); every other event's stay as they are.
        let replanned: Vec<String> = self
            .files
            .iter()
            .filter(|(_, claim)| match &claim.page {
                Some((PageKey::Event(slug), _)) => edited.contains(slug),
                _ => false,
            })
            .map(|(file, _)| file.clone())
            .collect();
        let mut undo = Undo::default();
        for file in replanned {
            if let Some(claim) = self.remove(&file) {
                undo.removed.push((file, claim));
            }
        }
        undo.sitemap = std::mem::take(&mut self.sitemap);
        // Problems go to a list of their own: the full plan reports them.
        let problems = Diagnostics::new();
        let mut planner = Planner::new(std::mem::take(self), &problems);
        planner.reconciled = Some(HashSet::new());
        planner.claim_site(config, site, routes, static_files, Events::Only(edited));
        planner.drop_unclaimed(false);
        *self = planner.inventory;
        undo.added = planner.claimed;
        undo.removed.extend(planner.dropped);
        undo.entries = planner.replaced_entries;
        if problems.error_count() + problems.warning_count() > 0 {
            self.undo(undo);
            return None;
        }
        Some(undo)
    }

    /// Puts back the inventory `undo` was made from.
    pub fn undo(&mut self, undo: Undo) {
        for file in &undo.added {
            self.remove(file);
        }
        for (file, claim) in undo.removed {
            self.insert(file, claim);
        }
        for (key, entries) in undo.entries {
            match entries {
                Some(entries) => self.entries.insert(key, entries),
                None => self.entries.remove(&key),
            };
        }
        self.stale = Some(BTreeSet::new());
        self.sitemap = undo.sitemap;
    }
}

impl Undo {
    /// The files planned before and not now: a full build would not write
    /// them, so they are no longer served.
    pub fn gone(&self, inventory: &Inventory) -> Vec<String> {
        self.removed
            .iter()
            .map(|(file, _)| file)
            .filter(|file| !inventory.allows(file))
            .cloned()
            .collect()
    }
}
