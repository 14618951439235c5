//! The loaded site and its page inventory: what `build`, `check` and
//! `serve` share. `load` reads everything and plans every output file;
//! `render` produces the files into a sink.
//!
//! Data flows one way: config and content are loaded (`config`, `content`),
//! the inventory is planned here, the renderers (`render`: pages and the
//! publishing files) turn the loaded site into bytes, and an `output` sink
//! writes them. This module is the only place the two meet: it hands the
//! sink to render as an `Emit` (`SinkOutput`).

pub mod inventory;

use crate::config;
use crate::content::theme_files::{self, StaticFile};
use crate::content::{self, Drafts};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::routes::Routes;
use crate::model::site::Site;
use crate::output::sink::Sink;
use crate::output::static_files;
use crate::render::emit::Emit;
use crate::render::files::Publication;
use crate::render::site::{Job, RenderStats, SiteRenderer};
use crate::render::summary_cache::SummaryCache;
use crate::render::templates::Templates;
use inventory::Inventory;
use std::path::Path;

/// A loaded site, ready to render.
pub struct Loaded {
    pub config: config::Config,
    pub site: Site,
    /// Tera, built from the theme's and the site's template texts, which
    /// it keeps (`Templates::source`).
    pub templates: Templates,
    pub routes: Routes,
    /// The static files to copy, the site's over the theme's (their
    /// bytes are read as they are copied).
    pub static_files: Vec<StaticFile>,
    /// Every file a full build writes.
    pub inventory: Inventory,
}

/// Reads config, templates, content and static files and plans the
/// output; `None` when nothing can be rendered.
pub fn load(
    root: &Path,
    base_url: Option<&str>,
    drafts: Drafts,
    diagnostics: &Diagnostics,
) -> Option<Loaded> {
    let config = config::load(root, diagnostics)?;
    let templates = load_templates(&config.root, diagnostics);
    let site = content::load(&config, drafts, diagnostics);
    let routes = Routes::new(
        base_url.or(config.site_url.as_deref()),
        &config.default_language().code,
    );
    let static_files = theme_files::list_static(&config.root, diagnostics);
    theme_files::warn_replaced_stylesheet(&static_files, diagnostics);
    let inventory = Inventory::plan(&config, &site, &routes, &static_files, diagnostics);
    Some(Loaded {
        templates: templates?,
        config,
        site,
        routes,
        static_files,
        inventory,
    })
}

impl Loaded {
    /// The page renderer over this site, reporting into `diagnostics`.
    pub fn renderer<'a>(&'a self, diagnostics: &'a Diagnostics) -> Renderer<'a> {
        Renderer {
            pages: SiteRenderer::new(
                &self.config,
                &self.site,
                &self.routes,
                &self.templates,
                &self.inventory,
                diagnostics,
            ),
            diagnostics,
        }
    }

    /// What the publishing producers read.
    pub fn publication(&self) -> Publication<'_> {
        Publication {
            config: &self.config,
            site: &self.site,
            routes: &self.routes,
        }
    }

    /// Plans the output again after `serve` changed the content or the
    /// static files; collisions the change made are reported.
    /// Plans again after only the events `edited` (slugs) changed, keeping
    /// the other events' claims (`serve`); `None` when everything must be
    /// planned (`replan`) to report what the edit got wrong.
    pub fn replan_events(
        &mut self,
        edited: &std::collections::BTreeSet<String>,
    ) -> Option<inventory::Undo> {
        self.inventory.replan_events(
            &self.config,
            &self.site,
            &self.routes,
            &self.static_files,
            edited,
        )
    }

    pub fn replan(&mut self, diagnostics: &Diagnostics) {
        self.static_files = theme_files::list_static(&self.config.root, diagnostics);
        theme_files::warn_replaced_stylesheet(&self.static_files, diagnostics);
        self.inventory = Inventory::plan(
            &self.config,
            &self.site,
            &self.routes,
            &self.static_files,
            diagnostics,
        );
    }
}

/// Reads the templates (the theme's, the site's over them) and builds
/// Tera from them; `None` when one does not parse.
pub fn load_templates(root: &Path, diagnostics: &Diagnostics) -> Option<Templates> {
    Templates::build(theme_files::read_templates(root, diagnostics), diagnostics)
}

/// Renders `loaded` into `sink`: the pages, the publishing files (feeds,
/// sitemap, search index, open data) and the static files. Pages and the
/// publishing files are disjoint, so they run side by side.
pub fn render(loaded: &Loaded, sink: &dyn Sink, diagnostics: &Diagnostics) -> RenderStats {
    let render_pages = || loaded.renderer(diagnostics).render_all(sink);
    let publish = || publish(loaded, sink, diagnostics);
    let (stats, ()) = rayon::join(render_pages, publish);
    static_files::copy(&loaded.static_files, sink, diagnostics);
    stats
}

/// Writes the publishing files (feeds, sitemap, search index, open data,
/// robots, GitHub Pages files) into `sink`.
pub fn publish(loaded: &Loaded, sink: &dyn Sink, diagnostics: &Diagnostics) {
    let out = SinkOutput { sink, diagnostics };
    write_sitemap(loaded, &out);
    crate::render::files::each_file(loaded.publication(), &mut |path, text| {
        out.emit(path, text.as_bytes());
    });
}

/// The sitemap files, made when the inventory was planned.
pub fn write_sitemap(loaded: &Loaded, out: &dyn Emit) {
    for (path, text) in loaded.inventory.sitemap() {
        out.emit(path, text.as_bytes());
    }
}

/// The page renderer of a loaded site, writing into a sink: `build`,
/// `check` and `serve` render through it.
pub struct Renderer<'a> {
    pages: SiteRenderer<'a>,
    diagnostics: &'a Diagnostics,
}

impl<'a> Renderer<'a> {
    /// A renderer that starts from the summaries `cache` kept from the last
    /// render and keeps the ones it makes there (`serve`).
    pub fn keeping(self, cache: &'a SummaryCache) -> Self {
        Self {
            pages: self.pages.keeping(cache),
            ..self
        }
    }

    /// Renders every page into `sink` (static files are the caller's).
    pub fn render_all(&self, sink: &dyn Sink) -> RenderStats {
        self.pages.render_all(&self.output(sink))
    }

    /// Renders the pages `select` picks (`serve` re-renders what an edit touched).
    pub fn render_jobs(
        &self,
        sink: &dyn Sink,
        select: &(dyn Fn(&Job<'_>) -> bool + Sync),
    ) -> RenderStats {
        self.pages.render_jobs(&self.output(sink), select)
    }

    /// Renders exactly `jobs`.
    pub fn render_only(&self, sink: &dyn Sink, jobs: &[Job<'_>]) -> RenderStats {
        self.pages.render_only(&self.output(sink), jobs)
    }

    fn output<'s>(&'s self, sink: &'s dyn Sink) -> SinkOutput<'s> {
        SinkOutput {
            sink,
            diagnostics: self.diagnostics,
        }
    }
}

/// Render's output channel over a sink: a failed write becomes a
/// diagnostic naming the file.
pub struct SinkOutput<'a> {
    sink: &'a dyn Sink,
    diagnostics: &'a Diagnostics,
}

impl<'a> SinkOutput<'a> {
    pub fn new(sink: &'a dyn Sink, diagnostics: &'a Diagnostics) -> Self {
        Self { sink, diagnostics }
    }
}

impl Emit for SinkOutput<'_> {
    fn emit(&self, path: &str, bytes: &[u8]) {
        let written = self.sink.write(path, bytes);
        self.report(path, written);
    }

    fn emit_owned(&self, path: &str, text: String) {
        let written = self.sink.write_owned(path, text.into_bytes());
        self.report(path, written);
    }
}

impl SinkOutput<'_> {
    /// A failed write becomes an error naming the file.
    fn report(&self, path: &str, written: anyhow::Result<()>) {
        if let Err(e) = written {
            self.diagnostics.push(
                Diagnostic::error(Path::new(path), format!("{e:#}")).hint(static_files::WRITE_HINT),
            );
        }
    }
}

#[cfg(test)]
mod tests;
