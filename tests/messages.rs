//! Issue 19: messages an Uzbek-speaking editor who is not a programmer can
//! act on. The language follows `--messages-lang`, else the locale, else
//! English; hints name the fix (the nearest key, the kind's id).

mod common;
use common::TestSite;
use std::process::Command;

/// `yilnoma <args>` in the fixture's copy, with only `vars` as locale:
/// (stdout, stderr), temp paths removed. The run must exit 1.
fn run_with(case: &str, args: &[&str], vars: &[(&str, &str)]) -> (String, String) {
    let site = TestSite::new(case);
    let mut command = Command::new(env!("CARGO_BIN_EXE_yilnoma"));
    command.args(args).current_dir(site.root());
    for name in [
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
        "LANGUAGE",
        "NO_COLOR",
        "TERM",
    ] {
        command.env_remove(name);
    }
    command.envs(vars.iter().copied());
    let output = command.output().expect("run yilnoma");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let clean = |bytes: &[u8]| {
        String::from_utf8_lossy(bytes).replace(&format!("{}/", site.root().display()), "")
    };
    (clean(&output.stdout), clean(&output.stderr))
}

/// What `yilnoma <args>` prints on stderr (see `run_with`).
fn check_with(case: &str, args: &[&str], vars: &[(&str, &str)]) -> String {
    run_with(case, args, vars).1
}

#[test]
fn uzbek_locale_prints_uzbek_and_the_flag_overrides_it() {
    let uz = check_with(
        "unknown_front_matter_key",
        &["check"],
        &[("LANG", "uz_UZ.UTF-8")],
    );
    assert!(uz.contains(": xato: `dat` degan kalit yo‘q"), "{uz}");
    assert!(uz.contains("  maslahat: `date` demoqchimisiz?"), "{uz}");
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

/// The whole message an editor reads, in both languages: the position,
/// the line itself with the key underlined, the fix, and the count.
#[test]
fn the_message_shows_the_line_and_the_fix_in_both_languages() {
    let uz = check_with(
        "unknown_front_matter_key",
        &["--messages-lang", "uz", "build"],
        &[],
    );
    assert_eq!(
        uz,
        "content/events/x.uz.md:3:1: xato: `dat` degan kalit yo‘q\n  |\n3 | dat: 2022\n  | ^^^\n  \
         maslahat: `date` demoqchimisiz? Bu faylda ishlatsa bo‘ladigan kalitlar: title, date, \
         end_date, kind, tags, place, summary, sources, draft, weight\n\
         1 ta xato, 0 ta ogohlantirish: hech narsa yozilmadi; avvalgi natija o‘zgarmadi\n"
    );
    let en = check_with(
        "unknown_front_matter_key",
        &["--messages-lang", "en", "build"],
        &[],
    );
    assert_eq!(
        en,
        "content/events/x.uz.md:3:1: error: unknown key `dat`\n  |\n3 | dat: 2022\n  | ^^^\n  \
         hint: did you mean `date`? The keys this file may use: title, date, \
         end_date, kind, tags, place, summary, sources, draft, weight\n\
         1 error, 0 warnings: nothing was written; the previous output is unchanged\n"
    );
}

/// `--format json`: one object a line on stdout, for editors' tools and CI.
#[test]
fn json_format_gives_one_object_per_diagnostic() {
    let (stdout, stderr) = run_with(
        "three_errors",
        &["--format", "json", "--messages-lang", "uz", "check"],
        &[],
    );
    let objects: Vec<serde_json::Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    assert_eq!(objects.len(), 4, "{stdout}");
    let unknown = objects
        .iter()
        .find(|o| o["code"] == "unknown_key")
        .expect("the unknown key");
    assert_eq!(unknown["file"], "content/events/b.uz.md");
    assert_eq!(
        (unknown["line"].as_u64(), unknown["column"].as_u64()),
        (Some(5), Some(1))
    );
    assert_eq!(unknown["severity"], "error");
    assert_eq!(unknown["message"], "`sumary` degan kalit yo‘q");
    assert_eq!(unknown["english"], "unknown key `sumary`");
    assert!(
        unknown["hint"]
            .as_str()
            .is_some_and(|h| h.starts_with("`summary` demoqchimisiz?")),
        "{unknown}"
    );
    assert_eq!(
        objects
            .iter()
            .filter(|o| o["severity"] == "warning")
            .count(),
        1
    );
    assert!(
        !stderr.contains("sumary"),
        "messages only on stdout:\n{stderr}"
    );
    assert!(stderr.contains("3 ta xato, 1 ta ogohlantirish"), "{stderr}");
}
