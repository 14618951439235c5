//! The theme files of a site: templates/ and static/, each the built-in
//! theme's overridden file by file by the site's own.
//!
//! The loader's reader of both folders (issue 13): `read_templates` gives
//! the templates' texts, which `render::templates` builds Tera from without
//! touching the disk; `list_static` gives the static files to copy, and
//! `StaticFile::bytes` reads one when the sink writes it (bytes are not
//! held: a site's static/ may hold many megabytes of images). Writes
//! nothing.

use crate::content::discover::is_editor_artifact;
use crate::diag::{Diagnostic, Diagnostics};
use crate::theme;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Extensions of files under templates/ that are templates.
const TEMPLATE_EXTENSIONS: &[&str] = &["html", "xml", "txt", "json", "ics", "svg"];

/// One template's text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateSource {
    /// The site's file, or `(built-in theme) templates/NAME`: what
    /// diagnostics name.
    pub origin: PathBuf,
    pub text: String,
}

/// Every template by name (`event.html`, `partials/x.html`).
pub type TemplateFiles = BTreeMap<String, TemplateSource>;

/// The built-in theme's templates with the site's templates/ on top.
/// Unreadable files are reported and left out.
pub fn read_templates(root: &Path, diagnostics: &Diagnostics) -> TemplateFiles {
    let mut sources: TemplateFiles = theme::TEMPLATES
        .iter()
        .map(|(name, text)| {
            let origin = PathBuf::from(format!("(built-in theme) templates/{name}"));
            let text = text.to_string();
            (name.to_string(), TemplateSource { origin, text })
        })
        .collect();
    let dir = root.join("templates");
    // Not following links: a loop under templates/ can neither hang nor
    // fail the build.
    for (name, path) in site_files(&dir, root, Links::Skip, diagnostics) {
        let is_template = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| TEMPLATE_EXTENSIONS.contains(&e));
        if !is_template {
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                sources.insert(name, TemplateSource { origin: path, text });
            }
            Err(e) => diagnostics.push(
                Diagnostic::error(&path, crate::t!("template_unreadable", reason = e))
                    .hint(crate::t!("template_unreadable_hint")),
            ),
        }
    }
    sources
}

/// One static file to copy: its name under the output root and where its
/// bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    pub name: String,
    /// `None` for the built-in theme's copy.
    pub path: Option<PathBuf>,
}

impl StaticFile {
    /// The file's bytes: the theme's (no read), or the site file's.
    pub fn bytes(&self) -> anyhow::Result<Cow<'static, [u8]>> {
        match &self.path {
            Some(path) => crate::fs::read(path).map(Cow::Owned),
            None => Ok(Cow::Borrowed(
                built_in_static(&self.name).unwrap_or_default(),
            )),
        }
    }
}

/// The site's static files, and the theme's where the site has none of
/// that name; problems (broken links, links out of the site) are reported.
pub fn list_static(root: &Path, diagnostics: &Diagnostics) -> Vec<StaticFile> {
    let site_static = root.join("static");
    let mut files: Vec<StaticFile> = theme::STATIC_FILES
        .iter()
        .filter(|(name, _)| !site_static.join(name).is_file())
        .map(|(name, _)| StaticFile {
            name: name.to_string(),
            path: None,
        })
        .collect();
    let site = site_files(&site_static, root, Links::FollowInsideSite, diagnostics);
    files.extend(site.into_iter().map(|(name, path)| StaticFile {
        name,
        path: Some(path),
    }));
    files
}

/// One static file by its path under static/: the site's, else the theme's.
/// `Ok(None)` when neither has it, or the site's links outside the site
/// (`serve` copies a changed static file alone).
pub fn read_static(root: &Path, name: &str) -> anyhow::Result<Option<Vec<u8>>> {
    let path = root.join("static").join(name);
    if path.is_file() {
        let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        if !stays_inside(&real_root, &path) || is_editor_artifact(&path) {
            return Ok(None);
        }
        return crate::fs::read(&path).map(Some);
    }
    Ok(built_in_static(name).map(<[u8]>::to_vec))
}

/// A site's static/style.css replaces the theme's whole stylesheet: still
/// allowed, but said (issue 15), unless it is the theme's own file (as
/// `theme export` writes it), so the builder knows that theme updates no
/// longer reach the site and that `additional-css` adds rules instead.
pub fn warn_replaced_stylesheet(files: &[StaticFile], diagnostics: &Diagnostics) {
    let name = crate::model::routes::STYLESHEET;
    let Some(path) = files
        .iter()
        .find(|f| f.name == name)
        .and_then(|f| f.path.as_ref())
    else {
        return;
    };
    let theme = built_in_static(name).unwrap_or_default();
    if std::fs::read(path).is_ok_and(|bytes| bytes == theme) {
        return;
    }
    let size = theme.len().div_ceil(1024);
    diagnostics.push(
        Diagnostic::warning(path, crate::t!("style_replaced", size = size))
            .hint(crate::t!("style_replaced_hint")),
    );
}

fn built_in_static(name: &str) -> Option<&'static [u8]> {
    theme::STATIC_FILES
        .iter()
        .find(|(built_in, _)| *built_in == name)
        .map(|(_, bytes)| *bytes)
}

/// How the theme-folder walker treats symbolic links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Links {
    /// Links are not files of the theme (templates/).
    Skip,
    /// Links are followed; one that leads out of the site is refused with
    /// a warning (static/, whose files are copied into the output).
    FollowInsideSite,
}

/// The one walker of the theme folders: the regular files under `dir`
/// (name relative to `dir` with `/`, path), sorted, without editors'
/// artifacts. Unreadable entries and link loops are errors; nothing when
/// `dir` does not exist.
fn site_files(
    dir: &Path,
    root: &Path,
    links: Links,
    diagnostics: &Diagnostics,
) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(links == Links::FollowInsideSite)
        .sort_by_file_name();
    let mut files = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                diagnostics.push(
                    Diagnostic::error(path, crate::t!("theme_file_unreadable", reason = e))
                        .hint(crate::t!("theme_file_unreadable_hint")),
                );
                continue;
            }
        };
        let path = entry.path();
        if !entry.file_type().is_file() || is_editor_artifact(path) {
            continue;
        }
        if links == Links::FollowInsideSite && !stays_inside(&real_root, path) {
            diagnostics.push(
                Diagnostic::warning(path, crate::t!("static_link_outside"))
                    .hint(crate::t!("static_link_outside_hint")),
            );
            continue;
        }
        let name = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        files.push((name, path.to_path_buf()));
    }
    files
}

/// True when `path`, with every link resolved, lies inside `real_root`.
fn stays_inside(real_root: &Path, path: &Path) -> bool {
    path.canonicalize()
        .is_ok_and(|real| real.starts_with(real_root))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sites_templates_override_the_themes_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("templates/partials");
        std::fs::create_dir_all(&templates).unwrap();
        std::fs::write(dir.path().join("templates/event.html"), "mine").unwrap();
        std::fs::write(templates.join("x.html"), "part").unwrap();
        std::fs::write(templates.join("x.html~"), "backup").unwrap();
        std::fs::write(templates.join("notes.md"), "not a template").unwrap();
        let diagnostics = Diagnostics::new();
        let files = read_templates(dir.path(), &diagnostics);
        assert!(diagnostics.sorted().is_empty());
        assert_eq!(files["event.html"].text, "mine");
        assert_eq!(
            files["event.html"].origin,
            dir.path().join("templates/event.html")
        );
        assert_eq!(files["partials/x.html"].text, "part");
        assert!(!files.contains_key("partials/x.html~"));
        assert!(!files.contains_key("partials/notes.md"));
        assert!(files["base.html"]
            .origin
            .starts_with("(built-in theme) templates"));
    }

    #[test]
    fn static_files_are_the_sites_over_the_themes() {
        let dir = tempfile::tempdir().unwrap();
        let (theme_name, _) = theme::STATIC_FILES[0];
        let own = dir.path().join("static").join(theme_name);
        std::fs::create_dir_all(own.parent().unwrap()).unwrap();
        std::fs::write(&own, "own").unwrap();
        std::fs::write(dir.path().join("static/map.png"), "png").unwrap();
        let diagnostics = Diagnostics::new();
        let files = list_static(dir.path(), &diagnostics);
        let overridden = files
            .iter()
            .filter(|f| f.name == theme_name)
            .collect::<Vec<_>>();
        assert_eq!(overridden.len(), 1);
        assert_eq!(overridden[0].bytes().unwrap().as_ref(), b"own");
        let map = files.iter().find(|f| f.name == "map.png").unwrap();
        assert_eq!(map.bytes().unwrap().as_ref(), b"png");
        assert_eq!(
            read_static(dir.path(), "map.png").unwrap(),
            Some(b"png".to_vec())
        );
        assert_eq!(read_static(dir.path(), "gone.png").unwrap(), None);
        let built_in = files.iter().find(|f| f.path.is_none()).unwrap();
        assert!(!built_in.bytes().unwrap().is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_static_link_out_of_the_site_is_not_copied() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("static")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret"),
            dir.path().join("static/secret"),
        )
        .unwrap();
        let diagnostics = Diagnostics::new();
        let files = list_static(dir.path(), &diagnostics);
        assert!(files.iter().all(|f| f.name != "secret"));
        let warnings = diagnostics.sorted();
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message.contains("outside the site"));
        assert_eq!(read_static(dir.path(), "secret").unwrap(), None);
    }
}
