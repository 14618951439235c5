//! `yilnoma init`: a new site that builds and checks clean at once, and
//! never a file overwritten or written through a link (issue 15).

mod common;
use common::TestSite;

#[test]
fn init_in_an_empty_folder_builds_and_checks_without_warnings() {
    let site = TestSite::empty();
    let init = site.run(&["init"]);
    init.assert_ok();
    assert!(
        init.stdout().contains("yilnoma serve"),
        "next steps: {}",
        init.stdout()
    );
    let check = site.run(&["check"]);
    check.assert_ok();
    assert_eq!(check.diagnostics(), "check passed\n", "no warnings");
    let build = site.build();
    build.assert_ok();
    assert!(
        !build.diagnostics().contains("warning"),
        "{}",
        build.diagnostics()
    );
    assert!(site
        .file("en/events/site-started/index.html")
        .contains("The site is started"));
    assert!(
        site.out().join("index.html").is_file(),
        "the default language's home"
    );
    let book = std::fs::read_to_string(site.root().join("book.toml")).unwrap();
    assert!(
        book.contains("language = \"uz\""),
        "the first language is the default: {book}"
    );
    let pages = std::fs::read_to_string(site.root().join(".github/workflows/pages.yml")).unwrap();
    let version = format!("@v{}", env!("CARGO_PKG_VERSION"));
    assert!(
        pages.contains(&version),
        "the action is pinned to this release: {pages}"
    );
    assert!(site.root().join(".github/workflows/check.yml").is_file());
    assert_eq!(
        std::fs::read_to_string(site.root().join(".gitignore")).unwrap(),
        "/public/\n/.public.yilnoma-*\n"
    );
}

#[test]
fn init_with_a_language_the_theme_lacks_gives_it_strings_to_translate() {
    let site = TestSite::empty();
    site.run(&["init", "--languages", "en,xx"]).assert_ok();
    assert!(site.root().join("i18n/xx.toml").is_file());
    let check = site.run(&["check"]);
    check.assert_ok();
    assert_eq!(check.diagnostics(), "check passed\n", "no warnings");
}

#[test]
fn init_refuses_a_folder_with_files_and_never_overwrites_with_force() {
    let site = TestSite::empty();
    site.write("notes.txt", "mine");
    site.run(&["init"])
        .assert_fails_with("the folder is not empty");
    assert!(!site.root().join("book.toml").exists(), "nothing written");

    site.write("book.toml", "# my own\n");
    let forced = site.run(&["init", "--force"]);
    forced.assert_fails_with("book.toml:1:1: error: already exists; refusing to overwrite it");
    assert_eq!(
        std::fs::read_to_string(site.root().join("book.toml")).unwrap(),
        "# my own\n"
    );
    assert!(!site.root().join("content").exists(), "all or nothing");

    std::fs::remove_file(site.root().join("book.toml")).unwrap();
    site.run(&["init", "--force"]).assert_ok();
    assert_eq!(
        std::fs::read_to_string(site.root().join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(site.root().join("book.toml").is_file());
}

#[test]
fn init_rejects_bad_or_repeated_language_codes() {
    let site = TestSite::empty();
    let run = site.run(&["init", "new", "--languages", "uz,uz,EN"]);
    run.assert_fails_with("language `uz` is given twice");
    assert!(run
        .diagnostics()
        .contains("`EN` should be a lowercase BCP 47 code"));
    assert!(!site.root().join("new").exists());
}

#[cfg(unix)]
#[test]
fn init_never_writes_through_a_symbolic_link() {
    let site = TestSite::empty();
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), site.root().join("linked")).unwrap();
    site.run(&["init", "linked"])
        .assert_fails_with("linked:1:1: error: this is a symbolic link");
    std::fs::create_dir(site.root().join("site")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.root().join("site/content")).unwrap();
    site.run(&["init", "site", "--force"])
        .assert_fails_with("site/content:1:1: error: this is a symbolic link");
    std::fs::create_dir(site.root().join("dangling")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("book.toml"),
        site.root().join("dangling/book.toml"),
    )
    .unwrap();
    site.run(&["init", "dangling", "--force"])
        .assert_fails_with("dangling/book.toml:1:1: error: this is a symbolic link");
    assert_eq!(
        std::fs::read_dir(outside.path()).unwrap().count(),
        0,
        "nothing outside"
    );
    assert!(!site.root().join("site/book.toml").exists());
}

#[test]
fn theme_export_writes_the_built_in_theme_once_and_the_site_still_checks() {
    let site = TestSite::empty();
    site.run(&["init"]).assert_ok();
    let export = site.run(&["theme", "export"]);
    export.assert_ok();
    assert!(export.stdout().contains("templates/base.html"));
    for file in [
        "templates/event.html",
        "templates/partials/event-item.html",
        "static/style.css",
        "i18n/uz.toml",
    ] {
        assert!(site.root().join(file).is_file(), "{file}");
    }
    let check = site.run(&["check"]);
    check.assert_ok();
    assert_eq!(check.diagnostics(), "check passed\n", "no warnings");
    site.write("templates/base.html", "mine");
    site.run(&["theme", "export"]).assert_fails_with(
        "templates/base.html:1:1: error: already exists; refusing to overwrite it",
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("templates/base.html")).unwrap(),
        "mine"
    );
}
