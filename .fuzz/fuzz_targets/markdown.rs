//! Renders arbitrary Markdown with content-link rewriting, with raw HTML
//! escaped and allowed. Must never panic, and with raw HTML escaped no
//! `<script>` tag, `on*` attribute or `javascript:`/`data:` URL may reach
//! the output.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use std::path::PathBuf;
use yilnoma::model::date::PartialDate;
use yilnoma::model::routes::Routes;
use yilnoma::model::site::{Event, Site};
use yilnoma::render::link_index::LinkIndex;
use yilnoma::render::links::ContentLinks;
use yilnoma::render::markdown::{render, MarkdownOptions};

fn site() -> Site {
    let event = |slug: &str| Event {
        slug: slug.into(),
        date: PartialDate {
            year: 2021,
            month: None,
            day: None,
        },
        end_date: None,
        kind: "treaty".into(),
        weight: 0,
        draft: false,
        texts: BTreeMap::new(),
    };
    Site {
        events: vec![event("2021-declaration"), event("a")],
        ..Site::default()
    }
}

fuzz_target!(|text: &str| {
    let site = site();
    let routes = Routes::new(Some("https://example.org/repo/"), "uz");
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
        lang: "en",
        text_lang: "en",
        folder: PathBuf::from("events"),
        page_path: "events/x/",
        text_page_path: "events/x/",
    };
    let escaped = render(text, MarkdownOptions { allow_html: false }, &links);
    for (name, attributes) in tags(&escaped.html) {
        assert_ne!(name, "script", "raw HTML leaked: {}", escaped.html);
        for (attribute, value) in attributes {
            assert!(
                !attribute.starts_with("on"),
                "handler leaked: {}",
                escaped.html
            );
            let value = value.trim().to_ascii_lowercase();
            assert!(
                !value.starts_with("javascript:") && !value.starts_with("data:"),
                "script URL leaked: {}",
                escaped.html
            );
        }
    }
    let _ = render(text, MarkdownOptions { allow_html: true }, &links);
});

/// The start tags of escaped output: text escapes `<` and `>`, attribute
/// values escape `"`, so every `<` opens a tag and every `"` pairs.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut found = Vec::new();
    for chunk in html.split('<').skip(1) {
        let tag = chunk.split('>').next().unwrap_or("");
        let name_len = tag
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tag.len());
        let name = tag[..name_len].to_ascii_lowercase();
        let mut attributes = Vec::new();
        let mut rest = &tag[name_len..];
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            let len = rest
                .find(|c: char| c.is_whitespace() || c == '=')
                .unwrap_or(rest.len());
            if len == 0 {
                break;
            }
            let attribute = rest[..len].to_ascii_lowercase();
            rest = &rest[len..];
            let mut value = String::new();
            if let Some(quoted) = rest.strip_prefix("=\"") {
                let end = quoted.find('"').unwrap_or(quoted.len());
                value = quoted[..end].to_string();
                rest = quoted.get(end + 1..).unwrap_or("");
            }
            attributes.push((attribute, value));
        }
        found.push((name, attributes));
    }
    found
}
