//! `[render] code-theme-light` and `code-theme-dark`: checked at load, so a
//! misspelt theme is an error at its book.toml line whether or not any page
//! has code (the stylesheet is generated only when one does).

use super::position::find_key;
use super::raw::{default_dark_theme, default_light_theme, RawRender};
use crate::diag::{Diagnostic, Diagnostics};
use std::path::Path;

/// The code themes syntect ships (`ThemeSet::load_defaults`), sorted. The
/// config stage does not load syntect; `tests/load_validation.rs` checks
/// this list against `render::highlight::theme_names`.
pub const CODE_THEMES: &[&str] = &[
    "InspiredGitHub",
    "Solarized (dark)",
    "Solarized (light)",
    "base16-eighties.dark",
    "base16-mocha.dark",
    "base16-ocean.dark",
    "base16-ocean.light",
];

/// Reports each theme name that syntect does not ship, at its key's line,
/// and puts the default in its place: the run fails on the error, and the
/// renderer does not report the same name again.
pub(super) fn check(path: &Path, text: &str, render: &mut RawRender, diagnostics: &Diagnostics) {
    let light = (
        "code-theme-light",
        &mut render.code_theme_light,
        default_light_theme(),
    );
    let dark = (
        "code-theme-dark",
        &mut render.code_theme_dark,
        default_dark_theme(),
    );
    for (key, name, default) in [light, dark] {
        if CODE_THEMES.contains(&name.as_str()) {
            continue;
        }
        let themes = CODE_THEMES
            .iter()
            .map(|t| format!("`{t}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let hint = match crate::nearest::nearest(name, CODE_THEMES.iter().copied()) {
            Some(nearest) => {
                crate::t!(
                    "unknown_code_theme_nearest_hint",
                    nearest = nearest,
                    themes = themes
                )
            }
            None => crate::t!("unknown_code_theme_hint", themes = themes),
        };
        let (line, column) = find_key(text, key);
        diagnostics.push(
            Diagnostic::error(
                path,
                crate::t!("unknown_code_theme", key = key, name = name),
            )
            .at(line, column)
            .hint(hint),
        );
        *name = default;
    }
}

#[cfg(test)]
mod tests {
    use crate::config::tests::parse_str;

    #[test]
    fn an_unknown_code_theme_is_an_error_at_its_line() {
        let (config, diags) =
            parse_str("[book]\ntitle = \"T\"\n[render]\ncode-theme-dark = \"base16-ocean-dark\"\n");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].is_error());
        assert_eq!(config.unwrap().render.code_theme_dark, "base16-ocean.dark");
        assert_eq!((diags[0].line, diags[0].column), (4, 1));
        assert!(
            diags[0].message.contains("`base16-ocean-dark`"),
            "{}",
            diags[0].message
        );
        assert!(
            diags[0]
                .hint
                .as_deref()
                .unwrap_or("")
                .contains("`base16-ocean.dark`"),
            "{:?}",
            diags[0].hint
        );
        let (config, diags) = parse_str("[render]\ncode-theme-light = \"Solarized (light)\"\n");
        assert!(config.is_some(), "{diags:?}");
    }
}
