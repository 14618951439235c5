//! The stages of the pipeline import one way (ARCHITECTURE.md, "Layers"):
//! this test reads every `crate::` path in src/ and fails when a stage
//! reaches one it must not, so a cycle cannot creep back in unnoticed.

use std::collections::BTreeSet;
use std::path::Path;

/// (stage, stages it must never import). A stage is a top-level module.
const FORBIDDEN: &[(&str, &[&str])] = &[
    // Pure data: no I/O, no rendering, no knowledge of who uses it.
    (
        "model",
        &[
            "fs", "content", "render", "output", "site", "serve", "cmd", "theme",
        ],
    ),
    // The loader reads the site folder into the model; it renders nothing.
    ("content", &["render", "output", "site", "serve", "cmd"]),
    (
        "config",
        &["content", "render", "output", "site", "serve", "cmd"],
    ),
    // Render turns the loaded site into bytes and writes nothing: it hands
    // files to the caller's `render::emit::Emit`. Output writes bytes and
    // knows nothing of what they say. The site orchestrates both, never
    // the other way round.
    ("render", &["output", "site", "serve", "cmd"]),
    ("output", &["render", "site", "serve", "cmd"]),
    ("site", &["serve", "cmd"]),
    ("serve", &["cmd"]),
    (
        "diag",
        &["content", "render", "output", "site", "serve", "cmd"],
    ),
    (
        "report",
        &["content", "render", "output", "site", "serve", "cmd"],
    ),
];

/// The stage a source file belongs to: `src/render/site.rs` → `render`.
fn stage_of(relative: &Path) -> String {
    let first = relative.components().next().unwrap();
    let name = first.as_os_str().to_string_lossy();
    name.trim_end_matches(".rs").to_string()
}

/// Every `crate::x` a file names, outside comments.
fn imports(source: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            found.insert(name);
        }
    }
    found
}

#[test]
fn no_stage_imports_one_it_must_not() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut violations = Vec::new();
    let mut files = 0;
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        files += 1;
        let relative = entry.path().strip_prefix(&src).unwrap();
        let stage = stage_of(relative);
        let Some((_, forbidden)) = FORBIDDEN.iter().find(|(s, _)| *s == stage) else {
            continue;
        };
        let source = std::fs::read_to_string(entry.path()).unwrap();
        for name in imports(&source) {
            if forbidden.contains(&name.as_str()) {
                violations.push(format!(
                    "{}: {stage} imports crate::{name}",
                    relative.display()
                ));
            }
        }
    }
    assert!(files > 40, "read only {files} files: is src/ where it was?");
    assert!(
        violations.is_empty(),
        "layering broken:\n{}",
        violations.join("\n")
    );
}

#[test]
fn the_reader_sees_imports_and_skips_comments() {
    let found = imports("use crate::model::site::Site;\n// crate::cmd in a comment\nlet x = crate::render::escape::html(a);");
    assert_eq!(
        found,
        BTreeSet::from(["model".to_string(), "render".to_string()])
    );
}
