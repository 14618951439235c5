//! `events.json`: one language's events in the TimelineJS 3 JSON format,
//! so the data can be embedded in a TimelineJS viewer or reused as is.
//!
//! Shape (TimelineJS 3 "JSON format"): `{title, events, eras}`; each event
//! has `start_date` and optional `end_date` as `{year, month?, day?}`,
//! `text {headline, text}` (text is HTML), `group` (the kind's label),
//! `unique_id` (the slug) and `display_date`. Takes the publication;
//! returns the JSON text. Pure.

use crate::config::Language;
use crate::model::date::PartialDate;
use crate::render::escape::html;
use crate::render::files::calendar::timeline_js;
use crate::render::files::{LocalEvent, Publication};
use serde_json::{json, Value};

pub fn timeline(
    publication: &Publication<'_>,
    language: &Language,
    events: &[LocalEvent<'_>],
) -> String {
    let items = events.iter().map(|e| item(publication, language, e));
    let last = events
        .iter()
        .map(|e| e.event.end_date.unwrap_or(e.event.date))
        .max();
    assemble(publication, language, last, items)
}

/// One event's entry, as it stands in the file's `events` list: pretty
/// printed at that depth and escaped, so `serve` can keep it and put the
/// file together again after an edit of another event.
pub fn item(publication: &Publication<'_>, language: &Language, e: &LocalEvent<'_>) -> String {
    let routes = publication.routes;
    let read_more = language
        .strings
        .get("read_more")
        .map_or("→", String::as_str);
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
    nested(&item, 2)
}

/// The file from its events' `item`s in timeline order; `last` is the last
/// day any event reaches (open-ended eras end there). The text is what
/// `serde_json::to_string_pretty` gives for the whole document, keys in the
/// order a `serde_json::Map` keeps them (sorted); it is put together from
/// parts so that no tree of every event's `Value` is held (at 50,000 events
/// it took more memory than the text it becomes).
pub fn assemble<I: AsRef<str>>(
    publication: &Publication<'_>,
    language: &Language,
    last: Option<PartialDate>,
    items: impl Iterator<Item = I>,
) -> String {
    let lang = language.code.as_str();
    let eras = eras(publication, lang, last);
    let title =
        json!({ "text": { "headline": language.title, "text": html(&language.description) } });
    let mut out = String::from("{\n");
    if !eras.is_empty() {
        out.push_str("  \"eras\": ");
        out.push_str(&nested(&Value::from(eras), 1));
        out.push_str(",\n");
    }
    out.push_str("  \"events\": [");
    let mut any = false;
    for item in items {
        out.push_str(if any { ",\n    " } else { "\n    " });
        out.push_str(item.as_ref());
        any = true;
    }
    out.push_str(if any { "\n  ],\n" } else { "],\n" });
    out.push_str("  \"title\": ");
    out.push_str(&nested(&title, 1));
    out.push_str("\n}\n");
    out
}

/// `value` pretty printed as it stands at `depth` in the document (every
/// line after the first indented two spaces a level) and escaped. JSON
/// strings hold no raw line breaks, so indenting lines cannot touch them.
fn nested(value: &Value, depth: usize) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let indent = format!("\n{}", "  ".repeat(depth));
    crate::render::escape::json_text_safe(&text.replace('\n', &indent))
}

/// Configured eras, each up to the last day of its end; an open-ended era
/// ends with the last event (TimelineJS requires an end date).
fn eras(publication: &Publication<'_>, lang: &str, last: Option<PartialDate>) -> Vec<Value> {
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
