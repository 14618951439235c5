//! `yilnoma theme export [DIR]`: writes the built-in theme into a site, to
//! start a customised one from: `templates/`, `static/` and the interface
//! strings as `i18n/<code>.toml`. All or nothing, never overwriting and
//! never through a symbolic link (the checks `init` makes).

use crate::cmd::init::{free, NonEmpty};
use crate::diag::Diagnostics;
use anyhow::Result;
use std::path::{Path, PathBuf};

/// Writes the theme's files under `dir`; returns them, or nothing when a
/// problem went to `diagnostics`.
pub fn export(dir: &Path, diagnostics: &Diagnostics) -> Result<Vec<PathBuf>> {
    let files = files();
    if !free(dir, &files, NonEmpty::Allow, diagnostics) {
        return Ok(Vec::new());
    }
    let mut created = Vec::new();
    for (relative, bytes) in &files {
        let path = dir.join(relative);
        crate::fs::create_new(&path, bytes)?;
        created.push(path);
    }
    Ok(created)
}

fn files() -> Vec<(PathBuf, Vec<u8>)> {
    let templates = crate::theme::TEMPLATES
        .iter()
        .map(|(name, text)| (Path::new("templates").join(name), text.as_bytes().to_vec()));
    let statics = crate::theme::STATIC_FILES
        .iter()
        .map(|(name, bytes)| (Path::new("static").join(name), bytes.to_vec()));
    let strings = crate::theme::STRINGS.iter().map(|(code, text)| {
        (
            PathBuf::from(format!("i18n/{code}.toml")),
            text.as_bytes().to_vec(),
        )
    });
    templates.chain(statics).chain(strings).collect()
}
