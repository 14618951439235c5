//! Where rendered files go: a folder on disk (`build`) or memory (`serve`,
//! `check`). Paths are relative to the output root, `/`-separated.

use crate::output::swap::{self, CrashPoint};
use crate::output::{failure, placement};
use anyhow::{Context, Result};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::Mutex;
use std::thread::JoinHandle;

pub trait Sink: Sync {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()>;

    /// `write` for bytes the caller no longer needs: a sink that keeps
    /// files (`MemorySink`, under `serve`) takes them without a copy.
    fn write_owned(&self, path: &str, bytes: Vec<u8>) -> Result<()> {
        self.write(path, &bytes)
    }
}

/// Refuses an output path that could leave the output root or that no file
/// system stores the same way: empty, absolute, a `..` or `.` segment, an
/// empty segment, a backslash, a colon or a control character.
///
/// Ids are validated at load; this is the second line of defence, so a
/// mistake there still cannot write outside the output folder.
pub fn check_output_path(path: &str) -> Result<()> {
    let bad_segment = |segment: &str| segment.is_empty() || segment == "." || segment == "..";
    let trimmed = path.strip_suffix('/').unwrap_or(path);
    if path.is_empty()
        || path.starts_with('/')
        || trimmed.split('/').any(bad_segment)
        || path
            .chars()
            .any(|c| c == '\\' || c == ':' || c.is_control())
    {
        anyhow::bail!(
            "refused to write `{}`: the path would not stay inside the output folder",
            crate::model::path_text::escape(path)
        );
    }
    Ok(())
}

/// Files rendered but not yet written that the disk writer may hold: enough
/// to keep it busy, few enough (a few MB) not to grow memory with the site.
const WRITE_QUEUE: usize = 512;

/// A file the disk writer could not write, with its path under the root.
pub type WriteFailure = (String, anyhow::Error);

/// Writes under a folder, on a thread of its own.
///
/// Rendering runs on every core; creating files does not get faster that
/// way. On ext4, every new inode is found by scanning the group's bitmap,
/// and without a journal the scan also steps over every inode freed in the
/// last minutes (`recently_deleted`), so after a previous output was
/// deleted each file costs hundreds of microseconds of kernel time. Threads
/// creating files side by side repeat the same scan and contend for the
/// same locks: measured on a 10,000-event build, one writer thread spends
/// half the kernel time that every rendering thread writing its own pages
/// did (docs/benchmarks). So renderers hand finished pages to one writer,
/// which also remembers the folders it made and never asks the disk again.
pub struct DiskSink {
    queue: Option<SyncSender<(String, Vec<u8>)>>,
    writer: Option<JoinHandle<Vec<WriteFailure>>>,
}

impl DiskSink {
    pub fn new(root: &Path) -> Self {
        let (queue, pages) = sync_channel::<(String, Vec<u8>)>(WRITE_QUEUE);
        let root = root.to_path_buf();
        let writer = std::thread::Builder::new()
            .name("yilnoma-writer".into())
            .spawn(move || {
                let mut writer = FolderWriter::new(root);
                let mut failures: Vec<WriteFailure> = Vec::new();
                for (path, bytes) in pages {
                    if writer.stopped {
                        // Drained unwritten, so the renderers never block.
                        continue;
                    }
                    if let Err(error) = writer.write(&path, &bytes) {
                        writer.stopped =
                            failure::io_kind(&error).is_some_and(failure::is_whole_disk);
                        failures.push((path, error));
                    }
                }
                if failures.is_empty() {
                    failures.extend(writer.finish());
                }
                failures
            })
            .expect("spawning the writer thread: the OS refused a thread");
        Self {
            queue: Some(queue),
            writer: Some(writer),
        }
    }

    /// Waits until every file is on disk; returns the ones that failed.
    pub fn finish(mut self) -> Vec<WriteFailure> {
        self.close()
    }

    fn close(&mut self) -> Vec<WriteFailure> {
        drop(self.queue.take());
        match self.writer.take().map(JoinHandle::join) {
            Some(Ok(failures)) => failures,
            Some(Err(_)) => vec![(String::new(), anyhow::anyhow!("the writer thread panicked"))],
            None => Vec::new(),
        }
    }
}

impl Drop for DiskSink {
    fn drop(&mut self) {
        self.close();
    }
}

impl Sink for DiskSink {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        check_output_path(path)?;
        let queue = self.queue.as_ref().expect("the queue lives until finish()");
        queue
            .send((path.to_string(), bytes.to_vec()))
            .map_err(|_| anyhow::anyhow!("failed to write `{path}`: the writer thread stopped"))
    }
}

/// Writes files under `root`, making each folder once. Top-level folders
/// are made under provisional names and renamed when all is written (see
/// `placement`).
struct FolderWriter {
    root: PathBuf,
    nonce: String,
    /// Set by a failure of the whole disk or folder (full, read-only, no
    /// permission): one message says it, and the rest is not tried.
    stopped: bool,
    written: usize,
    /// `YILNOMA_TEST_DISK_FULL_AFTER`: how the tests run out of space.
    disk_full_after: Option<usize>,
    /// Real name of each top-level folder → the name it has until `finish`.
    provisional: BTreeMap<String, PathBuf>,
    made: HashSet<PathBuf>,
}

impl FolderWriter {
    fn new(root: PathBuf) -> Self {
        placement::spread_subfolders(&root);
        Self {
            root,
            nonce: placement::build_nonce(),
            stopped: false,
            written: 0,
            disk_full_after: std::env::var("YILNOMA_TEST_DISK_FULL_AFTER")
                .ok()
                .and_then(|n| n.parse().ok()),
            provisional: BTreeMap::new(),
            made: HashSet::new(),
        }
    }

    fn write(&mut self, path: &str, bytes: &[u8]) -> Result<()> {
        let full = match path.split_once('/') {
            Some((top, rest)) => self.top_folder(top)?.join(rest),
            None => self.root.join(path),
        };
        if let Some(parent) = full.parent() {
            if !self.made.contains(parent) {
                crate::fs::create_dir_all(parent)?;
                self.made.extend(parent.ancestors().map(Path::to_path_buf));
            }
        }
        if self
            .disk_full_after
            .is_some_and(|limit| self.written >= limit)
        {
            return Err(
                anyhow::Error::new(std::io::Error::from(std::io::ErrorKind::StorageFull))
                    .context(format!("failed to write `{}`", full.display())),
            );
        }
        std::fs::write(&full, bytes)
            .with_context(|| format!("failed to write `{}`", full.display()))?;
        self.written += 1;
        if self.written == 1 {
            swap::crash_point(CrashPoint::Writing);
        }
        Ok(())
    }

    fn top_folder(&mut self, name: &str) -> Result<&Path> {
        if !self.provisional.contains_key(name) {
            let folder = self.root.join(format!(".{name}.{}", self.nonce));
            crate::fs::create_dir_all(&folder)?;
            self.made.insert(folder.clone());
            self.provisional.insert(name.to_string(), folder);
        }
        Ok(&self.provisional[name])
    }

    /// Gives every top-level folder its real name.
    fn finish(self) -> Vec<WriteFailure> {
        let root = self.root;
        self.provisional
            .into_iter()
            .filter_map(|(name, folder)| {
                crate::fs::rename(&folder, &root.join(&name))
                    .err()
                    .map(|e| (name, e))
            })
            .collect()
    }
}

/// Keeps every file in memory, sorted by path.
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl MemorySink {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemorySink {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.write_owned(path, bytes.to_vec())
    }

    fn write_owned(&self, path: &str, bytes: Vec<u8>) -> Result<()> {
        check_output_path(path)?;
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(path.to_string(), bytes);
        Ok(())
    }
}

/// Discards everything: `check` renders to find errors, not to write.
/// It accepts any path, since it writes none.
pub struct NullSink;

impl Sink for NullSink {
    fn write(&self, _path: &str, _bytes: &[u8]) -> Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_paths_are_refused_by_every_writing_sink() {
        let root = tempfile::tempdir().unwrap();
        let site = root.path().join("public");
        std::fs::create_dir(&site).unwrap();
        let disk = DiskSink::new(&site);
        let memory = MemorySink::new();
        let hostile = [
            "../escaped/index.html",
            "en/../../escaped.html",
            "/etc/passwd",
            "",
            "a//b.html",
            "./x.html",
            "a\\..\\b.html",
            "c:/x.html",
            "a/\n/b.html",
        ];
        for path in hostile {
            for sink in [&disk as &dyn Sink, &memory] {
                let error = sink.write(path, b"x").unwrap_err().to_string();
                assert!(
                    error.contains("inside the output folder"),
                    "{path:?}: {error}"
                );
            }
        }
        assert!(disk.finish().is_empty());
        assert!(!root.path().join("escaped").exists());
        assert!(!root.path().join("escaped.html").exists());
        assert!(memory.into_files().is_empty());
    }

    #[test]
    fn ordinary_paths_are_written() {
        let memory = MemorySink::new();
        for path in [
            "index.html",
            "en/events/a-b/index.html",
            "tags/x/",
            "atom.xml",
        ] {
            memory.write(path, b"x").unwrap();
        }
        assert_eq!(memory.into_files().len(), 4);
    }
}
