//! One event as one language publishes it: the text it shows (its own, or
//! the fallback `model::site::text_lang` picks), that text's language, the
//! localised date and kind label, and the path of its page.
//!
//! The one per-language projection of an event: the pages (the timeline
//! entries of `render::site`) and the publishing files (feeds, search
//! index, iCalendar, TimelineJS, through `render::files::Publication`)
//! both start from it, so they cannot disagree on what an event says in a
//! language.

use crate::config::Config;
use crate::model::routes::Routes;
use crate::model::site::{text_lang, Event};
use crate::render::dates::DateFormatter;

/// One event in one language.
pub struct LocalEvent<'a> {
    pub event: &'a Event,
    /// The language of the text (differs from the site language for a fallback).
    pub text_lang: &'a str,
    /// The language has no text of its own: the fallback text is shown.
    pub untranslated: bool,
    pub title: &'a str,
    pub summary: &'a str,
    pub place: Option<&'a str>,
    pub tags: &'a [String],
    pub kind_label: String,
    pub date_text: String,
    /// Output path of the event page (`en/events/x/`).
    pub path: String,
}

impl<'a> LocalEvent<'a> {
    /// `event` in `lang`, its date written with `dates` (that language's).
    pub fn new(
        event: &'a Event,
        lang: &'a str,
        config: &'a Config,
        routes: &Routes,
        dates: &DateFormatter<'_>,
    ) -> Self {
        let default_lang = config.default_language().code.as_str();
        let (text, untranslated) = event.text_for(lang, default_lang);
        LocalEvent {
            event,
            text_lang: text_lang(&event.texts, lang, default_lang),
            untranslated,
            title: &text.title,
            summary: &text.summary,
            place: text.place.as_deref(),
            tags: &text.tags,
            kind_label: kind_label(config, &event.kind, lang),
            date_text: dates.range(&event.date, event.end_date.as_ref()),
            path: routes.event(lang, &event.slug),
        }
    }
}

/// A kind's label in `lang` (book.toml's `label`), else its id.
pub fn kind_label(config: &Config, kind: &str, lang: &str) -> String {
    config
        .kind(kind)
        .and_then(|k| k.labels.get(lang))
        .cloned()
        .unwrap_or_else(|| kind.to_string())
}
