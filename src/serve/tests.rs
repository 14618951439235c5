//! The serve loop's own steps: how signals become rebuilds, and how the
//! watch follows the site's folders through a full reload.

use super::*;
use std::cell::RefCell;
use std::sync::mpsc::channel;
use std::time::Duration;

/// Collects what the loop says and warns.
#[derive(Default)]
struct Captured {
    lines: RefCell<Vec<String>>,
}

impl Terminal for Captured {
    fn say(&self, line: &str) {
        self.lines.borrow_mut().push(line.to_string());
    }
    fn warn(&self, text: &str) {
        self.lines.borrow_mut().push(format!("warn: {text}"));
    }
}

fn changed(names: &[&str], at: Instant) -> Signal {
    let changes = names
        .iter()
        .map(|n| Change::Template(n.to_string()))
        .collect();
    Signal::Changed(changes, at)
}

#[test]
fn waiting_batches_become_one_rebuild_timed_from_the_earliest() {
    let (sender, receiver) = channel();
    let earlier = Instant::now();
    let later = earlier + Duration::from_millis(5);
    sender.send(changed(&["a.html"], later)).unwrap();
    sender
        .send(Signal::WatchFailed("too many files".into()))
        .unwrap();
    sender.send(changed(&["b.html"], earlier)).unwrap();
    let terminal = Captured::default();
    let expected = ["a.html", "b.html"]
        .iter()
        .map(|n| Change::Template(n.to_string()))
        .collect();
    assert_eq!(
        next_step(&receiver, false, &terminal),
        Step::Rebuild(expected, earlier)
    );
    assert_eq!(
        *terminal.lines.borrow(),
        ["warn: file watching: too many files"]
    );
}

#[test]
fn a_stop_among_waiting_batches_wins() {
    let (sender, receiver) = channel();
    sender.send(changed(&["a.html"], Instant::now())).unwrap();
    sender.send(Signal::Stop).unwrap();
    assert_eq!(
        next_step(&receiver, false, &Captured::default()),
        Step::Stop
    );
}

#[test]
fn listings_are_rendered_only_when_nothing_else_waits() {
    let (sender, receiver) = channel();
    let terminal = Captured::default();
    assert_eq!(next_step(&receiver, true, &terminal), Step::Listings);
    let at = Instant::now();
    sender.send(changed(&["a.html"], at)).unwrap();
    let expected = BTreeSet::from([Change::Template("a.html".into())]);
    assert_eq!(
        next_step(&receiver, true, &terminal),
        Step::Rebuild(expected, at)
    );
    drop(sender);
    assert_eq!(next_step(&receiver, false, &terminal), Step::Stop);
}

/// A temp copy of tests/fixtures/minimal, with its absolute root.
fn minimal_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
    copy_tree(&from, dir.path());
    let root = dir.path().canonicalize().unwrap();
    (dir, root)
}

/// Copies the folder tree `from` into `to`; the serve tests' one copy.
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Waits (bounded) until the watcher reports a change of `path`.
#[track_caller]
fn wait_for_change(reports: &Receiver<BTreeSet<Change>>, path: &Path) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let wanted = Change::Content(path.to_path_buf());
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let batch = reports
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("no change of `{}` reported", path.display()));
        if batch.contains(&wanted) {
            return;
        }
    }
}

// Run alone by test.sh (`--ignored`): inside the parallel unit-test run it
// has missed its file event since 6 Dec (passes alone and with one test
// thread; the interfering test is not found yet, see the closing note).
#[test]
#[ignore = "run alone by test.sh: misses its file event inside the parallel unit-test run"]
fn a_full_reload_watches_a_restored_or_moved_content_folder() {
    let (_dir, root) = minimal_site();
    let mut live = LiveSite::new(root.clone(), Drafts::Exclude);
    assert!(live.rebuild(BTreeSet::new()).result.is_ok());
    let (sender, reports) = channel();
    let mut watcher = Watcher::start(
        &root,
        Path::new("content"),
        WatchMode::Native,
        move |result| {
            if let Ok((changes, _)) = result {
                let _ = sender.send(changes);
            }
        },
    )
    .unwrap();
    let terminal = Captured::default();
    // content/ replaced by a copy: a new folder to the operating system.
    let content = root.join("content");
    std::fs::rename(&content, root.join("old-content")).unwrap();
    copy_tree(&root.join("old-content"), &content);
    let rebuild = rebuild_watched(
        &mut live,
        &mut watcher,
        BTreeSet::from([Change::Config]),
        &terminal,
    );
    assert!(rebuild.result.is_ok());
    let event = content.join("events/2021-declaration.uz.md");
    std::fs::write(
        &event,
        std::fs::read_to_string(&event).unwrap() + "\nYana.\n",
    )
    .unwrap();
    wait_for_change(&reports, &event);
    // book.toml names another content folder: the watch moves there.
    std::fs::rename(root.join("old-content"), root.join("texts")).unwrap();
    let book = std::fs::read_to_string(root.join("book.toml")).unwrap();
    std::fs::write(
        root.join("book.toml"),
        book.replace("[book]\n", "[book]\nsrc = \"texts\"\n"),
    )
    .unwrap();
    let rebuild = rebuild_watched(
        &mut live,
        &mut watcher,
        BTreeSet::from([Change::Config]),
        &terminal,
    );
    assert!(rebuild.result.is_ok(), "{:?}", rebuild.result.err());
    assert_eq!(watcher.content_dir(), Path::new("texts"));
    let moved = root.join("texts/events/2022-treaty.uz.md");
    std::fs::write(
        &moved,
        std::fs::read_to_string(&moved).unwrap() + "\nYana.\n",
    )
    .unwrap();
    wait_for_change(&reports, &moved);
    assert!(
        terminal.lines.borrow().is_empty(),
        "{:?}",
        terminal.lines.borrow()
    );
}
