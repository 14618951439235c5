//! Diagnostics are coloured by the usual conventions: never into a pipe by
//! default, always with `CLICOLOR_FORCE`, never with `NO_COLOR` (issue 15).

use std::process::Command;

mod common;
use common::TestSite;

/// The stderr of `yilnoma check` on a broken site with the given environment.
fn check_stderr(env: &[(&str, &str)]) -> String {
    let site = TestSite::new("unknown_kind");
    let mut command = Command::new(env!("CARGO_BIN_EXE_yilnoma"));
    command.arg("check").current_dir(site.root());
    for name in ["NO_COLOR", "CLICOLOR_FORCE", "CLICOLOR", "TERM"] {
        command.env_remove(name);
    }
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().expect("run yilnoma");
    assert_eq!(output.status.code(), Some(1), "the fixture is broken");
    String::from_utf8(output.stderr).unwrap()
}

const ESCAPE: char = '\u{1b}';

#[test]
fn a_pipe_gets_no_colours() {
    let stderr = check_stderr(&[]);
    assert!(stderr.contains("error"), "{stderr}");
    assert!(!stderr.contains(ESCAPE), "{stderr:?}");
}

#[test]
fn clicolor_force_colours_a_pipe() {
    let stderr = check_stderr(&[("CLICOLOR_FORCE", "1")]);
    assert!(stderr.contains(ESCAPE), "{stderr:?}");
}

#[test]
fn no_color_wins_over_clicolor_force() {
    let stderr = check_stderr(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(stderr.contains("error"), "{stderr}");
    assert!(!stderr.contains(ESCAPE), "{stderr:?}");
}
