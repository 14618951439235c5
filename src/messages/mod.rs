//! The message catalogue: every diagnostic, hint and overlay string in each
//! language the tool speaks, and the choice of that language.
//!
//! A message is a `Text`: a catalogue key and its named arguments, written
//! with the `t!` macro (`t!("unknown_kind", kind = raw.kind)`). It keeps its
//! English form (what tests, sorting and logs see) and is rendered into the
//! editor's language only when shown. The catalogues are TOML files beside
//! this one, one per language, with `{name}` placeholders, the same shape as
//! the theme's interface strings: another language is one more file and one
//! line in `CATALOGUES`. A key missing from a language falls back to English.
//! Pure: no I/O, the environment is passed in.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Built-in catalogues: language code → TOML text. English first: it is the
/// fallback for a missing key and for a language without a catalogue.
const CATALOGUES: &[(&str, &str)] = &[
    ("en", include_str!("en.toml")),
    ("uz", include_str!("uz.toml")),
];

/// The language messages are shown in when nothing else says.
pub const DEFAULT_LANGUAGE: &str = "en";

type Catalogue = BTreeMap<String, String>;

fn catalogues() -> &'static BTreeMap<&'static str, Catalogue> {
    static PARSED: OnceLock<BTreeMap<&'static str, Catalogue>> = OnceLock::new();
    PARSED.get_or_init(|| {
        CATALOGUES
            .iter()
            // The built-in files are tested below; a broken one is a bug in Yilnoma.
            .map(|(code, text)| (*code, toml::from_str(text).unwrap_or_default()))
            .collect()
    })
}

/// The languages that have a catalogue, English first.
pub fn languages() -> Vec<&'static str> {
    CATALOGUES.iter().map(|(code, _)| *code).collect()
}

/// The catalogue's pattern for `key` in `lang`, else in English.
fn pattern(lang: &str, key: &str) -> Option<&'static str> {
    let all = catalogues();
    all.get(lang)
        .and_then(|c| c.get(key))
        .or_else(|| all.get(DEFAULT_LANGUAGE).and_then(|c| c.get(key)))
        .map(String::as_str)
}

/// `{name}` placeholders replaced by their values, in one pass (a value
/// holding `{x}` is never expanded again).
fn fill(pattern: &str, args: &[(&'static str, String)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}');
        let value = close.and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (v, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The message `stem` for `count` in `lang`, by the language's CLDR plural
/// category: the catalogue key `{stem}_{category}` (`count_errors_one`),
/// else `{stem}_other`, with `{count}` filled in. English where `lang`
/// lacks the key.
pub fn plural(stem: &str, lang: &str, count: usize) -> String {
    let all = catalogues();
    let in_language = |code: &str| {
        let catalogue = all.get(code);
        crate::model::plural::pick(
            |key| catalogue.and_then(|c| c.get(key)).map(String::as_str),
            stem,
            code,
            count as u64,
        )
    };
    let pattern = in_language(lang)
        .or_else(|| in_language(DEFAULT_LANGUAGE))
        .unwrap_or(stem);
    fill(pattern, &[("count", count.to_string())])
}

/// A catalogue key, its named arguments, and the placeholders filled by
/// other messages (`Text::with`), which follow the whole message's language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Keyed {
    key: &'static str,
    args: Vec<(&'static str, String)>,
    parts: Vec<(&'static str, Text)>,
}

impl Keyed {
    /// The arguments with every part rendered in `lang`.
    fn filled(&self, pattern: &str, lang: &str) -> String {
        let mut args = self.args.clone();
        args.extend(self.parts.iter().map(|(n, t)| (*n, t.in_language(lang))));
        fill(pattern, &args)
    }
}

/// One message: a catalogue key with its arguments, or plain text that is
/// the same in every language (a dependency's own error, a path).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text {
    english: String,
    /// The catalogue key and arguments; boxed so a `Diagnostic` stays small.
    source: Option<Box<Keyed>>,
}

impl Text {
    /// The catalogue message `key` with `args`; see the `t!` macro.
    pub fn new(key: &'static str, args: Vec<(&'static str, String)>) -> Self {
        let english = match pattern(DEFAULT_LANGUAGE, key) {
            Some(pattern) => fill(pattern, &args),
            // A key missing from the catalogue is a bug the catalogue test
            // catches; until then the key itself is better than nothing.
            None => key.to_string(),
        };
        Self {
            english,
            source: Some(Box::new(Keyed {
                key,
                args,
                parts: Vec::new(),
            })),
        }
    }

    /// Fills the placeholder `name` with another catalogue message, shown in
    /// the language of this one (`takes {takes}` with "a list" / "ro‘yxat"):
    /// one key per part instead of one per combination. Plain text is left
    /// as it is.
    pub fn with(mut self, name: &'static str, part: Text) -> Self {
        if let Some(source) = self.source.as_deref_mut() {
            source.parts.push((name, part));
            if let Some(pattern) = pattern(DEFAULT_LANGUAGE, source.key) {
                self.english = source.filled(pattern, DEFAULT_LANGUAGE);
            }
        }
        self
    }

    /// Text shown as it is in every language.
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            english: text.into(),
            source: None,
        }
    }

    /// The catalogue key (`None` for plain text): what `--format json` reports as `code`.
    pub fn key(&self) -> Option<&'static str> {
        self.source.as_ref().map(|s| s.key)
    }

    /// The value of one argument, e.g. the `kind` of an unknown kind.
    pub fn arg(&self, name: &str) -> Option<&str> {
        self.source
            .as_ref()?
            .args
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The message in `lang` (English when that language lacks it).
    pub fn in_language(&self, lang: &str) -> String {
        let Some(source) = self.source.as_deref() else {
            return self.english.clone();
        };
        match pattern(lang, source.key) {
            Some(pattern) if lang != DEFAULT_LANGUAGE => source.filled(pattern, lang),
            _ => self.english.clone(),
        }
    }

    /// The English text.
    pub fn as_str(&self) -> &str {
        &self.english
    }
}

/// Reads as its English text, so `diagnostic.message.contains("…")` keeps
/// working in tests and in code that only logs.
impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.english
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.english)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text::plain(text)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text::plain(text)
    }
}

impl From<&String> for Text {
    fn from(text: &String) -> Self {
        Text::plain(text.clone())
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.english)
    }
}

/// A catalogue message: `t!("key", name = value, …)`; values are anything `Display`.
#[macro_export]
macro_rules! t {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::Text::new(
            $key,
            vec![$((stringify!($name), ($value).to_string())),*],
        )
    };
}

/// The language to show messages in: `--messages-lang` when given (it must
/// have a catalogue, else the error lists those that do), else the locale
/// of `LC_ALL`, `LC_MESSAGES` or `LANG` (the first set, as POSIX orders
/// them; `uz_UZ.UTF-8` → `uz`), else English. `env` reads a variable.
pub fn choose(
    flag: Option<&str>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<&'static str, String> {
    if let Some(flag) = flag {
        let wanted = locale_language(flag);
        return languages()
            .into_iter()
            .find(|code| *code == wanted)
            .ok_or_else(|| {
                format!(
                    "no messages in `{flag}`; available: {}",
                    languages().join(", ")
                )
            });
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .find_map(|name| env(name).filter(|v| !v.trim().is_empty()));
    let Some(locale) = locale else {
        return Ok(DEFAULT_LANGUAGE);
    };
    let wanted = locale_language(&locale);
    Ok(languages()
        .into_iter()
        .find(|code| *code == wanted)
        .unwrap_or(DEFAULT_LANGUAGE))
}

/// `uz_UZ.UTF-8@latin` / `uz-Latn-UZ` / `UZ` → `uz`.
fn locale_language(locale: &str) -> String {
    locale
        .split(['_', '-', '.', '@'])
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(pattern: &str) -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close)
                    if after[..close]
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_') =>
                {
                    names.insert(after[..close].to_string());
                    rest = &after[close + 1..];
                }
                _ => rest = after,
            }
        }
        names
    }

    #[test]
    fn every_catalogue_parses_and_has_the_english_keys_and_placeholders() {
        for (code, text) in CATALOGUES {
            let parsed: Result<Catalogue, _> = toml::from_str(text);
            assert!(parsed.is_ok(), "{code}: {parsed:?}");
        }
        let english = &catalogues()[DEFAULT_LANGUAGE];
        for (code, catalogue) in catalogues() {
            let keys: Vec<_> = catalogue.keys().collect();
            let expected: Vec<_> = english.keys().collect();
            assert_eq!(keys, expected, "`{code}` has the same keys as `en`");
            for (key, pattern) in catalogue {
                assert_eq!(
                    placeholders(pattern),
                    placeholders(&english[key]),
                    "`{code}` `{key}` uses the same placeholders as `en`"
                );
            }
        }
    }

    /// Every `t!("key"` in the source has a catalogue entry, and every entry is used.
    #[test]
    fn the_catalogue_covers_exactly_the_keys_the_code_uses() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut used = BTreeSet::new();
        for entry in walkdir::WalkDir::new(&src) {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                for (at, _) in text.match_indices("t!(") {
                    // `format!("` ends the same way: the macro stands alone.
                    let before = text[..at].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    // rustfmt may put the key on the next line.
                    let Some(rest) = text[at + 3..].trim_start().strip_prefix('"') else {
                        continue;
                    };
                    let key = rest.split_once('"').map_or("", |(key, _)| key);
                    if !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                        used.insert(key.to_string());
                    }
                }
                // `plural("stem", …)` uses every `stem_<category>` key.
                for (at, _) in text.match_indices("plural(\"") {
                    let rest = &text[at + "plural(\"".len()..];
                    let stem = rest.split_once('"').map_or("", |(stem, _)| stem);
                    for category in ["zero", "one", "two", "few", "many", "other"] {
                        used.insert(format!("{stem}_{category}"));
                    }
                }
            }
        }
        // Keys used by the macro's own doc comment and the tests below.
        used.remove("key");
        let known: BTreeSet<String> = catalogues()[DEFAULT_LANGUAGE].keys().cloned().collect();
        // Plural keys a language may lack (English has no `few`).
        used.retain(|key| {
            known.contains(key)
                || !["_zero", "_one", "_two", "_few", "_many", "_other"]
                    .iter()
                    .any(|suffix| key.ends_with(suffix))
        });
        let missing: Vec<_> = used.difference(&known).collect();
        assert!(
            missing.is_empty(),
            "keys used but not in en.toml: {missing:?}"
        );
        let unused: Vec<_> = known.difference(&used).collect();
        assert!(unused.is_empty(), "keys in en.toml never used: {unused:?}");
    }

    /// Uzbek messages write o‘ and g‘ with U+2018 and the tutuq belgisi with
    /// U+2019, as the site's own text must. Code in backticks and
    /// placeholders are not words.
    #[test]
    fn uzbek_messages_use_the_right_apostrophes() {
        for (key, pattern) in &catalogues()["uz"] {
            let prose: String = pattern.split('`').step_by(2).collect::<Vec<_>>().join(" ");
            let findings = crate::model::orthography::check(&prose);
            assert!(findings.is_empty(), "`{key}`: {findings:?} in {pattern}");
        }
    }

    #[test]
    fn parts_follow_the_language_of_the_whole() {
        let text = crate::t!("wrong_type", key = "tags")
            .with("takes", crate::t!("takes_list"))
            .with("found", crate::t!("found_text", value = "treaty"));
        assert_eq!(
            text.as_str(),
            "`tags` takes a list, but here it is the text `treaty`"
        );
        assert_eq!(
            text.in_language("uz"),
            "`tags` qiymati ro‘yxat bo‘lishi kerak, bu yerda esa u — `treaty` matni"
        );
    }

    #[test]
    fn placeholders_are_filled_once() {
        let args = vec![("a", "{b}".to_string()), ("b", "x".to_string())];
        assert_eq!(fill("[{a}] {b} {c} {", &args), "[{b}] x {c} {");
    }

    #[test]
    fn language_comes_from_the_flag_then_the_locale_then_english() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(choose(None, env(&[("LANG", "uz_UZ.UTF-8")])), Ok("uz"));
        assert_eq!(
            choose(Some("en"), env(&[("LANG", "uz_UZ.UTF-8")])),
            Ok("en")
        );
        assert_eq!(
            choose(
                None,
                env(&[("LANG", "uz_UZ.UTF-8"), ("LC_MESSAGES", "en_GB.UTF-8")])
            ),
            Ok("en")
        );
        assert_eq!(
            choose(
                None,
                env(&[("LANG", "en_US.UTF-8"), ("LC_ALL", "uz_UZ@latin")])
            ),
            Ok("uz")
        );
        assert_eq!(choose(None, env(&[("LANG", "C.UTF-8")])), Ok("en"));
        assert_eq!(choose(None, env(&[("LANG", "kk_KZ.UTF-8")])), Ok("en"));
        assert_eq!(choose(None, env(&[])), Ok("en"));
        assert_eq!(choose(Some("uz-Latn"), env(&[])), Ok("uz"));
        assert!(choose(Some("fr"), env(&[])).unwrap_err().contains("en, uz"));
    }
}
