//! The loaded site and its page inventory: what `build`, `check` and
//! `serve` share. `load` reads everything and plans every output file;
//! `render` produces the files into a sink.
//!
//! Data flows one way: config and content are loaded (`config`, `content`),
//! the inventory is planned here, the renderers (`render`, `output`'s
//! producers) turn the loaded site into bytes, and a sink writes them.

pub mod inventory;

use crate::config;
use crate::content::theme_files::{self, StaticFile};
use crate::content::{self, Drafts};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::routes::Routes;
use crate::model::site::Site;
use crate::output::sink::Sink;
use crate::output::static_files;
use crate::render::site::{RenderStats, SiteRenderer};
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
    check_kinds(&config, diagnostics);
    let routes = Routes::new(
        base_url.or(config.site_url.as_deref()),
        &config.default_language().code,
    );
    let static_files = theme_files::list_static(&config.root, diagnostics);
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
    pub fn renderer<'a>(&'a self, diagnostics: &'a Diagnostics) -> SiteRenderer<'a> {
        SiteRenderer::new(
            &self.config,
            &self.site,
            &self.routes,
            &self.templates,
            &self.inventory,
            diagnostics,
        )
    }

    /// What the publishing producers read.
    pub fn publication(&self) -> crate::output::publish::Publication<'_> {
        crate::output::publish::Publication {
            config: &self.config,
            site: &self.site,
            routes: &self.routes,
        }
    }

    /// Plans the output again after `serve` changed the content or the
    /// static files; collisions the change made are reported.
    pub fn replan(&mut self, diagnostics: &Diagnostics) {
        self.static_files = theme_files::list_static(&self.config.root, diagnostics);
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

/// Renders `loaded` into `sink`: the pages, the publishing files (feeds,
/// sitemap, search index, open data) and the static files. Pages and the
/// publishing files are disjoint, so they run side by side.
pub fn render(loaded: &Loaded, sink: &dyn Sink, diagnostics: &Diagnostics) -> RenderStats {
    let render_pages = || loaded.renderer(diagnostics).render_all(sink);
    let publish = || crate::output::publish::write(loaded.publication(), sink, diagnostics);
    let (stats, ()) = rayon::join(render_pages, publish);
    static_files::copy(&loaded.static_files, sink, diagnostics);
    stats
}
