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

use crate::diag::{Diagnostic, Diagnostics, Severity};
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
            let mut held_back = HeldBack::default();
            for diagnostic in &sorted {
                if held_back.holds(diagnostic) {
                    continue;
                }
                let line = cache.line(&diagnostic.path, diagnostic.line);
                out.push_str(&terminal(diagnostic, root, lang, colour, line.as_deref()));
                out.push('\n');
            }
            out.push_str(&held_back.lines(lang));
            out
        }
        Format::Json => sorted.iter().map(|d| json(d, root, lang) + "\n").collect(),
        // Paths relative to the working folder: the repository's root in a
        // workflow, wherever the site lives in it.
        Format::Github => github::commands(diagnostics, Path::new("."), lang),
    }
}

/// How many warnings of one kind (one catalogue message) the terminal
/// shows: a site with thousands of the same slip (a generated corpus, an
/// import) would bury everything else, and errors, which stop the build,
/// are always shown in full. JSON and GitHub output list every one.
const WARNINGS_OF_A_KIND_SHOWN: usize = 20;

/// The warnings past `WARNINGS_OF_A_KIND_SHOWN` of each kind, counted
/// instead of printed.
#[derive(Default)]
struct HeldBack {
    shown: std::collections::BTreeMap<&'static str, usize>,
    /// Per kind, in the order first held back: how many, and the first one.
    held: Vec<(&'static str, usize, Diagnostic)>,
}

impl HeldBack {
    /// True when `diagnostic` is a warning of a kind already shown often
    /// enough; it is then counted.
    fn holds(&mut self, diagnostic: &Diagnostic) -> bool {
        let Some(key) = diagnostic.message.key() else {
            return false;
        };
        if diagnostic.is_error() {
            return false;
        }
        let shown = self.shown.entry(key).or_default();
        if *shown < WARNINGS_OF_A_KIND_SHOWN {
            *shown += 1;
            return false;
        }
        match self.held.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, count, _)) => *count += 1,
            None => self.held.push((key, 1, diagnostic.clone())),
        }
        true
    }

    /// One line per kind held back, naming how many and the first of them.
    fn lines(&self, lang: &str) -> String {
        self.held
            .iter()
            .map(|(_, count, first)| {
                t!(
                    "warnings_held_back",
                    warnings = crate::messages::plural("count_warnings", lang, *count),
                    example = first.message.in_language(lang)
                )
                .in_language(lang)
                    + "\n"
            })
            .collect()
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

    #[test]
    fn many_warnings_of_one_kind_are_counted_past_twenty_and_errors_never() {
        let all = Diagnostics::new();
        for n in 0..25 {
            all.push(
                Diagnostic::warning(format!("/site/e{n:02}.md"), t!("file_no_language")).at(1, 1),
            );
            all.push(
                Diagnostic::error(format!("/site/e{n:02}.md"), t!("file_no_language")).at(2, 1),
            );
        }
        all.push(Diagnostic::warning("/site/z.md", "plain words").at(1, 1));
        let none = |_: &Path| None;
        let out = render(
            &all,
            Path::new("/site"),
            "en",
            Format::Human,
            Colour::Never,
            &none,
        );
        let warnings = out.lines().filter(|l| l.contains(": warning: ")).count();
        let errors = out.lines().filter(|l| l.contains(": error: ")).count();
        assert_eq!((warnings, errors), (21, 25), "{out}");
        let first_held = t!("file_no_language").in_language("en");
        assert!(
            out.ends_with(&format!(
                "not shown: 5 warnings more of the same kind as “{first_held}” (`yilnoma check --format json` lists every one)\n"
            )),
            "{out}"
        );
        let uz = render(
            &all,
            Path::new("/site"),
            "uz",
            Format::Human,
            Colour::Never,
            &none,
        );
        assert!(
            uz.contains("kabi yana 5 ta ogohlantirish (hammasini"),
            "{uz}"
        );
        let json = render(
            &all,
            Path::new("/site"),
            "en",
            Format::Json,
            Colour::Never,
            &none,
        );
        assert_eq!(json.lines().count(), 51);
    }
}
