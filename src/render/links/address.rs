//! Addresses read as the reader's browser reads them: from the site's root
//! or from the page's folder, `.` and `..` resolved, `%XX` decoded, the
//! `#fragment` and `?query` split off.

/// The output path (`en/events/x/`, `img/map.png`) an address leads to
/// from the page at `page_path`, read as the browser reads it: from the
/// site's root when it starts with `/`, else from the page's folder.
/// `None` when `..` climbs out of the site.
pub(super) fn output_path(path: &str, page_path: &str) -> Option<String> {
    let decoded = percent_decode(path);
    let (base, rest) = match decoded.strip_prefix('/') {
        Some(rest) => ("", rest),
        None => (page_path, decoded.as_str()),
    };
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for segment in rest.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            segment => parts.push(segment),
        }
    }
    let last = rest.rsplit('/').next().unwrap_or("");
    let folder = matches!(last, "" | "." | "..");
    let mut out = parts.join("/");
    if folder && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// `a/b.md#x` → (`a/b.md`, `#x`); `?query` starts the suffix too.
pub(super) fn split_suffix(target: &str) -> (&str, &str) {
    match target.find(['#', '?']) {
        Some(i) => (&target[..i], &target[i..]),
        None => (target, ""),
    }
}

/// `%20` → ` `, as the browser decodes a path before asking for the file;
/// a `%` not followed by two hex digits, or bytes that are not UTF-8, stay.
pub(super) fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_addresses_start_from_the_page_and_absolute_ones_from_the_root() {
        let page = "en/docs/guide/";
        assert_eq!(
            output_path("x.png", page).as_deref(),
            Some("en/docs/guide/x.png")
        );
        assert_eq!(output_path("../", page).as_deref(), Some("en/docs/"));
        assert_eq!(output_path("..", page).as_deref(), Some("en/docs/"));
        assert_eq!(
            output_path("/img/a.png", page).as_deref(),
            Some("img/a.png")
        );
        assert_eq!(output_path("/", page).as_deref(), Some(""));
        assert_eq!(output_path("/a%20b.pdf", page).as_deref(), Some("a b.pdf"));
        assert_eq!(output_path("../../../..", page), None);
    }

    #[test]
    fn the_fragment_or_query_is_split_off() {
        assert_eq!(split_suffix("a/b.md#x"), ("a/b.md", "#x"));
        assert_eq!(split_suffix("/en/?q=1#x"), ("/en/", "?q=1#x"));
        assert_eq!(split_suffix("#top"), ("", "#top"));
        assert_eq!(split_suffix("plain"), ("plain", ""));
    }

    #[test]
    fn only_whole_percent_escapes_of_utf8_are_decoded() {
        assert_eq!(percent_decode("%D0%B0%2"), "а%2");
        assert_eq!(percent_decode("%zz%"), "%zz%");
        assert_eq!(percent_decode("%FF"), "%FF");
        assert_eq!(percent_decode("no escapes"), "no escapes");
    }
}
