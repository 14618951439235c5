//! How an edit changed the timeline order, worked out once for every
//! language's parts: the kept `events.json` items and `VEVENT`s follow it,
//! and the readers' search index renumbers its documents by it (`publish`).
//! At 10,000 events the walk is a few string comparisons per event, no
//! hashing: every language's parts wait for it.

use crate::model::site::Event;
use std::collections::{BTreeMap, BTreeSet};

/// How the timeline order changed, the `earlier` order against today's.
pub(super) enum OrderChange<'a> {
    /// The same events in the same order.
    Kept,
    /// One edited event moved (its date): its slug and earlier place.
    Moved(&'a str, usize),
    /// Events the edit added or removed, the others keeping their order.
    Shifted(Shifts<'a>),
    /// Anything else: the earlier order.
    Reordered(&'a [String]),
}

/// Events added and removed by an edit that kept the others in order.
pub(super) struct Shifts<'a> {
    /// Timeline positions before the edit, ascending, with the event as
    /// the parts have it.
    pub removed: Vec<(usize, &'a Event)>,
    /// Timeline positions now, ascending.
    pub added: Vec<usize>,
}

impl<'a> OrderChange<'a> {
    /// `edited`: slug → the event as the parts have it, `None` for one the
    /// edit added.
    pub fn of(
        earlier: &'a [String],
        now: &[String],
        edited: &'a BTreeMap<String, Option<Event>>,
    ) -> Self {
        if earlier == now {
            OrderChange::Kept
        } else if let Some((slug, at)) = single_move(earlier, now, edited) {
            OrderChange::Moved(slug, at)
        } else if let Some(shifts) = Shifts::of(earlier, now, edited) {
            OrderChange::Shifted(shifts)
        } else {
            OrderChange::Reordered(earlier)
        }
    }
}

/// The one edited event that moved, with its place in the `earlier`
/// timeline order, when the others kept their order around it.
fn single_move<'a>(
    earlier: &'a [String],
    now: &[String],
    edited: &BTreeMap<String, Option<Event>>,
) -> Option<(&'a str, usize)> {
    if earlier.len() != now.len() {
        return None;
    }
    let (at, slug) = earlier
        .iter()
        .enumerate()
        .find(|(i, slug)| now[*i] != **slug && edited.contains_key(*slug))?;
    let earlier_rest = earlier.iter().filter(|s| *s != slug);
    let now_rest = now.iter().filter(|s| *s != slug);
    earlier_rest.eq(now_rest).then_some((slug.as_str(), at))
}

impl<'a> Shifts<'a> {
    /// The events `edited` added (as new) and removed, when the `earlier`
    /// order without the removed is today's without the added: one walk
    /// along both. Removing from the last first and adding from the first
    /// then turns the earlier order into today's one event at a time.
    fn of(
        earlier: &[String],
        now: &[String],
        edited: &'a BTreeMap<String, Option<Event>>,
    ) -> Option<Self> {
        let edited_in = |order: &[String]| -> BTreeSet<String> {
            order
                .iter()
                .filter(|slug| edited.contains_key(*slug))
                .cloned()
                .collect()
        };
        let (edited_now, edited_before) = (edited_in(now), edited_in(earlier));
        let is_edited = |slug: &String| edited.contains_key(slug);
        let (mut removed, mut added) = (Vec::new(), Vec::new());
        let (mut i, mut j) = (0, 0);
        while i < earlier.len() || j < now.len() {
            let (before, after) = (earlier.get(i), now.get(j));
            if before.is_some() && before == after {
                (i, j) = (i + 1, j + 1);
            } else if let Some(gone) = before.filter(|s| is_edited(s) && !edited_now.contains(*s)) {
                // An edited event not in today's order: removed.
                removed.push((i, edited.get(gone)?.as_ref()?));
                i += 1;
            } else if let Some(new) = after.filter(|s| is_edited(s) && !edited_before.contains(*s))
            {
                // An edited event not in the earlier order: the edit made it.
                edited.get(new)?.is_none().then_some(())?;
                added.push(j);
                j += 1;
            } else {
                return None;
            }
        }
        (!(removed.is_empty() && added.is_empty())).then_some(Self { removed, added })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slugs(list: &str) -> Vec<String> {
        list.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn a_kept_order_and_an_unexplained_one_are_told_apart() {
        let edited = BTreeMap::new();
        let (a, b) = (slugs("a b c"), slugs("a c b"));
        assert!(matches!(
            OrderChange::of(&a, &a, &edited),
            OrderChange::Kept
        ));
        // Nothing edited moved: every item goes back in by its slug.
        assert!(matches!(
            OrderChange::of(&a, &b, &edited),
            OrderChange::Reordered(_)
        ));
        // A new slug the edit did not make is no shift either.
        let c = slugs("a b x c");
        assert!(matches!(
            OrderChange::of(&a, &c, &edited),
            OrderChange::Reordered(_)
        ));
        let mut added = BTreeMap::new();
        added.insert("x".to_string(), None);
        match OrderChange::of(&a, &c, &added) {
            OrderChange::Shifted(shifts) => {
                assert_eq!(shifts.added, [2]);
                assert!(shifts.removed.is_empty());
            }
            _ => panic!("x was added"),
        }
    }
}
