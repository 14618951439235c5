//! Building into a staging folder and swapping it in only on success, so a
//! failed build leaves the last good site byte for byte as it was.
//!
//! Yilnoma never deletes a file it did not write: an output folder must be
//! empty, missing, or carry the marker file an earlier build left.

use crate::diag::Diagnostic;
use anyhow::Result;
use std::path::{Path, PathBuf};

/// Left in every output folder so the next build knows it may replace it.
pub const MARKER: &str = ".yilnoma-output";

fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Normalise `.` and `..` without touching the disk (the folder may not exist).
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Refuses output folders that would destroy the editor's work.
pub fn check_output_dir(root: &Path, content_dir: &Path, out: &Path) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let out_abs = absolute(out);
    let content = absolute(&root.join(content_dir));
    let refuse = |why: &str| {
        Diagnostic::error(
            out,
            format!("refusing to build into `{}`: {why}", out.display()),
        )
        .hint("choose a folder of its own, such as `--out public`")
    };
    if root.starts_with(&out_abs) {
        return Err(refuse("it holds the site's sources"));
    }
    for protected in [
        content.clone(),
        root.join("templates"),
        root.join("static"),
        root.join("src"),
    ] {
        if out_abs.starts_with(&protected) {
            return Err(refuse("it is inside a source folder"));
        }
    }
    if out_abs.is_file() {
        return Err(refuse("it is a file"));
    }
    if !is_ours_or_empty(&out_abs) {
        return Err(refuse("it holds files Yilnoma did not write").hint(format!(
            "Yilnoma only replaces folders it built (they hold `{MARKER}`); empty the folder or pick another"
        )));
    }
    // The staging and old-build folders beside `out` are removed too.
    for sibling in [sibling(&out_abs, STAGING), sibling(&out_abs, OLD)] {
        if sibling.is_file() || !is_ours_or_empty(&sibling) {
            return Err(Diagnostic::error(
                &sibling,
                format!(
                    "refusing to build into `{}`: `{}` is in the way and Yilnoma did not write it",
                    out.display(),
                    sibling.display()
                ),
            )
            .hint("move or delete that folder yourself, or choose another `--out`"));
        }
    }
    Ok(())
}

const STAGING: &str = "yilnoma-staging";
const OLD: &str = "yilnoma-old";

/// `public` → `.public.yilnoma-staging`, beside it.
fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map_or("public".into(), |n| n.to_string_lossy().to_string());
    out.with_file_name(format!(".{name}.{suffix}"))
}

/// True when `dir` is missing, empty, or carries the marker of an earlier build.
fn is_ours_or_empty(dir: &Path) -> bool {
    if !dir.is_dir() {
        return !dir.exists();
    }
    let empty = std::fs::read_dir(dir)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false);
    empty || dir.join(MARKER).is_file()
}

/// A fresh, empty staging folder beside `out`.
pub fn staging_dir(out: &Path) -> Result<PathBuf> {
    let staging = sibling(&absolute(out), STAGING);
    if staging.exists() {
        crate::fs::remove_dir_all(&staging)?;
    }
    crate::fs::create_dir_all(&staging)?;
    crate::fs::write(
        &staging.join(MARKER),
        "This folder was written by Yilnoma and is replaced on every build.\n",
    )?;
    Ok(staging)
}

/// Moves `staging` into place as `out`, removing the previous build.
pub fn swap_in(staging: &Path, out: &Path) -> Result<()> {
    let out = absolute(out);
    if out.exists() {
        let old = sibling(&out, OLD);
        if old.exists() {
            crate::fs::remove_dir_all(&old)?;
        }
        crate::fs::rename(&out, &old)?;
        crate::fs::rename(staging, &out)?;
        remove_marker_last(&old)?;
    } else {
        crate::fs::rename(staging, &out)?;
    }
    Ok(())
}

/// Removes an earlier build with its marker last, so a build killed while
/// removing it leaves a folder the next build still knows as its own
/// (and removes) instead of one it must refuse.
fn remove_marker_last(dir: &Path) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.file_name() == Some(std::ffi::OsStr::new(MARKER)) {
            continue;
        }
        if path.is_dir() && !path.is_symlink() {
            crate::fs::remove_dir_all(&path)?;
        } else {
            std::fs::remove_file(&path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        }
    }
    crate::fs::remove_dir_all(dir)
}

/// Removes a staging folder after a failed build.
pub fn discard(staging: &Path) {
    let _ = std::fs::remove_dir_all(staging);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_root_content_and_foreign_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output_dir(root, Path::new("content"), root).is_err());
        assert!(check_output_dir(root, Path::new("content"), &root.join("content")).is_err());
        let foreign = root.join("docs-site");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("notes.txt"), "mine").unwrap();
        assert!(check_output_dir(root, Path::new("content"), &foreign).is_err());
        assert!(check_output_dir(root, Path::new("content"), &root.join("public")).is_ok());
        std::fs::create_dir_all(root.join(".public.yilnoma-staging/x")).unwrap();
        assert!(check_output_dir(root, Path::new("content"), &root.join("public")).is_err());
    }

    #[test]
    fn a_half_removed_old_build_does_not_block_the_next_build() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let out = root.join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join(MARKER), "m").unwrap();
        // What a kill inside `remove_marker_last` leaves: some files, the marker.
        let old = root.join(".public.yilnoma-old");
        std::fs::create_dir_all(old.join("en/b")).unwrap();
        std::fs::write(old.join("en/b/index.html"), "x").unwrap();
        std::fs::write(old.join(MARKER), "m").unwrap();
        assert!(check_output_dir(root, Path::new("content"), &out).is_ok());
        let staging = staging_dir(&out).unwrap();
        std::fs::write(staging.join("index.html"), "new").unwrap();
        swap_in(&staging, &out).unwrap();
        assert!(!old.exists());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "new"
        );
        // Removal of the build just replaced went marker last, to the end.
        assert!(!root.join(".public.yilnoma-staging").exists());
    }
}
