//! Tag slugs per language (`model::tags`), with a warning for tag names
//! that fold to one slug.

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::site::Site;

/// Gives every tag of every language its slug (see `model::tags`), warning
/// about names that fold to one slug: each keeps a page of its own, but an
/// editor most likely meant one tag.
pub fn assign_tag_slugs(config: &Config, site: &mut Site, diagnostics: &Diagnostics) {
    let default_lang = &config.default_language().code;
    let uses = config.languages.iter().flat_map(|language| {
        let lang = language.code.as_str();
        site.events.iter().flat_map(move |event| {
            let (text, _) = event.text_for(lang, default_lang);
            text.tags.iter().map(move |tag| (lang, tag.as_str()))
        })
    });
    let (slugs, collisions) = crate::model::tags::TagSlugs::assign(uses);
    for collision in collisions {
        let (kept, _) = &collision.names[0];
        for (name, slug) in &collision.names[1..] {
            let user = site.events.iter().find_map(|event| {
                let (text, _) = event.text_for(&collision.lang, default_lang);
                text.tags.contains(name).then_some(text)
            });
            let Some(text) = user else { continue };
            diagnostics.push(
                Diagnostic::warning(
                    &text.source.path,
                    crate::t!(
                        "tag_same_page",
                        name = name,
                        kept = kept,
                        lang = &collision.lang,
                        slug = &collision.slug,
                        new_slug = slug
                    ),
                )
                .at(text.lines.tags, 1)
                .hint(crate::t!("tag_same_page_hint", kept = kept)),
            );
        }
    }
    site.tag_slugs = slugs;
}
