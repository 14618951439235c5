//! `current`: the page's own addresses in every language, its canonical
//! page and x-default (an untranslated page points at the page whose text
//! it shows).

use super::SiteRenderer;
use crate::render::view::{AlternateView, CurrentView};

impl SiteRenderer<'_> {
    /// `current` for a page that exists in every language at `path_for(lang)`.
    pub(super) fn current(
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
        let codes: Vec<&str> = self
            .config
            .languages
            .iter()
            .map(|l| l.code.as_str())
            .collect();
        let shown = shown_language(lang, default_lang, &codes, translated);
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
}

/// The version whose text the page in `lang` shows, by the rule of
/// `model::site::text_lang`: its own text, else the default language's,
/// else the first written language by code. That page is the canonical
/// one (and the x-default when the default language has no text).
fn shown_language<'l>(
    lang: &'l str,
    default_lang: &'l str,
    codes: &[&'l str],
    translated: &dyn Fn(&str) -> bool,
) -> &'l str {
    if translated(lang) {
        return lang;
    }
    if translated(default_lang) {
        return default_lang;
    }
    let mut written: Vec<&str> = codes.iter().copied().filter(|l| translated(l)).collect();
    written.sort_unstable();
    written.first().copied().unwrap_or(lang)
}

#[cfg(test)]
mod tests {
    use super::shown_language;
    use crate::model::site::text_lang;
    use std::collections::BTreeMap;

    #[test]
    fn the_canonical_page_is_the_one_whose_text_is_shown() {
        // Languages declared in an order that is not alphabetical, so a
        // rule that followed book.toml's order would point elsewhere.
        let codes = ["uz", "ru", "en"];
        for written in 1..(1 << codes.len()) {
            let texts: BTreeMap<String, ()> = codes
                .iter()
                .enumerate()
                .filter(|(i, _)| written & (1 << i) != 0)
                .map(|(_, l)| (l.to_string(), ()))
                .collect();
            let translated = |l: &str| texts.contains_key(l);
            for lang in codes {
                assert_eq!(
                    shown_language(lang, "uz", &codes, &translated),
                    text_lang(&texts, lang, "uz"),
                    "{lang} with texts in {:?}",
                    texts.keys().collect::<Vec<_>>()
                );
            }
        }
    }

    #[test]
    fn a_page_without_text_anywhere_is_its_own_canonical() {
        assert_eq!(shown_language("en", "uz", &["uz", "en"], &|_| false), "en");
    }
}
