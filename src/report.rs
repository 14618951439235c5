//! What editors and tools read: every diagnostic of a run turned into
//! terminal text (the message, the offending source line with a caret under
//! the column, the hint, a summary line), JSON or GitHub workflow commands,
//! in the messages language.
//!
//! Takes `Diagnostics` and a way to fetch a file's text (`main.rs` passes
//! one that reads the disk, tests pass strings); returns strings. It never
//! prints and never reads a file itself. The one switch between output
//! formats is `render`: another format is one more `Format` variant there.

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::t;
use annotate_snippets::renderer::{DEFAULT_ERROR_STYLE, DEFAULT_HELP_STYLE, DEFAULT_WARNING_STYLE};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How diagnostics are written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// For people: the message, the source line with a caret, the hint.
    #[default]
    Human,
    /// For tools: one JSON object per line and diagnostic (JSON Lines).
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`), which
    /// show each problem on its line of a pull request.
    Github,
}

/// Whether terminal text carries ANSI colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    Never,
    Always,
}

/// A file's text by its path, or `None` when it cannot be shown (gone,
/// not UTF-8, not a regular file, an embedded theme file).
pub trait Sources {
    fn text(&self, path: &Path) -> Option<String>;
}

impl<F: Fn(&Path) -> Option<String>> Sources for F {
    fn text(&self, path: &Path) -> Option<String> {
        self(path)
    }
}

/// Every diagnostic in `format`, in the messages language `lang`, with
/// paths shown relative to `root`. Text ends with the summary line when
/// there is anything to count; JSON has no summary (tools count lines).
pub fn render(
    diagnostics: &Diagnostics,
    root: &Path,
    lang: &str,
    format: Format,
    colour: Colour,
    sources: &dyn Sources,
) -> String {
    let sorted = diagnostics.sorted();
    match format {
        Format::Human => {
            let mut cache = SourceCache::new(sources);
            let mut out = String::new();
            for diagnostic in &sorted {
                let line = cache.line(&diagnostic.path, diagnostic.line);
                out.push_str(&terminal(diagnostic, root, lang, colour, line.as_deref()));
                out.push('\n');
            }
            out
        }
        Format::Json => sorted.iter().map(|d| json(d, root, lang) + "\n").collect(),
        // Paths relative to the working folder: the repository's root in a
        // workflow, wherever the site lives in it.
        Format::Github => diagnostics.github_commands(Path::new("."), lang),
    }
}

/// The words `error`, `warning` and `hint` in `lang`.
fn label(lang: &str, severity: Option<Severity>) -> String {
    match severity {
        Some(Severity::Error) => t!("label_error"),
        Some(Severity::Warning) => t!("label_warning"),
        None => t!("label_hint"),
    }
    .in_language(lang)
}

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

/// The hint's lines, with how many more pages had the same problem.
fn hint_lines(diagnostic: &Diagnostic, lang: &str) -> Vec<String> {
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
    let line = line.trim_end_matches(['\r', '\n']);
    let span = span_at(line, diagnostic.column.max(1));
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let report = &[Group::with_level(level).element(
        Snippet::source(line)
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

fn strip_ansi(text: &str) -> String {
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

/// The byte range to underline in `line` for the 1-based character
/// `column`: the word that starts there (letters, digits, apostrophes,
/// `-`, `_`), else the one character there, else the end of the line.
fn span_at(line: &str, column: usize) -> std::ops::Range<usize> {
    // Column 1 often stands for the whole line (a key in a nested list):
    // point at where its text starts (a tab is itself the problem).
    let column = if column == 1 {
        line.chars().take_while(|c| *c == ' ').count() + 1
    } else {
        column
    };
    let Some((start, first)) = line.char_indices().nth(column - 1) else {
        return line.len()..line.len();
    };
    let is_word = |c: char| {
        c.is_alphanumeric()
            || matches!(
                c,
                '-' | '_' | '\'' | '\u{2018}' | '\u{2019}' | '\u{02BB}' | '\u{02BC}'
            )
    };
    if !is_word(first) {
        return start..start + first.len_utf8();
    }
    let end = line[start..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(line.len(), |(i, _)| start + i);
    start..end
}

/// One diagnostic as a JSON object: `file`, `line`, `column`, `severity`,
/// `code` (the catalogue key, `null` for a dependency's own text),
/// `message` and `hint` (in `lang`), `english` (the message in English,
/// the same whatever the language) and `more_pages`.
pub fn json(diagnostic: &Diagnostic, root: &Path, lang: &str) -> String {
    let hint = hint_lines(diagnostic, lang);
    let value = serde_json::json!({
        "file": diagnostic.display_path(root),
        "line": diagnostic.line,
        "column": diagnostic.column,
        "severity": diagnostic.severity,
        "code": diagnostic.message.key(),
        "message": diagnostic.message.in_language(lang),
        "english": diagnostic.message.as_str(),
        "hint": if hint.is_empty() { None } else { Some(hint.join("\n")) },
        "more_pages": diagnostic.more_pages,
    });
    value.to_string()
}

/// The closing line, e.g. `2 errors, 1 warning`, in `lang` with its plural
/// forms; `None` when there is nothing to count.
pub fn summary(errors: usize, warnings: usize, lang: &str) -> Option<String> {
    if errors == 0 && warnings == 0 {
        return None;
    }
    let errors_text = crate::messages::plural("count_errors", lang, errors);
    let warnings_text = crate::messages::plural("count_warnings", lang, warnings);
    Some(if errors == 0 {
        warnings_text
    } else {
        t!("summary", errors = errors_text, warnings = warnings_text).in_language(lang)
    })
}

/// Lines as editors count them: ended by `\n`, `\r\n` or a lone `\r`
/// (old Mac files), as the front-matter parser counts them.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.find(['\r', '\n']) {
            Some(end) => {
                let after = if current[end..].starts_with("\r\n") {
                    end + 2
                } else {
                    end + 1
                };
                rest = Some(&current[after..]).filter(|r| !r.is_empty());
                Some(&current[..end])
            }
            None => {
                rest = None;
                Some(current).filter(|c| !c.is_empty())
            }
        }
    })
}

/// Files read once each, however many diagnostics point into them.
struct SourceCache<'a> {
    sources: &'a dyn Sources,
    files: BTreeMap<PathBuf, Option<Vec<String>>>,
}

impl<'a> SourceCache<'a> {
    fn new(sources: &'a dyn Sources) -> Self {
        Self {
            sources,
            files: BTreeMap::new(),
        }
    }

    /// Line `line` (1-based) of `path`.
    fn line(&mut self, path: &Path, line: usize) -> Option<String> {
        if line == 0 {
            return None;
        }
        let sources = self.sources;
        self.files
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                sources
                    .text(path)
                    .map(|text| split_lines(&text).map(str::to_string).collect())
            })
            .as_ref()?
            .get(line - 1)
            .cloned()
    }
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

    #[test]
    fn json_has_one_object_per_diagnostic_with_key_and_position() {
        let all = Diagnostics::new();
        all.push(
            Diagnostic::error("/site/content/a.uz.md", t!("unknown_key", key = "dat"))
                .at(3, 1)
                .hint("h"),
        );
        all.push(Diagnostic::warning("/site/b.md", "plain text"));
        let sources = |_: &Path| None;
        let out = render(
            &all,
            Path::new("/site"),
            "uz",
            Format::Json,
            Colour::Never,
            &sources,
        );
        let objects: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
            .collect();
        assert_eq!(objects.len(), 2, "{out}");
        assert_eq!(objects[0]["file"], "b.md");
        assert_eq!(objects[0]["severity"], "warning");
        assert_eq!(objects[0]["code"], serde_json::Value::Null);
        assert_eq!(objects[0]["hint"], serde_json::Value::Null);
        assert_eq!(objects[1]["file"], "content/a.uz.md");
        assert_eq!(
            (objects[1]["line"].as_u64(), objects[1]["column"].as_u64()),
            (Some(3), Some(1))
        );
        assert_eq!(objects[1]["severity"], "error");
        assert_eq!(objects[1]["code"], "unknown_key");
        assert_eq!(objects[1]["message"], "`dat` degan kalit yo‘q");
        assert_eq!(objects[1]["english"], "unknown key `dat`");
        assert_eq!(objects[1]["hint"], "h");
    }

    #[test]
    fn text_reads_each_file_for_its_lines() {
        let all = Diagnostics::new();
        all.push(Diagnostic::error("/site/a.md", "first").at(2, 3));
        all.push(Diagnostic::error("/site/a.md", "second").at(1, 1));
        all.push(Diagnostic::error("/site/gone.md", "third").at(1, 1));
        let sources =
            |path: &Path| (path == Path::new("/site/a.md")).then(|| "one\ntwo!\n".to_string());
        let out = render(
            &all,
            Path::new("/site"),
            "en",
            Format::Human,
            Colour::Never,
            &sources,
        );
        assert_eq!(
            out,
            "a.md:1:1: error: second\n  |\n1 | one\n  | ^^^\n\
             a.md:2:3: error: first\n  |\n2 | two!\n  |   ^\n\
             gone.md:1:1: error: third\n"
        );
    }

    #[test]
    fn lines_end_at_any_line_break() {
        let lines: Vec<&str> = split_lines("\u{feff}a\r\nb\rc\n\nd").collect();
        assert_eq!(lines, ["a", "b", "c", "", "d"]);
        assert_eq!(split_lines("a\n").count(), 1);
    }

    #[test]
    fn summary_counts_with_plural_forms() {
        assert_eq!(summary(0, 0, "en"), None);
        assert_eq!(summary(1, 0, "en").as_deref(), Some("1 error, 0 warnings"));
        assert_eq!(summary(2, 1, "en").as_deref(), Some("2 errors, 1 warning"));
        assert_eq!(summary(0, 3, "en").as_deref(), Some("3 warnings"));
        assert_eq!(
            summary(2, 1, "uz").as_deref(),
            Some("2 ta xato, 1 ta ogohlantirish")
        );
    }
}
