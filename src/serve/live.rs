//! The site as `serve` keeps it between edits, and the incremental rebuild.
//!
//! Takes batches of `Change`s; returns the output files to serve, or the
//! errors that stopped the rebuild. What is re-done for each change:
//!
//! - an event file: only that event's files are re-read (`load_event`) and
//!   the event is swapped into the loaded `Site` in place; then only the pages
//!   that show it are rendered again: its own pages in every language, its
//!   neighbours before and after the edit (previous/next links), the
//!   timelines, its kind pages and its tag pages. An edit that adds or
//!   removes an event, changes its kind or drops a tag (a page may vanish)
//!   renders every page instead. The edited pages are served first; the
//!   pages that list events and the publishing files (feeds, search index,
//!   sitemap, open data: re-made whole) follow in a second step;
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

use crate::config::Config;
use crate::content::discover;
use crate::content::load::{load_event, Drafts};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::site::{Event, Section, Site};
use crate::model::tags::TagSlugs;
use crate::output::sink::{MemorySink, Sink};
use crate::output::static_files;
use crate::render::site::Job;
use crate::render::templates::Templates;
use crate::serve::watch::Change;
use crate::site::{self, Loaded};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The templates pages are rendered with, one per kind of page.
const ENTRY_TEMPLATES: &[&str] = &[
    "index.html",
    "event.html",
    "page.html",
    "docs.html",
    "list.html",
    "search.html",
    "404.html",
];

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
    pub scope: String,
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
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
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
        // `site::render` renders every page and the publishing files.
        let stats = site::render(&loaded, &sink, diagnostics);
        self.listings = None;
        if diagnostics.has_errors() {
            return None;
        }
        let base_path = loaded.routes.base_path().to_string();
        self.loaded = Some(loaded);
        Some(Output {
            files: sink.into_files(),
            removed: Vec::new(),
            replace_all: true,
            base_path,
            pages: stats.pages,
            scope: "everything".into(),
            css_only: false,
        })
    }

    /// The incremental path: `loaded` exists and book.toml did not change.
    fn apply(&mut self, changes: &BTreeSet<Change>, diagnostics: &Diagnostics) -> Option<Output> {
        let root = self.root.clone();
        let drafts = self.drafts;
        let loaded = self.loaded.as_mut()?;
        let mut plan = Plan::default();
        let mut undo = Undo::default();
        if !reload_templates(&root, loaded, changes, &mut plan, &mut undo, diagnostics)
            || !reload_content(loaded, drafts, changes, &mut plan, &mut undo, diagnostics)
        {
            undo.apply(loaded);
            return None;
        }
        // The page list may have changed (a new event, tag or static file):
        // plan it again, so a collision the edit made is reported.
        loaded.replan(diagnostics);
        if diagnostics.has_errors() {
            undo.apply(loaded);
            loaded.replan(&Diagnostics::new());
            return None;
        }
        if let Some(earlier) = self.listings.take() {
            plan.merge(earlier);
        }
        let listings = plan.split_listings();
        let sink = MemorySink::new();
        let pages = render(loaded, &plan, &sink, diagnostics);
        let static_names: Vec<&String> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Static(name) => Some(name),
                _ => None,
            })
            .collect();
        let removed = if plan.everything {
            Vec::new() // render() copied every static file
        } else {
            copy_static(&root, &static_names, &sink, diagnostics)
        };
        if diagnostics.has_errors() {
            undo.apply(loaded);
            loaded.replan(&Diagnostics::new());
            // The listings of earlier edits still have to be rendered.
            self.listings = listings;
            return None;
        }
        let mut scope = plan.describe();
        if listings.is_some() {
            scope.push("the pages that list events next".into());
        }
        self.listings = listings;
        let css_only = !static_names.is_empty()
            && changes.len() == static_names.len()
            && static_names.iter().all(|n| n.ends_with(".css"));
        if !static_names.is_empty() && !plan.everything {
            let names: Vec<String> = static_names.iter().map(|n| format!("static/{n}")).collect();
            scope.push(format!("copied {}", names.join(", ")));
        }
        Some(Output {
            files: sink.into_files(),
            removed,
            replace_all: plan.everything,
            base_path: loaded.routes.base_path().to_string(),
            pages,
            scope: scope.join("; "),
            css_only,
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
        let pages = render(loaded, &plan, &sink, &diagnostics);
        let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = diagnostics
            .sorted()
            .into_iter()
            .partition(Diagnostic::is_error);
        if !errors.is_empty() {
            // The edit itself is already served; rebuild everything with
            // the next change, so the listings catch up once fixed.
            self.pending.insert(Change::ContentTree);
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
                scope: plan.describe().join("; "),
                css_only: false,
            }),
            warnings,
        }
    }
}

/// Reloads the templates when one changed; false when they do not parse.
fn reload_templates(
    root: &Path,
    loaded: &mut Loaded,
    changes: &BTreeSet<Change>,
    plan: &mut Plan,
    undo: &mut Undo,
    diagnostics: &Diagnostics,
) -> bool {
    let names: Vec<&String> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Template(name) => Some(name),
            _ => None,
        })
        .collect();
    if names.is_empty() {
        return true;
    }
    let Some(fresh) = Templates::load(&loaded.config, diagnostics) else {
        return false;
    };
    undo.templates = Some(std::mem::replace(&mut loaded.templates, fresh));
    for name in names {
        plan.template_changed(root, name);
    }
    true
}

/// Re-reads changed content; false when that found errors.
fn reload_content(
    loaded: &mut Loaded,
    drafts: Drafts,
    changes: &BTreeSet<Change>,
    plan: &mut Plan,
    undo: &mut Undo,
    diagnostics: &Diagnostics,
) -> bool {
    let mut whole = changes.contains(&Change::ContentTree);
    // Slug → the files that may hold it: the changed ones (any subfolder,
    // a rename's old and new name) and the ones it was loaded from.
    let mut slugs: BTreeMap<String, BTreeSet<PathBuf>> = BTreeMap::new();
    for change in changes {
        if let Change::Content(path) = change {
            match sort_content(&loaded.config, path, diagnostics) {
                ContentEdit::Event(slug) => {
                    slugs.entry(slug).or_default().insert(path.clone());
                }
                ContentEdit::Other => whole = true,
                ContentEdit::Nothing => {}
            }
        }
    }
    let mut fresh_events = Vec::new();
    for (slug, mut paths) in slugs {
        if whole {
            break;
        }
        if let Some(event) = loaded.site.events.iter().find(|e| e.slug == slug) {
            paths.extend(event.texts.values().map(|t| t.source.path.clone()));
        }
        match load_event(&loaded.config, &slug, &paths, drafts, diagnostics) {
            Ok(fresh) => fresh_events.push((slug, fresh)),
            // Two files of one language: the full load names both.
            Err(()) => whole = true,
        }
    }
    if whole {
        let site = crate::content::load(&loaded.config, drafts, diagnostics);
        undo.site = Some(std::mem::replace(&mut loaded.site, site));
        plan.everything = true;
    } else {
        for (slug, fresh) in fresh_events {
            let neighbours_before = neighbours(&loaded.site, &slug);
            let slugs_before = loaded.site.tag_slugs.clone();
            undo.tag_slugs.get_or_insert_with(|| slugs_before.clone());
            let before = loaded
                .site
                .events
                .iter()
                .find(|e| e.slug == slug)
                .map(|e| Facts::of(e, &loaded.config, &slugs_before));
            let old = loaded.site.replace_event(&slug, fresh);
            crate::content::assign_tag_slugs(&loaded.config, &mut loaded.site, diagnostics);
            if loaded.site.tag_slugs.moves_any_of(&slugs_before) {
                // A tag collision appeared or went away: other events'
                // tag links change too.
                plan.everything = true;
            }
            let after = loaded
                .site
                .events
                .iter()
                .find(|e| e.slug == slug)
                .map(|e| Facts::of(e, &loaded.config, &loaded.site.tag_slugs));
            let mut shown_on = neighbours_before;
            shown_on.extend(neighbours(&loaded.site, &slug));
            plan.event_changed(&slug, before, after, shown_on);
            undo.events.push((slug, old));
        }
    }
    !diagnostics.has_errors()
}

/// Renders what `plan` selects into `sink`; returns the page count.
fn render(loaded: &Loaded, plan: &Plan, sink: &dyn Sink, diagnostics: &Diagnostics) -> usize {
    if !plan.everything && !plan.renders_pages() {
        return 0;
    }
    let renderer = loaded.renderer(diagnostics);
    let stats = if plan.everything {
        renderer.render_all(sink)
    } else {
        match plan.jobs(&loaded.site, &loaded.config) {
            Some(jobs) => renderer.render_only(sink, &jobs),
            None => renderer.render_jobs(sink, &|job| plan.selects(job, &loaded.site)),
        }
    };
    if plan.everything || plan.publish {
        publish(loaded, sink, diagnostics);
    }
    if plan.everything {
        static_files::copy(&loaded.static_files, sink, diagnostics);
    }
    stats.pages
}

/// Writes the whole-site outputs (feeds, search index, sitemap, open
/// data): they depend on every event, so they are produced whole after
/// every rebuild that renders pages.
fn publish(loaded: &Loaded, sink: &dyn Sink, diagnostics: &Diagnostics) {
    crate::output::publish::write(loaded.publication(), sink, diagnostics);
}

/// Copies changed static files alone; returns the names that are gone.
fn copy_static(
    root: &Path,
    names: &[&String],
    sink: &dyn Sink,
    diagnostics: &Diagnostics,
) -> Vec<String> {
    let mut removed = Vec::new();
    for name in names {
        let path = root.join("static").join(name);
        if path.is_dir() {
            // A folder appeared or was moved in: copy the whole static tree.
            static_files::copy(&static_files::list(root, diagnostics), sink, diagnostics);
            continue;
        }
        match static_files::read_one(root, name) {
            Ok(Some(bytes)) => {
                if let Err(e) = sink.write(name, &bytes) {
                    diagnostics.push(Diagnostic::error(&path, format!("{e:#}")));
                }
            }
            Ok(None) => removed.push(name.to_string()),
            Err(e) => diagnostics.push(Diagnostic::error(&path, format!("{e:#}"))),
        }
    }
    removed
}

/// What a changed content path is.
enum ContentEdit {
    Event(String),
    /// A page, docs or data file.
    Other,
    /// Not content (and a build would say so only if it still exists).
    Nothing,
}

fn sort_content(
    config: &crate::config::Config,
    path: &Path,
    diagnostics: &Diagnostics,
) -> ContentEdit {
    // A deleted file's name problems were reported when it existed.
    let quiet = Diagnostics::new();
    let report = if path.exists() { diagnostics } else { &quiet };
    let found = discover::classify_file(config, path, report);
    match found.sources.first() {
        Some(source) if source.section == Section::Events => {
            ContentEdit::Event(source.slug.clone())
        }
        Some(_) => ContentEdit::Other,
        None if !found.data.is_empty() => ContentEdit::Other,
        None => ContentEdit::Nothing,
    }
}

/// The slugs of the events before and after `slug` in timeline order.
fn neighbours(site: &Site, slug: &str) -> BTreeSet<String> {
    let Some(i) = site.events.iter().position(|e| e.slug == slug) else {
        return BTreeSet::new();
    };
    let before = i.checked_sub(1).and_then(|p| site.events.get(p));
    let after = site.events.get(i + 1);
    before
        .into_iter()
        .chain(after)
        .map(|e| e.slug.clone())
        .collect()
}

/// What of an event decides which other pages show it, and how.
#[derive(PartialEq)]
struct Facts {
    kind: String,
    /// (language index, tag slug): the tag pages that list the event, per
    /// language (an untranslated event is listed with its fallback text).
    tags: BTreeSet<(usize, String)>,
    /// Everything a timeline entry or a previous/next link shows, and
    /// what decides its place: when it is unchanged (an edit of the body
    /// or the sources), only the event's own pages change.
    listing: String,
}

impl Facts {
    fn of(event: &Event, config: &Config, tag_slugs: &TagSlugs) -> Self {
        let default_lang = &config.default_language().code;
        let texts: Vec<String> = event
            .texts
            .iter()
            .map(|(lang, t)| {
                format!(
                    "{lang}|{}|{}|{:?}|{:?}",
                    t.title, t.summary, t.place, t.tags
                )
            })
            .collect();
        Self {
            kind: event.kind.clone(),
            tags: config
                .languages
                .iter()
                .enumerate()
                .flat_map(|(l, language)| {
                    let (text, _) = event.text_for(&language.code, default_lang);
                    text.tags
                        .iter()
                        .map(move |tag| (l, tag_slugs.slug(&language.code, tag)))
                })
                .collect(),
            listing: format!(
                "{:?}|{:?}|{}|{}|{}",
                event.date,
                event.end_date,
                event.weight,
                event.kind,
                texts.join("\n")
            ),
        }
    }
}

/// Which pages a rebuild renders.
#[derive(Default)]
struct Plan {
    /// Every page and static file: the output is replaced whole.
    everything: bool,
    /// Entry templates whose pages are all rendered.
    entries: BTreeSet<&'static str>,
    events: BTreeSet<String>,
    kinds: BTreeSet<String>,
    tags: BTreeSet<(usize, String)>,
    timelines: bool,
    /// The feeds, search index, sitemap and open data: they hold every
    /// event's text, so any event edit writes them again, whole.
    publish: bool,
}

impl Plan {
    fn event_changed(
        &mut self,
        slug: &str,
        before: Option<Facts>,
        after: Option<Facts>,
        shown_on: BTreeSet<String>,
    ) {
        let (Some(before), Some(after)) = (before, after) else {
            // Added or removed: counts, menus and links change everywhere.
            self.everything = true;
            return;
        };
        if before.kind != after.kind || !before.tags.is_subset(&after.tags) {
            // A kind or tag page may have lost its last event.
            self.everything = true;
            return;
        }
        self.events.insert(slug.to_string());
        self.publish = true;
        if before == after {
            return;
        }
        self.events.extend(shown_on);
        self.kinds.insert(after.kind);
        self.tags.extend(after.tags);
        self.timelines = true;
    }

    /// Selects the pages of every entry template that is, or names, `name`.
    fn template_changed(&mut self, root: &Path, name: &str) {
        let users: Vec<&'static str> = ENTRY_TEMPLATES
            .iter()
            .copied()
            .filter(|entry| *entry == name || names_template(root, entry, name))
            .collect();
        if users.is_empty() {
            // base.html, or a partial reached through another one.
            self.entries.extend(ENTRY_TEMPLATES);
        } else {
            self.entries.extend(users);
        }
    }

    /// Moves the timelines, kind and tag pages and the publishing files into
    /// a plan of their own (`None` when there are none, or everything is
    /// rendered anyway).
    fn split_listings(&mut self) -> Option<Plan> {
        if self.everything || !(self.timelines || self.publish) {
            return None;
        }
        Some(Plan {
            timelines: std::mem::take(&mut self.timelines),
            publish: std::mem::take(&mut self.publish),
            kinds: std::mem::take(&mut self.kinds),
            tags: std::mem::take(&mut self.tags),
            ..Plan::default()
        })
    }

    fn merge(&mut self, other: Plan) {
        self.everything |= other.everything;
        self.timelines |= other.timelines;
        self.publish |= other.publish;
        self.entries.extend(other.entries);
        self.events.extend(other.events);
        self.kinds.extend(other.kinds);
        self.tags.extend(other.tags);
    }

    fn renders_pages(&self) -> bool {
        !self.entries.is_empty() || !self.events.is_empty() || self.timelines || self.publish
    }

    /// The pages to render, listed directly from the plan (no need to
    /// enumerate the whole site); `None` when a template change asks for
    /// every page of some kind.
    fn jobs<'s>(&self, site: &'s Site, config: &Config) -> Option<Vec<Job<'s>>> {
        if !self.entries.is_empty() {
            return None;
        }
        let mut jobs = Vec::new();
        let positions: Vec<usize> = site
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| self.events.contains(&e.slug))
            .map(|(i, _)| i)
            .collect();
        for l in 0..config.languages.len() {
            if self.timelines {
                jobs.push(Job::Index(l));
            }
            jobs.extend(positions.iter().map(|&i| Job::Event(l, i)));
            jobs.extend(self.kinds.iter().map(|k| Job::Kind(l, k.clone())));
        }
        jobs.extend(self.tags.iter().map(|(l, t)| Job::Tag(*l, t.clone())));
        Some(jobs)
    }

    fn selects(&self, job: &Job<'_>, site: &Site) -> bool {
        let entry = |name: &str| self.entries.contains(name);
        match job {
            Job::Index(_) => self.timelines || entry("index.html"),
            Job::Event(_, i) => {
                entry("event.html")
                    || site
                        .events
                        .get(*i)
                        .is_some_and(|e| self.events.contains(&e.slug))
            }
            Job::Page(_, page) => match page.section {
                Section::Docs => entry("docs.html"),
                _ => entry("page.html"),
            },
            Job::Kind(_, kind) => entry("list.html") || self.kinds.contains(kind),
            Job::Tag(l, tag) => entry("list.html") || self.tags.contains(&(*l, tag.clone())),
            Job::Search(_) => entry("search.html"),
            Job::NotFound => entry("404.html"),
        }
    }

    /// What was rendered, for the terminal.
    fn describe(&self) -> Vec<String> {
        if self.everything {
            return vec!["every page".into()];
        }
        let mut parts = Vec::new();
        if !self.entries.is_empty() {
            let list: Vec<&str> = self.entries.iter().copied().collect();
            parts.push(format!("pages using {}", list.join(", ")));
        }
        if !self.events.is_empty() {
            parts.push(format!("{} event(s)", self.events.len()));
        }
        if self.timelines {
            parts.push(format!(
                "the timelines, {} kind and {} tag page(s)",
                self.kinds.len(),
                self.tags.len()
            ));
        }
        if self.publish {
            parts.push("the feeds, search index and sitemap".into());
        }
        parts
    }
}

/// True when template `entry` reaches `name` through `include`, `extends`
/// or `import`, directly or through other templates: a partial two steps
/// down changes the page as much as one named in it.
fn names_template(root: &Path, entry: &str, name: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut next = vec![entry.to_string()];
    while let Some(current) = next.pop() {
        if !seen.insert(current.clone()) {
            continue;
        }
        let source = template_source(root, &current);
        for named in named_templates(&source) {
            if named == name {
                return true;
            }
            next.push(named);
        }
    }
    false
}

/// A template's text: the site's copy, else the built-in theme's.
fn template_source(root: &Path, name: &str) -> String {
    let site_file = root.join("templates").join(name);
    if site_file.is_file() {
        crate::fs::read_to_string(&site_file).unwrap_or_default()
    } else {
        crate::theme::TEMPLATES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| text.to_string())
            .unwrap_or_default()
    }
}

/// The quoted `.html` names in a template's tags: what it includes,
/// extends or imports.
fn named_templates(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    for tag in source.split("{%").skip(1) {
        let tag = tag.split("%}").next().unwrap_or_default();
        for quote in ['"', '\'', '`'] {
            let mut parts = tag.split(quote);
            parts.next();
            while let Some(inside) = parts.next() {
                if inside.ends_with(".html") {
                    names.push(inside.to_string());
                }
                parts.next();
            }
        }
    }
    names
}

/// How to put the model back after a failed rebuild.
#[derive(Default)]
struct Undo {
    templates: Option<Templates>,
    site: Option<Site>,
    /// (slug, the event before the edit), in the order applied.
    events: Vec<(String, Option<Event>)>,
    /// The tag slugs before the events above were replaced.
    tag_slugs: Option<TagSlugs>,
}

impl Undo {
    fn apply(self, loaded: &mut Loaded) {
        for (slug, old) in self.events.into_iter().rev() {
            loaded.site.replace_event(&slug, old);
        }
        if let Some(tag_slugs) = self.tag_slugs {
            loaded.site.tag_slugs = tag_slugs;
        }
        if let Some(site) = self.site {
            loaded.site = site;
        }
        if let Some(templates) = self.templates {
            loaded.templates = templates;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::files::SiteFiles;

    /// A temp copy of tests/fixtures/<name>, with its absolute root.
    fn fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let dir = tempfile::tempdir().unwrap();
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let target = dir.path().join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
        let root = dir.path().canonicalize().unwrap();
        (dir, root)
    }

    /// What a fresh `serve` (a full build) would serve for the site as it is now.
    fn fresh(root: &Path) -> BTreeMap<String, Vec<u8>> {
        let files = SiteFiles::new();
        let output = LiveSite::new(root.to_path_buf(), Drafts::Exclude)
            .rebuild(BTreeSet::new())
            .result
            .unwrap_or_else(|e| panic!("{e:?}"));
        files.apply(output);
        files.snapshot()
    }

    /// Serves `root`, then edits: each edit writes files and names its changes.
    struct Session {
        root: PathBuf,
        live: LiveSite,
        files: SiteFiles,
        last_pages: usize,
    }

    impl Session {
        fn start(root: &Path) -> Self {
            let mut live = LiveSite::new(root.to_path_buf(), Drafts::Exclude);
            let files = SiteFiles::new();
            files.apply(live.rebuild(BTreeSet::new()).result.unwrap());
            Self {
                root: root.to_path_buf(),
                live,
                files,
                last_pages: 0,
            }
        }

        /// Writes `text` to `relative` and rebuilds; returns whether it
        /// succeeded and whether it replaced everything.
        fn edit(&mut self, relative: &str, text: &str) -> Result<bool, Vec<Diagnostic>> {
            self.edit_all(&[(relative, text)])
        }

        /// Writes several files, then rebuilds them as one batch.
        fn edit_all(&mut self, edits: &[(&str, &str)]) -> Result<bool, Vec<Diagnostic>> {
            let mut changes = BTreeSet::new();
            for (relative, text) in edits {
                let path = self.root.join(relative);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, text).unwrap();
                changes.insert(
                    crate::serve::watch::classify(&self.root, Path::new("content"), &path)
                        .expect("a site file"),
                );
            }
            let output = self.live.rebuild(changes).result?;
            let everything = output.replace_all;
            self.last_pages = output.pages;
            self.files.apply(output);
            while self.live.has_listings() {
                let listings = self.live.rebuild_listings().result?;
                self.last_pages += listings.pages;
                self.files.apply(listings);
            }
            Ok(everything)
        }

        /// Moves `from` to `to` (either may be in a subfolder) and rebuilds
        /// both names as one batch, as the watcher reports a rename.
        fn rename(&mut self, from: &str, to: &str) -> Result<bool, Vec<Diagnostic>> {
            let (from, to) = (self.root.join(from), self.root.join(to));
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::rename(&from, &to).unwrap();
            let changes = [from, to]
                .iter()
                .map(|p| {
                    crate::serve::watch::classify(&self.root, Path::new("content"), p).unwrap()
                })
                .collect();
            let output = self.live.rebuild(changes).result?;
            self.files.apply(output);
            while self.live.has_listings() {
                let listings = self.live.rebuild_listings().result?;
                self.files.apply(listings);
            }
            Ok(false)
        }

        fn read(&self, relative: &str) -> String {
            std::fs::read_to_string(self.root.join(relative)).unwrap()
        }

        #[track_caller]
        fn assert_same_as_full_build(&self) {
            let incremental = self.files.snapshot();
            let full = fresh(&self.root);
            let differ: Vec<&String> = full
                .keys()
                .chain(incremental.keys())
                .filter(|k| full.get(*k) != incremental.get(*k))
                .collect();
            assert!(differ.is_empty(), "differ from a full build: {differ:?}");
        }
    }

    const EVENT: &str = "content/events/2021-declaration.uz.md";
    const EN_EVENT: &str = "content/events/2021-declaration.en.md";

    #[test]
    fn an_event_edit_renders_only_its_pages_and_matches_a_full_build() {
        let (_dir, root) = fixture("minimal");
        let mut session = Session::start(&root);
        let text = session.read(EVENT);
        let body_only = format!("{text}\nYana bir jumla.\n");
        assert_eq!(session.edit(EVENT, &body_only), Ok(false));
        assert_eq!(session.last_pages, 2, "the event's page in uz and en alone");
        session.assert_same_as_full_build();
        let edited = text.replace("Deklaratsiya imzolandi.", "Yangi xulosa.");
        assert_eq!(session.edit(EVENT, &edited), Ok(false), "incremental");
        assert!(session.last_pages > 2, "the timelines show the summary");
        session.assert_same_as_full_build();
        // A new date moves the event past its neighbour: both pages change.
        let en_text = session.read(EN_EVENT).replace("2021-12-06", "2023-01-05");
        let uz_text = edited.replace("2021-12-06", "2023-01-05");
        let moved = session.edit_all(&[(EVENT, &uz_text), (EN_EVENT, &en_text)]);
        assert_eq!(moved, Ok(false));
        session.assert_same_as_full_build();
    }

    #[test]
    fn events_in_subfolders_and_renames_match_a_full_build() {
        let (_dir, root) = fixture("minimal");
        let mut session = Session::start(&root);
        let uz = "content/events/2024/2024-meeting.uz.md";
        let en = "content/events/english/2024-meeting.en.md";
        let body = |title: &str| {
            format!(
                "---\ntitle: {title}\ndate: 2024-05-01\nkind: visit\nsummary: S.\n---\n{title}.\n"
            )
        };
        // New files in two subfolders pair into one event.
        session.edit(uz, &body("Uchrashuv")).unwrap();
        session.edit(en, &body("Meeting")).unwrap();
        session.assert_same_as_full_build();
        // An edit is read from the subfolder (it used to 404 the page).
        session.edit(uz, &body("Muzokaralar")).unwrap();
        session.assert_same_as_full_build();
        let page = |session: &Session, path: &str| {
            String::from_utf8_lossy(&session.files.snapshot()[path]).to_string()
        };
        assert!(page(&session, "events/2024-meeting/index.html").contains("Muzokaralar."));
        // Moved to another folder: the same event.
        session
            .rename(uz, "content/events/archive/2024-meeting.uz.md")
            .unwrap();
        session.assert_same_as_full_build();
        assert!(page(&session, "events/2024-meeting/index.html").contains("Muzokaralar."));
        // Renamed to a new slug: the Uzbek text leaves, the English stays.
        session
            .rename(
                "content/events/archive/2024-meeting.uz.md",
                "content/events/archive/2024-talks.uz.md",
            )
            .unwrap();
        session.assert_same_as_full_build();
        assert!(page(&session, "events/2024-meeting/index.html").contains("Meeting."));
        assert!(page(&session, "events/2024-talks/index.html").contains("Muzokaralar."));
    }

    #[test]
    fn a_template_reached_through_a_chain_counts_as_used() {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("templates/partials");
        std::fs::create_dir_all(&templates).unwrap();
        let write = |name: &str, text: &str| {
            std::fs::write(dir.path().join("templates").join(name), text).unwrap()
        };
        write(
            "event.html",
            "{% extends \"base.html\" %}{% include 'partials/meta.html' %}",
        );
        write("partials/meta.html", "{% include \"partials/date.html\" %}");
        write("partials/date.html", "date");
        write("page.html", "{% extends \"base.html\" %}");
        assert!(names_template(
            dir.path(),
            "event.html",
            "partials/date.html"
        ));
        assert!(names_template(
            dir.path(),
            "event.html",
            "partials/meta.html"
        ));
        assert!(!names_template(
            dir.path(),
            "page.html",
            "partials/date.html"
        ));
        // A loop between templates ends.
        write("partials/date.html", "{% include \"partials/meta.html\" %}");
        assert!(!names_template(
            dir.path(),
            "page.html",
            "partials/none.html"
        ));
        assert!(!names_template(
            dir.path(),
            "event.html",
            "partials/none.html"
        ));
    }

    #[test]
    fn tag_and_kind_changes_match_a_full_build() {
        let (_dir, root) = fixture("minimal");
        let mut session = Session::start(&root);
        let text = session.read(EVENT);
        let more_tags = text.replace("[\"ittifoqchilik\"]", "[\"ittifoqchilik\", \"chegara\"]");
        assert_eq!(session.edit(EVENT, &more_tags), Ok(false), "a new tag page");
        session.assert_same_as_full_build();
        assert_eq!(session.edit(EVENT, &text), Ok(true), "a tag page goes");
        session.assert_same_as_full_build();
        // An untranslated event is listed on the other language's tag pages too.
        let untranslated = "content/events/2022-treaty.uz.md";
        let treaty = session.read(untranslated);
        let tagged = treaty.replacen("kind: treaty", "kind: treaty\ntags: [\"chegara\"]", 1);
        assert_eq!(session.edit(untranslated, &tagged), Ok(false));
        session.assert_same_as_full_build();
        let visit = text.replace("kind: treaty", "kind: visit");
        let en_visit = session
            .read(EN_EVENT)
            .replace("kind: treaty", "kind: visit");
        let moved = session.edit_all(&[(EVENT, &visit), (EN_EVENT, &en_visit)]);
        assert_eq!(moved, Ok(true), "the treaty kind page goes");
        session.assert_same_as_full_build();
    }

    #[test]
    fn new_and_deleted_events_match_a_full_build() {
        let (_dir, root) = fixture("minimal");
        let mut session = Session::start(&root);
        let new = "content/events/2024-meeting.uz.md";
        let text = "---\ntitle: \"Uchrashuv\"\ndate: 2024-03-01\nkind: visit\nsummary: \"Qisqa.\"\n---\n\nMatn.\n";
        assert_eq!(session.edit(new, text), Ok(true));
        session.assert_same_as_full_build();
        std::fs::remove_file(root.join(new)).unwrap();
        let change = Change::Content(root.join(new));
        let output = session
            .live
            .rebuild(BTreeSet::from([change]))
            .result
            .unwrap();
        session.files.apply(output);
        session.assert_same_as_full_build();
        assert!(session
            .files
            .get("events/2024-meeting/index.html")
            .is_none());
    }

    #[test]
    fn template_edits_match_a_full_build() {
        let (_dir, root) = fixture("minimal");
        let mut session = Session::start(&root);
        let event_html = crate::theme::TEMPLATES
            .iter()
            .find(|(n, _)| *n == "event.html")
            .unwrap()
            .1;
        let marked = format!("{event_html}{{# edited #}}");
        assert_eq!(session.edit("templates/event.html", &marked), Ok(false));
        session.assert_same_as_full_build();
        let base = crate::theme::TEMPLATES
            .iter()
            .find(|(n, _)| *n == "base.html")
            .unwrap()
            .1
            .replace("<body", "<body data-edited");
        assert_eq!(session.edit("templates/base.html", &base), Ok(false));
        assert!(
            String::from_utf8(session.files.get("404.html").unwrap().to_vec())
                .unwrap()
                .contains("data-edited")
        );
        session.assert_same_as_full_build();
    }

    #[test]
    fn a_failed_edit_is_undone_and_retried_with_the_next_one() {
        let (_dir, root) = fixture("minimal");
        let mut session = Session::start(&root);
        let before = session.files.snapshot();
        let good = session.read(EVENT);
        let errors = session
            .edit(EVENT, &good.replace("kind: treaty", "kind: nonsense"))
            .unwrap_err();
        assert!(
            errors.iter().any(|e| e.message.contains("unknown kind")),
            "{errors:?}"
        );
        assert_eq!(session.files.snapshot(), before, "the last good site stays");
        // Fixing the file alone (no other change) is enough.
        assert_eq!(
            session.edit(EVENT, &good.replace("imzolandi", "tuzatildi")),
            Ok(false)
        );
        session.assert_same_as_full_build();
    }

    /// Issue 13: an edit that breaks a link or an anchor is an error under
    /// `serve` too, and the last good site stays.
    #[test]
    fn an_edit_with_a_broken_link_is_an_error_and_keeps_the_site() {
        let (_dir, root) = fixture("minimal");
        let mut session = Session::start(&root);
        let before = session.files.snapshot();
        let good = session.read(EVENT);
        for (broken, message) in [
            (
                "[x](/en/events/2022-traety/)",
                "this site has no page `/en/events/2022-traety/`",
            ),
            (
                "[x](/img/none.png)",
                "this site publishes no file `/img/none.png`",
            ),
            ("[x](#nowhere)", "no heading with the id `nowhere`"),
        ] {
            let errors = session
                .edit(EVENT, &format!("{good}\n\n{broken}\n"))
                .unwrap_err();
            assert!(
                errors.iter().any(|e| e.message.contains(message)),
                "{broken}: {errors:?}"
            );
            assert_eq!(session.files.snapshot(), before, "the last good site stays");
        }
        let fixed = format!("{good}\n\n[x](/events/2022-treaty/)\n");
        assert!(session.edit(EVENT, &fixed).is_ok());
        session.assert_same_as_full_build();
    }
}
