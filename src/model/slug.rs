//! Slug rules: the part of a URL an editor chooses by naming a file.
//!
//! Lowercase ASCII letters, digits and single hyphens, so every URL is the
//! same on every file system and needs no escaping.

/// Checks a slug; the error says what is wrong and `suggest` gives a fix.
pub fn validate(slug: &str) -> Result<(), String> {
    if slug.is_empty() {
        return Err("the file name has no slug before the language suffix".into());
    }
    let ok_chars = slug
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !ok_chars || slug.starts_with('-') || slug.ends_with('-') || slug.contains("--") {
        return Err(format!(
            "slug `{}` may only hold lowercase ASCII letters, digits and single hyphens",
            crate::model::path_text::escape(slug)
        ));
    }
    if is_windows_reserved(slug) {
        return Err(format!(
            "slug `{slug}` is a reserved device name on Windows: the site could not be checked out or opened there"
        ));
    }
    Ok(())
}

/// `con`, `prn`, `aux`, `nul`, `com0`–`com9`, `lpt0`–`lpt9`: names Windows
/// refuses as files or folders, with or without an extension.
pub fn is_windows_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    let numbered = |prefix: &str| {
        stem.strip_prefix(prefix)
            .is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit())
    };
    matches!(stem.as_str(), "con" | "prn" | "aux" | "nul") || numbered("com") || numbered("lpt")
}

/// Turns any text into a valid slug (`Fevral 2022, O‘zbek` → `fevral-2022-ozbek`,
/// `Қозоғистон` → `qozogiston`).
///
/// The text is folded first with search's one table (`fold`: lowercase,
/// apostrophes dropped, Cyrillic transliterated, diacritics removed), so a
/// slug and a search query treat every letter alike.
pub fn suggest(text: &str) -> String {
    let mut out = String::new();
    for c in crate::model::fold::fold(text).chars() {
        let mapped = match c {
            'a'..='z' | '0'..='9' => c,
            // Letters NFD does not decompose.
            'ı' => 'i',
            'ø' => 'o',
            'ł' => 'l',
            'đ' => 'd',
            _ => '-',
        };
        if mapped != '-' || !(out.is_empty() || out.ends_with('-')) {
            out.push(mapped);
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_device_names_are_not_slugs() {
        for name in ["con", "nul", "aux", "prn", "com1", "lpt1", "com9", "lpt0"] {
            let error = validate(name).unwrap_err();
            assert!(error.contains("reserved device name"), "{name}: {error}");
        }
        for name in ["console", "nullify", "com10", "auxiliary", "lpt", "com"] {
            assert_eq!(validate(name), Ok(()), "{name}");
        }
    }

    #[test]
    fn accepts_and_rejects() {
        assert!(validate("2021-declaration").is_ok());
        for bad in [
            "With Space",
            "Capital",
            "o‘zbek",
            "a--b",
            "-a",
            "a-",
            "a_b",
            "",
        ] {
            assert!(validate(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn suggestion_is_valid_and_idempotent() {
        for text in [
            "Fevral 2022, O‘zbek",
            "With Space",
            "  x  ",
            "Qozog‘iston–O‘zbekiston",
        ] {
            let slug = suggest(text);
            assert!(
                validate(&slug).is_ok() || slug.is_empty(),
                "{text} → {slug}"
            );
            assert_eq!(suggest(&slug), slug);
        }
        assert_eq!(suggest("Fevral 2022, O‘zbek"), "fevral-2022-ozbek");
        assert_eq!(suggest("Тоқаев ташрифи"), "toqayev-tashrifi");
        assert_eq!(suggest("Türkiye Şehir Çağrı"), "turkiye-sehir-cagri");
    }
}
