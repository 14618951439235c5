//! Event summaries converted to Tera values once per language, and the
//! `event`, `list` and timeline (`years`, `bands`) contexts built from them.
//!
//! Every event page shows its own summary and its neighbours', the kind
//! and tag pages of a 10,000-event site (about 60 per language) list every
//! event several times, and the timeline lists them all twice (by year and
//! by era band). Serialising fresh views cloned and converted about
//! 90,000 summaries per language; Tera values share their strings, arrays
//! and maps (`Arc`), so here each use is a cheap clone. The results have
//! exactly the shapes `EventView`, `ListView`, `YearView` and `EraBandView`
//! document for templates (the tests compare them with the serialised
//! views).

use crate::render::markdown::TocEntry;
use crate::render::summary_cache::{KeptSummaries, KeptSummary};
use crate::render::timeline::era_bands;
use crate::render::view::{EraView, EventSummaryView, ListView, SourceView};
use ahash::AHashMap;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};
use tera::Value;

/// The fields of `EventView` that are not summaries.
#[derive(Debug, Clone, Serialize)]
pub struct EventBodyView {
    pub body_html: String,
    pub sources: Vec<SourceView>,
    pub toc: Vec<TocEntry>,
    pub json_ld: String,
}

/// Every summary of one language as a Tera value, in timeline order, each
/// made on first use: a full build converts each summary once, a `serve`
/// rebuild of one event page only that event's and its neighbours'.
///
/// A summary's `kind` and each of its `tags` are one shared value per kind
/// and per tag name (Tera values are reference-counted), not a map of
/// their own per event: at 50,000 events those maps were about 200 MB.
pub struct SummaryValues {
    values: Vec<OnceLock<Value>>,
    kinds: Mutex<HashMap<String, Value>>,
    tags: Mutex<HashMap<String, Value>>,
    /// Summaries and values the last render made (`serve`): a value is
    /// taken from here when its event's is, else converted.
    kept: AHashMap<String, KeptSummary>,
    /// Indices of the values converted in this render, to keep them;
    /// `None` when nothing is kept (`build`: no list, no lock per value).
    made: Option<Mutex<Vec<usize>>>,
}

/// The summary at a timeline index (made lazily by the renderer).
pub type SummaryAt<'v> = dyn Fn(usize) -> &'v EventSummaryView + 'v;

impl SummaryValues {
    pub fn new(len: usize) -> Self {
        Self {
            made: None,
            ..Self::starting_from(len, KeptSummaries::default())
        }
    }

    /// Values for `len` summaries that start from those `kept` from the
    /// last render (`serve`: `render::summary_cache`), with the kind and
    /// tag values they share.
    pub fn starting_from(len: usize, kept: KeptSummaries) -> Self {
        Self {
            values: (0..len).map(|_| OnceLock::new()).collect(),
            kinds: Mutex::new(kept.kinds),
            tags: Mutex::new(kept.tags),
            kept: kept.events,
            made: Some(Mutex::default()),
        }
    }

    /// The kept summary of the event `slug`, if the last render made it.
    pub fn kept_view(&self, slug: &str) -> Option<Arc<EventSummaryView>> {
        self.kept.get(slug).map(|kept| Arc::clone(&kept.view))
    }

    /// What to keep for the next render: the kept summaries and the ones
    /// this render made (`summaries`, by timeline index, with their values).
    pub fn into_kept(self, summaries: Vec<OnceLock<Arc<EventSummaryView>>>) -> KeptSummaries {
        let inner = |cache: Mutex<HashMap<String, Value>>| {
            cache
                .into_inner()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
        };
        let mut events = self.kept;
        let mut summaries: Vec<Option<Arc<EventSummaryView>>> =
            summaries.into_iter().map(OnceLock::into_inner).collect();
        let mut values: Vec<Option<Value>> =
            self.values.into_iter().map(OnceLock::into_inner).collect();
        let made = self.made.map_or_else(Vec::new, |made| {
            made.into_inner()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
        });
        for index in made {
            let view = summaries.get_mut(index).and_then(Option::take);
            let value = values.get_mut(index).and_then(Option::take);
            if let (Some(view), Some(value)) = (view, value) {
                events.insert(view.slug.clone(), KeptSummary { view, value });
            }
        }
        KeptSummaries {
            events,
            kinds: inner(self.kinds),
            tags: inner(self.tags),
        }
    }

    fn value<'v>(&self, index: usize, summary_at: &SummaryAt<'v>) -> &Value {
        self.values[index].get_or_init(|| {
            let summary = summary_at(index);
            match self.kept.get(&summary.slug) {
                Some(kept) => kept.value.clone(),
                None => {
                    if let Some(made) = &self.made {
                        made.lock()
                            .unwrap_or_else(|poisoned| poisoned.into_inner())
                            .push(index);
                    }
                    self.convert(summary)
                }
            }
        })
    }

    /// `summary` as a Tera value, its kind and tags the shared ones.
    fn convert(&self, summary: &EventSummaryView) -> Value {
        let Some(mut map) = Value::from_serializable(summary).into_map() else {
            return Value::from_serializable(summary);
        };
        let kind = shared(&self.kinds, &summary.kind.id, || {
            Value::from_serializable(&summary.kind)
        });
        let tags: Vec<Value> = summary
            .tags
            .iter()
            .map(|tag| shared(&self.tags, &tag.name, || Value::from_serializable(tag)))
            .collect();
        map.insert("kind".into(), kind);
        map.insert("tags".into(), tags.into());
        map.into()
    }

    /// `event` for the event page of summary `index`: `body` plus the
    /// summary's fields, `previous` and `next`.
    pub fn event<'v>(
        &self,
        index: usize,
        body: &EventBodyView,
        summary_at: &SummaryAt<'v>,
    ) -> Value {
        let mut map = Value::from_serializable(body)
            .into_map()
            .expect("a struct serialises to a map");
        if let Some(summary) = self.value(index, summary_at).as_map() {
            for (key, value) in summary {
                map.insert(key.clone(), value.clone());
            }
        }
        let previous = index
            .checked_sub(1)
            .map(|i| self.value(i, summary_at).clone());
        let next =
            (index + 1 < self.values.len()).then(|| self.value(index + 1, summary_at).clone());
        map.insert("previous".into(), previous.into());
        map.insert("next".into(), next.into());
        map.into()
    }

    /// The summaries `keep` picks, grouped by year as `YearView`s group
    /// them: each year's number and value, and how many events they hold.
    fn years<'v>(
        &self,
        summary_at: &SummaryAt<'v>,
        keep: &dyn Fn(&EventSummaryView) -> bool,
    ) -> (Vec<(i32, Value)>, usize) {
        let kept = (0..self.values.len()).filter(|&i| keep(summary_at(i)));
        self.years_of(kept, summary_at)
    }

    /// The summaries at `indices` (in timeline order), grouped by year.
    fn years_of<'v>(
        &self,
        indices: impl Iterator<Item = usize>,
        summary_at: &SummaryAt<'v>,
    ) -> (Vec<(i32, Value)>, usize) {
        let mut years: Vec<(i32, Vec<Value>)> = Vec::new();
        let mut count = 0;
        for index in indices {
            let summary = summary_at(index);
            count += 1;
            let value = self.value(index, summary_at).clone();
            match years.last_mut() {
                Some((year, events)) if *year == summary.year => events.push(value),
                _ => years.push((summary.year, vec![value])),
            }
        }
        let years = years
            .into_iter()
            .map(|(year, events)| {
                let mut map: BTreeMap<&'static str, Value> = BTreeMap::new();
                map.insert("year", year.into());
                map.insert("events", events.into());
                (year, map.into())
            })
            .collect();
        (years, count)
    }

    /// `list` for the summaries `keep` picks: `ListView`'s fields, with the
    /// events grouped by year.
    pub fn list<'v>(
        &self,
        header: &ListView,
        summary_at: &SummaryAt<'v>,
        keep: &dyn Fn(&EventSummaryView) -> bool,
    ) -> Value {
        let (years, count) = self.years(summary_at, keep);
        let years: Vec<Value> = years.into_iter().map(|(_, value)| value).collect();
        let mut list: BTreeMap<&'static str, Value> = BTreeMap::new();
        list.insert("title", header.title.as_str().into());
        list.insert("by", header.by.as_str().into());
        list.insert("id", header.id.as_str().into());
        list.insert("years", years.into());
        list.insert("count", count.into());
        list.into()
    }

    /// `list` for one page of a listing: the summaries at `indices`
    /// grouped by year, `header`'s fields (its `count` is the whole
    /// listing's) and the `extra` values (`pagination`, neighbour years).
    pub fn list_page<'v>(
        &self,
        header: &ListView,
        indices: &[usize],
        summary_at: &SummaryAt<'v>,
        extra: Vec<(&'static str, Value)>,
    ) -> Value {
        let (years, _) = self.years_of(indices.iter().copied(), summary_at);
        let years: Vec<Value> = years.into_iter().map(|(_, value)| value).collect();
        let mut list: BTreeMap<&'static str, Value> = BTreeMap::new();
        list.insert("title", header.title.as_str().into());
        list.insert("by", header.by.as_str().into());
        list.insert("id", header.id.as_str().into());
        list.insert("years", years.into());
        list.insert("count", header.count.into());
        list.extend(extra);
        list.into()
    }

    /// The summaries at `indices` as a flat list, in the order given.
    pub fn summaries<'v>(&self, indices: &[usize], summary_at: &SummaryAt<'v>) -> Value {
        let values: Vec<Value> = indices
            .iter()
            .map(|&i| self.value(i, summary_at).clone())
            .collect();
        values.into()
    }

    /// The timeline's `years` (every event, as `YearView`s) and `bands`
    /// (the same years grouped by era, as `EraBandView`s).
    pub fn timeline<'v>(&self, summary_at: &SummaryAt<'v>, eras: &[EraView]) -> (Value, Value) {
        let (years, _) = self.years(summary_at, &|_| true);
        let bands: Vec<Value> = era_bands(years.iter().map(|(year, _)| *year), eras)
            .into_iter()
            .map(|band| {
                let band_years: Vec<Value> = years[band.years]
                    .iter()
                    .map(|(_, value)| value.clone())
                    .collect();
                let mut map: BTreeMap<&'static str, Value> = BTreeMap::new();
                map.insert("era", band.era.map(Value::from_serializable).into());
                map.insert("year_heading", band.year_heading.into());
                map.insert("years", band_years.into());
                map.into()
            })
            .collect();
        let years: Vec<Value> = years.into_iter().map(|(_, value)| value).collect();
        (years.into(), bands.into())
    }
}

/// The value `cache` holds for `key`, made by `make` the first time.
fn shared(cache: &Mutex<HashMap<String, Value>>, key: &str, make: impl FnOnce() -> Value) -> Value {
    let mut cache = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(value) = cache.get(key) {
        return value.clone();
    }
    let value = make();
    cache.insert(key.to_string(), value.clone());
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::view::{EraBandView, EventView, KindView, TagView, YearView};

    fn summary(slug: &str, year: i32, kind: &str) -> EventSummaryView {
        EventSummaryView {
            slug: slug.into(),
            url: format!("/events/{slug}/"),
            title: format!("Title of {slug} <b>"),
            summary: "Summary with ‘quotes’ & ampersand".into(),
            date_text: format!("{year}-yil"),
            date_iso: year.to_string(),
            end_iso: String::new(),
            year,
            kind: KindView {
                id: kind.into(),
                label: kind.to_uppercase(),
                icon: kind.into(),
                url: format!("/kinds/{kind}/"),
                count: 2,
            },
            place: String::new(),
            tags: vec![TagView {
                name: "Toshkent".into(),
                slug: "toshkent".into(),
                url: "/tags/toshkent/".into(),
            }],
            untranslated: false,
            lang: "uz".into(),
        }
    }

    #[test]
    fn event_equals_the_serialised_event_view() {
        let summaries = [summary("a", 1997, "visit"), summary("b", 2022, "treaty")];
        let values = SummaryValues::new(summaries.len());
        let body = EventBodyView {
            body_html: "<p>Body</p>".into(),
            sources: vec![SourceView {
                title: "Source".into(),
                url: "https://example.org/".into(),
                author: String::new(),
                publisher: "Publisher".into(),
                date_text: "2022-yil".into(),
                lang: "en".into(),
            }],
            toc: vec![TocEntry {
                level: 2,
                id: "heading".into(),
                title: "Heading".into(),
            }],
            json_ld: "{}".into(),
        };
        for index in 0..summaries.len() {
            let view = EventView {
                summary: summaries[index].clone(),
                body_html: body.body_html.clone(),
                sources: body.sources.clone(),
                toc: body.toc.clone(),
                previous: index.checked_sub(1).map(|i| summaries[i].clone()),
                next: summaries.get(index + 1).cloned(),
                json_ld: body.json_ld.clone(),
            };
            assert_eq!(
                values.event(index, &body, &|i| &summaries[i]),
                Value::from_serializable(&view)
            );
        }
    }

    #[test]
    fn list_equals_the_serialised_list_view() {
        let summaries = [
            summary("a", 1997, "visit"),
            summary("b", 1997, "treaty"),
            summary("c", 1997, "visit"),
            summary("d", 2022, "visit"),
        ];
        let keep = |s: &EventSummaryView| s.kind.id == "visit";
        let mut years: Vec<YearView> = Vec::new();
        for s in summaries.iter().filter(|s| keep(s)) {
            match years.last_mut() {
                Some(y) if y.year == s.year => y.events.push(s.clone()),
                _ => years.push(YearView {
                    year: s.year,
                    events: vec![s.clone()],
                }),
            }
        }
        let view = ListView {
            title: "Tashrif".into(),
            by: "kind".into(),
            id: "visit".into(),
            years,
            count: 3,
        };
        let header = ListView {
            years: Vec::new(),
            count: 0,
            ..view.clone()
        };
        let built = SummaryValues::new(summaries.len()).list(&header, &|i| &summaries[i], &keep);
        assert_eq!(built, Value::from_serializable(&view));
    }

    #[test]
    fn timeline_equals_the_serialised_years_and_bands() {
        let summaries = [
            summary("a", 1990, "visit"),
            summary("b", 1997, "treaty"),
            summary("c", 1997, "visit"),
            summary("d", 2016, "visit"),
            summary("e", 2022, "visit"),
        ];
        let era = |id: &str, start_year: i32, end_year: Option<i32>| EraView {
            id: id.into(),
            label: id.to_uppercase(),
            start: start_year.to_string(),
            end: end_year.map(|y| y.to_string()).unwrap_or_default(),
            start_year,
            end_year,
        };
        let eras = [
            era("foundations", 1997, Some(2015)),
            era("allies", 2021, None),
        ];
        let year = |year: i32, slugs: &[usize]| YearView {
            year,
            events: slugs.iter().map(|&i| summaries[i].clone()).collect(),
        };
        let years = vec![
            year(1990, &[0]),
            year(1997, &[1, 2]),
            year(2016, &[3]),
            year(2022, &[4]),
        ];
        let bands = vec![
            EraBandView {
                era: None,
                year_heading: 2,
                years: vec![years[0].clone()],
            },
            EraBandView {
                era: Some(eras[0].clone()),
                year_heading: 3,
                years: vec![years[1].clone()],
            },
            EraBandView {
                era: None,
                year_heading: 2,
                years: vec![years[2].clone()],
            },
            EraBandView {
                era: Some(eras[1].clone()),
                year_heading: 3,
                years: vec![years[3].clone()],
            },
        ];
        let (built_years, built_bands) =
            SummaryValues::new(summaries.len()).timeline(&|i| &summaries[i], &eras);
        assert_eq!(built_years, Value::from_serializable(&years));
        assert_eq!(built_bands, Value::from_serializable(&bands));
    }
}
