//! `yilnoma build`: load, render into a staging folder, swap it in.

use crate::content::Drafts;
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::sink::{DiskSink, NullSink};
use crate::output::static_files::WRITE_HINT;
use crate::output::swap;
use crate::render::site::RenderStats;
use crate::site::inventory::PlannedSink;
use crate::site::{load, render};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    pub base_url: Option<String>,
    pub drafts: Drafts,
}

/// What a finished (or failed) run found and did.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Diagnostics,
    pub stats: RenderStats,
    pub events: usize,
}

impl Outcome {
    pub fn failed(&self) -> bool {
        self.diagnostics.has_errors()
    }
}

pub fn build(options: &BuildOptions) -> anyhow::Result<Outcome> {
    let mut outcome = Outcome::default();
    let diagnostics = &outcome.diagnostics;
    let Some(loaded) = load(
        &options.root,
        options.base_url.as_deref(),
        options.drafts,
        diagnostics,
    ) else {
        return Ok(outcome);
    };
    if diagnostics.has_errors() {
        // Render nowhere, only to find what rendering would report too
        // (broken links, template errors): every error in one run.
        render(&loaded, &NullSink, diagnostics);
        return Ok(outcome);
    }
    if let Err(diagnostic) =
        swap::check_output_dir(&options.root, &loaded.config.content_dir, &options.out)
    {
        diagnostics.push(diagnostic);
        return Ok(outcome);
    }
    let staging = swap::staging_dir(&options.out)?;
    let sink = DiskSink::new(&staging);
    let stats = render(
        &loaded,
        &PlannedSink::new(&sink, &loaded.inventory),
        diagnostics,
    );
    for (path, error) in sink.finish() {
        diagnostics
            .push(Diagnostic::error(Path::new(&path), format!("{error:#}")).hint(WRITE_HINT));
    }
    if diagnostics.has_errors() {
        swap::discard(&staging);
        return Ok(outcome);
    }
    swap::swap_in(&staging, &options.out)?;
    outcome.stats = stats;
    outcome.events = loaded.site.events.len();
    Ok(outcome)
}
