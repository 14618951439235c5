//! What a rebuild did, in the terminal's words: the `Scope` parts a
//! rebuild reports, put in the messages language with plural forms.

/// One part of what a rebuild did, put in words only when the terminal
/// shows it, in its messages language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The whole site was loaded and rendered again.
    Everything,
    EveryPage,
    /// The pages rendered with these templates.
    PagesUsing(Vec<String>),
    Events(usize),
    Listings {
        kinds: usize,
        tags: usize,
    },
    /// The feeds, the search index and the sitemap.
    Publish,
    /// The listing pages follow as soon as nothing else waits.
    ListingsNext,
    /// Static files copied (`static/<name>`).
    Copied(Vec<String>),
}

impl Scope {
    fn words(&self, lang: &str) -> String {
        use crate::messages::plural;
        use crate::t;
        let text = match self {
            Scope::Everything => t!("scope_everything"),
            Scope::EveryPage => t!("scope_every_page"),
            Scope::PagesUsing(templates) => {
                t!("scope_pages_using", templates = templates.join(", "))
            }
            Scope::Events(count) => return plural("count_events", lang, *count),
            Scope::Listings { kinds, tags } => t!(
                "scope_listings",
                kinds = plural("scope_kind_pages", lang, *kinds),
                tags = plural("scope_tag_pages", lang, *tags)
            ),
            Scope::Publish => t!("scope_publish"),
            Scope::ListingsNext => t!("scope_listings_next"),
            Scope::Copied(files) => t!("scope_copied", files = files.join(", ")),
        };
        text.in_language(lang)
    }
}

/// What a rebuild did, in `lang`: its parts joined by `; `.
pub fn words(scope: &[Scope], lang: &str) -> String {
    let parts: Vec<String> = scope.iter().map(|part| part.words(lang)).collect();
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_rebuild_did_is_said_in_the_terminal_language_with_plural_forms() {
        let scope = [
            Scope::PagesUsing(vec!["event.html".into()]),
            Scope::Events(1),
            Scope::Listings { kinds: 2, tags: 1 },
            Scope::Copied(vec!["static/a.css".into()]),
        ];
        assert_eq!(
            words(&scope, "en"),
            "pages using event.html; 1 event; the timelines, 2 kind pages and 1 tag page; copied static/a.css"
        );
        assert_eq!(
            words(&scope, "uz"),
            "event.html ishlatadigan sahifalar; 1 ta voqea; vaqt chiziqlari, 2 ta tur sahifasi va 1 ta teg sahifasi; nusxalandi: static/a.css"
        );
    }
}
