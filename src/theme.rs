//! The default theme, compiled into the binary: the repository's own
//! templates/, templates/i18n/ and static/. A site's templates/ and static/
//! override it file by file, so any content folder with a book.toml builds.

use std::collections::BTreeMap;

/// Built-in templates: (name, source).
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("event.html", include_str!("../templates/event.html")),
    ("page.html", include_str!("../templates/page.html")),
    ("docs.html", include_str!("../templates/docs.html")),
    ("list.html", include_str!("../templates/list.html")),
    ("404.html", include_str!("../templates/404.html")),
    (
        "partials/event-item.html",
        include_str!("../templates/partials/event-item.html"),
    ),
    (
        "partials/kind-filters.html",
        include_str!("../templates/partials/kind-filters.html"),
    ),
    (
        "partials/chart.html",
        include_str!("../templates/partials/chart.html"),
    ),
    ("search.html", include_str!("../templates/search.html")),
];

/// Built-in static files: (path under the output root, bytes).
pub const STATIC_FILES: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../static/style.css")),
    ("yilnoma.js", include_bytes!("../static/yilnoma.js")),
    ("search.js", include_bytes!("../static/search.js")),
];

const STRINGS: &[(&str, &str)] = &[
    ("uz", include_str!("../templates/i18n/uz.toml")),
    ("en", include_str!("../templates/i18n/en.toml")),
    ("ru", include_str!("../templates/i18n/ru.toml")),
    ("kk", include_str!("../templates/i18n/kk.toml")),
    ("fr", include_str!("../templates/i18n/fr.toml")),
    ("de", include_str!("../templates/i18n/de.toml")),
    ("tr", include_str!("../templates/i18n/tr.toml")),
];

/// Keys a strings file may add beyond `string_keys()`: nominative month
/// names for month-only dates, in languages whose dates decline the month.
pub fn is_optional_key(key: &str) -> bool {
    key.strip_prefix("month_standalone_")
        .and_then(|n| n.parse::<u8>().ok())
        .is_some_and(|n| (1..=12).contains(&n))
}

/// The theme's interface strings for a language code; English for a
/// language the theme does not know (the site then overrides them).
pub fn default_strings(code: &str) -> BTreeMap<String, String> {
    let text = strings_source(code);
    // The built-in files are tested below; a broken one is a bug in Yilnoma.
    toml::from_str(text).unwrap_or_default()
}

/// The built-in interface-strings file of a language, as written (for
/// `init`, which gives a site a copy to translate); English when the theme
/// lacks the language.
pub fn strings_source(code: &str) -> &'static str {
    STRINGS
        .iter()
        .find(|(c, _)| *c == code)
        .or_else(|| STRINGS.iter().find(|(c, _)| *c == "en"))
        .map_or("", |(_, text)| text)
}

/// Whether the built-in theme has interface strings for this language.
pub fn has_strings(code: &str) -> bool {
    STRINGS.iter().any(|(c, _)| *c == code)
}

/// Every interface-string key the built-in theme uses.
pub fn string_keys() -> Vec<String> {
    default_strings("en").into_keys().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_strings_parse_and_cover_the_same_keys() {
        for (code, text) in STRINGS {
            let parsed: Result<BTreeMap<String, String>, _> = toml::from_str(text);
            assert!(parsed.is_ok(), "{code}: {parsed:?}");
        }
        for (code, _) in STRINGS {
            let keys: Vec<_> = default_strings(code)
                .into_keys()
                .filter(|k| !is_optional_key(k))
                .collect();
            assert_eq!(keys, string_keys(), "{code} and en have the same keys");
        }
    }

    #[test]
    fn built_in_strings_follow_each_language_typography() {
        for (code, _) in STRINGS {
            for (key, value) in default_strings(code) {
                assert!(!value.contains('"'), "{code}.{key}: straight quotes");
                if *code == "fr" {
                    for mark in [':', ';', '?', '!'] {
                        assert!(
                            !value.contains(&format!(" {mark}")),
                            "{code}.{key}: ordinary space before `{mark}`"
                        );
                        let after_word = value.char_indices().any(|(i, c)| {
                            c == mark
                                && value[..i].chars().last().is_some_and(char::is_alphanumeric)
                        });
                        assert!(!after_word, "{code}.{key}: `{mark}` needs a no-break space");
                    }
                }
            }
        }
        assert!(default_strings("de")["search_hint"].contains("„Enter“"));
        assert!(default_strings("fr")["search_results"].contains("\u{a0}:"));
    }
}
