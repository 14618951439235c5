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
            .insert(slug.to_string(), kept(slug, kind_view, tag_view));
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
    for slug in ["a", "b", "c"] {
        let summary = &kept.events[slug];
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
    let mut left: Vec<&String> = kept.events.keys().collect();
    left.sort();
    assert_eq!(left, ["a", "c"]);
    assert!(!kept.tags.contains_key("Sirdaryo"));
    assert!(kept.tags.contains_key("Toshkent"));
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
    let uz: Vec<String> = cache.take("uz").events.into_keys().collect();
    assert_eq!(uz, ["b"]);
    assert!(cache.take("en").events.is_empty());
    assert!(
        cache.take("uz").events.is_empty(),
        "take leaves nothing behind"
    );
}

#[test]
fn a_render_takes_kept_values_by_slug_and_keeps_the_ones_it_made() {
    use crate::render::summary_values::SummaryValues;
    use std::sync::OnceLock;
    let visit = kind("visit", 2);
    let city = tag("Toshkent", "toshkent");
    let kept_summaries = summaries(&[("a", &visit, &city)]);
    let kept_value = kept_summaries.events["a"].value.clone();
    // The timeline now: `n` is new, `a` kept (its view here differs from
    // the kept one, so the value shows where it came from).
    let views = [
        EventSummaryView {
            slug: "n".into(),
            kind: visit.clone(),
            ..EventSummaryView::default()
        },
        EventSummaryView {
            slug: "a".into(),
            title: "not the kept one".into(),
            kind: visit.clone(),
            ..EventSummaryView::default()
        },
    ];
    let values = SummaryValues::starting_from(views.len(), kept_summaries);
    let shown = values.summaries(&[0, 1], &|i| &views[i]);
    let shown = shown.as_array().expect("a list").to_vec();
    assert_eq!(shown[1], kept_value, "the kept value, found by slug");
    assert_ne!(shown[0], kept_value);
    let made: Vec<OnceLock<Arc<EventSummaryView>>> = views
        .iter()
        .map(|v| OnceLock::from(Arc::new(v.clone())))
        .collect();
    let kept = values.into_kept(made);
    let mut slugs: Vec<&String> = kept.events.keys().collect();
    slugs.sort();
    assert_eq!(slugs, ["a", "n"]);
    assert_eq!(kept.events["a"].value, kept_value, "a kept summary stays");
}
