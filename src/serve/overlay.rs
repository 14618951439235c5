//! What the browser overlay shows for a failed rebuild: each error's place,
//! its source line cut at the span (`report::Excerpt`, the data the
//! terminal draws its caret from), a link to the file's edit page when the
//! site has `edit-url-template`, and the message and hint in every
//! catalogue language, with the overlay's own words. The page picks the
//! language of its `<html lang>` (reload.js), so an Uzbek page shows Uzbek
//! and an English page English, whatever the terminal's language.
//!
//! Everything here is data: the client puts it in the page as text, never
//! as markup, because file names and messages are the editor's.

use crate::config::Config;
use crate::diag::{Diagnostic, Severity};
use crate::report::{Excerpt, SourceCache, Sources};
use crate::t;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Errors shown one by one; past this the overlay says how many more.
const SHOWN: usize = 50;

/// The errors of one failed rebuild, as the overlay shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overlay {
    pub errors: Vec<OverlayError>,
    /// Errors not shown (past the first 50).
    pub more: usize,
}

/// One error: where, the line it is about, and its words per language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OverlayError {
    /// Relative to the site's folder, as the terminal shows it.
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// The source line, when the file can be read and the line is known.
    pub excerpt: Option<Excerpt>,
    /// The file's page in the site's repository (`edit-url-template`).
    pub edit: Option<String>,
    /// Language code → the label, message and hint in it.
    pub texts: BTreeMap<&'static str, Words>,
}

/// An error's words in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Words {
    /// `error` / `xato`.
    pub label: String,
    pub message: String,
    /// The hint's lines (empty when there is none).
    pub hint: Vec<String>,
}

/// Where a content file is edited, from the last good book.toml.
#[derive(Debug, Clone, Default)]
pub struct EditLinks {
    template: Option<(PathBuf, String)>,
}

impl EditLinks {
    /// Links for files of `config`'s content folder; none without a config
    /// or without `edit-url-template`.
    pub fn new(config: Option<&Config>) -> Self {
        let template = config.and_then(|c| Some((c.content_path(), c.edit_url_template.clone()?)));
        Self { template }
    }

    /// The edit URL of `path`: only content files have one (the template
    /// points into the content folder).
    pub fn of(&self, path: &Path) -> Option<String> {
        let (content, template) = self.template.as_ref()?;
        let relative = path.strip_prefix(content).ok()?;
        let relative = relative.to_str()?.replace('\\', "/");
        (!relative.is_empty()).then(|| template.replace("{path}", &relative))
    }
}

/// The overlay for `errors`, with paths relative to `root`; `sources`
/// gives the files' text for the excerpts.
pub fn describe(
    errors: &[Diagnostic],
    root: &Path,
    sources: &dyn Sources,
    links: &EditLinks,
) -> Overlay {
    let mut cache = SourceCache::new(sources);
    let shown = errors.iter().take(SHOWN).map(|d| OverlayError {
        path: d.display_path(root),
        line: d.line.max(1),
        column: d.column.max(1),
        excerpt: cache
            .line(&d.path, d.line)
            .map(|text| Excerpt::new(d.line, d.column, &text)),
        edit: links.of(&d.path),
        texts: crate::messages::languages()
            .into_iter()
            .map(|lang| (lang, words(d, lang)))
            .collect(),
    });
    Overlay {
        errors: shown.collect(),
        more: errors.len().saturating_sub(SHOWN),
    }
}

fn words(diagnostic: &Diagnostic, lang: &str) -> Words {
    Words {
        label: crate::report::label(lang, Some(diagnostic.severity)),
        message: diagnostic.message.in_language(lang),
        hint: crate::report::hint_lines(diagnostic, lang),
    }
}

/// The overlay's own words in every catalogue language: language code →
/// name → text (`more` keeps a `{count}` for the client to fill).
pub fn interface(more: usize) -> BTreeMap<&'static str, BTreeMap<&'static str, String>> {
    crate::messages::languages()
        .into_iter()
        .map(|lang| {
            let words = BTreeMap::from([
                ("title", t!("overlay_title").in_language(lang)),
                ("advice", t!("overlay_advice").in_language(lang)),
                ("edit", t!("overlay_edit").in_language(lang)),
                ("close", t!("overlay_close").in_language(lang)),
                ("hint", crate::report::label(lang, None)),
                ("more", crate::messages::plural("overlay_more", lang, more)),
                ("error", crate::report::label(lang, Some(Severity::Error))),
            ]);
            (lang, words)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(template: &str) -> EditLinks {
        EditLinks {
            template: Some(("/site/content".into(), template.into())),
        }
    }

    #[test]
    fn each_error_carries_its_excerpt_link_and_words_in_every_language() {
        let error = Diagnostic::error(
            "/site/content/events/a.uz.md",
            t!("unknown_key", key = "sumary"),
        )
        .at(2, 1)
        .hint("summary");
        let sources = |path: &Path| {
            (path == Path::new("/site/content/events/a.uz.md"))
                .then(|| "---\nsumary: <b>Toshkent</b>\n".to_string())
        };
        let overlay = describe(
            &[error],
            Path::new("/site"),
            &sources,
            &links("https://example.org/edit/content/{path}"),
        );
        assert_eq!(overlay.more, 0);
        let shown = &overlay.errors[0];
        assert_eq!(shown.path, "content/events/a.uz.md");
        let excerpt = shown.excerpt.as_ref().expect("the line was read");
        assert_eq!(
            (
                excerpt.line,
                excerpt.marked.as_str(),
                excerpt.after.as_str()
            ),
            (2, "sumary", ": <b>Toshkent</b>")
        );
        assert_eq!(
            shown.edit.as_deref(),
            Some("https://example.org/edit/content/events/a.uz.md")
        );
        assert_eq!(shown.texts["en"].message, "unknown key `sumary`");
        assert_eq!(shown.texts["uz"].message, "`sumary` degan kalit yo‘q");
        assert_eq!(shown.texts["uz"].label, "xato");
        assert_eq!(shown.texts["uz"].hint, ["summary"]);
    }

    #[test]
    fn only_content_files_get_an_edit_link() {
        let links = links("https://example.org/{path}");
        assert_eq!(links.of(Path::new("/site/book.toml")), None);
        assert_eq!(links.of(Path::new("/site/templates/page.html")), None);
        assert_eq!(
            links
                .of(Path::new("/site/content/pages/a b.en.md"))
                .as_deref(),
            Some("https://example.org/pages/a b.en.md")
        );
        assert_eq!(
            EditLinks::new(None).of(Path::new("/site/content/x.md")),
            None
        );
    }

    #[test]
    fn many_errors_are_cut_with_a_count() {
        let errors: Vec<Diagnostic> = (0..SHOWN + 3)
            .map(|i| Diagnostic::error(format!("/site/{i}.md"), "x"))
            .collect();
        let overlay = describe(
            &errors,
            Path::new("/site"),
            &|_: &Path| None,
            &EditLinks::default(),
        );
        assert_eq!((overlay.errors.len(), overlay.more), (SHOWN, 3));
        assert!(overlay.errors[0].excerpt.is_none());
        let words = interface(3);
        assert_eq!(words["en"]["more"], "and 3 more errors");
        assert_eq!(words["uz"]["error"], "xato");
    }
}
