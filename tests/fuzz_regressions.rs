//! Inputs the fuzz targets (.fuzz/, issue 8) once failed on, replayed on
//! every `cargo test`. Each file under tests/fuzz_regressions/ is named
//! `<target>-<what it found>`; the checks are the fuzz targets' own.

use std::path::Path;
use yilnoma::content::front_matter::{self, RawEvent, RawPage};

fn input(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(name);
    let bytes = std::fs::read(&path).unwrap();
    // libFuzzer's `&str` targets see the longest valid UTF-8 prefix.
    match std::str::from_utf8(&bytes) {
        Ok(text) => text.to_string(),
        Err(e) => String::from_utf8_lossy(&bytes[..e.valid_up_to()]).to_string(),
    }
}

/// The front_matter fuzz target's checks.
fn check_front_matter(raw: &str) {
    let text = front_matter::normalise_line_endings(raw.to_string());
    let lines = text.lines().count().max(1) + 1;
    let split = front_matter::split(&text).expect("the regression inputs have front matter");
    assert!(text.ends_with(split.body));
    for error in [
        front_matter::parse::<RawEvent>(&split).err(),
        front_matter::parse::<RawPage>(&split).err(),
    ]
    .into_iter()
    .flatten()
    {
        assert!(
            error.line >= 1 && error.line <= lines + 1,
            "error at line {} of a {lines}-line file: {error:?}",
            error.line
        );
    }
}

/// Issue 8, front_matter target: lone `\r` inside a quoted YAML value made
/// the YAML error name line 24 of a 7-line file.
#[test]
fn lone_carriage_returns_keep_yaml_lines_inside_the_file() {
    check_front_matter(&input("front_matter-lone-cr"));
}

/// Issue 8, front_matter target: YAML breaks lines at U+2028/U+2029 too,
/// which made an error name line 8 of a 6-line file.
#[test]
fn unicode_line_separators_keep_yaml_lines_inside_the_file() {
    check_front_matter(&input("front_matter-unicode-line-separator"));
}

/// Issue 8, markdown target: `href="javascript:` written as plain text
/// stays text. (The fuzz target's first check looked for the string anywhere
/// and flagged this; the output was safe, the check now reads tags only.)
#[test]
fn script_url_written_as_text_stays_text() {
    use yilnoma::model::routes::Routes;
    use yilnoma::model::site::Site;
    use yilnoma::render::link_index::LinkIndex;
    use yilnoma::render::links::ContentLinks;
    use yilnoma::render::markdown::{render, MarkdownOptions};

    let site = Site::default();
    let routes = Routes::new(None, "uz");
    let published = std::collections::BTreeSet::<String>::new();
    let index = LinkIndex::new(
        &site,
        &routes,
        vec!["uz".into(), "en".into()],
        "uz",
        &published,
    );
    let links = ContentLinks {
        index: &index,
        routes: &routes,
        lang: "uz",
        text_lang: "uz",
        folder: "events".into(),
        page_path: "events/x/",
        text_page_path: "events/x/",
    };
    let source = input("markdown-script-url-as-text");
    let html = render(&source, MarkdownOptions { allow_html: false }, &links).html;
    assert!(html.contains("javascript:"), "the text is kept: {html}");
    // Text escapes `<`, so everything between `<` and `>` is a tag.
    for tag in html
        .split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or(""))
    {
        assert!(!tag.to_ascii_lowercase().contains("javascript:"), "<{tag}>");
        assert!(!tag.to_ascii_lowercase().starts_with("script"), "<{tag}>");
    }
}
