//! book.toml → `Config`: defaults, validation, unknown-key warnings.
//!
//! mdBook-compatible where the keys overlap (`[book]`, `[output.html]`), plus
//! Yilnoma's own tables for languages, event kinds, eras and rendering. Reads
//! only book.toml (and interface-string files it names); returns the config
//! and diagnostics, never stops at the first problem it can recover from.

use crate::diag::{Diagnostic, Diagnostics};
use crate::theme;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "book.toml";

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
    /// (`output::sitemap` takes at most the protocol's 50,000).
    pub sitemap_max_urls: usize,
}

impl Config {
    pub fn default_language(&self) -> &Language {
        // `load` refuses a config without languages, so there is always one.
        &self.languages[0]
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

#[derive(Deserialize, Default)]
struct RawConfig {
    #[serde(default)]
    book: RawBook,
    #[serde(default)]
    output: RawOutput,
    #[serde(default)]
    language: BTreeMap<String, RawLanguage>,
    #[serde(default)]
    kind: toml::Table,
    #[serde(default)]
    era: Vec<RawEra>,
    #[serde(default)]
    render: RawRender,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
struct RawBook {
    title: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    description: Option<String>,
    language: Option<String>,
    src: Option<PathBuf>,
}

#[derive(Deserialize, Default)]
struct RawOutput {
    #[serde(default)]
    html: RawHtml,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
struct RawHtml {
    site_url: Option<String>,
    git_repository_url: Option<String>,
    edit_url_template: Option<String>,
    cname: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
struct RawLanguage {
    name: Option<String>,
    title: Option<String>,
    description: Option<String>,
    /// A TOML file of strings, relative to the site root.
    strings_file: Option<PathBuf>,
    #[serde(default)]
    strings: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct RawKind {
    #[serde(default)]
    icon: String,
    #[serde(default)]
    label: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct RawEra {
    id: String,
    start: String,
    end: Option<String>,
    #[serde(default)]
    label: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawRender {
    #[serde(default)]
    allow_html: bool,
    #[serde(default = "default_light_theme")]
    code_theme_light: String,
    #[serde(default = "default_dark_theme")]
    code_theme_dark: String,
    apostrophe_check: Option<Vec<String>>,
    #[serde(default)]
    docs_require_translation: bool,
    #[serde(default = "default_timeline_limit")]
    timeline_limit: usize,
    #[serde(default = "default_page_size")]
    page_size: usize,
    #[serde(default = "default_sitemap_max_urls")]
    sitemap_max_urls: usize,
}

/// The sitemap protocol's limit; `output::sitemap` clamps to it.
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

fn default_light_theme() -> String {
    "InspiredGitHub".into()
}

fn default_dark_theme() -> String {
    "base16-ocean.dark".into()
}

/// Reads `root/book.toml`. Returns `None` when it cannot be used at all;
/// every problem found is in `diagnostics`.
pub fn load(root: &Path, diagnostics: &Diagnostics) -> Option<Config> {
    let path = root.join(CONFIG_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(&path, format!("cannot read the site configuration: {e}"))
                    .hint("run yilnoma in the folder that holds book.toml, or pass `--root DIR`"),
            );
            return None;
        }
    };
    parse(root, &path, &text, diagnostics)
}

/// Parses book.toml text; `path` names it in diagnostics.
pub fn parse(root: &Path, path: &Path, text: &str, diagnostics: &Diagnostics) -> Option<Config> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut unknown = Vec::new();
    let deserializer = match toml::Deserializer::parse(text) {
        Ok(d) => d,
        Err(e) => {
            diagnostics.push(toml_error(path, text, &e));
            return None;
        }
    };
    let raw: RawConfig =
        match serde_ignored::deserialize(deserializer, |p| unknown.push(p.to_string())) {
            Ok(raw) => raw,
            Err(e) => {
                diagnostics.push(toml_error(path, text, &e));
                return None;
            }
        };
    for key in unknown {
        let last = key.rsplit('.').next().unwrap_or(&key);
        let (line, column) = find_key(text, last);
        diagnostics.push(
            Diagnostic::warning(path, format!("unknown key `{key}` in book.toml"))
                .at(line, column)
                .hint(
                    "known tables: [book] title, authors, description, language, src; \
                     [output.html] site-url, git-repository-url, edit-url-template, cname; \
                     [language.CODE] name, title, description, strings, strings-file; \
                     [kind.ID] icon, label; [[era]] id, start, end, label; \
                     [render] allow-html, code-theme-light, code-theme-dark, apostrophe-check, \
                     docs-require-translation, timeline-limit, page-size, sitemap-max-urls",
                ),
        );
    }
    from_raw(root, path, text, raw, diagnostics)
}

fn from_raw(
    root: &Path,
    path: &Path,
    text: &str,
    raw: RawConfig,
    diagnostics: &Diagnostics,
) -> Option<Config> {
    let mut codes: Vec<String> = raw.language.keys().cloned().collect();
    let default_code = raw
        .book
        .language
        .clone()
        .or_else(|| codes.first().cloned())
        .unwrap_or_else(|| "en".into());
    if codes.is_empty() {
        codes.push(default_code.clone());
    }
    if !codes.contains(&default_code) {
        let (line, column) = find_key(text, "language");
        diagnostics.push(
            Diagnostic::error(
                path,
                format!(
                    "default language `{default_code}` has no `[language.{default_code}]` table"
                ),
            )
            .at(line, column)
            .hint(format!("declared languages: {}", codes.join(", "))),
        );
        return None;
    }
    codes.retain(|c| c != &default_code);
    codes.insert(0, default_code);

    let mut languages = Vec::new();
    for code in &codes {
        let raw_language = raw.language.get(code);
        if let Err(message) = validate_language_code(code) {
            let (line, column) = find_key(text, &format!("language.{code}"));
            diagnostics.push(
                Diagnostic::error(path, message)
                    .at(line, column)
                    .hint("use the language's BCP 47 code in lowercase, such as `uz`, `en` or `ru`: it is the first folder of that language's pages"),
            );
            return None;
        }
        let theme_strings = theme::default_strings(code);
        let mut strings = theme_strings.clone();
        let mut own = BTreeMap::new();
        if let Some(file) = raw_language.and_then(|l| l.strings_file.as_ref()) {
            let file_path = root.join(file);
            let from_file = load_strings_file(&file_path, diagnostics);
            check_string_keys(code, &file_path, None, &from_file, diagnostics);
            own.extend(from_file);
        }
        if let Some(l) = raw_language {
            if !l.strings.is_empty() {
                let at = find_key(text, &format!("language.{code}.strings"));
                check_string_keys(code, path, Some(at), &l.strings, diagnostics);
            }
            own.extend(l.strings.clone());
        }
        if !theme::has_strings(code) {
            warn_missing_strings(code, path, text, &own, diagnostics);
        }
        strings.extend(own);
        let title = raw_language
            .and_then(|l| l.title.clone())
            .or_else(|| raw.book.title.clone())
            .unwrap_or_else(|| "Yilnoma".into());
        // A language the theme does not know starts from the English
        // strings; their `language_name` ("English") is not its name.
        let borrowed_name = !theme::has_strings(code)
            && strings.get("language_name") == theme_strings.get("language_name");
        languages.push(Language {
            code: code.clone(),
            name: raw_language
                .and_then(|l| l.name.clone())
                .or_else(|| {
                    strings
                        .get("language_name")
                        .filter(|_| !borrowed_name)
                        .cloned()
                })
                .unwrap_or_else(|| code.clone()),
            title,
            description: raw_language
                .and_then(|l| l.description.clone())
                .or_else(|| raw.book.description.clone())
                .unwrap_or_default(),
            strings,
        });
    }

    let kinds = parse_kinds(path, text, &raw.kind, diagnostics);
    let eras = parse_eras(path, text, &raw.era, diagnostics);
    for (key, value) in [
        ("site-url", &raw.output.html.site_url),
        ("git-repository-url", &raw.output.html.git_repository_url),
        ("edit-url-template", &raw.output.html.edit_url_template),
    ] {
        if let Some(scheme) = value.as_deref().and_then(script_scheme) {
            let (line, column) = find_key(text, key);
            diagnostics.push(
                Diagnostic::error(
                    path,
                    format!("`{key}` is a `{scheme}:` URL, which would run code in the reader's browser"),
                )
                .at(line, column)
                .hint("use a web address starting with https://"),
            );
            return None;
        }
    }
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

fn parse_kinds(
    path: &Path,
    text: &str,
    table: &toml::Table,
    diagnostics: &Diagnostics,
) -> Vec<Kind> {
    let mut kinds = Vec::new();
    for (id, value) in table {
        let (line, column) = find_key(text, &format!("kind.{id}"));
        // A kind id is a folder of the site (`kinds/ID/`): it must be a slug.
        if let Err(message) = crate::model::slug::validate(id) {
            diagnostics.push(
                Diagnostic::error(path, format!("kind id: {message}"))
                    .at(line, column)
                    .hint(format!(
                        "write the kind as `[kind.{}]`: its id becomes the page `kinds/ID/`",
                        crate::model::slug::suggest(id)
                    )),
            );
            continue;
        }
        match value.clone().try_into::<RawKind>() {
            Ok(raw) => kinds.push(Kind {
                id: id.clone(),
                icon: raw.icon,
                labels: raw.label,
            }),
            Err(e) => diagnostics.push(
                Diagnostic::error(path, format!("kind `{id}` is malformed: {}", e.message()))
                    .at(line, column)
                    .hint("write it as `[kind.ID]` with `icon = \"…\"` and `label = { uz = \"…\", en = \"…\" }`"),
            ),
        }
    }
    // Declaration order is lost by the TOML map; keep the text's order so the
    // theme lists kinds the way the site builder wrote them.
    kinds.sort_by_key(|k| find_key(text, &format!("kind.{}", k.id)));
    kinds
}

fn parse_eras(path: &Path, text: &str, raw: &[RawEra], diagnostics: &Diagnostics) -> Vec<Era> {
    use crate::model::date::PartialDate;
    let mut eras = Vec::new();
    for era in raw {
        let (line, column) = find_key(text, &era.id);
        let parse = |value: &str| {
            PartialDate::parse(value).map_err(|message| {
                diagnostics.push(
                    Diagnostic::error(path, format!("era `{}`: {message}", era.id))
                        .at(line, column)
                        .hint("era dates are written like event dates: `2016` or `2021-12`"),
                )
            })
        };
        let Ok(start) = parse(&era.start) else {
            continue;
        };
        let end = match era.end.as_deref().map(parse) {
            Some(Err(())) => continue,
            Some(Ok(end)) => Some(end),
            None => None,
        };
        if let Some(end) = end.filter(|end| end.last_day() < start.first_day()) {
            let (line, column) = era_key_line(text, &era.id, "end").unwrap_or((line, column));
            diagnostics.push(
                Diagnostic::error(
                    path,
                    crate::t!(
                        "era_ends_before_start",
                        id = era.id,
                        start = start,
                        end = end
                    ),
                )
                .at(line, column)
                .hint(crate::t!("era_ends_before_start_hint")),
            );
            continue;
        }
        eras.push(Era {
            id: era.id.clone(),
            start,
            end,
            labels: era.label.clone(),
        });
    }
    eras.sort_by_key(|e| e.start);
    eras
}

/// The line and column of `key` inside the `[[era]]` table whose `id` is
/// `id`: the first such key after the `id` line, before the next table.
fn era_key_line(text: &str, id: &str, key: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let names_id = |line: &str| {
        let Some((name, value)) = line.split_once('=') else {
            return false;
        };
        name.trim() == "id" && value.trim().trim_matches(['"', '\'']) == id
    };
    let table = lines.iter().position(|line| names_id(line))?;
    let start = lines[..table]
        .iter()
        .rposition(|line| line.trim_start().starts_with('['))
        .map_or(0, |i| i + 1);
    let end = lines[table..]
        .iter()
        .position(|line| line.trim_start().starts_with('['))
        .map_or(lines.len(), |i| table + i);
    (start..end).find_map(|index| {
        let line = lines[index];
        let trimmed = line.trim_start();
        let rest = trimmed.strip_prefix(key)?;
        rest.trim_start()
            .starts_with('=')
            .then(|| (index + 1, line.len() - trimmed.len() + 1))
    })
}

/// Keys a site's strings name that the theme does not know: typos, or
/// keys of another theme. They are ignored, so say so.
fn check_string_keys(
    code: &str,
    path: &Path,
    at: Option<(usize, usize)>,
    strings: &BTreeMap<String, String>,
    diagnostics: &Diagnostics,
) {
    let known = theme::string_keys();
    let unknown: Vec<&str> = strings
        .keys()
        .filter(|k| !known.contains(k) && !theme::is_optional_key(k))
        .map(String::as_str)
        .collect();
    if unknown.is_empty() {
        return;
    }
    let (line, column) = at.unwrap_or((1, 1));
    diagnostics.push(
        Diagnostic::warning(
            path,
            format!(
                "unknown interface-string keys for `{code}`: {}",
                backticked(&unknown)
            ),
        )
        .at(line, column)
        .hint("the theme does not use them; check their spelling against templates/i18n/en.toml"),
    );
}

/// A language the theme ships no strings for: every key the site does not
/// write falls back to English, which a reader sees on every page.
fn warn_missing_strings(
    code: &str,
    path: &Path,
    text: &str,
    own: &BTreeMap<String, String>,
    diagnostics: &Diagnostics,
) {
    let missing: Vec<String> = theme::string_keys()
        .into_iter()
        .filter(|k| !own.contains_key(k))
        .collect();
    if missing.is_empty() {
        return;
    }
    let (line, column) = find_key(text, &format!("language.{code}"));
    let shown: Vec<&str> = missing.iter().take(8).map(String::as_str).collect();
    let more = missing.len() - shown.len();
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    diagnostics.push(
        Diagnostic::warning(
            path,
            format!(
                "language `{code}` has no built-in interface strings and the site lacks {} of them: {}{more}; they fall back to English",
                missing.len(),
                backticked(&shown)
            ),
        )
        .at(line, column)
        .hint(format!(
            "copy templates/i18n/en.toml to a file of your site, translate it and name it with `strings-file` under `[language.{code}]`"
        )),
    );
}

fn backticked(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn load_strings_file(path: &Path, diagnostics: &Diagnostics) -> BTreeMap<String, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(path, format!("cannot read interface strings: {e}"))
                    .hint("check `strings-file` in book.toml: it is relative to the site root"),
            );
            return BTreeMap::new();
        }
    };
    match toml::from_str(&text) {
        Ok(strings) => strings,
        Err(e) => {
            diagnostics.push(toml_error(path, &text, &e));
            BTreeMap::new()
        }
    }
}

/// Whether `code` can name a language: the first folder of its pages.
pub fn validate_language_code(code: &str) -> Result<(), String> {
    let ok =
        (2..=8).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
    if ok && crate::model::routes::RESERVED_SLUGS.contains(&code) {
        Err(format!(
            "language code `{code}` is a folder the site uses itself (`{code}/`)"
        ))
    } else if ok && crate::model::slug::validate(code).is_ok() {
        Ok(())
    } else {
        Err(format!(
            "language code `{code}` should be a lowercase BCP 47 code such as `uz` or `en`"
        ))
    }
}

/// `javascript`, `data` or `vbscript` when `url` uses one of those schemes
/// (in any case, with any whitespace or control characters mixed in, as
/// browsers accept them).
fn script_scheme(url: &str) -> Option<&'static str> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript", "data", "vbscript"]
        .into_iter()
        .find(|scheme| cleaned.starts_with(&format!("{scheme}:")))
}

/// `https://x.io/repo` → `https://x.io/repo/`: one trailing slash, always.
pub fn normalise_site_url(url: &str) -> String {
    format!("{}/", url.trim().trim_end_matches('/'))
}

fn toml_error(path: &Path, text: &str, error: &toml::de::Error) -> Diagnostic {
    let (line, column) = error
        .span()
        .map(|span| line_column(text, span.start))
        .unwrap_or((1, 1));
    let message = error.message().trim().replace('\n', " ");
    Diagnostic::error(path, format!("invalid book.toml: {message}"))
        .at(line, column)
        .hint("see the book.toml reference in the docs section (docs/book-toml)")
}

/// 1-based line and column of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Where a key (or `table.key` header) is written, for warnings about it.
fn find_key(text: &str, key: &str) -> (usize, usize) {
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        // `[kind."a b"]` is the table `kind.a b`: compare without the quotes.
        let header = trimmed
            .trim_start_matches('[')
            .trim_end_matches(']')
            .replace('"', "");
        let starts_key = trimmed
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if starts_key || header == key {
            return (index + 1, line.len() - trimmed.len() + 1);
        }
    }
    (1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> (Option<Config>, Vec<Diagnostic>) {
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

    #[test]
    fn language_unknown_to_the_theme_is_not_named_english() {
        let (config, _) = parse_str(
            "[book]\nlanguage = \"en\"\n[language.en]\n[language.it]\n[language.sq.strings]\nlanguage_name = \"Shqip\"\n",
        );
        let names: Vec<_> = config
            .unwrap()
            .languages
            .iter()
            .map(|l| l.name.clone())
            .collect();
        assert_eq!(names, ["English", "it", "Shqip"]);
    }

    #[test]
    fn language_without_strings_is_a_warning_naming_the_fallback() {
        let (config, diags) =
            parse_str("[book]\nlanguage = \"fr\"\n[language.fr]\n[language.it]\n");
        assert!(config.is_some());
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].line, 4);
        assert!(!diags[0].is_error());
        assert!(diags[0].message.contains("`it`"), "{}", diags[0].message);
        assert!(
            diags[0].message.contains("`all_events`"),
            "{}",
            diags[0].message
        );
        assert!(
            diags[0].message.contains("fall back to English"),
            "{}",
            diags[0].message
        );
        assert!(diags[0]
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("strings-file"));
    }

    #[test]
    fn unknown_string_keys_are_named() {
        let (_, diags) = parse_str(
            "[book]\nlanguage = \"de\"\n[language.de.strings]\ntimline = \"Chronik\"\nmonth_standalone_1 = \"Januar\"\n",
        );
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(
            diags[0].message.contains("`timline`"),
            "{}",
            diags[0].message
        );
        assert!(!diags[0].message.contains("month_standalone_1"));
    }

    #[test]
    fn script_urls_are_refused() {
        let (config, diags) =
            parse_str("[output.html]\nedit-url-template = \" Java\tScript:alert(1)//{path}\"\n");
        assert!(config.is_none());
        assert_eq!(diags[0].line, 2);
        assert!(
            diags[0].message.contains("`javascript:`"),
            "{}",
            diags[0].message
        );
        let (config, _) = parse_str("[output.html]\nsite-url = \"https://x.io/repo\"\n");
        assert!(config.is_some());
    }

    #[test]
    fn kinds_keep_declaration_order() {
        let (config, _) = parse_str(
            "[kind.visit]\nlabel = { en = \"Visit\" }\n[kind.agreement]\nlabel = { en = \"Agreement\" }\n",
        );
        let ids: Vec<_> = config.unwrap().kinds.iter().map(|k| k.id.clone()).collect();
        assert_eq!(ids, ["visit", "agreement"]);
    }
}
