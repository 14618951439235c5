//! Escaping for the places editors' text lands: HTML text and attributes,
//! and JSON inside `<script>`.

use std::fmt::Write;

/// Escapes `& < > " '` for HTML text and attribute values.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes like [`html`] for XML text and attributes (feeds, sitemaps), and
/// drops what XML 1.0 cannot carry at all, even as a reference: control
/// characters other than tab and line breaks, and noncharacters such as
/// U+FFFE (see `model::chars`). Loading already refuses these in content;
/// this keeps a feed well-formed whatever reaches it.
pub fn xml(text: &str) -> String {
    if text.contains(crate::model::chars::forbidden) {
        let kept: String = text
            .chars()
            .filter(|c| !crate::model::chars::forbidden(*c))
            .collect();
        return html(&kept);
    }
    html(text)
}

/// JSON safe to place inside `<script>`: `<`, `>` and `&` become `\u00XX`,
/// so no string can close the script element.
pub fn json_for_script(value: &serde_json::Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    json_text_safe(&text)
}

/// Serialised JSON with `<`, `>`, `&` and the JavaScript line separators
/// escaped: still the same JSON value, but no `</script>` can appear, so
/// the file is safe even if someone embeds it in a page. These characters
/// only ever occur inside JSON strings, where `\uXXXX` means the same.
/// One pass and one allocation: the search index's text files are
/// megabytes at 10,000 events.
pub fn json_text_safe(text: &str) -> String {
    const UNSAFE: [char; 5] = ['<', '>', '&', '\u{2028}', '\u{2029}'];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(UNSAFE) {
        out.push_str(&rest[..at]);
        let c = rest[at..]
            .chars()
            .next()
            .expect("`find` stopped at a character");
        let _ = write!(out, "\\u{:04x}", c as u32);
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            html("<script>\"x\"&'y'"),
            "&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;"
        );
    }

    #[test]
    fn xml_drops_what_xml_cannot_carry() {
        assert_eq!(xml("a\x07b\x0b<c>\u{FFFE}\td\n"), "ab&lt;c&gt;\td\n");
        assert_eq!(xml("o‘zbek"), "o‘zbek");
    }

    #[test]
    fn json_text_safe_escapes_only_what_could_end_a_script() {
        let text = "{\"a\":\"<b> & ‘o‘zbek’ \u{2028}\u{2029} </script>\"}";
        assert_eq!(
            json_text_safe(text),
            "{\"a\":\"\\u003cb\\u003e \\u0026 ‘o‘zbek’ \\u2028\\u2029 \\u003c/script\\u003e\"}"
        );
        assert_eq!(json_text_safe("plain ünïcode"), "plain ünïcode");
    }

    #[test]
    fn script_json_cannot_close_the_element() {
        let value = serde_json::json!({ "name": "</script><script>alert(1)</script>" });
        let json = json_for_script(&value);
        assert!(!json.contains("</script>"));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, value);
    }
}
