//! Where things are written in a TOML text: 1-based line and column of a
//! byte offset or a key, and a TOML parse error as a diagnostic there.

use crate::diag::Diagnostic;
use std::path::Path;

pub(super) fn toml_error(path: &Path, text: &str, error: &toml::de::Error) -> Diagnostic {
    let (line, column) = error
        .span()
        .map(|span| line_column(text, span.start))
        .unwrap_or((1, 1));
    let message = error.message().trim().replace('\n', " ");
    Diagnostic::error(path, crate::t!("config_invalid", problem = message))
        .at(line, column)
        .hint(crate::t!("config_invalid_hint"))
}

/// 1-based line and column of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Where a key (or `table.key` header) is written, for warnings about it.
pub(super) fn find_key(text: &str, key: &str) -> (usize, usize) {
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        // `[kind."a b"]` is the table `kind.a b`: compare without the quotes.
        let header = trimmed
            .trim_start_matches('[')
            .trim_end_matches(']')
            .replace('"', "");
        let starts_key = trimmed
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if starts_key || header == key {
            return (index + 1, line.len() - trimmed.len() + 1);
        }
    }
    (1, 1)
}

/// Where `key = …` is written inside the table `[table]` (a dotted
/// `table.key = …` found by `find_key` too); the table's header when the
/// key is not on a line of its own.
pub(super) fn find_key_in_table(text: &str, table: &str, key: &str) -> (usize, usize) {
    let dotted = find_key(text, &format!("{table}.{key}"));
    if dotted != (1, 1) {
        return dotted;
    }
    let header = find_key(text, table);
    for (index, line) in text.lines().enumerate().skip(header.0) {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            break;
        }
        let starts_key = trimmed
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if starts_key {
            return (index + 1, line.len() - trimmed.len() + 1);
        }
    }
    header
}
