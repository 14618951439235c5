//! CLDR plural categories (one, few, many, other) for a language code,
//! through ICU4X's compiled plural rules.
//!
//! Takes a BCP 47 code and a count, returns the category a plural-aware
//! interface string is chosen by, and picks that string's form: a
//! plural-aware key `KEY` is written `KEY_one`, `KEY_few`, … and always
//! `KEY_other`, the form any category without its own falls back to.
//! Pure, no I/O. The browser picks the same forms with `Intl.PluralRules`
//! (`static/search.js`, `static/yilnoma.js`), also CLDR. The diagnostics
//! summary picks its forms here too (`messages::plural`).

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

/// Every CLDR plural category, in CLDR's order.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The form of the plural-aware string `key` for `count` in `code`:
/// `KEY_<category>` when `lookup` has it, else `KEY_other`; `None` when
/// `lookup` has neither (the key is not plural-aware).
pub fn pick<'s>(
    lookup: impl Fn(&str) -> Option<&'s str>,
    key: &str,
    code: &str,
    count: u64,
) -> Option<&'s str> {
    lookup(&format!("{key}_{}", category(code, count))).or_else(|| lookup(&format!("{key}_other")))
}

/// The plural-aware key a strings key is a form of, with its category:
/// `events_count_few` → (`events_count`, `few`).
pub fn split_form(key: &str) -> Option<(&str, &'static str)> {
    CATEGORIES.iter().find_map(|category| {
        key.strip_suffix(category)
            .and_then(|rest| rest.strip_suffix('_'))
            .filter(|base| !base.is_empty())
            .map(|base| (base, *category))
    })
}

/// The categories `code` gives whole numbers, found by trying the counts
/// where CLDR's integer rules change (every rule depends on the last two
/// digits, on being 0, or on being a multiple of a power of ten). Lists
/// which forms a language's strings need.
pub fn categories_for_integers(code: &str) -> Vec<&'static str> {
    let counts = (0..=200).chain([1_000, 10_000, 100_000, 1_000_000, 10_000_000]);
    let used: std::collections::BTreeSet<&str> = counts.map(|n| category(code, n)).collect();
    CATEGORIES
        .iter()
        .copied()
        .filter(|c| used.contains(c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pick_takes_the_category_and_falls_back_to_other() {
        let strings = [
            ("events_count_one", "{count} событие"),
            ("events_count_few", "{count} события"),
            ("events_count_other", "{count} события"),
        ];
        let lookup = |k: &str| strings.iter().find(|(key, _)| *key == k).map(|(_, v)| *v);
        let ru = |n| pick(lookup, "events_count", "ru", n);
        assert_eq!(ru(1), Some("{count} событие"));
        assert_eq!(ru(21), Some("{count} событие"));
        assert_eq!(ru(3), Some("{count} события"));
        // No `_many` here: `_other` stands in.
        assert_eq!(ru(5), Some("{count} события"));
        assert_eq!(pick(lookup, "missing", "ru", 1), None);
    }

    #[test]
    fn forms_split_into_key_and_category() {
        assert_eq!(
            split_form("events_count_few"),
            Some(("events_count", "few"))
        );
        assert_eq!(
            split_form("search_results_other"),
            Some(("search_results", "other"))
        );
        assert_eq!(split_form("other"), None);
        assert_eq!(split_form("_other"), None);
        assert_eq!(split_form("brother"), None);
        assert_eq!(split_form("month_1"), None);
    }

    #[test]
    fn integer_categories_of_the_shipped_languages() {
        assert_eq!(categories_for_integers("en"), ["one", "other"]);
        assert_eq!(categories_for_integers("uz"), ["one", "other"]);
        assert_eq!(categories_for_integers("ru"), ["one", "few", "many"]);
        assert_eq!(categories_for_integers("fr"), ["one", "many", "other"]);
        assert_eq!(categories_for_integers("nonsense code"), ["other"]);
    }

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
