//! `yilnoma build`: load, take the output folder (lock it, put right what a
//! killed build left), render into a staging folder, swap it in.

use crate::content::Drafts;
use crate::diag::{Diagnostic, Diagnostics, Text};
use crate::model::path_text::escaped;
use crate::output::failure;
use crate::output::folder::OutputFolder;
use crate::output::lock::{Locked, OutputLock};
use crate::output::sink::{DiskSink, NullSink};
use crate::output::swap::{self, Recovered, Swapped};
use crate::render::site::RenderStats;
use crate::site::inventory::PlannedSink;
use crate::site::{load, render, Loaded};
use crate::t;
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

/// Builds without telling anyone when it has to wait for another build.
pub fn build(options: &BuildOptions) -> anyhow::Result<Outcome> {
    build_waiting(options, &|_| {})
}

/// Builds; `on_wait` is told, once, when another build into the same
/// output folder runs and this one waits for it.
pub fn build_waiting(options: &BuildOptions, on_wait: &dyn Fn(&Text)) -> anyhow::Result<Outcome> {
    let mut outcome = Outcome::default();
    let diagnostics = &outcome.diagnostics;
    let out = accept(
        OutputFolder::resolve(&options.root, &options.out),
        diagnostics,
    );
    let Some(mut loaded) = load(
        &options.root,
        options.base_url.as_deref(),
        options.drafts,
        diagnostics,
    ) else {
        return Ok(outcome);
    };
    // Planned once: the sitemap files are made; what `serve` keeps for
    // its next edit is freed before rendering.
    loaded.inventory.release_planning_parts();
    let out = out.filter(|out| {
        accept(
            out.check_not_in_sources(&options.root, &loaded.config.content_dir),
            diagnostics,
        )
        .is_some()
            && accept(out.check_ours(), diagnostics).is_some()
    });
    // Held to the end of the build; a failed build still puts right what a
    // killed one left, so the previous site is back in place.
    let lock = out.as_ref().and_then(|out| take(out, on_wait, diagnostics));
    let (Some(out), Some(_lock), false) = (out, lock, diagnostics.has_errors()) else {
        // Render nowhere, only to find what rendering would report too
        // (broken links, template errors): every error in one run.
        render(&loaded, &NullSink, diagnostics);
        return Ok(outcome);
    };
    if let Some(stats) = write(&loaded, &out, diagnostics) {
        outcome.stats = stats;
        outcome.events = loaded.site.events.len();
    }
    Ok(outcome)
}

/// The value, or `None` with its diagnostic pushed.
fn accept<T>(result: Result<T, Diagnostic>, diagnostics: &Diagnostics) -> Option<T> {
    result.map_err(|d| diagnostics.push(d)).ok()
}

/// Locks the output folder (waiting for another build), checks it again
/// under the lock and recovers what a killed build left.
fn take(out: &OutputFolder, on_wait: &dyn Fn(&Text), diagnostics: &Diagnostics) -> Option<Locked> {
    let fail = |error: anyhow::Error| {
        diagnostics.push(failure::diagnostic(&out.shown, out.parent(), &error));
    };
    if let Err(error) = crate::fs::create_dir_all(out.parent()) {
        fail(error);
        return None;
    }
    let told = |pid: Option<u32>| {
        let pid = pid.map_or("?".to_string(), |p| p.to_string());
        on_wait(&t!(
            "output_lock_wait",
            out = escaped(&out.shown),
            pid = pid
        ));
    };
    let lock = match OutputLock::acquire(&out.lock_file(), &told) {
        Ok(lock) => lock,
        Err(error) => {
            let context = format!("failed to lock `{}`", out.lock_file().display());
            fail(anyhow::Error::new(error).context(context));
            return None;
        }
    };
    if let Locked::Unsupported(error) = &lock {
        diagnostics.push(
            Diagnostic::warning(
                &out.shown,
                t!(
                    "output_lock_unsupported",
                    out = escaped(&out.shown),
                    cause = error
                ),
            )
            .hint(t!("output_lock_unsupported_hint")),
        );
    }
    accept(out.check_ours(), diagnostics)?;
    match swap::recover(out) {
        Ok(Recovered::RestoredPrevious) => diagnostics.push(
            Diagnostic::warning(
                &out.shown,
                t!("output_recovered", out = escaped(&out.shown)),
            )
            .hint(t!("output_recovered_hint")),
        ),
        Ok(Recovered::Cleared | Recovered::Nothing) => {}
        Err(error) => {
            fail(error);
            return None;
        }
    }
    Some(lock)
}

/// Renders into a staging folder and swaps it in; the stats when it did.
fn write(loaded: &Loaded, out: &OutputFolder, diagnostics: &Diagnostics) -> Option<RenderStats> {
    let fail = |folder: &Path, error: anyhow::Error| {
        diagnostics.push(failure::diagnostic(&out.shown, folder, &error));
    };
    // Asked first, so a folder the swap could not replace fails before
    // anything is rendered.
    for folder in [out.parent(), &out.path] {
        if let Err(error) = swap::may_change(folder) {
            if folder.exists() {
                fail(folder, anyhow::Error::new(error));
                return None;
            }
        }
    }
    let staging = match swap::stage(out) {
        Ok(staging) => staging,
        Err(error) => {
            swap::discard(&out.staging());
            fail(out.parent(), error);
            return None;
        }
    };
    let sink = DiskSink::new(&staging);
    let stats = render(
        loaded,
        &PlannedSink::new(&sink, &loaded.inventory),
        diagnostics,
    );
    for (path, error) in sink.finish() {
        if failure::io_kind(&error).is_some_and(failure::is_whole_disk) {
            fail(out.parent(), error);
        } else {
            diagnostics.push(
                Diagnostic::error(Path::new(&path), format!("{error:#}"))
                    .hint(t!("output_failed_hint")),
            );
        }
    }
    if diagnostics.has_errors() {
        swap::discard(&staging);
        return None;
    }
    match swap::swap_in(&staging, out) {
        Ok(Swapped::Done) => {}
        Ok(Swapped::OldLeft(old, error)) => diagnostics.push(
            Diagnostic::warning(
                &old,
                t!(
                    "output_old_left",
                    old = escaped(&old),
                    cause = format!("{error:#}")
                ),
            )
            .hint(t!("output_old_left_hint")),
        ),
        Err(error) => {
            swap::discard(&staging);
            fail(out.parent(), error);
            return None;
        }
    }
    Some(stats)
}
