//! The site as `serve` keeps it between edits, and the incremental rebuild.
//!
//! Takes batches of `Change`s; returns the output files to serve, or the
//! errors that stopped the rebuild. What is re-done for each change:
//!
//! - an event file: only that event's files are re-read (`load_event`) and
//!   the event is swapped into the loaded `Site` in place; then only the pages
//!   that show it are rendered again: its own pages in every language, its
//!   neighbours before and after the edit (previous/next links), the home
//!   page when it shows it, and the listing pages from its old place to its
//!   new one (an event added, removed or re-kinded: from its place to the
//!   last page, and the first; `serve::placement`). The edited pages are
//!   served first; the pages that list events and the publishing files
//!   (feeds, search index, open data: the parts the edit changed) follow in
//!   a second step, starting from the event summaries the last render kept
//!   (`render::summary_cache`);
//! - a page, docs or data file, or a folder under content/: all content is
//!   reloaded and every page rendered (their titles are in every page's menu);
//! - a template: the templates are reloaded and the pages whose entry
//!   template is, or names, the changed one are rendered (every page for
//!   base.html and partials);
//! - a static file: that file alone is copied;
//! - book.toml or interface strings: everything is loaded and rendered again.
//!
//! A rebuild with errors is undone (the model goes back to the last good
//! state) and its changes are kept: they are retried with the next batch,
//! so the site only moves on when every pending change builds. An
//! incremental rebuild produces the same files a full build would.
//!
//! This file holds the rebuild's steps in order; `update` changes the
//! model (and undoes a failed batch), `plan` decides which pages to render,
//! `template_chains` which page templates reach a changed template.

use crate::content::load::Drafts;
use crate::content::theme_files::StaticFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::site::Event;
use crate::output::sink::{MemorySink, Sink};
use crate::output::static_files;
use crate::render::summary_cache::SummaryCache;
use crate::serve::plan::Plan;
use crate::serve::publish::LivePublication;
use crate::serve::scope::Scope;
use crate::serve::update::{reload_content, reload_templates, Undo};
use crate::serve::watch::Change;
use crate::site::{self, Loaded};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

mod planned;

use planned::Planned;

/// The last good load of the site, and the changes still to apply.
pub struct LiveSite {
    root: PathBuf,
    drafts: Drafts,
    loaded: Option<Loaded>,
    /// Changes of failed rebuilds, retried with the next batch.
    pending: BTreeSet<Change>,
    /// Timelines, kind and tag pages of the last edits, rendered after the
    /// edited pages are served (they list every event, so they take longer).
    listings: Option<Plan>,
    /// The parts of the publishing files, kept so an edit re-makes only
    /// what it touches; `None` until made (or after a failed rebuild).
    publication: Option<LivePublication>,
    /// The events edited since the publishing files were last made: slug →
    /// the event as they show it.
    unpublished: BTreeMap<String, Option<Event>>,
    /// Event summaries the last render made, for the next to start from.
    summaries: SummaryCache,
}

/// The outcome of one rebuild.
pub struct Rebuild {
    pub result: Result<Output, Vec<Diagnostic>>,
    pub warnings: Vec<Diagnostic>,
}

/// Files a successful rebuild wrote.
pub struct Output {
    /// Output path → bytes.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Output paths (files or folders) that no longer exist.
    pub removed: Vec<String>,
    /// `files` is the whole site: replace everything served.
    pub replace_all: bool,
    /// Where the site is served: `/` or `/repo/`.
    pub base_path: String,
    /// How many pages were rendered.
    pub pages: usize,
    /// What was rebuilt, for the terminal.
    pub scope: Vec<Scope>,
    /// Only stylesheets changed: pages can swap them without reloading.
    pub css_only: bool,
}

impl LiveSite {
    /// `root` should be absolute: watched paths are compared against it.
    pub fn new(root: PathBuf, drafts: Drafts) -> Self {
        Self {
            root,
            drafts,
            loaded: None,
            pending: BTreeSet::new(),
            listings: None,
            publication: None,
            unpublished: BTreeMap::new(),
            summaries: SummaryCache::default(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Edit links for the overlay, from the last good book.toml.
    pub fn edit_links(&self) -> super::overlay::EditLinks {
        super::overlay::EditLinks::new(self.loaded.as_ref().map(|l| &l.config))
    }

    /// The content folder relative to the root, once a load succeeded.
    pub fn content_dir(&self) -> Option<PathBuf> {
        self.loaded.as_ref().map(|l| l.config.content_dir.clone())
    }

    /// Applies `changes` (and any still pending); the first call, and any
    /// call while no load has succeeded yet, loads everything.
    pub fn rebuild(&mut self, changes: BTreeSet<Change>) -> Rebuild {
        let mut all = std::mem::take(&mut self.pending);
        all.extend(changes);
        let diagnostics = Diagnostics::new();
        let output = if self.loaded.is_none() || all.contains(&Change::Config) {
            self.load_everything(&diagnostics)
        } else {
            self.apply(&all, &diagnostics)
        };
        let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = diagnostics
            .sorted()
            .into_iter()
            .partition(Diagnostic::is_error);
        let result = match output {
            Some(output) if errors.is_empty() => Ok(output),
            _ => {
                // Summaries of a model since undone may have been kept.
                self.summaries.clear();
                self.pending = all;
                Err(errors)
            }
        };
        Rebuild { result, warnings }
    }

    fn load_everything(&mut self, diagnostics: &Diagnostics) -> Option<Output> {
        let loaded = site::load(&self.root, None, self.drafts, diagnostics)?;
        if diagnostics.has_errors() {
            return None;
        }
        let sink = MemorySink::new();
        self.summaries.clear();
        let summaries = &self.summaries;
        // Every page and publishing file, as `site::render` makes them,
        // keeping the parts of the publishing files and the summaries for
        // the next edits.
        let (stats, publication) = rayon::join(
            || {
                loaded
                    .renderer(diagnostics)
                    .keeping(summaries)
                    .render_all(&sink)
            },
            || LivePublication::build(&loaded, &sink, diagnostics),
        );
        static_files::copy(&loaded.static_files, &sink, diagnostics);
        self.listings = None;
        self.unpublished.clear();
        self.publication = None;
        if diagnostics.has_errors() {
            return None;
        }
        self.publication = Some(publication);
        let base_path = loaded.routes.base_path().to_string();
        self.loaded = Some(loaded);
        Some(Output {
            files: sink.into_files(),
            removed: Vec::new(),
            replace_all: true,
            base_path,
            pages: stats.pages,
            scope: vec![Scope::Everything],
            css_only: false,
        })
    }

    /// The incremental path: `loaded` exists and book.toml did not change.
    fn apply(&mut self, changes: &BTreeSet<Change>, diagnostics: &Diagnostics) -> Option<Output> {
        let drafts = self.drafts;
        let loaded = self.loaded.as_mut()?;
        let mut plan = Plan::default();
        let mut undo = Undo::default();
        if !reload_templates(loaded, changes, &mut plan, &mut undo, diagnostics)
            || !reload_content(loaded, drafts, changes, &mut plan, &mut undo, diagnostics)
        {
            undo.apply(loaded);
            return None;
        }
        // The page list may have changed (a new event, tag or static file):
        // plan it again, so a collision the edit made is reported. The last
        // plan is kept: what it lists and the new one does not is gone. An
        // edit that keeps what the plan reads (a body, a summary) skips it:
        // at 10,000 events planning takes about a hundred milliseconds.
        let static_names = static_names(changes);
        let edited: BTreeSet<String> = undo.events.iter().map(|(slug, _)| slug.clone()).collect();
        let before = if plan.replan && !plan.everything && static_names.is_empty() {
            // Only events changed: their claims and the listings' again.
            loaded.replan_events(&edited).map(Planned::Events)
        } else {
            None
        };
        let before = before.or_else(|| {
            (plan.replan || !static_names.is_empty()).then(|| {
                let before = Planned::take(loaded);
                loaded.replan(diagnostics);
                before
            })
        });
        if diagnostics.has_errors() {
            undo.apply(loaded);
            if let Some(before) = before {
                before.restore(loaded);
            }
            return None;
        }
        for (slug, before) in &undo.events {
            // The first version of a batch is the one the files show.
            self.unpublished
                .entry(slug.clone())
                .or_insert_with(|| before.clone());
        }
        if plan.everything {
            self.summaries.clear();
        } else {
            self.summaries.forget(&edited);
        }
        if let Some(earlier) = self.listings.take() {
            plan.merge(earlier);
        }
        let listings = plan.split_listings();
        let sink = MemorySink::new();
        // The edited pages need few summaries: made afresh, without
        // walking the kept ones; the listings' step and a whole render
        // start from them.
        let kept = plan.everything.then_some(&self.summaries);
        let pages = render(loaded, &plan, kept, &sink, diagnostics);
        if plan.everything {
            self.publication = Some(LivePublication::build(loaded, &sink, diagnostics));
            self.unpublished.clear();
        } else if before.is_some() {
            site::write_sitemap(loaded, &crate::site::SinkOutput::new(&sink, diagnostics));
        }
        let removed = if plan.everything {
            Vec::new() // render() copied every static file; all is replaced
        } else {
            copy_static(loaded, &static_names, &sink, diagnostics);
            before
                .as_ref()
                .map(|before| before.gone(&loaded.inventory))
                .unwrap_or_default()
        };
        if diagnostics.has_errors() {
            undo.apply(loaded);
            if let Some(before) = before {
                before.restore(loaded);
            }
            // The listings of earlier edits still have to be rendered.
            self.listings = listings;
            if plan.everything {
                // Made from the model just undone: make them again.
                self.publication = None;
            }
            return None;
        }
        let scope = describe(&plan, listings.is_some(), &static_names);
        self.listings = listings;
        if let Some(before) = before {
            // Freeing tens of thousands of claims takes milliseconds the
            // served files need not wait for.
            std::thread::spawn(move || drop(before));
        }
        Some(Output {
            files: sink.into_files(),
            removed,
            replace_all: plan.everything,
            base_path: loaded.routes.base_path().to_string(),
            pages,
            scope,
            // Only stylesheets changed: open pages swap them in place.
            css_only: !static_names.is_empty()
                && changes.len() == static_names.len()
                && static_names.iter().all(|n| n.ends_with(".css")),
        })
    }
}

impl LiveSite {
    /// True when timelines, kind or tag pages still wait to be rendered.
    pub fn has_listings(&self) -> bool {
        self.listings.is_some()
    }

    /// Renders the timelines, kind and tag pages the last edits touched.
    pub fn rebuild_listings(&mut self) -> Rebuild {
        let diagnostics = Diagnostics::new();
        let (Some(plan), Some(loaded)) = (self.listings.take(), self.loaded.as_ref()) else {
            return Rebuild {
                result: Err(Vec::new()),
                warnings: Vec::new(),
            };
        };
        let sink = MemorySink::new();
        let (publication, unpublished) = (&mut self.publication, &self.unpublished);
        // The listing pages and the publishing files side by side: they
        // read the same model and write different files.
        let summaries = &self.summaries;
        let (pages, ()) = rayon::join(
            || render(loaded, &plan, Some(summaries), &sink, &diagnostics),
            || {
                if !plan.publish {
                    return;
                }
                match publication {
                    Some(publication) => {
                        publication.update(loaded, unpublished, &sink, &diagnostics);
                    }
                    None => {
                        *publication = Some(LivePublication::build(loaded, &sink, &diagnostics));
                    }
                }
            },
        );
        if plan.publish {
            self.unpublished.clear();
        }
        let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = diagnostics
            .sorted()
            .into_iter()
            .partition(Diagnostic::is_error);
        if !errors.is_empty() {
            // The edit itself is already served; rebuild everything with
            // the next change, so the listings catch up once fixed.
            self.pending.insert(Change::ContentTree);
            self.summaries.clear();
            return Rebuild {
                result: Err(errors),
                warnings,
            };
        }
        Rebuild {
            result: Ok(Output {
                files: sink.into_files(),
                removed: Vec::new(),
                replace_all: false,
                base_path: loaded.routes.base_path().to_string(),
                pages,
                scope: plan.describe(),
                css_only: false,
            }),
            warnings,
        }
    }
}

/// Renders the pages `plan` selects into `sink` (and the static files when
/// it is everything; the publishing files are the caller's), starting from
/// the `summaries` kept, if given, and keeping the ones made; returns the
/// page count.
fn render(
    loaded: &Loaded,
    plan: &Plan,
    summaries: Option<&SummaryCache>,
    sink: &dyn Sink,
    diagnostics: &Diagnostics,
) -> usize {
    if !plan.everything && !plan.renders_pages() {
        return 0;
    }
    let renderer = loaded.renderer(diagnostics);
    let renderer = match summaries {
        Some(summaries) => renderer.keeping(summaries),
        None => renderer,
    };
    let stats = if plan.everything {
        renderer.render_all(sink)
    } else {
        match plan.jobs(&loaded.site, &loaded.config) {
            Some(jobs) => renderer.render_only(sink, &jobs),
            None => renderer.render_jobs(sink, &|job| plan.selects(job, &loaded.site)),
        }
    };
    if plan.everything {
        static_files::copy(&loaded.static_files, sink, diagnostics);
    }
    stats.pages
}

/// The names under static/ that changed.
fn static_names(changes: &BTreeSet<Change>) -> Vec<&String> {
    changes
        .iter()
        .filter_map(|c| match c {
            Change::Static(name) => Some(name),
            _ => None,
        })
        .collect()
}

/// What an incremental rebuild did, for the terminal.
fn describe(plan: &Plan, listings_next: bool, static_names: &[&String]) -> Vec<Scope> {
    let mut scope = plan.describe();
    if listings_next {
        scope.push(Scope::ListingsNext);
    }
    if !static_names.is_empty() && !plan.everything {
        let names: Vec<String> = static_names.iter().map(|n| format!("static/{n}")).collect();
        scope.push(Scope::Copied(names));
    }
    scope
}

/// Copies the planned static files at or under each changed name: the
/// site's file, or the theme's where the site's went. The list is the one
/// `replan` just made, so a folder, a link or an editor's file is treated
/// exactly as a full build treats it.
fn copy_static(loaded: &Loaded, names: &[&String], sink: &dyn Sink, diagnostics: &Diagnostics) {
    let touched: Vec<StaticFile> = loaded
        .static_files
        .iter()
        .filter(|file| {
            names.iter().any(|name| {
                file.name == **name
                    || file
                        .name
                        .strip_prefix(name.as_str())
                        .is_some_and(|rest| rest.starts_with('/'))
            })
        })
        .cloned()
        .collect();
    static_files::copy(&touched, sink, diagnostics);
}

#[cfg(test)]
mod tests;
