//! book.toml and one content file together, through a real `build` onto
//! disk: load, render, staging folder, lock and swap. Input as for `site`:
//! the book.toml text, a NUL byte, then the content file, whose first byte
//! picks where it goes (an event, a page, a doc or a data file). The site
//! starts with a previous output (`public/`, marked as Yilnoma's). Must never
//! panic; a failed build leaves that output byte for byte as it was; a
//! successful one replaces it; either way nothing but `public/` changes, no
//! staging, old-build or lock file stays, and nothing appears beside the site.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use yilnoma::cmd::build::{build, BuildOptions};
use yilnoma::content::Drafts;

const PREVIOUS: &str = "<p>the previous site</p>";

/// One scratch folder per fuzzing process, rewritten for every input.
fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("yilnoma-fuzz-build-{}", std::process::id()));
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

/// Every entry under `dir` (relative path → bytes; folders map to nothing).
fn tree(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let mut entries = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(read) = std::fs::read_dir(&folder) else { continue };
        for entry in read.flatten() {
            let path = entry.path();
            let name = path.strip_prefix(dir).unwrap().to_string_lossy().to_string();
            let kind = entry.file_type().expect("file type");
            if kind.is_dir() {
                entries.insert(name, None);
                stack.push(path);
            } else {
                entries.insert(name, Some(std::fs::read(&path).unwrap_or_default()));
            }
        }
    }
    entries
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
    let out = site.join("public");
    std::fs::create_dir_all(&out).expect("previous output");
    std::fs::write(out.join(".yilnoma-output"), "marker").expect("marker");
    std::fs::write(out.join("index.html"), PREVIOUS).expect("previous page");
    let previous = tree(&out);
    let sources: BTreeMap<_, _> = tree(&site)
        .into_iter()
        .filter(|(name, _)| !name.starts_with("public"))
        .collect();

    let options = BuildOptions {
        root: site.clone(),
        out: out.clone(),
        base_url: None,
        drafts: Drafts::Include,
    };
    let failed = match build(&options) {
        Ok(outcome) => {
            let _ = outcome.diagnostics.render(&site);
            outcome.failed()
        }
        Err(_) => true,
    };

    let after: BTreeMap<_, _> = tree(&site);
    let (output, rest): (BTreeMap<_, _>, BTreeMap<_, _>) =
        after.into_iter().partition(|(name, _)| name == "public" || name.starts_with("public/"));
    assert_eq!(rest, sources, "only public/ may change (no staging, old-build or lock file left)");
    let output: BTreeMap<_, _> = output
        .into_iter()
        .filter_map(|(name, bytes)| name.strip_prefix("public/").map(|n| (n.to_string(), bytes)))
        .collect();
    if failed {
        assert_eq!(output, previous, "a failed build changed the previous output");
    } else {
        assert!(output.contains_key(".yilnoma-output"), "the new output is marked");
        let index = output.get("index.html").cloned().flatten().unwrap_or_default();
        assert_ne!(index, PREVIOUS.as_bytes(), "a successful build replaced the previous site");
    }
    let beside: Vec<_> = std::fs::read_dir(root)
        .expect("scratch folder")
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    assert_eq!(beside, vec![std::ffi::OsString::from("site")], "nothing beside the site");
});
