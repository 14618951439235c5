//! Issue 17: on a site split into years and pages, every kind of event
//! edit (body, entry, place and tags, a date that moves it, another year,
//! a tag left) serves what a full build would: only the listing pages an
//! edit moved or changed are rendered, so these tests catch a page missed.

use super::*;

/// The `listings` fixture (a split timeline, two events a page) with
/// forty events over ten years (more than the home page lists), each with
/// tags, places and bodies.
pub(super) fn split_site() -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = fixture("listings");
    // A second kind, for events that change kind.
    let book = root.join("book.toml");
    let config = std::fs::read_to_string(&book).unwrap().replace(
        "[render]",
        "[kind.visit]\nlabel = { uz = \"Tashrif\", en = \"Visit\" }\n\n[render]",
    );
    std::fs::write(&book, config).unwrap();
    for n in 0..40 {
        let year = 2019 + n / 4;
        let month = 1 + (n % 4) * 3;
        let tag = ["savdo", "chegara", "suv"][n % 3];
        for lang in ["uz", "en"] {
            let path = root.join(format!("content/events/e{n:02}.{lang}.md"));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(
                path,
                format!(
                    "---\ntitle: \"Voqea {n} {lang}\"\ndate: {year}-{month:02}-10\nkind: treaty\n\
                     tags: [\"{tag}\", \"hamkorlik\"]\nplace: \"Toshkent\"\n\
                     summary: \"Qisqa mazmun {n}.\"\n---\n\nMatn {n}: savdo va suv haqida so‘z.\n"
                ),
            )
            .unwrap();
        }
    }
    (dir, root)
}

/// (path, text) pairs as `Session::edit_all` takes them.
pub(super) fn as_edits<'a>(
    files: impl Iterator<Item = &'a (String, String)>,
) -> Vec<(&'a str, &'a str)> {
    files.map(|(p, t)| (p.as_str(), t.as_str())).collect()
}

#[test]
fn edits_on_a_split_site_match_a_full_build() {
    let (_dir, root) = split_site();
    let mut session = Session::start(&root);
    let (uz, en) = ("content/events/e05.uz.md", "content/events/e05.en.md");
    let (uz_text, en_text) = (session.read(uz), session.read(en));
    let both = |change: &dyn Fn(&str) -> String| [change(&uz_text), change(&en_text)];
    let steps = [
        // The body only: the event's pages and the publishing files.
        both(&|t| t.replace("Matn 5:", "Matn 5: yangi so‘zlar, eskisi ketdi:")),
        // Words leave the index, a new word in the title, a new summary.
        both(&|t| {
            t.replace("savdo va suv", "bug‘doy")
                .replace("Voqea 5", "Yangi nom 5")
                .replace("Qisqa mazmun 5", "Boshqa xulosa")
        }),
        // A new place and a tag the site already has.
        both(&|t| {
            t.replace("Toshkent", "Ostona")
                .replace("\"hamkorlik\"]", "\"hamkorlik\", \"suv\"]")
        }),
        // A new day in the same year, before its neighbour: the event moves.
        both(&|t| t.replace("2020-04-10", "2020-01-02")),
        // Another year.
        both(&|t| t.replace("2020-04-10", "2022-12-30")),
        // A tag left: its pages list one event fewer, and its last page goes.
        both(&|t| t.replace("[\"suv\", \"hamkorlik\"]", "[\"hamkorlik\"]")),
        // A tag left that keeps its number of pages: the plan holds.
        both(&|t| t.replace("[\"suv\", \"hamkorlik\"]", "[\"suv\"]")),
        // Back as it was.
        both(&|t| t.to_string()),
    ];
    for (step, [uz_edit, en_edit]) in steps.iter().enumerate() {
        assert!(
            step == steps.len() - 1 || *uz_edit != uz_text,
            "step {step} edits"
        );
        session
            .edit_all(&[(uz, uz_edit), (en, en_edit)])
            .unwrap_or_else(|e| panic!("step {step}: {e:?}"));
        session.assert_same_as_full_build();
    }
    // The newest event's entry is on the home page too.
    let newest = ["content/events/e39.uz.md", "content/events/e39.en.md"];
    let edits: Vec<(&str, String)> = newest
        .iter()
        .map(|path| {
            (
                *path,
                session.read(path).replace("Qisqa mazmun", "Yangi mazmun"),
            )
        })
        .collect();
    let edits: Vec<(&str, &str)> = edits.iter().map(|(p, t)| (*p, t.as_str())).collect();
    session.edit_all(&edits).unwrap();
    session.assert_same_as_full_build();
}

/// An event in both languages, as `split_site` writes them.
pub(super) fn numbered_event_files(
    n: usize,
    date: &str,
    kind: &str,
    tags: &str,
) -> [(String, String); 2] {
    ["uz", "en"].map(|lang| {
        (
            format!("content/events/n{n:02}.{lang}.md"),
            format!(
                "---\ntitle: \"Yangi {n} {lang}\"\ndate: {date}\nkind: {kind}\n\
                 tags: [{tags}]\nsummary: \"Yangi voqea {n}.\"\n---\n\nYangi matn {n}.\n"
            ),
        )
    })
}

#[test]
fn added_removed_and_rekinded_events_on_a_split_site_match_a_full_build() {
    let (_dir, root) = split_site();
    let mut session = Session::start(&root);
    let add = |session: &mut Session, files: &[(String, String); 2]| {
        let edits = as_edits(files.iter());
        assert_eq!(
            session.edit_all(&edits),
            Ok(false),
            "added without rendering everything"
        );
        session.assert_same_as_full_build();
    };
    let remove = |session: &mut Session, files: &[(String, String); 2]| {
        let paths: Vec<PathBuf> = files.iter().map(|(p, _)| session.root.join(p)).collect();
        for path in &paths {
            std::fs::remove_file(path).unwrap();
        }
        let changes = session.changes(&paths);
        assert_eq!(
            session.rebuild(changes),
            Ok(false),
            "removed without rendering everything"
        );
        session.assert_same_as_full_build();
    };
    let tags = "\"savdo\", \"hamkorlik\"";
    let cases = [
        // The newest event: the last pages and the home page.
        numbered_event_files(1, "2029-06-01", "treaty", tags),
        // The oldest: every page after it shifts, the first shows the count.
        numbered_event_files(2, "2018-06-01", "treaty", tags),
        // In the middle, with a kind, a year and a tag of its own.
        numbered_event_files(3, "2020-02-01", "visit", "\"yangi teg\""),
        // A year between two that have events.
        numbered_event_files(4, "2017-03-03", "treaty", "\"suv\""),
    ];
    for files in &cases {
        add(&mut session, files);
    }
    // Its kind changed: it leaves one kind's listing and joins another's.
    let (uz, en) = (&cases[0][0], &cases[0][1]);
    let rekinded = [uz, en].map(|(p, t)| (p.as_str(), t.replace("kind: treaty", "kind: visit")));
    let edits: Vec<(&str, &str)> = rekinded.iter().map(|(p, t)| (*p, t.as_str())).collect();
    assert_eq!(session.edit_all(&edits), Ok(false));
    session.assert_same_as_full_build();
    for files in cases.iter().rev() {
        remove(&mut session, files);
    }
    // Events of the fixture itself: the newest, then an old one.
    for n in [39, 0] {
        let files = ["uz", "en"].map(|lang| {
            let path = format!("content/events/e{n:02}.{lang}.md");
            let text = session.read(&path);
            (path, text)
        });
        remove(&mut session, &files);
        let edits = as_edits(files.iter());
        assert_eq!(session.edit_all(&edits), Ok(false), "put back");
        session.assert_same_as_full_build();
    }
}

/// An event's two language files, dated `date`.
fn event_files(name: &str, date: &str) -> [(String, String); 2] {
    ["uz", "en"].map(|lang| {
        (
            format!("content/events/{name}.{lang}.md"),
            format!(
                "---\ntitle: \"Yangi {name} {lang}\"\ndate: {date}\nkind: treaty\n\
                 tags: [\"suv\"]\nsummary: \"Yangi voqea {name}.\"\n---\n\nMatn: savdo va suv.\n"
            ),
        )
    })
}

#[test]
fn events_added_and_removed_on_a_split_site_match_a_full_build() {
    // Search documents are numbered pages first, then events oldest first:
    // a new newest event is appended, others shift the documents after
    // them (serve/publish.rs has the same steps on the index alone).
    let (_dir, root) = split_site();
    let mut session = Session::start(&root);
    // Eight more at once: 48 documents, three full chunks of 16, so the
    // next event starts a chunk and the removals below take it away again.
    let eight: Vec<[(String, String); 2]> = (0..8)
        .map(|n| event_files(&format!("more-{n}"), &format!("202{n}-06-15")))
        .collect();
    let edits = as_edits(eight.iter().flatten());
    session.edit_all(&edits).unwrap();
    session.assert_same_as_full_build();
    assert!(session.files.get("search/docs-2.json").is_some());
    let added = [
        ("newest", "2031-01-01"),
        ("oldest", "2001-01-01"),
        ("middle", "2024-05-05"),
    ];
    for (name, date) in added {
        let files = event_files(name, date);
        let edits = as_edits(files.iter());
        session
            .edit_all(&edits)
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        session.assert_same_as_full_build();
    }
    assert!(session.files.get("search/docs-3.json").is_some());
    // Two at once.
    let two: Vec<[(String, String); 2]> = vec![
        event_files("two-a", "2020-02-02"),
        event_files("two-b", "2026-02-02"),
    ];
    let edits = as_edits(two.iter().flatten());
    session.edit_all(&edits).unwrap();
    session.assert_same_as_full_build();
    for names in [
        &["newest"][..],
        &["oldest"],
        &["middle", "e20"],
        &["two-a", "two-b"],
    ] {
        let mut changes = BTreeSet::new();
        for name in names {
            for lang in ["uz", "en"] {
                let path = root.join(format!("content/events/{name}.{lang}.md"));
                std::fs::remove_file(&path).unwrap();
                changes.insert(Change::Content(path));
            }
        }
        session
            .rebuild(changes)
            .unwrap_or_else(|e| panic!("{names:?}: {e:?}"));
        session.assert_same_as_full_build();
    }
    // 47 documents: the fourth chunk, made by the first event added, is gone.
    assert!(session.files.get("search/docs-3.json").is_none());
}

#[test]
fn an_added_event_that_collides_is_an_error_and_keeps_the_site() {
    // The new event's page is a file the site already has: the quick
    // replan gives way to the full one, which says what collides.
    let (_dir, root) = split_site();
    let taken = root.join("static/events/n05/index.html");
    std::fs::create_dir_all(taken.parent().unwrap()).unwrap();
    std::fs::write(&taken, "<p>static</p>").unwrap();
    let mut session = Session::start(&root);
    let before = session.files.snapshot();
    let files = numbered_event_files(5, "2030-01-01", "treaty", "\"suv\"");
    let edits = as_edits(files.iter());
    let errors = session.edit_all(&edits).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.message.to_string().contains("would be written twice")),
        "{errors:?}"
    );
    assert_eq!(session.files.snapshot(), before, "the last good site stays");
    std::fs::remove_file(&taken).unwrap();
    let changes = session.changes(&[taken]);
    assert_eq!(session.rebuild(changes), Ok(false));
    session.assert_same_as_full_build();
}
