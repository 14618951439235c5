//! A heading's id from its text, shared by the Markdown renderer (ids and
//! the anchor check) and the transliteration (a generated text keeps its
//! source's ids, so `#fragment` links work in both scripts).

/// `Adding an event` → `adding-an-event`; non-Latin text keeps its letters.
/// Every apostrophe variant (search folding's table) is dropped, the
/// modifier letters ʻ ʼ too, so `O‘zbekiston` and `Oʻzbekiston` get one id.
pub fn anchor(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if crate::model::fold::APOSTROPHES.contains(&c) {
            continue;
        } else if c.is_alphanumeric() {
            out.push(c);
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
