//! Everything a published site needs besides its pages: GitHub Pages files
//! (`.nojekyll`, `CNAME`), `robots.txt`, the sitemap, and per language the
//! Atom feed, the search index and the open-data exports.
//!
//! Takes the loaded site; writes through a `Sink`; called once per build
//! from `site::render`, beside the pages. Each file's text comes from a
//! pure function in its own module; this one only names files and writes.

use crate::config::{Config, Language};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::routes::Routes;
use crate::model::site::{Event, Site};
use crate::output::sink::Sink;
use crate::output::{feeds, ical, search_index, sitemap, timeline_json};
use crate::render::dates::DateFormatter;
use rayon::prelude::*;
use std::path::Path;

/// The names of the files this module writes at each language root.
pub const FEED_FILE: &str = "atom.xml";
pub const TIMELINE_JSON_FILE: &str = "events.json";
pub const ICAL_FILE: &str = "events.ics";
/// Relative to the language's search page folder.
pub const SEARCH_INDEX_FILE: &str = "index.json";
/// The search page's slug under each language root.
pub const SEARCH_SLUG: &str = "search";

/// What every generator reads: the site, its config and its URLs.
#[derive(Clone, Copy)]
pub struct Publication<'a> {
    pub config: &'a Config,
    pub site: &'a Site,
    pub routes: &'a Routes,
}

/// One event as one language publishes it.
pub struct LocalEvent<'a> {
    pub event: &'a Event,
    /// The language of the text (differs from the site language for a fallback).
    pub text_lang: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub place: Option<&'a str>,
    pub kind_label: String,
    pub date_text: String,
    /// Output path of the event page (`en/events/x/`).
    pub path: String,
}

impl<'a> Publication<'a> {
    /// Every event in `language`, in timeline order (oldest first).
    pub fn events(&self, language: &'a Language) -> Vec<LocalEvent<'a>> {
        let default_lang = &self.config.default_language().code;
        let dates = DateFormatter::new(&language.strings);
        self.site
            .events
            .iter()
            .map(|event| {
                let (text, _) = event.text_for(&language.code, default_lang);
                let text_lang =
                    crate::model::site::text_lang(&event.texts, &language.code, default_lang);
                LocalEvent {
                    event,
                    text_lang,
                    title: &text.title,
                    summary: &text.summary,
                    place: text.place.as_deref(),
                    kind_label: self.kind_label(&event.kind, &language.code),
                    date_text: dates.range(&event.date, event.end_date.as_ref()),
                    path: self.routes.event(&language.code, &event.slug),
                }
            })
            .collect()
    }

    pub fn kind_label(&self, kind: &str, lang: &str) -> String {
        self.config
            .kind(kind)
            .and_then(|k| k.labels.get(lang))
            .cloned()
            .unwrap_or_else(|| kind.to_string())
    }

    /// An absolute identifier for `path`: its permalink when the site URL is
    /// known, else a `urn:` that stays stable across builds.
    pub fn id(&self, path: &str) -> String {
        match self.routes.site_url() {
            Some(_) => self.routes.permalink(path),
            None => format!("urn:yilnoma:/{path}"),
        }
    }
}

/// Writes every publishing file of `publication` into `sink`.
pub fn write(publication: Publication<'_>, sink: &dyn Sink, diagnostics: &Diagnostics) {
    let publication = &publication;
    let mut files = vec![
        (".nojekyll".to_string(), String::new()),
        (
            "robots.txt".to_string(),
            robots(publication.routes.permalink("sitemap.xml").as_str()),
        ),
    ];
    files.extend(sitemap::sitemaps(publication));
    if let Some(cname) = cname(publication.config) {
        files.push(("CNAME".to_string(), cname));
    }
    let per_language: Vec<Vec<(String, String)>> = publication
        .config
        .languages
        .par_iter()
        .map(|language| language_files(publication, language))
        .collect();
    files.extend(per_language.into_iter().flatten());
    for (path, text) in files {
        if let Err(e) = sink.write(&path, text.as_bytes()) {
            diagnostics.push(Diagnostic::error(Path::new(&path), format!("{e:#}")));
        }
    }
}

fn language_files(publication: &Publication<'_>, language: &Language) -> Vec<(String, String)> {
    let routes = publication.routes;
    let lang = language.code.as_str();
    let events = publication.events(language);
    let search_folder = routes.page(lang, SEARCH_SLUG);
    let search_files = search_index::index(publication, language, &events)
        .into_iter()
        .map(|(name, text)| (format!("{search_folder}{name}"), text));
    let mut files = vec![
        (
            routes.lang_file(lang, FEED_FILE),
            feeds::atom(publication, language, &events),
        ),
        (
            routes.lang_file(lang, TIMELINE_JSON_FILE),
            timeline_json::timeline(publication, language, &events),
        ),
        (
            routes.lang_file(lang, ICAL_FILE),
            ical::calendar(publication, language, &events),
        ),
    ];
    files.extend(search_files);
    files
}

/// `robots.txt`: allow everything, name the sitemap.
fn robots(sitemap_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n")
}

/// GitHub Pages' custom-domain file, from book.toml's `cname`.
fn cname(config: &Config) -> Option<String> {
    let domain = config.cname.as_deref()?.trim();
    (!domain.is_empty()).then(|| format!("{domain}\n"))
}
