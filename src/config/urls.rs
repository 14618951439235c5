//! The URLs book.toml configures (`site-url`, `git-repository-url`,
//! `edit-url-template`): refused when they would run code in a reader's
//! browser; the site URL normalised.

use super::position::find_key;
use super::raw::RawHtml;
use crate::diag::{Diagnostic, Diagnostics};
use std::path::Path;

/// `None` (and an error) when a configured URL is not a web address.
pub(super) fn check(
    path: &Path,
    text: &str,
    html: &RawHtml,
    diagnostics: &Diagnostics,
) -> Option<()> {
    for (key, value) in [
        ("site-url", &html.site_url),
        ("git-repository-url", &html.git_repository_url),
        ("edit-url-template", &html.edit_url_template),
    ] {
        if let Some(scheme) = value.as_deref().and_then(script_scheme) {
            let (line, column) = find_key(text, key);
            diagnostics.push(
                Diagnostic::error(
                    path,
                    format!("`{key}` is a `{scheme}:` URL, which would run code in the reader's browser"),
                )
                .at(line, column)
                .hint("use a web address starting with https://"),
            );
            return None;
        }
    }
    Some(())
}

/// `https://x.io/repo` → `https://x.io/repo/`: one trailing slash, always.
pub fn normalise_site_url(url: &str) -> String {
    format!("{}/", url.trim().trim_end_matches('/'))
}

/// `javascript`, `data` or `vbscript` when `url` uses one of those schemes
/// (in any case, with any whitespace or control characters mixed in, as
/// browsers accept them).
fn script_scheme(url: &str) -> Option<&'static str> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript", "data", "vbscript"]
        .into_iter()
        .find(|scheme| cleaned.starts_with(&format!("{scheme}:")))
}

#[cfg(test)]
mod tests {
    use crate::config::tests::parse_str;

    #[test]
    fn script_urls_are_refused() {
        let (config, diags) =
            parse_str("[output.html]\nedit-url-template = \" Java\tScript:alert(1)//{path}\"\n");
        assert!(config.is_none());
        assert_eq!(diags[0].line, 2);
        assert!(
            diags[0].message.contains("`javascript:`"),
            "{}",
            diags[0].message
        );
        let (config, _) = parse_str("[output.html]\nsite-url = \"https://x.io/repo\"\n");
        assert!(config.is_some());
    }
}
