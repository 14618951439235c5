//! A page or docs file's front matter → `PageFile`: title, description,
//! and a slug that is neither a language code nor a route the site uses.

use super::text_checks::{check_apostrophes, check_field_chars, invisible_title};
use super::PageFile;
use crate::config::Config;
use crate::content::discover::SourceFile;
use crate::content::front_matter::{self, RawPage, Split};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::chars;
use crate::model::routes::RESERVED_SLUGS;
use crate::model::site::{PageText, Section, SourceRef};

/// Validates a page; its problems are diagnostics, the page is kept.
pub(super) fn validate_page(
    config: &Config,
    source: &SourceFile,
    split: &Split<'_>,
    raw: RawPage,
    source_ref: SourceRef,
    diagnostics: &Diagnostics,
) -> PageFile {
    let path = &source.path;
    if raw.title.trim().is_empty() {
        diagnostics.push(
            Diagnostic::error(path, crate::t!("page_title_empty"))
                .at(front_matter::key_line(split, "title").unwrap_or(2), 1)
                .hint(crate::t!("page_title_empty_hint")),
        );
    } else if !chars::has_visible(&raw.title) {
        diagnostics.push(invisible_title(split, &raw.title, path));
    }
    let strings = [(&raw.title, "title"), (&raw.description, "description")];
    check_field_chars(split, &strings, path, diagnostics);
    let is_language = config.languages.iter().any(|l| l.folder() == source.slug);
    if source.section == Section::Pages && is_language {
        diagnostics.push(
            Diagnostic::error(path, crate::t!("page_slug_language", slug = &source.slug))
                .hint(crate::t!("page_slug_language_hint")),
        );
    } else if source.section == Section::Pages && RESERVED_SLUGS.contains(&source.slug.as_str()) {
        diagnostics.push(
            Diagnostic::error(path, crate::t!("page_slug_reserved", slug = &source.slug)).hint(
                crate::t!(
                    "page_slug_reserved_hint",
                    reserved = RESERVED_SLUGS.join(", ")
                ),
            ),
        );
    }
    let text = PageText {
        source: source_ref,
        title: raw.title,
        description: raw.description,
        body: split.body.to_string(),
    };
    if config.render.apostrophe_check.contains(&source.lang) {
        let strings = [(&text.title, "title"), (&text.description, "description")];
        check_apostrophes(split, &text.body, &strings, path, diagnostics);
    }
    PageFile {
        weight: raw.weight,
        draft: raw.draft,
        text,
    }
}
