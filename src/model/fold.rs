//! Search folding: the one table that makes "Qozog'iston", "Qozogʻiston",
//! "Qozog‘iston", "QOZOG‘ISTON" and "Қозоғистон" the same word.
//!
//! Takes text, returns folded text and tokens. Pure, no I/O. The search
//! index ships `table()` so static/search.js folds queries with exactly the
//! same rules (it implements only the steps below, never its own table).
//!
//! The steps, in order (search.js repeats them):
//! 1. lowercase (Unicode);
//! 2. drop every apostrophe variant in `APOSTROPHES` (o‘ → o, sur’at → surat);
//! 3. transliterate Uzbek (and Kazakh) Cyrillic letters to Uzbek Latin with
//!    `CYRILLIC`; a letter in `IOTATED` takes its other value at the start
//!    of a word and after a letter of `IOTATING` (Ер → yer, Тоқаев → toqayev);
//! 4. decompose (NFD) and drop combining marks, so diacritics fold (é → e);
//! 5. split into tokens on anything that is not a letter or a digit.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Apostrophe-like characters dropped inside and around words: ASCII ' and `,
/// ´, the modifier letters ʻ ʼ ʽ and the quotation marks ‘ ’.
pub const APOSTROPHES: &[char] = &[
    '\'', '`', '\u{00B4}', '\u{02BB}', '\u{02BC}', '\u{02BD}', '\u{2018}', '\u{2019}',
];

/// Lowercase Cyrillic → Uzbek Latin, already folded (ў → o, not o‘).
/// Uzbek Cyrillic first, then the Kazakh and Russian letters met in names.
pub const CYRILLIC: &[(char, &str)] = &[
    ('а', "a"),
    ('б', "b"),
    ('в', "v"),
    ('г', "g"),
    ('д', "d"),
    ('е', "e"),
    ('ё', "yo"),
    ('ж', "j"),
    ('з', "z"),
    ('и', "i"),
    ('й', "y"),
    ('к', "k"),
    ('л', "l"),
    ('м', "m"),
    ('н', "n"),
    ('о', "o"),
    ('п', "p"),
    ('р', "r"),
    ('с', "s"),
    ('т', "t"),
    ('у', "u"),
    ('ф', "f"),
    ('х', "x"),
    ('ц', "s"),
    ('ч', "ch"),
    ('ш', "sh"),
    ('ъ', ""),
    ('ь', ""),
    ('э', "e"),
    ('ю', "yu"),
    ('я', "ya"),
    ('ў', "o"),
    ('қ', "q"),
    ('ғ', "g"),
    ('ҳ', "h"),
    // Kazakh and Russian letters, so names typed in those alphabets still match.
    ('щ', "sh"),
    ('ы', "i"),
    ('ә', "a"),
    ('ө', "o"),
    ('ү', "u"),
    ('ұ', "u"),
    ('і', "i"),
    ('ң', "ng"),
    ('һ', "h"),
];

/// Letters spelled differently at the start of a word and after a letter of
/// `IOTATING` (the Uzbek rule for е: Ер → yer, Тоқаев → toqayev).
pub const IOTATED: &[(char, &str)] = &[('е', "ye")];

/// Vowels and signs after which an `IOTATED` letter takes its other value.
pub const IOTATING: &str = "аәеёиоөуүұэюяўыіъьaeiou";

/// Folds `text` (steps 1–4 above) without splitting it.
///
/// One pass: ASCII (most of any text here) is lowercased in place; other
/// characters go through the tables and are decomposed one by one, which
/// gives what NFD of the whole text would once combining marks are dropped.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // The previous character, if it was a letter.
    let mut previous: Option<char> = None;
    for c in text.chars() {
        if c.is_ascii() {
            if c == '\'' || c == '`' {
                continue;
            }
            let c = c.to_ascii_lowercase();
            out.push(c);
            previous = c.is_ascii_alphabetic().then_some(c);
            continue;
        }
        for c in c.to_lowercase() {
            if APOSTROPHES.contains(&c) {
                continue;
            }
            let iotated = previous
                .is_none_or(|p| IOTATING.contains(p))
                .then(|| lookup(IOTATED, c))
                .flatten();
            match iotated.or_else(|| lookup(CYRILLIC, c)) {
                Some(latin) => out.push_str(latin),
                None => decompose_canonical(c, |part| {
                    if !is_combining_mark(part) {
                        out.push(part);
                    }
                }),
            }
            previous = c.is_alphabetic().then_some(c);
        }
    }
    out
}

/// The folded words of `text`, in order (step 5).
pub fn tokens(text: &str) -> Vec<String> {
    words(&fold(text)).map(str::to_string).collect()
}

/// The words of already folded text, borrowed from it (step 5 alone).
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
}

fn lookup(table: &[(char, &'static str)], c: char) -> Option<&'static str> {
    table.iter().find(|(from, _)| *from == c).map(|(_, to)| *to)
}

/// The tables as JSON, for search.js: `{apostrophes, cyrillic, iotated, iotating}`.
pub fn table() -> serde_json::Value {
    let map = |table: &[(char, &str)]| {
        table
            .iter()
            .map(|(from, to)| (from.to_string(), serde_json::Value::from(*to)))
            .collect::<serde_json::Map<_, _>>()
    };
    serde_json::json!({
        "apostrophes": APOSTROPHES.iter().collect::<String>(),
        "cyrillic": map(CYRILLIC),
        "iotated": map(IOTATED),
        "iotating": IOTATING,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_apostrophe_variant_folds_to_the_same_word() {
        for spelling in [
            "Qozog'iston",
            "Qozogʻiston",
            "Qozog‘iston",
            "Qozog’iston",
            "Qozogʼiston",
            "Qozog`iston",
            "QOZOG‘ISTON",
        ] {
            assert_eq!(fold(spelling), "qozogiston", "{spelling}");
        }
    }

    #[test]
    fn uzbek_cyrillic_transliterates_to_folded_latin() {
        let cases = [
            ("Қозоғистон", "qozogiston"),
            ("Ўзбекистон", "ozbekiston"),
            ("шартнома", "shartnoma"),
            ("Тошкент", "toshkent"),
            ("ҳамкорлик", "hamkorlik"),
            ("Ер", "yer"),
            ("келишув", "kelishuv"),
            ("суръат", "surat"),
            ("Республикаси", "respublikasi"),
            ("Тоқаев", "toqayev"),
        ];
        for (cyrillic, latin) in cases {
            assert_eq!(fold(cyrillic), latin, "{cyrillic}");
        }
    }

    #[test]
    fn case_and_diacritics_fold() {
        assert_eq!(fold("Café NAÏVE"), "cafe naive");
        assert_eq!(fold("Ostona"), fold("OSTONA"));
    }

    #[test]
    fn tokens_split_on_punctuation_but_not_apostrophes() {
        assert_eq!(
            tokens("O‘zbekiston-Qozog‘iston: sur’at, 2022-yil!"),
            ["ozbekiston", "qozogiston", "surat", "2022", "yil"]
        );
        assert!(tokens("  — «» ").is_empty());
    }

    #[test]
    fn table_lists_every_rule() {
        let table = table();
        assert_eq!(table["cyrillic"]["қ"], "q");
        assert_eq!(table["iotated"]["е"], "ye");
        assert_eq!(
            table["apostrophes"].as_str().map(|s| s.chars().count()),
            Some(APOSTROPHES.len())
        );
    }
    /// The one-pass `fold` against the definition: tables first, then NFD
    /// of the whole text with combining marks dropped.
    #[test]
    fn one_pass_matches_nfd_of_the_whole_text() {
        use unicode_normalization::UnicodeNormalization;
        fn by_definition(text: &str) -> String {
            let mut out = String::new();
            let mut previous: Option<char> = None;
            for c in text.chars().flat_map(char::to_lowercase) {
                if APOSTROPHES.contains(&c) {
                    continue;
                }
                let iotated = previous
                    .is_none_or(|p| IOTATING.contains(p))
                    .then(|| lookup(IOTATED, c))
                    .flatten();
                match iotated.or_else(|| lookup(CYRILLIC, c)) {
                    Some(latin) => out.push_str(latin),
                    None => out.push(c),
                }
                previous = c.is_alphabetic().then_some(c);
            }
            out.nfd().filter(|c| !is_combining_mark(*c)).collect()
        }
        for text in [
            "O‘zbekiston va Qozog‘iston «ittifoqchilik» to‘g‘risida — 2022-yil",
            "Ёлка, ЕР, Тоқаев, Иқтисодиёт, ЪЕ, еее",
            "Ćafé naïve Ångström ǅ İstanbul ΣΊΣΥΦΟΣ ß ﬁ",
            "e\u{301}e\u{301}\u{323} и\u{306} ї ё ÀÉÎÕÜ",
            "Тошкент`да sur’at Қ\u{301}",
            "",
        ] {
            assert_eq!(fold(text), by_definition(text), "{text}");
        }
    }
}
