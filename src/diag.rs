//! Diagnostics: problems with the user's site, collected across a whole run.
//!
//! Takes positions, spans and catalogue messages from every stage; returns
//! them sorted and deduplicated. `report` turns them into what editors read
//! (terminal text with the source line, JSON, the serve overlay); printing
//! is left to `main.rs`: the library never writes to the terminal.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub use crate::messages::Text;

/// How bad a diagnostic is: errors fail the run, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file, at a 1-based line and column (0 when unknown),
/// Message and hint are catalogue `Text`s,
/// rendered in the editor's language only when shown (`report`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: Text,
    pub hint: Option<Text>,
    /// How many more pages had the very same problem (folded by `sorted`).
    pub more_pages: usize,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<Text>) -> Self {
        Self {
            path: path.into(),
            line: 0,
            column: 0,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
            more_pages: 0,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<Text>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(path, message)
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub fn hint(mut self, hint: impl Into<Text>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The path as shown to the user: relative to `root` when it lies inside.
    pub fn display_path(&self, root: &Path) -> String {
        let shown = self.path.strip_prefix(root).unwrap_or(&self.path);
        if shown.as_os_str().is_empty() {
            // The root itself, e.g. `--out .`.
            return ".".into();
        }
        crate::model::path_text::escaped(shown)
    }

    /// `path:line:column: severity: message` and an indented hint, in
    /// English, on as few lines as possible: for logs and `Display`. What
    /// editors see is `report::render`, with the source snippet.
    pub fn render(&self, root: &Path) -> String {
        self.render_in(root, crate::messages::DEFAULT_LANGUAGE)
    }

    /// `render` with the labels, message and hint in `lang` (a catalogue
    /// language; English where it lacks a message), without the source
    /// snippet.
    pub fn render_in(&self, root: &Path, lang: &str) -> String {
        crate::report::terminal(self, root, lang, crate::report::Colour::Never, None)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Path::new("")))
    }
}

/// How many diagnostics with the same position and message are listed one
/// by one before they are folded into one.
const SAME_ERROR_SHOWN: usize = 5;

/// Every diagnostic of a run. Thread-safe so parallel stages can report.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&self, diagnostic: Diagnostic) {
        self.lock().push(diagnostic);
    }

    pub fn extend(&self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.lock().extend(diagnostics);
    }

    pub fn has_errors(&self) -> bool {
        self.lock().iter().any(Diagnostic::is_error)
    }

    /// Errors as printed: one problem found twice (e.g. a broken link in a
    /// page rendered in two languages) counts once.
    pub fn error_count(&self) -> usize {
        self.sorted().iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.sorted().iter().filter(|d| !d.is_error()).count()
    }

    /// All diagnostics, sorted by path, line, column, severity, message and
    /// hint, deduplicated. One problem reported for many pages (a template
    /// error hits every page that uses the template) is shown once, with
    /// how many more pages it hit, when more than `SAME_ERROR_SHOWN` did.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.lock().clone();
        items.sort_by(|a, b| {
            (&a.path, a.line, a.column, a.severity, &a.message, &a.hint)
                .cmp(&(&b.path, b.line, b.column, b.severity, &b.message, &b.hint))
        });
        items.dedup();
        let mut collapsed: Vec<Diagnostic> = Vec::with_capacity(items.len());
        for group in items.chunk_by(|a, b| {
            (&a.path, a.line, a.column, a.severity, &a.message)
                == (&b.path, b.line, b.column, b.severity, &b.message)
        }) {
            if group.len() <= SAME_ERROR_SHOWN {
                collapsed.extend_from_slice(group);
                continue;
            }
            let mut first = group[0].clone();
            first.more_pages = group.len() - 1;
            collapsed.push(first);
        }
        collapsed
    }

    /// Every diagnostic in the one-line English form (`Diagnostic::render`).
    pub fn render(&self, root: &Path) -> String {
        self.render_in(root, crate::messages::DEFAULT_LANGUAGE)
    }

    /// `render` with messages and hints in `lang`.
    pub fn render_in(&self, root: &Path, lang: &str) -> String {
        let mut out = String::new();
        for diagnostic in self.sorted() {
            out.push_str(&diagnostic.render_in(root, lang));
            out.push('\n');
        }
        out
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Diagnostic>> {
        // A poisoned lock only means another thread panicked mid-push; the
        // list itself is still a valid Vec.
        self.items.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_path_line_column_and_hint() {
        let d = Diagnostic::error("/site/content/events/a.uz.md", "unknown key `dat`")
            .at(4, 1)
            .hint("allowed keys: title, date");
        assert_eq!(
            d.render(Path::new("/site")),
            "content/events/a.uz.md:4:1: error: unknown key `dat`\n  hint: allowed keys: title, date"
        );
    }

    #[test]
    fn one_problem_on_many_pages_is_shown_once() {
        let all = Diagnostics::new();
        for page in 0..100 {
            all.push(
                Diagnostic::error("templates/event.html", "variable `x` not found")
                    .at(4, 13)
                    .hint(format!("while rendering page {page:03}")),
            );
        }
        let sorted = all.sorted();
        assert_eq!(sorted.len(), 1);
        assert_eq!(sorted[0].hint.as_deref(), Some("while rendering page 000"));
        assert_eq!(sorted[0].more_pages, 99);
        assert_eq!(all.error_count(), 1);
    }

    #[test]
    fn sorted_orders_by_path_then_line() {
        let all = Diagnostics::new();
        all.push(Diagnostic::error("b.md", "x").at(1, 1));
        all.push(Diagnostic::warning("a.md", "y").at(9, 1));
        all.push(Diagnostic::error("a.md", "z").at(2, 1));
        let lines: Vec<_> = all.sorted().iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![2, 9, 1]);
        assert_eq!(all.error_count(), 2);
        assert_eq!(all.warning_count(), 1);
    }
}
