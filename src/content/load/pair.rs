//! Pairs the files of one item across languages by slug: two files of one
//! language are an error, translations must agree on date, end date and
//! kind, a missing translation is a warning; builds the `Site`.

use super::{EventFile, PageFile, Parsed};
use crate::config::Config;
use crate::content::discover::SourceFile;
use crate::diag::{Diagnostic, Diagnostics, Text};
use crate::model::date::PartialDate;
use crate::model::site::{Event, Page, Section, Site};
use std::collections::BTreeMap;

/// Groups files by slug, checks that translations agree, builds the `Site`.
pub(super) fn pair(
    config: &Config,
    parsed: Vec<(SourceFile, Parsed)>,
    diagnostics: &Diagnostics,
) -> Site {
    let default_lang = config.default_language().code.as_str();
    let mut events: BTreeMap<String, BTreeMap<String, EventFile>> = BTreeMap::new();
    let mut pages: BTreeMap<(Section, String), BTreeMap<String, PageFile>> = BTreeMap::new();
    let mut seen: BTreeMap<(Section, String, String), std::path::PathBuf> = BTreeMap::new();
    for (source, parsed) in parsed {
        let key = (source.section, source.slug.clone(), source.lang.clone());
        if let Some(first) = seen.get(&key) {
            diagnostics.push(
                Diagnostic::error(
                    &source.path,
                    crate::t!(
                        "slug_taken",
                        slug = &source.slug,
                        lang = &source.lang,
                        first = first.strip_prefix(&config.root).unwrap_or(first).display()
                    ),
                )
                .hint(crate::t!("slug_taken_hint")),
            );
            continue;
        }
        seen.insert(key, source.path.clone());
        match parsed {
            Parsed::Event(e) => {
                events
                    .entry(source.slug)
                    .or_default()
                    .insert(source.lang, e);
            }
            Parsed::Page(p) => {
                pages
                    .entry((source.section, source.slug))
                    .or_default()
                    .insert(source.lang, p);
            }
        }
    }
    let mut site = Site::default();
    for (slug, files) in events {
        site.events
            .push(pair_event(config, slug, files, diagnostics));
    }
    for ((section, slug), files) in pages {
        let warn_missing = section == Section::Pages || config.render.docs_require_translation;
        if warn_missing {
            warn_missing_languages(
                config,
                &slug,
                files.iter().map(|(l, f)| (l, &f.text.source.path)),
                diagnostics,
            );
        }
        let main = files.get(default_lang).or_else(|| files.values().next());
        let (weight, draft) = main.map_or((0, false), |f| (f.weight, f.draft));
        let page = Page {
            section,
            slug,
            weight,
            draft,
            texts: files.into_iter().map(|(lang, f)| (lang, f.text)).collect(),
        };
        match section {
            Section::Docs => site.docs.push(page),
            _ => site.pages.push(page),
        }
    }
    site.events
        .sort_by(|a, b| (a.date, a.weight, &a.slug).cmp(&(b.date, b.weight, &b.slug)));
    site.pages
        .sort_by(|a, b| (a.weight, &a.slug).cmp(&(b.weight, &b.slug)));
    site.docs
        .sort_by(|a, b| (a.weight, &a.slug).cmp(&(b.weight, &b.slug)));
    check_docs_folder_pages(&site.docs, diagnostics);
    site
}

/// `docs/guide.md` and `docs/guide/index.md` would both be `docs/guide/`.
fn check_docs_folder_pages(docs: &[Page], diagnostics: &Diagnostics) {
    for page in docs {
        let Some(folder) = page.slug.strip_suffix("/index") else {
            continue;
        };
        let Some(twin) = docs.iter().find(|p| p.slug == folder) else {
            continue;
        };
        for text in twin.texts.values() {
            diagnostics.push(
                Diagnostic::error(
                    &text.source.path,
                    format!("`docs/{folder}` and `docs/{folder}/index` are the same page"),
                )
                .hint(format!(
                    "keep one of them: move this text into `{folder}/index.<lang>.md`, or rename it"
                )),
            );
        }
    }
}

pub(super) fn pair_event(
    config: &Config,
    slug: String,
    files: BTreeMap<String, EventFile>,
    diagnostics: &Diagnostics,
) -> Event {
    let default_lang = config.default_language().code.as_str();
    warn_missing_languages(
        config,
        &slug,
        files.iter().map(|(l, f)| (l, &f.text.source.path)),
        diagnostics,
    );
    let main_lang = if files.contains_key(default_lang) {
        default_lang.to_string()
    } else {
        files.keys().next().cloned().unwrap_or_default()
    };
    let main = &files[&main_lang];
    for (lang, other) in files.iter().filter(|(l, _)| **l != main_lang) {
        let path = &other.text.source.path;
        let disagree = |what: &str, mine: Text, theirs: Text, line: usize| {
            diagnostics.push(
                Diagnostic::error(
                    path,
                    crate::t!("translations_disagree", what = what, main_lang = &main_lang)
                        .with("mine", mine)
                        .with("theirs", theirs),
                )
                .at(line, 1)
                .hint(crate::t!(
                    "translations_disagree_hint",
                    what = what,
                    file = format!("{slug}.{lang}.md"),
                    main_file = format!("{slug}.{main_lang}.md")
                )),
            );
        };
        if other.date != main.date {
            disagree(
                "date",
                Text::plain(other.date.to_string()),
                Text::plain(main.date.to_string()),
                other.key_lines[0],
            );
        }
        if other.end_date != main.end_date {
            let show = |d: Option<PartialDate>| {
                d.map_or(crate::t!("value_absent"), |d| Text::plain(d.to_string()))
            };
            disagree(
                "end_date",
                show(other.end_date),
                show(main.end_date),
                other.key_lines[1],
            );
        }
        // A kind book.toml does not declare already has its error in its
        // own file: blaming the file whose kind is right would mislead.
        let declared = |kind: &str| config.kinds.is_empty() || config.kind(kind).is_some();
        if other.kind != main.kind && declared(&other.kind) && declared(&main.kind) {
            disagree(
                "kind",
                Text::plain(format!("`{}`", other.kind)),
                Text::plain(format!("`{}`", main.kind)),
                other.key_lines[2],
            );
        }
    }
    Event {
        slug,
        date: main.date,
        end_date: main.end_date,
        kind: main.kind.clone(),
        weight: main.weight,
        draft: main.draft,
        texts: files.into_iter().map(|(lang, f)| (lang, f.text)).collect(),
    }
}

fn warn_missing_languages<'a>(
    config: &Config,
    slug: &str,
    present: impl Iterator<Item = (&'a String, &'a std::path::PathBuf)>,
    diagnostics: &Diagnostics,
) {
    let present: Vec<_> = present.collect();
    let Some((first_lang, first_path)) = present.first() else {
        return;
    };
    for language in &config.languages {
        if present.iter().any(|(l, _)| **l == language.code) {
            continue;
        }
        // Made from another language's text by transliteration: not missing.
        let generated_from = language.transliterate.as_ref().map(|t| &t.from);
        if generated_from.is_some_and(|from| present.iter().any(|(l, _)| *l == from)) {
            continue;
        }
        let file_name = first_path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("");
        let missing = file_name.replace(
            &format!(".{first_lang}.md"),
            &format!(".{}.md", language.code),
        );
        // A translation that exists but failed to load has its own error;
        // calling it missing would send the editor looking in the wrong place.
        if first_path.with_file_name(&missing).exists() {
            continue;
        }
        diagnostics.push(
            Diagnostic::warning(
                *first_path,
                crate::t!("translation_missing", slug = slug, lang = &language.code),
            )
            .hint(crate::t!(
                "translation_missing_hint",
                file = missing,
                lang = &language.code
            )),
        );
    }
}
