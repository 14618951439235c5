//! The output lock: one build at a time replaces an output folder.
//!
//! Takes the lock file's path (`.public.yilnoma-lock`, beside the output
//! folder, so the lock outlives the swap that renames the folder); returns a
//! guard that holds the operating system's advisory lock (`flock` on Unix,
//! `LockFileEx` on Windows, through `std::fs::File::lock`) until dropped.
//!
//! Decision (issue 16): a second build **waits** for the first, and says so.
//! Both were asked for; the later one may hold newer sources, and the site
//! it leaves is then complete, never a mixture. The lock belongs to the open
//! file, so the kernel frees it when its process ends, however it ends: a
//! killed build never blocks the next. On Unix the holder removes the file
//! before it lets go, and a build that got the lock of a file no longer at
//! that path (removed while it waited) tries again.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Holds the lock until dropped.
#[derive(Debug)]
pub struct OutputLock {
    path: PathBuf,
    // Dropping the file releases the lock; it is never read.
    _file: File,
}

/// What came of asking for the lock.
#[derive(Debug)]
pub enum Locked {
    Held(OutputLock),
    /// The file system has no locks (some network file systems): the build
    /// goes on, unguarded, and says so.
    Unsupported(io::Error),
}

impl OutputLock {
    /// Takes the lock at `path`, waiting as long as another process holds
    /// it; `on_wait` is told first, with that process's id when known.
    pub fn acquire(path: &Path, on_wait: &dyn Fn(Option<u32>)) -> io::Result<Locked> {
        loop {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    on_wait(holder(&mut file));
                    if let Err(error) = file.lock() {
                        return unsupported_or(error);
                    }
                }
                Err(TryLockError::Error(error)) => return unsupported_or(error),
            }
            if !still_at(&file, path) {
                continue;
            }
            // Who holds it, for a build that has to wait.
            file.set_len(0)?;
            writeln!(file, "{}", std::process::id())?;
            return Ok(Locked::Held(Self {
                path: path.to_path_buf(),
                _file: file,
            }));
        }
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked: a waiter then finds it gone and starts
        // over on a fresh file. Windows cannot remove an open file that
        // others have open too, so there the file stays (it is harmless).
        if cfg!(unix) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

fn unsupported_or(error: io::Error) -> io::Result<Locked> {
    if error.kind() == io::ErrorKind::Unsupported || is_no_locks(&error) {
        Ok(Locked::Unsupported(error))
    } else {
        Err(error)
    }
}

#[cfg(unix)]
fn is_no_locks(error: &io::Error) -> bool {
    matches!(error.raw_os_error(), Some(libc::ENOLCK | libc::EOPNOTSUPP))
}

#[cfg(not(unix))]
fn is_no_locks(_error: &io::Error) -> bool {
    false
}

/// The process id the holder wrote into the file.
fn holder(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

/// True when `path` still names the file we locked (the holder before us
/// may have removed it while we waited).
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(ours), Ok(there)) => ours.dev() == there.dev() && ours.ino() == there.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at(_file: &File, _path: &Path) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    fn held(path: &Path) -> OutputLock {
        match OutputLock::acquire(path, &|_| {}).unwrap() {
            Locked::Held(lock) => lock,
            Locked::Unsupported(e) => panic!("no locks here: {e}"),
        }
    }

    #[test]
    fn a_second_holder_waits_for_the_first_and_is_told_who_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".public.yilnoma-lock");
        let first = held(&path);
        let released = Arc::new(AtomicBool::new(false));
        let (told, waiting) = std::sync::mpsc::channel();
        let waiter = {
            let (path, released) = (path.clone(), Arc::clone(&released));
            std::thread::spawn(move || {
                let lock = OutputLock::acquire(&path, &|pid| told.send(pid).unwrap()).unwrap();
                // Only after the first let go.
                assert!(released.load(Ordering::SeqCst));
                drop(lock);
            })
        };
        let pid = waiting
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("the second holder was told it waits");
        assert_eq!(pid, Some(std::process::id()));
        released.store(true, Ordering::SeqCst);
        drop(first);
        waiter.join().unwrap();
        if cfg!(unix) {
            assert!(!path.exists(), "the last holder removes the lock file");
        }
    }
}
