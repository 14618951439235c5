//! Tera from the loaded template texts (`content::theme_files`: the
//! built-in theme, overridden file by file by the site's templates/), plus
//! Yilnoma's filters and functions; rendering.
//!
//! Reads no file. Errors name the template file and line, and the page
//! being rendered.

use crate::content::theme_files::TemplateFiles;
use crate::diag::{Diagnostic, Diagnostics};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::{ErrorKind, Kwargs, State, Tera};

/// The templates every site needs; a site may not remove them.
pub const REQUIRED: &[&str] = &[
    "base.html",
    "index.html",
    "event.html",
    "page.html",
    "docs.html",
    "list.html",
    "404.html",
];

pub struct Templates {
    tera: Tera,
    /// Where each template came from, for error messages.
    origins: BTreeMap<String, PathBuf>,
    /// The texts Tera was built from: the theme files of the loaded site.
    sources: TemplateFiles,
}

impl Templates {
    /// Builds Tera from the theme's and the site's template texts (read by
    /// `content::theme_files`); `None` when a template does not parse
    /// (every problem is in `diagnostics`).
    pub fn build(sources: TemplateFiles, diagnostics: &Diagnostics) -> Option<Self> {
        let origins: BTreeMap<String, PathBuf> = sources
            .iter()
            .map(|(name, source)| (name.clone(), source.origin.clone()))
            .collect();
        // Parse one at a time first so every syntax error is reported, not just the first.
        let mut ok = true;
        for (name, source) in &sources {
            // Alone, a child template misses its parent; only syntax errors count here.
            let mut probe = Tera::new();
            // A panic in Tera's parser is one error on this file, not the end of the run.
            match crate::contain::contain(|| probe.add_raw_template(name, &source.text)) {
                Ok(Err(e)) if matches!(e.kind(), ErrorKind::SyntaxError(_)) => {
                    ok = false;
                    diagnostics.extend(to_diagnostics(&e, &origins, None));
                }
                Ok(_) => {}
                Err(panic) => {
                    ok = false;
                    diagnostics.push(tera_panicked(&source.origin, panic));
                }
            }
        }
        if !ok {
            return None;
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml", ".svg"]);
        register_filters(&mut tera);
        register_functions(&mut tera);
        if let Err(e) = tera.add_raw_templates(
            sources
                .iter()
                .map(|(name, source)| (name.as_str(), source.text.as_str())),
        ) {
            diagnostics.extend(to_diagnostics(&e, &origins, None));
            return None;
        }
        for required in REQUIRED {
            if !origins.contains_key(*required) {
                diagnostics.push(
                    Diagnostic::error(
                        Path::new("templates").join(required),
                        "required template is missing",
                    )
                    .hint(
                        "the built-in theme provides it: restore the file or remove the override",
                    ),
                );
                return None;
            }
        }
        Some(Self {
            tera,
            origins,
            sources,
        })
    }

    /// The text of template `name` as loaded (the site's, else the theme's).
    pub fn source(&self, name: &str) -> Option<&str> {
        self.sources.get(name).map(|s| s.text.as_str())
    }

    /// Every template's name, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.sources.keys().map(String::as_str)
    }

    pub fn has(&self, name: &str) -> bool {
        self.origins.contains_key(name)
    }

    /// Renders `name`; an error names the template line and `page`.
    pub fn render(
        &self,
        name: &str,
        context: &tera::Context,
        page: &str,
    ) -> Result<String, Diagnostic> {
        let origin = || {
            self.origins
                .get(name)
                .cloned()
                .unwrap_or_else(|| name.into())
        };
        crate::contain::contain(|| self.tera.render(name, context))
            .map_err(|panic| tera_panicked(&origin(), panic))?
            .map_err(|e| {
                let mut all = to_diagnostics(&e, &self.origins, Some(page));
                // `to_diagnostics` always returns at least one.
                all.swap_remove(0)
            })
    }
}

/// Tera panicked on the template at `origin`.
fn tera_panicked(origin: &Path, panic: String) -> Diagnostic {
    let parser = "template (Tera)";
    Diagnostic::error(
        origin,
        crate::t!("parser_panicked", parser = parser, panic = panic),
    )
    .at(1, 1)
    .hint(crate::t!("parser_panicked_hint", parser = parser))
}

fn register_filters(tera: &mut Tera) {
    // `json` for embedding data in <script>: cannot close the element.
    tera.register_filter("json", |value: &tera::Value, _: Kwargs, _: &State| {
        let json: serde_json::Value =
            serde_json::to_value(value).unwrap_or(serde_json::Value::Null);
        tera::Value::safe_string(&crate::render::escape::json_for_script(&json))
    });
    tera.register_filter("urlencode", |value: &str, _: Kwargs, _: &State| {
        let mut out = String::new();
        for byte in value.bytes() {
            if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
                out.push(byte as char);
            } else {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
        out
    });
}

/// `plural(key=…, count=…)` gives the page language's form of a
/// plural-aware string with `{count}` filled in ("1 event", "5 событий");
/// `plural_forms(key=…)` gives all its forms as a JSON object by category
/// (text, escaped like any text), for scripts that count in the browser. Both read the page's `t` (strings) and `lang.code`.
fn register_functions(tera: &mut Tera) {
    tera.register_function("plural", |kwargs: Kwargs, state: &State| {
        let key: &str = kwargs.must_get("key")?;
        let count: u64 = kwargs.must_get("count")?;
        let forms = plural_forms(state, key)?;
        let code = state
            .get::<tera::Value>("lang")?
            .and_then(|lang| {
                lang.get_from_path("code")
                    .and_then(|c| c.as_str().map(str::to_string))
            })
            .unwrap_or_default();
        let lookup = |k: &str| {
            k.strip_prefix(key)
                .and_then(|rest| rest.strip_prefix('_'))
                .and_then(|category| forms.get(category))
                .map(String::as_str)
        };
        crate::model::plural::pick(lookup, key, &code, count)
            .map(|form| form.replace("{count}", &count.to_string()))
            .ok_or_else(|| missing_plural(key))
    });
    tera.register_function("plural_forms", |kwargs: Kwargs, state: &State| {
        let key: &str = kwargs.must_get("key")?;
        let forms = plural_forms(state, key)?;
        Ok::<_, tera::Error>(serde_json::to_string(&forms).unwrap_or_default())
    });
}

/// The forms of the plural-aware string `key` in the page's strings `t`,
/// by category; an error when it has no `KEY_other`.
fn plural_forms(state: &State, key: &str) -> tera::TeraResult<BTreeMap<&'static str, String>> {
    let strings = page_strings(state)?;
    let forms: BTreeMap<&'static str, String> = crate::model::plural::CATEGORIES
        .iter()
        .filter_map(|category| {
            let name = format!("{key}_{category}");
            let text = strings.get_from_path(&name)?.as_str()?.to_string();
            Some((*category, text))
        })
        .collect();
    if forms.contains_key("other") {
        Ok(forms)
    } else {
        Err(missing_plural(key))
    }
}

fn page_strings(state: &State) -> tera::TeraResult<tera::Value> {
    state
        .get::<tera::Value>("t")?
        .ok_or_else(|| tera::Error::message("the interface strings `t` are not in this context"))
}

fn missing_plural(key: &str) -> tera::Error {
    tera::Error::message(format!(
        "`{key}` is not a plural-aware string: the strings have no `{key}_other`"
    ))
}

/// Tera errors as diagnostics at template lines. Checks that run after
/// parsing (unknown includes, filters, blocks) come as one text holding a
/// report per problem; each becomes its own diagnostic.
fn to_diagnostics(
    error: &tera::Error,
    origins: &BTreeMap<String, PathBuf>,
    page: Option<&str>,
) -> Vec<Diagnostic> {
    let located: Vec<(String, usize, usize, String)> = match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => vec![(
            report.filename().to_string(),
            report.span().start_line,
            report.span().start_col + 1,
            report.message().to_string(),
        )],
        ErrorKind::TemplateNotFound(name) => {
            vec![(name.clone(), 0, 0, format!("template `{name}` not found"))]
        }
        ErrorKind::MissingParent { current, parent } => vec![(
            current.clone(),
            0,
            0,
            format!("extends `{parent}`, which does not exist"),
        )],
        ErrorKind::Msg(text) => parse_reports(text),
        other => vec![(String::new(), 0, 0, other.to_string())],
    };
    let located = if located.is_empty() {
        vec![(String::new(), 0, 0, error.to_string())]
    } else {
        located
    };
    let syntax = matches!(error.kind(), ErrorKind::SyntaxError(_));
    located
        .into_iter()
        .map(|(file, line, column, message)| {
            let path = origins
                .get(&file)
                .cloned()
                .unwrap_or_else(|| PathBuf::from(format!("templates/{file}")));
            let message = message.trim().to_string();
            let hint = match page {
                Some(page) => crate::t!("template_error_page", page = page),
                None => hint_for(&message, syntax).into(),
            };
            Diagnostic::error(path, crate::t!("template_error", problem = message))
                .at(line, column)
                .hint(hint)
        })
        .collect()
}

/// Splits Tera's rendered reports (`error: msg` / ` --> name:line:col`).
fn parse_reports(text: &str) -> Vec<(String, usize, usize, String)> {
    let mut found = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(message) = line.strip_prefix("error: ") else {
            continue;
        };
        let location = lines
            .peek()
            .and_then(|l| l.trim_start().strip_prefix("--> "))
            .and_then(|l| {
                let mut parts = l.rsplitn(3, ':');
                let column = parts.next()?.parse().ok()?;
                let line = parts.next()?.parse().ok()?;
                Some((parts.next()?.to_string(), line, column))
            });
        let (file, line, column) = location.unwrap_or_default();
        found.push((file, line, column, message.to_string()));
    }
    found
}

fn hint_for(message: &str, syntax: bool) -> String {
    if let Some(name) = message
        .strip_prefix("Unknown template `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(name, _)| name)
    {
        format!("create `templates/{name}`, or correct the name")
    } else if message.starts_with("Unknown filter") {
        "filters are Tera's built-in ones plus `json` and `urlencode`: check the spelling".into()
    } else if message.contains("is not defined in any parent template") {
        "a child template can only fill blocks its parent declares: check the block name".into()
    } else if syntax {
        "check the tag here: every `{% if %}`, `{% for %}` and `{% block %}` needs its `{% end… %}`"
            .into()
    } else {
        "see the template reference in the docs section (docs/template-context)".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_in_one_message_become_one_diagnostic_each() {
        let text = "error: Unknown template `a.html`\n --> event.html:3:12\n  |\n3 | x\n\n\
                    error: Unknown filter `nope`\n  --> base.html:10:4\n   |\n";
        assert_eq!(
            parse_reports(text),
            vec![
                (
                    "event.html".into(),
                    3,
                    12,
                    "Unknown template `a.html`".into()
                ),
                ("base.html".into(), 10, 4, "Unknown filter `nope`".into()),
            ]
        );
    }
}
