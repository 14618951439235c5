//! `sitemap.xml`: every page of every language, each with
//! `xhtml:link rel="alternate" hreflang` entries for its language versions
//! and `x-default` (the default language's version, else the first one).
//! A not-yet-translated version is left out: it duplicates another page.
//!
//! Takes the publication; returns the XML text. Lists the same pages the
//! renderer writes (tests/publish.rs checks that every written page is
//! listed). Sitemaps want absolute URLs: without a site URL (book.toml
//! `site-url` or `--base-url https://…`) the entries are root-relative.

use crate::model::listing;
use crate::model::routes::Routes;
use crate::model::site::Section;
use crate::output::publish::{Publication, SEARCH_SLUG};
use crate::render::escape::xml;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// One page in every language it is published in: (language, output path).
type Group = Vec<(String, String)>;

pub fn sitemap(publication: &Publication<'_>) -> String {
    let routes = publication.routes;
    let default_lang = publication.config.default_language().code.clone();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for group in groups(publication) {
        let x_default = group
            .iter()
            .find(|(lang, _)| *lang == default_lang)
            .or(group.first())
            .map(|(_, path)| routes.permalink(path));
        for (_, path) in &group {
            let _ = write!(out, "<url><loc>{}</loc>", xml(&routes.permalink(path)));
            if group.len() > 1 {
                for (lang, alternate) in &group {
                    let _ = write!(
                        out,
                        "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                        xml(lang),
                        xml(&routes.permalink(alternate))
                    );
                }
                if let Some(x_default) = &x_default {
                    let _ = write!(
                        out,
                        "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                        xml(x_default)
                    );
                }
            }
            out.push_str("</url>\n");
        }
    }
    out.push_str("</urlset>\n");
    out
}

/// Every page, grouped with its language versions, in a stable order.
fn groups(publication: &Publication<'_>) -> Vec<Group> {
    let routes = publication.routes;
    let site = publication.site;
    let languages: Vec<&str> = publication
        .config
        .languages
        .iter()
        .map(|l| l.code.as_str())
        .collect();
    let every = |path_for: &dyn Fn(&str) -> String| -> Group {
        languages
            .iter()
            .map(|lang| (lang.to_string(), path_for(lang)))
            .collect()
    };
    // A language that shows another's text (not yet translated) is not
    // announced: its page is a duplicate whose canonical is the original.
    let translated = |group: Group, texts: &dyn Fn(&str) -> bool| -> Group {
        group.into_iter().filter(|(lang, _)| texts(lang)).collect()
    };
    let mut groups = vec![every(&|l| routes.home(l))];
    groups.extend(site.events.iter().map(|e| {
        translated(every(&|l| routes.event(l, &e.slug)), &|l| {
            e.texts.contains_key(l)
        })
    }));
    for page in site.pages.iter().chain(&site.docs) {
        let group = match page.section {
            Section::Docs => every(&|l| routes.docs(l, &page.slug)),
            _ => every(&|l| routes.page(l, &page.slug)),
        };
        groups.push(translated(group, &|l| page.texts.contains_key(l)));
    }
    let size = publication.config.render.page_size;
    let pages = |events: usize| 1..=listing::page_count(events, size);
    if listing::is_split(publication.config, site.events.len()) {
        for (year, count) in listing::years(site) {
            for n in pages(count) {
                groups.push(every(&|l| Routes::listing_page(&routes.year(l, year), n)));
            }
        }
    }
    for kind in kinds(publication) {
        let count = site.events.iter().filter(|e| e.kind == kind).count();
        for n in pages(count) {
            groups.push(every(&|l| Routes::listing_page(&routes.kind(l, kind), n)));
        }
    }
    // Tags are words of one language: each tag page stands alone.
    let default_lang = &publication.config.default_language().code;
    for lang in &languages {
        // Tag slug → events carrying it (once per event).
        let mut tags: BTreeMap<String, usize> = BTreeMap::new();
        for event in &site.events {
            let slugs: BTreeSet<String> = event
                .text_for(lang, default_lang)
                .0
                .tags
                .iter()
                .map(|t| site.tag_slugs.slug(lang, t))
                .collect();
            for slug in slugs {
                *tags.entry(slug).or_default() += 1;
            }
        }
        for (tag, count) in &tags {
            groups.extend(pages(*count).map(|n| {
                vec![(
                    lang.to_string(),
                    Routes::listing_page(&routes.tag(lang, tag), n),
                )]
            }));
        }
    }
    groups.push(every(&|l| routes.page(l, SEARCH_SLUG)));
    groups
}

/// Kinds that have a page: those with events (and declared, when any are).
fn kinds<'a>(publication: &Publication<'a>) -> Vec<&'a str> {
    let mut used: BTreeMap<&str, usize> = BTreeMap::new();
    for event in &publication.site.events {
        *used.entry(event.kind.as_str()).or_default() += 1;
    }
    let declared = &publication.config.kinds;
    if declared.is_empty() {
        used.into_keys().collect()
    } else {
        declared
            .iter()
            .map(|k| k.id.as_str())
            .filter(|id| used.contains_key(id))
            .collect()
    }
}
