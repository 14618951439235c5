//! Splits a content file into YAML front matter and Markdown body, and turns
//! the YAML into `Raw*` structs.
//!
//! This is the only user of serde_yaml (the `yaml_serde` continuation) in the
//! crate: swapping the YAML library is a change to this file alone. Positions
//! in errors are lines of the whole file, not of the YAML snippet.

use serde::de::DeserializeOwned;
use serde::Deserialize;

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
    pub message: String,
    pub hint: String,
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
            "the file is empty"
        } else {
            "the file does not start with front matter"
        };
        return Err(FrontMatterError {
            line: 1,
            column: 1,
            message: message.into(),
            hint: "start the file with a line `---`, the YAML keys (title, date, …), then another `---` line".into(),
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
        message: "the front matter is never closed".into(),
        hint: "add a line `---` after the last YAML key, before the Markdown text".into(),
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
            message: "a tab is used for indentation in the front matter".into(),
            hint: "YAML only allows spaces for indentation: replace the tab with two spaces".into(),
        });
    }
    let yaml = if split.yaml.trim().is_empty() {
        "{}"
    } else {
        split.yaml
    };
    check_alias_expansion(yaml, split.yaml_line)?;
    serde_yaml::from_str(yaml).map_err(|e| {
        let (line, column) = e.location().map_or((split.yaml_line, 1), |l| {
            file_position(split.yaml, split.yaml_line, l.line(), l.column())
        });
        let message = tidy_message(&e.to_string());
        let error = FrontMatterError {
            line,
            column,
            hint: hint_for(&message),
            message,
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
            error.message = "this quoted value is never closed".into();
            error.hint =
                "end the value with the same quote on the same line, e.g. `title: \"…\"`".into();
        }
    }
    error
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

/// serde_yaml appends " at line L column C": the diagnostic has its own position.
fn tidy_message(message: &str) -> String {
    let message = match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    message.replace("\n", " ")
}

fn hint_for(message: &str) -> String {
    if message.contains("unknown field") {
        "check the spelling of the key; the allowed keys are listed above".into()
    } else if message.contains("duplicate") {
        "each key may appear once: delete one of the two lines".into()
    } else if message.contains("invalid type") {
        "check the value's shape: lists are written `[a, b]` or as `- a` lines".into()
    } else if message.contains("missing field") {
        "add the missing key to the front matter".into()
    } else {
        "check the YAML syntax: strings with `:` or `#` need double quotes".into()
    }
}

/// A date as written: YAML reads `2017` as a number and `2022-02` as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDate(pub String);

impl<'de> Deserialize<'de> for RawDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = RawDate;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a date such as 2017, 2022-02 or 2022-02-15")
            }
            fn visit_u64<E>(self, v: u64) -> Result<RawDate, E> {
                Ok(RawDate(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawDate, E> {
                Ok(RawDate(v.to_string()))
            }
            fn visit_str<E>(self, v: &str) -> Result<RawDate, E> {
                Ok(RawDate(v.to_string()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// Front matter of `content/events/<slug>.<lang>.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub title: String,
    pub date: RawDate,
    pub end_date: Option<RawDate>,
    pub kind: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub place: Option<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub weight: i64,
}

pub const EVENT_KEYS: &str =
    "title, date, end_date, kind, tags, place, summary, sources, draft, weight";

/// One entry of an event's `sources` list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub title: String,
    pub url: Option<String>,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<RawDate>,
    /// The language of the source's title when it differs from the file's
    /// (an Uzbek article cited on an English page): marked with `lang`.
    pub lang: Option<String>,
}

/// Front matter of standalone pages and docs.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub weight: i64,
    #[serde(default)]
    pub draft: bool,
}

pub const PAGE_KEYS: &str = "title, description, weight, draft";

/// A data file under `content/data/`, as a JSON value for templates.
pub fn parse_data(text: &str) -> Result<serde_json::Value, FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_alias_expansion(text, 1)?;
    serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map_or((1, 1), |l| file_position(text, 1, l.line(), l.column()));
        let message = tidy_message(&e.to_string());
        FrontMatterError {
            line,
            column,
            hint: hint_for(&message),
            message,
        }
    })
}

/// What YAML aliases may expand a document to. An alias (`*name`) stands
/// for its anchor's whole value, and aliases of aliases multiply: a
/// 1 KB "billion laughs" file expands to gigabytes. yaml_serde bounds only
/// the number of alias jumps (100 per event), not what each one repeats.
const MAX_EXPANDED_BYTES: usize = 8 * 1024 * 1024;
const MAX_EXPANDED_VALUES: usize = 1_000_000;
const OVER_BUDGET: &str = "yilnoma: alias expansion over budget";

/// Walks `yaml` as the real parse will, aliases followed, counting values
/// and text bytes without keeping any, and stops past the budget. Only
/// documents with an alias pay for it. Other problems are left for the real
/// parse to report.
fn check_alias_expansion(yaml: &str, first_line: usize) -> Result<(), FrontMatterError> {
    if !yaml.contains('*') {
        return Ok(());
    }
    let mut expansion = Expansion::default();
    let walked = serde::de::DeserializeSeed::deserialize(
        Count(&mut expansion),
        serde_yaml::Deserializer::from_str(yaml),
    );
    match walked {
        // yaml_serde's own bound on alias jumps, or ours on what they repeat.
        Err(e)
            if e.to_string().contains(OVER_BUDGET)
                || e.to_string().contains("repetition limit exceeded") =>
        {
            let alias_line = yaml
                .lines()
                .position(|line| {
                    line.match_indices('*').any(|(i, _)| {
                        let before = line[..i].chars().next_back();
                        let after = line[i + 1..].chars().next();
                        before.is_none_or(|c| matches!(c, ' ' | '[' | ',' | '{' | ':' | '-'))
                            && after.is_some_and(|c| !c.is_whitespace())
                    })
                })
                .unwrap_or(0);
            Err(FrontMatterError {
                line: first_line + alias_line,
                column: 1,
                message: format!(
                    "the YAML aliases (`*name`) here expand to more than {} values or {} MB of text",
                    MAX_EXPANDED_VALUES,
                    MAX_EXPANDED_BYTES / (1024 * 1024)
                ),
                hint: "each alias repeats its anchor's whole value, and aliases of aliases multiply: write the values out, or use fewer aliases".into(),
            })
        }
        _ => Ok(()),
    }
}

#[derive(Default)]
struct Expansion {
    bytes: usize,
    values: usize,
}

impl Expansion {
    fn add<E: serde::de::Error>(&mut self, bytes: usize) -> Result<(), E> {
        self.values += 1;
        self.bytes = self.bytes.saturating_add(bytes);
        if self.values > MAX_EXPANDED_VALUES || self.bytes > MAX_EXPANDED_BYTES {
            return Err(E::custom(OVER_BUDGET));
        }
        Ok(())
    }
}

/// A visitor that only counts what it is shown.
struct Count<'a>(&'a mut Expansion);

impl<'de> serde::de::DeserializeSeed<'de> for Count<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Count<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.0.add(1)
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.0.add(8)
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.0.add(8)
    }
    fn visit_i128<E: serde::de::Error>(self, _: i128) -> Result<(), E> {
        self.0.add(16)
    }
    fn visit_u128<E: serde::de::Error>(self, _: u128) -> Result<(), E> {
        self.0.add(16)
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.0.add(8)
    }
    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<(), E> {
        self.0.add(text.len())
    }
    fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<(), E> {
        self.0.add(bytes.len())
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.0.add(1)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.0.add(1)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, inner: D) -> Result<(), D::Error> {
        self.0.add::<D::Error>(1)?;
        inner.deserialize_any(Count(self.0))
    }
    fn visit_newtype_struct<D: serde::Deserializer<'de>>(self, inner: D) -> Result<(), D::Error> {
        inner.deserialize_any(Count(self.0))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.0.add::<A::Error>(1)?;
        while seq.next_element_seed(Count(&mut *self.0))?.is_some() {}
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.0.add::<A::Error>(1)?;
        while map.next_key_seed(Count(&mut *self.0))?.is_some() {
            map.next_value_seed(Count(&mut *self.0))?;
        }
        Ok(())
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        // A tagged value (`!Tag value`): count the tag and its value.
        use serde::de::VariantAccess;
        let ((), variant) = data.variant_seed(Count(&mut *self.0))?;
        variant.newtype_variant_seed(Count(self.0))
    }
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
        assert_eq!(e.message, "this quoted value is never closed");
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

    /// Nine levels of nine aliases each: 9^9 strings if expanded.
    fn billion_laughs(key: &str) -> String {
        let mut yaml = format!("{key}: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for level in 1..10 {
            let previous = format!("*a{}", level - 1);
            let items = [previous.as_str(); 9].join(", ");
            yaml.push_str(&format!("k{level}: &a{level} [{items}]\n"));
        }
        yaml
    }

    #[test]
    fn an_alias_bomb_is_an_error_not_an_expansion() {
        let started = std::time::Instant::now();
        let e = parse_data(&billion_laughs("a")).unwrap_err();
        assert!(e.message.contains("YAML aliases"), "{e:?}");
        assert_eq!(e.line, 2, "{e:?}");
        let text = format!("---\n{}---\n", billion_laughs("title"));
        let e = parse::<serde_json::Value>(&split(&text).unwrap()).unwrap_err();
        assert!(e.message.contains("YAML aliases"), "{e:?}");
        assert_eq!(e.line, 3, "{e:?}");
        // One long string repeated by many single aliases.
        let long = format!(
            "s: &s \"{}\"\nt: [{}]\n",
            "x".repeat(100_000),
            vec!["*s"; 200].join(", ")
        );
        assert!(parse_data(&long)
            .unwrap_err()
            .message
            .contains("YAML aliases"));
        assert!(started.elapsed() < std::time::Duration::from_secs(30));
    }

    #[test]
    fn modest_aliases_still_work() {
        let value = parse_data("base: &b {x: 1}\nitems: [*b, *b]\nnote: \"a * b\"\n").unwrap();
        assert_eq!(value["items"][1]["x"], 1);
    }
}
