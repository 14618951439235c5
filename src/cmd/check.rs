//! `yilnoma check`: everything a build does, written nowhere; with
//! `--translations`, a table of which items exist in which language.

use crate::content::Drafts;
use crate::diag::Diagnostics;
use crate::model::site::{Section, Site};
use crate::output::sink::NullSink;
use crate::site::{load, render};
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

/// Every file a build of the site at `root` would write, sorted. Problems are left to
/// `check`, which has reported them already.
pub fn planned_files(root: &Path, drafts: Drafts) -> Vec<String> {
    let Some(loaded) = load(root, None, drafts, &Diagnostics::new()) else {
        return Vec::new();
    };
    let inventory = &loaded.inventory;
    let mut files: Vec<String> = inventory
        .files()
        .map(|(path, _)| path.to_string())
        .collect();
    files.sort();
    files
}

/// One row of the translation table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationRow {
    pub item: String,
    /// Per language, in config order: `present`, `missing`, `older` or
    /// `generated` (made from another language's file by transliteration).
    pub states: Vec<&'static str>,
}

/// When each file last changed: its last git commit when the site is a git
/// repository (a fresh clone gives every file the same modification time),
/// else the file's modification time.
fn last_changed(root: &Path, path: &Path) -> Option<SystemTime> {
    static COMMITS: std::sync::OnceLock<std::collections::HashMap<std::path::PathBuf, u64>> =
        std::sync::OnceLock::new();
    let commits = COMMITS.get_or_init(|| git_commit_times(root));
    let canonical = path.canonicalize().ok()?;
    match commits.get(&canonical) {
        Some(seconds) => Some(SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(*seconds)),
        None => std::fs::metadata(path).and_then(|m| m.modified()).ok(),
    }
}

/// Path → time of the newest commit touching it, from one `git log` call.
fn git_commit_times(root: &Path) -> std::collections::HashMap<std::path::PathBuf, u64> {
    let mut times = std::collections::HashMap::new();
    let top = std::process::Command::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .current_dir(root)
        .output();
    let Ok(top) = top else { return times };
    if !top.status.success() {
        return times;
    }
    let top = std::path::PathBuf::from(String::from_utf8_lossy(&top.stdout).trim());
    let log = std::process::Command::new("git")
        .args(["log", "--format=%x00%ct", "--name-only", "--", "."])
        .current_dir(root)
        .output();
    let Ok(log) = log else { return times };
    let mut current = 0;
    for line in String::from_utf8_lossy(&log.stdout).lines() {
        if let Some(stamp) = line.strip_prefix('\0') {
            current = stamp.trim().parse().unwrap_or(0);
        } else if !line.is_empty() {
            let path = top.join(line);
            let path = path.canonicalize().unwrap_or(path);
            times.entry(path).or_insert(current);
        }
    }
    times
}

/// Saves within a minute of each other count as the same edit.
fn is_clearly_older(time: SystemTime, newest: SystemTime) -> bool {
    newest
        .duration_since(time)
        .is_ok_and(|gap| gap > std::time::Duration::from_secs(60))
}

/// slug × language → present / missing / older (by last commit, or
/// modification time) / generated.
pub fn translation_table(root: &Path, site: &Site, languages: &[String]) -> Vec<TranslationRow> {
    let mut rows = Vec::new();
    let mut add = |section: Section, slug: &str, paths: Vec<Option<&Path>>| {
        let times: Vec<Option<SystemTime>> = paths
            .iter()
            .map(|p| p.and_then(|p| last_changed(root, p)))
            .collect();
        let newest = times.iter().flatten().max().copied();
        let states = paths
            .iter()
            .zip(&times)
            .enumerate()
            .map(|(column, (path, time))| match (path, time) {
                (None, _) => "missing",
                // Another language's file: made by transliteration.
                (Some(p), _) if paths[..column].contains(&Some(*p)) => "generated",
                (Some(_), Some(t)) if newest.is_some_and(|n| is_clearly_older(*t, n)) => "older",
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
