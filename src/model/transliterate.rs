//! Transliteration between two scripts of one language, driven by a table
//! (Uzbek Latin → Cyrillic ships built in: `templates/translit/`).
//!
//! Takes text or Markdown source, returns the same text in the other
//! script. Pure, no I/O. What must not change is left as written: words
//! the table or the editor declares (`keep`: Chevrolet, HOWO, SAZ), words
//! with a letter the table has no rule for (English `Caucasus`, `news`:
//! Uzbek Latin has no lone c or w), capital Roman numerals (VIII), URLs
//! and e-mail addresses, and in Markdown inline code, fenced code blocks,
//! link destinations, `<…>` autolinks and HTML tags, and `{…}` attributes.

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// The built-in Uzbek Latin → Uzbek Cyrillic table.
pub const UZBEK_LATIN_TO_CYRILLIC: &str =
    include_str!("../../templates/translit/uz-Latn-uz-Cyrl.toml");

/// The pairs whose table ships built in: (from, to, table). A site names a
/// table of its own for any other pair in book.toml.
pub const BUILT_IN: &[(&str, &str, &str)] = &[("uz", "uz-Cyrl", UZBEK_LATIN_TO_CYRILLIC)];

/// The built-in table from language `from` to language `to`, if one ships.
pub fn built_in(from: &str, to: &str) -> Option<&'static str> {
    BUILT_IN
        .iter()
        .find(|(f, t, _)| f.eq_ignore_ascii_case(from) && t.eq_ignore_ascii_case(to))
        .map(|(_, _, table)| *table)
}

/// A transliteration table as written in TOML (see the built-in one).
#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct RawTable {
    #[serde(default)]
    pub keep: Vec<String>,
    #[serde(default)]
    pub word_start: BTreeMap<String, String>,
    #[serde(default)]
    pub letters: BTreeMap<String, String>,
}

/// A checked table: rules sorted longest first, matched on lowercase text.
#[derive(Debug, Clone)]
pub struct Transliterator {
    word_start: Vec<(Vec<char>, String)>,
    letters: Vec<(Vec<char>, String)>,
    keep: BTreeSet<String>,
}

impl Transliterator {
    /// Parses a table; the error is TOML's message.
    pub fn parse(text: &str) -> Result<Self, String> {
        let raw: RawTable = toml::from_str(text).map_err(|e| e.message().trim().to_string())?;
        Ok(Self::from_raw(raw))
    }

    pub fn from_raw(raw: RawTable) -> Self {
        Self {
            word_start: rules(raw.word_start),
            letters: rules(raw.letters),
            keep: raw.keep.into_iter().collect(),
        }
    }

    /// The built-in Uzbek Latin → Cyrillic transliterator.
    pub fn uzbek_latin_to_cyrillic() -> Self {
        // The built-in table is parsed by a unit test; a broken one is a bug.
        Self::parse(UZBEK_LATIN_TO_CYRILLIC).unwrap_or_else(|_| Self::from_raw(RawTable::default()))
    }

    /// Adds words an editor declares to be left as written.
    pub fn keep_also<I: IntoIterator<Item = String>>(&mut self, words: I) {
        self.keep.extend(words);
    }

    /// Plain text: every word, except kept words and phrases, URLs and
    /// addresses.
    pub fn text(&self, text: &str) -> String {
        match self.kept_phrase(text) {
            Some((start, end)) => {
                let mut out = self.words(&text[..start]);
                out.push_str(&text[start..end]);
                out.push_str(&self.text(&text[end..]));
                out
            }
            None => self.words(text),
        }
    }

    /// The first kept phrase (a `keep` entry of several words, such as
    /// "The Astana Times") in `text`, as a byte range on word boundaries.
    fn kept_phrase(&self, text: &str) -> Option<(usize, usize)> {
        self.keep
            .iter()
            .filter(|k| k.contains(char::is_whitespace))
            .filter_map(|phrase| {
                text.match_indices(phrase.as_str())
                    .map(|(start, _)| (start, start + phrase.len()))
                    .find(|&(start, end)| {
                        let before = text[..start].chars().next_back();
                        let after = text[end..].chars().next();
                        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
                    })
            })
            .min()
    }

    fn words(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() * 2);
        for chunk in split_keeping(text, char::is_whitespace) {
            if looks_like_address(chunk) {
                out.push_str(chunk);
            } else {
                for piece in split_keeping(chunk, |c| !is_word_char(c)) {
                    if piece.chars().next().is_some_and(is_word_char) {
                        out.push_str(&self.word(piece));
                    } else {
                        out.push_str(piece);
                    }
                }
            }
        }
        out
    }

    /// One word (letters and apostrophes).
    fn word(&self, word: &str) -> String {
        if self.keep.contains(word)
            || !word.chars().any(char::is_alphabetic)
            || is_roman_numeral(word)
        {
            return word.to_string();
        }
        let source: Vec<char> = word.chars().collect();
        let lower: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
        if lower.len() != source.len() {
            // A letter whose lowercase is longer: leave the word alone
            // rather than misalign the case of every later letter.
            return word.to_string();
        }
        let all_capitals = source.iter().filter(|c| c.is_alphabetic()).count() > 1
            && source.iter().all(|c| !c.is_lowercase());
        let mut out = String::new();
        let mut at = 0;
        while at < lower.len() {
            let rule = (at == 0)
                .then(|| longest(&self.word_start, &lower[at..]))
                .flatten()
                .or_else(|| longest(&self.letters, &lower[at..]));
            let Some((length, target)) = rule else {
                if source[at].is_alphabetic() {
                    // A letter the table does not know (c, w, Cyrillic…):
                    // a foreign word, such as a quoted English title.
                    return word.to_string();
                }
                out.push(source[at]);
                at += 1;
                continue;
            };
            if all_capitals {
                out.extend(target.chars().flat_map(char::to_uppercase));
            } else if source[at].is_uppercase() {
                let mut chars = target.chars();
                out.extend(chars.next().into_iter().flat_map(char::to_uppercase));
                out.extend(chars);
            } else {
                out.push_str(target);
            }
            at += length;
        }
        out
    }

    /// Markdown source: the text in it, leaving code, link destinations,
    /// autolinks, HTML tags and attributes as written.
    pub fn markdown(&self, source: &str) -> String {
        let mut out = String::with_capacity(source.len() * 2);
        let mut fence: Option<String> = None;
        for line in source.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if let Some(open) = &fence {
                out.push_str(line);
                if trimmed.starts_with(open.as_str()) {
                    fence = None;
                }
                continue;
            }
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                let marker = trimmed.chars().next().unwrap_or('`');
                let length = trimmed.chars().take_while(|c| *c == marker).count();
                fence = Some(std::iter::repeat_n(marker, length).collect());
                out.push_str(line);
                continue;
            }
            if line.starts_with("    ") || line.starts_with('\t') {
                // Indented code block (or a continuation; kept either way).
                out.push_str(line);
                continue;
            }
            match heading_id(line) {
                Some(id) => {
                    let (text, ending) = split_line_ending(line);
                    self.markdown_line(text, &mut out);
                    out.push_str(&format!(" {{#{id}}}{ending}"));
                }
                None => self.markdown_line(line, &mut out),
            }
        }
        out
    }

    fn markdown_line(&self, line: &str, out: &mut String) {
        let mut text_start = 0;
        let mut rest = line;
        let mut offset = 0;
        while let Some(found) = rest.find(['`', '<', '(', '{']) {
            let at = offset + found;
            let c = line[at..].chars().next().unwrap_or(' ');
            let close = match c {
                '`' => {
                    let ticks = line[at..].chars().take_while(|c| *c == '`').count();
                    let marker = "`".repeat(ticks);
                    line[at + ticks..]
                        .find(&marker)
                        .map(|e| at + ticks + e + ticks)
                }
                '<' => line[at..].find('>').map(|e| at + e + 1),
                '(' if line[..at].ends_with(']') => line[at..].find(')').map(|e| at + e + 1),
                '{' => line[at..].find('}').map(|e| at + e + 1),
                _ => None,
            };
            match close {
                Some(end) => {
                    out.push_str(&self.text(&line[text_start..at]));
                    out.push_str(&line[at..end]);
                    text_start = end;
                    offset = end;
                }
                None => offset = at + c.len_utf8(),
            }
            rest = &line[offset..];
        }
        out.push_str(&self.text(&line[text_start..]));
    }
}

/// The id an ATX heading (`## Qisman ma’lum sanalar`) gets from its text,
/// to be written on its transliterated copy so `#qisman-malum-sanalar`
/// links keep working; `None` for other lines and for headings that give
/// their id (`{#id}`) themselves.
fn heading_id(line: &str) -> Option<String> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let level = trimmed.chars().take_while(|c| *c == '#').count();
    let rest = &trimmed[level..];
    if !(1..=6).contains(&level) || !rest.starts_with([' ', '\t']) {
        return None;
    }
    let text = rest.trim().trim_end_matches('#').trim_end();
    if text.is_empty() || text.ends_with('}') {
        return None;
    }
    Some(crate::model::anchor::anchor(&plain_heading_text(text)))
}

/// A heading's text as the renderer reads it for its id: link text
/// without its destination, no emphasis or code marks.
fn plain_heading_text(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find("](") {
        let Some(close) = rest[open..].find(')') else {
            break;
        };
        out.push_str(&rest[..open]);
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out.chars()
        .filter(|c| !matches!(c, '[' | '*' | '`'))
        .collect()
}

/// (`line` without its line break, the line break).
fn split_line_ending(line: &str) -> (&str, &str) {
    let text = line.trim_end_matches(['\n', '\r']);
    (text, &line[text.len()..])
}

fn rules(map: BTreeMap<String, String>) -> Vec<(Vec<char>, String)> {
    let mut rules: Vec<(Vec<char>, String)> = map
        .into_iter()
        .map(|(from, to)| (from.chars().flat_map(char::to_lowercase).collect(), to))
        .filter(|(from, _): &(Vec<char>, String)| !from.is_empty())
        .collect();
    rules.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    rules
}

fn longest<'a>(rules: &'a [(Vec<char>, String)], text: &[char]) -> Option<(usize, &'a str)> {
    rules
        .iter()
        .find(|(from, _)| text.starts_with(from))
        .map(|(from, to)| (from.len(), to.as_str()))
}

/// Letters, digits and the apostrophes that belong inside Uzbek words.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '‘' | '’' | 'ʻ' | 'ʼ' | '\'')
}

/// VIII, XXI: capital Roman numerals stay as written in every script.
fn is_roman_numeral(word: &str) -> bool {
    word.chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

fn looks_like_address(chunk: &str) -> bool {
    chunk.contains("://") || chunk.starts_with("www.") || chunk.contains('@')
}

/// Splits `text` into runs where `separator` holds and runs where it does
/// not, keeping every character.
fn split_keeping(text: &str, separator: impl Fn(char) -> bool) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut previous: Option<bool> = None;
    for (index, c) in text.char_indices() {
        let kind = separator(c);
        if previous.is_some_and(|p| p != kind) {
            pieces.push(&text[start..index]);
            start = index;
        }
        previous = Some(kind);
    }
    if start < text.len() {
        pieces.push(&text[start..]);
    }
    pieces
}

#[cfg(test)]
mod tests;
