//! Transliteration between two scripts of one language, driven by a table
//! (Uzbek Latin → Cyrillic ships built in: `templates/translit/`).
//!
//! Takes text or Markdown source, returns the same text in the other
//! script. Pure, no I/O. What must not change is left as written: words
//! the table or the editor declares (`keep`: Chevrolet, HOWO, SAZ), URLs
//! and e-mail addresses, and in Markdown inline code, fenced code blocks,
//! link destinations, `<…>` autolinks and HTML tags, and `{…}` attributes.

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// The built-in Uzbek Latin → Uzbek Cyrillic table.
pub const UZBEK_LATIN_TO_CYRILLIC: &str =
    include_str!("../../templates/translit/uz-Latn-uz-Cyrl.toml");

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

    /// Plain text: every word, except kept words, URLs and addresses.
    pub fn text(&self, text: &str) -> String {
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
        if self.keep.contains(word) || !word.chars().any(char::is_alphabetic) {
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
            self.markdown_line(line, &mut out);
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
mod tests {
    use super::*;

    /// Reference spellings from Uzbek Cyrillic usage (dictionary forms).
    const REFERENCE: &[(&str, &str)] = &[
        ("O‘zbekiston", "Ўзбекистон"),
        ("Qozog‘iston", "Қозоғистон"),
        ("Toshkent", "Тошкент"),
        ("Ostona", "Остона"),
        ("shahar", "шаҳар"),
        ("xalq", "халқ"),
        ("xalqaro", "халқаро"),
        ("choy", "чой"),
        ("ming", "минг"),
        ("yangi", "янги"),
        ("yo‘l", "йўл"),
        ("yoz", "ёз"),
        ("yulduz", "юлдуз"),
        ("Yevropa", "Европа"),
        ("yer", "ер"),
        ("yetti", "етти"),
        ("ekspert", "эксперт"),
        ("energetika", "энергетика"),
        ("elchixona", "элчихона"),
        ("e’lon", "эълон"),
        ("dekabr", "декабр"),
        ("ta’lim", "таълим"),
        ("sur’at", "суръат"),
        ("ma’lumot", "маълумот"),
        ("Is’hoq", "Исҳоқ"),
        ("as’hob", "асҳоб"),
        ("litsey", "лицей"),
        ("konstitutsiya", "конституция"),
        ("revolyutsion", "революцион"),
        ("kontsert", "концерт"),
        ("ketsa", "кетса"),
        ("sentabr", "сентябр"),
        ("oktabr", "октябр"),
        ("noyabr", "ноябр"),
        ("iyun", "июн"),
        ("yanvar", "январ"),
        ("Mirziyoyev", "Мирзиёев"),
        ("To‘qayev", "Тўқаев"),
        ("Nazarbayev", "Назарбаев"),
        ("G‘alaba", "Ғалаба"),
        ("o‘rtasidagi", "ўртасидаги"),
        ("hamkorlik", "ҳамкорлик"),
        ("ittifoqchilik", "иттифоқчилик"),
        ("sheriklik", "шериклик"),
        ("Shartnoma", "Шартнома"),
        ("SHARTNOMA", "ШАРТНОМА"),
        ("obyekt", "объект"),
        ("aeroport", "аэропорт"),
        ("Jahon", "Жаҳон"),
        ("2021-yil", "2021-йил"),
        ("Chevrolet", "Chevrolet"),
        ("HOWO", "HOWO"),
        ("SAZ", "SAZ"),
    ];

    #[test]
    fn built_in_table_parses() {
        assert!(Transliterator::parse(UZBEK_LATIN_TO_CYRILLIC).is_ok());
    }

    #[test]
    fn uzbek_words_match_the_reference_list() {
        let t = Transliterator::uzbek_latin_to_cyrillic();
        assert!(REFERENCE.len() >= 40);
        let wrong: Vec<String> = REFERENCE
            .iter()
            .filter(|(latin, cyrillic)| t.text(latin) != *cyrillic)
            .map(|(latin, cyrillic)| format!("{latin}: got {}, expected {cyrillic}", t.text(latin)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn sentence_keeps_punctuation_numbers_and_addresses() {
        let t = Transliterator::uzbek_latin_to_cyrillic();
        assert_eq!(
            t.text("2021-yil 6-dekabr: Toshkentda deklaratsiya, https://gov.uz/uz/news qarang."),
            "2021-йил 6-декабр: Тошкентда декларация, https://gov.uz/uz/news қаранг."
        );
    }

    #[test]
    fn editor_declared_words_are_kept() {
        let mut t = Transliterator::uzbek_latin_to_cyrillic();
        t.keep_also(["UzAuto".to_string()]);
        assert_eq!(
            t.text("UzAuto va Chevrolet zavodi"),
            "UzAuto ва Chevrolet заводи"
        );
    }

    #[test]
    fn markdown_code_links_and_attributes_stay_as_written() {
        let t = Transliterator::uzbek_latin_to_cyrillic();
        let source = "## Sarlavha {#sarlavha}\n\n[Manba](https://kun.uz/news) va `kod` <b class=\"x\">\n\n```toml\ntitle = \"shahar\"\n```\nShahar\n";
        assert_eq!(
            t.markdown(source),
            "## Сарлавҳа {#sarlavha}\n\n[Манба](https://kun.uz/news) ва `kod` <b class=\"x\">\n\n```toml\ntitle = \"shahar\"\n```\nШаҳар\n"
        );
    }
}
