//! book.toml and one content file together, through the whole `check`
//! pipeline (config, discovery, front matter, validation, Markdown, templates,
//! every text producer) on a real folder. Input: the book.toml text, a NUL
//! byte, then the content file; the first byte of the content picks where
//! the file goes (an event, a page, a doc or a data file). Must never panic,
//! and nothing may appear outside the site folder.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use yilnoma::content::Drafts;

/// One scratch site per fuzzing process, rewritten for every input.
fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("yilnoma-fuzz-site-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch folder");
        dir
    })
}

/// A language code that is safe to put in a file name, or `en`.
fn file_language(toml: &str) -> String {
    let diagnostics = yilnoma::diag::Diagnostics::new();
    let root = Path::new("/nonexistent-fuzz-site");
    yilnoma::config::parse(root, &root.join("book.toml"), toml, &diagnostics)
        .map(|config| config.default_language().code.clone())
        .filter(|code| !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or_else(|| "en".to_string())
}

fuzz_target!(|input: &str| {
    let (toml, content) = input.split_once('\0').unwrap_or((input, ""));
    let root = scratch();
    let site = root.join("site");
    let _ = std::fs::remove_dir_all(&site);
    std::fs::create_dir_all(site.join("content")).expect("content folder");
    std::fs::write(site.join("book.toml"), toml).expect("book.toml");
    let language = file_language(toml);
    let (folder, name) = match content.bytes().next().unwrap_or(0) % 4 {
        0 => ("events", format!("2021-a.{language}.md")),
        1 => ("pages", format!("about.{language}.md")),
        2 => ("docs", format!("guide.{language}.md")),
        _ => ("data", "figures.yaml".to_string()),
    };
    let folder = site.join("content").join(folder);
    std::fs::create_dir_all(&folder).expect("section folder");
    std::fs::write(folder.join(name), content.get(1..).unwrap_or("")).expect("content file");

    let diagnostics = yilnoma::cmd::check::check(&site, Drafts::Include);
    let _ = diagnostics.render(&site);

    let entries: Vec<_> = std::fs::read_dir(root)
        .expect("scratch folder")
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    assert_eq!(entries, vec![std::ffi::OsString::from("site")], "nothing outside the site");
});
