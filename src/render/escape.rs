//! Escaping for the places editors' text lands: HTML text and attributes,
//! and JSON inside `<script>`.

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
pub fn json_text_safe(text: &str) -> String {
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
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
    fn script_json_cannot_close_the_element() {
        let value = serde_json::json!({ "name": "</script><script>alert(1)</script>" });
        let json = json_for_script(&value);
        assert!(!json.contains("</script>"));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, value);
    }
}
