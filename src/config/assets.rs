//! `additional-css` and `additional-js` under `[output.html]` (mdBook's
//! keys): a site's own stylesheets and scripts, loaded after the theme's,
//! so a site changes a few rules without replacing the whole theme
//! stylesheet (issue 15).
//!
//! Decision: each file lives under `static/` and is named from the site
//! folder (`static/custom.css`, published as `/custom.css`). static/ is
//! already copied, planned in the page inventory and watched by `serve`,
//! so these files need no second way into the output; mdBook's paths
//! outside `src/` (`theme/custom.css`) get an error that says to move the
//! file.

use super::position::find_key;
use crate::diag::{Diagnostic, Diagnostics};
use std::path::Path;

/// The folder the files must be in, as written in book.toml.
const STATIC_PREFIX: &str = "static/";

/// The published names (under the output root) of the files listed under
/// `key`, in the order given; a bad entry is an error at the key's line
/// and is left out.
pub(super) fn resolve(
    root: &Path,
    path: &Path,
    text: &str,
    key: &str,
    extension: &str,
    values: &[String],
    diagnostics: &Diagnostics,
) -> Vec<String> {
    let mut published = Vec::new();
    for value in values {
        match published_name(root, value, extension) {
            Ok(name) if published.contains(&name) => {}
            Ok(name) => published.push(name),
            Err(problem) => {
                let (line, column) = find_key(text, key);
                diagnostics.push(
                    Diagnostic::error(path, problem.message(key, value))
                        .at(line, column)
                        .hint(problem.hint(value, extension)),
                );
            }
        }
    }
    published
}

/// What is wrong with one entry.
#[derive(Debug, PartialEq, Eq)]
enum Problem {
    /// Absolute, with `..`, `\` or an empty segment, or not under static/.
    NotInStatic,
    WrongExtension,
    Missing,
}

impl Problem {
    fn message(&self, key: &str, value: &str) -> crate::messages::Text {
        match self {
            Problem::NotInStatic => crate::t!("asset_not_in_static", key = key, value = value),
            Problem::WrongExtension => crate::t!("asset_wrong_extension", key = key, value = value),
            Problem::Missing => crate::t!("asset_missing", key = key, value = value),
        }
    }

    fn hint(&self, value: &str, extension: &str) -> crate::messages::Text {
        let file = value.rsplit(['/', '\\']).next().unwrap_or(value);
        match self {
            Problem::NotInStatic => crate::t!("asset_not_in_static_hint", file = file),
            Problem::WrongExtension => {
                crate::t!("asset_wrong_extension_hint", extension = extension)
            }
            Problem::Missing => crate::t!("asset_missing_hint", value = value),
        }
    }
}

/// `static/css/custom.css` → `css/custom.css`, when that file exists.
fn published_name(root: &Path, value: &str, extension: &str) -> Result<String, Problem> {
    let rest = value
        .strip_prefix(STATIC_PREFIX)
        .ok_or(Problem::NotInStatic)?;
    let safe = !rest.contains('\\')
        && rest
            .split('/')
            .all(|segment| !segment.is_empty() && segment != "." && segment != "..");
    if !safe {
        return Err(Problem::NotInStatic);
    }
    if !rest.ends_with(&format!(".{extension}")) {
        return Err(Problem::WrongExtension);
    }
    // A link that leaves the site is not copied by static/ (theme_files),
    // so it counts as missing here too.
    let real_root = root.canonicalize().map_err(|_| Problem::Missing)?;
    match root.join(value).canonicalize() {
        Ok(real) if real.starts_with(&real_root) && real.is_file() => Ok(rest.to_string()),
        _ => Err(Problem::Missing),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("static/css")).unwrap();
        std::fs::write(dir.path().join("static/css/custom.css"), "a{}").unwrap();
        dir
    }

    #[test]
    fn a_file_under_static_is_published_without_the_prefix() {
        let dir = site();
        let name = published_name(dir.path(), "static/css/custom.css", "css");
        assert_eq!(name, Ok("css/custom.css".to_string()));
    }

    #[test]
    fn paths_outside_static_or_with_dots_are_refused() {
        let dir = site();
        for value in [
            "theme/custom.css",
            "/static/css/custom.css",
            "static/../book.toml",
            "static/css//custom.css",
            "static\\css\\custom.css",
            "static/",
        ] {
            assert_eq!(
                published_name(dir.path(), value, "css"),
                Err(Problem::NotInStatic),
                "{value}"
            );
        }
    }

    #[test]
    fn a_wrong_extension_or_a_missing_file_is_refused() {
        let dir = site();
        assert_eq!(
            published_name(dir.path(), "static/css/custom.css", "js"),
            Err(Problem::WrongExtension)
        );
        assert_eq!(
            published_name(dir.path(), "static/css/other.css", "css"),
            Err(Problem::Missing)
        );
    }
}
