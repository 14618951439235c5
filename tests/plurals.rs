//! Issue 18: counts are written in each language's plural forms (CLDR
//! categories), never "1 events". A site in Uzbek, English and Russian with
//! kinds of 1, 2, 5 and 21 events: the listings, their descriptions and the
//! split home page say each count in the right form, and the forms the
//! search and filter scripts get from the page pick the same texts in the
//! browser's plural rules (static/search.js under Node) for 0, 1, 2, 5, 21.

mod common;

use common::TestSite;

const SIZES: [usize; 4] = [1, 2, 5, 21];
const LANGS: [&str; 3] = ["uz", "en", "ru"];

/// Kind `kN` has N events, each written in every language; 29 in all,
/// over the timeline limit, so the home page splits and shows the total.
fn site() -> TestSite {
    let site = TestSite::empty();
    let mut book = String::from(
        "[book]\ntitle = \"T\"\nlanguage = \"uz\"\n\
         [language.uz]\ntitle = \"Sinov\"\n[language.en]\ntitle = \"Test\"\n[language.ru]\ntitle = \"Тест\"\n\
         [render]\ntimeline-limit = 20\n",
    );
    for size in SIZES {
        book.push_str(&format!(
            "[kind.k{size}]\nlabel = {{ uz = \"Tur {size}\", en = \"Kind {size}\", ru = \"Вид {size}\" }}\n"
        ));
        for i in 0..size {
            for code in LANGS {
                site.write(
                    &format!("content/events/{}-k{size}-{i}.{code}.md", 1990 + i),
                    &format!(
                        "---\ntitle: \"E {size} {i} {code}\"\ndate: {}-01-0{}\nkind: k{size}\nsummary: \"S.\"\n---\n\nBody.\n",
                        1990 + i,
                        1 + SIZES.iter().position(|s| *s == size).unwrap()
                    ),
                );
            }
        }
    }
    site.write("book.toml", &book);
    site
}

/// The output folder of a language: the default language at the root.
fn prefix(code: &str) -> String {
    if code == "uz" {
        String::new()
    } else {
        format!("{code}/")
    }
}

fn expected(code: &str, n: usize) -> String {
    match (code, n) {
        ("uz", n) => format!("{n} ta voqea"),
        ("en", 1) => "1 event".to_string(),
        ("en", n) => format!("{n} events"),
        ("ru", 1 | 21) => format!("{n} событие"),
        ("ru", 2) => "2 события".to_string(),
        ("ru", n) => format!("{n} событий"),
        _ => unreachable!(),
    }
}

#[test]
fn listings_say_each_count_in_the_languages_plural_form() {
    let site = site();
    site.build().assert_ok();
    for code in LANGS {
        for size in SIZES {
            let page = site.file(&format!("{}kinds/k{size}/index.html", prefix(code)));
            let lede = format!("<p class=\"lede\">{} · ", expected(code, size));
            assert!(page.contains(&lede), "{code} k{size}: no `{lede}`");
            let description = format!(" · {}\">", expected(code, size));
            assert!(
                page.contains(&description),
                "{code} k{size}: description lacks `{description}`"
            );
        }
        let home = site.file(&format!("{}index.html", prefix(code)));
        let total = format!("<span class=\"count\">{}</span>", expected(code, 29));
        assert!(home.contains(&total), "{code} home: no `{total}`");
    }
    let en = site.file("en/kinds/k1/index.html");
    assert!(!en.contains("1 events"), "{en}");
    assert!(site.file("ru/index.html").contains("29 событий"));
}

/// The JSON forms a page attribute carries, unescaped.
fn forms_in(page: &str, attribute: &str) -> String {
    let start = page
        .find(&format!("{attribute}=\""))
        .unwrap_or_else(|| panic!("no {attribute}"))
        + attribute.len()
        + 2;
    let end = start + page[start..].find('"').unwrap();
    page[start..end]
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// Runs static/search.js's `pluralForm` under Node for every (forms, count, lang).
fn js_forms(cases: &[(String, u64, &str)]) -> Vec<String> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/static/search.js");
    let cases: Vec<String> = cases
        .iter()
        .map(|(forms, n, lang)| format!("[{forms}, {n}, {lang:?}]"))
        .collect();
    let program = format!(
        "const {{ pluralForm }} = require({script:?});\n\
         const cases = [{}];\n\
         process.stdout.write(JSON.stringify(cases.map(([f, n, l]) => pluralForm(f, n, l).replace('{{count}}', n).replace('{{total}}', n))));",
        cases.join(",")
    );
    common::node_json(&program)
}

#[test]
fn scripts_get_the_plural_forms_from_the_page() {
    let site = site();
    site.build().assert_ok();
    let counts = [0u64, 1, 2, 5, 21];
    let mut cases = Vec::new();
    for code in LANGS {
        let search = site.file(&format!("{}search/index.html", prefix(code)));
        let home = site.file(&format!("{}index.html", prefix(code)));
        for n in counts {
            cases.push((forms_in(&search, "data-results"), n, code));
            cases.push((forms_in(&home, "data-all"), n, code));
        }
    }
    let got = js_forms(&cases);
    let results: Vec<&str> = got.iter().step_by(2).map(String::as_str).collect();
    let cleared: Vec<&str> = got.iter().skip(1).step_by(2).map(String::as_str).collect();
    assert_eq!(
        results,
        [
            "0 ta natija",
            "1 ta natija",
            "2 ta natija",
            "5 ta natija",
            "21 ta natija",
            "0 results",
            "1 result",
            "2 results",
            "5 results",
            "21 results",
            "Найдено 0 результатов",
            "Найден 1 результат",
            "Найдено 2 результата",
            "Найдено 5 результатов",
            "Найден 21 результат",
        ]
    );
    assert_eq!(cleared[6], "Showing 1 event.");
    assert_eq!(cleared[7], "Showing all 2 events.");
    assert_eq!(cleared[14], "Показано 21 событие.");
    assert_eq!(cleared[13], "Показаны все 5 событий.");
}

/// Both scripts carry the same `pluralForm` (yilnoma.js runs on every page,
/// search.js only on the search page, and neither loads the other).
#[test]
fn both_scripts_pick_plural_forms_with_the_same_code() {
    let between = |file: &str| {
        let text =
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
                .unwrap();
        let start = text.find("// plural-form:").expect("start marker");
        let end = text.find("// end plural-form").expect("end marker");
        text[start..end].to_string()
    };
    assert_eq!(between("static/search.js"), between("static/yilnoma.js"));
}
