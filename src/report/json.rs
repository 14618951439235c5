//! `--format json`: one JSON object per diagnostic (JSON Lines), for tools.

use super::terminal::hint_lines;
use crate::diag::Diagnostic;
use std::path::Path;

/// One diagnostic as a JSON object: `file`, `line`, `column`, `severity`,
/// `code` (the catalogue key, `null` for a dependency's own text),
/// `message` and `hint` (in `lang`), `english` (the message in English,
/// the same whatever the language) and `more_pages`.
pub fn json(diagnostic: &Diagnostic, root: &Path, lang: &str) -> String {
    let hint = hint_lines(diagnostic, lang);
    let value = serde_json::json!({
        "file": diagnostic.display_path(root),
        "line": diagnostic.line,
        "column": diagnostic.column,
        "severity": diagnostic.severity,
        "code": diagnostic.message.key(),
        "message": diagnostic.message.in_language(lang),
        "english": diagnostic.message.as_str(),
        "hint": if hint.is_empty() { None } else { Some(hint.join("\n")) },
        "more_pages": diagnostic.more_pages,
    });
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use crate::diag::{Diagnostic, Diagnostics};
    use crate::t;

    #[test]
    fn json_has_one_object_per_diagnostic_with_key_and_position() {
        let all = Diagnostics::new();
        all.push(
            Diagnostic::error("/site/content/a.uz.md", t!("unknown_key", key = "dat"))
                .at(3, 1)
                .hint("h"),
        );
        all.push(Diagnostic::warning("/site/b.md", "plain text"));
        let sources = |_: &Path| None;
        let out = render(
            &all,
            Path::new("/site"),
            "uz",
            Format::Json,
            Colour::Never,
            &sources,
        );
        let objects: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
            .collect();
        assert_eq!(objects.len(), 2, "{out}");
        assert_eq!(objects[0]["file"], "b.md");
        assert_eq!(objects[0]["severity"], "warning");
        assert_eq!(objects[0]["code"], serde_json::Value::Null);
        assert_eq!(objects[0]["hint"], serde_json::Value::Null);
        assert_eq!(objects[1]["file"], "content/a.uz.md");
        assert_eq!(
            (objects[1]["line"].as_u64(), objects[1]["column"].as_u64()),
            (Some(3), Some(1))
        );
        assert_eq!(objects[1]["severity"], "error");
        assert_eq!(objects[1]["code"], "unknown_key");
        assert_eq!(objects[1]["message"], "`dat` degan kalit yo‘q");
        assert_eq!(objects[1]["english"], "unknown key `dat`");
        assert_eq!(objects[1]["hint"], "h");
    }
}
