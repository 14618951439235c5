//! The text of a language made by transliteration
//! (`[language.CODE.transliterate]`): every event, page and doc written in
//! the source language gets a generated text in the target language,
//! unless a hand-made file of the target language exists (it takes
//! precedence). Generated texts keep the source file's `SourceRef`, so
//! errors and edit links name the file the editor writes.

use crate::config::{Config, Language, Transliteration};
use crate::model::site::{Event, EventText, Page, PageText, SourceLink};
use crate::model::transliterate::Transliterator;
use rayon::prelude::*;

/// The languages a site makes by transliteration: (code, how).
fn generated(config: &Config) -> impl Iterator<Item = (&str, &Transliteration)> {
    config
        .languages
        .iter()
        .filter_map(|l| Some((l.code.as_str(), l.transliterate.as_ref()?)))
}

/// Fills the generated texts of every item of the site.
pub(super) fn fill_site(config: &Config, site: &mut crate::model::site::Site) {
    if generated(config).next().is_none() {
        return;
    }
    site.events
        .par_iter_mut()
        .for_each(|event| fill_event(config, event));
    site.pages
        .par_iter_mut()
        .chain(site.docs.par_iter_mut())
        .for_each(|page| fill_page(config, page));
}

pub(super) fn fill_event(config: &Config, event: &mut Event) {
    for (code, how) in generated(config) {
        if event.texts.contains_key(code) {
            continue;
        }
        if let Some(source) = event.texts.get(&how.from) {
            let text = event_text(&how.table, &how.from, source);
            event.texts.insert(code.to_string(), text);
        }
    }
}

fn fill_page(config: &Config, page: &mut Page) {
    for (code, how) in generated(config) {
        if page.texts.contains_key(code) {
            continue;
        }
        if let Some(source) = page.texts.get(&how.from) {
            let text = PageText {
                source: source.source.clone(),
                title: how.table.text(&source.title),
                description: how.table.text(&source.description),
                body: how.table.markdown(&source.body),
            };
            page.texts.insert(code.to_string(), text);
        }
    }
}

/// Tags are transliterated too: a tag is a word of the page's language,
/// and its page's slug folds the Cyrillic back (`model::tags`). Cited
/// sources keep their titles as written, marked with the language they
/// are in: a citation names a document, it is not the site's text.
fn event_text(table: &Transliterator, from: &str, source: &EventText) -> EventText {
    EventText {
        source: source.source.clone(),
        lines: source.lines,
        title: table.text(&source.title),
        summary: table.text(&source.summary),
        place: source.place.as_deref().map(|p| table.text(p)),
        tags: source.tags.iter().map(|t| table.text(t)).collect(),
        sources: source
            .sources
            .iter()
            .map(|s| SourceLink {
                lang: s.lang.clone().or_else(|| Some(from.to_string())),
                ..s.clone()
            })
            .collect(),
        body: table.markdown(&source.body),
    }
}

/// The source text an event's text in `language` was generated from by
/// transliteration (it keeps that text's source file); `None` for a
/// hand-made text or a language written by hand.
pub(super) fn generated_from<'a>(language: &Language, event: &'a Event) -> Option<&'a EventText> {
    let from = &language.transliterate.as_ref()?.from;
    let source = event.texts.get(from)?;
    let text = event.texts.get(&language.code)?;
    (text.source.path == source.source.path).then_some(source)
}
