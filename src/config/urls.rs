//! The URLs book.toml configures (`site-url`, `git-repository-url`,
//! `edit-url-template`): each must be a web address (`model::web_url`),
//! refused at its line otherwise; the site URL normalised.

use super::position::find_key;
use super::raw::RawHtml;
use crate::diag::{Diagnostic, Diagnostics};
use crate::messages::Text;
use crate::model::{chars, web_url};
use crate::t;
use std::path::Path;

/// Where `edit-url-template` puts a content file's path.
pub const PATH_PLACEHOLDER: &str = "{path}";

/// `None` (and an error at the key) when a configured URL is not a web
/// address (`model::web_url::check`).
pub(super) fn check(
    path: &Path,
    text: &str,
    html: &RawHtml,
    diagnostics: &Diagnostics,
) -> Option<()> {
    let mut ok = true;
    for (key, value) in [
        ("site-url", &html.site_url),
        ("git-repository-url", &html.git_repository_url),
        ("edit-url-template", &html.edit_url_template),
    ] {
        let Some(value) = value else { continue };
        // The template is checked as the address of one file.
        let address = value.replace(PATH_PLACEHOLDER, "events/example.md");
        let Err(problem) = web_url::check(&address) else {
            continue;
        };
        ok = false;
        let hint = if key == "edit-url-template" {
            crate::t!("url_template_hint", placeholder = PATH_PLACEHOLDER)
        } else {
            crate::t!("url_hint")
        };
        let (line, column) = find_key(text, key);
        diagnostics.push(
            Diagnostic::error(path, url_problem(&problem, &format!("`{key}`")))
                .at(line, column)
                .hint(hint),
        );
    }
    ok.then_some(())
}

/// What is wrong with a URL (`model::web_url::check`), in words, with
/// `what` naming the value (`` `site-url` ``, `` source `…` ``).
pub fn url_problem(problem: &web_url::Problem, what: &str) -> Text {
    match problem {
        web_url::Problem::Script(scheme) => t!("url_script", what = what, scheme = scheme),
        web_url::Problem::Invisible(c) => {
            t!("url_invisible", what = what, code = chars::code_point(*c))
        }
        web_url::Problem::NotWeb => t!("url_not_web", what = what),
        web_url::Problem::Invalid(error) => t!("url_invalid", what = what, error = error),
    }
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

    #[test]
    fn every_configured_url_must_be_a_web_address() {
        let cases = [
            (
                "site-url = \"https://x.io/\\nSitemap: https://evil.example/s.xml\"",
                "U+000A",
            ),
            (
                "edit-url-template = \"java\\u200Bscript:alert(1)//{path}\"",
                "`javascript:`",
            ),
            (
                "git-repository-url = \"github.com/u/r\"",
                "not a web address",
            ),
        ];
        for (line, expected) in cases {
            let (config, diags) =
                parse_str(&format!("[book]\ntitle = \"T\"\n[output.html]\n{line}\n"));
            assert!(config.is_none(), "{line}");
            assert_eq!(diags.len(), 1, "{diags:?}");
            assert_eq!((diags[0].line, diags[0].column), (4, 1), "{line}");
            assert!(
                diags[0].message.contains(expected),
                "{line}: {}",
                diags[0].message
            );
        }
        let (config, diags) = parse_str(
            "[output.html]\nedit-url-template = \"https://github.com/u/r/edit/main/content/{path}\"\n",
        );
        assert!(config.is_some(), "{diags:?}");
    }
}
