//! `--format github`: GitHub Actions workflow commands, so a pull request
//! shows each problem on its line.

use crate::diag::{Diagnostics, Severity};
use std::path::Path;

/// Every diagnostic as a GitHub Actions workflow command
/// (`::error file=…,line=…,col=…,title=…::message`), so a pull request
/// shows each one on its line. Paths are shown relative to `base` (the
/// folder the workflow runs in, the repository root).
pub fn commands(diagnostics: &Diagnostics, base: &Path, lang: &str) -> String {
    let mut out = String::new();
    for d in diagnostics.sorted() {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut properties = format!("file={}", github_property(&d.display_path(base)));
        if d.line > 0 {
            properties.push_str(&format!(",line={},col={}", d.line, d.column.max(1)));
        }
        properties.push_str(",title=yilnoma check");
        let mut message = d.message.in_language(lang);
        if let Some(hint) = &d.hint {
            message.push_str(&format!(
                "\n{}: {}",
                super::label(lang, None),
                hint.in_language(lang)
            ));
        }
        out.push_str(&format!(
            "::{command} {properties}::{}\n",
            github_data(&message)
        ));
    }
    out
}

/// A workflow command's message: `%`, CR and LF escaped, as the runner
/// expects (`toolkit/packages/core/src/command.ts`, `escapeData`).
fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: also `:` and `,` (`escapeProperty`).
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostic;

    #[test]
    fn github_commands_escape_and_place_each_diagnostic() {
        let diagnostics = Diagnostics::new();
        diagnostics.push(
            Diagnostic::error("./content/a,b.uz.md", "100% wrong: `x`")
                .at(3, 7)
                .hint("fix it"),
        );
        diagnostics.push(Diagnostic::warning("./book.toml", "no line"));
        assert_eq!(
            commands(&diagnostics, Path::new("."), "en"),
            "::warning file=book.toml,title=yilnoma check::no line\n\
             ::error file=content/a%2Cb.uz.md,line=3,col=7,title=yilnoma check::100%25 wrong: `x`%0Ahint: fix it\n"
        );
    }
}
