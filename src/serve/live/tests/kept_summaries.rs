//! The event summaries `serve` keeps between edits (`render::summary_cache`)
//! follow what changes around them: a kind's count when an event joins or
//! leaves it, an event's own entry. Checked on the pages each edit wrote,
//! with a theme that shows the kind's count and the tags' addresses in
//! every listed event.

use super::split_site::{as_edits, numbered_event_files, split_site};
use super::*;

/// Every listed event shows its kind's count and its tags' addresses.
fn with_counting_item(root: &Path) {
    let theme_item =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/partials/event-item.html");
    let item = std::fs::read_to_string(theme_item).unwrap().replace(
        "</li>",
        "<p class=\"kept\">{{ e.kind.id }}={{ e.kind.count }}\
         {% for tag in e.tags %} {{ tag.url }}{% endfor %}</p>\n</li>",
    );
    let partials = root.join("templates/partials");
    std::fs::create_dir_all(&partials).unwrap();
    std::fs::write(partials.join("event-item.html"), item).unwrap();
}

impl Session {
    /// Each file the last rebuild wrote is as a full build writes it.
    /// (Pages it left alone may show an older kind count with this theme:
    /// `serve` refreshes counts where the bundled theme shows them.)
    #[track_caller]
    fn assert_written_as_full_build(&self) {
        let incremental = self.files.snapshot();
        let full = fresh(&self.root);
        let differ: Vec<&String> = self
            .last_written
            .iter()
            .filter(|path| full.get(*path) != incremental.get(*path))
            .collect();
        assert!(differ.is_empty(), "written unlike a full build: {differ:?}");
    }

    fn page(&self, path: &str) -> String {
        let files = self.files.snapshot();
        String::from_utf8(files[path].clone()).unwrap()
    }
}

#[test]
fn kept_summaries_follow_kind_counts_and_edited_entries() {
    let (_dir, root) = split_site();
    with_counting_item(&root);
    let mut session = Session::start(&root);
    assert!(session
        .page("kinds/treaty/index.html")
        .contains("treaty=40"));
    // A new oldest treaty: every treaty page after it is written again,
    // each entry with the new count.
    let added = numbered_event_files(1, "2018-06-01", "treaty", "\"savdo\"");
    assert_eq!(session.edit_all(&as_edits(added.iter())), Ok(false));
    session.assert_written_as_full_build();
    let last_page = "kinds/treaty/page/2/index.html";
    assert!(session.last_written.contains(last_page));
    assert!(session.page(last_page).contains("treaty=41"));
    assert!(!session.page(last_page).contains("treaty=40"));
    // Its kind changed: both kinds' counts move.
    let rekinded = added
        .clone()
        .map(|(path, text)| (path, text.replace("kind: treaty", "kind: visit")));
    assert_eq!(session.edit_all(&as_edits(rekinded.iter())), Ok(false));
    session.assert_written_as_full_build();
    assert!(session.page("kinds/visit/index.html").contains("visit=1"));
    // An old event's own entry: its new title on the pages written.
    let old = "content/events/e00.uz.md";
    let retitled = session.read(old).replace("Voqea 0 uz", "Qayta nomlangan");
    assert_eq!(session.edit(old, &retitled), Ok(false));
    session.assert_written_as_full_build();
    assert!(session
        .page("kinds/treaty/index.html")
        .contains("Qayta nomlangan"));
    // Removed: the count goes back.
    let paths: Vec<PathBuf> = added.iter().map(|(p, _)| root.join(p)).collect();
    for path in &paths {
        std::fs::remove_file(path).unwrap();
    }
    let changes = session.changes(&paths);
    assert_eq!(session.rebuild(changes), Ok(false));
    session.assert_written_as_full_build();
    assert!(session.page(last_page).contains("treaty=40"));
}
