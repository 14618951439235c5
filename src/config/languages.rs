//! `[language.CODE]` tables → `Language`s: the default language first,
//! each with the theme's interface strings overridden by the site's
//! (`strings`, `strings-file`), and warnings for keys the theme does not
//! know or lacks.

use super::plural_forms;
use super::position::{find_key, find_key_in_table, toml_error};
use super::raw::RawConfig;
use super::Language;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::plural;
use crate::theme;
use std::collections::BTreeMap;
use std::path::Path;

/// The site's languages, the default first, then the others in code
/// order; `None` when they cannot be used (the error is reported).
pub(super) fn resolve(
    root: &Path,
    path: &Path,
    text: &str,
    raw: &RawConfig,
    diagnostics: &Diagnostics,
) -> Option<Vec<Language>> {
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
                    .hint("use the language's BCP 47 code, such as `uz`, `en`, `ru` or `uz-Cyrl` (a script subtag starts with a capital): in lowercase it is the first folder of that language's pages"),
            );
            return None;
        }
        let theme_strings = theme::default_strings(code);
        let mut strings = theme_strings.clone();
        let mut own = BTreeMap::new();
        let mut sources = Vec::new();
        if let Some(file) = raw_language.and_then(|l| l.strings_file.as_ref()) {
            let file_path = root.join(file);
            let at = find_key_in_table(text, &format!("language.{code}"), "strings-file");
            if let Some(file_text) = read_strings_file(root, &file_path, path, at, diagnostics) {
                let from_file = parse_strings_file(&file_path, &file_text, diagnostics);
                check_string_keys(code, &file_path, None, &from_file, diagnostics);
                own.extend(from_file.clone());
                sources.push(plural_forms::Source {
                    path: file_path,
                    text: file_text,
                    strings: from_file,
                });
            }
        }
        if let Some(l) = raw_language {
            if !l.strings.is_empty() {
                let at = find_key(text, &format!("language.{code}.strings"));
                check_string_keys(code, path, Some(at), &l.strings, diagnostics);
                sources.push(plural_forms::Source {
                    path: path.to_path_buf(),
                    text: text.to_string(),
                    strings: l.strings.clone(),
                });
            }
            own.extend(l.strings.clone());
        }
        if !theme::has_strings(code) {
            warn_missing_strings(code, path, text, &own, diagnostics);
            drop_borrowed_english(&mut strings, &own);
        }
        strings.extend(own);
        plural_forms::warn_missing(code, &strings, &sources, diagnostics);
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
            transliterate: None,
        });
    }
    if !distinct_folders(path, text, &languages, diagnostics) {
        return None;
    }
    let raw_transliterate = |code: &str| {
        raw.language
            .get(code)
            .and_then(|l| l.transliterate.as_ref())
    };
    let ok = super::transliteration::resolve_all(
        root,
        path,
        text,
        &mut languages,
        raw_transliterate,
        diagnostics,
    );
    ok.then_some(languages)
}

/// A language without built-in strings starts from English's; drop the
/// English strings that would mix into the language's own: its date
/// patterns when the site writes no `date_day` (its dates then come from
/// CLDR), and English's plural forms of every key the site writes forms
/// of (English's `_one` is no Polish form).
fn drop_borrowed_english(strings: &mut BTreeMap<String, String>, own: &BTreeMap<String, String>) {
    let writes_dates = own.contains_key("date_day");
    let written_plurals: Vec<&str> = own
        .keys()
        .filter_map(|k| plural::split_form(k).map(|(base, _)| base))
        .collect();
    strings.retain(|key, _| {
        let borrowed_date = !writes_dates && theme::is_date_key(key);
        let borrowed_form =
            plural::split_form(key).is_some_and(|(base, _)| written_plurals.contains(&base));
        !borrowed_date && !borrowed_form
    });
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
    // CLDR supplies dates and month names (`render::cldr_dates`).
    let missing: Vec<String> = theme::string_keys()
        .into_iter()
        .filter(|k| !own.contains_key(k) && !theme::is_date_key(k))
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

/// The text of a `strings-file`, read only when it is a regular file
/// inside the site: its strings are shown on every page, so a path to
/// `/etc/…` would publish that file, and a pipe or device would hang the
/// build. Refusals are errors at the key's line `at` in book.toml (`book`).
fn read_strings_file(
    root: &Path,
    file: &Path,
    book: &Path,
    at: (usize, usize),
    diagnostics: &Diagnostics,
) -> Option<String> {
    let shown = crate::model::path_text::escaped(file.strip_prefix(root).unwrap_or(file));
    if file.exists() && !crate::fs::is_inside(root, file) {
        diagnostics.push(
            Diagnostic::error(book, crate::t!("strings_file_outside", file = shown))
                .at(at.0, at.1)
                .hint(crate::t!("strings_file_outside_hint")),
        );
        return None;
    }
    match crate::fs::read_regular_text(file, super::MAX_SETTINGS_BYTES) {
        Ok(text) => Some(text),
        Err(refused) => {
            let diagnostic = super::unreadable_settings(book, &shown, refused);
            diagnostics.push(diagnostic.at(at.0, at.1));
            None
        }
    }
}

fn parse_strings_file(
    path: &Path,
    text: &str,
    diagnostics: &Diagnostics,
) -> BTreeMap<String, String> {
    match crate::contain::contain(|| toml::from_str(text)) {
        Ok(Ok(strings)) => strings,
        Ok(Err(e)) => {
            diagnostics.push(toml_error(path, text, &e));
            BTreeMap::new()
        }
        Err(panic) => {
            diagnostics.push(super::toml_panicked(path, panic));
            BTreeMap::new()
        }
    }
}

/// Two codes that differ only in case would share a folder (`uz-Cyrl`,
/// `uz-cyrl`): an error at the second.
fn distinct_folders(
    path: &Path,
    text: &str,
    languages: &[Language],
    diagnostics: &Diagnostics,
) -> bool {
    for (i, language) in languages.iter().enumerate() {
        if let Some(first) = languages[..i]
            .iter()
            .find(|l| l.folder() == language.folder())
        {
            let (line, column) = find_key(text, &format!("language.{}", language.code));
            diagnostics.push(
                Diagnostic::error(
                    path,
                    format!(
                        "languages `{}` and `{}` would share the folder `{}/`",
                        first.code,
                        language.code,
                        language.folder()
                    ),
                )
                .at(line, column)
                .hint("declare each language once; codes are compared without regard to case"),
            );
            return false;
        }
    }
    true
}

/// Whether `code` can name a language: a BCP 47 code whose language
/// subtag is lowercase (`uz`, `uz-Cyrl`, `pt-BR`); in lowercase it is the
/// first folder of its pages.
pub fn validate_language_code(code: &str) -> Result<(), String> {
    let folder = code.to_ascii_lowercase();
    let primary = code.split('-').next().unwrap_or("");
    let ok = (2..=16).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-')
        && !primary.is_empty()
        && primary.bytes().all(|b| b.is_ascii_lowercase());
    if ok && crate::model::routes::RESERVED_SLUGS.contains(&folder.as_str()) {
        Err(format!(
            "language code `{code}` is a folder the site uses itself (`{folder}/`)"
        ))
    } else if ok && crate::model::slug::validate(&folder).is_ok() {
        Ok(())
    } else {
        Err(format!(
            "language code `{code}` should be a lowercase BCP 47 code such as `uz` or `en` (a script subtag is written `uz-Cyrl`)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::config::tests::parse_str;

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
    fn codes_may_carry_a_script_subtag_and_fold_to_one_folder() {
        use super::validate_language_code as valid;
        assert!(valid("uz-Cyrl").is_ok());
        assert!(valid("pt-BR").is_ok());
        assert!(valid("EN").is_err());
        assert!(valid("Uz-Cyrl").is_err());
        assert!(valid("uz_Cyrl").is_err());
        assert!(valid("Tags").is_err());
        let (config, diags) = parse_str(
            "[book]\nlanguage = \"uz\"\n[language.uz]\n[language.uz-Cyrl]\n[language.uz-cyrl]\n",
        );
        assert!(config.is_none());
        assert!(
            diags[0]
                .message
                .contains("would share the folder `uz-cyrl/`"),
            "{diags:?}"
        );
    }

    #[test]
    fn a_transliterated_language_gets_its_labels_from_the_source() {
        let (config, diags) = parse_str(
            "[book]\nlanguage = \"uz\"\n[language.uz]\n[language.uz-Cyrl.transliterate]\nfrom = \"uz\"\n\
             [kind.visit]\nlabel = { uz = \"Tashrif\" }\n[kind.treaty]\nlabel = { uz = \"Shartnoma\", uz-Cyrl = \"Битим\" }\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let config = config.unwrap();
        let label = |kind: &str| config.kind(kind).unwrap().labels["uz-Cyrl"].clone();
        assert_eq!(label("visit"), "Ташриф");
        assert_eq!(label("treaty"), "Битим");
        assert_eq!(config.languages[1].folder(), "uz-cyrl");
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
}
