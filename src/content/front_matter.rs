//! Splits a content file into YAML front matter and Markdown body, and turns
//! the YAML into `Raw*` structs.
//!
//! This is the only user of serde_yaml (the `yaml_serde` continuation) in the
//! crate: swapping the YAML library is a change to this file alone. Positions
//! in errors are lines of the whole file, not of the YAML snippet.

mod aliases;
mod raw;
mod yaml_hints;

pub use raw::{RawDate, RawEvent, RawPage, RawSource, EVENT_KEYS, PAGE_KEYS};

use crate::messages::Text;
use crate::t;
use aliases::check_alias_expansion;
use serde::de::DeserializeOwned;

/// A content file cut in two, with where each part starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the first YAML line in the file.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the first body line in the file.
    pub body_line: usize,
}

/// A problem found while splitting or parsing, at a 1-based line and column of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub line: usize,
    pub column: usize,
    /// A catalogue message, or the YAML parser's own words (plain).
    pub message: Text,
    pub hint: Text,
}

/// `serde_yaml::from_str`, with a panic inside the YAML library (its bug,
/// not the editor's) turned into an error at `line` instead of ending the
/// build or the preview server.
fn yaml_contained<T: DeserializeOwned>(
    yaml: &str,
    line: usize,
) -> Result<Result<T, serde_yaml::Error>, FrontMatterError> {
    crate::contain::contain(|| serde_yaml::from_str(yaml)).map_err(|panic| FrontMatterError {
        line,
        column: 1,
        message: t!(
            "parser_panicked",
            parser = "YAML (yaml_serde)",
            panic = panic
        ),
        hint: t!("parser_panicked_hint", parser = "YAML (yaml_serde)"),
    })
}

/// `\r\n` and a lone `\r` become `\n`. YAML and CommonMark both count a
/// lone carriage return as a line break, so positions agree only once the
/// text uses one kind of break (found by fuzzing: a YAML error named line 24
/// of a 7-line file).
pub fn normalise_line_endings(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// Cuts `---\nYAML\n---\nbody`. A leading BOM and CRLF endings are accepted.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        let message = if text.trim().is_empty() {
            t!("file_empty")
        } else {
            t!("front_matter_missing")
        };
        return Err(FrontMatterError {
            line: 1,
            column: 1,
            message,
            hint: t!("front_matter_missing_hint"),
        });
    }
    let yaml_start = first_line_end;
    let mut offset = yaml_start;
    for (line, raw_line) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        if raw_line.trim_end() == "---" {
            let body_start = offset + raw_line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset += raw_line.len();
    }
    Err(FrontMatterError {
        line: 1,
        column: 1,
        message: t!("front_matter_unclosed"),
        hint: t!("front_matter_unclosed_hint"),
    })
}

/// Deserialises YAML front matter into `T`, naming the file line on error.
pub fn parse<T: DeserializeOwned>(split: &Split<'_>) -> Result<T, FrontMatterError> {
    if let Some((index, _)) = split
        .yaml
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with('\t') || l.trim_start_matches(' ').starts_with('\t'))
    {
        return Err(FrontMatterError {
            line: split.yaml_line + index,
            column: 1,
            message: t!("yaml_tab_indent"),
            hint: t!("yaml_tab_indent_hint"),
        });
    }
    let yaml = if split.yaml.trim().is_empty() {
        "{}"
    } else {
        split.yaml
    };
    check_alias_expansion(yaml, split.yaml_line)?;
    yaml_contained(yaml, split.yaml_line)?.map_err(|e| {
        let (line, column) = e.location().map_or((split.yaml_line, 1), |l| {
            file_position(split.yaml, split.yaml_line, l.line(), l.column())
        });
        let message = tidy_message(&e.to_string());
        let error = FrontMatterError {
            line,
            column,
            hint: hint_for(&message),
            message: Text::plain(message),
        };
        refine(split, error)
    })
}

/// YAML (1.1, as libyaml reads it) also breaks lines at U+0085, U+2028 and
/// U+2029; editors number lines by `\n`. Turns the parser's 1-based
/// `yaml_line`/`yaml_column` within `yaml` into a 1-based position in the
/// file, where `yaml` starts at line `first_line` (found by fuzzing: an
/// error named line 8 of a 6-line file).
fn file_position(
    yaml: &str,
    first_line: usize,
    yaml_line: usize,
    yaml_column: usize,
) -> (usize, usize) {
    let mut line = 1;
    let mut start = 0;
    for (i, c) in yaml.char_indices() {
        if line >= yaml_line {
            break;
        }
        if matches!(c, '\n' | '\u{85}' | '\u{2028}' | '\u{2029}') {
            line += 1;
            start = i + c.len_utf8();
        }
    }
    let before = &yaml[..start];
    let file_line = first_line + before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + yaml_column.max(1);
    (file_line, column)
}

/// Points YAML errors that the parser places badly at the line to fix.
fn refine(split: &Split<'_>, mut error: FrontMatterError) -> FrontMatterError {
    // serde reports a duplicate key at the start of the mapping; the editor
    // needs the second occurrence.
    if let Some(key) = error
        .message
        .strip_prefix("duplicate field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(key, _)| key)
    {
        if let Some(index) = top_level_key_lines(split.yaml, key).nth(1) {
            error.line = split.yaml_line + index;
            error.column = 1;
        }
    } else if error.message.contains("end of stream") {
        // An unclosed quote swallows the rest of the block: name where it opens.
        if let Some((index, column)) = unclosed_quote(split.yaml) {
            error.line = split.yaml_line + index;
            error.column = column;
            error.message = t!("yaml_unclosed_quote");
            error.hint = t!("yaml_unclosed_quote_hint");
        }
    }
    yaml_hints::refine(split, error)
}

/// 0-based indexes of the lines that write `key:` at the top level.
fn top_level_key_lines<'a>(yaml: &'a str, key: &'a str) -> impl Iterator<Item = usize> + 'a {
    yaml.lines().enumerate().filter_map(move |(i, line)| {
        let rest = line.strip_prefix(key)?;
        rest.trim_start().starts_with(':').then_some(i)
    })
}

/// The first line (0-based) and 1-based column of a `"` or `'` that opens a
/// value and is not closed on its line.
fn unclosed_quote(yaml: &str) -> Option<(usize, usize)> {
    for (index, line) in yaml.lines().enumerate() {
        let value = match line.split_once(": ") {
            Some((_, value)) => value,
            None => line.trim_start().strip_prefix("- ").unwrap_or(""),
        };
        let value = value.trim();
        let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let inner = &value[1..];
        let closed = if quote == '"' {
            let mut escaped = false;
            inner.chars().any(|c| {
                let close = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                close
            })
        } else {
            inner.contains('\'')
        };
        if !closed {
            let offset = value.as_ptr() as usize - line.as_ptr() as usize;
            return Some((index, line[..offset].chars().count() + 1));
        }
    }
    None
}

/// The 1-based file line where a top-level `key:` is written, if it is.
pub fn key_line(split: &Split<'_>, key: &str) -> Option<usize> {
    split.yaml.lines().enumerate().find_map(|(i, l)| {
        let rest = l.strip_prefix(key)?;
        rest.trim_start()
            .starts_with(':')
            .then_some(split.yaml_line + i)
    })
}

/// The 1-based column where the value of a top-level `key:` starts, if it
/// is written on the key's line.
pub fn value_column(split: &Split<'_>, key: &str) -> Option<usize> {
    split.yaml.lines().find_map(|l| {
        let value = l.strip_prefix(key)?.trim_start().strip_prefix(':')?;
        let value = value.trim_start();
        let before = &l[..l.len() - value.len()];
        (!value.is_empty()).then(|| before.chars().count() + 1)
    })
}

/// serde_yaml appends " at line L column C": the diagnostic has its own position.
fn tidy_message(message: &str) -> String {
    let message = match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    message.replace("\n", " ")
}

/// The hint for a YAML parser message, by what it is about.
fn hint_for(message: &str) -> Text {
    if message.contains("unknown field") {
        t!("yaml_unknown_field_hint")
    } else if message.contains("duplicate") {
        t!("yaml_duplicate_hint")
    } else if message.contains("invalid type") {
        t!("yaml_invalid_type_hint")
    } else if message.contains("missing field") {
        t!("yaml_missing_field_hint")
    } else {
        t!("yaml_syntax_hint")
    }
}

/// A data file under `content/data/`, as a JSON value for templates.
pub fn parse_data(text: &str) -> Result<serde_json::Value, FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_alias_expansion(text, 1)?;
    yaml_contained(text, 1)?.map_err(|e| {
        let (line, column) = e
            .location()
            .map_or((1, 1), |l| file_position(text, 1, l.line(), l.column()));
        let message = tidy_message(&e.to_string());
        FrontMatterError {
            line,
            column,
            hint: hint_for(&message),
            message: Text::plain(message),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_line_separators_do_not_shift_yaml_lines() {
        // YAML line 3 starts after the U+2028 on file line 2.
        assert_eq!(file_position("a: x\nb: y\u{2028}c: [\n", 2, 3, 4), (3, 9));
        assert_eq!(file_position("a: x\n", 2, 1, 1), (2, 1));
        assert_eq!(file_position("a\n", 2, 9, 1), (3, 1));
    }

    #[test]
    fn duplicate_key_points_at_the_second_line() {
        let s = split("---\ntitle: a\ndate: 2022\ntitle: b\nkind: x\n---\n").unwrap();
        let e = parse::<RawEvent>(&s).unwrap_err();
        assert_eq!((e.line, e.column), (4, 1), "{e:?}");
        assert!(e.message.contains("duplicate field `title`"));
    }

    #[test]
    fn unclosed_quote_points_where_it_opens() {
        let s = split("---\ntitle: \"Chegara\ndate: 2022\nkind: x\n---\n").unwrap();
        let e = parse::<RawEvent>(&s).unwrap_err();
        assert_eq!((e.line, e.column), (2, 8), "{e:?}");
        assert_eq!(e.message.key(), Some("yaml_unclosed_quote"));
        assert_eq!(unclosed_quote("a: \"x\\\"y\"\nb: 'c'\n"), None);
    }

    #[test]
    fn splits_with_bom_and_crlf() {
        let text = "\u{feff}---\r\ntitle: \"A\"\r\n---\r\nBody\r\n";
        let split = split(text).unwrap();
        assert_eq!(split.yaml, "title: \"A\"\r\n");
        assert_eq!(split.body, "Body\r\n");
        assert_eq!(split.body_line, 4);
    }

    #[test]
    fn unterminated_and_missing_front_matter_are_errors() {
        assert!(split("---\ntitle: x\n")
            .unwrap_err()
            .message
            .contains("never closed"));
        assert!(split("# Title\n")
            .unwrap_err()
            .message
            .contains("does not start"));
        assert!(split("").unwrap_err().message.contains("empty"));
    }

    #[test]
    fn yaml_error_lines_count_from_the_top_of_the_file() {
        let text = "---\ntitle: \"A\"\ndate: 2021\nkind: visit\ndat: 2\n---\n";
        let split = split(text).unwrap();
        let error = parse::<RawEvent>(&split).unwrap_err();
        assert_eq!(error.line, 5, "{error:?}");
        assert!(
            error.message.contains("unknown field `dat`"),
            "{}",
            error.message
        );
    }

    #[test]
    fn tabs_and_duplicates_are_named() {
        let tab = split("---\ntitle: x\n\tdate: 2021\n---\n").unwrap();
        assert_eq!(parse::<RawEvent>(&tab).unwrap_err().line, 3);
        let dup = split("---\ntitle: x\ntitle: y\ndate: 2021\nkind: a\n---\n").unwrap();
        assert!(parse::<RawEvent>(&dup)
            .unwrap_err()
            .message
            .contains("duplicate"));
    }

    #[test]
    fn wrong_types_are_errors() {
        let tags = split("---\ntitle: x\ndate: 2021\nkind: a\ntags: treaty\n---\n").unwrap();
        assert!(parse::<RawEvent>(&tags).is_err());
        let date = split("---\ntitle: x\ndate: [2021]\nkind: a\n---\n").unwrap();
        assert!(parse::<RawEvent>(&date).is_err());
    }

    #[test]
    fn dates_may_be_numbers_or_text() {
        let s = split("---\ntitle: x\ndate: 2017\nend_date: 2022-02-15\nkind: a\n---\n").unwrap();
        let event: RawEvent = parse(&s).unwrap();
        assert_eq!(event.date.0, "2017");
        assert_eq!(event.end_date.unwrap().0, "2022-02-15");
        assert_eq!(key_line(&s, "kind"), Some(5));
    }
}
