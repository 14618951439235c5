//! Copies the static files the loader listed (`content::theme_files`: the
//! built-in theme's, then the site's static/ on top) into a sink.

use crate::content::theme_files::StaticFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::sink::Sink;
use std::path::PathBuf;

/// For a failed write into the staging folder: an environment problem.
pub const WRITE_HINT: &str = "check free disk space and the permissions of the output folder";

/// Copies `files` (from `content::theme_files::list_static`) into `sink`.
pub fn copy(files: &[StaticFile], sink: &dyn Sink, diagnostics: &Diagnostics) {
    for file in files {
        let result = file
            .bytes()
            .and_then(|bytes| sink.write(&file.name, &bytes));
        if let Err(e) = result {
            let shown = file
                .path
                .clone()
                .unwrap_or_else(|| PathBuf::from(&file.name));
            diagnostics.push(Diagnostic::error(shown, format!("{e:#}")).hint(WRITE_HINT));
        }
    }
}
