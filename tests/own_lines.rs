//! Issue 19: the binary's own lines (`check passed`, `built N pages …`,
//! `created …`) are in the messages language, with plural forms; paths
//! stay as they are.

mod common;
use common::TestSite;
use std::process::Command;

/// `yilnoma <args>` in a copy of the fixture with only `vars` as locale:
/// (exit code, stdout, stderr).
fn run(site: &TestSite, args: &[&str], vars: &[(&str, &str)]) -> (i32, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_yilnoma"));
    command.args(args).current_dir(site.root());
    for name in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        command.env_remove(name);
    }
    command.envs(vars.iter().copied());
    let output = command.output().expect("run yilnoma");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const UZ: &[(&str, &str)] = &[("LANG", "uz_UZ.UTF-8")];

#[test]
fn check_passed_is_said_in_the_messages_language() {
    let site = TestSite::new("minimal");
    let (code, _, uz) = run(&site, &["check"], UZ);
    assert_eq!(code, 0, "{uz}");
    assert_eq!(uz.lines().last(), Some("tekshiruvdan o‘tdi"), "{uz}");
    let (_, _, en) = run(&site, &["--messages-lang", "en", "check"], UZ);
    assert_eq!(en.lines().last(), Some("check passed"), "{en}");
}

#[test]
fn the_build_line_counts_pages_and_events_with_plural_forms() {
    let site = TestSite::new("minimal");
    let out = site.out();
    let out_arg = out.to_str().expect("a UTF-8 temp path");
    let (code, _, uz) = run(&site, &["build", "--out", out_arg], UZ);
    assert_eq!(code, 0, "{uz}");
    let line = uz.lines().last().expect("a last line");
    // `12 ta sahifa (2 ta voqea) /tmp/…/public papkasiga 8 ms da qurildi`
    let (counts, rest) = line
        .split_once(&format!(" {out_arg} papkasiga "))
        .expect(line);
    assert!(rest.ends_with(" ms da qurildi"), "{line}");
    let words: Vec<&str> = counts.split(' ').collect();
    assert!(words[0].parse::<usize>().is_ok(), "{line}");
    assert_eq!(&words[1..3], ["ta", "sahifa"], "{line}");
    assert_eq!(words[4..].join(" "), "ta voqea)", "{line}");

    let (_, _, en) = run(
        &site,
        &["--messages-lang", "en", "build", "--out", out_arg],
        UZ,
    );
    let line = en.lines().last().expect("a last line");
    assert!(line.starts_with("built "), "{line}");
    assert!(line.contains(" pages (2 events) into "), "{line}");
}

#[test]
fn created_files_are_listed_in_the_messages_language() {
    let site = TestSite::empty();
    let (code, stdout, stderr) = run(&site, &["init", "new-site"], UZ);
    assert_eq!(code, 0, "{stderr}");
    let first = stdout.lines().next().expect("a first line");
    assert!(first.starts_with("yaratildi: new-site/"), "{stdout}");
    let (_, stdout, _) = run(&site, &["--messages-lang", "en", "init", "other-site"], UZ);
    assert!(stdout.starts_with("created other-site/"), "{stdout}");
}
