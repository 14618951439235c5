//! book.toml → `Config`: defaults, validation, unknown-key warnings.
//!
//! mdBook-compatible where the keys overlap (`[book]`, `[output.html]`), plus
//! Yilnoma's own tables for languages, event kinds, eras and rendering. Reads
//! only book.toml (and interface-string files it names); returns the config
//! and diagnostics, never stops at the first problem it can recover from.

mod assets;
mod code_themes;
mod eras;
mod kinds;
mod languages;
mod plural_forms;
mod position;
mod raw;
mod transliteration;
mod urls;

pub use code_themes::CODE_THEMES;
pub use languages::validate_language_code;
pub use position::line_column;
pub use urls::url_problem;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::routes::normalise_site_url;
use eras::parse_eras;
use kinds::{check_labels, parse_kinds};
use position::{find_key, toml_error};
use raw::RawConfig;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "book.toml";

/// book.toml and the interface-string files it names may be at most this
/// big: settings, not content.
const MAX_SETTINGS_BYTES: u64 = 4 * 1024 * 1024;

/// The TOML library panicked on the settings file at `path`.
fn toml_panicked(path: &Path, panic: String) -> Diagnostic {
    let parser = "TOML (toml)";
    Diagnostic::error(
        path,
        crate::t!("parser_panicked", parser = parser, panic = panic),
    )
    .at(1, 1)
    .hint(crate::t!("parser_panicked_hint", parser = parser))
}

/// A settings file (`shown` is how the message names it) that was not read
/// because it is not a regular file or is too big, as an error on `path`.
fn unreadable_settings(path: &Path, shown: &str, refused: crate::fs::NotRead) -> Diagnostic {
    match refused {
        crate::fs::NotRead::TooBig(size) => Diagnostic::error(
            path,
            crate::t!(
                "settings_file_too_big",
                file = shown,
                size = size / 1024,
                limit = MAX_SETTINGS_BYTES / 1024
            ),
        )
        .hint(crate::t!("settings_file_too_big_hint")),
        crate::fs::NotRead::NotRegular => {
            Diagnostic::error(path, crate::t!("settings_file_not_regular", file = shown))
                .hint(crate::t!("settings_file_not_regular_hint"))
        }
        crate::fs::NotRead::Failed(e) => Diagnostic::error(
            path,
            crate::t!("settings_file_unreadable", file = shown, cause = e),
        )
        .hint(crate::t!("settings_file_unreadable_hint")),
    }
    .at(1, 1)
}

/// The whole validated configuration of one site.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder holding book.toml.
    pub root: PathBuf,
    pub title: String,
    pub authors: Vec<String>,
    pub description: String,
    /// Languages, the default first, then the others in code order.
    pub languages: Vec<Language>,
    /// Content folder, relative to `root` (mdBook's `src`).
    pub content_dir: PathBuf,
    pub site_url: Option<String>,
    pub git_repository_url: Option<String>,
    pub edit_url_template: Option<String>,
    pub cname: Option<String>,
    /// Published names (under the output root) of the site's stylesheets
    /// and scripts that load after the theme's (`additional-css`,
    /// `additional-js`): files under static/.
    pub additional_css: Vec<String>,
    pub additional_js: Vec<String>,
    /// Declared event kinds in declaration order; empty means any kind is accepted.
    pub kinds: Vec<Kind>,
    pub eras: Vec<Era>,
    pub render: RenderOptions,
}

/// A language the site is written in, with its interface strings.
#[derive(Debug, Clone)]
pub struct Language {
    pub code: String,
    /// The language's own name for itself, shown in the switcher.
    pub name: String,
    pub title: String,
    pub description: String,
    /// Interface strings: the built-in theme's, overridden by book.toml.
    pub strings: BTreeMap<String, String>,
    /// Set when this language's text is generated from another language's
    /// (`[language.CODE.transliterate]`), file by file where no hand-made
    /// file exists.
    pub transliterate: Option<Transliteration>,
}

/// How a language's text is made from another's.
#[derive(Debug, Clone)]
pub struct Transliteration {
    /// The language whose text is transliterated.
    pub from: String,
    /// The table, with the editor's `keep` words added.
    pub table: std::sync::Arc<crate::model::transliterate::Transliterator>,
}

impl Language {
    /// The folder of this language's pages: the code in lowercase
    /// (`uz-Cyrl` → `uz-cyrl/`), as URLs are usually written.
    pub fn folder(&self) -> String {
        self.code.to_ascii_lowercase()
    }
}

/// One allowed value of an event's `kind`.
#[derive(Debug, Clone)]
pub struct Kind {
    pub id: String,
    pub icon: String,
    /// Label per language code; a missing one falls back to the id.
    pub labels: BTreeMap<String, String>,
}

/// An optional period drawn as a band on the timeline.
#[derive(Debug, Clone)]
pub struct Era {
    pub id: String,
    pub start: crate::model::date::PartialDate,
    pub end: Option<crate::model::date::PartialDate>,
    pub labels: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Raw HTML in Markdown is escaped unless this is true.
    pub allow_html: bool,
    pub code_theme_light: String,
    pub code_theme_dark: String,
    /// Languages whose text is checked for ASCII apostrophes inside words.
    pub apostrophe_check: Vec<String>,
    /// Whether docs pages missing in a language are warned about.
    pub docs_require_translation: bool,
    /// Up to this many events the home page is the whole timeline; above
    /// it the home page shows the eras, the years and the newest events,
    /// and every year gets its own pages (`years/2021/`).
    pub timeline_limit: usize,
    /// Events per page of kind, tag and year listings (`…/page/2/`).
    pub page_size: usize,
    /// URLs per sitemap file before it is cut into parts under an index
    /// (`render::files::sitemap` takes at most the protocol's 50,000).
    pub sitemap_max_urls: usize,
}

impl Config {
    pub fn default_language(&self) -> &Language {
        // `load` refuses a config without languages, so there is always one.
        &self.languages[0]
    }

    /// The ids of book.toml's `[kind.*]` tables, in its order.
    pub fn kind_ids(&self) -> Vec<&str> {
        self.kinds.iter().map(|k| k.id.as_str()).collect()
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    pub fn kind(&self, id: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.id == id)
    }

    pub fn content_path(&self) -> PathBuf {
        self.root.join(&self.content_dir)
    }

    pub fn config_path(&self) -> PathBuf {
        self.root.join(CONFIG_FILE)
    }
}

/// Reads `root/book.toml`. Returns `None` when it cannot be used at all;
/// every problem found is in `diagnostics`.
pub fn load(root: &Path, diagnostics: &Diagnostics) -> Option<Config> {
    let path = root.join(CONFIG_FILE);
    let text = match crate::fs::read_regular_text(&path, MAX_SETTINGS_BYTES) {
        Ok(text) => text,
        Err(crate::fs::NotRead::Failed(e)) => {
            diagnostics.push(
                Diagnostic::error(&path, crate::t!("config_unreadable", reason = e))
                    .hint(crate::t!("config_unreadable_hint")),
            );
            return None;
        }
        Err(refused) => {
            diagnostics.push(unreadable_settings(&path, CONFIG_FILE, refused));
            return None;
        }
    };
    parse(root, &path, &text, diagnostics)
}

/// Parses book.toml text; `path` names it in diagnostics.
pub fn parse(root: &Path, path: &Path, text: &str, diagnostics: &Diagnostics) -> Option<Config> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut unknown = Vec::new();
    // A panic inside the TOML library is its bug: one error, not the end of
    // the run or of the preview server.
    let parsed = crate::contain::contain(|| {
        let deserializer = toml::Deserializer::parse(text)?;
        serde_ignored::deserialize(deserializer, |p| unknown.push(p.to_string()))
    });
    let raw: RawConfig = match parsed {
        Ok(Ok(raw)) => raw,
        Ok(Err(e)) => {
            diagnostics.push(toml_error(path, text, &e));
            return None;
        }
        Err(panic) => {
            diagnostics.push(toml_panicked(path, panic));
            return None;
        }
    };
    for key in unknown {
        let last = key.rsplit('.').next().unwrap_or(&key);
        let (line, column) = find_key(text, last);
        diagnostics.push(
            Diagnostic::warning(path, crate::t!("book_unknown_key", key = key))
                .at(line, column)
                .hint(
                    match crate::nearest::nearest(last, KNOWN_KEYS.iter().copied()) {
                        Some(near) => crate::t!("book_unknown_key_near_hint", near = near),
                        None => crate::t!("book_unknown_key_hint", tables = KNOWN_TABLES),
                    },
                ),
        );
    }
    from_raw(root, path, text, raw, diagnostics)
}

/// book.toml's tables and their keys, as the unknown-key hint lists them.
const KNOWN_TABLES: &str = "[book] title, authors, description, language, src; \
     [output.html] site-url, git-repository-url, edit-url-template, cname, \
     additional-css, additional-js; \
     [language.CODE] name, title, description, strings, strings-file, \
     transliterate (from, table, keep); \
     [kind.ID] icon, label; [[era]] id, start, end, label; \
     [render] allow-html, code-theme-light, code-theme-dark, apostrophe-check, \
     docs-require-translation, timeline-limit, page-size, sitemap-max-urls";

/// Every key name of `KNOWN_TABLES`, for "did you mean".
const KNOWN_KEYS: &[&str] = &[
    "title",
    "authors",
    "description",
    "language",
    "src",
    "site-url",
    "git-repository-url",
    "edit-url-template",
    "cname",
    "additional-css",
    "additional-js",
    "name",
    "strings",
    "strings-file",
    "transliterate",
    "from",
    "table",
    "keep",
    "icon",
    "label",
    "id",
    "start",
    "end",
    "allow-html",
    "code-theme-light",
    "code-theme-dark",
    "apostrophe-check",
    "docs-require-translation",
    "timeline-limit",
    "page-size",
    "sitemap-max-urls",
];

fn from_raw(
    root: &Path,
    path: &Path,
    text: &str,
    mut raw: RawConfig,
    diagnostics: &Diagnostics,
) -> Option<Config> {
    let languages = languages::resolve(root, path, text, &raw, diagnostics)?;
    let mut kinds = parse_kinds(path, text, &raw.kind, diagnostics);
    let mut eras = parse_eras(path, text, &raw.era, diagnostics);
    transliteration::fill_labels(&languages, &mut kinds, &mut eras);
    check_labels(path, text, &kinds, &languages, diagnostics);
    urls::check(path, text, &raw.output.html, diagnostics)?;
    code_themes::check(path, text, &mut raw.render, diagnostics);
    let html = &raw.output.html;
    let additional_css = assets::resolve(
        root,
        path,
        text,
        "additional-css",
        "css",
        &html.additional_css,
        diagnostics,
    );
    let additional_js = assets::resolve(
        root,
        path,
        text,
        "additional-js",
        "js",
        &html.additional_js,
        diagnostics,
    );
    let site_url = raw.output.html.site_url.map(|u| normalise_site_url(&u));
    Some(Config {
        root: root.to_path_buf(),
        title: raw.book.title.unwrap_or_else(|| languages[0].title.clone()),
        authors: raw.book.authors,
        description: raw.book.description.unwrap_or_default(),
        content_dir: raw.book.src.unwrap_or_else(|| PathBuf::from("content")),
        site_url,
        git_repository_url: raw.output.html.git_repository_url,
        edit_url_template: raw.output.html.edit_url_template,
        cname: raw.output.html.cname,
        additional_css,
        additional_js,
        kinds,
        eras,
        render: RenderOptions {
            allow_html: raw.render.allow_html,
            code_theme_light: raw.render.code_theme_light,
            code_theme_dark: raw.render.code_theme_dark,
            apostrophe_check: raw
                .render
                .apostrophe_check
                .unwrap_or_else(|| vec!["uz".into()]),
            docs_require_translation: raw.render.docs_require_translation,
            timeline_limit: raw.render.timeline_limit,
            // A page holds at least one event.
            page_size: raw.render.page_size.max(1),
            sitemap_max_urls: raw.render.sitemap_max_urls.max(1),
        },
        languages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn parse_str(text: &str) -> (Option<Config>, Vec<Diagnostic>) {
        let diagnostics = Diagnostics::new();
        let config = parse(
            Path::new("/site"),
            Path::new("/site/book.toml"),
            text,
            &diagnostics,
        );
        (config, diagnostics.sorted())
    }

    #[test]
    fn default_language_comes_first() {
        let (config, diags) =
            parse_str("[book]\ntitle = \"T\"\nlanguage = \"uz\"\n[language.en]\n[language.uz]\n");
        assert!(diags.is_empty(), "{diags:?}");
        let codes: Vec<_> = config
            .unwrap()
            .languages
            .iter()
            .map(|l| l.code.clone())
            .collect();
        assert_eq!(codes, ["uz", "en"]);
    }

    #[test]
    fn unknown_key_is_a_warning_with_its_line() {
        let (config, diags) = parse_str("[book]\ntitle = \"T\"\ntitel = \"x\"\n");
        assert!(config.is_some());
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, 3);
        assert!(
            diags[0].message.contains("book.titel"),
            "{}",
            diags[0].message
        );
        assert!(!diags[0].is_error());
    }

    #[test]
    fn wrong_type_is_an_error_with_its_line() {
        let (config, diags) = parse_str("[book]\ntitle = \"T\"\nauthors = \"me\"\n");
        assert!(config.is_none());
        assert!(diags[0].is_error());
        assert_eq!(diags[0].line, 3);
    }

    #[test]
    fn syntax_error_has_a_position() {
        let (config, diags) = parse_str("[book\ntitle = 1\n");
        assert!(config.is_none());
        assert_eq!(diags[0].line, 1);
    }

    #[test]
    fn unknown_default_language_is_an_error() {
        let (config, diags) = parse_str("[book]\nlanguage = \"ru\"\n[language.uz]\n");
        assert!(config.is_none());
        assert!(diags[0].message.contains("`ru`"));
    }
}
