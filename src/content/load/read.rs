//! Reads one site file as text for the loader: refuses what is not a
//! regular file (a named pipe would block), files over 4 MB and text that
//! is not UTF-8 (at the first bad byte's line and column); line endings
//! are normalised so every position counts `\n` lines.

use crate::content::front_matter;
use crate::diag::{Diagnostic, Diagnostics};
use std::path::Path;

/// Files above this size are refused: no editor writes a 10 MB event.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

pub(super) fn read_text(path: &Path, diagnostics: &Diagnostics) -> Option<String> {
    let metadata = std::fs::metadata(path);
    if metadata.as_ref().is_ok_and(|m| !m.is_file()) {
        // Reading a named pipe blocks until someone writes to it.
        diagnostics.push(
            Diagnostic::error(
                path,
                "this is not a regular file (a named pipe, socket or device)",
            )
            .hint("remove it from the content folder: content holds only regular files"),
        );
        return None;
    }
    let size = metadata.map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        diagnostics.push(
            Diagnostic::error(
                path,
                format!(
                    "the file is {} MB; content files may be at most 4 MB",
                    size / (1024 * 1024)
                ),
            )
            .hint("split it into several events or pages, and put large data in static/"),
        );
        return None;
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(path, crate::t!("file_unreadable", reason = e))
                    .hint(crate::t!("file_unreadable_hint")),
            );
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(front_matter::normalise_line_endings(text)),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            diagnostics.push(
                Diagnostic::error(path, crate::t!("encoding_invalid"))
                    .at(line, column)
                    .hint(crate::t!("encoding_invalid_hint")),
            );
            None
        }
    }
}
