//! Issue 19: messages an Uzbek-speaking editor who is not a programmer can
//! act on. The language follows `--messages-lang`, else the locale, else
//! English; hints name the fix (the nearest key, the kind's id).

mod common;
use common::TestSite;
use std::process::Command;

/// `yilnoma <args>` in the fixture's copy, with only `vars` as locale.
fn check_with(case: &str, args: &[&str], vars: &[(&str, &str)]) -> String {
    let site = TestSite::new(case);
    let mut command = Command::new(env!("CARGO_BIN_EXE_yilnoma"));
    command.args(args).current_dir(site.root());
    for name in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        command.env_remove(name);
    }
    command.envs(vars.iter().copied());
    let output = command.output().expect("run yilnoma");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    String::from_utf8_lossy(&output.stderr).replace(&format!("{}/", site.root().display()), "")
}

#[test]
fn uzbek_locale_prints_uzbek_and_the_flag_overrides_it() {
    let uz = check_with(
        "unknown_front_matter_key",
        &["check"],
        &[("LANG", "uz_UZ.UTF-8")],
    );
    assert!(uz.contains("error: `dat` degan kalit yo‘q"), "{uz}");
    assert!(uz.contains("hint: `date` demoqchimisiz?"), "{uz}");
    let en = check_with(
        "unknown_front_matter_key",
        &["--messages-lang", "en", "check"],
        &[("LANG", "uz_UZ.UTF-8")],
    );
    assert!(en.contains("error: unknown key `dat`"), "{en}");
    assert!(en.contains("hint: did you mean `date`?"), "{en}");
    let default = check_with("unknown_front_matter_key", &["check"], &[]);
    assert!(default.contains("error: unknown key `dat`"), "{default}");
}

#[test]
fn kind_given_by_its_label_names_the_id_and_never_a_new_kind() {
    for (lang, expected) in [
        (
            "en",
            "`Shartnoma` is how the kind `treaty` is shown to readers",
        ),
        (
            "uz",
            "`Shartnoma` — bu `treaty` turining o‘quvchiga ko‘rinadigan nomi",
        ),
    ] {
        let text = check_with(
            "kind_given_by_label",
            &["--messages-lang", lang, "check"],
            &[],
        );
        assert!(text.contains(expected), "{text}");
        assert!(text.contains("`kind: treaty`"), "{text}");
        assert!(
            !text.contains("[kind."),
            "suggests declaring a duplicate kind:\n{text}"
        );
    }
}

#[test]
fn unknown_messages_language_is_a_usage_error() {
    let site = TestSite::new("minimal");
    let run = site.run(&["--messages-lang", "fr", "check"]);
    assert_eq!(run.code(), 2);
    assert!(
        run.diagnostics().contains("available: en, uz"),
        "{}",
        run.diagnostics()
    );
}
