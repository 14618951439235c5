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
    // Byte by byte: `<`, `>` and `&` are ASCII, and U+2028 and U+2029 are
    // E2 80 A8 and E2 80 A9 in UTF-8, so every match starts a character
    // (searching for the five characters as a pattern decoded every one,
    // several milliseconds a search shard file under `serve`).
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut at) = (0, 0);
    while at < bytes.len() {
        let unsafe_char = match bytes[at] {
            b'<' | b'>' | b'&' => Some((u32::from(bytes[at]), 1)),
            0xE2 if bytes.get(at + 1) == Some(&0x80) => match bytes.get(at + 2) {
                Some(&last @ (0xA8 | 0xA9)) => Some((0x2028 + u32::from(last - 0xA8), 3)),
                _ => None,
            },
            _ => None,
        };
        match unsafe_char {
            Some((code, len)) => {
                out.push_str(&text[copied..at]);
                let _ = write!(out, "\\u{code:04x}");
                at += len;
                copied = at;
            }
            None => at += 1,
        }
    }
    out.push_str(&text[copied..]);
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
        // Characters that share a first byte with the separators stay.
        assert_eq!(
            json_text_safe("… ‘ ’ \u{2027}\u{202a}"),
            "… ‘ ’ \u{2027}\u{202a}"
        );
        assert_eq!(json_text_safe("end\u{2029}"), "end\\u2029");
        assert_eq!(json_text_safe("<"), "\\u003c");
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
