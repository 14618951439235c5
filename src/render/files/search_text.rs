//! The text the search index holds: a Markdown body as its words, read
//! with the same option set pages are rendered with
//! (`render::markdown::parser_options`), so tables, lists, task lists,
//! footnotes, heading attributes and code are their text and a snippet
//! never shows Markdown syntax such as `|---|` or `{#id}`.

use crate::render::markdown::parser_options;
use pulldown_cmark::{Event, Parser, TagEnd};

/// Characters of a document's body kept for snippets: a snippet shows about
/// 200 around the first match, and every character here is downloaded with
/// the result.
const TEXT_CHARS: usize = 1200;

/// The words of a Markdown body, without markup, on one line.
///
/// pulldown-cmark can panic on hostile input with heading attributes on;
/// the page's own render reports that file (`render::site::body`), so here
/// the body's source text stands in, and the index is still written.
pub fn plain_text(markdown: &str) -> String {
    crate::contain::contain(|| words_of(markdown)).unwrap_or_else(|_| one_line(markdown))
}

fn words_of(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, parser_options()) {
        match event {
            Event::Text(text) | Event::Code(text) => out.push_str(&text),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::FootnoteDefinition
                | TagEnd::HtmlBlock,
            ) => out.push(' '),
            // Raw HTML, footnote marks and task-list boxes are not words.
            _ => {}
        }
    }
    one_line(&out)
}

/// `text`'s words joined by single spaces.
fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    line
}

/// The summary, then the body, cut after `TEXT_CHARS` characters.
pub fn snippet_text(summary: &str, body: &str) -> String {
    let mut text = summary.trim().to_string();
    let cut = body.char_indices().nth(TEXT_CHARS).map(|(at, _)| at);
    let excerpt = &body[..cut.unwrap_or(body.len())];
    if !excerpt.is_empty() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(excerpt.trim_end());
        if cut.is_some() {
            text.push('…');
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup_and_keeps_words() {
        assert_eq!(
            plain_text("**2021-yil** kuni [Toshkentda](x.md) *imzolandi*.\n\n- bir\n- ikki"),
            "2021-yil kuni Toshkentda imzolandi. bir ikki"
        );
    }

    #[test]
    fn plain_text_reads_markdown_as_pages_do() {
        // Tables, heading attributes, strikethrough and footnotes are
        // Markdown here too, not text with pipes and braces.
        let text = plain_text(
            "## Savdo {#trade}\n\n| Yil | Hajm |\n| --- | --- |\n| 2024 | 4,27 |\n\n~~eski~~ matn[^1]\n\n[^1]: Manba.\n",
        );
        assert_eq!(text, "Savdo Yil Hajm 2024 4,27 eski matn Manba.");
    }

    #[test]
    fn tables_are_their_cells_not_pipes() {
        let text = plain_text(
            "| Kalit | Ma’nosi |\n|---|:---:|\n| `title` | Sarlavha |\n| `date` | Sana |\n",
        );
        assert_eq!(text, "Kalit Ma’nosi title Sarlavha date Sana");
        assert!(!text.contains('|') && !text.contains("---"), "{text}");
    }

    #[test]
    fn code_lists_footnotes_and_heading_ids_are_text() {
        let text = plain_text(
            "## Interfeys matnlari {#interface-strings}\n\n\
             - [x] done ~~old~~ new[^1]\n\n\
             ```toml\n[render]\npage-size = 100\n```\n\n\
             [^1]: A note.\n",
        );
        assert_eq!(
            text,
            "Interfeys matnlari done old new [render] page-size = 100 A note."
        );
    }

    #[test]
    fn a_body_that_makes_the_parser_panic_is_its_source_text() {
        // pulldown-cmark 0.13 panics on this body with heading attributes
        // on (tests/hardening.rs has the build's side).
        assert_eq!(plain_text("-\n  }\n   {}\n  -"), "- } {} -");
    }

    #[test]
    fn snippet_text_is_the_summary_then_the_start_of_the_body() {
        assert_eq!(snippet_text(" Bir. ", "ikki uch"), "Bir. ikki uch");
        let long = "a".repeat(TEXT_CHARS + 5);
        let text = snippet_text("", &long);
        assert_eq!(text.chars().count(), TEXT_CHARS + 1);
        assert!(text.ends_with('…'));
    }
}
