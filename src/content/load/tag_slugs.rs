//! Tag slugs per language (`model::tags`), with a warning for tag names
//! that fold to one slug.

use super::transliterated::generated_from;
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::site::Site;
use crate::model::tags::TagSlugs;

/// Gives every tag of every language its slug (see `model::tags`), warning
/// about names that fold to one slug: each keeps a page of its own, but an
/// editor most likely meant one tag.
pub fn assign_tag_slugs(config: &Config, site: &mut Site, diagnostics: &Diagnostics) {
    let default_lang = &config.default_language().code;
    let uses = config.languages.iter().flat_map(|language| {
        let lang = language.code.as_str();
        site.events
            .iter()
            .filter(move |event| generated_from(language, event).is_none())
            .flat_map(move |event| {
                let (text, _) = event.text_for(lang, default_lang);
                text.tags.iter().map(move |tag| (lang, tag.as_str()))
            })
    });
    let (mut slugs, collisions) = crate::model::tags::TagSlugs::assign(uses);
    inherit_generated_slugs(config, site, &mut slugs);
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
    site.set_tag_slugs(slugs);
}

/// Decision: a tag made by transliteration has the slug of the tag it was
/// made from (`/uz-cyrl/tags/sanoat-kooperatsiyasi/` as in the Latin
/// edition), so the two editions' tag pages share their URL segment; the
/// Cyrillic name folded back would not always give it (ц folds to s).
/// A tag written only in a hand-made file folds as usual.
fn inherit_generated_slugs(config: &Config, site: &Site, slugs: &mut TagSlugs) {
    for language in &config.languages {
        let Some(how) = &language.transliterate else {
            continue;
        };
        for event in &site.events {
            let Some(source) = generated_from(language, event) else {
                continue;
            };
            let text = &event.texts[&language.code];
            for (made, original) in text.tags.iter().zip(&source.tags) {
                let slug = slugs.slug(&how.from, original);
                slugs.inherit(&language.code, made, slug);
            }
        }
    }
}
