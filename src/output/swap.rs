//! Building into a staging folder and swapping it in only on success, so a
//! failed build leaves the last good site byte for byte as it was; and
//! putting things right after a build that was killed half way.
//!
//! Takes an `OutputFolder` (already checked, and locked by the caller);
//! writes only the output folder and its two siblings, the staging folder
//! and the replaced build. Yilnoma never deletes a file it did not write:
//! every folder it removes is empty or carries the marker.
//!
//! The swap is two renames: `public` → `.public.yilnoma-old`, then
//! `.public.yilnoma-staging` → `public`; the old build is then removed with
//! its marker last. A kill at any point leaves one of these states, and
//! `recover` (run by the next build, under the lock) turns each into a
//! complete site with no leftovers:
//!
//! | killed …                      | left behind                      | recover              |
//! | ----------------------------- | -------------------------------- | -------------------- |
//! | while staging or writing      | staging (marked or empty)        | removes it           |
//! | between the two renames       | no `public`, old and staging     | old back to `public` |
//! | while removing the old build  | old, marked or empty             | removes it           |

use crate::output::folder::{is_ours, is_ours_or_empty, OutputFolder, MARKER};
use anyhow::Result;
use std::path::{Path, PathBuf};

/// What `recover` found and did.
#[derive(Debug, PartialEq, Eq)]
pub enum Recovered {
    /// Nothing was left over.
    Nothing,
    /// Staging or old-build folders of a killed build were removed.
    Cleared,
    /// A build was killed between the renames: the previous site is back.
    RestoredPrevious,
}

/// Finishes or rolls back what a killed build left. Rolls back rather than
/// forward: a staging folder holds no sign that it was complete.
pub fn recover(out: &OutputFolder) -> Result<Recovered> {
    let (staging, old) = (out.staging(), out.old());
    let mut recovered = Recovered::Nothing;
    if out.path.symlink_metadata().is_err() && is_ours(&old) {
        crate::fs::rename(&old, &out.path)?;
        recovered = Recovered::RestoredPrevious;
    }
    for leftover in [staging, old] {
        if leftover.exists() && is_ours_or_empty(&leftover) {
            remove_marker_last(&leftover)?;
            if recovered == Recovered::Nothing {
                recovered = Recovered::Cleared;
            }
        }
    }
    Ok(recovered)
}

/// A fresh staging folder beside `out`, marked as ours from the start (so
/// a kill right after leaves a folder the next build may remove).
pub fn stage(out: &OutputFolder) -> Result<PathBuf> {
    let staging = out.staging();
    if staging.exists() {
        remove_marker_last(&staging)?;
    }
    crate::fs::create_dir_all(&staging)?;
    crate::fs::write(
        &staging.join(MARKER),
        "This folder was written by Yilnoma and is replaced on every build.\n",
    )?;
    crash_point(CrashPoint::Staged);
    Ok(staging)
}

/// How a swap ended.
#[derive(Debug)]
pub enum Swapped {
    Done,
    /// The new site is in place, but the one it replaced could not be
    /// removed (it stays marked, so the next build removes it).
    OldLeft(PathBuf, anyhow::Error),
}

/// Moves `staging` into place as `out`, then removes the previous build.
/// When the second rename fails, the first is undone, so `out` is never
/// left missing by an error.
pub fn swap_in(staging: &Path, out: &OutputFolder) -> Result<Swapped> {
    crash_point(CrashPoint::Written);
    if out.path.symlink_metadata().is_err() {
        crate::fs::rename(staging, &out.path)?;
        crash_point(CrashPoint::MovedIn);
        return Ok(Swapped::Done);
    }
    let old = out.old();
    if old.exists() {
        remove_marker_last(&old)?;
    }
    crate::fs::rename(&out.path, &old)?;
    crash_point(CrashPoint::MovedAside);
    if let Err(error) = crate::fs::rename(staging, &out.path) {
        // Put the previous site back; the caller discards the staging folder.
        let _ = std::fs::rename(&old, &out.path);
        return Err(error);
    }
    crash_point(CrashPoint::MovedIn);
    Ok(match remove_marker_last(&old) {
        Ok(()) => Swapped::Done,
        Err(error) => Swapped::OldLeft(old, error),
    })
}

/// Removes a Yilnoma folder with its marker last, so a build killed while
/// removing it leaves a folder the next build still knows as its own
/// (and removes) instead of one it must refuse.
fn remove_marker_last(dir: &Path) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        anyhow::Error::new(e).context(format!("failed to read `{}`", dir.display()))
    })?;
    let mut removed_one = false;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.file_name() == Some(std::ffi::OsStr::new(MARKER)) {
            continue;
        }
        if path.is_dir() && !path.is_symlink() {
            crate::fs::remove_dir_all(&path)?;
        } else {
            crate::fs::remove_file(&path)?;
        }
        if !removed_one {
            removed_one = true;
            crash_point(CrashPoint::RemovingOld);
        }
    }
    crate::fs::remove_dir_all(dir)
}

/// Removes a staging folder after a failed build.
pub fn discard(staging: &Path) {
    let _ = std::fs::remove_dir_all(staging);
}

/// True when this process may change `dir` (make and remove entries).
/// Asks the kernel, so root, a read-only mount and an immutable folder
/// (`chattr +i`, which binds root too) are each judged as the real
/// operation would be.
#[cfg(unix)]
pub fn may_change(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes())
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    // SAFETY: `path` is a NUL-terminated string that lives across the call.
    if unsafe { libc::access(path.as_ptr(), libc::W_OK | libc::X_OK) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(unix))]
pub fn may_change(dir: &Path) -> std::io::Result<()> {
    match std::fs::metadata(dir) {
        Ok(m) if m.permissions().readonly() => {
            Err(std::io::Error::from(std::io::ErrorKind::PermissionDenied))
        }
        Ok(_) => Ok(()),
        Err(e) => Err(e),
    }
}

/// The moments of a build at which a test may kill it (`YILNOMA_TEST_CRASH_AT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrashPoint {
    /// The staging folder exists with its marker.
    Staged,
    /// Some pages are written into the staging folder.
    Writing,
    /// Every file is written; the swap has not begun.
    Written,
    /// The previous build is renamed aside; the new one is not in place.
    MovedAside,
    /// The new build is in place; the previous one is not removed yet.
    MovedIn,
    /// Part of the previous build is removed; its marker is still there.
    RemovingOld,
}

impl CrashPoint {
    /// Every point, in the order a build passes them.
    pub const ALL: [CrashPoint; 6] = [
        CrashPoint::Staged,
        CrashPoint::Writing,
        CrashPoint::Written,
        CrashPoint::MovedAside,
        CrashPoint::MovedIn,
        CrashPoint::RemovingOld,
    ];

    /// The value of `YILNOMA_TEST_CRASH_AT` that stops a build here.
    pub fn name(self) -> &'static str {
        match self {
            CrashPoint::Staged => "staged",
            CrashPoint::Writing => "writing",
            CrashPoint::Written => "written",
            CrashPoint::MovedAside => "moved-aside",
            CrashPoint::MovedIn => "moved-in",
            CrashPoint::RemovingOld => "removing-old",
        }
    }
}

/// Kills the process here when `YILNOMA_TEST_CRASH_AT` names this point:
/// how the tests stop a build at every step of the swap, with no clean-up
/// run. Costs one environment lookup per build otherwise.
pub fn crash_point(point: CrashPoint) {
    static CHOSEN: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let chosen = CHOSEN.get_or_init(|| std::env::var("YILNOMA_TEST_CRASH_AT").ok());
    if chosen.as_deref() == Some(point.name()) {
        kill_self();
    }
}

/// SIGKILL, exactly what an impatient user or the OOM killer sends.
#[cfg(unix)]
fn kill_self() {
    // SAFETY: plain system calls with no pointers; the process ends here.
    unsafe {
        libc::kill(libc::getpid(), libc::SIGKILL);
    }
    std::process::abort();
}

#[cfg(not(unix))]
fn kill_self() {
    std::process::abort();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(dir: &Path, file: &str, text: &str) {
        std::fs::create_dir_all(dir.join("en")).unwrap();
        std::fs::write(dir.join(MARKER), "m").unwrap();
        std::fs::write(dir.join(file), text).unwrap();
    }

    fn output(root: &Path) -> OutputFolder {
        OutputFolder::resolve(root, &root.join("public")).unwrap()
    }

    #[test]
    fn a_half_removed_old_build_does_not_block_the_next_build() {
        let dir = tempfile::tempdir().unwrap();
        let out = output(dir.path());
        marked(&out.path, "index.html", "previous");
        // What a kill inside `remove_marker_last` leaves: some files, the marker.
        marked(&out.old(), "en/index.html", "older");
        assert!(out.check_ours().is_ok());
        assert_eq!(recover(&out).unwrap(), Recovered::Cleared);
        let staging = stage(&out).unwrap();
        std::fs::write(staging.join("index.html"), "new").unwrap();
        assert!(matches!(swap_in(&staging, &out).unwrap(), Swapped::Done));
        assert!(!out.old().exists());
        assert!(!out.staging().exists());
        let index = std::fs::read_to_string(out.path.join("index.html")).unwrap();
        assert_eq!(index, "new");
    }

    #[test]
    fn a_kill_between_the_renames_is_rolled_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = output(dir.path());
        marked(&out.old(), "index.html", "previous");
        marked(&out.staging(), "index.html", "new, maybe incomplete");
        assert_eq!(recover(&out).unwrap(), Recovered::RestoredPrevious);
        let index = std::fs::read_to_string(out.path.join("index.html")).unwrap();
        assert_eq!(index, "previous");
        assert!(!out.old().exists() && !out.staging().exists());
    }

    #[test]
    fn recovery_never_removes_a_foreign_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = output(dir.path());
        std::fs::create_dir_all(out.old()).unwrap();
        std::fs::write(out.old().join("mine.txt"), "not Yilnoma's").unwrap();
        assert_eq!(recover(&out).unwrap(), Recovered::Nothing);
        assert!(out.old().join("mine.txt").is_file());
        assert!(!out.path.exists());
    }
}
