//! Drives fixture sites under tests/fixtures/<case>/ (mdBook's `BookTest`
//! shape): copy the fixture to a temp folder, run the real binary on it,
//! then read output files or the printed diagnostics.
#![allow(dead_code)]

pub mod unchanged;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A site in a folder of its own inside a private temp folder, so that
/// "nothing was written beside the site" looks at a folder no other
/// process writes to (the system temp folder gets compilers' files).
pub struct TestSite {
    pub dir: tempfile::TempDir,
    root: PathBuf,
}

impl TestSite {
    /// A temp copy of tests/fixtures/<name>.
    pub fn new(name: &str) -> Self {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        assert!(fixture.is_dir(), "no fixture {}", fixture.display());
        let site = Self::empty();
        copy_dir(&fixture, site.root());
        site
    }

    /// An empty site folder, to fill with `write`.
    pub fn empty() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        std::fs::create_dir(&root).expect("site folder");
        Self { dir, root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn write(&self, relative: &str, text: &str) -> &Self {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Runs `yilnoma <args…>` in the site folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_yilnoma"))
            .args(args)
            .current_dir(self.root())
            .output()
            .expect("run yilnoma");
        Run {
            output,
            root: self.root().to_path_buf(),
        }
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    /// The text of an output file, e.g. `en/events/x/index.html`.
    pub fn file(&self, relative: &str) -> String {
        let path = self.out().join(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Only the `<main>` region of an output page.
    pub fn main_html(&self, relative: &str) -> String {
        let html = self.file(relative);
        let start = html.find("<main").expect("page has <main>");
        let end = html.find("</main>").expect("page has </main>") + "</main>".len();
        html[start..end].to_string()
    }
}

pub struct Run {
    pub output: Output,
    root: PathBuf,
}

impl Run {
    pub fn code(&self) -> i32 {
        self.output.status.code().unwrap_or(-1)
    }

    /// What the run printed on stderr, with the temp path removed.
    pub fn diagnostics(&self) -> String {
        let text = String::from_utf8_lossy(&self.output.stderr).to_string();
        text.replace(&format!("{}/", self.root.display()), "")
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).to_string()
    }

    #[track_caller]
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(
            self.code(),
            0,
            "expected success, got:\n{}",
            self.diagnostics()
        );
        self
    }

    #[track_caller]
    pub fn assert_fails_with(&self, needle: &str) -> &Self {
        assert_eq!(
            self.code(),
            1,
            "expected exit 1, got {}:\n{}",
            self.code(),
            self.diagnostics()
        );
        assert!(
            self.diagnostics().contains(needle) || self.without_snippets().contains(needle),
            "expected `{needle}` in:\n{}",
            self.diagnostics()
        );
        self
    }

    /// The diagnostics without their source snippets (`  |`, `4 | …`,
    /// `  | ^^^`), so a message and its hint read as adjacent lines.
    #[allow(dead_code)]
    pub fn without_snippets(&self) -> String {
        self.diagnostics()
            .lines()
            .filter(|line| {
                !line.split_once('|').is_some_and(|(margin, _)| {
                    !margin.is_empty() && margin.trim().chars().all(|c| c.is_ascii_digit())
                })
            })
            .map(|line| format!("{line}\n"))
            .collect()
    }
}

/// Copies the folder tree `from` into `to` (which exists).
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs `program` with `node -e` and reads what it prints as JSON: how the
/// tests compare the site's scripts with their Rust twins.
pub fn node_json<T: serde::de::DeserializeOwned>(program: &str) -> T {
    let output = Command::new("node")
        .args(["-e", program])
        .output()
        .expect("Node.js runs this test: install the `nodejs` package");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the script prints JSON")
}
