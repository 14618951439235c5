//! Plural forms a site's own strings lack: a Polish site that writes
//! `events_count_one` and `events_count_other` only would show "5
//! wydarzenia" where Polish says "5 wydarzeń", since every count whose
//! CLDR category (`few`, `many`) has no form of its own takes `_other`.
//!
//! Takes the language's final strings and the site's sources of them;
//! pushes one warning per plural-aware key, naming the file, the missing
//! keys and example counts.

use super::position::find_key;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::plural;
use crate::theme;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A place a site writes interface strings: a `strings-file`, or the
/// `[language.X.strings]` table of book.toml.
pub(super) struct Source {
    pub path: PathBuf,
    /// The file's text, to point at the line of the key.
    pub text: String,
    pub strings: BTreeMap<String, String>,
}

/// Warns about every plural-aware key the site writes for `code` whose
/// forms do not cover CLDR's categories for whole numbers.
pub(super) fn warn_missing(
    code: &str,
    strings: &BTreeMap<String, String>,
    sources: &[Source],
    diagnostics: &Diagnostics,
) {
    let categories = plural::categories_for_integers(code);
    for key in theme::plural_keys() {
        let writes_key = |s: &Source| s.strings.keys().any(|k| is_form_of(k, key));
        // The last source wins where both write a key: name that one.
        let Some(source) = sources.iter().rev().find(|s| writes_key(s)) else {
            continue;
        };
        let missing: Vec<&str> = categories
            .iter()
            .copied()
            .filter(|c| *c != "other" && !strings.contains_key(&format!("{key}_{c}")))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let missing_keys: Vec<String> = missing.iter().map(|c| format!("`{key}_{c}`")).collect();
        let examples: Vec<String> = missing
            .iter()
            .flat_map(|c| example_counts(code, c))
            .map(|n| n.to_string())
            .collect();
        let first_form = source
            .strings
            .keys()
            .find(|k| is_form_of(k, key))
            .map_or(key.as_str(), String::as_str);
        let (line, column) = find_key(&source.text, first_form);
        diagnostics.push(
            Diagnostic::warning(
                &source.path,
                crate::t!(
                    "plural_forms_missing",
                    code = code,
                    key = key,
                    missing = missing_keys.join(", "),
                    examples = examples.join(", "),
                ),
            )
            .at(line, column)
            .hint(crate::t!(
                "plural_forms_missing_hint",
                code = code,
                missing = missing_keys.join(", "),
                categories = categories.join(", "),
            )),
        );
    }
}

/// Whether `candidate` is `key` itself or one of its forms (`key_few`).
fn is_form_of(candidate: &str, key: &str) -> bool {
    candidate == key || plural::split_form(candidate).is_some_and(|(base, _)| base == key)
}

/// The first three whole numbers CLDR puts in `category` for `code`.
fn example_counts(code: &str, category: &str) -> Vec<u64> {
    (0..=200)
        .chain([1_000_000])
        .filter(|n| plural::category(code, *n) == category)
        .take(3)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(pairs: &[(&str, &str)]) -> Source {
        let strings: BTreeMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let text = strings
            .iter()
            .map(|(k, v)| format!("{k} = \"{v}\"\n"))
            .collect();
        Source {
            path: PathBuf::from("i18n/pl.toml"),
            text,
            strings,
        }
    }

    #[test]
    fn polish_with_one_and_other_lacks_few_and_many() {
        let site = source(&[
            ("events_count_one", "{count} wydarzenie"),
            ("events_count_other", "{count} wydarzeń"),
        ]);
        let diagnostics = Diagnostics::new();
        warn_missing("pl", &site.strings.clone(), &[site], &diagnostics);
        let all = diagnostics.sorted();
        assert_eq!(all.len(), 1, "{all:?}");
        let warning = &all[0];
        assert!(!warning.is_error());
        assert_eq!(warning.path, PathBuf::from("i18n/pl.toml"));
        assert_eq!(warning.line, 1);
        assert_eq!(
            warning.message.as_str(),
            "`events_count` for `pl` lacks the plural forms `events_count_few`, `events_count_many`: counts such as 2, 3, 4, 0, 5, 6 take the `events_count_other` form instead"
        );
        let hint = warning.hint.as_ref().unwrap();
        assert!(hint.contains("one, few, many"), "{hint}");
        assert!(warning.message.in_language("uz").contains("yetishmaydi"));
    }

    #[test]
    fn complete_forms_and_unwritten_keys_are_quiet() {
        let site = source(&[
            ("events_count_one", "{count} wydarzenie"),
            ("events_count_few", "{count} wydarzenia"),
            ("events_count_many", "{count} wydarzeń"),
            ("events_count_other", "{count} wydarzenia"),
        ]);
        let diagnostics = Diagnostics::new();
        warn_missing("pl", &site.strings.clone(), &[site], &diagnostics);
        assert!(diagnostics.sorted().is_empty());
        // A Russian site overriding one form keeps the theme's others.
        let site = source(&[("events_count_one", "{count} запись")]);
        let mut strings = theme::default_strings("ru");
        strings.extend(site.strings.clone());
        let diagnostics = Diagnostics::new();
        warn_missing("ru", &strings, &[site], &diagnostics);
        assert!(diagnostics.sorted().is_empty());
    }

    #[test]
    fn example_counts_follow_cldr() {
        assert_eq!(example_counts("pl", "few"), [2, 3, 4]);
        assert_eq!(example_counts("ru", "many"), [0, 5, 6]);
        assert_eq!(example_counts("fr", "many"), [1_000_000]);
    }
}
