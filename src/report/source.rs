//! The source text under a diagnostic: files split into lines as editors
//! count them, read once each, and the span of a line a diagnostic's
//! column points at.

use super::Sources;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The source line a diagnostic points into, cut where the span its
/// column names starts and ends: the terminal draws a caret under
/// `marked`, the serve overlay marks it. Shown as it is (no escaping).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Excerpt {
    /// The line's number, 1-based.
    pub line: usize,
    pub before: String,
    pub marked: String,
    pub after: String,
}

impl Excerpt {
    /// `text` is line `line` of its file; `column` is 1-based, in characters.
    pub fn new(line: usize, column: usize, text: &str) -> Self {
        let text = text.trim_end_matches(['\r', '\n']);
        let span = span_at(text, column.max(1));
        Self {
            line,
            before: text[..span.start].to_string(),
            marked: text[span.clone()].to_string(),
            after: text[span.end..].to_string(),
        }
    }

    /// The whole line.
    pub fn text(&self) -> String {
        [self.before.as_str(), &self.marked, &self.after].concat()
    }

    /// `marked`'s byte range in [`Excerpt::text`].
    pub fn span(&self) -> std::ops::Range<usize> {
        self.before.len()..self.before.len() + self.marked.len()
    }
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
pub struct SourceCache<'a> {
    sources: &'a dyn Sources,
    files: BTreeMap<PathBuf, Option<Vec<String>>>,
}

impl<'a> SourceCache<'a> {
    pub fn new(sources: &'a dyn Sources) -> Self {
        Self {
            sources,
            files: BTreeMap::new(),
        }
    }

    /// Line `line` (1-based) of `path`.
    pub fn line(&mut self, path: &Path, line: usize) -> Option<String> {
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

/// The byte range to underline in `line` for the 1-based character
/// `column`: the word that starts there (letters, digits, apostrophes,
/// `-`, `_`), else the one character there (an ASCII `'` too), else the
/// end of the line.
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
    // An ASCII `'` named by the column is a quote YAML read (the one an
    // apostrophe closed a value with): mark it alone, not the word after it.
    if !is_word(first) || first == '\'' {
        return start..start + first.len_utf8();
    }
    let end = line[start..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(line.len(), |(i, _)| start + i);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_cuts_the_line_at_the_word_the_column_names() {
        let excerpt = Excerpt::new(4, 8, "title: O'zbek va\r\n");
        assert_eq!(
            (
                excerpt.before.as_str(),
                excerpt.marked.as_str(),
                excerpt.after.as_str()
            ),
            ("title: ", "O'zbek", " va")
        );
        assert_eq!(excerpt.text(), "title: O'zbek va");
        assert_eq!(&excerpt.text()[excerpt.span()], "O'zbek");
        // An ASCII quote at the column (the apostrophe that closed a
        // single-quoted value) is marked alone.
        let quote = Excerpt::new(4, 10, "title: 'O'zbek'");
        assert_eq!(
            (quote.before.as_str(), quote.marked.as_str()),
            ("title: 'O", "'")
        );
        // Past the end of the line: an empty mark at its end.
        let past = Excerpt::new(1, 40, "ab");
        assert_eq!((past.before.as_str(), past.marked.as_str()), ("ab", ""));
        // A non-word character is marked alone.
        assert_eq!(Excerpt::new(1, 3, "a: b").marked, " ");
    }

    #[test]
    fn lines_end_at_any_line_break() {
        let lines: Vec<&str> = split_lines("\u{feff}a\r\nb\rc\n\nd").collect();
        assert_eq!(lines, ["a", "b", "c", "", "d"]);
        assert_eq!(split_lines("a\n").count(), 1);
    }
}
