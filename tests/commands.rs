//! `new event`, `check` and `check --translations`, end to end.

mod common;
use common::TestSite;

#[test]
fn new_event_scaffolds_every_language_and_refuses_to_overwrite() {
    let site = TestSite::new("minimal");
    site.run(&[
        "new",
        "event",
        "2026-03-visit",
        "--date",
        "2026-03",
        "--kind",
        "visit",
    ])
    .assert_ok();
    let uz =
        std::fs::read_to_string(site.root().join("content/events/2026-03-visit.uz.md")).unwrap();
    assert!(uz.contains("date: 2026-03"), "{uz}");
    assert!(uz.contains("kind: visit"));
    assert!(
        uz.contains("# end_date:"),
        "optional keys are present, commented"
    );
    assert!(site
        .root()
        .join("content/events/2026-03-visit.en.md")
        .is_file());
    let again = site.run(&["new", "event", "2026-03-visit"]);
    assert_eq!(again.code(), 1);
    assert!(
        again.diagnostics().contains("refusing to overwrite"),
        "{}",
        again.diagnostics()
    );
}

#[test]
fn new_event_rejects_bad_slug_and_unknown_kind() {
    let site = TestSite::new("minimal");
    let bad_slug = site.run(&["new", "event", "With Space"]);
    assert_eq!(bad_slug.code(), 1);
    assert!(
        bad_slug.diagnostics().contains("with-space"),
        "suggests a slug: {}",
        bad_slug.diagnostics()
    );
    let bad_kind = site.run(&["new", "event", "x", "--kind", "party"]);
    assert!(bad_kind.diagnostics().contains("unknown kind `party`"));
}

#[test]
fn check_writes_nothing_and_reports_translations() {
    let site = TestSite::new("minimal");
    let run = site.run(&["check", "--translations"]);
    run.assert_ok();
    assert!(!site.out().exists(), "check writes nothing");
    let table = run.stdout();
    let row = table
        .lines()
        .find(|l| l.starts_with("events/2022-treaty"))
        .expect("row for the event");
    assert!(
        row.contains("present") && row.contains("missing"),
        "{table}"
    );
    assert!(run.diagnostics().contains("has no `en` translation"));
}

#[test]
fn usage_errors_exit_2() {
    let site = TestSite::new("minimal");
    assert_eq!(site.run(&["build", "--no-such-flag"]).code(), 2);
    assert_eq!(site.run(&["--help"]).code(), 0);
}

#[test]
fn broken_translation_is_not_reported_as_missing() {
    let site = TestSite::new("minimal");
    site.write(
        "content/events/2022-treaty.en.md",
        "---\ntitle: \"T\"\ndate: 2022-02\nkind: treaty\ntags: x: y\n---\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.diagnostics()
            .contains("content/events/2022-treaty.en.md:5:"),
        "{}",
        run.diagnostics()
    );
    assert!(
        !run.diagnostics().contains("has no `en` translation"),
        "{}",
        run.diagnostics()
    );
    assert!(
        !run.diagnostics().contains("nothing was written"),
        "check never writes: {}",
        run.diagnostics()
    );
}

#[test]
fn check_format_github_prints_one_workflow_command_per_diagnostic() {
    // Issue 15: pull-request annotations on the right file, line and column.
    let site = TestSite::new("three_errors");
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code(), 1, "{}", run.diagnostics());
    let commands: Vec<String> = run.stdout().lines().map(str::to_string).collect();
    let places: Vec<&str> = commands
        .iter()
        .map(|c| &c[..c.find(",title=").expect("a title")])
        .collect();
    assert_eq!(
        places,
        [
            "::error file=content/events/a.uz.md,line=3,col=7",
            "::error file=content/events/b.uz.md,line=5,col=1",
            "::warning file=content/events/c.uz.md",
            "::error file=content/events/c.uz.md,line=7,col=9",
        ]
    );
    assert!(commands[1].ends_with("::unknown key `sumary`%0Ahint: did you mean `summary`? The keys this file may use: title, date, end_date, kind, tags, place, summary, sources, draft, weight"), "{}", commands[1]);
    assert!(run.diagnostics().contains("3 errors, 1 warning"));
    // The job log keeps the whole text, snippet included.
    assert!(
        run.diagnostics().contains("5 | sumary:"),
        "{}",
        run.diagnostics()
    );
}

#[test]
fn completions_name_the_subcommands_for_each_shell() {
    let site = TestSite::empty();
    for (shell, marker) in [
        ("bash", "complete -F _yilnoma"),
        ("zsh", "#compdef yilnoma"),
        ("fish", "complete -c yilnoma"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let run = site.run(&["completions", shell]);
        run.assert_ok();
        let script = run.stdout();
        assert!(script.contains(marker), "{shell}: {script}");
        for subcommand in ["build", "check", "init", "serve"] {
            assert!(script.contains(subcommand), "{shell} lacks {subcommand}");
        }
    }
    assert_eq!(site.run(&["completions", "tcsh"]).code(), 2);
}
