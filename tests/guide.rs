//! Issue 19: the editors' guide of common mistakes (content/docs/
//! common-mistakes.<lang>.md) shows the message each mistake really gets.
//! Every fenced block whose info string is `text yilnoma-check=<fixture>`
//! must be exactly what `yilnoma check --messages-lang <lang>` prints on
//! tests/fixtures/<fixture>/ (no colour, paths relative to the site), so
//! the page cannot drift from the binary.
//!
//! After changing a message: `UPDATE_GUIDE=1 cargo test --test guide`
//! rewrites the blocks; read the diff as an editor would before committing.

mod common;
use common::TestSite;
use std::path::{Path, PathBuf};
use std::process::Command;

const MARK: &str = "yilnoma-check=";
const LANGUAGES: [&str; 2] = ["uz", "en"];

fn page(lang: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("content/docs/common-mistakes.{lang}.md"))
}

/// What `check` prints on stderr for the fixture, in `lang`.
fn message(fixture: &str, lang: &str) -> String {
    let site = TestSite::new(fixture);
    let mut command = Command::new(env!("CARGO_BIN_EXE_yilnoma"));
    command
        .args(["--messages-lang", lang, "check"])
        .current_dir(site.root());
    for name in [
        "CLICOLOR_FORCE",
        "CLICOLOR",
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
    ] {
        command.env_remove(name);
    }
    command.env("NO_COLOR", "1");
    let output = command.output().expect("run yilnoma");
    String::from_utf8(output.stderr).expect("UTF-8 messages")
}

/// One message block of a page: where its body lies and its fixture.
struct Block {
    fixture: String,
    /// Byte range of the block's body (the lines between the fences).
    body: std::ops::Range<usize>,
}

/// The message blocks of `text`, in order.
fn blocks(text: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut offset = 0;
    let mut open: Option<(String, usize)> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        match &open {
            None => {
                if let Some(info) = trimmed.strip_prefix("```") {
                    if let Some(fixture) =
                        info.split_whitespace().find_map(|w| w.strip_prefix(MARK))
                    {
                        open = Some((fixture.to_string(), offset + line.len()));
                    }
                }
            }
            Some((fixture, start)) if trimmed == "```" => {
                found.push(Block {
                    fixture: fixture.clone(),
                    body: *start..offset,
                });
                open = None;
            }
            Some(_) => {}
        }
        offset += line.len();
    }
    assert!(open.is_none(), "a message block is not closed");
    found
}

#[test]
fn the_guide_shows_the_messages_the_binary_prints() {
    let update = std::env::var_os("UPDATE_GUIDE").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    let mut fixtures_by_language = Vec::new();
    for lang in LANGUAGES {
        let path = page(lang);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let found = blocks(&text);
        assert!(
            found.len() >= 8,
            "{}: only {} message blocks",
            path.display(),
            found.len()
        );
        let mut rewritten = String::with_capacity(text.len());
        let mut last = 0;
        for block in &found {
            let printed = message(&block.fixture, lang);
            assert!(
                !printed.trim().is_empty(),
                "{}: `check` printed nothing",
                block.fixture
            );
            if text[block.body.clone()] != printed {
                stale.push(format!("{lang}: {}", block.fixture));
            }
            rewritten.push_str(&text[last..block.body.start]);
            rewritten.push_str(&printed);
            last = block.body.end;
        }
        rewritten.push_str(&text[last..]);
        if update && rewritten != text {
            std::fs::write(&path, rewritten).expect("rewrite the guide");
        }
        fixtures_by_language.push(found.into_iter().map(|b| b.fixture).collect::<Vec<_>>());
    }
    assert_eq!(
        fixtures_by_language[0], fixtures_by_language[1],
        "both pages show the same mistakes in the same order"
    );
    assert!(
        update || stale.is_empty(),
        "the guide's messages differ from what the binary prints: {stale:?}\n\
         run `UPDATE_GUIDE=1 cargo test --test guide` and read the diff"
    );
}

#[test]
fn blocks_are_found_between_their_fences() {
    let text = "a\n```text yilnoma-check=x\nold\n```\n```yaml\nno\n```\n";
    let found = blocks(text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].fixture, "x");
    assert_eq!(&text[found[0].body.clone()], "old\n");
}
