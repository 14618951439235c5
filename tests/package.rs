//! What `cargo package` ships: everything the binary embeds (the theme's
//! templates, interface strings and static files, init's workflows), the
//! licence and the readme, and not the fuzz crate or the tests, so that
//! `cargo install yilnoma` builds the same program as this repository.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

/// The files `cargo package --list` would put in the crate.
fn packaged() -> BTreeSet<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["package", "--list", "--locked", "--allow-dirty"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo package --list");
    assert!(
        output.status.success(),
        "cargo package --list failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("file names in UTF-8")
        .lines()
        .map(str::to_string)
        .collect()
}

/// Every file that `include_str!` / `include_bytes!` in src/ embeds, as a
/// path from the repository root.
fn embedded() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = BTreeSet::new();
    for entry in walkdir::WalkDir::new(root.join("src")) {
        let entry = entry.expect("walk src/");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("read a source file");
        for marker in ["include_str!(\"", "include_bytes!(\""] {
            for (start, _) in text.match_indices(marker) {
                let rest = &text[start + marker.len()..];
                let relative = &rest[..rest.find('"').expect("closing quote")];
                let joined = entry.path().parent().unwrap().join(relative);
                let normal = normalise(&joined);
                let from_root = normal
                    .strip_prefix(root)
                    .expect("embedded file inside the repository");
                found.insert(from_root.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found
}

fn normalise(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            other => normal.push(other),
        }
    }
    normal
}

#[test]
fn the_package_holds_every_embedded_file_the_licence_and_no_test_or_fuzz_file() {
    let packaged = packaged();
    let embedded = embedded();
    assert!(embedded.len() > 20, "embedded files found: {embedded:?}");
    let missing: Vec<_> = embedded.difference(&packaged).collect();
    assert!(missing.is_empty(), "embedded but not packaged: {missing:?}");
    for file in ["LICENSE", "README.md", "CHANGELOG.md", "Cargo.lock"] {
        assert!(packaged.contains(file), "{file} is not packaged");
    }
    let stray: Vec<_> = packaged
        .iter()
        .filter(|f| f.starts_with(".fuzz/") || f.starts_with("tests/") || f.starts_with("content/"))
        .collect();
    assert!(stray.is_empty(), "packaged but not needed: {stray:?}");
}
