//! A heading's id from its text, shared by the Markdown renderer (ids and
//! the anchor check) and the transliteration (a generated text keeps its
//! source's ids, so `#fragment` links work in both scripts).

/// `Adding an event` → `adding-an-event`; non-Latin text keeps its letters.
pub fn anchor(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if matches!(c, '\u{2018}' | '\u{2019}' | '\'' | '\u{02BB}' | '\u{02BC}') {
            continue;
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "section".into()
    } else {
        out
    }
}
