use super::*;

fn kind(id: &str, count: usize) -> KindView {
    KindView {
        id: id.into(),
        label: id.to_uppercase(),
        icon: id.into(),
        url: format!("/kinds/{id}/"),
        count,
    }
}

fn tag(name: &str, slug: &str) -> TagView {
    TagView {
        name: name.into(),
        slug: slug.into(),
        url: format!("/tags/{slug}/"),
    }
}

/// A kept summary of `slug` with its kind and tag, as `SummaryValues`
/// leaves it: the value's `kind` is the shared kind value.
fn kept(slug: &str, kind_view: &KindView, tag_view: &TagView) -> KeptSummary {
    let view = EventSummaryView {
        slug: slug.into(),
        kind: kind_view.clone(),
        tags: vec![tag_view.clone()],
        ..EventSummaryView::default()
    };
    KeptSummary {
        value: Value::from_serializable(&view),
        view: Arc::new(view),
    }
}

fn summaries(events: &[(&str, &KindView, &TagView)]) -> KeptSummaries {
    let mut kept_summaries = KeptSummaries::default();
    for (slug, kind_view, tag_view) in events {
        kept_summaries
            .events
            .push(Some(kept(slug, kind_view, tag_view)));
        kept_summaries
            .kinds
            .insert(kind_view.id.clone(), Value::from_serializable(*kind_view));
        kept_summaries
            .tags
            .insert(tag_view.name.clone(), Value::from_serializable(*tag_view));
    }
    kept_summaries
}

#[test]
fn a_kind_whose_count_changed_is_patched_into_its_summaries_alone() {
    let (visit, treaty) = (kind("visit", 2), kind("treaty", 1));
    let city = tag("Toshkent", "toshkent");
    let mut kept = summaries(&[
        ("a", &visit, &city),
        ("b", &visit, &city),
        ("c", &treaty, &city),
    ]);
    let visit_now = kind("visit", 3);
    let now = |id: &str| {
        if id == "visit" {
            visit_now.clone()
        } else {
            treaty.clone()
        }
    };
    kept.refresh(&now, &|name| tag(name, "toshkent"));
    for (summary, slug) in kept.events.iter().zip(["a", "b", "c"]) {
        let summary = summary.as_ref().expect("kept");
        let expected = now(&summary.view.kind.id);
        assert_eq!(summary.view.kind.count, expected.count, "{slug}");
        let fresh = EventSummaryView {
            kind: expected,
            ..(*summary.view).clone()
        };
        assert_eq!(summary.value, Value::from_serializable(&fresh), "{slug}");
    }
    assert_eq!(kept.kinds["visit"], Value::from_serializable(&visit_now));
}

#[test]
fn summaries_carrying_a_tag_whose_slug_moved_are_made_again() {
    let visit = kind("visit", 3);
    let (city, river) = (tag("Toshkent", "toshkent"), tag("Sirdaryo", "sirdaryo"));
    let mut kept = summaries(&[
        ("a", &visit, &city),
        ("b", &visit, &river),
        ("c", &visit, &city),
    ]);
    let now = |name: &str| {
        if name == "Sirdaryo" {
            tag(name, "sirdaryo-2")
        } else {
            city.clone()
        }
    };
    kept.refresh(&|_| visit.clone(), &now);
    let left: Vec<Option<&str>> = kept
        .events
        .iter()
        .map(|e| e.as_ref().map(|e| e.view.slug.as_str()))
        .collect();
    assert_eq!(left, [Some("a"), None, Some("c")]);
    assert!(!kept.tags.contains_key("Sirdaryo"));
    assert!(kept.tags.contains_key("Toshkent"));
}

fn slugs_taken(taken: &[Option<KeptSummary>]) -> Vec<Option<&str>> {
    taken
        .iter()
        .map(|e| e.as_ref().map(|e| e.view.slug.as_str()))
        .collect()
}

#[test]
fn forget_drops_an_event_in_every_language_and_take_gives_back_what_was_put() {
    let visit = kind("visit", 1);
    let city = tag("Toshkent", "toshkent");
    let cache = SummaryCache::default();
    cache.put(
        "uz",
        summaries(&[("a", &visit, &city), ("b", &visit, &city)]),
    );
    cache.put("en", summaries(&[("a", &visit, &city)]));
    cache.forget(&BTreeSet::from(["a".to_string()]));
    let order = || ["a", "b"].into_iter();
    assert_eq!(
        slugs_taken(&cache.take("uz").take_in_order(order())),
        [None, Some("b")]
    );
    assert_eq!(
        slugs_taken(&cache.take("en").take_in_order(order())),
        [None, None]
    );
    let nothing_left = cache.take("uz").take_in_order(order());
    assert_eq!(slugs_taken(&nothing_left), [None, None]);
}

#[test]
fn summaries_are_found_in_order_around_added_removed_and_moved_events() {
    let visit = kind("visit", 1);
    let city = tag("Toshkent", "toshkent");
    let event = |slug| (slug, &visit, &city);
    let mut kept = summaries(&[event("a"), event("b"), event("c"), event("d")]);
    // `b` removed, `c` moved after `d` (both forgotten by `serve`), `n` new.
    kept.events[1] = None;
    kept.events[2] = None;
    let taken = kept.take_in_order(["n", "a", "d", "c"].into_iter());
    assert_eq!(slugs_taken(&taken), [None, Some("a"), Some("d"), None]);
}
