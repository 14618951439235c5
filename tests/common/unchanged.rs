//! The check every refused-input fixture shares: a good build first, then
//! the hostile file restored, then exit 1 with a positioned error and a
//! hint, the previous output and the site folder byte for byte as they
//! were, and nothing written beside the site.

use super::TestSite;
use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `dir` (relative path → bytes).
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap().display().to_string();
            (relative, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Builds `fixture` with `repairs` applied (file → good text; `None`
/// deletes it), then as the fixture has it: exit 1, `expected` in an
/// error with `path:line:column` and a hint, the output and the rest of
/// the temp folder unchanged. Returns the failing run's messages.
#[track_caller]
pub fn fails_and_keeps_everything(
    fixture: &str,
    repairs: &[(&str, Option<&str>)],
    expected: &str,
) -> String {
    let site = TestSite::new(fixture);
    let originals: Vec<(String, Vec<u8>)> = repairs
        .iter()
        .map(|(file, good)| {
            let path = site.root().join(file);
            let original = std::fs::read(&path).unwrap();
            match good {
                Some(text) => std::fs::write(&path, text).unwrap(),
                None => std::fs::remove_file(&path).unwrap(),
            }
            (file.to_string(), original)
        })
        .collect();
    site.build().assert_ok();
    let parent = site.root().parent().unwrap().to_path_buf();
    let around: Vec<_> = std::fs::read_dir(&parent)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let before = snapshot(site.root());
    for (file, original) in originals {
        std::fs::write(site.root().join(file), original).unwrap();
    }
    let after_restore = snapshot(site.root());
    let run = site.build();
    let messages = run.diagnostics();
    run.assert_fails_with(expected);
    assert!(!messages.contains("panicked"), "{messages}");
    let line = messages.lines().find(|l| l.contains(expected)).unwrap();
    let place = line.split(": error: ").next().unwrap();
    let mut parts = place.rsplitn(3, ':');
    assert!(
        parts.next().is_some_and(|c| c.parse::<u32>().is_ok())
            && parts.next().is_some_and(|l| l.parse::<u32>().is_ok()),
        "no line:column in `{line}`"
    );
    assert!(messages.contains("hint:"), "no hint:\n{messages}");
    assert_eq!(
        snapshot(site.root()),
        after_restore,
        "the site folder changed"
    );
    for (name, bytes) in &before {
        if name.starts_with("public/") {
            assert_eq!(after_restore.get(name), Some(bytes), "{name} changed");
        }
    }
    let around_after: Vec<_> = std::fs::read_dir(&parent)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    for name in &around_after {
        assert!(
            around.contains(name) || name.to_string_lossy().starts_with(".tmp"),
            "something was written beside the site: {name:?}"
        );
    }
    site.run(&["check"]).assert_fails_with(expected);
    messages
}
