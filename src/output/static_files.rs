//! Static files: the built-in theme's, then the site's static/ on top.

use crate::diag::{Diagnostic, Diagnostics};
use crate::output::sink::Sink;
use crate::theme;
use std::path::{Path, PathBuf};

/// For a failed write into the staging folder: an environment problem.
pub const WRITE_HINT: &str = "check free disk space and the permissions of the output folder";

/// One static file to copy: its name under the output root and where its
/// bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    pub name: String,
    /// `None` for the built-in theme's copy.
    pub path: Option<PathBuf>,
}

/// The site's static files, and the theme's where the site has none of
/// that name; problems (broken links, links out of the site) are reported.
pub fn list(root: &Path, diagnostics: &Diagnostics) -> Vec<StaticFile> {
    let site_static = root.join("static");
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut files: Vec<StaticFile> = theme::STATIC_FILES
        .iter()
        .filter(|(name, _)| !site_static.join(name).is_file())
        .map(|(name, _)| StaticFile {
            name: name.to_string(),
            path: None,
        })
        .collect();
    if !site_static.is_dir() {
        return files;
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
        files.push(StaticFile {
            name: relative.to_string_lossy().replace('\\', "/"),
            path: Some(entry.path().to_path_buf()),
        });
    }
    files
}

/// Copies `files` (from `list`) into `sink`.
pub fn copy(files: &[StaticFile], sink: &dyn Sink, diagnostics: &Diagnostics) {
    for file in files {
        let result = match &file.path {
            None => theme::STATIC_FILES
                .iter()
                .find(|(name, _)| *name == file.name)
                .map_or(Ok(()), |(_, bytes)| sink.write(&file.name, bytes)),
            Some(path) => crate::fs::read(path).and_then(|bytes| sink.write(&file.name, &bytes)),
        };
        if let Err(e) = result {
            let shown = file
                .path
                .clone()
                .unwrap_or_else(|| PathBuf::from(&file.name));
            diagnostics.push(Diagnostic::error(shown, format!("{e:#}")).hint(WRITE_HINT));
        }
    }
}

/// True when `path`, with every link resolved, lies inside `real_root`.
fn stays_inside(real_root: &Path, path: &Path) -> bool {
    path.canonicalize()
        .is_ok_and(|real| real.starts_with(real_root))
}
