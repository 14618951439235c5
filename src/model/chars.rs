//! Which characters editors' text may carry. Pure.
//!
//! Decision (issue 16): text with a character that XML 1.0, iCalendar or
//! HTML cannot carry is an error at load, naming the field (front matter)
//! or the line and column (body), so the editor learns of it; YAML escapes
//! such as `"\x07"`, `"\v"` or `"\uFFFE"` are the usual way in. The output
//! writers also drop these characters (`render::escape::xml`,
//! `render::files::ical::escape`), so text that reaches them another way (book.toml,
//! data files) cannot make a feed invalid either.

/// Control characters other than tab, line feed and carriage return (C0,
/// DEL, C1), and Unicode noncharacters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF).
pub fn forbidden(c: char) -> bool {
    let code = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&code)
        || code & 0xFFFE == 0xFFFE
}

/// The first forbidden character in `text`, with its 0-based line and
/// 1-based column (in characters).
pub fn first_forbidden(text: &str) -> Option<(usize, usize, char)> {
    let at = text.find(forbidden)?;
    let before = &text[..at];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    let c = text[at..].chars().next()?;
    Some((line, column, c))
}

/// Characters that show nothing on their own: whitespace, controls, and
/// format characters (zero-width space and joiners, bidi marks, the BOM,
/// the soft hyphen, variation selectors, fillers, the blank braille cell).
pub fn invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c as u32,
            0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5
            | 0x180B..=0x180F | 0x200B..=0x200F | 0x202A..=0x202E
            | 0x2060..=0x206F | 0x2800 | 0x3164 | 0xFE00..=0xFE0F | 0xFEFF
            | 0xFFA0 | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF)
}

/// True when `text` has at least one character a reader can see.
pub fn has_visible(text: &str) -> bool {
    !text.chars().all(invisible)
}

/// `U+0007`: how a character is named in messages.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// The distinct characters of `text`, named (`U+200B, U+FEFF`), at most five.
pub fn code_points(text: &str) -> String {
    let mut seen: Vec<char> = Vec::new();
    for c in text.chars() {
        if !seen.contains(&c) && seen.len() < 5 {
            seen.push(c);
        }
    }
    seen.into_iter()
        .map(code_point)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_noncharacters_are_forbidden_tab_and_breaks_are_not() {
        for c in [
            '\0', '\x07', '\x0b', '\x0c', '\x1b', '\x7f', '\u{85}', '\u{9f}',
        ] {
            assert!(forbidden(c), "{c:?}");
        }
        for c in [
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{FDD0}',
            '\u{1FFFE}',
            '\u{10FFFF}',
        ] {
            assert!(forbidden(c), "{c:?}");
        }
        for c in [
            '\t', '\n', '\r', ' ', 'a', 'ʻ', '‘', '\u{FFFD}', '\u{200B}', '😀',
        ] {
            assert!(!forbidden(c), "{c:?}");
        }
    }

    #[test]
    fn the_first_forbidden_character_is_positioned() {
        assert_eq!(first_forbidden("ok\nab\x07c"), Some((1, 3, '\x07')));
        assert_eq!(first_forbidden("o‘\0"), Some((0, 3, '\0')));
        assert_eq!(first_forbidden("fine\ttext\r\n"), None);
    }

    #[test]
    fn invisible_only_text_has_nothing_visible() {
        assert!(!has_visible(""));
        assert!(!has_visible(
            " \u{200B}\u{FEFF}\u{2060}\u{00AD}\u{3164}\u{2800}\t"
        ));
        assert!(has_visible("\u{200B}a"));
        assert!(has_visible("‘"));
        assert_eq!(code_points("\u{200B}\u{200B} "), "U+200B, U+0020");
    }
}
