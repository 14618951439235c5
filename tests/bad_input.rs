//! Issue 8 (hardening): every bad input gets a clear error and a failed
//! build loses nothing.
//!
//! Each case builds a good site into public/ first, then builds the broken
//! one and checks: exit code 1, every error printed as
//! `path:line:column: error: …` with a hint, no panic, and public/ byte for
//! byte as it was. The full error output is snapshotted (tests/snapshots/).
//! Inputs that cannot be committed as files (non-UTF-8 bytes, symbolic
//! links, permissions, a 10 MB file) are written at test time.

mod common;
use common::{Run, TestSite};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::Path;

/// A hash of every file under `dir`, by relative path.
fn hash_tree(dir: &Path) -> BTreeMap<String, u64> {
    let mut hashes = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk output folder");
        if entry.file_type().is_dir() {
            continue;
        }
        let relative = entry.path().strip_prefix(dir).unwrap();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        if entry.path_is_symlink() {
            std::fs::read_link(entry.path()).unwrap().hash(&mut hasher);
        } else {
            std::fs::read(entry.path()).unwrap().hash(&mut hasher);
        }
        hashes.insert(relative.display().to_string(), hasher.finish());
    }
    hashes
}

/// Builds the good `minimal` fixture into `site`'s public/ and returns the
/// hashes of what it wrote: the "previous output" a failed build must keep.
fn previous_output(site: &TestSite) -> BTreeMap<String, u64> {
    let good = TestSite::new("minimal");
    let out = site.out();
    good.run(&["build", "--out", out.to_str().unwrap()])
        .assert_ok();
    let hashes = hash_tree(&out);
    assert!(hashes.contains_key("index.html"), "{hashes:?}");
    hashes
}

/// Exit 1, no panic, `expected` printed, and every error line shaped
/// `path:line:column: error: message` and followed by a hint.
#[track_caller]
fn assert_rejected(run: &Run, expected: &str) {
    let text = run.diagnostics();
    assert_eq!(
        run.code(),
        1,
        "expected exit 1, got {}:\n{text}",
        run.code()
    );
    assert!(!text.contains("panicked"), "panic:\n{text}");
    assert!(text.contains(expected), "expected `{expected}` in:\n{text}");
    let lines: Vec<&str> = text.lines().collect();
    let mut errors = 0;
    for (index, line) in lines.iter().enumerate() {
        let Some((position, message)) = line.split_once(": error: ") else {
            continue;
        };
        errors += 1;
        let mut parts = position.rsplitn(3, ':');
        let column = parts.next().unwrap_or("");
        let line_number = parts.next().unwrap_or("");
        let path = parts.next().unwrap_or("");
        assert!(
            !path.is_empty()
                && line_number.parse::<usize>().is_ok_and(|n| n > 0)
                && column.parse::<usize>().is_ok_and(|n| n > 0),
            "not `path:line:column`: {line}"
        );
        assert!(!message.is_empty(), "no message: {line}");
        // The source snippet (`  |`, `4 | …`, `  | ^^^`) may come between.
        let hint = lines[index + 1..]
            .iter()
            .find(|next| !is_snippet_line(next));
        assert!(
            hint.is_some_and(|next| next.starts_with("  hint: ")),
            "no hint after: {line}\n{text}"
        );
    }
    assert!(errors > 0, "no error line in:\n{text}");
}

/// A line of a source snippet: a margin of digits or spaces, then `|`.
fn is_snippet_line(line: &str) -> bool {
    line.split_once('|').is_some_and(|(margin, _)| {
        !margin.is_empty() && margin.trim().chars().all(|c| c.is_ascii_digit())
    })
}

/// The whole flow for a committed fixture: good output first, then the
/// broken fixture fails and leaves it alone. Returns the printed errors.
#[track_caller]
fn rejects_fixture(case: &str, expected: &str) -> String {
    let site = TestSite::new(case);
    let before = previous_output(&site);
    let run = site.build();
    assert_rejected(&run, expected);
    assert_eq!(hash_tree(&site.out()), before, "public/ changed");
    assert_no_leftovers(&site);
    run.diagnostics()
}

/// The flow for inputs written at test time: build `minimal`, break it
/// with `breakage`, build again.
#[track_caller]
fn rejects_breakage(breakage: impl FnOnce(&TestSite), expected: &str) -> String {
    let site = TestSite::new("minimal");
    site.build().assert_ok();
    let before = hash_tree(&site.out());
    breakage(&site);
    let run = site.build();
    assert_rejected(&run, expected);
    assert_eq!(hash_tree(&site.out()), before, "public/ changed");
    assert_no_leftovers(&site);
    run.diagnostics()
}

/// A failed build removes its staging folder.
#[track_caller]
fn assert_no_leftovers(site: &TestSite) {
    let stray: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|name| name.contains("yilnoma-staging") || name.contains("yilnoma-old"))
        .collect();
    assert!(stray.is_empty(), "left behind: {stray:?}");
}

/// Runs a fixture case and snapshots its full error output.
macro_rules! fixture_case {
    ($name:ident, $expected:expr) => {
        #[test]
        fn $name() {
            let output = rejects_fixture(stringify!($name), $expected);
            insta::assert_snapshot!(stringify!($name), output);
        }
    };
}

// Front matter and YAML.
fixture_case!(
    unterminated_front_matter,
    "content/events/x.uz.md:1:1: error: the front matter is never closed"
);
fixture_case!(
    missing_front_matter,
    "content/events/x.uz.md:1:1: error: the file does not start with front matter"
);
fixture_case!(
    yaml_tab_indent,
    "content/events/x.uz.md:6:1: error: a tab is used for indentation"
);
fixture_case!(
    yaml_bad_quoting,
    "content/events/x.uz.md:2:8: error: this quoted value is never closed"
);
fixture_case!(
    yaml_duplicate_key,
    "content/events/x.uz.md:4:1: error: duplicate field `title`"
);
fixture_case!(
    wrong_type_tags,
    "content/events/x.uz.md:5:7: error: `tags` takes a list, but here it is the text `treaty`"
);
fixture_case!(
    wrong_type_date,
    "content/events/x.uz.md:3:7: error: `date` takes a date, but here it is a list"
);
fixture_case!(
    unknown_front_matter_key,
    "hint: did you mean `date`? The keys this file may use: title, date, end_date, kind, tags, place, summary, sources, draft, weight"
);
fixture_case!(
    empty_file,
    "content/events/x.uz.md:1:1: error: the file is empty"
);

// Dates.
fixture_case!(
    impossible_date,
    "content/events/x.uz.md:3:7: error: `date`: `2022-13-40` has month 13"
);
fixture_case!(
    date_in_words,
    "content/events/x.uz.md:3:7: error: `date`: `Fevral 2022` is not a date"
);
fixture_case!(
    date_with_slashes,
    "content/events/x.uz.md:3:7: error: `date`: `2022/02/15` is not a date"
);
fixture_case!(
    end_date_before_date,
    "content/events/x.uz.md:4:1: error: `end_date` 2022-02-15 is before `date` 2022-03"
);

// Kinds.
fixture_case!(
    unknown_kind,
    "content/events/x.uz.md:4:1: error: unknown kind `tretay`"
);
fixture_case!(
    undeclared_kind,
    "or, for a new kind, declare it in book.toml: `[kind.visit]`"
);

// File names and slugs.
fixture_case!(
    duplicate_slug,
    "content/events/b/x.uz.md:1:1: error: slug `x` in language `uz` is already used by `content/events/a/x.uz.md`"
);
fixture_case!(
    slug_with_spaces,
    "error: slug `border treaty` may only hold lowercase ASCII letters"
);
fixture_case!(
    slug_with_capitals,
    "hint: rename the file to `border-treaty.uz.md`"
);
fixture_case!(
    slug_non_ascii,
    "hint: rename the file to `chegara-kelishuvi-ozbek.uz.md`"
);
fixture_case!(
    no_language_suffix,
    "content/events/border-treaty.md:1:1: error: the file name has no language suffix"
);
fixture_case!(
    unknown_language_suffix,
    "content/events/border-treaty.ru.md:1:1: error: unknown language `ru` in the file name"
);

// Templates.
fixture_case!(
    template_syntax_error,
    "templates/event.html:5:4: error: template error: Unknown tag"
);
fixture_case!(template_undefined_variable, "templates/event.html:4:");
fixture_case!(
    template_missing,
    "templates/event.html:3:12: error: template error: Unknown template `partials/sources.html`"
);

// book.toml.
fixture_case!(
    book_toml_syntax,
    "book.toml:2:14: error: invalid book.toml: invalid basic string"
);
fixture_case!(
    book_toml_unknown_default_language,
    "book.toml:3:1: error: default language `ru` has no `[language.ru]` table"
);

// Links.
fixture_case!(
    broken_internal_link,
    "content/events/x.uz.md:9:9: error: link to `2022-treaty.md`: no such content file"
);
fixture_case!(
    markdown_javascript_link,
    "error: `javascript:` links are not allowed"
);
fixture_case!(
    source_javascript_url,
    "error: source `Manba` is a `javascript:` address, which would run code"
);

#[test]
fn template_undefined_variable_names_the_page() {
    let site = TestSite::new("template_undefined_variable");
    let run = site.build();
    assert_rejected(&run, "while rendering content/events/x.uz.md");
}

#[test]
fn data_url_in_sources_is_an_error() {
    let site = TestSite::new("source_javascript_url");
    assert_rejected(
        &site.build(),
        "error: source `Rasm` is a `data:` address, which would run code",
    );
}

#[test]
fn non_utf8_bytes_are_an_error_at_their_position() {
    let output = rejects_breakage(
        |site| {
            std::fs::write(
                site.root().join("content/events/latin1.uz.md"),
                b"---\ntitle: \"Ch\xe9gara\"\ndate: 2022\nkind: treaty\n---\n",
            )
            .unwrap();
        },
        "content/events/latin1.uz.md:2:11: error: the file is not valid UTF-8 text",
    );
    insta::assert_snapshot!("non_utf8", output);
}

#[test]
fn ten_megabyte_file_is_refused() {
    let output = rejects_breakage(
        |site| {
            let mut text = String::from("---\ntitle: \"Katta\"\ndate: 2022\nkind: treaty\n---\n");
            let line = "Juda uzun matn. ".repeat(64) + "\n";
            while text.len() < 10 * 1024 * 1024 {
                text.push_str(&line);
            }
            site.write("content/events/huge.uz.md", &text);
        },
        "content/events/huge.uz.md:1:1: error: the file is 10 MB; content files may be at most 4 MB",
    );
    insta::assert_snapshot!("ten_megabytes", output);
}

#[cfg(unix)]
#[test]
fn symlink_loop_under_content_is_an_error() {
    let output = rejects_breakage(
        |site| {
            std::os::unix::fs::symlink("..", site.root().join("content/events/loop")).unwrap();
        },
        "content/events/loop:1:1: error: cannot read: this symbolic link loops back to `content`",
    );
    insta::assert_snapshot!("symlink_loop", output);
}

#[cfg(unix)]
#[test]
fn dangling_symlink_under_content_is_an_error() {
    rejects_breakage(
        |site| {
            std::os::unix::fs::symlink(
                "nowhere.uz.md",
                site.root().join("content/events/gone.uz.md"),
            )
            .unwrap();
        },
        "content/events/gone.uz.md:1:1: error: cannot read",
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let site = TestSite::new("minimal");
    site.build().assert_ok();
    let before = hash_tree(&site.out());
    let path = site.root().join("content/events/secret.uz.md");
    site.write(
        "content/events/secret.uz.md",
        "---\ntitle: \"Yashirin\"\ndate: 2022\nkind: treaty\n---\n",
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Root (and CAP_DAC_OVERRIDE) reads a mode-000 file anyway, so the
        // build cannot fail here; the read-error path is covered by the
        // dangling-symlink test instead.
        eprintln!(
            "skipping the exit-code assertion: running as root, chmod 000 does not stop reading"
        );
        site.build().assert_ok();
        return;
    }
    let run = site.build();
    assert_rejected(
        &run,
        "content/events/secret.uz.md:1:1: error: cannot read the file",
    );
    assert_eq!(hash_tree(&site.out()), before);
}

#[test]
fn bom_and_crlf_files_build() {
    let site = TestSite::new("bom_crlf");
    let run = site.build();
    run.assert_ok();
    assert!(
        !run.diagnostics().contains("warning"),
        "{}",
        run.diagnostics()
    );
    let uz = site.main_html("events/border/index.html");
    assert!(uz.contains("Chegara shartnomasi"), "{uz}");
    assert!(uz.contains("2022-yil 15-fevral"), "{uz}");
    assert!(uz.contains("<h2 id=\"tafsilotlar\">"), "{uz}");
    assert!(!uz.contains('\r'), "CRLF reaches the page: {uz:?}");
    assert!(!uz.contains('\u{feff}'), "BOM reaches the page");
    let about = site.main_html("en/about/index.html");
    assert!(about.contains("Hello."), "{about}");
}

#[test]
fn bom_and_crlf_line_numbers_match_the_editor() {
    let site = TestSite::new("bom_crlf");
    std::fs::write(
        site.root().join("content/events/bad.uz.md"),
        "\u{feff}---\r\ntitle: \"X\"\r\ndate: 2022-02-30\r\nkind: treaty\r\n---\r\n",
    )
    .unwrap();
    assert_rejected(
        &site.build(),
        "content/events/bad.uz.md:3:7: error: `date`: `2022-02-30` has day 30",
    );
}

#[test]
fn all_errors_of_a_run_are_reported_together() {
    let output = rejects_fixture("three_errors", "3 errors, 1 warning");
    for expected in [
        "content/events/a.uz.md:3:7: error: `date`: `2022-13-01` has month 13",
        "content/events/b.uz.md:5:1: error: unknown key `sumary`",
        "content/events/c.uz.md:7:9: error: link to `missing-event.md`: no such content file",
    ] {
        assert!(
            output.contains(expected),
            "expected `{expected}` in:\n{output}"
        );
    }
    insta::assert_snapshot!("three_errors", output);
}

#[test]
fn link_to_a_file_that_failed_to_load_is_not_reported_as_broken() {
    let site = TestSite::new("minimal");
    site.write(
        "content/events/2022-treaty.uz.md",
        "---\ntitle: \"Shartnoma\"\ndate: 2022-02-31\nkind: treaty\n---\n",
    );
    let run = site.build();
    assert_rejected(&run, "`2022-02-31` has day 31");
    assert!(
        !run.diagnostics().contains("no such content file"),
        "{}",
        run.diagnostics()
    );
}

// --out safety: Yilnoma never deletes a file it did not write.

/// Every file under the site root, hashed.
fn hash_site(site: &TestSite) -> BTreeMap<String, u64> {
    hash_tree(site.root())
}

#[test]
fn out_at_project_root_is_refused() {
    let site = TestSite::new("minimal");
    let before = hash_site(&site);
    let run = site.run(&["build", "--out", "."]);
    assert_rejected(
        &run,
        "error: refusing to build into `.`: it holds the site's sources",
    );
    assert_eq!(hash_site(&site), before);
}

#[test]
fn out_above_project_root_is_refused() {
    let site = TestSite::new("minimal");
    let before = hash_site(&site);
    let run = site.run(&["build", "--out", ".."]);
    assert_rejected(&run, "it holds the site's sources");
    assert_eq!(hash_site(&site), before);
}

#[test]
fn out_in_content_is_refused() {
    let site = TestSite::new("minimal");
    let before = hash_site(&site);
    for out in ["content", "content/events", "./content/../content"] {
        let run = site.run(&["build", "--out", out]);
        assert_rejected(&run, "is inside a source folder");
        assert_eq!(hash_site(&site), before, "--out {out}");
    }
}

#[test]
fn out_with_foreign_files_is_refused() {
    let site = TestSite::new("minimal");
    site.write("docs-site/notes.txt", "my notes");
    site.write("docs-site/sub/page.html", "<p>mine</p>");
    let before = hash_site(&site);
    let run = site.run(&["build", "--out", "docs-site"]);
    assert_rejected(&run, "it holds files Yilnoma did not write");
    insta::assert_snapshot!("out_foreign", run.diagnostics());
    assert_eq!(hash_site(&site), before);
}

#[test]
fn out_that_is_a_file_is_refused() {
    let site = TestSite::new("minimal");
    let before = hash_site(&site);
    let run = site.run(&["build", "--out", "book.toml"]);
    assert_rejected(&run, "it is a file");
    assert_eq!(hash_site(&site), before);
}

#[test]
fn foreign_folder_named_like_staging_is_not_deleted() {
    let site = TestSite::new("minimal");
    site.write(".public.yilnoma-staging/keep.txt", "not Yilnoma's");
    let run = site.build();
    assert_eq!(run.code(), 1, "{}", run.diagnostics());
    assert!(!run.diagnostics().contains("panicked"));
    assert_eq!(
        std::fs::read_to_string(site.root().join(".public.yilnoma-staging/keep.txt")).unwrap(),
        "not Yilnoma's"
    );
}

#[test]
fn own_output_is_replaced_and_empty_folder_accepted() {
    let site = TestSite::new("minimal");
    std::fs::create_dir_all(site.out()).unwrap();
    site.build().assert_ok();
    site.write("public/stale.html", "from an earlier build");
    site.build().assert_ok();
    assert!(!site.out().join("stale.html").exists());
    assert!(site.out().join(".yilnoma-output").is_file());
}

/// Found by fuzzing (issue 8): YAML and Markdown count a lone carriage
/// return as a line break, so positions must too.
#[test]
fn lone_carriage_returns_are_line_breaks() {
    rejects_breakage(
        |site| {
            site.write(
                "content/events/cr.uz.md",
                "---\rtitle: \"X\"\rdate: 2022-02-30\rkind: treaty\r---\rMatn.\r",
            );
        },
        "content/events/cr.uz.md:3:7: error: `date`: `2022-02-30` has day 30",
    );
}

#[test]
fn check_reports_every_error_too() {
    let site = TestSite::new("three_errors");
    let run = site.run(&["check"]);
    assert_rejected(&run, "3 errors, 1 warning");
    assert!(run.diagnostics().contains("missing-event.md"));
    assert!(!site.out().exists(), "check writes nothing");
}

#[test]
fn script_url_in_book_toml_is_refused() {
    let output = rejects_breakage(
        |site| {
            let book = std::fs::read_to_string(site.root().join("book.toml")).unwrap();
            site.write(
                "book.toml",
                &format!("{book}\n[output.html]\nedit-url-template = \"javascript:alert(1)//{{path}}\"\n"),
            );
        },
        "error: `edit-url-template` is a `javascript:` address",
    );
    insta::assert_snapshot!("book_toml_script_url", output);
}

#[test]
fn non_utf8_template_is_an_error() {
    rejects_breakage(
        |site| {
            std::fs::create_dir_all(site.root().join("templates")).unwrap();
            std::fs::write(
                site.root().join("templates/page.html"),
                b"{% extends \"base.html\" %}\xff",
            )
            .unwrap();
        },
        "templates/page.html:1:1: error: cannot read the template",
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_under_templates_is_not_followed() {
    // templates/ is walked without following links, so a loop there can
    // neither hang nor fail the build.
    let site = TestSite::new("minimal");
    std::fs::create_dir_all(site.root().join("templates")).unwrap();
    std::os::unix::fs::symlink("..", site.root().join("templates/loop")).unwrap();
    site.build().assert_ok();
}

#[test]
fn template_error_on_many_pages_is_printed_once() {
    let site = TestSite::new("template_undefined_variable");
    for n in 0..10 {
        site.write(
            &format!("content/events/e{n}.uz.md"),
            &format!("---\ntitle: \"E{n}\"\ndate: 2020\nkind: treaty\nsummary: \"Q.\"\n---\n"),
        );
    }
    let run = site.build();
    assert_rejected(&run, "and 21 more pages with the same problem");
    assert_eq!(run.diagnostics().matches("`plcae`").count(), 1);
}
