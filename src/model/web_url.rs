//! Which URLs a site may carry. Pure.
//!
//! The one script-URL check: `scheme` reads an address's scheme the way a
//! browser does (ASCII tabs and line breaks inside it are skipped, and so
//! here is every invisible character, to be stricter than any browser), and
//! `runs_script` names the schemes that run code in the reader's browser.
//! Markdown links (`render::links`), source URLs (`content::load`) and
//! book.toml's URLs (`config::urls`) all ask it.
//!
//! URLs the site is built with (`site-url`, `git-repository-url`,
//! `edit-url-template`, `--base-url`, a source's `url`) must moreover be
//! web addresses: `check` refuses invisible and control characters
//! anywhere (a line break in `site-url` would end up as a line of
//! robots.txt), then parses the text once with the `url` crate (the WHATWG
//! URL standard browsers follow) and wants `http` or `https` and a host.
//! The text is kept as the site builder wrote it: output does not change
//! to the parser's spelling.

use crate::model::chars;

/// Schemes whose URLs run code where a reader opens them.
const SCRIPT_SCHEMES: &[&str] = &["javascript", "data", "vbscript"];

/// The scheme of `target` in lowercase as a browser reads it, or `None`
/// when it has none (a path, `#anchor`, `//host/…`).
pub fn scheme(target: &str) -> Option<String> {
    let cleaned: String = target.chars().filter(|c| !chars::invisible(*c)).collect();
    let colon = cleaned.find(':')?;
    let candidate = &cleaned[..colon];
    let valid = candidate
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && candidate
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c));
    valid.then(|| candidate.to_ascii_lowercase())
}

/// True for `javascript`, `data` and `vbscript` (from `scheme`).
pub fn runs_script(scheme: &str) -> bool {
    SCRIPT_SCHEMES.contains(&scheme)
}

/// Why a text is not a web address the site may be built with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A scheme that runs code (`javascript:`…), however it is spelt.
    Script(String),
    /// A control, whitespace or invisible character (`U+200B`).
    Invisible(char),
    /// Another scheme (`ftp:`, `mailto:`) or none.
    NotWeb,
    /// What the URL parser says (`invalid domain character`).
    Invalid(String),
}

/// Checks that `text` is an `http`/`https` address with a host.
pub fn check(text: &str) -> Result<(), Problem> {
    if let Some(scheme) = scheme(text).filter(|s| runs_script(s)) {
        return Err(Problem::Script(scheme));
    }
    if let Some(c) = text.chars().find(|c| chars::invisible(*c)) {
        return Err(Problem::Invisible(c));
    }
    let url = url::Url::parse(text).map_err(|e| match e {
        url::ParseError::RelativeUrlWithoutBase => Problem::NotWeb,
        other => Problem::Invalid(other.to_string()),
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(Problem::NotWeb);
    }
    Ok(())
}

/// `--base-url`: a web address (`check`), or a path the site is served
/// under (`/repo/`), which may not carry a scheme or invisible characters.
pub fn check_base(text: &str) -> Result<(), Problem> {
    if text.contains("://") || scheme(text).is_some() {
        return check(text);
    }
    match text.chars().find(|c| chars::invisible(*c)) {
        Some(c) => Err(Problem::Invisible(c)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_schemes_are_found_in_any_spelling() {
        for target in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:x",
            "java\u{200B}script:x",
            "\u{FEFF}data:text/html,x",
            "VBScript:x",
        ] {
            let found = scheme(target).unwrap_or_default();
            assert!(runs_script(&found), "{target:?} → {found:?}");
        }
        for target in [
            "https://x.io",
            "mailto:a@b.c",
            "/en/x/",
            "#top",
            "a/b:c",
            "../x.md",
        ] {
            assert!(
                !scheme(target).is_some_and(|s| runs_script(&s)),
                "{target:?}"
            );
        }
        assert_eq!(scheme("/en/x/"), None);
        assert_eq!(scheme("2021:x"), None);
    }

    #[test]
    fn web_addresses_are_checked_for_scheme_and_characters() {
        assert_eq!(check("https://yilnoma.github.io/yilnoma/"), Ok(()));
        assert_eq!(check("http://x.io/o‘zbek/{path}"), Ok(()));
        assert_eq!(
            check("java\u{200B}script:alert(1)//"),
            Err(Problem::Script("javascript".into()))
        );
        assert_eq!(
            check("https://x.io/\nSitemap: https://evil.example/s.xml"),
            Err(Problem::Invisible('\n'))
        );
        assert_eq!(
            check("https://x.io/\u{200E}"),
            Err(Problem::Invisible('\u{200E}'))
        );
        assert_eq!(check("ftp://x.io/"), Err(Problem::NotWeb));
        assert_eq!(check("x.io/repo"), Err(Problem::NotWeb));
        assert!(matches!(
            check("https://exa mple.org/"),
            Err(Problem::Invisible(' '))
        ));
        assert!(matches!(check("https://[x/"), Err(Problem::Invalid(_))));
    }

    #[test]
    fn a_base_url_is_a_web_address_or_a_path() {
        assert_eq!(check_base("/repo/"), Ok(()));
        assert_eq!(check_base("https://u.github.io/repo/"), Ok(()));
        assert_eq!(
            check_base("javascript://x.io/%0Aalert(1)"),
            Err(Problem::Script("javascript".into()))
        );
        assert_eq!(check_base("/repo/\n"), Err(Problem::Invisible('\n')));
        assert_eq!(check_base("ftp://x.io/"), Err(Problem::NotWeb));
    }
}
