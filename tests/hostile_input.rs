//! Issue 8 (hardening): hostile text in front matter, data files, book.toml
//! and Markdown never becomes executable markup, and the JSON-LD block
//! cannot be broken out of. Also: deeply nested Markdown and very long
//! lines do not blow the stack.

mod common;
use common::TestSite;
use std::path::Path;

/// Every HTML file of the built site, by relative path.
fn html_files(site: &TestSite) -> Vec<(String, String)> {
    let out = site.out();
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&out).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let relative = entry
                .path()
                .strip_prefix(&out)
                .unwrap()
                .display()
                .to_string();
            files.push((relative, std::fs::read_to_string(entry.path()).unwrap()));
        }
    }
    assert!(!files.is_empty());
    files
}

/// The start tags of a document: `<name attrs…>` with the raw attribute text.
/// Text outside tags is escaped by every writer, so a `<` there is a tag.
fn start_tags(html: &str) -> Vec<(String, String)> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            let end = comment.find("-->").map_or(comment.len(), |i| i + 3);
            rest = &comment[end..];
            continue;
        }
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        if name_len == 0 {
            continue;
        }
        let name = rest[..name_len].to_ascii_lowercase();
        // Attribute values are quoted and escape `>`; find the tag's end
        // outside quotes.
        let mut quote = None;
        let mut end = rest.len();
        for (i, c) in rest.char_indices().skip(name_len) {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '>') => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        tags.push((name, rest[name_len..end].to_string()));
        rest = &rest[end..];
        if tags.last().is_some_and(|(n, _)| n == "script") {
            // Skip the script body: it is checked separately.
            if let Some(close) = rest.find("</script>") {
                rest = &rest[close..];
            }
        }
    }
    tags
}

/// Attribute names of a tag's attribute text, lowercased.
fn attribute_names(attrs: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = attrs.trim_start_matches('/');
    loop {
        rest = rest.trim_start();
        let len = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/' || c == '>')
            .unwrap_or(rest.len());
        if len == 0 {
            break;
        }
        names.push(rest[..len].to_ascii_lowercase());
        rest = rest[len..].trim_start();
        if let Some(value) = rest.strip_prefix('=') {
            let value = value.trim_start();
            rest = match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].find(q).map_or("", |i| &value[i + 2..]),
                _ => value.find(char::is_whitespace).map_or("", |i| &value[i..]),
            };
        }
    }
    names
}

/// The value of attribute `name` in attribute text, if quoted with `"`.
fn attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let start = attrs.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = attrs[start..].find('"')?;
    Some(&attrs[start..start + len])
}

/// No script the theme (or the fixture's template) did not write, no event
/// handler attribute, no `javascript:`/`data:`/`vbscript:` URL, no frame.
#[track_caller]
fn assert_no_injected_markup(path: &str, html: &str, allowed_scripts: &[&str]) {
    for (name, attrs) in start_tags(html) {
        if name == "script" {
            let ok = allowed_scripts
                .iter()
                .any(|allowed| attrs.trim() == *allowed);
            assert!(ok, "{path}: unexpected <script{attrs}>");
        }
        assert!(
            !["iframe", "object", "embed", "style", "base", "form"].contains(&name.as_str()),
            "{path}: injected <{name}{attrs}>"
        );
        for attr in attribute_names(&attrs) {
            assert!(
                !attr.starts_with("on"),
                "{path}: event handler `{attr}` in <{name}{attrs}>"
            );
        }
        for url_attr in ["href", "src", "action", "formaction"] {
            if let Some(url) = attribute(&attrs, url_attr) {
                let url = url.trim().to_ascii_lowercase();
                // The theme's favicon is an inline SVG image: an image
                // cannot run script, and no editor text reaches it.
                let theme_icon = name == "link"
                    && attrs.contains(" rel=\"icon\"")
                    && url.starts_with("data:image/svg+xml,");
                if theme_icon {
                    continue;
                }
                for scheme in ["javascript:", "data:", "vbscript:"] {
                    assert!(
                        !url.starts_with(scheme),
                        "{path}: {scheme} URL in <{name}{attrs}>"
                    );
                }
            }
        }
    }
}

/// The bodies of `<script type="application/ld+json">` elements.
fn json_ld_blocks(html: &str) -> Vec<&str> {
    let open = "<script type=\"application/ld+json\">";
    html.match_indices(open)
        .map(|(i, _)| {
            let body = &html[i + open.len()..];
            &body[..body.find("</script>").expect("script is closed")]
        })
        .collect()
}

const THEME_SCRIPTS: &[&str] = &[
    "type=\"application/ld+json\"",
    "src=\"/yilnoma.js\"",
    "src=\"/search.js\" defer",
    // The hostile fixture's page.html embeds its data files as JSON.
    "type=\"application/json\" id=\"site-data\"",
];

#[test]
fn hostile_text_is_escaped_everywhere() {
    let site = TestSite::new("hostile");
    let run = site.build();
    run.assert_ok();
    for (path, html) in html_files(&site) {
        assert_no_injected_markup(&path, &html, THEME_SCRIPTS);
    }
    // The hostile text is still there, as text.
    let uz = site.file("events/hostile/index.html");
    assert!(
        uz.contains("&lt;&#x2F;script&gt;&lt;script&gt;alert(1)")
            || uz.contains("&lt;/script&gt;&lt;script&gt;alert(1)"),
        "the title is shown escaped"
    );
    assert!(
        uz.contains("&lt;script&gt;alert(9)&lt;/script&gt;"),
        "raw HTML is escaped"
    );
    assert!(
        !uz.contains("onclick=alert(13)"),
        "heading attributes are dropped"
    );
}

#[test]
fn json_ld_cannot_be_broken_out_of() {
    let site = TestSite::new("hostile");
    site.build().assert_ok();
    let pages = [
        (
            "events/hostile/index.html",
            "</script><script>alert(1)</script> \"qo‘shtirnoq\" 'bittalik'",
        ),
        (
            "en/events/hostile/index.html",
            "</script><script>alert(1)</script>",
        ),
    ];
    for (page, title) in pages {
        let html = site.file(page);
        let blocks = json_ld_blocks(&html);
        assert_eq!(blocks.len(), 1, "{page}: one JSON-LD block");
        let block = blocks[0];
        assert!(!block.to_ascii_lowercase().contains("</script"), "{block}");
        assert!(!block.contains("<!--"), "{block}");
        let value: serde_json::Value = serde_json::from_str(block).expect("JSON-LD parses");
        assert_eq!(
            value["name"], title,
            "{page}: the title survives the round trip"
        );
    }
}

#[test]
fn data_files_are_escaped_in_templates_and_json() {
    let site = TestSite::new("hostile");
    site.build().assert_ok();
    let html = site.file("about/index.html");
    assert!(
        !html.contains("<script>alert(30)"),
        "data value printed raw"
    );
    let open = "<script type=\"application/json\" id=\"site-data\">";
    let start = html.find(open).expect("data script") + open.len();
    let body = &html[start..start + html[start..].find("</script>").unwrap()];
    let value: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(
        value["hostile"]["label"],
        "</script><script>alert(30)</script>"
    );
}

#[test]
fn raw_html_passes_only_when_book_toml_opts_in() {
    let site = TestSite::new("minimal");
    site.write(
        "content/pages/raw.uz.md",
        "---\ntitle: \"Xom\"\n---\n<div class=\"chart\"><b>qalin</b></div>\n",
    );
    site.build().assert_ok();
    let escaped = site.main_html("raw/index.html");
    assert!(
        escaped.contains("&lt;div class=\"chart\"&gt;&lt;b&gt;"),
        "{escaped}"
    );
    let book = std::fs::read_to_string(site.root().join("book.toml")).unwrap();
    site.write(
        "book.toml",
        &format!("{book}\n[render]\nallow-html = true\n"),
    );
    site.build().assert_ok();
    let raw = site.main_html("raw/index.html");
    assert!(
        raw.contains("<div class=\"chart\"><b>qalin</b></div>"),
        "{raw}"
    );
}

// Resource limits: deep nesting and long lines.

fn build_with_body(body: &str) -> TestSite {
    let site = TestSite::new("minimal");
    site.write(
        "content/pages/deep.uz.md",
        &format!("---\ntitle: \"Chuqur\"\n---\n{body}\n"),
    );
    let run = site.build();
    run.assert_ok();
    assert!(!run.diagnostics().contains("overflow"));
    site
}

#[test]
fn ten_thousand_nested_block_quotes_build() {
    let site = build_with_body(&format!("{} chuqur", ">".repeat(10_000)));
    assert!(site.file("deep/index.html").contains("chuqur"));
}

#[test]
fn ten_thousand_nested_lists_build() {
    let site = build_with_body(&format!("{}ichki", "- ".repeat(10_000)));
    assert!(site.file("deep/index.html").contains("ichki"));
}

#[test]
fn ten_thousand_nested_emphasis_and_links_build() {
    let body = format!(
        "{}x{}\n\n{}y{}",
        "*".repeat(10_000),
        "*".repeat(10_000),
        "[".repeat(10_000),
        // A target that exists: broken links are errors (issue 13).
        "](/)".repeat(10_000)
    );
    build_with_body(&body);
}

#[test]
fn a_one_megabyte_line_builds() {
    let line = "uzun so‘z ".repeat(100_000);
    let site = build_with_body(&line);
    assert!(site.file("deep/index.html").len() > line.len());
}

#[test]
fn deep_yaml_nesting_in_front_matter_is_an_error_not_a_crash() {
    let site = TestSite::new("minimal");
    site.write(
        "content/events/deep.uz.md",
        &format!(
            "---\ntitle: \"x\"\ndate: 2022\nkind: treaty\ntags: {}{}\n---\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
    );
    let run = site.build();
    assert_eq!(run.code(), 1, "{}", run.diagnostics());
    assert!(
        run.diagnostics().contains("content/events/deep.uz.md:5:"),
        "{}",
        run.diagnostics()
    );
}

#[test]
fn theme_script_list_matches_the_theme() {
    // Guards the allow-list above: the theme's own scripts are exactly these.
    let base =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/base.html"))
            .unwrap();
    // The theme's script, and the loop over the site's own `additional-js`
    // (book.toml, not editors' content: empty in these fixtures).
    assert_eq!(
        base.matches("<script").count(),
        2,
        "base.html scripts changed"
    );
    assert!(base.contains(r#"{% for src in site.additional_js %}<script src="{{ src }}" defer>"#));
}

#[test]
fn every_json_file_written_parses_and_keeps_hostile_text_as_data() {
    // Guards the search index and any other JSON output: hostile titles
    // must come out as JSON strings, never as broken or executable text.
    let site = TestSite::new("hostile");
    site.build().assert_ok();
    for entry in walkdir::WalkDir::new(site.out()) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let parsed: Result<serde_json::Value, _> = serde_json::from_str(&text);
            assert!(parsed.is_ok(), "{}: {parsed:?}", entry.path().display());
            assert!(
                !text.to_ascii_lowercase().contains("</script"),
                "{}: a `</script` would end an inline script",
                entry.path().display()
            );
        }
    }
}
