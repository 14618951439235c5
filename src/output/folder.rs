//! The output folder a build replaces: where `--out` really is, and whether
//! Yilnoma may replace it.
//!
//! Takes `--out` as given and the site root; returns an `OutputFolder` with
//! its real (absolute, links followed) path, or a refusal as a diagnostic.
//! Reads the disk (metadata only); never writes.
//!
//! Decision (issue 16): `--out` that is a symbolic link is **followed**. A
//! link to a deploy folder (`public -> /var/www/site`) is a common setup,
//! and the editor who made it means the folder it names; the build stages
//! beside that folder, swaps it in there and leaves the link as it was. The
//! folder it names must pass every check a plain `--out` passes (missing,
//! empty or ours; not the site or a source folder; not a mount point). A
//! link that names nothing is refused: it could point anywhere, and making
//! its folder would write where the editor never looked.

use crate::diag::Diagnostic;
use crate::model::path_text::escaped;
use crate::t;
use std::path::{Path, PathBuf};

/// Left in every output folder so the next build knows it may replace it.
pub const MARKER: &str = ".yilnoma-output";

/// Where a build writes, found once.
#[derive(Debug, Clone)]
pub struct OutputFolder {
    /// `--out` as the editor gave it, for messages.
    pub shown: PathBuf,
    /// Absolute, with every symbolic link on the way followed.
    pub path: PathBuf,
}

impl OutputFolder {
    /// Resolves `out` and refuses what no build may replace: the site
    /// itself or a folder above it, a file, a link to nothing, a path
    /// through a file, a mount point.
    pub fn resolve(root: &Path, out: &Path) -> Result<Self, Diagnostic> {
        let refuse = |message| Diagnostic::error(out, message).hint(t!("out_own_folder_hint"));
        let shown = escaped(out);
        let lexical = absolute(out);
        if let Some(file) = file_on_the_way(&lexical) {
            return Err(Diagnostic::error(
                out,
                t!("out_parent_is_file", out = shown, file = escaped(&file)),
            )
            .hint(t!("out_parent_is_file_hint", file = escaped(&file))));
        }
        let is_link = lexical.symlink_metadata().is_ok_and(|m| m.is_symlink());
        if is_link && !lexical.exists() {
            let target = std::fs::read_link(&lexical).unwrap_or_default();
            return Err(Diagnostic::error(
                out,
                t!("out_dangling_link", out = shown, target = escaped(&target)),
            )
            .hint(t!("out_dangling_link_hint")));
        }
        let path = real_path(&lexical);
        if real_path(root).starts_with(&path) || path.file_name().is_none() {
            return Err(refuse(t!("out_holds_sources", out = shown)));
        }
        if path.is_file() {
            return Err(refuse(t!("out_is_file", out = shown)));
        }
        if is_mount_point(&path) {
            return Err(Diagnostic::error(out, t!("out_mount_point", out = shown))
                .hint(t!("out_mount_point_hint", out = shown)));
        }
        Ok(Self {
            shown: out.to_path_buf(),
            path,
        })
    }

    /// Refuses an output folder inside a source folder of the site.
    pub fn check_not_in_sources(&self, root: &Path, content_dir: &Path) -> Result<(), Diagnostic> {
        let root = real_path(root);
        let sources = [
            real_path(&root.join(content_dir)),
            root.join("templates"),
            root.join("static"),
            root.join("src"),
        ];
        if sources.iter().any(|source| self.path.starts_with(source)) {
            return Err(Diagnostic::error(
                &self.shown,
                t!("out_in_source", out = escaped(&self.shown)),
            )
            .hint(t!("out_own_folder_hint")));
        }
        Ok(())
    }

    /// Refuses to go on when the folder, or a staging or old-build folder
    /// beside it, holds anything Yilnoma did not write: such folders are
    /// replaced or removed, and Yilnoma never deletes a file it did not write.
    pub fn check_ours(&self) -> Result<(), Diagnostic> {
        if !is_ours_or_empty(&self.path) {
            return Err(Diagnostic::error(
                &self.shown,
                t!("out_foreign", out = escaped(&self.shown)),
            )
            .hint(t!("out_foreign_hint", marker = MARKER)));
        }
        for sibling in [self.staging(), self.old()] {
            if sibling.is_file() || !is_ours_or_empty(&sibling) {
                return Err(Diagnostic::error(
                    &sibling,
                    t!(
                        "out_sibling_in_way",
                        out = escaped(&self.shown),
                        sibling = escaped(&sibling)
                    ),
                )
                .hint(t!("out_sibling_in_way_hint")));
            }
        }
        let lock = self.lock_file();
        if lock.symlink_metadata().is_ok() && !is_lock_file(&lock) {
            return Err(Diagnostic::error(
                &lock,
                t!(
                    "out_sibling_in_way",
                    out = escaped(&self.shown),
                    sibling = escaped(&lock)
                ),
            )
            .hint(t!("out_sibling_in_way_hint")));
        }
        Ok(())
    }

    /// The folder the next build is written into: `.public.yilnoma-staging`.
    pub fn staging(&self) -> PathBuf {
        self.sibling("yilnoma-staging")
    }

    /// Where the replaced build waits to be removed: `.public.yilnoma-old`.
    pub fn old(&self) -> PathBuf {
        self.sibling("yilnoma-old")
    }

    /// The file builds into this folder lock: `.public.yilnoma-lock`.
    pub fn lock_file(&self) -> PathBuf {
        self.sibling("yilnoma-lock")
    }

    /// The folder that holds the output folder and its siblings.
    pub fn parent(&self) -> &Path {
        // `resolve` refused a path without a file name, so there is a parent.
        self.path.parent().unwrap_or(&self.path)
    }

    /// `public` → `.public.<suffix>`, beside it (so on the same disk, and a
    /// rename moves it into place).
    fn sibling(&self, suffix: &str) -> PathBuf {
        let name = self
            .path
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().to_string());
        self.path.with_file_name(format!(".{name}.{suffix}"))
    }
}

/// True when `dir` is missing, empty, or carries the marker of an earlier build.
pub fn is_ours_or_empty(dir: &Path) -> bool {
    if !dir.is_dir() {
        return dir.symlink_metadata().is_err();
    }
    let empty = std::fs::read_dir(dir)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false);
    empty || is_ours(dir)
}

/// True when `path` is a lock file a build left: a regular file, empty or
/// holding a process id (what `lock.rs` writes), so Yilnoma may reuse and
/// remove it.
fn is_lock_file(path: &Path) -> bool {
    let is_file = path
        .symlink_metadata()
        .is_ok_and(|m| m.is_file() && m.len() < 64);
    is_file
        && std::fs::read_to_string(path)
            .is_ok_and(|text| text.trim().is_empty() || text.trim().parse::<u32>().is_ok())
}

/// True when `dir` carries the marker of an earlier build.
pub fn is_ours(dir: &Path) -> bool {
    dir.is_dir() && dir.join(MARKER).is_file()
}

/// `path` made absolute against the current folder, `.` and `..` resolved
/// without touching the disk (the folder may not exist yet).
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
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

/// The path with every link followed: its deepest existing ancestor
/// canonicalised, the rest (yet to be made) appended.
fn real_path(path: &Path) -> PathBuf {
    let path = absolute(path);
    for ancestor in path.ancestors() {
        if let Ok(real) = std::fs::canonicalize(ancestor) {
            let rest = path.strip_prefix(ancestor).unwrap_or(Path::new(""));
            return if rest.as_os_str().is_empty() {
                real
            } else {
                real.join(rest)
            };
        }
    }
    path
}

/// The first ancestor of `path` that exists but is not a folder (a file,
/// a link to nothing): no folder can be made under it.
fn file_on_the_way(path: &Path) -> Option<PathBuf> {
    path.ancestors()
        .skip(1)
        .find(|ancestor| ancestor.symlink_metadata().is_ok())
        .filter(|ancestor| !ancestor.is_dir())
        .map(Path::to_path_buf)
}

/// True when `dir` is the root of a mounted file system (another disk, a
/// volume, a bind mount of another device): the staging folder beside it
/// lies on another device and cannot be renamed into its place.
#[cfg(unix)]
fn is_mount_point(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let (Ok(own), Some(Ok(parent))) = (std::fs::metadata(dir), dir.parent().map(std::fs::metadata))
    else {
        return false;
    };
    own.is_dir() && own.dev() != parent.dev()
}

#[cfg(not(unix))]
fn is_mount_point(_dir: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(root: &Path, out: &Path) -> Result<OutputFolder, String> {
        OutputFolder::resolve(root, out).map_err(|d| d.message.to_string())
    }

    #[test]
    fn refuses_root_content_files_and_foreign_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        assert!(resolve(root, root)
            .unwrap_err()
            .contains("holds the site's sources"));
        let content = resolve(root, &root.join("content")).unwrap();
        assert!(content
            .check_not_in_sources(root, Path::new("content"))
            .is_err());
        std::fs::write(root.join("book.toml"), "").unwrap();
        assert!(resolve(root, &root.join("book.toml"))
            .unwrap_err()
            .contains("it is a file"));
        let under_file = resolve(root, &root.join("book.toml/public")).unwrap_err();
        assert!(
            under_file.contains("is a file, not a folder"),
            "{under_file}"
        );
        let foreign = root.join("docs-site");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("notes.txt"), "mine").unwrap();
        assert!(resolve(root, &foreign).unwrap().check_ours().is_err());
        let public = resolve(root, &root.join("public")).unwrap();
        assert!(public.check_ours().is_ok());
        std::fs::write(root.join(".public.yilnoma-lock"), "12345\n").unwrap();
        assert!(public.check_ours().is_ok(), "a lock file a build left");
        std::fs::write(root.join(".public.yilnoma-lock"), "my notes").unwrap();
        assert!(public.check_ours().is_err(), "a file of the editor's");
        std::fs::write(root.join(".public.yilnoma-lock"), "").unwrap();
        std::fs::create_dir_all(root.join(".public.yilnoma-staging/x")).unwrap();
        assert!(public.check_ours().is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_followed_and_a_dangling_link_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("deploy/site")).unwrap();
        std::os::unix::fs::symlink("deploy/site", root.join("public")).unwrap();
        let public = resolve(root, &root.join("public")).unwrap();
        let real = std::fs::canonicalize(root.join("deploy/site")).unwrap();
        assert_eq!(public.path, real);
        assert_eq!(
            public.staging(),
            real.with_file_name(".site.yilnoma-staging")
        );
        std::os::unix::fs::symlink("nowhere", root.join("gone")).unwrap();
        let dangling = resolve(root, &root.join("gone")).unwrap_err();
        assert!(
            dangling.contains("`nowhere`, which does not exist"),
            "{dangling}"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_mount_point_is_refused() {
        let error = resolve(Path::new("/nonexistent-site"), Path::new("/proc")).unwrap_err();
        assert!(error.contains("mount point"), "{error}");
    }
}
