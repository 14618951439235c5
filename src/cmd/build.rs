//! `yilnoma build`: load, render into a staging folder, swap it in.

use crate::config;
use crate::content::{self, Drafts};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::routes::Routes;
use crate::model::site::Site;
use crate::output::sink::{DiskSink, NullSink, Sink};
use crate::output::static_files::WRITE_HINT;
use crate::output::swap;
use crate::render::site::{RenderStats, SiteRenderer};
use crate::render::templates::Templates;
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

/// A loaded site, ready to render: what `build`, `check` and `serve` share.
pub struct Loaded {
    pub config: config::Config,
    pub site: Site,
    pub templates: Templates,
    pub routes: Routes,
}

/// Reads config, templates and content; `None` when nothing can be rendered.
pub fn load(
    root: &Path,
    base_url: Option<&str>,
    drafts: Drafts,
    diagnostics: &Diagnostics,
) -> Option<Loaded> {
    let config = config::load(root, diagnostics)?;
    let templates = Templates::load(&config, diagnostics);
    let site = content::load(&config, drafts, diagnostics);
    check_kinds(&config, diagnostics);
    let routes = Routes::new(
        base_url.or(config.site_url.as_deref()),
        &config.default_language().code,
    );
    Some(Loaded {
        templates: templates?,
        config,
        site,
        routes,
    })
}

fn check_kinds(config: &config::Config, diagnostics: &Diagnostics) {
    for kind in &config.kinds {
        for language in &config.languages {
            if !kind.labels.contains_key(&language.code) {
                diagnostics.push(
                    Diagnostic::warning(
                        config.config_path(),
                        format!("kind `{}` has no `{}` label", kind.id, language.code),
                    )
                    .hint(format!(
                        "add `{} = \"…\"` to `label` under [kind.{}]",
                        language.code, kind.id
                    )),
                );
            }
        }
    }
}

/// Renders `loaded` into `sink`, reporting into `diagnostics`: the pages,
/// then the feeds, sitemap, search index and open data.
/// Pages and the publish outputs (feeds, search index, sitemap, open data)
/// write disjoint files from the same loaded site, so they run side by side.
pub fn render(loaded: &Loaded, sink: &dyn Sink, diagnostics: &Diagnostics) -> RenderStats {
    let render_pages = || {
        SiteRenderer::new(
            &loaded.config,
            &loaded.site,
            &loaded.routes,
            &loaded.templates,
            diagnostics,
        )
        .render_all(sink)
    };
    let publish = || crate::output::publish::write(loaded, sink, diagnostics);
    let (stats, ()) = rayon::join(render_pages, publish);
    stats
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
    let stats = render(&loaded, &sink, diagnostics);
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
