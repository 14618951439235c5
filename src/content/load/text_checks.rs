//! Checks on the text of any content file: titles of only invisible
//! characters, control characters in values and bodies, and (as
//! warnings) apostrophe variants in Uzbek words.

use crate::content::front_matter::{self, Split};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::chars;
use crate::model::orthography;
use crate::model::site::EventText;
use std::path::Path;

/// A title of only invisible characters (zero-width spaces, a BOM…).
pub(super) fn invisible_title(split: &Split<'_>, title: &str, path: &Path) -> Diagnostic {
    Diagnostic::error(
        path,
        crate::t!("title_invisible", codes = chars::code_points(title)),
    )
    .at(
        front_matter::key_line(split, "title").unwrap_or(split.yaml_line),
        1,
    )
    .hint(crate::t!("title_invisible_hint"))
}

/// Front-matter values with a character no web page, feed or calendar can
/// carry (see `model::chars`): an error at the value's key.
pub(super) fn check_field_chars(
    split: &Split<'_>,
    strings: &[(&String, &'static str)],
    path: &Path,
    diagnostics: &Diagnostics,
) {
    for (value, key) in strings {
        if let Some((_, _, c)) = chars::first_forbidden(value) {
            diagnostics.push(
                Diagnostic::error(
                    path,
                    crate::t!("control_character", key = key, code = chars::code_point(c)),
                )
                .at(
                    front_matter::key_line(split, key).unwrap_or(split.yaml_line),
                    1,
                )
                .hint(crate::t!("control_character_hint")),
            );
        }
    }
}

/// The first raw control character or noncharacter of a body, at its line
/// and column (a NUL pasted from a PDF, an escape sequence from a terminal).
pub(super) fn check_body_chars(split: &Split<'_>, path: &Path, diagnostics: &Diagnostics) {
    if let Some((line, column, c)) = chars::first_forbidden(split.body) {
        diagnostics.push(
            Diagnostic::error(
                path,
                crate::t!("body_control_character", code = chars::code_point(c)),
            )
            .at(split.body_line + line, column)
            .hint(crate::t!("body_control_character_hint")),
        );
    }
}

pub(super) fn event_strings(text: &EventText) -> Vec<(&String, &'static str)> {
    let mut strings = vec![(&text.title, "title"), (&text.summary, "summary")];
    if let Some(place) = &text.place {
        strings.push((place, "place"));
    }
    strings.extend(text.tags.iter().map(|t| (t, "tags")));
    strings
}

/// Warns about apostrophe variants in front-matter values and the body
/// (code blocks and inline code excepted).
pub(super) fn check_apostrophes(
    split: &Split<'_>,
    body: &str,
    strings: &[(&String, &'static str)],
    path: &Path,
    diagnostics: &Diagnostics,
) {
    let warn = |finding: orthography::Finding, line: usize, column: usize| {
        diagnostics.push(
            Diagnostic::warning(path, crate::t!("apostrophe_variant", word = finding.word))
                .at(line, column)
                .hint(crate::t!(
                    "apostrophe_variant_hint",
                    word = finding.suggestion
                )),
        );
    };
    for (value, key) in strings {
        for finding in orthography::check(value) {
            let line = front_matter::key_line(split, key).unwrap_or(split.yaml_line);
            warn(finding, line, 1);
        }
    }
    // The open fence's character and length: ```` may hold ``` lines.
    let mut fence: Option<(char, usize)> = None;
    for (index, line) in body.lines().enumerate() {
        let trimmed = line.trim_start();
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = marker.map_or(0, |c| trimmed.chars().take_while(|x| *x == c).count());
        match (fence, marker) {
            (None, Some(c)) if run >= 3 => {
                fence = Some((c, run));
                continue;
            }
            (Some((open, length)), Some(c))
                if c == open && run >= length && trimmed[run..].trim().is_empty() =>
            {
                fence = None;
                continue;
            }
            _ => {}
        }
        if fence.is_some() {
            continue;
        }
        for finding in orthography::check_markdown_line(line) {
            let column = line[..finding.offset].chars().count() + 1;
            warn(finding, split.body_line + index, column);
        }
    }
}
