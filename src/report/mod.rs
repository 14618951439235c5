//! What editors and tools read: every diagnostic of a run turned into
//! terminal text (the message, the offending source line with a caret under
//! the column, the hint, a summary line), JSON or GitHub workflow commands,
//! in the messages language.
//!
//! Takes `Diagnostics` and a way to fetch a file's text (`main.rs` passes
//! one that reads the disk, tests pass strings); returns strings. It never
//! prints and never reads a file itself. The one switch between output
//! formats is `render`: another format is one more `Format` variant there.

mod github;
mod json;
mod source;
mod terminal;

pub use json::json;
pub use source::{Excerpt, SourceCache};
pub use terminal::{hint_lines, terminal};

use crate::diag::{Diagnostics, Severity};
use crate::t;
use std::path::Path;

/// How diagnostics are written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// For people: the message, the source line with a caret, the hint.
    #[default]
    Human,
    /// For tools: one JSON object per line and diagnostic (JSON Lines).
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`), which
    /// show each problem on its line of a pull request.
    Github,
}

/// Whether terminal text carries ANSI colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    Never,
    Always,
}

/// A file's text by its path, or `None` when it cannot be shown (gone,
/// not UTF-8, not a regular file, an embedded theme file).
pub trait Sources {
    fn text(&self, path: &Path) -> Option<String>;
}

impl<F: Fn(&Path) -> Option<String>> Sources for F {
    fn text(&self, path: &Path) -> Option<String> {
        self(path)
    }
}

/// Every diagnostic in `format`, in the messages language `lang`, with
/// paths shown relative to `root`. Text ends with the summary line when
/// there is anything to count; JSON has no summary (tools count lines).
pub fn render(
    diagnostics: &Diagnostics,
    root: &Path,
    lang: &str,
    format: Format,
    colour: Colour,
    sources: &dyn Sources,
) -> String {
    let sorted = diagnostics.sorted();
    match format {
        Format::Human => {
            let mut cache = SourceCache::new(sources);
            let mut out = String::new();
            for diagnostic in &sorted {
                let line = cache.line(&diagnostic.path, diagnostic.line);
                out.push_str(&terminal(diagnostic, root, lang, colour, line.as_deref()));
                out.push('\n');
            }
            out
        }
        Format::Json => sorted.iter().map(|d| json(d, root, lang) + "\n").collect(),
        // Paths relative to the working folder: the repository's root in a
        // workflow, wherever the site lives in it.
        Format::Github => github::commands(diagnostics, Path::new("."), lang),
    }
}

/// The words `error`, `warning` and `hint` in `lang`.
pub fn label(lang: &str, severity: Option<Severity>) -> String {
    match severity {
        Some(Severity::Error) => t!("label_error"),
        Some(Severity::Warning) => t!("label_warning"),
        None => t!("label_hint"),
    }
    .in_language(lang)
}

/// The closing line, e.g. `2 errors, 1 warning`, in `lang` with its plural
/// forms; `None` when there is nothing to count.
pub fn summary(errors: usize, warnings: usize, lang: &str) -> Option<String> {
    if errors == 0 && warnings == 0 {
        return None;
    }
    let errors_text = crate::messages::plural("count_errors", lang, errors);
    let warnings_text = crate::messages::plural("count_warnings", lang, warnings);
    Some(if errors == 0 {
        warnings_text
    } else {
        t!("summary", errors = errors_text, warnings = warnings_text).in_language(lang)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostic;

    #[test]
    fn text_reads_each_file_for_its_lines() {
        let all = Diagnostics::new();
        all.push(Diagnostic::error("/site/a.md", "first").at(2, 3));
        all.push(Diagnostic::error("/site/a.md", "second").at(1, 1));
        all.push(Diagnostic::error("/site/gone.md", "third").at(1, 1));
        let sources =
            |path: &Path| (path == Path::new("/site/a.md")).then(|| "one\ntwo!\n".to_string());
        let out = render(
            &all,
            Path::new("/site"),
            "en",
            Format::Human,
            Colour::Never,
            &sources,
        );
        assert_eq!(
            out,
            "a.md:1:1: error: second\n  |\n1 | one\n  | ^^^\n\
             a.md:2:3: error: first\n  |\n2 | two!\n  |   ^\n\
             gone.md:1:1: error: third\n"
        );
    }

    #[test]
    fn summary_counts_with_plural_forms() {
        assert_eq!(summary(0, 0, "en"), None);
        assert_eq!(summary(1, 0, "en").as_deref(), Some("1 error, 0 warnings"));
        assert_eq!(summary(2, 1, "en").as_deref(), Some("2 errors, 1 warning"));
        assert_eq!(summary(0, 3, "en").as_deref(), Some("3 warnings"));
        assert_eq!(
            summary(2, 1, "uz").as_deref(),
            Some("2 ta xato, 1 ta ogohlantirish")
        );
    }
}
