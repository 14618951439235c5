//! How listings are cut into pages, so they stay small at any site size.
//!
//! Up to `[render] timeline-limit` events the home page is the whole
//! timeline. Above it the home page shows the eras, the years and the
//! newest events, and each year has its own listing (`years/2021/`).
//! Kind, tag and year listings hold `[render] page-size` events a page:
//! page 1 at the listing's own path, the others at `…/page/N/`, numbered in
//! timeline order (oldest first), so a page's URL keeps its events while
//! newer events are added at the end.
//!
//! Pure: the renderer and the sitemap both plan pages from here, so they
//! list the same files.

use crate::model::site::Site;

/// Events shown on a split home page, newest first.
pub const RECENT_EVENTS: usize = 30;

/// Whether the home page is split into years: the site has more events
/// than `[render] timeline-limit`.
pub fn is_split(timeline_limit: usize, events: usize) -> bool {
    events > timeline_limit
}

/// Pages a listing of `events` needs: at least one (an empty listing still
/// has its first page).
pub fn page_count(events: usize, page_size: usize) -> usize {
    events.div_ceil(page_size.max(1)).max(1)
}

/// The events of page `number` (1-based) of a listing of `members`.
pub fn page_of<T>(members: &[T], page_size: usize, number: usize) -> &[T] {
    let size = page_size.max(1);
    let start = (number.saturating_sub(1) * size).min(members.len());
    let end = (start + size).min(members.len());
    &members[start..end]
}

/// Every year with events, in timeline order, with how many it has.
pub fn years(site: &Site) -> Vec<(i32, usize)> {
    let mut years: Vec<(i32, usize)> = Vec::new();
    for event in &site.events {
        match years.last_mut() {
            Some((year, count)) if *year == event.date.year => *count += 1,
            _ => years.push((event.date.year, 1)),
        }
    }
    years
}

/// The kinds that have listing pages, with how many events each has: the
/// `declared` kinds (book.toml's `[kind.*]`, in its order) that have
/// events, or every kind the events use (sorted) when none are declared.
/// The renderer, the inventory and so the sitemap list kinds in this order.
pub fn kinds<'a>(declared: &[&'a str], site: &'a Site) -> Vec<(&'a str, usize)> {
    let mut used: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for event in &site.events {
        *used.entry(event.kind.as_str()).or_default() += 1;
    }
    if declared.is_empty() {
        return used.into_iter().collect();
    }
    declared
        .iter()
        .filter_map(|&id| used.get(id).map(|&count| (id, count)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listings_have_at_least_one_page_and_round_up() {
        assert_eq!(page_count(0, 100), 1);
        assert_eq!(page_count(100, 100), 1);
        assert_eq!(page_count(101, 100), 2);
        assert_eq!(page_count(5, 0), 5, "a page holds at least one event");
    }

    #[test]
    fn pages_cut_the_members_in_order() {
        let members: Vec<usize> = (0..250).collect();
        assert_eq!(page_of(&members, 100, 1), &members[..100]);
        assert_eq!(page_of(&members, 100, 3), &members[200..]);
        assert!(page_of(&members, 100, 4).is_empty());
    }
}
