//! `events.json`: one language's events in the TimelineJS 3 JSON format,
//! so the data can be embedded in a TimelineJS viewer or reused as is.
//!
//! Shape (TimelineJS 3 "JSON format"): `{title, events, eras}`; each event
//! has `start_date` and optional `end_date` as `{year, month?, day?}`,
//! `text {headline, text}` (text is HTML), `group` (the kind's label),
//! `unique_id` (the slug) and `display_date`. Takes the publication;
//! returns the JSON text. Pure.

use crate::config::Language;
use crate::render::escape::html;
use crate::render::files::calendar::timeline_js;
use crate::render::files::{LocalEvent, Publication};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{json, Value};

pub fn timeline(
    publication: &Publication<'_>,
    language: &Language,
    events: &[LocalEvent<'_>],
) -> String {
    let routes = publication.routes;
    let lang = language.code.as_str();
    let read_more = language
        .strings
        .get("read_more")
        .map_or("→", String::as_str);
    let item = |e: &LocalEvent<'_>| {
        let mut text = format!(
            "<p>{}</p><p><a href=\"{}\">{}</a></p>",
            html(e.summary),
            html(&routes.permalink(&e.path)),
            html(read_more)
        );
        if let Some(place) = e.place {
            text = format!("<p>{}</p>{text}", html(place));
        }
        let mut item = json!({
            "start_date": timeline_js(&e.event.date),
            "text": { "headline": e.title, "text": text },
            "group": e.kind_label,
            "unique_id": e.event.slug,
            "display_date": e.date_text,
        });
        if let Some(end) = &e.event.end_date {
            item["end_date"] = timeline_js(end);
        }
        item
    };
    let root = Root {
        eras: eras(publication, lang, events),
        events: Items {
            events,
            item: &item,
        },
        title: json!({ "text": { "headline": language.title, "text": html(&language.description) } }),
    };
    crate::render::escape::json_text_safe(&serde_json::to_string_pretty(&root).unwrap_or_default())
        + "\n"
}

/// The document's top level, its keys in the order a `serde_json::Map`
/// keeps them (sorted), so the text is what serialising one `Value` gave.
/// The events are serialised one at a time: at 50,000 events a tree of
/// every event's `Value` took more memory than the text it becomes.
struct Root<'a> {
    eras: Vec<Value>,
    events: Items<'a>,
    title: Value,
}

impl Serialize for Root<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if !self.eras.is_empty() {
            map.serialize_entry("eras", &self.eras)?;
        }
        map.serialize_entry("events", &self.events)?;
        map.serialize_entry("title", &self.title)?;
        map.end()
    }
}

/// The events, each made into its `Value` only while it is written.
struct Items<'a> {
    events: &'a [LocalEvent<'a>],
    item: &'a dyn Fn(&LocalEvent<'_>) -> Value,
}

impl Serialize for Items<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.events.iter().map(self.item))
    }
}

/// Configured eras, each up to the last day of its end; an open-ended era
/// ends with the last event (TimelineJS requires an end date).
fn eras(publication: &Publication<'_>, lang: &str, events: &[LocalEvent<'_>]) -> Vec<Value> {
    let last = events
        .iter()
        .map(|e| e.event.end_date.unwrap_or(e.event.date))
        .max();
    publication
        .config
        .eras
        .iter()
        .filter_map(|era| {
            let end = era.end.or(last.filter(|l| *l >= era.start))?;
            let label = era
                .labels
                .get(lang)
                .cloned()
                .unwrap_or_else(|| era.id.clone());
            let (year, month, day) = end.last_day();
            Some(json!({
                "start_date": timeline_js(&era.start),
                "end_date": { "year": year, "month": month, "day": day },
                "text": { "headline": label },
            }))
        })
        .collect()
}
