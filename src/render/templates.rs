//! Tera loading and rendering: the built-in theme, overridden file by file
//! by the site's templates/, plus Yilnoma's filters.
//!
//! Errors name the template file and line, and the page being rendered.

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::theme;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::{ErrorKind, Kwargs, State, Tera};

/// Extensions of files under templates/ that are templates.
const TEMPLATE_EXTENSIONS: &[&str] = &["html", "xml", "txt", "json", "ics", "svg"];

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
}

impl Templates {
    /// Loads the built-in theme and the site's overrides; `None` when a
    /// template does not parse (every problem is in `diagnostics`).
    pub fn load(config: &Config, diagnostics: &Diagnostics) -> Option<Self> {
        let mut sources: BTreeMap<String, (PathBuf, String)> = theme::TEMPLATES
            .iter()
            .map(|(name, text)| {
                let origin = PathBuf::from(format!("(built-in theme) templates/{name}"));
                (name.to_string(), (origin, text.to_string()))
            })
            .collect();
        let dir = config.root.join("templates");
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
                let Ok(entry) = entry else { continue };
                let path = entry.path();
                let is_template = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| TEMPLATE_EXTENSIONS.contains(&e));
                if !entry.file_type().is_file()
                    || !is_template
                    || crate::content::discover::is_editor_artifact(path)
                {
                    continue;
                }
                let name = path
                    .strip_prefix(&dir)
                    .unwrap_or(path)
                    .to_string_lossy()
                    .replace('\\', "/");
                match std::fs::read_to_string(path) {
                    Ok(text) => {
                        sources.insert(name, (path.to_path_buf(), text));
                    }
                    Err(e) => diagnostics.push(Diagnostic::error(
                        path,
                        format!("cannot read the template: {e}"),
                    )),
                }
            }
        }
        Self::from_sources(sources, diagnostics)
    }

    fn from_sources(
        sources: BTreeMap<String, (PathBuf, String)>,
        diagnostics: &Diagnostics,
    ) -> Option<Self> {
        let origins: BTreeMap<String, PathBuf> = sources
            .iter()
            .map(|(name, (path, _))| (name.clone(), path.clone()))
            .collect();
        // Parse one at a time first so every syntax error is reported, not just the first.
        let mut ok = true;
        for (name, (_, text)) in &sources {
            // Alone, a child template misses its parent; only syntax errors count here.
            let mut probe = Tera::new();
            if let Err(e) = probe.add_raw_template(name, text) {
                if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
                    ok = false;
                    diagnostics.push(to_diagnostic(&e, &origins, None));
                }
            }
        }
        if !ok {
            return None;
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml", ".svg"]);
        register_filters(&mut tera);
        if let Err(e) = tera.add_raw_templates(
            sources
                .iter()
                .map(|(name, (_, text))| (name.as_str(), text.as_str())),
        ) {
            diagnostics.push(to_diagnostic(&e, &origins, None));
            return None;
        }
        for required in REQUIRED {
            if !origins.contains_key(*required) {
                diagnostics.push(Diagnostic::error(
                    Path::new("templates").join(required),
                    "required template is missing",
                ));
                return None;
            }
        }
        Some(Self { tera, origins })
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
        self.tera
            .render(name, context)
            .map_err(|e| to_diagnostic(&e, &self.origins, Some(page)))
    }
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

fn to_diagnostic(
    error: &tera::Error,
    origins: &BTreeMap<String, PathBuf>,
    page: Option<&str>,
) -> Diagnostic {
    let (file, line, column, message) = match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => (
            report.filename().to_string(),
            report.span().start_line,
            report.span().start_col + 1,
            report.message().to_string(),
        ),
        ErrorKind::TemplateNotFound(name) => {
            (name.clone(), 0, 0, format!("template `{name}` not found"))
        }
        ErrorKind::MissingParent { current, parent } => (
            current.clone(),
            0,
            0,
            format!("extends `{parent}`, which does not exist"),
        ),
        other => (String::new(), 0, 0, other.to_string()),
    };
    let path = origins
        .get(&file)
        .cloned()
        .unwrap_or_else(|| PathBuf::from(format!("templates/{file}")));
    let mut diagnostic =
        Diagnostic::error(path, format!("template error: {}", message.trim())).at(line, column);
    let hint = match page {
        Some(page) => format!("while rendering {page}"),
        None => "see the template reference in the docs section (docs/template-context)".into(),
    };
    diagnostic = diagnostic.hint(hint);
    diagnostic
}
