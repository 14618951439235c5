//! `std::fs` wrappers that name the path in every error.
//!
//! Every disk access of the library goes through here, so an I/O failure
//! always says which file it was about.

use anyhow::{Context, Result};
use std::path::Path;

pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("failed to read `{}`", path.display()))
}

pub fn read_to_string(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("failed to read `{}`", path.display()))
}

/// The largest file whose line is shown under its diagnostic.
pub const SHOWN_TEXT_LIMIT: u64 = 16 * 1024 * 1024;

/// The text of a regular file of at most `limit` bytes, for showing a
/// line of it beside a diagnostic; `None` for anything else (gone, a pipe
/// or device that would block or never end, too big, not UTF-8).
pub fn read_shown_text(path: &Path, limit: u64) -> Option<String> {
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_file() || metadata.len() > limit {
        return None;
    }
    std::fs::read_to_string(path).ok()
}

/// Why `read_regular_text` read nothing.
#[derive(Debug)]
pub enum NotRead {
    /// A named pipe, socket or device: a pipe blocks its reader forever
    /// and a device such as `/dev/zero` never ends, so it is not opened.
    NotRegular,
    /// Larger than the limit (its size in bytes).
    TooBig(u64),
    /// Missing, unreadable or not UTF-8.
    Failed(std::io::Error),
}

/// The text of the regular file at `path` (links followed) of at most
/// `limit` bytes; anything else is refused before it is opened.
pub fn read_regular_text(path: &Path, limit: u64) -> std::result::Result<String, NotRead> {
    let metadata = std::fs::metadata(path).map_err(NotRead::Failed)?;
    if !metadata.is_file() {
        return Err(NotRead::NotRegular);
    }
    if metadata.len() > limit {
        return Err(NotRead::TooBig(metadata.len()));
    }
    std::fs::read_to_string(path).map_err(NotRead::Failed)
}

/// True when `path`, every link resolved, lies inside `root` (also
/// resolved); false when either cannot be resolved.
pub fn is_inside(root: &Path, path: &Path) -> bool {
    match (root.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(path)) => path.starts_with(root),
        _ => false,
    }
}

pub fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, contents).with_context(|| format!("failed to write `{}`", path.display()))
}

/// Writes a new file; fails when anything, even a dangling symbolic link,
/// already has that name (`O_EXCL` never follows a link).
pub fn create_new(path: &Path, contents: impl AsRef<[u8]>) -> Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut file| file.write_all(contents.as_ref()))
        .with_context(|| format!("failed to create `{}`", path.display()))
}

pub fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path)
        .with_context(|| format!("failed to create folder `{}`", path.display()))
}

pub fn remove_dir_all(path: &Path) -> Result<()> {
    std::fs::remove_dir_all(path)
        .with_context(|| format!("failed to remove folder `{}`", path.display()))
}

pub fn remove_file(path: &Path) -> Result<()> {
    std::fs::remove_file(path).with_context(|| format!("failed to remove `{}`", path.display()))
}

pub fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to)
        .with_context(|| format!("failed to move `{}` to `{}`", from.display(), to.display()))
}

pub fn copy(from: &Path, to: &Path) -> Result<()> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    std::fs::copy(from, to)
        .map(|_| ())
        .with_context(|| format!("failed to copy `{}` to `{}`", from.display(), to.display()))
}

pub fn canonicalize(path: &Path) -> Result<std::path::PathBuf> {
    std::fs::canonicalize(path).with_context(|| format!("cannot find `{}`", path.display()))
}
