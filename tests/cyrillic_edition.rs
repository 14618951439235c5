//! Issue 18: a language made by transliteration. The fixture declares
//! `uz-Cyrl` made from `uz`; the bundled site ships the Uzbek Cyrillic
//! edition under `/uz-cyrl/`. Bad tables and keys are editor errors at
//! their file and line.

mod common;

use common::TestSite;
use std::path::Path;

fn built(name: &str) -> TestSite {
    let site = TestSite::new(name);
    let run = site.build();
    run.assert_ok();
    assert!(
        !run.diagnostics().contains("warning"),
        "no warning expected:\n{}",
        run.diagnostics()
    );
    site
}

#[test]
fn generated_edition_transliterates_text_and_keeps_code_links_and_kept_words() {
    let site = built("cyrillic_edition");
    let page = site.file("uz-cyrl/events/2021-12-06-yevropa/index.html");
    assert!(page.contains("<html lang=\"uz-Cyrl\""), "{page}");
    assert!(
        page.contains("Европа ва Ўзбекистон: экспорт эълони"),
        "{page}"
    );
    // Kept words and phrases (the editor's and the table's).
    assert!(
        page.contains("UzAuto ва Chevrolet заводи ҳақида The Astana Times ёзди."),
        "{page}"
    );
    assert!(page.contains("Масъулият ва Исҳоқ"), "{page}");
    // Inline code, autolinks and link targets stay as written; the heading
    // keeps its Latin id, so the `#fragment` link still resolves.
    assert!(page.contains("<code>shahar</code>"), "{page}");
    assert!(page.contains("https://example.org/yo‘l"), "{page}");
    assert!(page.contains("href=\"#qisman-malum-sanalar\""), "{page}");
    assert!(page.contains("id=\"qisman-malum-sanalar\""), "{page}");
    assert!(page.contains("Қисман маълум саналар"), "{page}");
    // A cited title stays in its own script, marked with its language.
    assert!(page.contains("Kazakh, Uzbek Leaders Sign Border Agreement"));
    // Dates, place, kind label and interface strings of the edition.
    assert!(page.contains("2021 йил 6 декабр"), "{page}");
    assert!(page.contains("Тошкент"), "{page}");
    assert!(page.contains("Келишув"), "{page}");
    assert!(page.contains("Хронология"), "{page}");
    // The Latin page names the Cyrillic one as its alternate.
    let latin = site.file("events/2021-12-06-yevropa/index.html");
    assert!(latin.contains("hreflang=\"uz-Cyrl\""), "{latin}");
    assert!(
        latin.contains("/uz-cyrl/events/2021-12-06-yevropa/"),
        "{latin}"
    );
    // Pages too.
    let about = site.main_html("uz-cyrl/haqida/index.html");
    assert!(
        about.contains("Ушбу саҳифа лотин ёзувида ёзилган."),
        "{about}"
    );
}

#[test]
fn hand_made_cyrillic_file_takes_precedence() {
    let site = built("cyrillic_edition");
    let page = site.main_html("uz-cyrl/events/2022-qolda/index.html");
    assert!(page.contains("Қўлда ёзилган сарлавҳа"), "{page}");
    assert!(page.contains("Муҳаррир ўзи ёзган матн."), "{page}");
    assert!(!page.contains("Автоматик"), "{page}");
    let latin = site.main_html("events/2022-qolda/index.html");
    assert!(latin.contains("Avtomatik sarlavha"), "{latin}");
}

#[test]
fn cyrillic_tag_pages_share_the_latin_slug_and_the_edition_has_its_files() {
    let site = built("cyrillic_edition");
    let tag = site.main_html("uz-cyrl/tags/sanoat-kooperatsiyasi/index.html");
    assert!(tag.contains("Саноат кооперацияси"), "{tag}");
    site.file("tags/sanoat-kooperatsiyasi/index.html");
    let feed = site.file("uz-cyrl/atom.xml");
    assert!(feed.contains("Европа ва Ўзбекистон"), "{feed}");
    let manifest: serde_json::Value =
        serde_json::from_str(&site.file("uz-cyrl/search/index.json")).unwrap();
    let shards = manifest["shards"].as_u64().unwrap() as usize;
    // Search folds Cyrillic to Latin, so the index holds the folded word,
    // in the shard of its first two letters.
    let holds = |word: &str| {
        let shard = yilnoma::model::search_shards::shard_of(word, shards);
        site.file(&format!("uz-cyrl/search/words-{shard}.json"))
            .contains(&format!("\"{word}\""))
    };
    assert!(holds("yevropa") || holds("evropa"), "{manifest}");
    let sitemap = site.file("sitemap.xml");
    assert!(sitemap.contains("uz-cyrl/events/2021-12-06-yevropa/"));
    assert!(sitemap.contains("hreflang=\"uz-Cyrl\""));
    let listed = site.run(&["check", "--list-files"]);
    listed.assert_ok();
    assert!(listed.stdout().contains("uz-cyrl/index.html"));
}

#[test]
fn bundled_site_has_the_uzbek_cyrillic_edition() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("public");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_yilnoma"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    let home = read("uz-cyrl/index.html");
    assert!(home.contains("<html lang=\"uz-Cyrl\""));
    assert!(home.contains("Ўзбекистон – Қозоғистон: хронология"));
    let latin_home = read("index.html");
    assert!(latin_home.contains("Ўзбекча"), "switcher lists the edition");
    let event = read("uz-cyrl/events/2021-12-06-industrial-centre-rail-road-agreements/index.html");
    assert!(event.contains("2021 йил 6 декабр"));
    // The hand-made sources page, with the cited English titles as written.
    let sources = read("uz-cyrl/sources/index.html");
    assert!(sources.contains("Field Reports, CACI Analyst"));
    assert!(sources.contains("Очиқ манбалар"));
    assert!(read("sitemap.xml").contains("/uz-cyrl/"));
    read("uz-cyrl/atom.xml");
    read("uz-cyrl/search/index.json");
}

fn site_with(book: &str, files: &[(&str, &str)]) -> TestSite {
    let site = TestSite::empty();
    site.write("book.toml", book);
    site.write(
        "content/events/2020-a.kk.md",
        "---\ntitle: \"Sálem\"\ndate: 2020\nkind: visit\nsummary: \"S.\"\n---\n\nBody.\n",
    );
    for (path, text) in files {
        site.write(path, text);
    }
    site
}

const KK_BOOK: &str = "[book]\nlanguage = \"kk\"\n[language.kk]\n[language.kk-Latn]\n[language.kk-Latn.transliterate]\nfrom = \"kk\"\n";

#[test]
fn a_bad_table_is_an_error_at_its_line_with_a_hint() {
    let book = format!("{KK_BOOK}table = \"translit/kk.toml\"\n");
    let site = site_with(
        &book,
        &[(
            "translit/kk.toml",
            "keep = [\"Astana\"]\n[letters]\n\"а\" = \"a\"\n\"ш\" = 5\n",
        )],
    );
    let run = site.build();
    run.assert_fails_with("translit/kk.toml:4:7: error: invalid transliteration table");
    assert!(
        run.diagnostics().contains("hint: a table has `keep"),
        "{}",
        run.diagnostics()
    );
    let typo = site_with(&book, &[("translit/kk.toml", "[leters]\n\"а\" = \"a\"\n")]);
    typo.build()
        .assert_fails_with("translit/kk.toml:1:2: error: invalid transliteration table");
}

#[test]
fn a_pair_without_a_table_or_with_a_missing_file_is_an_error_in_book_toml() {
    let site = site_with(KK_BOOK, &[]);
    let run = site.build();
    run.assert_fails_with(
        "book.toml:5:1: error: no built-in transliteration table turns `kk` into `kk-Latn`",
    );
    assert!(
        run.diagnostics().contains("uz → uz-Cyrl"),
        "{}",
        run.diagnostics()
    );
    let missing = site_with(&format!("{KK_BOOK}table = \"nope.toml\"\n"), &[]);
    missing
        .build()
        .assert_fails_with("cannot read the transliteration table");
    let unknown = site_with(&KK_BOOK.replace("from = \"kk\"", "from = \"ru\""), &[]);
    unknown
        .build()
        .assert_fails_with("takes its text from `ru`, which book.toml does not declare");
}
