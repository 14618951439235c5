//! Static files: the built-in theme's, then the site's static/ on top.

use crate::diag::{Diagnostic, Diagnostics};
use crate::output::sink::Sink;
use crate::theme;
use std::path::Path;

/// For a failed write into the staging folder: an environment problem.
pub const WRITE_HINT: &str = "check free disk space and the permissions of the output folder";

pub fn copy(root: &Path, sink: &dyn Sink, diagnostics: &Diagnostics) {
    let site_static = root.join("static");
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
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
        if !stays_inside(&real_root, entry.path()) {
            diagnostics.push(
                Diagnostic::warning(
                    entry.path(),
                    "not copied: it links to a file outside the site",
                )
                .hint("copy the file into static/ instead of linking to it"),
            );
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

/// The names (`img/map.png`) of every static file a build publishes: the
/// theme's and the site's, by the rules `copy` follows; what links to
/// images and files are checked against. Unreadable entries are left out
/// (`copy` reports them).
pub fn names(root: &Path) -> Vec<String> {
    let site_static = root.join("static");
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut names: Vec<String> = theme::STATIC_FILES
        .iter()
        .map(|(name, _)| (*name).to_string())
        .collect();
    if site_static.is_dir() {
        let walk = walkdir::WalkDir::new(&site_static)
            .follow_links(true)
            .into_iter()
            .filter_map(Result::ok);
        for entry in walk {
            if entry.file_type().is_file()
                && !crate::content::discover::is_editor_artifact(entry.path())
                && stays_inside(&real_root, entry.path())
            {
                let relative = entry
                    .path()
                    .strip_prefix(&site_static)
                    .unwrap_or(entry.path());
                names.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

/// True when `path`, with every link resolved, lies inside `real_root`.
fn stays_inside(real_root: &Path, path: &Path) -> bool {
    path.canonicalize()
        .is_ok_and(|real| real.starts_with(real_root))
}

/// One static file by its path under static/: the site's, else the theme's.
/// `Ok(None)` when neither has it, or the site's links outside the site
/// (`serve` copies a changed static file alone).
pub fn read_one(root: &Path, name: &str) -> anyhow::Result<Option<Vec<u8>>> {
    let path = root.join("static").join(name);
    if path.is_file() {
        let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        if !stays_inside(&real_root, &path) || crate::content::discover::is_editor_artifact(&path) {
            return Ok(None);
        }
        return crate::fs::read(&path).map(Some);
    }
    Ok(theme::STATIC_FILES
        .iter()
        .find(|(built_in, _)| *built_in == name)
        .map(|(_, bytes)| bytes.to_vec()))
}
