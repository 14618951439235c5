//! walkdir over content/ → `SourceFile { path, section, slug, lang }`.
//!
//! Classifies files by folder and name only; never reads them. Editors'
//! swap and backup files are skipped; anything else that does not fit the
//! content model becomes a diagnostic, never a silent skip.

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::site::Section;
use crate::model::slug;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A Markdown content file, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: PathBuf,
    pub section: Section,
    pub slug: String,
    pub lang: String,
}

/// A data file under `content/data/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataFile {
    pub path: PathBuf,
    pub name: String,
}

#[derive(Debug, Default)]
pub struct Discovered {
    pub sources: Vec<SourceFile>,
    pub data: Vec<DataFile>,
}

/// True for files editors' tools leave behind: `.swp`, `~`, `.#x`, dot files.
pub fn is_editor_artifact(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with('#')
        || [".swp", ".swx", ".swo", ".tmp", ".bak", ".orig"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

pub fn discover(config: &Config, diagnostics: &Diagnostics) -> Discovered {
    let content = config.content_path();
    let mut found = Discovered::default();
    if !content.is_dir() {
        diagnostics.push(
            Diagnostic::error(&content, crate::t!("content_missing"))
                .hint(crate::t!("content_missing_hint")),
        );
        return found;
    }
    // Symbolic links are followed, but never out of the site: a link to
    // `/etc` or `~` would publish or walk files nobody meant to share.
    let (Ok(root), Ok(content_real)) = (config.root.canonicalize(), content.canonicalize()) else {
        return found;
    };
    if !content_real.starts_with(&root) {
        diagnostics.push(
            Diagnostic::error(
                config.config_path(),
                crate::t!(
                    "content_outside_site",
                    folder = crate::model::path_text::escaped(&content_real)
                ),
            )
            .at(1, 1)
            .hint(crate::t!("content_outside_site_hint")),
        );
        return found;
    }
    let walker = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || (!is_editor_artifact(e.path()) && !leaves_site(e, &root, diagnostics))
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(&content).to_path_buf();
                let shown = |p: &Path| {
                    p.strip_prefix(&config.root)
                        .unwrap_or(p)
                        .display()
                        .to_string()
                };
                let diagnostic = match e.loop_ancestor() {
                    Some(ancestor) => Diagnostic::error(
                        &path,
                        crate::t!("content_link_loop", folder = shown(ancestor)),
                    )
                    .hint(crate::t!("content_link_loop_hint")),
                    None => Diagnostic::error(
                        &path,
                        crate::t!("content_unreadable", reason = io_message(&e)),
                    )
                    .hint(crate::t!("content_unreadable_hint")),
                };
                diagnostics.push(diagnostic);
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        if !entry.file_type().is_file() {
            // A named pipe would block the build forever; a socket or a
            // device is never content.
            diagnostics.push(
                Diagnostic::error(entry.path(), crate::t!("content_not_regular"))
                    .hint(crate::t!("content_not_regular_hint")),
            );
            continue;
        }
        classify(config, &content, entry.path(), &mut found, diagnostics);
    }
    found
}

/// True (and reported) for a symbolic link whose target is outside the
/// site folder; a link that points nowhere is left to the walker's error.
fn leaves_site(entry: &walkdir::DirEntry, root: &Path, diagnostics: &Diagnostics) -> bool {
    if !entry.path_is_symlink() {
        return false;
    }
    let Ok(target) = entry.path().canonicalize() else {
        return false;
    };
    if target.starts_with(root) {
        return false;
    }
    diagnostics.push(
        Diagnostic::error(entry.path(), crate::t!("content_link_outside"))
            .hint(crate::t!("content_link_outside_hint")),
    );
    true
}

/// The operating system's reason, without walkdir's repetition of the path.
fn io_message(error: &walkdir::Error) -> String {
    error
        .io_error()
        .map_or_else(|| error.to_string(), ToString::to_string)
}

/// Classifies one path under content/ by its folder and name, as `discover`
/// would; the file need not exist (`serve` classifies deleted files too).
pub fn classify_file(config: &Config, path: &Path, diagnostics: &Diagnostics) -> Discovered {
    let mut found = Discovered::default();
    classify(
        config,
        &config.content_path(),
        path,
        &mut found,
        diagnostics,
    );
    found
}

fn classify(
    config: &Config,
    content: &Path,
    path: &Path,
    found: &mut Discovered,
    diagnostics: &Diagnostics,
) {
    let relative = path.strip_prefix(content).unwrap_or(path);
    let mut components = relative.iter().filter_map(|c| c.to_str());
    let top = components.next().unwrap_or("");
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let section = match top {
        "events" => Section::Events,
        "pages" => Section::Pages,
        "docs" => Section::Docs,
        "data" => {
            let is_data = [".yaml", ".yml"].iter().any(|ext| file_name.ends_with(ext));
            if is_data && relative.iter().count() == 2 {
                let name = file_name
                    .rsplit_once('.')
                    .map_or(file_name, |(stem, _)| stem);
                found.data.push(DataFile {
                    path: path.to_path_buf(),
                    name: name.to_string(),
                });
            } else {
                diagnostics.push(
                    Diagnostic::warning(path, crate::t!("content_data_ignored"))
                        .hint(crate::t!("content_data_ignored_hint")),
                );
            }
            return;
        }
        _ => {
            diagnostics.push(
                Diagnostic::warning(path, crate::t!("content_folder_ignored"))
                    .hint(crate::t!("content_folder_ignored_hint")),
            );
            return;
        }
    };
    let Some(stem) = file_name.strip_suffix(".md") else {
        diagnostics.push(
            Diagnostic::warning(path, crate::t!("content_not_markdown"))
                .hint(crate::t!("content_not_markdown_hint")),
        );
        return;
    };
    let languages: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let expected = crate::t!(
        "file_name_hint",
        languages = languages.join(", "),
        example = format!(
            "{}.{}.md",
            stem.split('.').next().unwrap_or(stem),
            languages[0]
        )
    );
    let Some((slug_part, lang)) = stem.rsplit_once('.') else {
        diagnostics.push(Diagnostic::error(path, crate::t!("file_no_language")).hint(expected));
        return;
    };
    if !languages.contains(&lang) {
        diagnostics.push(
            Diagnostic::error(path, crate::t!("file_unknown_language", lang = lang)).hint(expected),
        );
        return;
    }
    if let Err(message) = slug::validate(slug_part) {
        // Cyrillic and o‘/g‘ are transliterated with search's table, so
        // `2026-03-ташриф` becomes `2026-03-tashrif`, not `2026-03`.
        let suggestion = slug::suggest(slug_part);
        let message = if slug::is_windows_reserved(slug_part) || slug_part.is_empty() {
            crate::diag::Text::plain(message)
        } else {
            crate::t!(
                "slug_letters",
                slug = crate::model::path_text::escape(slug_part)
            )
        };
        diagnostics.push(Diagnostic::error(path, message).hint(crate::t!(
            "slug_rename_hint",
            file = format!("{suggestion}.{lang}.md")
        )));
        return;
    }
    let slug = match section {
        // Docs keep their subfolders: docs/guide/x.en.md → guide/x.
        Section::Docs => {
            let folders: Vec<&str> = relative
                .iter()
                .skip(1)
                .filter_map(|c| c.to_str())
                .collect::<Vec<_>>()
                .split_last()
                .map(|(_, dirs)| dirs.to_vec())
                .unwrap_or_default();
            for folder in &folders {
                if let Err(message) = slug::validate(folder) {
                    diagnostics.push(
                        Diagnostic::error(path, crate::t!("docs_folder_name", problem = message))
                            .hint(crate::t!(
                                "docs_folder_name_hint",
                                folder = slug::suggest(folder)
                            )),
                    );
                    return;
                }
            }
            let mut parts = folders;
            parts.push(slug_part);
            parts.join("/")
        }
        _ => slug_part.to_string(),
    };
    found.sources.push(SourceFile {
        path: path.to_path_buf(),
        section,
        slug,
        lang: lang.to_string(),
    });
}
