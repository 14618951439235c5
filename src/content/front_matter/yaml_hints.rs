//! Front-matter errors an Uzbek editor makes most, in words they can act on:
//! an ordinary apostrophe that ends a single-quoted value (`title:
//! 'O'zbekiston …'`), and a value of the wrong type ("`tags` takes a list,
//! but here it is the text `treaty`") with a line to write instead.
//!
//! Pure text functions over the YAML and the parser's error; called once,
//! from `front_matter::refine`. Anything it does not recognise is returned
//! unchanged.

use super::{FrontMatterError, Split};
use crate::messages::Text;
use crate::model::orthography::expected_after;
use crate::t;

/// The parser's error turned into one of this module's, or unchanged.
pub(super) fn refine(split: &Split<'_>, error: FrontMatterError) -> FrontMatterError {
    let parser_text = error.message.key().is_none();
    if parser_text && error.message.contains("invalid type: ") {
        return wrong_type(split, error);
    }
    // A syntax error (the parser's, or "never closed" from `refine`).
    let syntax = (parser_text
        && !["unknown field", "duplicate field", "missing field"]
            .iter()
            .any(|m| error.message.contains(m)))
        || error.message.key() == Some("yaml_unclosed_quote");
    if !syntax {
        return error;
    }
    let last = error.line.saturating_sub(split.yaml_line);
    for (index, line) in split.yaml.lines().enumerate().take(last + 1) {
        if let Some(found) = closing_apostrophe(line) {
            return FrontMatterError {
                line: split.yaml_line + index,
                column: line[..found.at].chars().count() + 1,
                message: t!(
                    "yaml_apostrophe_closes",
                    read = &line[found.opened..=found.at]
                ),
                hint: t!(
                    "yaml_apostrophe_hint",
                    typographic = with_typographic_apostrophes(line),
                    double = in_double_quotes(line)
                ),
            };
        }
    }
    error
}

/// An apostrophe that YAML reads as the end of a single-quoted value.
#[derive(Debug, PartialEq, Eq)]
struct Closing {
    /// Byte offset of the `'` that opened the value.
    opened: usize,
    /// Byte offset of the apostrophe between two letters that closed it.
    at: usize,
}

/// Where a value may start: after `key: `, `- `, `[` or `, ` / `{` in a
/// flow list, at the start of a line (a continuation), with spaces between.
fn starts_value(line: &str, at: usize) -> bool {
    let before = line[..at].trim_end_matches(' ');
    before.is_empty()
        || before.ends_with(['[', ',', '{'])
        || (before.ends_with(':') && before.len() < at)
        || (before.trim_start() == "-" && before.len() < at)
}

/// The first single-quoted value on `line` that an apostrophe between two
/// letters closes (`'O'zbek'`); `''` (YAML's escaped quote), ‘ and ’, and
/// apostrophes in unquoted or double-quoted values are all fine.
fn closing_apostrophe(line: &str) -> Option<Closing> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let letter = |i: usize| chars.get(i).is_some_and(|(_, c)| c.is_alphabetic());
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        match c {
            '#' if i == 0 || chars[i - 1].1 == ' ' => return None,
            '"' if starts_value(line, at) => i = skip_double_quoted(&chars, i),
            '\'' if starts_value(line, at) => {
                let mut j = i + 1;
                while j < chars.len() {
                    if chars[j].1 == '\'' {
                        if chars.get(j + 1).is_some_and(|(_, c)| *c == '\'') {
                            j += 2;
                            continue;
                        }
                        if letter(j - 1) && letter(j + 1) {
                            return Some(Closing {
                                opened: at,
                                at: chars[j].0,
                            });
                        }
                        break;
                    }
                    j += 1;
                }
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    None
}

/// The index after the `"` that closes the value opened at `open`.
fn skip_double_quoted(chars: &[(usize, char)], open: usize) -> usize {
    let mut escaped = false;
    for (j, (_, c)) in chars.iter().enumerate().skip(open + 1) {
        if *c == '"' && !escaped {
            return j + 1;
        }
        escaped = *c == '\\' && !escaped;
    }
    chars.len()
}

/// `line` with every `'` between two letters written as Uzbek writes it:
/// ‘ after o and g, ’ (the tutuq belgisi) after any other letter.
fn with_typographic_apostrophes(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    for (i, c) in chars.iter().enumerate() {
        let inside_word = i > 0
            && chars[i - 1].is_alphabetic()
            && chars.get(i + 1).is_some_and(|c| c.is_alphabetic());
        if *c == '\'' && inside_word {
            out.push(expected_after(chars[i - 1]));
        } else {
            out.push(*c);
        }
    }
    out
}

/// `line` with each single-quoted value put in double quotes, where an
/// ordinary apostrophe is just a letter.
fn in_double_quotes(line: &str) -> String {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let letter = |i: usize| chars.get(i).is_some_and(|(_, c)| c.is_alphabetic());
    let mut out = String::with_capacity(line.len() + 4);
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c == '"' && starts_value(line, at) {
            let end = skip_double_quoted(&chars, i);
            out.extend(chars[i..end].iter().map(|(_, c)| c));
            i = end;
            continue;
        }
        if c != '\'' || !starts_value(line, at) {
            out.push(c);
            i += 1;
            continue;
        }
        out.push('"');
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            if c == '\'' {
                if chars.get(j + 1).is_some_and(|(_, c)| *c == '\'') {
                    out.push('\'');
                    j += 2;
                    continue;
                }
                if !(letter(j - 1) && letter(j + 1)) {
                    break;
                }
            }
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
            j += 1;
        }
        out.push('"');
        i = j + 1;
    }
    out
}

/// What a key's value must be, by the key, else by what serde expected.
fn takes(key: &str, expected: &str) -> Option<(&'static str, Text)> {
    Some(match key {
        "title" | "summary" | "place" | "kind" | "description" | "url" | "author" | "publisher"
        | "lang" => ("text", t!("takes_text")),
        "date" | "end_date" => ("date", t!("takes_date")),
        "tags" => ("list", t!("takes_list")),
        "sources" => ("sources", t!("takes_sources")),
        "draft" => ("bool", t!("takes_bool")),
        "weight" => ("number", t!("takes_number")),
        _ if expected.starts_with("a string") => ("text", t!("takes_text")),
        _ if expected.starts_with("a sequence") => ("list", t!("takes_list")),
        _ if expected.starts_with("a boolean") => ("bool", t!("takes_bool")),
        _ if expected.starts_with("i64") || expected.starts_with("u64") => {
            ("number", t!("takes_number"))
        }
        _ => return None,
    })
}

/// What serde found (`string "treaty"`, `integer `5``, `map`), in words,
/// and the plain value when there is one.
fn found(text: &str) -> (Text, Option<String>) {
    let quoted = |prefix: &str, close: char| {
        let rest = text.strip_prefix(prefix)?;
        let open = rest.chars().next()?;
        Some(rest[open.len_utf8()..].trim_end_matches(close).to_string())
    };
    if let Some(value) = quoted("string ", '"') {
        return (t!("found_text", value = &value), Some(value));
    }
    for prefix in ["integer ", "floating point "] {
        if let Some(value) = quoted(prefix, '`') {
            return (t!("found_number", value = &value), Some(value));
        }
    }
    if let Some(value) = quoted("boolean ", '`') {
        return (t!("found_value", value = &value), Some(value));
    }
    let words = match text {
        "sequence" => t!("found_list"),
        "map" => t!("found_map"),
        "unit value" => t!("found_empty"),
        _ => return (Text::plain(text), None),
    };
    (words, None)
}

/// serde's `path: invalid type: X, expected Y` said in plain words, with
/// the line to write built from the editor's own value.
fn wrong_type(split: &Split<'_>, error: FrontMatterError) -> FrontMatterError {
    let Some((path, rest)) = error.message.split_once(": invalid type: ") else {
        return error;
    };
    let Some((found_text, expected)) = rest.rsplit_once(", expected ") else {
        return error;
    };
    let outer = path.split(['[', '.']).next().unwrap_or(path);
    let inner = path.rsplit('.').next().unwrap_or(path);
    let key = if outer == "sources" { outer } else { inner };
    let Some((shape, takes_text)) = takes(key, expected) else {
        return error;
    };
    let (found_words, value) = found(found_text);
    let value = value.filter(|v| !v.trim().is_empty());
    let indent = split
        .yaml
        .lines()
        .nth(error.line.saturating_sub(split.yaml_line))
        .map_or(0, |l| l.len() - l.trim_start().len());
    let example = example(shape, key, value.as_deref());
    let example = if indent > 0 && key != "sources" {
        format!("{}{example}", " ".repeat(indent))
    } else {
        example
    };
    FrontMatterError {
        message: t!("wrong_type", key = key)
            .with("takes", takes_text)
            .with("found", found_words),
        hint: t!("wrong_type_hint", example = example),
        ..error
    }
}

/// A line (or, for sources, a block) of front matter to write, with the
/// editor's value where it fits.
fn example(shape: &str, key: &str, value: Option<&str>) -> String {
    match shape {
        "list" => {
            let items = value.map_or("savdo, energetika".to_string(), |v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            format!("{key}: [{items}]")
        }
        "date" => {
            let iso = value
                .and_then(crate::model::date_forms::suggest_iso)
                .map_or("2022-02-15".to_string(), |d| d.iso());
            format!("{key}: {iso}")
        }
        "bool" => {
            let no = value.is_some_and(|v| {
                let v = v.to_lowercase();
                ["no", "false", "off", "yo'q", "yo‘q", "yoq", "0"].contains(&v.as_str())
            });
            format!("{key}: {}", if no { "false" } else { "true" })
        }
        "number" => {
            let number = value
                .and_then(|v| v.trim().parse::<f64>().ok())
                .map_or(10, |n| n.round() as i64);
            format!("{key}: {number}")
        }
        "sources" => {
            let title = value.unwrap_or("…").replace('"', "\\\"");
            format!("sources:\n  - title: \"{title}\"\n    url: https://…")
        }
        _ => {
            let text = value.unwrap_or("…").replace('"', "\\\"");
            format!("{key}: \"{text}\"")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::{parse, split, RawEvent};

    fn error_of(yaml: &str) -> FrontMatterError {
        let text = format!("---\n{yaml}---\nMatn.\n");
        let split = split(&text).unwrap();
        parse::<RawEvent>(&split).unwrap_err()
    }

    #[test]
    fn an_apostrophe_that_closes_a_single_quoted_title_is_named() {
        let e = error_of("title: 'O'zbekiston va Qozog'iston savdosi'\ndate: 2022\nkind: treaty\n");
        assert_eq!((e.line, e.column), (2, 10), "{e:?}");
        assert_eq!(e.message.key(), Some("yaml_apostrophe_closes"));
        assert_eq!(e.message.arg("read"), Some("'O'"));
        assert_eq!(
            e.hint.arg("typographic"),
            Some("title: 'O‘zbekiston va Qozog‘iston savdosi'")
        );
        assert_eq!(
            e.hint.arg("double"),
            Some("title: \"O'zbekiston va Qozog'iston savdosi\"")
        );
    }

    #[test]
    fn the_tutuq_gets_its_own_mark_and_list_items_are_found() {
        let e = error_of("title: x\ndate: 2022\nkind: a\ntags:\n  - 'Sur'at'\n");
        assert_eq!((e.line, e.column), (6, 9), "{e:?}");
        assert_eq!(e.hint.arg("typographic"), Some("  - 'Sur’at'"));
        assert_eq!(e.hint.arg("double"), Some("  - \"Sur'at\""));
        let flow = error_of("title: x\ndate: 2022\nkind: a\ntags: ['Qozog'iston', savdo]\n");
        assert_eq!((flow.line, flow.column), (5, 14), "{flow:?}");
        assert_eq!(
            flow.hint.arg("double"),
            Some("tags: [\"Qozog'iston\", savdo]")
        );
        // Never closed: the apostrophe is still what ended the value.
        let open = error_of("title: 'Qozog'iston\ndate: 2022\nkind: a\n");
        assert_eq!((open.line, open.column), (2, 14), "{open:?}");
        assert_eq!(open.message.key(), Some("yaml_apostrophe_closes"));
    }

    #[test]
    fn correct_quoting_is_not_blamed() {
        for line in [
            "title: 'O‘zbekiston'",
            "title: 'It''s'",
            "title: \"O'zbekiston\"",
            "title: O'zbekiston",
            "title: x # 'O'z'",
            "- 'Sur’at'",
            "tags: [\"Qozog'iston\", 'savdo']",
        ] {
            assert_eq!(closing_apostrophe(line), None, "{line}");
        }
        assert!(parse::<RawEvent>(
            &split("---\ntitle: 'It''s O‘zbek'\ndate: 2022\nkind: a\n---\n").unwrap()
        )
        .is_ok());
    }

    #[test]
    fn wrong_types_say_what_the_key_takes_with_an_example() {
        let cases = [
            (
                "tags: treaty\n",
                "`tags` takes a list, but here it is the text `treaty`",
                "tags: [treaty]",
            ),
            (
                "tags: savdo, energetika\n",
                "`tags` takes a list, but here it is the text `savdo, energetika`",
                "tags: [savdo, energetika]",
            ),
            (
                "draft: yes\n",
                "`draft` takes `true` or `false`, but here it is the text `yes`",
                "draft: true",
            ),
            (
                "weight: ten\n",
                "`weight` takes a whole number, but here it is the text `ten`",
                "weight: 10",
            ),
            (
                "summary: [a]\n",
                "`summary` takes text, but here it is a list",
                "summary: \"…\"",
            ),
            (
                "sources: Gazeta\n",
                "`sources` takes a list of sources, but here it is the text `Gazeta`",
                "sources:\n  - title: \"Gazeta\"\n    url: https://…",
            ),
        ];
        for (line, message, example) in cases {
            let e = error_of(&format!("title: x\ndate: 2022\nkind: a\n{line}"));
            assert_eq!(e.message.as_str(), message, "{line}");
            assert_eq!(e.hint.arg("example"), Some(example), "{line}");
            assert_eq!(e.line, 5, "{line}");
        }
        let date = error_of("title: x\ndate: [2021]\nkind: a\n");
        assert_eq!(
            date.message.as_str(),
            "`date` takes a date, but here it is a list"
        );
        assert_eq!(date.hint.arg("example"), Some("date: 2022-02-15"));
        let title = error_of("title:\n  uz: x\ndate: 2021\nkind: a\n");
        assert_eq!(
            title.message.in_language("uz"),
            "`title` qiymati matn bo‘lishi kerak, bu yerda esa u — kalit va qiymatlar (`kalit: qiymat` qatorlari)"
        );
    }
}
