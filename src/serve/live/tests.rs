//! The incremental rebuild against a full build: each test serves a
//! fixture copy, edits it, and compares every served file with what a fresh
//! load of the edited site serves.

use super::*;
use crate::serve::files::SiteFiles;

/// A temp copy of tests/fixtures/<name>, with its absolute root.
fn fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let target = dir.path().join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    let root = dir.path().canonicalize().unwrap();
    (dir, root)
}

/// What a fresh `serve` (a full build) would serve for the site as it is now.
fn fresh(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let files = SiteFiles::new();
    let output = LiveSite::new(root.to_path_buf(), Drafts::Exclude)
        .rebuild(BTreeSet::new())
        .result
        .unwrap_or_else(|e| panic!("{e:?}"));
    files.apply(output);
    files.snapshot()
}

/// How long one rebuild may take before the test calls it a hang: far
/// above any debug build on a busy machine; only a hang waits this long.
const PATIENCE: std::time::Duration = std::time::Duration::from_secs(60);

/// Runs `step` on `live` in a thread of its own and waits at most
/// `PATIENCE` for it (a hang fails the test instead of stalling the suite).
fn within_patience<T: Send + 'static>(
    live: &mut LiveSite,
    step: impl FnOnce(&mut LiveSite) -> T + Send + 'static,
) -> T {
    let mut moved = std::mem::replace(live, LiveSite::new(PathBuf::new(), Drafts::Exclude));
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let result = step(&mut moved);
        let _ = sender.send((moved, result));
    });
    let (back, result) = receiver
        .recv_timeout(PATIENCE)
        .expect("the rebuild did not finish: a hang");
    *live = back;
    result
}

/// Serves `root`, then edits: each edit writes files and names its changes.
struct Session {
    root: PathBuf,
    live: LiveSite,
    files: SiteFiles,
    last_pages: usize,
    /// The files the last rebuild wrote (both steps).
    last_written: BTreeSet<String>,
}

impl Session {
    fn start(root: &Path) -> Self {
        let mut live = LiveSite::new(root.to_path_buf(), Drafts::Exclude);
        let files = SiteFiles::new();
        files.apply(live.rebuild(BTreeSet::new()).result.unwrap());
        Self {
            root: root.to_path_buf(),
            live,
            files,
            last_pages: 0,
            last_written: BTreeSet::new(),
        }
    }

    /// Writes `text` to `relative` and rebuilds; returns whether it
    /// succeeded and whether it replaced everything.
    fn edit(&mut self, relative: &str, text: &str) -> Result<bool, Vec<Diagnostic>> {
        self.edit_all(&[(relative, text)])
    }

    /// Writes several files, then rebuilds them as one batch.
    fn edit_all(&mut self, edits: &[(&str, &str)]) -> Result<bool, Vec<Diagnostic>> {
        let mut paths = Vec::new();
        for (relative, text) in edits {
            let path = self.root.join(relative);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
            paths.push(path);
        }
        let changes = self.changes(&paths);
        assert_eq!(changes.len(), edits.len(), "every edit is a site file");
        self.rebuild(changes)
    }

    /// Moves `from` to `to` (either may be in a subfolder) and rebuilds
    /// both names as one batch, as the watcher reports a rename.
    fn rename(&mut self, from: &str, to: &str) -> Result<bool, Vec<Diagnostic>> {
        self.rename_all(&[(from, to)])
    }

    /// Several moves, rebuilt as one batch.
    fn rename_all(&mut self, moves: &[(&str, &str)]) -> Result<bool, Vec<Diagnostic>> {
        let mut paths = Vec::new();
        for (from, to) in moves {
            let (from, to) = (self.root.join(from), self.root.join(to));
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::rename(&from, &to).unwrap();
            paths.extend([from, to]);
        }
        let changes = self.changes(&paths);
        self.rebuild(changes)
    }

    /// What the watcher reports for `paths` (absolute), editor files and
    /// paths outside the site left out.
    fn changes(&self, paths: &[PathBuf]) -> BTreeSet<Change> {
        paths
            .iter()
            .filter_map(|p| crate::serve::watch::classify(&self.root, Path::new("content"), p))
            .collect()
    }

    /// Rebuilds `changes` as one batch, then the listings it left for
    /// later, as the serve loop does; returns whether the first step
    /// replaced everything. Bounded: a rebuild that hangs fails the test.
    fn rebuild(&mut self, changes: BTreeSet<Change>) -> Result<bool, Vec<Diagnostic>> {
        let output = within_patience(&mut self.live, |live| live.rebuild(changes)).result?;
        let everything = output.replace_all;
        self.last_pages = output.pages;
        self.last_written = output.files.keys().cloned().collect();
        self.files.apply(output);
        while self.live.has_listings() {
            let listings = self.live.rebuild_listings().result?;
            self.last_pages += listings.pages;
            self.last_written.extend(listings.files.keys().cloned());
            self.files.apply(listings);
        }
        Ok(everything)
    }

    fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.root.join(relative)).unwrap()
    }

    #[track_caller]
    fn assert_same_as_full_build(&self) {
        let incremental = self.files.snapshot();
        let full = fresh(&self.root);
        let differ: Vec<&String> = full
            .keys()
            .chain(incremental.keys())
            .filter(|k| full.get(*k) != incremental.get(*k))
            .collect();
        assert!(differ.is_empty(), "differ from a full build: {differ:?}");
        // The plan too (what each file is and which source asked for it:
        // collisions are reported from it, and the next edit reads it).
        let mut planned = LiveSite::new(self.root.clone(), Drafts::Exclude);
        assert!(planned.rebuild(BTreeSet::new()).result.is_ok());
        if let (Some(kept), Some(planned)) = (&self.live.loaded, &planned.loaded) {
            let kept: Vec<_> = kept.inventory.files().collect();
            let planned: Vec<_> = planned.inventory.files().collect();
            assert!(kept == planned, "the inventory differs from a full plan");
        }
    }
}

const EVENT: &str = "content/events/2021-declaration.uz.md";
const EN_EVENT: &str = "content/events/2021-declaration.en.md";

#[test]
fn an_event_edit_renders_only_its_pages_and_matches_a_full_build() {
    let (_dir, root) = fixture("minimal");
    let mut session = Session::start(&root);
    let text = session.read(EVENT);
    let body_only = format!("{text}\nYana bir jumla.\n");
    assert_eq!(session.edit(EVENT, &body_only), Ok(false));
    assert_eq!(session.last_pages, 2, "the event's page in uz and en alone");
    session.assert_same_as_full_build();
    let edited = text.replace("Deklaratsiya imzolandi.", "Yangi xulosa.");
    assert_eq!(session.edit(EVENT, &edited), Ok(false), "incremental");
    assert!(session.last_pages > 2, "the timelines show the summary");
    session.assert_same_as_full_build();
    // A new date moves the event past its neighbour: both pages change.
    let en_text = session.read(EN_EVENT).replace("2021-12-06", "2023-01-05");
    let uz_text = edited.replace("2021-12-06", "2023-01-05");
    let moved = session.edit_all(&[(EVENT, &uz_text), (EN_EVENT, &en_text)]);
    assert_eq!(moved, Ok(false));
    session.assert_same_as_full_build();
}

#[test]
fn events_in_subfolders_and_renames_match_a_full_build() {
    let (_dir, root) = fixture("minimal");
    let mut session = Session::start(&root);
    let uz = "content/events/2024/2024-meeting.uz.md";
    let en = "content/events/english/2024-meeting.en.md";
    let body = |title: &str| {
        format!("---\ntitle: {title}\ndate: 2024-05-01\nkind: visit\nsummary: S.\n---\n{title}.\n")
    };
    // New files in two subfolders pair into one event.
    session.edit(uz, &body("Uchrashuv")).unwrap();
    session.edit(en, &body("Meeting")).unwrap();
    session.assert_same_as_full_build();
    // An edit is read from the subfolder (it used to 404 the page).
    session.edit(uz, &body("Muzokaralar")).unwrap();
    session.assert_same_as_full_build();
    let page = |session: &Session, path: &str| {
        String::from_utf8_lossy(&session.files.snapshot()[path]).to_string()
    };
    assert!(page(&session, "events/2024-meeting/index.html").contains("Muzokaralar."));
    // Moved to another folder: the same event.
    session
        .rename(uz, "content/events/archive/2024-meeting.uz.md")
        .unwrap();
    session.assert_same_as_full_build();
    assert!(page(&session, "events/2024-meeting/index.html").contains("Muzokaralar."));
    // Renamed to a new slug: the Uzbek text leaves, the English stays.
    session
        .rename(
            "content/events/archive/2024-meeting.uz.md",
            "content/events/archive/2024-talks.uz.md",
        )
        .unwrap();
    session.assert_same_as_full_build();
    assert!(page(&session, "events/2024-meeting/index.html").contains("Meeting."));
    assert!(page(&session, "events/2024-talks/index.html").contains("Muzokaralar."));
}

#[test]
fn tag_and_kind_changes_match_a_full_build() {
    let (_dir, root) = fixture("minimal");
    let mut session = Session::start(&root);
    let text = session.read(EVENT);
    let more_tags = text.replace("[\"ittifoqchilik\"]", "[\"ittifoqchilik\", \"chegara\"]");
    assert_eq!(session.edit(EVENT, &more_tags), Ok(false), "a new tag page");
    session.assert_same_as_full_build();
    assert_eq!(session.edit(EVENT, &text), Ok(false), "a tag page goes");
    assert!(session.files.get("tags/chegara/index.html").is_none());
    session.assert_same_as_full_build();
    // An untranslated event is listed on the other language's tag pages too.
    let untranslated = "content/events/2022-treaty.uz.md";
    let treaty = session.read(untranslated);
    let tagged = treaty.replacen("kind: treaty", "kind: treaty\ntags: [\"chegara\"]", 1);
    assert_eq!(session.edit(untranslated, &tagged), Ok(false));
    session.assert_same_as_full_build();
    let visit = text.replace("kind: treaty", "kind: visit");
    let en_visit = session
        .read(EN_EVENT)
        .replace("kind: treaty", "kind: visit");
    let moved = session.edit_all(&[(EVENT, &visit), (EN_EVENT, &en_visit)]);
    assert_eq!(moved, Ok(false), "the treaty kind page goes");
    session.assert_same_as_full_build();
}

#[test]
fn new_and_deleted_events_match_a_full_build() {
    let (_dir, root) = fixture("minimal");
    let mut session = Session::start(&root);
    let new = "content/events/2024-meeting.uz.md";
    let text = "---\ntitle: \"Uchrashuv\"\ndate: 2024-03-01\nkind: visit\nsummary: \"Qisqa.\"\n---\n\nMatn.\n";
    assert_eq!(session.edit(new, text), Ok(false));
    session.assert_same_as_full_build();
    std::fs::remove_file(root.join(new)).unwrap();
    let changes = session.changes(&[root.join(new)]);
    assert_eq!(session.rebuild(changes), Ok(false));
    session.assert_same_as_full_build();
    assert!(session
        .files
        .get("events/2024-meeting/index.html")
        .is_none());
    // Every event removed, one by one: the last leaves an empty timeline.
    for event in [EVENT, EN_EVENT, "content/events/2022-treaty.uz.md"] {
        std::fs::remove_file(root.join(event)).unwrap();
        let changes = session.changes(&[root.join(event)]);
        assert!(session.rebuild(changes).is_ok(), "{event} removed");
        session.assert_same_as_full_build();
    }
}

#[test]
fn template_edits_match_a_full_build() {
    let (_dir, root) = fixture("minimal");
    let mut session = Session::start(&root);
    let event_html = crate::theme::TEMPLATES
        .iter()
        .find(|(n, _)| *n == "event.html")
        .unwrap()
        .1;
    let marked = format!("{event_html}{{# edited #}}");
    assert_eq!(session.edit("templates/event.html", &marked), Ok(false));
    session.assert_same_as_full_build();
    let base = crate::theme::TEMPLATES
        .iter()
        .find(|(n, _)| *n == "base.html")
        .unwrap()
        .1
        .replace("<body", "<body data-edited");
    assert_eq!(session.edit("templates/base.html", &base), Ok(false));
    assert!(
        String::from_utf8(session.files.get("404.html").unwrap().to_vec())
            .unwrap()
            .contains("data-edited")
    );
    session.assert_same_as_full_build();
}

#[test]
fn a_component_edit_renders_the_pages_calling_it_and_matches_a_full_build() {
    let (_dir, root) = fixture("minimal");
    let mut session = Session::start(&root);
    let event_html = crate::theme::TEMPLATES
        .iter()
        .find(|(n, _)| *n == "event.html")
        .unwrap()
        .1
        .replacen(
            "{% block main %}",
            "{% block main %}{{ <badge text=\"x\" /> }}",
            1,
        );
    let badge = |tag: &str| {
        format!("{{% component badge(text) %}}<{tag} class=\"badge\">{{{{ text }}}}</{tag}>{{% endcomponent badge %}}")
    };
    let ui = "templates/partials/ui.html";
    session
        .edit_all(&[(ui, &badge("b")), ("templates/event.html", &event_html)])
        .unwrap();
    session.assert_same_as_full_build();
    // Only the event pages call it: two events in two languages.
    assert_eq!(session.edit(ui, &badge("i")), Ok(false));
    assert_eq!(session.last_pages, 4);
    session.assert_same_as_full_build();
    let page = session
        .files
        .get("en/events/2021-declaration/index.html")
        .unwrap();
    assert!(String::from_utf8_lossy(&page).contains("<i class=\"badge\">x</i>"));
}

#[test]
fn a_failed_edit_is_undone_and_retried_with_the_next_one() {
    let (_dir, root) = fixture("minimal");
    let mut session = Session::start(&root);
    let before = session.files.snapshot();
    let good = session.read(EVENT);
    let errors = session
        .edit(EVENT, &good.replace("kind: treaty", "kind: nonsense"))
        .unwrap_err();
    assert!(
        errors.iter().any(|e| e.message.contains("unknown kind")),
        "{errors:?}"
    );
    assert_eq!(session.files.snapshot(), before, "the last good site stays");
    // Fixing the file alone (no other change) is enough.
    assert_eq!(
        session.edit(EVENT, &good.replace("imzolandi", "tuzatildi")),
        Ok(false)
    );
    session.assert_same_as_full_build();
}

/// Issue 13: an edit that breaks a link or an anchor is an error under
/// `serve` too, and the last good site stays.
#[test]
fn an_edit_with_a_broken_link_is_an_error_and_keeps_the_site() {
    let (_dir, root) = fixture("minimal");
    let mut session = Session::start(&root);
    let before = session.files.snapshot();
    let good = session.read(EVENT);
    for (broken, message) in [
        (
            "[x](/en/events/2022-traety/)",
            "this site has no page `/en/events/2022-traety/`",
        ),
        (
            "[x](/img/none.png)",
            "this site publishes no file `/img/none.png`",
        ),
        ("[x](#nowhere)", "no heading with the id `nowhere`"),
    ] {
        let errors = session
            .edit(EVENT, &format!("{good}\n\n{broken}\n"))
            .unwrap_err();
        assert!(
            errors.iter().any(|e| e.message.contains(message)),
            "{broken}: {errors:?}"
        );
        assert_eq!(session.files.snapshot(), before, "the last good site stays");
    }
    let fixed = format!("{good}\n\n[x](/events/2022-treaty/)\n");
    assert!(session.edit(EVENT, &fixed).is_ok());
    session.assert_same_as_full_build();
}

#[test]
fn static_file_edits_match_a_full_build() {
    let (_dir, root) = fixture("minimal");
    let mut session = Session::start(&root);
    session.edit("static/extra.css", "a {}").unwrap();
    session.assert_same_as_full_build();
    // The site's copy of a theme file wins, and the theme's is back once it goes.
    session.edit("static/style.css", "body {}").unwrap();
    session.assert_same_as_full_build();
    let style = root.join("static/style.css");
    std::fs::remove_file(&style).unwrap();
    session.rebuild(session.changes(&[style])).unwrap();
    session.assert_same_as_full_build();
    assert!(
        session.files.get("style.css").is_some(),
        "the theme's stylesheet"
    );
    // A folder made with files in it, renamed, then deleted.
    session
        .edit_all(&[
            ("static/img/a.svg", "<svg/>"),
            ("static/img/b/c.svg", "<svg/>"),
        ])
        .unwrap();
    session.assert_same_as_full_build();
    session.rename("static/img", "static/pictures").unwrap();
    session.assert_same_as_full_build();
    assert!(session.files.get("img/a.svg").is_none());
    let pictures = root.join("static/pictures");
    std::fs::remove_dir_all(&pictures).unwrap();
    session.rebuild(session.changes(&[pictures])).unwrap();
    session.assert_same_as_full_build();
    assert!(session.files.get("pictures/b/c.svg").is_none());
}

#[test]
fn serve_makes_the_files_a_build_makes() {
    for name in [
        "minimal",
        "publish",
        "docs_section",
        "cyrillic_edition",
        "search_scopes",
    ] {
        let (_dir, root) = fixture(name);
        let served = fresh(&root);
        let diagnostics = Diagnostics::new();
        let loaded = site::load(&root, None, Drafts::Exclude, &diagnostics).unwrap();
        let sink = MemorySink::new();
        site::render(&loaded, &sink, &diagnostics);
        let built = sink.into_files();
        let differ: Vec<&String> = built
            .keys()
            .chain(served.keys())
            .filter(|k| built.get(*k) != served.get(*k))
            .collect();
        assert!(
            differ.is_empty(),
            "{name}: serve and build differ: {differ:?}"
        );
    }
}

mod kept_summaries;
mod recovery;
mod split_site;
