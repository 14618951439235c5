//! Everything a published site needs besides its pages, as text: GitHub
//! Pages files (`.nojekyll`, `CNAME`), `robots.txt`, and per language the
//! Atom feed, the search index and the open-data exports. The sitemap is
//! made here too (`sitemap`), from the page inventory's list, while the
//! build is planned.
//!
//! Takes the loaded site; hands (output path, text) pairs, one at a time,
//! to a callback and writes nothing: `site::render` passes them to the
//! sink, beside the pages. Each
//! file's text comes from a pure function in its own module; this one
//! only names the files (with `model::routes`' names).

pub mod calendar;
pub mod feeds;
pub mod ical;
mod postings;
pub mod search_index;
pub mod search_live;
pub mod search_text;
pub mod sitemap;
pub mod timeline_json;

use crate::config::{Config, Language};
use crate::model::routes::{
    Routes, CNAME_FILE, FEED_FILE, ICAL_FILE, NOJEKYLL_FILE, ROBOTS_FILE, SEARCH_SLUG,
    SITEMAP_FILE, TIMELINE_JSON_FILE,
};
use crate::model::site::Site;
use crate::render::dates::DateFormatter;
pub use crate::render::local_event::LocalEvent;
use search_index::Scope;

/// What every generator reads: the site, its config and its URLs.
#[derive(Clone, Copy)]
pub struct Publication<'a> {
    pub config: &'a Config,
    pub site: &'a Site,
    pub routes: &'a Routes,
}

impl<'a> Publication<'a> {
    /// Every event in `language`, in timeline order (oldest first).
    pub fn events(&self, language: &'a Language) -> Vec<LocalEvent<'a>> {
        let dates = DateFormatter::new(&language.code, &language.strings);
        self.site
            .events
            .iter()
            .map(|event| LocalEvent::new(event, &language.code, self.config, self.routes, &dates))
            .collect()
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

/// Hands every publishing file of `publication` to `emit` as (output
/// path, text), each as soon as it is made and dropped after: one
/// language's index and exports at a time are in memory, not every file of
/// every language (at 50,000 events they are hundreds of megabytes).
pub fn each_file(publication: Publication<'_>, emit: &mut dyn FnMut(&str, &str)) {
    root_files(publication, emit);
    for language in &publication.config.languages {
        language_files(&publication, language, emit);
    }
}

/// The files of no language: GitHub Pages' and `robots.txt`.
pub fn root_files(publication: Publication<'_>, emit: &mut dyn FnMut(&str, &str)) {
    emit(NOJEKYLL_FILE, "");
    emit(
        ROBOTS_FILE,
        &robots(publication.routes.permalink(SITEMAP_FILE).as_str()),
    );
    if let Some(cname) = cname(publication.config) {
        emit(CNAME_FILE, &cname);
    }
}

fn language_files(
    publication: &Publication<'_>,
    language: &Language,
    emit: &mut dyn FnMut(&str, &str),
) {
    let routes = publication.routes;
    let lang = language.code.as_str();
    let events = publication.events(language);
    emit(
        &routes.lang_file(lang, FEED_FILE),
        &feeds::atom(publication, language, &events),
    );
    emit(
        &routes.lang_file(lang, TIMELINE_JSON_FILE),
        &timeline_json::timeline(publication, language, &events),
    );
    emit(
        &routes.lang_file(lang, ICAL_FILE),
        &ical::calendar(publication, language, &events),
    );
    for scope in [Scope::Readers, Scope::Docs] {
        let Some(folder) = search_folder(publication.site, routes, lang, scope) else {
            continue;
        };
        search_index::index(publication, language, &events, scope, &mut |name, text| {
            emit(&format!("{folder}{name}"), text);
        });
    }
}

/// The folder of a scope's search page and index (`search/`,
/// `docs/search/`), or `None` when the site has no such pages: a site
/// without docs has no docs search.
pub fn search_folder(site: &Site, routes: &Routes, lang: &str, scope: Scope) -> Option<String> {
    match scope {
        Scope::Readers => Some(routes.page(lang, SEARCH_SLUG)),
        Scope::Docs => (!site.docs.is_empty()).then(|| routes.docs(lang, SEARCH_SLUG)),
    }
}

/// `robots.txt`: allow everything, name the sitemap.
fn robots(sitemap_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n")
}

/// GitHub Pages' custom-domain file, from book.toml's `cname`.
pub fn cname(config: &Config) -> Option<String> {
    let domain = config.cname.as_deref()?.trim();
    (!domain.is_empty()).then(|| format!("{domain}\n"))
}
