//! The terminal layout of one diagnostic: `path:line:column: label:
//! message`, the source line with a caret under the column (drawn by
//! annotate-snippets), then the hint.

use super::source::Excerpt;
use super::{label, Colour};
use crate::diag::{Diagnostic, Severity};
use crate::t;
use annotate_snippets::renderer::{DEFAULT_ERROR_STYLE, DEFAULT_HELP_STYLE, DEFAULT_WARNING_STYLE};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::path::Path;

/// One diagnostic for the terminal:
///
/// ```text
/// content/events/a.uz.md:4:1: error: unknown key `sumary`
///   |
/// 4 | sumary: Toshkentda
///   | ^^^^^^
///   hint: did you mean `summary`? …
/// ```
///
/// The first line keeps the `path:line:column` shape editors and terminals
/// open files by; the snippet appears only when the line is known and its
/// text is at hand.
pub fn terminal(
    diagnostic: &Diagnostic,
    root: &Path,
    lang: &str,
    colour: Colour,
    source_line: Option<&str>,
) -> String {
    let (style, hint_style) = match diagnostic.severity {
        Severity::Error => (DEFAULT_ERROR_STYLE, DEFAULT_HELP_STYLE),
        Severity::Warning => (DEFAULT_WARNING_STYLE, DEFAULT_HELP_STYLE),
    };
    let paint = |text: &str, style: annotate_snippets::renderer::Style| match colour {
        Colour::Never => text.to_string(),
        Colour::Always => format!("{}{text}{}", style.render(), style.render_reset()),
    };
    let mut out = format!(
        "{}:{}:{}: {}: {}",
        diagnostic.display_path(root),
        diagnostic.line.max(1),
        diagnostic.column.max(1),
        paint(&label(lang, Some(diagnostic.severity)), style),
        diagnostic.message.in_language(lang)
    );
    if let Some(line) = source_line.filter(|_| diagnostic.line > 0) {
        out.push('\n');
        out.push_str(&snippet(diagnostic, line, colour));
    }
    let hint_label = label(lang, None);
    for (i, hint_line) in hint_lines(diagnostic, lang).iter().enumerate() {
        out.push('\n');
        if i == 0 {
            out.push_str(&format!("  {}: ", paint(&hint_label, hint_style)));
        } else {
            // Continuation lines line up under the first hint line's text.
            out.push_str(&" ".repeat(hint_label.chars().count() + 4));
        }
        out.push_str(hint_line);
    }
    out
}

/// The hint's lines in `lang`, with how many more pages had the same problem.
pub fn hint_lines(diagnostic: &Diagnostic, lang: &str) -> Vec<String> {
    let mut lines: Vec<String> = diagnostic
        .hint
        .as_ref()
        .map(|h| h.in_language(lang).lines().map(str::to_string).collect())
        .unwrap_or_default();
    if diagnostic.more_pages > 0 {
        lines.push(t!("more_pages", count = diagnostic.more_pages).in_language(lang));
    }
    lines
}

/// The source line with its number in the margin and a caret (or an
/// underline under a word) at the diagnostic's column, drawn by
/// annotate-snippets, which measures each character's display width, so
/// the caret stays under the right letter after o‘, Cyrillic or CJK text.
fn snippet(diagnostic: &Diagnostic, line: &str, colour: Colour) -> String {
    let excerpt = Excerpt::new(diagnostic.line, diagnostic.column, line);
    let (line, span) = (excerpt.text(), excerpt.span());
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let report = &[Group::with_level(level).element(
        Snippet::source(&line)
            .line_start(diagnostic.line)
            .annotation(AnnotationKind::Primary.span(span)),
    )];
    let renderer = match colour {
        Colour::Never => Renderer::plain(),
        Colour::Always => Renderer::styled(),
    };
    let drawn = renderer.render(report);
    // The renderer ends with an empty margin line; the hint follows instead.
    let lines: Vec<&str> = drawn.lines().collect();
    let keep = lines
        .iter()
        .rposition(|l| !is_bare_margin(l))
        .map_or(0, |last| last + 1);
    lines[..keep].join("\n")
}

/// A margin line with nothing after the bar (` |` or `  |`), in plain or
/// styled output.
fn is_bare_margin(line: &str) -> bool {
    let plain = strip_ansi(line);
    let trimmed = plain.trim();
    trimmed == "|" || trimmed.is_empty()
}

pub(crate) fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(diagnostic: &Diagnostic, lang: &str, line: &str) -> String {
        terminal(
            diagnostic,
            Path::new("/site"),
            lang,
            Colour::Never,
            Some(line),
        )
    }

    #[test]
    fn the_source_line_is_shown_with_the_word_underlined() {
        let d = Diagnostic::error(
            "/site/content/events/a.uz.md",
            t!("unknown_key", key = "sumary"),
        )
        .at(4, 1)
        .hint("did you mean `summary`?");
        assert_eq!(
            plain(&d, "en", "sumary: Toshkentda"),
            "content/events/a.uz.md:4:1: error: unknown key `sumary`\n  |\n4 | sumary: Toshkentda\n  | ^^^^^^\n  hint: did you mean `summary`?"
        );
    }

    /// The caret stands under the character the column names, whatever
    /// the width in bytes of what comes before it.
    #[test]
    fn carets_line_up_after_wide_characters() {
        let cases = [
            // (line, column, text under the caret)
            ("title: 'O‘zbek 'tili'", 16, "'"),
            ("title: Тошкент шаҳри: x", 21, ":"),
            ("place: ‘Samarqand’ x", 20, "x"),
            ("joy: 東京 x", 9, "x"),
        ];
        for (line, column, under) in cases.into_iter().chain([("    url: x", 1, "u")]) {
            let d = Diagnostic::error("/site/a.md", "x").at(7, column);
            let text = plain(&d, "en", line);
            let lines: Vec<&str> = text.lines().collect();
            let source = lines[2].strip_prefix("7 | ").expect("margin");
            let carets = lines[3].strip_prefix("  | ").expect("margin");
            let caret_at = carets.find('^').expect("a caret");
            // Display columns: CJK letters take two.
            let mut width = 0;
            let mut found = None;
            for c in source.chars() {
                if width == caret_at {
                    found = Some(c);
                    break;
                }
                width += if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                    2
                } else {
                    1
                };
            }
            assert_eq!(found.map(String::from).as_deref(), Some(under), "{text}");
        }
    }

    #[test]
    fn labels_and_hint_are_in_the_messages_language() {
        let d = Diagnostic::warning("/site/a.md", t!("unknown_key", key = "dat"))
            .at(2, 1)
            .hint(t!("unknown_key_hint", keys = "title, date"));
        let text = plain(&d, "uz", "dat: 2021");
        assert!(
            text.starts_with("a.md:2:1: ogohlantirish: `dat` degan kalit yo‘q\n"),
            "{text}"
        );
        assert!(
            text.ends_with("\n  maslahat: bu faylda ishlatsa bo‘ladigan kalitlar: title, date"),
            "{text}"
        );
    }

    #[test]
    fn no_line_no_snippet() {
        let d = Diagnostic::error("/site/book.toml", "x").hint("y");
        assert_eq!(
            terminal(&d, Path::new("/site"), "en", Colour::Never, Some("z")),
            "book.toml:1:1: error: x\n  hint: y"
        );
    }

    #[test]
    fn colour_only_when_asked() {
        let d = Diagnostic::error("/site/a.md", "x").at(1, 1).hint("y");
        let coloured = terminal(&d, Path::new("/site"), "en", Colour::Always, Some("abc"));
        assert!(coloured.contains('\u{1b}'), "{coloured:?}");
        assert_eq!(strip_ansi(&coloured), plain(&d, "en", "abc"));
        assert!(!plain(&d, "en", "abc").contains('\u{1b}'));
    }
}
