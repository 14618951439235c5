//! Events added and removed: the publishing files `LivePublication::update`
//! makes from its kept parts equal a full build's, and the readers' index
//! is shifted, not made again (the chunks before the change are not sent).

use super::*;
use crate::content::load::Drafts;
use crate::output::sink::MemorySink;
use std::collections::BTreeSet;
use std::path::Path;

/// Twenty pages (so the first chunk holds only pages) and `events`
/// events, `e00` the oldest, one a season from 2000, their words shared
/// with their neighbours so that words' lists span many documents.
fn write_site(root: &Path, events: usize) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/listings/book.toml");
    std::fs::copy(fixture, root.join("book.toml")).unwrap();
    for n in 0..20 {
        write(
            root,
            &format!("pages/p{n:02}"),
            &format!("title: \"Sahifa {n}\"\n"),
            "savdo",
        );
    }
    for n in 0..events {
        let date = format!("{}-{:02}-10", 2000 + n / 4, 1 + (n % 4) * 3);
        write_event(root, &format!("e{n:02}"), &date, n);
    }
}

fn write_event(root: &Path, name: &str, date: &str, n: usize) {
    let head = format!(
        "title: \"Voqea {name} suv\"\ndate: {date}\nkind: treaty\ntags: [\"t{}\"]\n\
         summary: \"Qisqa {} mazmun.\"\n",
        n % 3,
        ["savdo", "chegara", "suv", "gaz"][n % 4]
    );
    write(
        root,
        &format!("events/{name}"),
        &head,
        &format!("so‘z{} {name}", n % 5),
    );
}

fn write(root: &Path, stem: &str, head: &str, body: &str) {
    for lang in ["uz", "en"] {
        let path = root.join(format!("content/{stem}.{lang}.md"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let text = format!("---\n{head}---\n\nMatn {lang}: {body} hamkorlik.\n");
        std::fs::write(path, text).unwrap();
    }
}

fn load(root: &Path) -> Loaded {
    let diagnostics = Diagnostics::new();
    let loaded = crate::site::load(root, None, Drafts::Exclude, &diagnostics).unwrap();
    assert!(!diagnostics.has_errors(), "{:?}", diagnostics.sorted());
    loaded
}

/// The publishing files of a full build, the sitemap left out (`serve`
/// writes it from the inventory, not from these parts).
fn full_build(loaded: &Loaded) -> BTreeMap<String, Vec<u8>> {
    let sink = MemorySink::new();
    crate::site::publish(loaded, &sink, &Diagnostics::new());
    let mut files = sink.into_files();
    files.retain(|path, _| !path.contains("sitemap"));
    files
}

/// Keeps the parts of a site between edits, as `serve` does.
struct Served {
    root: tempfile::TempDir,
    loaded: Loaded,
    parts: LivePublication,
    files: BTreeMap<String, Vec<u8>>,
}

impl Served {
    fn start(events: usize) -> Self {
        let root = tempfile::tempdir().unwrap();
        write_site(root.path(), events);
        let loaded = load(root.path());
        let sink = MemorySink::new();
        let parts = LivePublication::build(&loaded, &sink, &Diagnostics::new());
        Self {
            root,
            loaded,
            parts,
            files: sink.into_files(),
        }
    }

    /// Adds the events `(name, date)` and removes those named, as one
    /// edit; returns the files sent.
    fn edit(&mut self, add: &[(&str, &str)], remove: &[&str]) -> BTreeSet<String> {
        let mut edited: BTreeMap<String, Option<Event>> = BTreeMap::new();
        for (n, (name, date)) in add.iter().enumerate() {
            write_event(self.root.path(), name, date, n);
            edited.insert(name.to_string(), None);
        }
        for name in remove {
            for lang in ["uz", "en"] {
                let path = format!("content/events/{name}.{lang}.md");
                std::fs::remove_file(self.root.path().join(path)).unwrap();
            }
            let event = self.loaded.site.events.iter().find(|e| e.slug == *name);
            edited.insert(name.to_string(), Some(event.unwrap().clone()));
        }
        self.loaded = load(self.root.path());
        let sink = MemorySink::new();
        let diagnostics = Diagnostics::new();
        self.parts
            .update(&self.loaded, &edited, &sink, &diagnostics);
        assert!(!diagnostics.has_errors(), "{:?}", diagnostics.sorted());
        let sent = sink.into_files();
        let names = sent.keys().cloned().collect();
        self.files.extend(sent);
        names
    }

    /// Every publishing file a full build makes is served as it makes it.
    #[track_caller]
    fn assert_files_as_full_build(&self) {
        let full = full_build(&self.loaded);
        let differ: Vec<&String> = full
            .iter()
            .filter(|(path, bytes)| self.files.get(*path) != Some(bytes))
            .map(|(path, _)| path)
            .collect();
        assert!(differ.is_empty(), "differ from a full build: {differ:?}");
    }

    #[track_caller]
    fn assert_same_as_full_build(&self, sent: &BTreeSet<String>) {
        self.assert_files_as_full_build();
        // The first chunk holds only pages: an index made again sends it.
        let again: Vec<&String> = sent
            .iter()
            .filter(|path| path.ends_with("search/docs-0.json"))
            .collect();
        assert!(again.is_empty(), "the index was made again: {again:?}");
    }
}

/// Events added (name, date) and events removed, as one edit.
type Step<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str]);

#[test]
fn events_added_and_removed_shift_the_index_as_a_full_build_numbers_it() {
    let mut served = Served::start(60);
    let steps: [Step; 9] = [
        (&[("newest", "2030-01-01")], &[]),
        (&[("oldest", "1990-05-05")], &[]),
        // Between e21 (2005-04-10) and e22 (2005-07-10).
        (&[("middle", "2005-05-01")], &[]),
        (&[], &["newest"]),
        (&[], &["oldest"]),
        (&[], &["e30"]),
        // Two at once, and one in, one out.
        (&[("two-a", "2001-02-02"), ("two-b", "2012-02-02")], &[]),
        (&[("three", "2003-03-03")], &["middle"]),
        (&[], &["two-a", "e59"]),
    ];
    for (step, (add, remove)) in steps.iter().enumerate() {
        let sent = served.edit(add, remove);
        assert!(!sent.is_empty(), "step {step} sends files");
        served.assert_same_as_full_build(&sent);
    }
}

#[test]
fn a_new_newest_event_sends_only_its_words_and_the_last_chunk() {
    let mut served = Served::start(60);
    let sent = served.edit(&[("newest", "2030-01-01")], &[]);
    served.assert_same_as_full_build(&sent);
    // 20 pages and 61 events: documents 0..=80, the new one in chunk 5.
    let chunks: Vec<&String> = sent.iter().filter(|p| p.contains("docs-")).collect();
    assert_eq!(chunks, ["en/search/docs-5.json", "search/docs-5.json"]);
}

#[test]
fn an_event_that_changes_the_number_of_shards_indexes_again() {
    // 20 pages and 300 events: 320 documents, 8 shards; one more makes
    // 16 (`Layout::of`), so every word moves shard and the index is made
    // again, still as a full build makes it.
    let mut served = Served::start(300);
    let sent = served.edit(&[("newest", "2099-01-01")], &[]);
    assert!(sent.contains("search/words-15.json"), "16 shards now");
    served.assert_files_as_full_build();
}

/// A measurement, not a check: `update`'s time for an event added as the
/// newest, the oldest and in the middle of a large site, and for removing
/// each, beside making the publishing files whole (the peer). Writes two
/// files into the site and removes them: point it at a copy.
/// `YILNOMA_BENCH_SITE=/tmp/c10k cargo test --release --lib measure_shifts
/// -- --ignored --nocapture`
#[test]
#[ignore = "a measurement on a large site (YILNOMA_BENCH_SITE)"]
#[allow(clippy::print_stdout)] // its figures are its output
fn measure_shifts() {
    let Ok(root) = std::env::var("YILNOMA_BENCH_SITE") else {
        return;
    };
    let root = Path::new(&root);
    let diagnostics = Diagnostics::new();
    let mut loaded = crate::site::load(root, None, Drafts::Exclude, &diagnostics).unwrap();
    let clock = std::time::Instant::now();
    let mut parts = LivePublication::build(&loaded, &MemorySink::new(), &diagnostics);
    let whole = clock.elapsed();
    println!(
        "{} events: publishing files whole {whole:?}",
        loaded.site.events.len()
    );
    let middle = loaded.site.events[loaded.site.events.len() / 2].date;
    let middle = middle.to_string();
    for (label, date) in [
        ("newest", "2099-01-01"),
        ("oldest", "1900-01-01"),
        ("middle", &middle),
    ] {
        for add in [true, false] {
            let mut edited = BTreeMap::new();
            if add {
                write_event(root, "zz-measured", date, 1);
                edited.insert("zz-measured".to_string(), None);
            } else {
                let event = loaded.site.events.iter().find(|e| e.slug == "zz-measured");
                edited.insert("zz-measured".to_string(), Some(event.unwrap().clone()));
                for lang in ["uz", "en"] {
                    let path = root.join(format!("content/events/zz-measured.{lang}.md"));
                    std::fs::remove_file(path).unwrap();
                }
            }
            loaded = crate::site::load(root, None, Drafts::Exclude, &diagnostics).unwrap();
            let sink = MemorySink::new();
            let clock = std::time::Instant::now();
            parts.update(&loaded, &edited, &sink, &diagnostics);
            let took = clock.elapsed();
            let files = sink.into_files().len();
            // Of which the files joined from every event's item, which
            // any event edit makes again (events.json, events.ics, feed).
            let clock = std::time::Instant::now();
            let publication = loaded.publication();
            for (language, parts) in loaded.config.languages.iter().zip(&parts.languages) {
                parts.assembled(&publication, language);
            }
            let joined = clock.elapsed();
            let what = if add { "added" } else { "removed" };
            println!(
                "{label} {what}: update {took:?} ({files} files; {:.3} of whole; \
                 events.json, events.ics and feed alone {joined:?})",
                took.as_secs_f64() / whole.as_secs_f64()
            );
        }
    }
}
