//! The shapes book.toml deserialises into, with their defaults: what the
//! file may say, before `config` checks it. No validation here.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Deserialize, Default)]
pub(super) struct RawConfig {
    #[serde(default)]
    pub(super) book: RawBook,
    #[serde(default)]
    pub(super) output: RawOutput,
    #[serde(default)]
    pub(super) language: BTreeMap<String, RawLanguage>,
    #[serde(default)]
    pub(super) kind: toml::Table,
    #[serde(default)]
    pub(super) era: Vec<RawEra>,
    #[serde(default)]
    pub(super) render: RawRender,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub(super) struct RawBook {
    pub(super) title: Option<String>,
    #[serde(default)]
    pub(super) authors: Vec<String>,
    pub(super) description: Option<String>,
    pub(super) language: Option<String>,
    pub(super) src: Option<PathBuf>,
}

#[derive(Deserialize, Default)]
pub(super) struct RawOutput {
    #[serde(default)]
    pub(super) html: RawHtml,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub(super) struct RawHtml {
    pub(super) site_url: Option<String>,
    pub(super) git_repository_url: Option<String>,
    pub(super) edit_url_template: Option<String>,
    pub(super) cname: Option<String>,
    /// Site stylesheets after the theme's (`config::assets`).
    #[serde(default)]
    pub(super) additional_css: Vec<String>,
    /// Site scripts after the theme's.
    #[serde(default)]
    pub(super) additional_js: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub(super) struct RawLanguage {
    pub(super) name: Option<String>,
    pub(super) title: Option<String>,
    pub(super) description: Option<String>,
    /// A TOML file of strings, relative to the site root.
    pub(super) strings_file: Option<PathBuf>,
    #[serde(default)]
    pub(super) strings: BTreeMap<String, String>,
    /// This language's text is made from another language's by a
    /// transliteration table (`[language.uz-Cyrl.transliterate]`).
    pub(super) transliterate: Option<RawTransliterate>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct RawTransliterate {
    /// The language whose text is transliterated.
    pub(super) from: String,
    /// A table file relative to the site root; optional for a built-in pair.
    pub(super) table: Option<PathBuf>,
    /// Words left exactly as written, besides the table's own `keep`.
    #[serde(default)]
    pub(super) keep: Vec<String>,
}

#[derive(Deserialize)]
pub(super) struct RawKind {
    #[serde(default)]
    pub(super) icon: String,
    #[serde(default)]
    pub(super) label: BTreeMap<String, String>,
}

#[derive(Deserialize)]
pub(super) struct RawEra {
    pub(super) id: String,
    pub(super) start: String,
    pub(super) end: Option<String>,
    #[serde(default)]
    pub(super) label: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct RawRender {
    #[serde(default)]
    pub(super) allow_html: bool,
    #[serde(default = "default_light_theme")]
    pub(super) code_theme_light: String,
    #[serde(default = "default_dark_theme")]
    pub(super) code_theme_dark: String,
    pub(super) apostrophe_check: Option<Vec<String>>,
    #[serde(default)]
    pub(super) docs_require_translation: bool,
    #[serde(default = "default_timeline_limit")]
    pub(super) timeline_limit: usize,
    #[serde(default = "default_page_size")]
    pub(super) page_size: usize,
    #[serde(default = "default_sitemap_max_urls")]
    pub(super) sitemap_max_urls: usize,
}

/// The sitemap protocol's limit; `render::files::sitemap` clamps to it.
fn default_sitemap_max_urls() -> usize {
    50_000
}

fn default_timeline_limit() -> usize {
    500
}

fn default_page_size() -> usize {
    100
}

impl Default for RawRender {
    fn default() -> Self {
        Self {
            allow_html: false,
            code_theme_light: default_light_theme(),
            code_theme_dark: default_dark_theme(),
            apostrophe_check: None,
            docs_require_translation: false,
            timeline_limit: default_timeline_limit(),
            page_size: default_page_size(),
            sitemap_max_urls: default_sitemap_max_urls(),
        }
    }
}

pub(super) fn default_light_theme() -> String {
    "InspiredGitHub".into()
}

pub(super) fn default_dark_theme() -> String {
    "base16-ocean.dark".into()
}
