//! Renders the whole site: every (item, language) pair in parallel, plus
//! the timeline, kind and tag pages, the 404 page and static files.
//!
//! Takes the loaded model and the templates; hands each file to the
//! caller's `Emit` as soon as it is rendered and writes nothing itself.
//! Problems become diagnostics; rendering goes on so one run reports them all.

use crate::config::{Config, Language};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::listing;
use crate::model::routes::{
    Routes, CODE_STYLESHEET, NOT_FOUND_FILE, SCRIPT, SEARCH_INDEX_FILE, SEARCH_SCRIPT, STYLESHEET,
};
use crate::model::site::{text_lang, Event, Page, Section, Site};
use crate::render::dates::DateFormatter;
use crate::render::emit::Emit;
use crate::render::files::search_index::Scope;
use crate::render::link_index::LinkIndex;
use crate::render::link_targets::Published;
use crate::render::links::ContentLinks;
use crate::render::markdown::{self, LinkProblem, MarkdownOptions, Rendered};
use crate::render::summary_values::{EventBodyView, SummaryValues};
use crate::render::templates::Templates;
use crate::render::view::*;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

/// One rendered file: its output path and its HTML, or why it failed.
type Output = (String, Result<String, Diagnostic>);

/// Everything a render needs, shared by all pages.
pub struct SiteRenderer<'a> {
    pub config: &'a Config,
    pub site: &'a Site,
    pub routes: &'a Routes,
    pub templates: &'a Templates,
    pub diagnostics: &'a Diagnostics,
    links: LinkIndex<'a>,
    any_code: AtomicBool,
}

/// Per-language data computed once and shared by that language's pages.
struct LanguageContext<'a> {
    language: &'a Language,
    base: tera::Context,
    /// One per event, made on first use: a rebuild of one event page
    /// (`serve`) summarises that event and its neighbours, not all of them.
    summaries: Vec<OnceLock<EventSummaryView>>,
    /// Tag slug → display name, made once (every tag page needs it).
    tags: OnceLock<BTreeMap<String, String>>,
    /// The summaries as Tera values, made on first use and shared by
    /// event and list pages.
    summary_values: SummaryValues,
    kinds: Vec<KindView>,
    eras: Vec<EraView>,
}

/// How many files a render wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    pub pages: usize,
}

impl<'a> SiteRenderer<'a> {
    pub fn new(
        config: &'a Config,
        site: &'a Site,
        routes: &'a Routes,
        templates: &'a Templates,
        published: &'a dyn Published,
        diagnostics: &'a Diagnostics,
    ) -> Self {
        Self {
            config,
            site,
            routes,
            templates,
            diagnostics,
            links: LinkIndex::new(
                site,
                routes,
                config.languages.iter().map(|l| l.code.clone()).collect(),
                &config.default_language().code,
                published,
            ),
            any_code: AtomicBool::new(false),
        }
    }

    /// Renders every page into `out` (static files are the caller's).
    pub fn render_all(&self, out: &dyn Emit) -> RenderStats {
        self.render_jobs(out, &|_| true)
    }

    /// Renders only the pages `select` picks (`serve` re-renders what an
    /// edit touched); static files are left to the caller.
    pub fn render_jobs(
        &self,
        out: &dyn Emit,
        select: &(dyn Fn(&Job<'_>) -> bool + Sync),
    ) -> RenderStats {
        let contexts = self.contexts();
        let mut jobs: Vec<Job<'_>> = Vec::new();
        for (lang_index, _) in contexts.iter().enumerate() {
            jobs.push(Job::Index(lang_index));
            jobs.push(Job::Search(lang_index, Scope::Readers));
            if !self.site.docs.is_empty() {
                jobs.push(Job::Search(lang_index, Scope::Docs));
            }
            jobs.extend((0..self.site.events.len()).map(|i| Job::Event(lang_index, i)));
            jobs.extend(self.site.pages.iter().map(|p| Job::Page(lang_index, p)));
            jobs.extend(self.site.docs.iter().map(|p| Job::Page(lang_index, p)));
            jobs.extend(
                contexts[lang_index]
                    .kinds
                    .iter()
                    .filter(|k| k.count > 0)
                    .map(|k| Job::Kind(lang_index, k.id.clone())),
            );
            jobs.extend(
                self.tags(&contexts[lang_index])
                    .keys()
                    .map(|t| Job::Tag(lang_index, t.clone())),
            );
        }
        jobs.push(Job::NotFound);
        jobs.retain(|job| select(job));
        self.render_listed(out, &jobs, &contexts)
    }

    /// Renders exactly `jobs`, each a page of this site: `serve` lists the
    /// pages an edit touches without enumerating every page of the site.
    pub fn render_only(&self, out: &dyn Emit, jobs: &[Job<'_>]) -> RenderStats {
        self.render_listed(out, jobs, &self.contexts())
    }

    fn contexts(&self) -> Vec<LanguageContext<'a>> {
        self.config
            .languages
            .par_iter()
            .map(|l| self.language_context(l))
            .collect()
    }

    fn render_listed(
        &self,
        out: &dyn Emit,
        jobs: &[Job<'_>],
        contexts: &[LanguageContext<'_>],
    ) -> RenderStats {
        let pages = jobs
            .par_iter()
            .flat_map_iter(|job| self.run(job, contexts))
            .map(|(path, result)| match result {
                Ok(html) => {
                    out.emit(&path, html.as_bytes());
                    1
                }
                Err(diagnostic) => {
                    self.diagnostics.push(diagnostic);
                    0
                }
            })
            .sum();
        if self.any_code.load(Ordering::Relaxed) {
            self.emit_code_stylesheet(out);
        }
        RenderStats { pages }
    }

    /// The files of one job: one page, or every page of a listing (a kind
    /// or tag listing's pages; the home page and, on a split site, the
    /// year pages).
    fn run(&self, job: &Job<'_>, contexts: &[LanguageContext<'_>]) -> Vec<Output> {
        match job {
            Job::Index(l) => {
                let mut out = vec![self.index_page(&contexts[*l])];
                if listing::is_split(self.config, self.site.events.len()) {
                    out.extend(self.year_pages(&contexts[*l]));
                }
                out
            }
            Job::Event(l, i) => vec![self.event_page(&contexts[*l], *i)],
            Job::Page(l, page) => vec![self.page(&contexts[*l], page)],
            Job::Kind(l, kind) => self.kind_pages(&contexts[*l], kind),
            Job::Tag(l, tag) => self.tag_pages(&contexts[*l], tag),
            Job::Search(l, scope) => vec![self.search_page(&contexts[*l], *scope)],
            Job::NotFound => vec![self.not_found_page(&contexts[0])],
        }
    }

    fn emit_code_stylesheet(&self, out: &dyn Emit) {
        let render = &self.config.render;
        match crate::render::highlight::stylesheet(&render.code_theme_light, &render.code_theme_dark) {
            Ok(css) => out.emit(CODE_STYLESHEET, css.as_bytes()),
            Err(message) => self.diagnostics.push(
                Diagnostic::error(self.config.config_path(), message)
                    .hint("set `code-theme-light` and `code-theme-dark` under [render] to one of the listed themes"),
            ),
        }
    }

    fn language_context(&self, language: &'a Language) -> LanguageContext<'a> {
        let lang = language.code.as_str();
        let mut kind_counts: BTreeMap<&str, usize> = BTreeMap::new();
        for event in &self.site.events {
            *kind_counts.entry(event.kind.as_str()).or_default() += 1;
        }
        let mut kinds: Vec<KindView> = self
            .config
            .kinds
            .iter()
            .map(|k| {
                self.kind_view(
                    lang,
                    &k.id,
                    kind_counts.get(k.id.as_str()).copied().unwrap_or(0),
                )
            })
            .collect();
        if self.config.kinds.is_empty() {
            kinds = kind_counts
                .iter()
                .map(|(id, count)| self.kind_view(lang, id, *count))
                .collect();
        }
        let summaries: Vec<OnceLock<EventSummaryView>> =
            self.site.events.iter().map(|_| OnceLock::new()).collect();
        let site_view = self.site_view(language, &kinds);
        let mut base = tera::Context::new();
        base.insert("site", &site_view);
        base.insert("lang", &site_view.languages.iter().find(|l| l.code == lang));
        base.insert("t", &language.strings);
        base.insert("charts", &self.charts(language));
        LanguageContext {
            language,
            base,
            summary_values: SummaryValues::new(summaries.len()),
            summaries,
            tags: OnceLock::new(),
            kinds,
            eras: site_view.eras,
        }
    }

    /// The timeline entry of event `index` in the context's language.
    fn summary<'c>(&self, cx: &'c LanguageContext<'_>, index: usize) -> &'c EventSummaryView {
        cx.summaries[index].get_or_init(|| self.summary_view(cx, &self.site.events[index]))
    }

    /// Every timeline entry, in timeline order.
    fn all_summaries<'c>(
        &self,
        cx: &'c LanguageContext<'_>,
    ) -> impl Iterator<Item = &'c EventSummaryView> + use<'c, '_, 'a> {
        (0..cx.summaries.len()).map(move |i| self.summary(cx, i))
    }

    fn summary_view(&self, cx: &LanguageContext<'_>, event: &Event) -> EventSummaryView {
        let lang = cx.language.code.as_str();
        let default_lang = &self.config.default_language().code;
        let dates = DateFormatter::new(&cx.language.strings);
        let (text, untranslated) = event.text_for(lang, default_lang);
        let kind = cx
            .kinds
            .iter()
            .find(|k| k.id == event.kind)
            .cloned()
            .unwrap_or_else(|| self.kind_view(lang, &event.kind, 0));
        EventSummaryView {
            slug: event.slug.clone(),
            url: self.routes.url(&self.routes.event(lang, &event.slug)),
            title: text.title.clone(),
            summary: text.summary.clone(),
            date_text: dates.range(&event.date, event.end_date.as_ref()),
            date_iso: event.date.iso(),
            end_iso: event.end_date.map(|d| d.iso()).unwrap_or_default(),
            year: event.date.year,
            kind,
            place: text.place.clone().unwrap_or_default(),
            tags: text.tags.iter().map(|t| self.tag_view(lang, t)).collect(),
            untranslated,
            lang: text_lang(&event.texts, lang, default_lang).to_string(),
        }
    }

    /// Every data file that is a chart, drawn in `language`; problems are
    /// reported once, for the default language.
    fn charts(&self, language: &Language) -> Vec<ChartView> {
        let default_lang = &self.config.default_language().code;
        let mut charts = Vec::new();
        for (name, data) in &self.site.data {
            let (chart, problems) =
                crate::render::charts::chart(&crate::render::charts::ChartInput {
                    name,
                    data: &data.value,
                    lang: &language.code,
                    fallback_lang: default_lang,
                    strings: &language.strings,
                });
            if language.code == *default_lang {
                for problem in problems {
                    let path = &data.source.path;
                    self.diagnostics.push(Diagnostic::warning(path, problem));
                }
            }
            charts.extend(chart);
        }
        // In menu order of the first page that shows each chart.
        let menu_position = |chart: &ChartView| {
            self.site
                .pages
                .iter()
                .position(|p| chart.pages.contains(&p.slug))
                .unwrap_or(usize::MAX)
        };
        charts.sort_by_key(menu_position);
        charts
    }

    fn kind_view(&self, lang: &str, id: &str, count: usize) -> KindView {
        let kind = self.config.kind(id);
        KindView {
            id: id.to_string(),
            label: kind
                .and_then(|k| k.labels.get(lang))
                .cloned()
                .unwrap_or_else(|| id.to_string()),
            icon: kind.map(|k| k.icon.clone()).unwrap_or_default(),
            url: self.routes.url(&self.routes.kind(lang, id)),
            count,
        }
    }

    fn tag_view(&self, lang: &str, name: &str) -> TagView {
        let slug = self.site.tag_slugs.slug(lang, name);
        TagView {
            name: name.to_string(),
            url: self.routes.url(&self.routes.tag(lang, &slug)),
            slug,
        }
    }

    fn site_view(&self, language: &Language, kinds: &[KindView]) -> SiteView {
        let lang = language.code.as_str();
        let default_lang = &self.config.default_language().code;
        let dates = DateFormatter::new(&language.strings);
        let urls = |names: &[String]| names.iter().map(|n| self.routes.url(n)).collect();
        let links = |pages: &[Page], section: Section| -> Vec<LinkView> {
            pages
                .iter()
                .map(|page| {
                    let (text, untranslated) = page.text_for(lang, default_lang);
                    let path = match section {
                        Section::Docs => self.routes.docs(lang, &page.slug),
                        _ => self.routes.page(lang, &page.slug),
                    };
                    LinkView {
                        slug: page.slug.clone(),
                        title: text.title.clone(),
                        url: self.routes.url(&path),
                        untranslated,
                        lang: text_lang(&page.texts, lang, default_lang).to_string(),
                        is_current: false,
                    }
                })
                .collect()
        };
        SiteView {
            title: language.title.clone(),
            description: language.description.clone(),
            authors: self.config.authors.clone(),
            base_path: self.routes.base_path().to_string(),
            site_url: self.routes.site_url().unwrap_or_default().to_string(),
            repository_url: self.config.git_repository_url.clone().unwrap_or_default(),
            generator: format!("Yilnoma {}", env!("CARGO_PKG_VERSION")),
            languages: self
                .config
                .languages
                .iter()
                .map(|l| LanguageView {
                    code: l.code.clone(),
                    name: l.name.clone(),
                    title: l.title.clone(),
                    description: l.description.clone(),
                    home_url: self.routes.url(&self.routes.home(&l.code)),
                    is_default: l.code == *default_lang,
                })
                .collect(),
            kinds: kinds.to_vec(),
            eras: self
                .config
                .eras
                .iter()
                .map(|era| EraView {
                    id: era.id.clone(),
                    label: era
                        .labels
                        .get(lang)
                        .cloned()
                        .unwrap_or_else(|| era.id.clone()),
                    start: dates.date(&era.start),
                    end: era.end.as_ref().map(|d| dates.date(d)).unwrap_or_default(),
                    start_year: era.start.year,
                    end_year: era.end.map(|d| d.year),
                })
                .collect(),
            pages: links(&self.site.pages, Section::Pages),
            docs: links(&self.site.docs, Section::Docs),
            docs_search_url: crate::render::files::search_folder(
                self.site,
                &self.routes,
                lang,
                Scope::Docs,
            )
            .map(|path| self.routes.url(&path))
            .unwrap_or_default(),
            stylesheet_url: self.routes.url(STYLESHEET),
            script_url: self.routes.url(SCRIPT),
            code_stylesheet_url: self.routes.url(CODE_STYLESHEET),
            additional_css: urls(&self.config.additional_css),
            additional_js: urls(&self.config.additional_js),
        }
    }

    /// `current` for a page that exists in every language at `path_for(lang)`.
    fn current(
        &self,
        template: &str,
        lang: &str,
        title: &str,
        description: &str,
        path_for: &dyn Fn(&str) -> String,
        translated: &dyn Fn(&str) -> bool,
    ) -> CurrentView {
        let default_lang = &self.config.default_language().code;
        let alternates = self
            .config
            .languages
            .iter()
            .map(|l| {
                let path = path_for(&l.code);
                AlternateView {
                    lang: l.code.clone(),
                    name: l.name.clone(),
                    url: self.routes.url(&path),
                    permalink: self.routes.permalink(&path),
                    is_current: l.code == lang,
                    translated: translated(&l.code),
                }
            })
            .collect();
        let path = path_for(lang);
        // The version whose text an untranslated page shows (as `text_for`
        // picks it): that page is the canonical one, and the x-default.
        let shown = if translated(lang) {
            lang
        } else {
            std::iter::once(default_lang.as_str())
                .chain(self.config.languages.iter().map(|l| l.code.as_str()))
                .find(|l| translated(l))
                .unwrap_or(lang)
        };
        let x_default = if translated(default_lang) {
            default_lang.as_str()
        } else {
            shown
        };
        CurrentView {
            template: template.to_string(),
            title: title.to_string(),
            description: description.to_string(),
            url: self.routes.url(&path),
            permalink: self.routes.permalink(&path),
            canonical: self.routes.permalink(&path_for(shown)),
            alternates,
            x_default: self.routes.permalink(&path_for(x_default)),
            has_code: false,
            untranslated: !translated(lang),
            content_lang: lang.to_string(),
            edit_url: String::new(),
        }
    }

    /// `body` as HTML for the page at `page_path` in `lang` (the body is
    /// in `text_lang`, published in its own language at `text_page_path`;
    /// both differ on an untranslated page); its link problems (broken
    /// targets, missing anchors) become diagnostics.
    fn markdown(
        &self,
        body: &str,
        source: &crate::model::site::SourceRef,
        (lang, text_lang): (&str, &str),
        (page_path, text_page_path): (&str, &str),
    ) -> Rendered {
        let content_root = self.config.content_path();
        let folder = source
            .path
            .parent()
            .and_then(|p| p.strip_prefix(&content_root).ok())
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let resolver = ContentLinks {
            index: &self.links,
            routes: self.routes,
            lang,
            text_lang,
            folder,
            page_path,
            text_page_path,
        };
        let options = MarkdownOptions {
            allow_html: self.config.render.allow_html,
        };
        let rendered = match crate::contain::contain(|| markdown::render(body, options, &resolver))
        {
            Ok(rendered) => rendered,
            Err(panic) => {
                self.diagnostics.push(
                    Diagnostic::error(
                        &source.path,
                        format!("the Markdown parser (pulldown-cmark) failed on this text: {panic}"),
                    )
                    .at(source.body_line, 1)
                    .hint(
                        "this is a bug in pulldown-cmark, not in the file: rewrite unusual lines \
                         (a heading attribute `{…}` between list items, a lone `-`) and report the text to Yilnoma",
                    ),
                );
                return Rendered::default();
            }
        };
        let anchor_problems: Vec<LinkProblem> = rendered
            .anchors
            .iter()
            .filter_map(|link| {
                let error = resolver.check_anchor(&link.target, &rendered.ids)?;
                Some(LinkProblem {
                    offset: link.offset,
                    error,
                })
            })
            .collect();
        for problem in rendered.problems.iter().chain(&anchor_problems) {
            let before = &body[..floor_char_boundary(body, problem.offset)];
            let line = source.body_line + before.matches('\n').count();
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            self.diagnostics.push(
                Diagnostic::error(&source.path, problem.error.message.clone())
                    .at(line, column)
                    .hint(problem.error.hint.clone()),
            );
        }
        if rendered.has_code {
            self.any_code.store(true, Ordering::Relaxed);
        }
        rendered
    }

    fn edit_url(&self, source: &crate::model::site::SourceRef) -> String {
        let Some(template) = &self.config.edit_url_template else {
            return String::new();
        };
        let relative = source
            .path
            .strip_prefix(self.config.content_path())
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_else(|_| source.relative.clone());
        template.replace("{path}", &relative)
    }

    fn render(
        &self,
        template: &str,
        context: &tera::Context,
        page: &str,
    ) -> Result<String, Diagnostic> {
        self.templates.render(template, context, page)
    }

    fn index_page(&self, cx: &LanguageContext<'_>) -> (String, Result<String, Diagnostic>) {
        let lang = cx.language.code.as_str();
        let path = self.routes.home(lang);
        let current = self.current(
            "index",
            lang,
            &cx.language.title,
            &cx.language.description,
            &|l| self.routes.home(l),
            &|_| true,
        );
        let mut context = cx.base.clone();
        context.insert("current", &current);
        let events = cx.summaries.len();
        let split = listing::is_split(self.config, events);
        context.insert("timeline_split", &split);
        if split {
            // The eras, the years (each a link to its pages) and the newest events.
            let years = self.year_links(cx);
            let bands: Vec<YearBandView> =
                crate::render::timeline::era_bands(years.iter().map(|y| y.year), &cx.eras)
                    .into_iter()
                    .map(|band| YearBandView {
                        era: band.era.cloned(),
                        years: years[band.years].to_vec(),
                    })
                    .collect();
            context.insert("year_bands", &bands);
            context.insert("year_links", &years);
            let recent: Vec<usize> = (events.saturating_sub(listing::RECENT_EVENTS)..events)
                .rev()
                .collect();
            context.insert_value(
                "recent",
                cx.summary_values
                    .summaries(&recent, &|i| self.summary(cx, i)),
            );
            context.insert("listed_count", &recent.len());
            // Themes written for the single timeline still iterate these.
            context.insert("bands", &Vec::<()>::new());
            context.insert("years", &Vec::<()>::new());
        } else {
            let (years, bands) = cx
                .summary_values
                .timeline(&|i| self.summary(cx, i), &cx.eras);
            context.insert_value("bands", bands);
            context.insert_value("years", years);
            context.insert("listed_count", &events);
        }
        context.insert(
            "tags",
            &crate::render::timeline::tag_filters(self.all_summaries(cx)),
        );
        context.insert("event_count", &events);
        context.insert("data", &self.site.data);
        (
            Routes::file_for(&path),
            self.render("index.html", &context, &format!("the timeline ({lang})")),
        )
    }

    fn event_page(
        &self,
        cx: &LanguageContext<'_>,
        index: usize,
    ) -> (String, Result<String, Diagnostic>) {
        let event: &Event = &self.site.events[index];
        let lang = cx.language.code.as_str();
        let default_lang = &self.config.default_language().code;
        let path = self.routes.event(lang, &event.slug);
        let (text, _) = event.text_for(lang, default_lang);
        let content_lang = text_lang(&event.texts, lang, default_lang).to_string();
        let text_path = self.routes.event(&content_lang, &event.slug);
        let rendered = self.markdown(
            &text.body,
            &text.source,
            (lang, &content_lang),
            (&path, &text_path),
        );
        let dates = DateFormatter::new(&cx.language.strings);
        let summary = self.summary(cx, index);
        let mut current = self.current(
            "event",
            lang,
            &text.title,
            &text.summary,
            &|l| self.routes.event(l, &event.slug),
            &|l| event.texts.contains_key(l),
        );
        current.has_code = rendered.has_code;
        current.edit_url = self.edit_url(&text.source);
        current.content_lang = content_lang;
        let body = EventBodyView {
            json_ld: crate::render::escape::json_for_script(&event_json_ld(
                summary,
                &current,
                &current.content_lang,
                &text.sources,
            )),
            body_html: rendered.html,
            sources: text
                .sources
                .iter()
                .map(|s| SourceView {
                    title: s.title.clone(),
                    url: s.url.clone().unwrap_or_default(),
                    author: s.author.clone().unwrap_or_default(),
                    publisher: s.publisher.clone().unwrap_or_default(),
                    date_text: s.date.as_ref().map(|d| dates.date(d)).unwrap_or_default(),
                    lang: s
                        .lang
                        .clone()
                        .filter(|l| *l != current.content_lang)
                        .unwrap_or_default(),
                })
                .collect(),
            toc: rendered.toc,
        };
        let mut context = cx.base.clone();
        context.insert("current", &current);
        context.insert_value(
            "event",
            cx.summary_values
                .event(index, &body, &|i| self.summary(cx, i)),
        );
        let page = format!("{} ({lang})", text.source.relative);
        (
            Routes::file_for(&path),
            self.render("event.html", &context, &page),
        )
    }

    fn page(&self, cx: &LanguageContext<'_>, page: &Page) -> (String, Result<String, Diagnostic>) {
        let lang = cx.language.code.as_str();
        let default_lang = &self.config.default_language().code;
        let is_docs = page.section == Section::Docs;
        let path_for = |l: &str| {
            if is_docs {
                self.routes.docs(l, &page.slug)
            } else {
                self.routes.page(l, &page.slug)
            }
        };
        let path = path_for(lang);
        let (text, _) = page.text_for(lang, default_lang);
        let content_lang = text_lang(&page.texts, lang, default_lang).to_string();
        let text_path = path_for(&content_lang);
        let rendered = self.markdown(
            &text.body,
            &text.source,
            (lang, &content_lang),
            (&path, &text_path),
        );
        let mut current = self.current(
            if is_docs { "docs" } else { "page" },
            lang,
            &text.title,
            &text.description,
            &path_for,
            &|l| page.texts.contains_key(l),
        );
        current.has_code = rendered.has_code;
        current.edit_url = self.edit_url(&text.source);
        current.content_lang = content_lang;
        let (previous, next) = if is_docs {
            self.docs_neighbours(lang, &page.slug)
        } else {
            (None, None)
        };
        let view = PageView {
            slug: page.slug.clone(),
            title: text.title.clone(),
            description: text.description.clone(),
            body_html: rendered.html,
            toc: rendered.toc,
            previous,
            next,
        };
        let mut context = cx.base.clone();
        context.insert("current", &current);
        context.insert("page", &view);
        context.insert("data", &self.site.data);
        let template = if is_docs { "docs.html" } else { "page.html" };
        let label = format!("{} ({lang})", text.source.relative);
        (
            Routes::file_for(&path),
            self.render(template, &context, &label),
        )
    }

    fn docs_neighbours(&self, lang: &str, slug: &str) -> (Option<LinkView>, Option<LinkView>) {
        let default_lang = &self.config.default_language().code;
        let position = self.site.docs.iter().position(|p| p.slug == slug);
        let link = |page: &Page| {
            let (text, untranslated) = page.text_for(lang, default_lang);
            LinkView {
                slug: page.slug.clone(),
                title: text.title.clone(),
                url: self.routes.url(&self.routes.docs(lang, &page.slug)),
                untranslated,
                lang: text_lang(&page.texts, lang, default_lang).to_string(),
                is_current: false,
            }
        };
        match position {
            Some(i) => (
                i.checked_sub(1).map(|p| link(&self.site.docs[p])),
                self.site.docs.get(i + 1).map(link),
            ),
            None => (None, None),
        }
    }

    /// Every page of a listing of `members` (timeline indices, in order).
    /// `path_for` gives the first page's path in each language.
    fn list_pages(
        &self,
        cx: &LanguageContext<'_>,
        header: ListView,
        path_for: &(dyn Fn(&str) -> String + Sync),
        members: &[usize],
        extra: Vec<(&'static str, tera::Value)>,
    ) -> Vec<Output> {
        let size = self.config.render.page_size;
        let total = listing::page_count(members.len(), size);
        (1..=total)
            .into_par_iter()
            .map(|number| {
                self.list_page(cx, &header, path_for, members, number, total, extra.clone())
            })
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn list_page(
        &self,
        cx: &LanguageContext<'_>,
        header: &ListView,
        path_for: &(dyn Fn(&str) -> String + Sync),
        members: &[usize],
        number: usize,
        total: usize,
        mut extra: Vec<(&'static str, tera::Value)>,
    ) -> Output {
        let lang = cx.language.code.as_str();
        let page_path = |l: &str| Routes::listing_page(&path_for(l), number);
        let path = page_path(lang);
        let title = if number > 1 {
            let label = cx.language.strings.get("page_number").map_or_else(
                || format!("{number}/{total}"),
                |s| {
                    s.replace("{number}", &number.to_string())
                        .replace("{total}", &total.to_string())
                },
            );
            format!("{} · {label}", header.title)
        } else {
            header.title.clone()
        };
        let strings = &cx.language.strings;
        let count = crate::model::plural::pick(
            |k| strings.get(k).map(String::as_str),
            "events_count",
            lang,
            header.count as u64,
        )
        .map_or_else(
            || header.count.to_string(),
            |form| form.replace("{count}", &header.count.to_string()),
        );
        let description = format!("{} · {count}", header.title);
        let current = self.current(&header.by, lang, &title, &description, &page_path, &|_| {
            true
        });
        let url_of = |n: usize| self.routes.url(&Routes::listing_page(&path_for(lang), n));
        let pagination = PaginationView {
            number,
            total,
            previous_url: if number > 1 {
                url_of(number - 1)
            } else {
                String::new()
            },
            next_url: if number < total {
                url_of(number + 1)
            } else {
                String::new()
            },
            pages: (1..=total)
                .map(|n| PageLinkView {
                    number: n,
                    url: url_of(n),
                    is_current: n == number,
                })
                .collect(),
        };
        extra.push(("pagination", tera::Value::from_serializable(&pagination)));
        let mut context = cx.base.clone();
        context.insert("current", &current);
        let page = listing::page_of(members, self.config.render.page_size, number);
        context.insert_value(
            "list",
            cx.summary_values
                .list_page(header, page, &|i| self.summary(cx, i), extra),
        );
        (
            Routes::file_for(&path),
            self.render(
                "list.html",
                &context,
                &format!(
                    "page {number} of the {} page `{}` ({lang})",
                    header.by, header.id
                ),
            ),
        )
    }

    fn list_header(by: &str, id: &str, title: &str, count: usize) -> ListView {
        ListView {
            title: title.to_string(),
            by: by.to_string(),
            id: id.to_string(),
            years: Vec::new(),
            count,
        }
    }

    fn kind_pages(&self, cx: &LanguageContext<'_>, kind: &str) -> Vec<Output> {
        let label = cx
            .kinds
            .iter()
            .find(|k| k.id == kind)
            .map_or(kind.to_string(), |k| k.label.clone());
        let members: Vec<usize> = (0..self.site.events.len())
            .filter(|&i| self.site.events[i].kind == kind)
            .collect();
        let header = Self::list_header("kind", kind, &label, members.len());
        self.list_pages(
            cx,
            header,
            &|l| self.routes.kind(l, kind),
            &members,
            Vec::new(),
        )
    }

    fn tag_pages(&self, cx: &LanguageContext<'_>, tag: &str) -> Vec<Output> {
        let name = self
            .tags(cx)
            .get(tag)
            .cloned()
            .unwrap_or_else(|| tag.to_string());
        let lang = cx.language.code.clone();
        let path_for = |l: &str| {
            if l == lang {
                self.routes.tag(l, tag)
            } else {
                // Tags are words of one language: the other language's
                // version of a tag page is that language's timeline.
                self.routes.home(l)
            }
        };
        let members: Vec<usize> = (0..self.site.events.len())
            .filter(|&i| self.summary(cx, i).tags.iter().any(|t| t.slug == tag))
            .collect();
        let header = Self::list_header("tag", tag, &name, members.len());
        self.list_pages(cx, header, &path_for, &members, Vec::new())
    }

    /// Every year's pages (sites over `timeline-limit`), each with links to
    /// the years before and after it.
    fn year_pages(&self, cx: &LanguageContext<'_>) -> Vec<Output> {
        let years = self.year_links(cx);
        let mut first = 0;
        let mut spans = Vec::new();
        for (position, year) in years.iter().enumerate() {
            spans.push((position, first..first + year.count));
            first += year.count;
        }
        spans
            .into_par_iter()
            .flat_map_iter(|(position, span)| {
                let year = &years[position];
                let members: Vec<usize> = span.collect();
                let neighbour = |y: Option<&YearLinkView>| tera::Value::from_serializable(&y);
                let extra = vec![
                    (
                        "previous_year",
                        neighbour(position.checked_sub(1).map(|p| &years[p])),
                    ),
                    ("next_year", neighbour(years.get(position + 1))),
                ];
                let header = Self::list_header(
                    "year",
                    &year.year.to_string(),
                    &year.year.to_string(),
                    year.count,
                );
                let number = year.year;
                self.list_pages(
                    cx,
                    header,
                    &move |l| self.routes.year(l, number),
                    &members,
                    extra,
                )
            })
            .collect()
    }

    fn year_links(&self, cx: &LanguageContext<'_>) -> Vec<YearLinkView> {
        let lang = cx.language.code.as_str();
        listing::years(self.site)
            .into_iter()
            .map(|(year, count)| YearLinkView {
                year,
                url: self.routes.url(&self.routes.year(lang, year)),
                count,
            })
            .collect()
    }

    /// Tag slug → display name, for one language.
    fn tags<'c>(&self, cx: &'c LanguageContext<'_>) -> &'c BTreeMap<String, String> {
        cx.tags.get_or_init(|| self.collect_tags(cx))
    }

    fn collect_tags(&self, cx: &LanguageContext<'_>) -> BTreeMap<String, String> {
        let default_lang = &self.config.default_language().code;
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let mut tags = BTreeMap::new();
        for event in &self.site.events {
            let (text, _) = event.text_for(&cx.language.code, default_lang);
            // Slugs are made once per distinct name, not once per event.
            for name in text.tags.iter().filter(|n| seen.insert(n.as_str())) {
                tags.entry(self.site.tag_slugs.slug(&cx.language.code, name))
                    .or_insert_with(|| name.clone());
            }
        }
        tags
    }

    /// A search page (the readers' or the docs section's); its index is
    /// made by `render::files::search_index`.
    fn search_page(
        &self,
        cx: &LanguageContext<'_>,
        scope: Scope,
    ) -> (String, Result<String, Diagnostic>) {
        let lang = cx.language.code.as_str();
        let folder = |l: &str| {
            crate::render::files::search_folder(self.site, &self.routes, l, scope)
                .unwrap_or_default()
        };
        let path = folder(lang);
        let string = |key: &str| cx.language.strings.get(key).cloned().unwrap_or_default();
        let (title, scope_name) = match scope {
            Scope::Readers => (string("search"), "readers"),
            Scope::Docs => (format!("{}: {}", string("search"), string("docs")), "docs"),
        };
        let current = self.current(
            "search",
            lang,
            &title,
            &cx.language.description,
            &folder,
            &|_| true,
        );
        let mut context = cx.base.clone();
        context.insert("current", &current);
        context.insert(
            "search",
            &SearchView {
                index_url: self.routes.url(&format!("{path}{SEARCH_INDEX_FILE}")),
                script_url: self.routes.url(SEARCH_SCRIPT),
                title,
                scope: scope_name,
            },
        );
        (
            Routes::file_for(&path),
            self.render(
                "search.html",
                &context,
                &format!("the {scope_name} search page ({lang})"),
            ),
        )
    }

    fn not_found_page(&self, cx: &LanguageContext<'_>) -> (String, Result<String, Diagnostic>) {
        let lang = cx.language.code.as_str();
        let mut current = self.current("404", lang, "404", "", &|l| self.routes.home(l), &|_| true);
        current.permalink = self.routes.permalink(NOT_FOUND_FILE);
        current.canonical = current.permalink.clone();
        let messages: Vec<NotFoundView> = self
            .config
            .languages
            .iter()
            .map(|l| NotFoundView {
                lang: l.code.clone(),
                title: l
                    .strings
                    .get("not_found_title")
                    .cloned()
                    .unwrap_or_default(),
                text: l.strings.get("not_found_text").cloned().unwrap_or_default(),
                home_label: l.strings.get("back_home").cloned().unwrap_or_default(),
                home_url: self.routes.url(&self.routes.home(&l.code)),
            })
            .collect();
        let mut context = cx.base.clone();
        context.insert("current", &current);
        context.insert("not_found", &messages);
        (
            NOT_FOUND_FILE.to_string(),
            self.render("404.html", &context, "the 404 page"),
        )
    }
}

/// One page to render; language and event are indexes into the config's
/// languages and the site's events.
pub enum Job<'a> {
    Index(usize),
    Event(usize, usize),
    Page(usize, &'a Page),
    Kind(usize, String),
    Tag(usize, String),
    Search(usize, Scope),
    NotFound,
}

/// The largest char boundary of `text` at or before `offset`.
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn event_json_ld(
    summary: &EventSummaryView,
    current: &CurrentView,
    lang: &str,
    sources: &[crate::model::site::SourceLink],
) -> serde_json::Value {
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": summary.title,
        "description": summary.summary,
        "startDate": summary.date_iso,
        "url": current.permalink,
        "inLanguage": lang,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
    });
    if !summary.end_iso.is_empty() {
        value["endDate"] = summary.end_iso.clone().into();
    }
    if !summary.place.is_empty() {
        value["location"] = serde_json::json!({ "@type": "Place", "name": summary.place });
    }
    let citations: Vec<serde_json::Value> = sources
        .iter()
        .map(|s| {
            let mut work = serde_json::json!({ "@type": "CreativeWork", "name": s.title });
            if let Some(url) = &s.url {
                work["url"] = url.clone().into();
            }
            if let Some(author) = &s.author {
                work["author"] = serde_json::json!({ "@type": "Person", "name": author });
            }
            if let Some(publisher) = &s.publisher {
                work["publisher"] =
                    serde_json::json!({ "@type": "Organization", "name": publisher });
            }
            if let Some(date) = &s.date {
                work["datePublished"] = date.iso().into();
            }
            work
        })
        .collect();
    if !citations.is_empty() {
        value["subjectOf"] = citations.into();
    }
    value
}
