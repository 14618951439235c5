//! The page inventory of the last good state, kept while a batch is
//! applied: put back when the batch fails, and compared with the new one
//! for the files no longer served.

use crate::content::theme_files::StaticFile;
use crate::site::inventory::{self, Inventory};
use crate::site::Loaded;

/// The output files `before` planned and `after` does not: a full build
/// would not write them, so they are no longer served. Both lists are
/// sorted, so one walk over each finds them.
fn gone_files(before: &Inventory, after: &Inventory) -> Vec<String> {
    let mut planned = after.files().map(|(path, _)| path).peekable();
    let mut gone = Vec::new();
    for (path, _) in before.files() {
        while planned.next_if(|next| *next < path).is_some() {}
        if planned.peek() != Some(&path) {
            gone.push(path.to_string());
        }
    }
    gone
}

/// The plan of the last good state, put back when a batch fails.
pub(super) enum Planned {
    /// Everything was planned again: the last plan, whole.
    Whole {
        inventory: Inventory,
        static_files: Vec<StaticFile>,
    },
    /// Only events changed: how to undo their replan.
    Events(inventory::Undo),
}

impl Planned {
    pub(super) fn take(loaded: &mut Loaded) -> Self {
        Planned::Whole {
            inventory: std::mem::take(&mut loaded.inventory),
            static_files: std::mem::take(&mut loaded.static_files),
        }
    }

    pub(super) fn restore(self, loaded: &mut Loaded) {
        match self {
            Planned::Whole {
                inventory,
                static_files,
            } => {
                loaded.inventory = inventory;
                loaded.static_files = static_files;
            }
            Planned::Events(undo) => loaded.inventory.undo(undo),
        }
    }

    /// The files planned before and not in `now`.
    pub(super) fn gone(&self, now: &Inventory) -> Vec<String> {
        match self {
            Planned::Whole { inventory, .. } => gone_files(inventory, now),
            Planned::Events(undo) => undo.gone(now),
        }
    }
}
