//! Paths as text for the terminal and the browser overlay: control
//! characters (a newline that would forge a diagnostic line, an ANSI escape
//! that would recolour or clear the terminal, a NUL) and invisible format
//! characters are written as `\n`, `\u{1b}`, `\u{200b}`; everything else is
//! shown as it is, Uzbek letters included. How diagnostics are laid out is
//! `diag`'s business; this only makes a path safe to print.

use std::fmt::Write;
use std::path::Path;

/// `path` as printable text (lossy for non-UTF-8 names, then escaped).
pub fn escaped(path: &Path) -> String {
    escape(&path.to_string_lossy())
}

/// Escapes control and invisible characters of `text`; a backslash stays
/// as it is (Windows paths).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_invisible(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Format characters that print as nothing (zero-width space, joiners,
/// direction overrides that reorder a line, the BOM).
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00ad}' | '\u{061c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_invisible_characters_are_escaped() {
        assert_eq!(
            escape("content/events/a\nsrc/x.md:1:1: error: forged.en.md"),
            "content/events/a\\nsrc/x.md:1:1: error: forged.en.md"
        );
        assert_eq!(escape("a\u{1b}[2Jb.en.md"), "a\\u{1b}[2Jb.en.md");
        assert_eq!(escape("nul\0.md"), "nul\\u{0}.md");
        assert_eq!(escape("x\u{202e}dm.en"), "x\\u{202e}dm.en");
        assert_eq!(escape("o‘zbek-tili.uz.md"), "o‘zbek-tili.uz.md");
        assert_eq!(escape("C:\\site\\a.md"), "C:\\site\\a.md");
    }
}
