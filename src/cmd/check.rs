//! `yilnoma check`: everything a build does, written nowhere; with
//! `--translations`, a table of which items exist in which language.

use crate::cmd::build::{load, render};
use crate::content::Drafts;
use crate::diag::Diagnostics;
use crate::model::site::{Section, Site};
use crate::output::sink::NullSink;
use std::path::Path;
use std::time::SystemTime;

pub fn check(root: &Path, drafts: Drafts) -> Diagnostics {
    let diagnostics = Diagnostics::new();
    if let Some(loaded) = load(root, None, drafts, &diagnostics) {
        // Even after loading errors: rendering finds broken links and
        // template errors, and every error of a run is reported together.
        render(&loaded, &NullSink, &diagnostics);
    }
    diagnostics
}

/// One row of the translation table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationRow {
    pub item: String,
    /// Per language, in config order: `present`, `missing` or `older`.
    pub states: Vec<&'static str>,
}

/// slug × language → present / missing / older (by file modification time).
pub fn translation_table(site: &Site, languages: &[String]) -> Vec<TranslationRow> {
    let mut rows = Vec::new();
    let mut add = |section: Section, slug: &str, paths: Vec<Option<&Path>>| {
        let times: Vec<Option<SystemTime>> = paths
            .iter()
            .map(|p| p.and_then(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok()))
            .collect();
        let newest = times.iter().flatten().max().copied();
        let states = paths
            .iter()
            .zip(&times)
            .map(|(path, time)| match (path, time) {
                (None, _) => "missing",
                (Some(_), Some(t)) if Some(*t) < newest && times.iter().flatten().count() > 1 => {
                    "older"
                }
                _ => "present",
            })
            .collect();
        rows.push(TranslationRow {
            item: format!("{}/{slug}", section.folder()),
            states,
        });
    };
    for event in &site.events {
        add(
            Section::Events,
            &event.slug,
            languages
                .iter()
                .map(|l| event.texts.get(l).map(|t| t.source.path.as_path()))
                .collect(),
        );
    }
    for page in site.pages.iter().chain(&site.docs) {
        add(
            page.section,
            &page.slug,
            languages
                .iter()
                .map(|l| page.texts.get(l).map(|t| t.source.path.as_path()))
                .collect(),
        );
    }
    rows
}

/// The table as aligned text.
pub fn format_table(rows: &[TranslationRow], languages: &[String]) -> String {
    let width = rows.iter().map(|r| r.item.len()).max().unwrap_or(4).max(4);
    let mut out = format!("{:width$}", "item");
    for lang in languages {
        out.push_str(&format!("  {lang:8}"));
    }
    out.push('\n');
    for row in rows {
        out.push_str(&format!("{:width$}", row.item));
        for state in &row.states {
            out.push_str(&format!("  {state:8}"));
        }
        out.push('\n');
    }
    out
}
