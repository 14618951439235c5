//! notify → debounced file events → `Change`s: what kind of input changed.
//!
//! Watches content/, templates/, static/ (recursively) and the site root
//! (not recursively, for book.toml and for those folders appearing). Editors'
//! swap, backup and temporary files are dropped here, so a save that writes a
//! temporary file and renames it over the real one is seen as one change of
//! the real file. Those folders are watched afresh before every full
//! reload (`Watcher::rewatch`): one deleted and restored, or replaced, is a
//! new folder to the operating system. Never reads the files themselves.
//!
//! Changes are noticed through the operating system's events (inotify,
//! FSEvents, ReadDirectoryChangesW) or, with `serve --poll` or when those
//! cannot be had (the inotify watch limit), by re-scanning the watched
//! folders: file systems without native events (WSL2's Windows drives,
//! network shares, some container mounts) still get live reload.

use crate::content::discover::is_editor_artifact;
use notify_debouncer_full::notify::{
    self, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode,
};
use notify_debouncer_full::{
    new_debouncer, new_debouncer_opt, DebounceEventResult, DebouncedEvent, Debouncer,
    RecommendedCache,
};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// Quiet time after the last file event before a batch is handed on: long
/// enough to merge an editor's write-then-rename (their events come within
/// a millisecond or two), short enough that a save is served within 50 ms
/// of its first file event at 10,000 events (30 ms left only a few ms to
/// spare; measured in docs/benchmarks). A save split across two batches
/// costs one extra rebuild: the first may show the half-saved file, or its
/// error, until the second rebuilds from the finished file a moment later.
const DEBOUNCE: Duration = Duration::from_millis(10);

/// How long the serve loop waits after a batch for another. The debouncer
/// hands on each file's events once they are `DEBOUNCE` old, checking
/// every quarter of it: two files saved together (an event's Uzbek and
/// English files), or one file's create and write, often come a check
/// apart. Merged, they cost one rebuild instead of two (at 10,000 events a
/// second rebuild of a new event added about 60 ms).
pub const NEXT_BATCH: Duration = Duration::from_micros(DEBOUNCE.as_micros() as u64 / 4 + 1_000);

/// How often `--poll` re-scans the site's folders: a save shows within
/// about half a second. A scan reads every watched file (see
/// `Backend::start`), which is why polling is a choice or a fallback, not
/// the default.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// How file changes are noticed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WatchMode {
    /// The operating system tells of each change.
    Native,
    /// The folders are re-scanned every interval (`serve --poll`).
    Poll(Duration),
}

/// Which input changed, and so what has to be rebuilt.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// book.toml, an interface-strings file, or a watched folder appearing:
    /// everything is reloaded.
    Config,
    /// A file under templates/, by its name there (`event.html`).
    Template(String),
    /// A file or folder under static/, by its path there (`css/site.css`).
    Static(String),
    /// A Markdown or data file under the content folder (absolute path).
    Content(PathBuf),
    /// Something else under content/ (a folder moved or removed): the
    /// whole content folder is reloaded.
    ContentTree,
}

impl Change {
    /// The changed input as the terminal shows it.
    pub fn describe(&self, root: &Path) -> String {
        match self {
            Change::Config => "book.toml".into(),
            Change::Template(name) => format!("templates/{name}"),
            Change::Static(name) => format!("static/{name}"),
            Change::Content(path) => path
                .strip_prefix(root)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/"),
            Change::ContentTree => "the content folder".into(),
        }
    }
}

/// True for the temporary files editors and tools write beside the real
/// one: everything `is_editor_artifact` knows, plus Vim's write probe
/// (`4913`), `x.md.tmp.1234` and JetBrains' `___jb_tmp___` / `___jb_old___`.
pub fn is_transient(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    is_editor_artifact(path)
        || (!name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()))
        || name.ends_with("___")
        || name.ends_with(".crswap")
        || name.ends_with(".kate-swp")
        || name
            .rsplit_once(".tmp.")
            .is_some_and(|(_, tail)| tail.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Sorts one changed path into a `Change`; `None` for paths that do not
/// affect the site (editor files, the output folder, other root files).
pub fn classify(root: &Path, content_dir: &Path, path: &Path) -> Option<Change> {
    let relative = path.strip_prefix(root).ok()?;
    if relative.as_os_str().is_empty()
        || relative
            .iter()
            .any(|c| c.to_str().is_none_or(|c| c.starts_with('.')))
        || is_transient(path)
    {
        return None;
    }
    let text = relative.to_string_lossy().replace('\\', "/");
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if let Ok(in_content) = relative.strip_prefix(content_dir) {
        if in_content.as_os_str().is_empty() {
            return Some(Change::Config);
        }
        return match extension {
            "md" | "yaml" | "yml" => Some(Change::Content(path.to_path_buf())),
            // No extension: most likely a folder created, moved or removed.
            "" => Some(Change::ContentTree),
            // Images and other stray files: a build ignores them too.
            _ => None,
        };
    }
    if let Some(name) = text.strip_prefix("templates/") {
        return Some(if extension == "toml" {
            Change::Config
        } else {
            Change::Template(name.to_string())
        });
    }
    if let Some(name) = text.strip_prefix("static/") {
        return Some(Change::Static(name.to_string()));
    }
    match text.as_str() {
        "book.toml" | "templates" | "static" => Some(Change::Config),
        // A folder the content folder lies in (`src = "site/content"`)
        // appeared, moved or went away.
        _ if content_dir.starts_with(relative) => Some(Change::Config),
        _ => None,
    }
}

/// The debounced watcher of either mode.
enum Backend {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, RecommendedCache>),
}

impl Backend {
    fn start(
        mode: WatchMode,
        handler: impl Fn(DebounceEventResult) + Send + 'static,
    ) -> notify::Result<Self> {
        Ok(match mode {
            WatchMode::Native => Backend::Native(new_debouncer(DEBOUNCE, None, handler)?),
            WatchMode::Poll(interval) => {
                // Links are not followed: the loader refuses those that
                // leave the site, and a link loop must not be walked.
                // Contents are compared too: notify's poller compares
                // modification times in whole seconds only, so a second
                // save within the second of the last scan would be missed.
                let config = notify::Config::default()
                    .with_poll_interval(interval)
                    .with_compare_contents(true)
                    .with_follow_symlinks(false);
                Backend::Poll(new_debouncer_opt(
                    DEBOUNCE,
                    None,
                    handler,
                    RecommendedCache::new(),
                    config,
                )?)
            }
        })
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Backend::Native(debouncer) => debouncer.watch(path, mode),
            Backend::Poll(debouncer) => debouncer.watch(path, mode),
        }
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        match self {
            Backend::Native(debouncer) => debouncer.unwatch(path),
            Backend::Poll(debouncer) => debouncer.unwatch(path),
        }
    }
}

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    debouncer: Backend,
    /// The mode in use: `Poll` also when native events could not be had.
    mode: WatchMode,
    watched: BTreeSet<PathBuf>,
    root: PathBuf,
    /// The content folder relative to the root, as the last good book.toml
    /// names it; shared with the event thread, which sorts paths by it.
    content_dir: Arc<RwLock<PathBuf>>,
}

impl Watcher {
    /// Watches the site under `root` (absolute); every debounced batch of
    /// changes, with the time of its first file event, or a watch error,
    /// goes to `report`.
    ///
    /// In `WatchMode::Native`, when the operating system refuses to watch
    /// (the inotify watch limit, a file system without events), the
    /// watcher falls back to polling; `mode` tells which one runs.
    pub fn start(
        root: &Path,
        content_dir: &Path,
        mode: WatchMode,
        report: impl Fn(Result<(BTreeSet<Change>, Instant), String>) + Send + Sync + 'static,
    ) -> anyhow::Result<Self> {
        let content_dir = Arc::new(RwLock::new(content_dir.to_path_buf()));
        let report = Arc::new(report);
        let handler = || {
            let root = root.to_path_buf();
            let content_dir = Arc::clone(&content_dir);
            let report = Arc::clone(&report);
            move |result: DebounceEventResult| match result {
                Ok(events) => {
                    let content_dir = read_lock(&content_dir).clone();
                    if let Some(batch) = sort_events(&root, &content_dir, &events) {
                        report(Ok(batch));
                    }
                }
                Err(errors) => {
                    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                    report(Err(text.join("; ")));
                }
            }
        };
        let first = Self::start_mode(root, &content_dir, mode, handler());
        match (first, mode) {
            (Ok(watcher), _) => Ok(watcher),
            (Err(_), WatchMode::Native) => Self::start_mode(
                root,
                &content_dir,
                WatchMode::Poll(POLL_INTERVAL),
                handler(),
            ),
            (Err(e), WatchMode::Poll(_)) => Err(e),
        }
    }

    fn start_mode(
        root: &Path,
        content_dir: &Arc<RwLock<PathBuf>>,
        mode: WatchMode,
        handler: impl Fn(DebounceEventResult) + Send + 'static,
    ) -> anyhow::Result<Self> {
        let debouncer = Backend::start(mode, handler)?;
        let mut watcher = Self {
            debouncer,
            mode,
            watched: BTreeSet::new(),
            root: root.to_path_buf(),
            content_dir: Arc::clone(content_dir),
        };
        watcher
            .debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| anyhow::anyhow!("cannot watch `{}`: {e}", root.display()))?;
        watcher.watch_folders()?;
        Ok(watcher)
    }

    /// How changes are noticed: `Poll` also after a fallback.
    pub fn mode(&self) -> WatchMode {
        self.mode
    }

    /// The content folder paths are sorted by.
    pub fn content_dir(&self) -> PathBuf {
        read_lock(&self.content_dir).clone()
    }

    /// Watches the site's folders afresh, under `content_dir` from now on.
    /// Called before a rebuild that reloads everything: a folder that was
    /// deleted and made again, or moved away and another put in its place,
    /// is a new folder the old watch does not see (inotify watches the
    /// folder, not its name), and a book.toml that now names another
    /// content folder moves the watch there. Changes made before the new
    /// watch are read by the rebuild that follows.
    pub fn rewatch(&mut self, content_dir: &Path) -> anyhow::Result<()> {
        *self.content_dir.write().unwrap_or_else(|e| e.into_inner()) = content_dir.to_path_buf();
        for folder in std::mem::take(&mut self.watched) {
            // Gone already when the folder was deleted: nothing to undo.
            let _ = self.debouncer.unwatch(&folder);
        }
        self.watch_folders()
    }

    /// Starts watching the site's folders that exist and are not watched yet.
    fn watch_folders(&mut self) -> anyhow::Result<()> {
        let content_dir = self.content_dir();
        for folder in [
            self.root.join(content_dir),
            self.root.join("templates"),
            self.root.join("static"),
        ] {
            if folder.is_dir() && !self.watched.contains(&folder) {
                self.debouncer
                    .watch(&folder, RecursiveMode::Recursive)
                    .map_err(|e| anyhow::anyhow!("cannot watch `{}`: {e}", folder.display()))?;
                self.watched.insert(folder);
            }
        }
        Ok(())
    }
}

/// One debounced batch as `Change`s, with the time of its earliest file
/// event; `None` when no event concerned the site.
fn sort_events(
    root: &Path,
    content_dir: &Path,
    events: &[DebouncedEvent],
) -> Option<(BTreeSet<Change>, Instant)> {
    let mut first_event: Option<Instant> = None;
    let mut changes = BTreeSet::new();
    for event in events
        .iter()
        .filter(|e| !matches!(e.kind, EventKind::Access(_)))
    {
        let mut classified = event
            .paths
            .iter()
            .filter_map(|p| classify(root, content_dir, p))
            .peekable();
        // The debouncer orders events per path, not overall: take the
        // earliest, not the first.
        if classified.peek().is_some() {
            first_event = Some(first_event.map_or(event.time, |t| t.min(event.time)));
        }
        changes.extend(classified);
    }
    first_event.map(|first| (changes, first))
}

fn read_lock(lock: &RwLock<PathBuf>) -> std::sync::RwLockReadGuard<'_, PathBuf> {
    // Only a path is behind the lock: a panicked writer left it whole.
    lock.read().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sort(path: &str) -> Option<Change> {
        classify(Path::new("/site"), Path::new("content"), Path::new(path))
    }

    #[test]
    fn sorts_site_files_into_changes() {
        assert_eq!(sort("/site/book.toml"), Some(Change::Config));
        assert_eq!(
            sort("/site/content/events/a.uz.md"),
            Some(Change::Content("/site/content/events/a.uz.md".into()))
        );
        assert_eq!(
            sort("/site/content/data/trade.yaml"),
            Some(Change::Content("/site/content/data/trade.yaml".into()))
        );
        assert_eq!(sort("/site/content/events"), Some(Change::ContentTree));
        assert_eq!(
            sort("/site/templates/event.html"),
            Some(Change::Template("event.html".into()))
        );
        assert_eq!(sort("/site/templates/i18n/uz.toml"), Some(Change::Config));
        assert_eq!(
            sort("/site/static/css/x.css"),
            Some(Change::Static("css/x.css".into()))
        );
        assert_eq!(sort("/site/templates"), Some(Change::Config));
    }

    #[test]
    fn a_folder_holding_the_content_folder_reloads_everything() {
        let nested = |path: &str| {
            classify(
                Path::new("/site"),
                Path::new("src/content"),
                Path::new(path),
            )
        };
        assert_eq!(nested("/site/src"), Some(Change::Config));
        assert_eq!(nested("/site/src/content"), Some(Change::Config));
        assert_eq!(nested("/site/content"), None);
        assert_eq!(
            nested("/site/src/content/events/a.uz.md"),
            Some(Change::Content("/site/src/content/events/a.uz.md".into()))
        );
    }

    #[test]
    fn ignores_editor_files_and_other_folders() {
        for path in [
            "/site/content/events/.a.uz.md.swp",
            "/site/content/events/a.uz.md~",
            "/site/content/events/.#a.uz.md",
            "/site/content/events/4913",
            "/site/content/events/a.uz.md.tmp.1234",
            "/site/content/events/a.uz.md___jb_tmp___",
            "/site/templates/.base.html.swp",
            "/site/public/index.html",
            "/site/.git/index",
            "/site/README.md",
            "/site/content/events/photo.jpg",
            "/elsewhere/book.toml",
        ] {
            assert_eq!(sort(path), None, "{path}");
        }
    }
}
