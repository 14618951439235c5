//! Issue 19: hints that know the domain and warnings for likely slips, each
//! on a fixture under tests/fixtures/, with the full message an editor
//! reads snapshotted in both languages (tests/snapshots/hints__*.snap):
//! an apostrophe that ends a single-quoted value, a value of the wrong type,
//! a date written another way, a Cyrillic slug, a kind given by its label,
//! a repeated title, tags spelled two ways, translations that disagree.

mod common;
use common::TestSite;
use std::process::Command;

/// `yilnoma --messages-lang LANG check` on a copy of `case`, with no locale
/// and no colour: (exit code, stderr with the temp path removed).
fn check(case: &str, lang: &str) -> (i32, String) {
    let site = TestSite::new(case);
    let mut command = Command::new(env!("CARGO_BIN_EXE_yilnoma"));
    command
        .args(["--messages-lang", lang, "check"])
        .current_dir(site.root());
    for name in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "TERM"] {
        command.env_remove(name);
    }
    command.env("NO_COLOR", "1");
    let output = command.output().expect("run yilnoma");
    let stderr =
        String::from_utf8_lossy(&output.stderr).replace(&format!("{}/", site.root().display()), "");
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output.status.code().unwrap_or(-1), stderr)
}

/// A case in both languages: the exit code, text each must contain (the
/// snapshot holds the rest), and one snapshot per language.
macro_rules! both_languages {
    ($name:ident, $code:expr, en: $en:expr, uz: $uz:expr) => {
        #[test]
        fn $name() {
            for (lang, expected) in [("en", &$en[..]), ("uz", &$uz[..])] {
                let (code, text) = check(stringify!($name), lang);
                assert_eq!(code, $code, "{lang}:\n{text}");
                for part in expected.iter() {
                    assert!(text.contains(part), "{lang}: no `{part}` in:\n{text}");
                }
                insta::assert_snapshot!(format!("{}_{lang}", stringify!($name)), text);
            }
        }
    };
}

both_languages!(
    hint_apostrophe_title,
    1,
    en: [
        "content/events/x.uz.md:2:10: error: this apostrophe ends the quoted value",
        "the value is just `'O'`",
        "title: 'O‘zbekiston va Qozog‘iston savdosi'",
        "title: \"O'zbekiston va Qozog'iston savdosi\"",
    ],
    uz: [
        "content/events/x.uz.md:2:10: xato: bu apostrof qiymatni tugatib qo‘ydi",
        "title: 'O‘zbekiston va Qozog‘iston savdosi'",
    ]
);
both_languages!(
    hint_apostrophe_flow_list,
    1,
    en: ["x.uz.md:5:14: error", "tags: ['Qozog‘iston', savdo]", "tags: [\"Qozog'iston\", savdo]"],
    uz: ["x.uz.md:5:14: xato", "tags: ['Qozog‘iston', savdo]"]
);
both_languages!(
    hint_apostrophe_list_item,
    1,
    en: ["x.uz.md:7:9: error", "  - 'Sur’at'", "  - \"Sur'at\""],
    uz: ["x.uz.md:7:9: xato", "  - 'Sur’at'"]
);
both_languages!(
    wrong_type_tags,
    1,
    en: ["`tags` takes a list, but here it is the text `treaty`", "write it like this:", "tags: [treaty]"],
    uz: ["`tags` qiymati ro‘yxat bo‘lishi kerak, bu yerda esa u — `treaty` matni", "shunday yozing:", "tags: [treaty]"]
);
both_languages!(
    wrong_type_date,
    1,
    en: ["`date` takes a date, but here it is a list", "date: 2022-02-15"],
    uz: ["`date` qiymati sana bo‘lishi kerak, bu yerda esa u — ro‘yxat", "date: 2022-02-15"]
);
both_languages!(
    hint_wrong_type_draft,
    1,
    en: ["`draft` takes `true` or `false`, but here it is the text `ha`", "draft: true"],
    uz: ["`draft` qiymati `true` yoki `false` bo‘lishi kerak", "draft: true"]
);
both_languages!(
    hint_wrong_type_sources,
    1,
    en: ["`sources` takes a list of sources", "  - title: \"Gazeta.uz\""],
    uz: ["`sources` qiymati manbalar ro‘yxati bo‘lishi kerak", "  - title: \"Gazeta.uz\""]
);
both_languages!(
    hint_date_dotted,
    1,
    en: ["x.uz.md:3:7: error: `date`: `14.11.2025` is not a date", "write `date: 2025-11-14`"],
    uz: ["`14.11.2025` sana emas", "`date: 2025-11-14` deb yozing"]
);
both_languages!(
    date_with_slashes,
    1,
    en: ["`2022/02/15` is not a date", "write `date: 2022-02-15`"],
    uz: ["`date: 2022-02-15` deb yozing"]
);
both_languages!(
    date_in_words,
    1,
    en: ["`Fevral 2022` is not a date", "write `date: 2022-02`"],
    uz: ["`date: 2022-02` deb yozing"]
);
both_languages!(
    hint_date_uzbek_words,
    1,
    en: ["write `date: 2025-11-14`"],
    uz: ["`date: 2025-11-14` deb yozing"]
);
both_languages!(
    hint_date_english,
    1,
    en: ["write `date: 2025-11-14`"],
    uz: ["`date: 2025-11-14` deb yozing"]
);
both_languages!(
    hint_date_cyrillic,
    1,
    en: ["write `date: 2025-11-14`"],
    uz: ["`date: 2025-11-14` deb yozing"]
);
both_languages!(
    impossible_date,
    1,
    en: ["`2022-13-40` has month 13", "write the date as `2017`"],
    uz: ["`2022-13-40` da oy 13; oylar 01 dan 12 gacha"]
);
both_languages!(
    hint_slug_cyrillic,
    1,
    en: ["slug `2026-03-ташриф` may only hold", "rename the file to `2026-03-tashrif.uz.md`"],
    uz: ["faylni `2026-03-tashrif.uz.md` deb qayta nomlang"]
);
both_languages!(
    hint_kind_label_pair,
    1,
    en: ["content/events/2024-visit.uz.md:4:1: error: `Tashrif` is how the kind `visit` is shown", "write `kind: visit`", "1 error, 0 warnings"],
    uz: ["`kind: visit` deb yozing", "1 ta xato, 0 ta ogohlantirish"]
);
both_languages!(
    slip_repeated_title,
    0,
    en: ["content/events/2023-treaty.uz.md:2:1: warning: the title `Chegara  shartnomasi` is also the title of `content/events/2022-treaty.uz.md`"],
    uz: ["sarlavhasi `content/events/2022-treaty.uz.md` faylida ham bor"]
);
both_languages!(
    slip_near_tags,
    0,
    en: [
        "content/events/c.uz.md:5:1: warning: the tag `energiya` is spelled almost like `energetika`",
        "content/events/c.uz.md:5:1: warning: the tags `Savdo` and `savdo` (uz) would share the page",
        "2 warnings",
    ],
    uz: ["`energiya` tegi `energetika` tegiga juda o‘xshab yozilgan", "hamma joyda `savdo` deb yozing"]
);
both_languages!(
    slip_translations_disagree,
    0,
    en: [
        "content/events/2024-visit.en.md:2:1: warning: `content/events/2024-visit.uz.md` gives the place (`place: Astana`), this translation gives none",
        "content/events/2024-visit.en.md:5:1: warning: the translations have different numbers of tags: 1 here, 2 in `content/events/2024-visit.uz.md`",
    ],
    uz: ["tarjimalarda teglar soni har xil: bu yerda 1 ta, `content/events/2024-visit.uz.md` faylida 2 ta"]
);

/// The kind label is blamed on the file that has it, not on the correct
/// translation beside it, and never answered with a new `[kind.…]`.
#[test]
fn a_kind_label_is_not_blamed_on_the_correct_translation() {
    let (_, text) = check("hint_kind_label_pair", "en");
    assert!(!text.contains("2024-visit.en.md"), "{text}");
    assert!(!text.contains("[kind."), "{text}");
}

/// The locale chooses Uzbek on a broken fixture; the flag overrides it.
#[test]
fn the_locale_chooses_uzbek_and_the_flag_overrides_it() {
    let run = |args: &[&str]| {
        let site = TestSite::new("hint_apostrophe_title");
        let output = Command::new(env!("CARGO_BIN_EXE_yilnoma"))
            .args(args)
            .current_dir(site.root())
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "uz_UZ.UTF-8")
            .env("NO_COLOR", "1")
            .output()
            .expect("run yilnoma");
        assert_eq!(output.status.code(), Some(1));
        String::from_utf8_lossy(&output.stderr).to_string()
    };
    let uz = run(&["check"]);
    assert!(
        uz.contains(": xato: bu apostrof qiymatni tugatib qo‘ydi"),
        "{uz}"
    );
    assert!(uz.contains("  maslahat: o‘ va g‘ ni ‘ bilan"), "{uz}");
    assert!(uz.contains("1 ta xato"), "{uz}");
    let en = run(&["--messages-lang", "en", "check"]);
    assert!(
        en.contains(": error: this apostrophe ends the quoted value"),
        "{en}"
    );
    assert!(en.contains("  hint: write o‘ and g‘ with ‘"), "{en}");
    assert!(!en.contains("xato"), "{en}");
}

/// The bundled site has none of these slips.
#[test]
fn the_bundled_site_has_no_slip_warnings() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(env!("CARGO_BIN_EXE_yilnoma"))
        .args(["--messages-lang", "en", "check"])
        .current_dir(root)
        .env("NO_COLOR", "1")
        .output()
        .expect("run yilnoma");
    let text = String::from_utf8_lossy(&output.stderr);
    for slip in [
        "is also the title of",
        "is spelled almost like",
        "would share the page",
        "gives the place",
        "different numbers of tags",
    ] {
        assert!(!text.contains(slip), "{slip}:\n{text}");
    }
}

/// A misspelt book.toml key gets the nearest real key, in both languages.
#[test]
fn a_misspelt_book_toml_key_names_the_nearest_one() {
    for (lang, message, hint) in [
        (
            "en",
            "warning: unknown key `book.descriptoin` in book.toml",
            "hint: did you mean `description`?",
        ),
        (
            "uz",
            "ogohlantirish: book.toml da `book.descriptoin` degan kalit yo‘q",
            "maslahat: `description` demoqchimisiz?",
        ),
    ] {
        let site = TestSite::new("minimal");
        let book = std::fs::read_to_string(site.root().join("book.toml")).unwrap();
        site.write(
            "book.toml",
            &book.replacen("[book]\n", "[book]\ndescriptoin = \"Sinov\"\n", 1),
        );
        let output = Command::new(env!("CARGO_BIN_EXE_yilnoma"))
            .args(["--messages-lang", lang, "check"])
            .current_dir(site.root())
            .env("NO_COLOR", "1")
            .output()
            .expect("run yilnoma");
        let text = String::from_utf8_lossy(&output.stderr);
        assert!(
            text.contains(&format!("book.toml:2:1: {message}")),
            "{text}"
        );
        assert!(text.contains(hint), "{text}");
    }
}
