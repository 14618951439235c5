//! Uzbek Latin apostrophes: o‘ and g‘ take U+2018 (‘), the tutuq belgisi
//! takes U+2019 (’). Finds other variants inside words and says the fix.
//!
//! Pure text functions; `content::load` turns findings into warnings.

/// The modifier letter used for o‘ and g‘ (the source article's choice).
pub const OKINA: char = '\u{2018}';
/// The tutuq belgisi (sur’at, ma’lumot).
pub const TUTUQ: char = '\u{2019}';

/// One apostrophe that breaks the convention, at a byte offset in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub offset: usize,
    pub word: String,
    pub suggestion: String,
}

/// Every apostrophe-like character (search folding's one table): each is
/// a candidate for the wrong one inside a word.
const VARIANTS: &[char] = crate::model::fold::APOSTROPHES;

/// Apostrophe-like characters between two letters that break the
/// convention: any ASCII or modifier-letter variant, and ‘ where only the
/// tutuq ’ fits (after a letter other than o or g).
pub fn check(text: &str) -> Vec<Finding> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut findings = Vec::new();
    for i in 1..chars.len().saturating_sub(1) {
        let (offset, c) = chars[i];
        if !VARIANTS.contains(&c) {
            continue;
        }
        let before = chars[i - 1].1;
        let after = chars[i + 1].1;
        if !before.is_alphabetic() || !after.is_alphabetic() {
            continue;
        }
        let right = expected_after(before);
        // ’ after o or g is ambiguous: it is right in mo’jiza, mo’tabar.
        if c == right || c == TUTUQ {
            continue;
        }
        let word = word_around(&chars, i);
        let suggestion: String = word.replace(c, &right.to_string());
        findings.push(Finding {
            offset,
            word,
            suggestion,
        });
    }
    findings
}

/// Like `check`, for one line of Markdown: inline code spans (`` `O'z` ``)
/// are code, not Uzbek prose, so the guide can show wrong spellings.
pub fn check_markdown_line(line: &str) -> Vec<Finding> {
    let spans = inline_code_spans(line);
    check(line)
        .into_iter()
        .filter(|f| !spans.iter().any(|span| span.contains(&f.offset)))
        .collect()
}

/// Byte ranges of the inline code spans of one line, backticks included:
/// a run of n backticks opens a span that the next run of exactly n closes.
fn inline_code_spans(line: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = line.as_bytes();
    let run_at = |start: usize| bytes[start..].iter().take_while(|&&b| b == b'`').count();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let open = run_at(i);
        let mut j = i + open;
        let mut closed = None;
        while j < bytes.len() {
            if bytes[j] == b'`' {
                let run = run_at(j);
                if run == open {
                    closed = Some(j + run);
                    break;
                }
                j += run;
            } else {
                j += 1;
            }
        }
        match closed {
            Some(end) => {
                spans.push(i..end);
                i = end;
            }
            // An unclosed run is literal text (perhaps a wrong apostrophe).
            None => i += open,
        }
    }
    spans
}

/// ‘ after o and g (o‘, g‘); ’ after any other letter (tutuq belgisi).
pub fn expected_after(letter: char) -> char {
    if matches!(letter, 'o' | 'O' | 'g' | 'G') {
        OKINA
    } else {
        TUTUQ
    }
}

fn word_around(chars: &[(usize, char)], i: usize) -> String {
    let is_word = |c: char| c.is_alphabetic() || VARIANTS.contains(&c);
    let mut start = i;
    while start > 0 && is_word(chars[start - 1].1) {
        start -= 1;
    }
    let mut end = i;
    while end + 1 < chars.len() && is_word(chars[end + 1].1) {
        end += 1;
    }
    chars[start..=end].iter().map(|(_, c)| *c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn correct_text_has_no_findings() {
        assert!(check("O‘zbekiston va Qozog‘iston sur’at ma’lumot to‘g‘risida mo’jiza").is_empty());
        assert!(
            check("don't quote 'this'").len() == 1,
            "only the inner apostrophe"
        );
    }

    #[test]
    fn inline_code_is_not_checked() {
        assert!(check_markdown_line("Yozmang: `O'zbekiston`, ``sur'at``.").is_empty());
        let findings = check_markdown_line("`kod` va Qozog'iston");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].word, "Qozog'iston");
        assert_eq!(
            check_markdown_line("O`zbekiston").len(),
            1,
            "a lone backtick is text"
        );
    }

    #[test]
    fn variants_get_the_right_suggestion() {
        let cases = [
            ("Qozog'iston", "Qozog‘iston"),
            ("Qozogʻiston", "Qozog‘iston"),
            ("sur'at", "sur’at"),
            ("sur‘at", "sur’at"),
            ("O`zbekiston", "O‘zbekiston"),
            ("Qozogʽiston", "Qozog‘iston"),
            ("sur´at", "sur’at"),
        ];
        for (text, suggestion) in cases {
            let findings = check(text);
            assert_eq!(findings.len(), 1, "{text}");
            assert_eq!(findings[0].suggestion, suggestion, "{text}");
        }
    }
}
