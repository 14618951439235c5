//! The default theme, compiled into the binary: the repository's own
//! templates/, templates/i18n/ and static/. A site's templates/ and static/
//! override it file by file, so any content folder with a book.toml builds.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::model::plural;

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

/// Built-in interface strings: (language code, TOML text).
pub const STRINGS: &[(&str, &str)] = &[
    ("uz", include_str!("../templates/i18n/uz.toml")),
    ("uz-Cyrl", include_str!("../templates/i18n/uz-Cyrl.toml")),
    ("en", include_str!("../templates/i18n/en.toml")),
    ("ru", include_str!("../templates/i18n/ru.toml")),
    ("kk", include_str!("../templates/i18n/kk.toml")),
    ("fr", include_str!("../templates/i18n/fr.toml")),
    ("de", include_str!("../templates/i18n/de.toml")),
    ("tr", include_str!("../templates/i18n/tr.toml")),
];

/// Keys a strings file may add beyond `string_keys()`: nominative month
/// names for month-only dates, in languages whose dates decline the month,
/// and the forms (`KEY_one`, `KEY_few`, …) of a plural-aware key, whose
/// `KEY_other` every language has.
pub fn is_optional_key(key: &str) -> bool {
    let month = key
        .strip_prefix("month_standalone_")
        .and_then(|n| n.parse::<u8>().ok())
        .is_some_and(|n| (1..=12).contains(&n));
    let plural_form = plural::split_form(key).is_some_and(|(base, category)| {
        category != "other" && plural_keys().iter().any(|k| k == base)
    });
    month || plural_form
}

/// Keys that write dates: month names and `date_*` patterns. A language
/// whose strings lack them gets CLDR's dates instead.
pub fn is_date_key(key: &str) -> bool {
    key.starts_with("date_") || key.starts_with("month_")
}

/// The theme's plural-aware keys (those English writes as `KEY_other`).
pub fn plural_keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        default_strings("en")
            .into_keys()
            .filter_map(|key| key.strip_suffix("_other").map(str::to_string))
            .collect()
    })
}

/// The theme's interface strings for a language code; English for a
/// language the theme does not know (the site then overrides them).
pub fn default_strings(code: &str) -> BTreeMap<String, String> {
    let text = strings_source(code);
    // The built-in files are tested below; a broken one is a bug in Yilnoma.
    toml::from_str(text).unwrap_or_default()
}

/// The built-in interface-strings file of a language, as written; English
/// when the theme lacks the language.
pub fn strings_source(code: &str) -> &'static str {
    STRINGS
        .iter()
        .find(|(c, _)| *c == code)
        .or_else(|| STRINGS.iter().find(|(c, _)| *c == "en"))
        .map_or("", |(_, text)| text)
}

/// English's strings file as a template for a language the theme does not
/// ship (`init`): without month names and date patterns, which CLDR
/// supplies for that language (`render::cldr_dates`), and saying so.
pub fn strings_template() -> String {
    let mut text = String::from(
        "# Dates come from CLDR in this language. To write them yourself, add\n\
         # month_1 … month_12 and the date_* patterns (see the Languages page).\n",
    );
    for line in strings_source("en").lines() {
        let key = line.split('=').next().unwrap_or("").trim();
        let second_blank = line.is_empty() && text.ends_with("\n\n");
        if !is_date_key(key) && !second_blank {
            text.push_str(line);
            text.push('\n');
        }
    }
    text
}

/// Whether the built-in theme has interface strings for this language.
pub fn has_strings(code: &str) -> bool {
    STRINGS.iter().any(|(c, _)| *c == code)
}

/// Every interface-string key the built-in theme uses.
pub fn string_keys() -> Vec<String> {
    default_strings("en")
        .into_keys()
        .filter(|k| !is_optional_key(k))
        .collect()
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
        assert!(default_strings("fr")["search_hint"].contains("\u{a0}:"));
    }

    // Issue 18: no "1 events". Every shipped language writes its own form
    // for every category CLDR gives its whole numbers, and each form keeps
    // the number.
    #[test]
    fn plural_strings_have_every_form_their_language_uses() {
        assert_eq!(
            plural_keys(),
            [
                "events_count",
                "filter_cleared",
                "filter_showing",
                "search_results"
            ]
        );
        for (code, _) in STRINGS {
            let strings = default_strings(code);
            for key in plural_keys() {
                for category in plural::categories_for_integers(code) {
                    let form = format!("{key}_{category}");
                    let text = strings.get(&form);
                    assert!(text.is_some(), "{code}: `{form}` missing");
                    let number = if key.starts_with("filter_") {
                        "{total}"
                    } else {
                        "{count}"
                    };
                    assert!(
                        text.is_some_and(|t| t.contains(number)),
                        "{code}.{form}: no {number}"
                    );
                }
            }
            for key in strings.keys() {
                if let Some((base, _)) = plural::split_form(key) {
                    assert!(
                        plural_keys().iter().any(|k| k == base),
                        "{code}.{key}: not a plural key"
                    );
                }
            }
        }
        let en = default_strings("en");
        let en_form = |n| plural::pick(|k| en.get(k).map(String::as_str), "events_count", "en", n);
        assert_eq!(en_form(1), Some("{count} event"));
        assert_eq!(en_form(21), Some("{count} events"));
    }

    #[test]
    fn the_strings_template_has_every_key_but_the_dates() {
        let template: BTreeMap<String, String> = toml::from_str(&strings_template()).unwrap();
        let expected: Vec<String> = default_strings("en")
            .into_keys()
            .filter(|k| !is_date_key(k))
            .collect();
        assert_eq!(template.into_keys().collect::<Vec<_>>(), expected);
        assert!(!strings_template().contains("\n\n\n"));
    }

    // Issue 18: the text a reader sees for each shipped language at the
    // counts where plural rules differ (0, 1, 2, 5, 11, 21, 101).
    #[test]
    fn shipped_event_counts_read_right_at_every_test_count() {
        const COUNTS: [u64; 7] = [0, 1, 2, 5, 11, 21, 101];
        let cases: &[(&str, [&str; 7])] = &[
            (
                "en",
                [
                    "0 events",
                    "1 event",
                    "2 events",
                    "5 events",
                    "11 events",
                    "21 events",
                    "101 events",
                ],
            ),
            (
                "uz",
                [
                    "0 ta voqea",
                    "1 ta voqea",
                    "2 ta voqea",
                    "5 ta voqea",
                    "11 ta voqea",
                    "21 ta voqea",
                    "101 ta voqea",
                ],
            ),
            (
                "ru",
                [
                    "0 событий",
                    "1 событие",
                    "2 события",
                    "5 событий",
                    "11 событий",
                    "21 событие",
                    "101 событие",
                ],
            ),
            (
                "kk",
                [
                    "0 оқиға",
                    "1 оқиға",
                    "2 оқиға",
                    "5 оқиға",
                    "11 оқиға",
                    "21 оқиға",
                    "101 оқиға",
                ],
            ),
            (
                "fr",
                [
                    "0 événement",
                    "1 événement",
                    "2 événements",
                    "5 événements",
                    "11 événements",
                    "21 événements",
                    "101 événements",
                ],
            ),
            (
                "de",
                [
                    "0 Ereignisse",
                    "1 Ereignis",
                    "2 Ereignisse",
                    "5 Ereignisse",
                    "11 Ereignisse",
                    "21 Ereignisse",
                    "101 Ereignisse",
                ],
            ),
            (
                "tr",
                [
                    "0 olay", "1 olay", "2 olay", "5 olay", "11 olay", "21 olay", "101 olay",
                ],
            ),
        ];
        for (code, expected) in cases {
            let strings = default_strings(code);
            let got: Vec<String> = COUNTS
                .iter()
                .map(|n| {
                    plural::pick(
                        |k| strings.get(k).map(String::as_str),
                        "events_count",
                        code,
                        *n,
                    )
                    .unwrap_or_default()
                    .replace("{count}", &n.to_string())
                })
                .collect();
            assert_eq!(got, expected, "{code} at {COUNTS:?}");
        }
    }
}
