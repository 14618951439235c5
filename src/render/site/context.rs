//! What every page of one language shares, made once per language: the
//! site view (menus, languages, eras, kinds), the event summaries (made on
//! first use), kind and tag views, the tag names and the charts.

use super::{LanguageContext, SiteRenderer};
use crate::config::Language;
use crate::diag::Diagnostic;
use crate::model::listing;
use crate::model::routes::{CODE_STYLESHEET, SCRIPT, STYLESHEET};
use crate::model::site::{text_lang, Event, Page, Section};
use crate::model::tag_index::TagEntry;
use crate::render::dates::DateFormatter;
use crate::render::local_event::{kind_label, LocalEvent};
use crate::render::summary_values::SummaryValues;
use crate::render::view::{
    ChartView, EraView, EventSummaryView, KindView, LanguageView, LinkView, SiteView,
    TagFilterView, TagView, YearLinkView,
};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

impl<'a> SiteRenderer<'a> {
    pub(super) fn language_context(&self, language: &'a Language) -> LanguageContext<'a> {
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
        let (summaries, summary_values) = self.starting_summaries(lang, &kinds);
        let site_view = self.site_view(language, &kinds);
        let mut base = tera::Context::new();
        base.insert("site", &site_view);
        base.insert("lang", &site_view.languages.iter().find(|l| l.code == lang));
        base.insert("t", &language.strings);
        base.insert("charts", &self.charts(language));
        LanguageContext {
            language,
            base,
            summary_values,
            summaries,
            tags: OnceLock::new(),
            kinds,
            eras: site_view.eras,
        }
    }

    /// The timeline entry of event `index` in the context's language.
    pub(super) fn summary<'c>(
        &self,
        cx: &'c LanguageContext<'_>,
        index: usize,
    ) -> &'c EventSummaryView {
        cx.summaries[index].get_or_init(|| {
            let event = &self.site.events[index];
            cx.summary_values
                .kept_view(&event.slug)
                .unwrap_or_else(|| Arc::new(self.summary_view(cx, event)))
        })
    }

    /// Each event's summary and value, none made yet: made on first use,
    /// or taken from those the last render kept (`serve`), brought up to
    /// date with the kinds and tags.
    fn starting_summaries(
        &self,
        lang: &str,
        kinds: &[KindView],
    ) -> (Vec<OnceLock<Arc<EventSummaryView>>>, SummaryValues) {
        let events = &self.site.events;
        let summaries = events.iter().map(|_| OnceLock::new()).collect();
        let Some(cache) = self.kept else {
            return (summaries, SummaryValues::new(events.len()));
        };
        let mut kept = cache.take(lang);
        kept.refresh(&|id| self.summary_kind(lang, kinds, id), &|name| {
            self.tag_view(lang, name)
        });
        (summaries, SummaryValues::starting_from(events.len(), kept))
    }

    /// Gives the summaries `cx` made (with their values) to the cache the
    /// renderer keeps, if any; else they are dropped with `cx`.
    pub(super) fn keep_summaries(&self, cx: LanguageContext<'_>) {
        if let Some(cache) = self.kept {
            let kept = cx.summary_values.into_kept(cx.summaries);
            cache.put(&cx.language.code, kept);
        }
    }

    /// The kind view a summary of kind `id` shows.
    fn summary_kind(&self, lang: &str, kinds: &[KindView], id: &str) -> KindView {
        kinds
            .iter()
            .find(|k| k.id == id)
            .cloned()
            .unwrap_or_else(|| self.kind_view(lang, id, 0))
    }

    pub(super) fn summary_view(&self, cx: &LanguageContext<'_>, event: &Event) -> EventSummaryView {
        let lang = cx.language.code.as_str();
        let dates = DateFormatter::new(&cx.language.code, &cx.language.strings);
        let local = LocalEvent::new(event, lang, self.config, self.routes, &dates);
        let kind = self.summary_kind(lang, &cx.kinds, &event.kind);
        EventSummaryView {
            slug: event.slug.clone(),
            url: self.routes.url(&local.path),
            title: local.title.to_string(),
            summary: local.summary.to_string(),
            date_iso: event.date.iso(),
            end_iso: event.end_date.map(|d| d.iso()).unwrap_or_default(),
            year: event.date.year,
            kind,
            place: local.place.unwrap_or_default().to_string(),
            tags: local.tags.iter().map(|t| self.tag_view(lang, t)).collect(),
            untranslated: local.untranslated,
            lang: local.text_lang.to_string(),
            date_text: local.date_text,
        }
    }

    /// Every data file that is a chart, drawn in `language`; problems are
    /// reported once, for the default language.
    pub(super) fn charts(&self, language: &Language) -> Vec<ChartView> {
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

    pub(super) fn kind_view(&self, lang: &str, id: &str, count: usize) -> KindView {
        let kind = self.config.kind(id);
        KindView {
            id: id.to_string(),
            label: kind_label(self.config, id, lang),
            icon: kind.map(|k| k.icon.clone()).unwrap_or_default(),
            url: self.routes.url(&self.routes.kind(lang, id)),
            count,
        }
    }

    pub(super) fn tag_view(&self, lang: &str, name: &str) -> TagView {
        let slug = self.site.tag_slugs.slug(lang, name);
        TagView {
            name: name.to_string(),
            url: self.routes.url(&self.routes.tag(lang, &slug)),
            slug,
        }
    }

    pub(super) fn site_view(&self, language: &Language, kinds: &[KindView]) -> SiteView {
        let lang = language.code.as_str();
        let default_lang = &self.config.default_language().code;
        let dates = DateFormatter::new(&language.code, &language.strings);
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
                self.routes,
                lang,
                crate::render::files::search_index::Scope::Docs,
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

    pub(super) fn year_links(&self, cx: &LanguageContext<'_>) -> Vec<YearLinkView> {
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

    /// Every tag the events carry in the context's language, with how
    /// often it is written and the first name it was written with, sorted by
    /// name: the home page's tag filter, from the tag pages' own `tags`.
    pub(super) fn tag_filters(&self, cx: &LanguageContext<'_>) -> Vec<TagFilterView> {
        let lang = cx.language.code.as_str();
        let mut list: Vec<TagFilterView> = self
            .tags(cx)
            .iter()
            .map(|(slug, tag)| TagFilterView {
                name: tag.name.clone(),
                slug: slug.clone(),
                url: self.routes.url(&self.routes.tag(lang, slug)),
                count: tag.uses,
            })
            .collect();
        list.sort_by_key(|t| t.name.to_lowercase());
        list
    }

    /// Tag slug → its name (as first written) and the events that carry it
    /// (timeline indices, each once), for one language: the site's tag
    /// index, shared by every tag page of the language.
    pub(super) fn tags<'c>(&self, cx: &'c LanguageContext<'_>) -> &'c BTreeMap<String, TagEntry> {
        let default_lang = &self.config.default_language().code;
        &cx.tags
            .get_or_init(|| self.site.tags(&cx.language.code, default_lang))
            .by_slug
    }
}
