//! Issue 16: edits that break the site for a while (an event's files
//! renamed, content/ deleted and restored, book.toml broken, a FIFO among
//! the content files) end, once fixed, in the same files a full build
//! serves; in between, the last good site stays.

use super::*;

#[test]
fn renaming_an_events_files_matches_a_full_build() {
    let (_dir, root) = fixture("minimal");
    let mut session = Session::start(&root);
    let new_uz = "content/events/2021-joint-declaration.uz.md";
    let new_en = "content/events/2021-joint-declaration.en.md";
    // Both languages in one batch, as `mv` of two files arrives.
    session
        .rename_all(&[(EVENT, new_uz), (EN_EVENT, new_en)])
        .unwrap();
    session.assert_same_as_full_build();
    assert!(session
        .files
        .get("events/2021-declaration/index.html")
        .is_none());
    assert!(session
        .files
        .get("en/events/2021-joint-declaration/index.html")
        .is_some());
    // Back again, one language per batch: in between, the Uzbek text is
    // one event and the English text another.
    session.rename(new_uz, EVENT).unwrap();
    session.assert_same_as_full_build();
    session.rename(new_en, EN_EVENT).unwrap();
    session.assert_same_as_full_build();
    assert!(session
        .files
        .get("events/2021-joint-declaration/index.html")
        .is_none());
}

#[test]
fn deleting_and_restoring_content_matches_a_full_build() {
    let (_dir, root) = fixture("minimal");
    let mut session = Session::start(&root);
    let before = session.files.snapshot();
    let content = root.join("content");
    let kept = root.parent().unwrap().join(format!(
        "{}-content-kept",
        root.file_name().unwrap().to_string_lossy()
    ));
    crate::serve::tests::copy_tree(&content, &kept);
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .collect();
    std::fs::remove_dir_all(&content).unwrap();
    // The watcher reports every file and folder, and the folder itself.
    let errors = session.rebuild(session.changes(&files)).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("the content folder does not exist")),
        "{errors:?}"
    );
    assert_eq!(session.files.snapshot(), before, "the last good site stays");
    // Restored with an edit made in the meantime.
    crate::serve::tests::copy_tree(&kept, &content);
    std::fs::remove_dir_all(&kept).unwrap();
    let edited = session.read(EVENT).replace("imzolandi", "qayta imzolandi");
    std::fs::write(root.join(EVENT), edited).unwrap();
    let everything = session.rebuild(session.changes(&[content])).unwrap();
    assert!(everything, "a restored folder is loaded whole");
    session.assert_same_as_full_build();
    assert!(String::from_utf8_lossy(
        &session
            .files
            .get("events/2021-declaration/index.html")
            .unwrap()
    )
    .contains("qayta imzolandi"));
}

#[test]
fn fixing_a_broken_book_toml_matches_a_full_build() {
    let (_dir, root) = fixture("minimal");
    let mut session = Session::start(&root);
    let before = session.files.snapshot();
    let book = session.read("book.toml");
    let errors = session
        .edit("book.toml", &book.replace("[kind.visit]", "[kind.visit"))
        .unwrap_err();
    assert!(
        errors.iter().any(|e| e.path.ends_with("book.toml")),
        "{errors:?}"
    );
    assert_eq!(session.files.snapshot(), before, "the last good site stays");
    // An event edit while book.toml is broken waits with it.
    let edited = session.read(EVENT).replace("imzolandi", "tuzatildi");
    assert!(session.edit(EVENT, &edited).is_err());
    assert_eq!(session.files.snapshot(), before);
    // The fix brings both in.
    let renamed = book.replace("title = \"Sinov\"", "title = \"Sinov sayti\"");
    assert_eq!(session.edit("book.toml", &renamed), Ok(true));
    session.assert_same_as_full_build();
    let page = session
        .files
        .get("events/2021-declaration/index.html")
        .unwrap();
    let page = String::from_utf8_lossy(&page);
    assert!(page.contains("tuzatildi") && page.contains("Sinov sayti"));
}

#[test]
fn a_site_started_with_a_broken_book_toml_is_served_once_fixed() {
    let (_dir, root) = fixture("minimal");
    let book = std::fs::read_to_string(root.join("book.toml")).unwrap();
    std::fs::write(root.join("book.toml"), "[book\n").unwrap();
    let mut live = LiveSite::new(root.clone(), Drafts::Exclude);
    assert!(live.rebuild(BTreeSet::new()).result.is_err());
    assert_eq!(live.content_dir(), None, "nothing loaded yet");
    std::fs::write(root.join("book.toml"), book).unwrap();
    let files = SiteFiles::new();
    files.apply(
        live.rebuild(BTreeSet::from([Change::Config]))
            .result
            .unwrap(),
    );
    assert_eq!(files.snapshot(), fresh(&root));
}

#[cfg(unix)]
#[test]
fn a_fifo_among_the_content_files_is_an_error_until_it_goes() {
    let (_dir, root) = fixture("minimal");
    let mut session = Session::start(&root);
    let before = session.files.snapshot();
    for name in ["content/events/2024-pipe.uz.md", "content/events/pipe"] {
        let fifo = root.join(name);
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("run mkfifo");
        assert!(made.success());
        // Nothing opens the pipe: a rebuild that did would hang here.
        let errors = session
            .rebuild(session.changes(std::slice::from_ref(&fifo)))
            .unwrap_err();
        assert!(
            errors
                .iter()
                .any(|e| e.message.contains("not a regular file") && e.path == fifo),
            "{name}: {errors:?}"
        );
        assert_eq!(session.files.snapshot(), before, "the last good site stays");
        std::fs::remove_file(&fifo).unwrap();
        session.rebuild(session.changes(&[fifo])).unwrap();
        session.assert_same_as_full_build();
    }
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_site_is_refused_as_a_full_build_refuses_it() {
    let (_dir, root) = fixture("minimal");
    let mut session = Session::start(&root);
    let before = session.files.snapshot();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("secret.uz.md");
    std::fs::write(&target, session.read(EVENT).replace("Deklaratsiya", "Sir")).unwrap();
    let link = root.join("content/events/2024-secret.uz.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let errors = session
        .rebuild(session.changes(std::slice::from_ref(&link)))
        .unwrap_err();
    assert!(errors.iter().any(|e| e.path == link), "{errors:?}");
    assert_eq!(
        session.files.snapshot(),
        before,
        "nothing from outside is served"
    );
    std::fs::remove_file(&link).unwrap();
    session.rebuild(session.changes(&[link])).unwrap();
    session.assert_same_as_full_build();
}
