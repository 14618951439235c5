//! CLDR plural categories (one, few, many, other) for a language code,
//! through ICU4X's compiled plural rules.
//!
//! Takes a BCP 47 code and a count, returns the category a plural-aware
//! interface string is chosen by. Pure, no I/O. Used by `messages::plural` (the diagnostics summary).

use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};

/// The plural category of `count` in the language `code`; `other` when
/// the code does not parse or CLDR has no rules for it.
pub fn category(code: &str, count: u64) -> &'static str {
    let Ok(locale) = Locale::try_from_str(code) else {
        return "other";
    };
    let Ok(rules) = PluralRules::try_new(locale.into(), Default::default()) else {
        return "other";
    };
    match rules.category_for(count) {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COUNTS: [u64; 7] = [0, 1, 2, 5, 11, 21, 101];

    #[test]
    fn categories_of_the_shipped_languages() {
        let cases: &[(&str, [&str; 7])] = &[
            (
                "en",
                ["other", "one", "other", "other", "other", "other", "other"],
            ),
            (
                "uz",
                ["other", "one", "other", "other", "other", "other", "other"],
            ),
            ("ru", ["many", "one", "few", "many", "many", "one", "one"]),
            (
                "kk",
                ["other", "one", "other", "other", "other", "other", "other"],
            ),
            (
                "fr",
                ["one", "one", "other", "other", "other", "other", "other"],
            ),
            (
                "de",
                ["other", "one", "other", "other", "other", "other", "other"],
            ),
            (
                "tr",
                ["other", "one", "other", "other", "other", "other", "other"],
            ),
        ];
        for (code, expected) in cases {
            let got: Vec<&str> = COUNTS.iter().map(|n| category(code, *n)).collect();
            assert_eq!(got, expected, "{code} at {COUNTS:?}");
        }
    }

    #[test]
    fn unknown_code_is_other() {
        assert_eq!(category("not a code", 1), "other");
    }
}
