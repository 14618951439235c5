//! One page each: the home page (timeline), an event, a page or docs page,
//! the search page and the 404 page.

use super::json_ld::event_json_ld;
use super::{LanguageContext, SiteRenderer};
use crate::diag::Diagnostic;
use crate::model::listing;
use crate::model::routes::{Routes, NOT_FOUND_FILE, SEARCH_INDEX_FILE, SEARCH_SCRIPT};
use crate::model::site::{text_lang, Event, Page, Section};
use crate::render::dates::DateFormatter;
use crate::render::files::search_index::Scope;
use crate::render::summary_values::EventBodyView;
use crate::render::view::{LinkView, NotFoundView, PageView, SearchView, SourceView, YearBandView};

impl SiteRenderer<'_> {
    pub(super) fn index_page(
        &self,
        cx: &LanguageContext<'_>,
    ) -> (String, Result<String, Diagnostic>) {
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
        let split = listing::is_split(self.config.render.timeline_limit, events);
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
        context.insert("tags", &self.tag_filters(cx));
        context.insert("event_count", &events);
        context.insert("data", &self.site.data);
        (
            Routes::file_for(&path),
            self.render("index.html", &context, &format!("the timeline ({lang})")),
        )
    }

    pub(super) fn event_page(
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
        let dates = DateFormatter::new(&cx.language.code, &cx.language.strings);
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

    pub(super) fn page(
        &self,
        cx: &LanguageContext<'_>,
        page: &Page,
    ) -> (String, Result<String, Diagnostic>) {
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

    pub(super) fn docs_neighbours(
        &self,
        lang: &str,
        slug: &str,
    ) -> (Option<LinkView>, Option<LinkView>) {
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

    /// A search page (the readers' or the docs section's); its index is
    /// made by `render::files::search_index`.
    pub(super) fn search_page(
        &self,
        cx: &LanguageContext<'_>,
        scope: Scope,
    ) -> (String, Result<String, Diagnostic>) {
        let lang = cx.language.code.as_str();
        let folder = |l: &str| {
            crate::render::files::search_folder(self.site, self.routes, l, scope)
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

    pub(super) fn not_found_page(
        &self,
        cx: &LanguageContext<'_>,
    ) -> (String, Result<String, Diagnostic>) {
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
