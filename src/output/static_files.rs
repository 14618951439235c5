//! Static files: the built-in theme's, then the site's static/ on top.

use crate::diag::{Diagnostic, Diagnostics};
use crate::output::sink::Sink;
use crate::theme;
use std::path::Path;

/// For a failed write into the staging folder: an environment problem.
pub const WRITE_HINT: &str = "check free disk space and the permissions of the output folder";

pub fn copy(root: &Path, sink: &dyn Sink, diagnostics: &Diagnostics) {
    let site_static = root.join("static");
    for (name, bytes) in theme::STATIC_FILES {
        if site_static.join(name).is_file() {
            continue;
        }
        if let Err(e) = sink.write(name, bytes) {
            diagnostics.push(Diagnostic::error(Path::new(name), format!("{e:#}")).hint(WRITE_HINT));
        }
    }
    if !site_static.is_dir() {
        return;
    }
    for entry in walkdir::WalkDir::new(&site_static)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(&site_static).to_path_buf();
                diagnostics.push(
                    Diagnostic::error(path, format!("cannot read: {e}"))
                        .hint("remove the broken or looping link"),
                );
                continue;
            }
        };
        if !entry.file_type().is_file()
            || crate::content::discover::is_editor_artifact(entry.path())
        {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(&site_static)
            .unwrap_or(entry.path());
        let name = relative.to_string_lossy().replace('\\', "/");
        let result = crate::fs::read(entry.path()).and_then(|bytes| sink.write(&name, &bytes));
        if let Err(e) = result {
            diagnostics.push(
                Diagnostic::error(entry.path(), format!("{e:#}"))
                    .hint("check that the file is readable and the disk has room"),
            );
        }
    }
}
