//! The stages of the pipeline import one way (ARCHITECTURE.md,
//! "Invariants"): this test reads every `crate::` path in src/ and fails
//! when a stage reaches one it must not, so a cycle cannot creep back in
//! unnoticed. `the_checker_catches_each_rule` shows every rule failing on a
//! file that breaks it.

use std::collections::BTreeSet;
use std::path::Path;

/// Stages that may import nothing of the crate but themselves.
const SELF_CONTAINED: &[&str] = &[
    // Pure data: no I/O, no messages, no config, no knowledge of who uses it.
    "model",
];

/// The command layer: glue that only `main.rs` (and `lib.rs`, which
/// declares it) may call; no stage may reach back into it.
const COMMANDS: &str = "cmd";
const MAY_NAME_COMMANDS: &[&str] = &["cmd", "main", "lib"];

/// (stage, stages it must never import). A stage is a top-level module.
const FORBIDDEN: &[(&str, &[&str])] = &[
    // The loader reads the site folder into the model; it renders nothing.
    ("content", &["render", "output", "site", "serve"]),
    ("config", &["content", "render", "output", "site", "serve"]),
    // Render turns the loaded site into bytes and writes nothing: it hands
    // files to the caller's `render::emit::Emit`. Output writes bytes and
    // knows nothing of what they say. The site orchestrates both, never
    // the other way round.
    ("render", &["output", "site", "serve"]),
    ("output", &["render", "site", "serve"]),
    ("site", &["serve"]),
    ("diag", &["content", "render", "output", "site", "serve"]),
    ("report", &["content", "render", "output", "site", "serve"]),
];

/// The stage a source file belongs to: `render/site.rs` → `render`.
fn stage_of(relative: &str) -> &str {
    let first = relative.split('/').next().unwrap_or_default();
    first.trim_end_matches(".rs")
}

/// Every top-level module a file names through `crate::`, outside
/// comments; a grouped `crate::{a::x, b}` names `a` and `b`.
fn imports(source: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let ident = |text: &str| -> String {
        text.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let Some(group) = rest.strip_prefix('{') else {
                found.insert(ident(rest));
                continue;
            };
            // The names at the group's top level: after `{` and each `,`
            // at depth one.
            let mut depth = 1;
            found.insert(ident(group));
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 1 => {
                        found.insert(ident(&group[i + 1..]));
                    }
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
            }
        }
    }
    found.remove("");
    found
}

/// Every import against the rules among `files` (path relative to src/
/// with `/`, text), as `path: stage imports crate::name`.
fn violations(files: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (relative, source) in files {
        let stage = stage_of(relative);
        let forbidden = FORBIDDEN
            .iter()
            .find(|(s, _)| *s == stage)
            .map_or(&[][..], |(_, f)| *f);
        for name in imports(source) {
            let wrong = if SELF_CONTAINED.contains(&stage) {
                name != stage
            } else {
                forbidden.contains(&name.as_str())
                    || (name == COMMANDS && !MAY_NAME_COMMANDS.contains(&stage))
            };
            if wrong {
                found.push(format!("{relative}: {stage} imports crate::{name}"));
            }
        }
    }
    found
}

#[test]
fn no_stage_imports_one_it_must_not() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = entry.path().strip_prefix(&src).unwrap();
        let relative = relative.to_string_lossy().replace('\\', "/");
        files.push((relative, std::fs::read_to_string(entry.path()).unwrap()));
    }
    assert!(
        files.len() > 40,
        "read only {} files: is src/ where it was?",
        files.len()
    );
    let found = violations(&files);
    assert!(found.is_empty(), "layering broken:\n{}", found.join("\n"));
}

#[test]
fn the_reader_sees_imports_and_skips_comments() {
    let found = imports(
        "use crate::model::site::Site;\n// crate::cmd in a comment\n\
         let x = crate::render::escape::html(a);\n\
         use crate::{output::sink::{Sink, MemorySink}, site, config::Config};",
    );
    let expected = ["model", "render", "output", "site", "config"];
    assert_eq!(found, expected.iter().map(|s| s.to_string()).collect());
}

#[test]
fn the_checker_catches_each_rule() {
    let file = |path: &str, text: &str| (path.to_string(), text.to_string());
    let breaking = [
        file("render/x.rs", "use crate::output::sink::Sink;"),
        file(
            "render/y.rs",
            "use crate::{model::site::Site, site::Loaded};",
        ),
        file("model/a.rs", "use crate::config::Config;"),
        file("model/b.rs", "crate::messages::Text::new(\"k\")"),
        file("nearest.rs", "use crate::cmd::build;"),
        file("serve/live.rs", "crate::cmd::build::run()"),
        file("content/load.rs", "use crate::site::inventory::Inventory;"),
    ];
    let found = violations(&breaking);
    assert_eq!(
        found,
        [
            "render/x.rs: render imports crate::output",
            "render/y.rs: render imports crate::site",
            "model/a.rs: model imports crate::config",
            "model/b.rs: model imports crate::messages",
            "nearest.rs: nearest imports crate::cmd",
            "serve/live.rs: serve imports crate::cmd",
            "content/load.rs: content imports crate::site",
        ]
    );
    let fine = [
        file("model/c.rs", "use crate::model::date::PartialDate;"),
        file("render/z.rs", "use crate::model::routes::Routes;"),
        file("site/mod.rs", "use crate::output::sink::Sink;"),
        file("main.rs", "yilnoma::cmd::build::run(); use crate::cmd::x;"),
        file("cmd/build.rs", "use crate::cmd::check;"),
    ];
    assert_eq!(violations(&fine), Vec::<String>::new());
}
