//! Issue 16 (hardening, second round): hostile files end in exit 1 with a
//! positioned message and a hint, never a panic or a hang, never a write
//! outside the output, and the last good site stays as it was.

mod common;
use common::TestSite;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Generous: a hang is what this catches, not slowness.
const TIME_BOUND: Duration = Duration::from_secs(60);

/// The body pulldown-cmark 0.13.6 panics on (ARCHITECTURE.md, Dependencies).
const PULLDOWN_PANIC: &str = "-\n  }\n   {}\n  -";

/// Runs `yilnoma <args>` in `root`, killed (and the test failed) past the bound.
fn run_bounded(root: &Path, args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yilnoma"))
        .args(args)
        .current_dir(root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run yilnoma");
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let mut stderr = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
            let stderr = stderr.replace(&format!("{}/", root.display()), "");
            return (status.code().unwrap_or(-1), stderr);
        }
        if started.elapsed() > TIME_BOUND {
            let _ = child.kill();
            panic!("yilnoma {args:?} did not finish within {TIME_BOUND:?} (a hang)");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Every file under `dir` with its bytes, for before/after comparisons.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let relative = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .display()
                .to_string();
            files.push((relative, std::fs::read(entry.path()).unwrap()));
        }
    }
    files
}

/// Every regular file of the site folder outside its output `public/`
/// (links and pipes are not followed or opened): the output's staging,
/// old-build and lock siblings lie here too, so a run that wrote anywhere
/// beside its output changes this.
fn site_files(root: &Path) -> Vec<(String, Vec<u8>)> {
    snapshot(root)
        .into_iter()
        .filter(|(path, _)| !path.starts_with("public/"))
        .collect()
}

/// Builds the minimal site, adds `hostile` to it, builds again: exit 1 with
/// `expected` in a positioned message with a hint, no panic, within the
/// time bound, the first output byte for byte as it was, and nothing
/// written in the site folder besides. Returns the second run's stderr.
#[track_caller]
fn fails_and_keeps_output(site: &TestSite, hostile: impl FnOnce(&Path), expected: &str) -> String {
    site.build().assert_ok();
    let before = snapshot(&site.out());
    hostile(site.root());
    let sources = site_files(site.root());
    let (code, stderr) = run_bounded(site.root(), &["build"]);
    assert_eq!(code, 1, "expected exit 1:\n{stderr}");
    assert!(
        stderr.contains(expected),
        "expected `{expected}` in:\n{stderr}"
    );
    assert!(
        !stderr.contains("panicked"),
        "a panic reached the terminal:\n{stderr}"
    );
    let line = stderr
        .lines()
        .find(|l| l.contains(expected))
        .expect("message line");
    let (place, _) = line.rsplit_once(": error: ").expect("an error line");
    let mut parts = place.rsplitn(3, ':');
    let positioned = parts.next().is_some_and(|c| c.parse::<u32>().is_ok())
        && parts.next().is_some_and(|l| l.parse::<u32>().is_ok());
    assert!(positioned, "no line:column in `{line}`");
    assert!(stderr.contains("hint:"), "no hint:\n{stderr}");
    assert_eq!(snapshot(&site.out()), before, "the last good site changed");
    assert!(
        site_files(site.root()) == sources,
        "the build wrote into the site folder outside its output"
    );
    let (code, check_stderr) = run_bounded(site.root(), &["check"]);
    assert_eq!(code, 1, "check must fail the same way");
    assert!(check_stderr.contains(expected), "{check_stderr}");
    assert!(site_files(site.root()) == sources, "check wrote a file");
    stderr
}

#[test]
fn pulldown_cmark_panic_is_a_diagnostic_naming_the_file() {
    // pulldown-cmark 0.13 panics in `truncate_siblings` on this body with
    // heading attributes enabled (found by the markdown fuzz target).
    let site = TestSite::new("minimal");
    let stderr = fails_and_keeps_output(
        &site,
        |root| {
            std::fs::write(
                root.join("content/pages/crash.en.md"),
                format!("---\ntitle: Crash\n---\n{PULLDOWN_PANIC}"),
            )
            .unwrap();
            // A link into it makes the link checker read its headings,
            // and the search index reads its words: neither may panic.
            std::fs::write(
                root.join("content/pages/linker.en.md"),
                "---\ntitle: Linker\n---\nSee [it](crash.md#part).\n",
            )
            .unwrap();
        },
        "the Markdown (pulldown-cmark) parser failed",
    );
    assert!(
        stderr.contains("content/pages/crash.en.md:4:1:"),
        "{stderr}"
    );
}

#[test]
fn a_link_into_a_page_the_markdown_parser_panics_on_is_not_a_crash() {
    // The anchor check parses the target's headings on its own, outside
    // the linking page's render: before, this ended the build (exit 101).
    let site = TestSite::new("minimal");
    let stderr = fails_and_keeps_output(
        &site,
        |root| {
            std::fs::write(
                root.join("content/pages/crash.en.md"),
                format!("---\ntitle: Crash\n---\n{PULLDOWN_PANIC}"),
            )
            .unwrap();
            std::fs::write(
                root.join("content/pages/linker.en.md"),
                "---\ntitle: Linker\n---\n\nSee [there](crash.md#part) and [again](/en/crash/#part).\n",
            )
            .unwrap();
        },
        "the Markdown (pulldown-cmark) parser failed",
    );
    assert!(
        stderr.contains("content/pages/crash.en.md:4:1:"),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("parser failed").count(),
        1,
        "reported once, on the page at fault:\n{stderr}"
    );
    assert!(
        !stderr
            .lines()
            .any(|l| l.contains("linker.en.md") && l.contains("error:")),
        "the linking page is not at fault:\n{stderr}"
    );
}

#[test]
fn a_named_pipe_in_content_is_refused_not_read() {
    let site = TestSite::new("minimal");
    fails_and_keeps_output(
        &site,
        |root| {
            let fifo = root.join("content/events/2023-pipe.en.md");
            let status = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
            assert!(status.success());
        },
        "is not a regular file",
    );
}

#[test]
fn a_symlink_out_of_the_site_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    std::fs::write(&secret, "---\ntitle: Secret\n---\nprivate text\n").unwrap();
    let site = TestSite::new("minimal");
    fails_and_keeps_output(
        &site,
        |root| {
            std::os::unix::fs::symlink(&secret, root.join("content/pages/secret.en.md")).unwrap()
        },
        "points outside the site folder",
    );
    assert!(!snapshot(&site.out())
        .iter()
        .any(|(_, bytes)| String::from_utf8_lossy(bytes).contains("private text")));
}

#[test]
fn a_content_folder_outside_the_site_is_refused() {
    let site = TestSite::new("minimal");
    let stderr = fails_and_keeps_output(
        &site,
        |root| {
            let toml = std::fs::read_to_string(root.join("book.toml")).unwrap();
            let toml = toml.replace("[book]\n", "[book]\nsrc = \"/\"\n");
            std::fs::write(root.join("book.toml"), toml).unwrap();
        },
        "is outside the site folder",
    );
    assert!(stderr.contains("book.toml:1:1:"), "{stderr}");
}

#[test]
fn windows_reserved_slugs_are_errors() {
    for name in ["con", "nul", "aux", "com1", "lpt1", "prn"] {
        let site = TestSite::new("minimal");
        fails_and_keeps_output(
            &site,
            |root| {
                std::fs::write(
                    root.join(format!("content/pages/{name}.en.md")),
                    "---\ntitle: Device\n---\ntext\n",
                )
                .unwrap()
            },
            "reserved device name on Windows",
        );
    }
    for name in ["con", "lpt1"] {
        let site = TestSite::new("minimal");
        fails_and_keeps_output(
            &site,
            |root| {
                write_event(
                    root,
                    &format!("{name}.en.md"),
                    "title: \"Device\"\ndate: 2023-05-01\nkind: visit\nsummary: \"s\"",
                    "Body.",
                )
            },
            "reserved device name on Windows",
        );
    }
}

#[test]
fn file_names_are_printed_escaped() {
    let site = TestSite::new("minimal");
    let stderr = fails_and_keeps_output(
        &site,
        |root| {
            std::fs::write(
                root.join("content/events/a\nforged.md:1:1: error: x\u{1b}[2J.en.md"),
                "---\ntitle: A\n---\n",
            )
            .unwrap()
        },
        "a\\nforged.md:1:1: error: x\\u{1b}[2J",
    );
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(
        !stderr.lines().any(|l| l.starts_with("forged.md")),
        "{stderr}"
    );
}

#[test]
fn new_event_does_not_write_through_a_dangling_symlink() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("planted.md");
    let site = TestSite::new("minimal");
    std::os::unix::fs::symlink(&target, site.root().join("content/events/2030-x.en.md")).unwrap();
    let (code, stderr) = run_bounded(site.root(), &["new", "event", "2030-x"]);
    assert_ne!(code, 0, "{stderr}");
    assert!(stderr.contains("already exists"), "{stderr}");
    assert!(!target.exists(), "a file was written outside the site");
    assert!(!site.root().join("content/events/2030-x.uz.md").exists());
}

#[test]
fn new_event_kind_cannot_inject_yaml_keys() {
    let site = TestSite::new("minimal");
    std::fs::remove_file(site.root().join("book.toml")).unwrap();
    site.write(
        "book.toml",
        "[book]\ntitle = \"T\"\nlanguage = \"en\"\n\n[language.en]\ntitle = \"T\"\n",
    );
    std::fs::remove_dir_all(site.root().join("content")).unwrap();
    site.write("content/pages/about.en.md", "---\ntitle: About\n---\n");
    let (code, stderr) = run_bounded(
        site.root(),
        &["new", "event", "2030-x", "--kind", "treaty\ndraft: true"],
    );
    assert_ne!(code, 0, "{stderr}");
    assert!(stderr.contains("is not a kind id"), "{stderr}");
    assert!(!stderr.contains("treaty\ndraft"), "{stderr}");
    assert!(!site.root().join("content/events/2030-x.en.md").exists());
}

/// An event file of the minimal site with `front` as its front matter.
fn write_event(root: &Path, name: &str, front: &str, body: &str) {
    std::fs::write(
        root.join("content/events").join(name),
        format!("---\n{front}\n---\n\n{body}\n"),
    )
    .unwrap();
}

#[test]
fn yaml_escapes_for_control_characters_are_errors_at_their_key() {
    let base = "date: 2023-05-01\nkind: visit";
    for (front, expected, line) in [
        (
            "title: \"Bell \\x07 here\"\nsummary: \"s\"",
            "`title` contains the invisible control character U+0007",
            2,
        ),
        (
            "title: \"T\"\nsummary: \"tab\\vvertical\"",
            "`summary` contains the invisible control character U+000B",
            3,
        ),
        (
            "title: \"T\"\nsummary: \"s\"\ntags: [\"ok\", \"bad\\uFFFE\"]",
            "`tags` contains the invisible control character U+FFFE",
            4,
        ),
        (
            "title: \"T\"\nsummary: \"s\"\nplace: \"\\0\"",
            "`place` contains the invisible control character U+0000",
            4,
        ),
        (
            "title: \"T\"\nsummary: \"s\"\nsources:\n  - title: \"Esc \\e[31m\"\n    url: \"https://example.org/\"",
            "`sources` contains the invisible control character U+001B",
            4,
        ),
    ] {
        let site = TestSite::new("minimal");
        let stderr = fails_and_keeps_output(
            &site,
            |root| write_event(root, "2023-bad.en.md", &format!("{base}\n{front}"), "Body."),
            expected,
        );
        let at = format!("content/events/2023-bad.en.md:{}:1:", line + 2);
        assert!(stderr.contains(&at), "expected {at} in:\n{stderr}");
        assert!(stderr.contains("YAML escapes"), "{stderr}");
    }
}

#[test]
fn a_raw_nul_or_escape_in_a_body_is_an_error_at_its_position() {
    for (body, expected, at) in [
        ("First line.\nNUL \0 here", "U+0000", ":9:5:"),
        ("\x1b[31mred", "U+001B", ":8:1:"),
    ] {
        let site = TestSite::new("minimal");
        let stderr = fails_and_keeps_output(
            &site,
            |root| {
                write_event(
                    root,
                    "2023-nul.en.md",
                    "title: \"T\"\ndate: 2023-05-01\nkind: visit\nsummary: \"s\"",
                    body,
                )
            },
            &format!("the text contains the invisible control character {expected}"),
        );
        let at = format!("content/events/2023-nul.en.md{at}");
        assert!(stderr.contains(&at), "expected {at} in:\n{stderr}");
    }
}

#[test]
fn titles_of_only_invisible_characters_are_errors() {
    let site = TestSite::new("minimal");
    let stderr = fails_and_keeps_output(
        &site,
        |root| {
            write_event(
                root,
                "2023-blank.en.md",
                "title: \"\\u200B\\uFEFF\\u2060 \"\ndate: 2023-05-01\nkind: visit\nsummary: \"s\"",
                "Body.",
            )
        },
        "the title has no visible character, only U+200B, U+FEFF, U+2060, U+0020",
    );
    assert!(
        stderr.contains("content/events/2023-blank.en.md:2:1:"),
        "{stderr}"
    );
    let site = TestSite::new("minimal");
    fails_and_keeps_output(
        &site,
        |root| {
            std::fs::write(
                root.join("content/pages/about.en.md"),
                "---\ntitle: \"\\u3164\\u00AD\"\n---\n\nHello.\n",
            )
            .unwrap()
        },
        "the title has no visible character, only U+3164, U+00AD",
    );
}

#[test]
fn an_era_that_ends_before_it_starts_is_an_error_at_its_end() {
    let site = TestSite::new("minimal");
    let stderr = fails_and_keeps_output(
        &site,
        |root| {
            let book = root.join("book.toml");
            let mut text = std::fs::read_to_string(&book).unwrap();
            text.push_str(
                "\n[[era]]\nid = \"fine\"\nstart = \"2001\"\nend = \"2002\"\nlabel = { uz = \"A\", en = \"A\" }\n\
                 \n[[era]]\nid = \"backwards\"\nstart = \"2020-05\"\nend = \"2019\"\nlabel = { uz = \"B\", en = \"B\" }\n",
            );
            std::fs::write(book, text).unwrap();
        },
        "era `backwards` ends (2019) before it starts (2020-05)",
    );
    assert!(stderr.contains("book.toml:26:1:"), "{stderr}");
}

/// Nine levels of nine aliases: 9^9 strings once expanded.
fn billion_laughs(first_key: &str) -> String {
    let mut yaml = format!("{first_key}: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    for level in 1..10 {
        let items = vec![format!("*a{}", level - 1); 9].join(", ");
        yaml.push_str(&format!("k{level}: &a{level} [{items}]\n"));
    }
    yaml
}

#[test]
fn yaml_alias_bombs_are_errors_not_expansions() {
    let long = format!(
        "summary: &s \"{}\"\ntags: [{}]\n",
        "x".repeat(200_000),
        vec!["*s"; 100].join(", ")
    );
    for (name, text, at) in [
        (
            "content/events/2023-bomb.en.md",
            format!("---\n{}---\n\nBody.\n", billion_laughs("title")),
            "content/events/2023-bomb.en.md:3:1:",
        ),
        (
            "content/events/2023-long.en.md",
            format!("---\ntitle: \"T\"\ndate: 2023-01-01\nkind: visit\n{long}---\n\nBody.\n"),
            "content/events/2023-long.en.md:6:1:",
        ),
        (
            "content/data/bomb.yaml",
            billion_laughs("rows"),
            "content/data/bomb.yaml:2:1:",
        ),
    ] {
        let site = TestSite::new("minimal");
        let started = Instant::now();
        let stderr = fails_and_keeps_output(
            &site,
            |root| {
                let path = root.join(name);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, &text).unwrap();
            },
            "the YAML aliases (`*name`) here expand to more than",
        );
        assert!(stderr.contains(at), "expected {at} in:\n{stderr}");
        assert!(stderr.contains("aliases of aliases multiply"), "{stderr}");
        assert!(started.elapsed() < TIME_BOUND);
    }
}

#[test]
fn a_hundred_thousand_tags_are_refused_in_linear_time() {
    let tags = |n: usize| {
        (0..n)
            .map(|i| format!("\"t{i}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let front = |n: usize| {
        format!(
            "title: \"T\"\ndate: 2023-01-01\nkind: visit\nsummary: \"s\"\ntags: [{}]",
            tags(n)
        )
    };
    let site = TestSite::new("minimal");
    let started = Instant::now();
    let stderr = fails_and_keeps_output(
        &site,
        |root| write_event(root, "2023-tags.en.md", &front(100_000), "Body."),
        "the event has 100000 tags; an event may have at most 100",
    );
    assert!(
        stderr.contains("content/events/2023-tags.en.md:6:1:"),
        "{stderr}"
    );
    assert!(started.elapsed() < TIME_BOUND);
    // At the limit it builds, every tag with its page.
    write_event(site.root(), "2023-tags.en.md", &front(100), "Body.");
    let (code, stderr) = run_bounded(site.root(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(site.out().join("en/tags/t99/index.html").is_file());
}

#[test]
fn ten_thousand_headings_with_one_text_build_in_linear_time() {
    let site = TestSite::new("minimal");
    let body = format!(
        "{}{}[last](#a-9999)\n",
        "#\n\n".repeat(10_000),
        "## a\n\n".repeat(10_000)
    );
    std::fs::write(
        site.root().join("content/pages/about.en.md"),
        format!("---\ntitle: \"About\"\n---\n\n{body}"),
    )
    .unwrap();
    let (code, stderr) = run_bounded(site.root(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let page = std::fs::read_to_string(site.out().join("en/about/index.html")).unwrap();
    assert!(
        page.contains("id=\"a-9999\""),
        "the last duplicate got its suffix"
    );
}

#[test]
fn a_null_or_empty_title_is_an_error_at_its_key() {
    // YAML reads `null`, `~` and nothing as null; before, a null title was
    // published as the words "null" or "~".
    for title in ["null", "~", "", "\"\""] {
        let site = TestSite::new("minimal");
        let stderr = fails_and_keeps_output(
            &site,
            |root| {
                write_event(
                    root,
                    "2023-untitled.en.md",
                    &format!("title: {title}\ndate: 2023-05-01\nkind: visit\nsummary: \"s\""),
                    "Body.",
                )
            },
            "the title is empty",
        );
        assert!(
            stderr.contains("content/events/2023-untitled.en.md:2:1: error: the title is empty"),
            "{title:?}:\n{stderr}"
        );
    }
}

/// Issue 16, "only regular files are read", for the settings files: a
/// named pipe as book.toml or as a `strings-file`, or a device, would block
/// or never end; a `strings-file` outside the site would publish that file.
#[cfg(unix)]
#[test]
fn settings_files_that_are_pipes_devices_or_outside_the_site_are_refused() {
    let mkfifo = |path: &Path| {
        let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
        assert!(status.success());
    };
    let strings_file = |root: &Path, file: &str| {
        let book = root.join("book.toml");
        let text = std::fs::read_to_string(&book).unwrap().replace(
            "[language.en]\n",
            &format!("[language.en]\nstrings-file = \"{file}\"\n"),
        );
        std::fs::write(book, text).unwrap();
    };
    let site = TestSite::new("minimal");
    let stderr = fails_and_keeps_output(
        &site,
        |root| {
            let book = root.join("book.toml");
            std::fs::rename(&book, root.join("book.saved")).unwrap();
            mkfifo(&book);
        },
        "`book.toml` is not a regular file",
    );
    assert!(stderr.contains("book.toml:1:1: error:"), "{stderr}");

    let site = TestSite::new("minimal");
    let stderr = fails_and_keeps_output(
        &site,
        |root| {
            mkfifo(&root.join("strings.toml"));
            strings_file(root, "strings.toml");
        },
        "`strings.toml` is not a regular file",
    );
    assert!(stderr.contains("book.toml:9:1: error:"), "{stderr}");

    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.toml");
    std::fs::write(&secret, "site_title = \"private text\"\n").unwrap();
    for target in [secret.to_str().unwrap(), "/dev/zero"] {
        let site = TestSite::new("minimal");
        let stderr = fails_and_keeps_output(
            &site,
            |root| strings_file(root, target),
            "which is outside the site folder",
        );
        assert!(stderr.contains("book.toml:9:1: error:"), "{stderr}");
        assert!(!stderr.contains("private text"), "{stderr}");
    }
    // A link inside the site to the file outside is refused the same way.
    let site = TestSite::new("minimal");
    fails_and_keeps_output(
        &site,
        |root| {
            std::os::unix::fs::symlink(&secret, root.join("strings.toml")).unwrap();
            strings_file(root, "strings.toml");
        },
        "`strings-file` names `strings.toml`, which is outside the site folder",
    );
}
