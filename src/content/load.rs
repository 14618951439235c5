//! `SourceFile`s → the validated, language-paired `Site`.
//!
//! Reads every content file (in parallel), parses front matter, validates
//! each value, pairs translations by slug and checks that paired files agree.
//! Never stops at the first bad file: every problem becomes a diagnostic.
//! The steps live beside it: `read` (one file as text), `event` and `page`
//! (front matter → checked values), `text_checks`, `pair`,
//! `transliterated` (texts made by a transliteration table), `data`,
//! `tag_slugs`, and `slips` (warnings for likely mistakes).

mod data;
mod event;
mod page;
mod pair;
mod read;
mod slips;
mod tag_slugs;
mod text_checks;
mod transliterated;

pub use event::MAX_TAGS_PER_EVENT;
pub use tag_slugs::assign_tag_slugs;

use crate::config::Config;
use crate::content::discover::{self, SourceFile};
use crate::content::front_matter::{self, FrontMatterError, RawEvent, RawPage};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::date::PartialDate;
use crate::model::site::{Event, EventText, PageText, Section, Site, SourceRef};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Whether draft items are loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drafts {
    Include,
    Exclude,
}

/// One file, parsed and validated on its own.
enum Parsed {
    Event(EventFile),
    Page(PageFile),
}

struct EventFile {
    date: PartialDate,
    end_date: Option<PartialDate>,
    kind: String,
    weight: i64,
    draft: bool,
    /// Lines of `date`, `end_date`, `kind`, for pairing errors.
    key_lines: [usize; 3],
    text: EventText,
}

struct PageFile {
    weight: i64,
    draft: bool,
    text: PageText,
}

pub fn load(config: &Config, drafts: Drafts, diagnostics: &Diagnostics) -> Site {
    let found = discover::discover(config, diagnostics);
    let mut unloaded: BTreeSet<(Section, String)> = found
        .sources
        .iter()
        .map(|s| (s.section, s.slug.clone()))
        .collect();
    let parsed: Vec<(SourceFile, Parsed)> = found
        .sources
        .into_par_iter()
        .filter_map(|source| {
            let parsed = parse_file(config, &source, diagnostics)?;
            Some((source, parsed))
        })
        .collect();
    let mut site = pair::pair(config, parsed, diagnostics);
    transliterated::fill_site(config, &mut site);
    for event in &site.events {
        unloaded.remove(&(Section::Events, event.slug.clone()));
    }
    for page in site.pages.iter().chain(&site.docs) {
        unloaded.remove(&(page.section, page.slug.clone()));
    }
    site.unloaded = unloaded;
    slips::check(config, &site, diagnostics);
    site.data = data::load_data(&config.root, &found.data, diagnostics);
    if drafts == Drafts::Exclude {
        site.events.retain(|e| !e.draft);
        site.pages.retain(|p| !p.draft);
        site.docs.retain(|p| !p.draft);
    }
    assign_tag_slugs(config, &mut site, diagnostics);
    site
}

/// Re-reads one event's files (every language) and validates and pairs them
/// as `load` does: what `serve` calls after an edit instead of reloading the
/// whole site. `paths` are the files that may hold it (the ones it was
/// loaded from and the ones that changed), wherever they lie under
/// content/events/; the ones that no longer exist or no longer name this
/// slug are skipped. `None` when no file of the event is left.
///
/// Two files of one language are a duplicate the full load reports with
/// both paths: `Err` asks the caller for that.
#[allow(clippy::result_unit_err)]
pub fn load_event(
    config: &Config,
    slug: &str,
    paths: &BTreeSet<std::path::PathBuf>,
    drafts: Drafts,
    diagnostics: &Diagnostics,
) -> Result<Option<Event>, ()> {
    let quiet = Diagnostics::new();
    let mut sources: BTreeMap<String, SourceFile> = BTreeMap::new();
    for path in paths.iter().filter(|p| p.is_file()) {
        let found = discover::classify_file(config, path, &quiet);
        for source in found.sources {
            if source.section != Section::Events || source.slug != slug {
                continue;
            }
            if sources.insert(source.lang.clone(), source).is_some() {
                return Err(());
            }
        }
    }
    let mut files = BTreeMap::new();
    for (lang, source) in sources {
        if let Some(Parsed::Event(event)) = parse_file(config, &source, diagnostics) {
            files.insert(lang, event);
        }
    }
    if files.is_empty() {
        return Ok(None);
    }
    let mut event = pair::pair_event(config, slug.to_string(), files, diagnostics);
    transliterated::fill_event(config, &mut event);
    Ok((drafts == Drafts::Include || !event.draft).then_some(event))
}

fn parse_file(config: &Config, source: &SourceFile, diagnostics: &Diagnostics) -> Option<Parsed> {
    let path = &source.path;
    let text = read::read_text(path, diagnostics)?;
    let report = |e: FrontMatterError, keys: &str| {
        let diagnostic = match unknown_field(&e.message) {
            Some(key) => {
                let hint = match crate::nearest::nearest(key, keys.split(", ")) {
                    Some(nearest) => {
                        crate::t!("unknown_key_nearest_hint", nearest = nearest, keys = keys)
                    }
                    None => crate::t!("unknown_key_hint", keys = keys),
                };
                Diagnostic::error(path, crate::t!("unknown_key", key = key))
                    .at(e.line, e.column)
                    .hint(hint)
            }
            None => Diagnostic::error(path, e.message)
                .at(e.line, e.column)
                .hint(e.hint),
        };
        diagnostics.push(diagnostic);
    };
    let split = match front_matter::split(&text) {
        Ok(split) => split,
        Err(e) => {
            report(e, "");
            return None;
        }
    };
    let source_ref = SourceRef {
        path: path.clone(),
        relative: relative_path(&config.root, path),
        body_line: split.body_line,
    };
    text_checks::check_body_chars(&split, path, diagnostics);
    let check_spelling = config.render.apostrophe_check.contains(&source.lang);
    match source.section {
        Section::Events => {
            let raw: RawEvent = match front_matter::parse(&split) {
                Ok(raw) => raw,
                Err(e) => {
                    report(e, front_matter::EVENT_KEYS);
                    return None;
                }
            };
            let event = event::validate_event(config, &split, raw, source_ref, diagnostics)?;
            if check_spelling {
                text_checks::check_apostrophes(
                    &split,
                    &event.text.body,
                    &text_checks::event_strings(&event.text),
                    path,
                    diagnostics,
                );
            }
            Some(Parsed::Event(event))
        }
        Section::Pages | Section::Docs => {
            let raw: RawPage = match front_matter::parse(&split) {
                Ok(raw) => raw,
                Err(e) => {
                    report(e, front_matter::PAGE_KEYS);
                    return None;
                }
            };
            let page = page::validate_page(config, source, &split, raw, source_ref, diagnostics);
            Some(Parsed::Page(page))
        }
    }
}

/// `path` relative to the site root with `/` separators (edit links).
fn relative_path(root: &std::path::Path, path: &std::path::Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The field serde's `deny_unknown_fields` names in "unknown field `x`, expected …".
fn unknown_field(message: &str) -> Option<&str> {
    message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(key, _)| key)
}

#[cfg(test)]
mod tests;
