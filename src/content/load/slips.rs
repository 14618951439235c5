//! Warnings for likely slips that are not errors: two events of one
//! language with the same title, a tag spelled close to another tag
//! (`energetika`/`energiya`), and translations of one event that disagree
//! on `place` or on how many tags they have.
//!
//! Tags that differ only by case or apostrophe (`Savdo`/`savdo`) fold to
//! one slug: `tag_slugs` warns about those, so they are skipped here.

use super::transliterated::generated_from;
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::fold::fold;
use crate::model::site::{EventText, Site};
use crate::t;
use std::collections::BTreeMap;

/// How many neighbours in sorted order a tag is compared with: a slip
/// keeps the start or the end of the word, so it sorts near it one way
/// or the other.
const NEIGHBOURS: usize = 8;

pub(super) fn check(config: &Config, site: &Site, diagnostics: &Diagnostics) {
    for language in &config.languages {
        // A generated text repeats its source's slips: they are reported
        // once, for the file the editor writes.
        let texts: Vec<&EventText> = site
            .events
            .iter()
            .filter(|event| generated_from(language, event).is_none())
            .filter_map(|event| event.texts.get(&language.code))
            .collect();
        repeated_titles(&texts, config, diagnostics);
        near_tags(&texts, config, diagnostics);
    }
    let default_lang = &config.default_language().code;
    for event in &site.events {
        let Some((main_lang, main)) = event
            .texts
            .get_key_value(default_lang)
            .or_else(|| event.texts.iter().next())
        else {
            continue;
        };
        for text in event
            .texts
            .iter()
            .filter(|(l, _)| *l != main_lang)
            .filter(|(l, _)| {
                let language = config.language(l);
                language.is_none_or(|language| generated_from(language, event).is_none())
            })
            .map(|(_, t)| t)
        {
            translations_agree(config, main, text, main_lang, diagnostics);
        }
    }
}

/// The path as the editor sees it, relative to the site folder.
fn shown(config: &Config, text: &EventText) -> String {
    let path = &text.source.path;
    crate::model::path_text::escaped(path.strip_prefix(&config.root).unwrap_or(path))
}

/// Folded, with runs of spaces as one: what makes two titles "the same".
fn title_key(title: &str) -> String {
    fold(title).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn repeated_titles(texts: &[&EventText], config: &Config, diagnostics: &Diagnostics) {
    let mut first: BTreeMap<String, &EventText> = BTreeMap::new();
    for text in texts {
        let key = title_key(&text.title);
        if key.is_empty() {
            continue;
        }
        match first.get(&key) {
            Some(earlier) => diagnostics.push(
                Diagnostic::warning(
                    &text.source.path,
                    t!(
                        "title_repeated",
                        title = text.title.trim(),
                        file = shown(config, earlier)
                    ),
                )
                .at(text.lines.title, 1)
                .hint(t!("title_repeated_hint")),
            ),
            None => {
                first.insert(key, text);
            }
        }
    }
}

/// One spelling of a tag in one language: how many events use it.
struct Spelling<'a> {
    name: &'a str,
    folded: String,
    users: Vec<&'a EventText>,
}

fn near_tags(texts: &[&EventText], config: &Config, diagnostics: &Diagnostics) {
    let mut by_name: BTreeMap<&str, Vec<&EventText>> = BTreeMap::new();
    for text in texts {
        for tag in &text.tags {
            by_name.entry(tag.as_str()).or_default().push(text);
        }
    }
    let spellings: Vec<Spelling> = by_name
        .into_iter()
        .map(|(name, users)| Spelling {
            name,
            folded: fold(name),
            users,
        })
        .collect();
    // Pairs to compare: neighbours in the order of the folded text and of
    // the folded text read backwards.
    let mut forward: Vec<usize> = (0..spellings.len()).collect();
    forward.sort_by(|a, b| spellings[*a].folded.cmp(&spellings[*b].folded));
    let reversed = |i: &usize| spellings[*i].folded.chars().rev().collect::<String>();
    let mut backward = forward.clone();
    backward.sort_by_cached_key(reversed);
    let mut pairs = std::collections::BTreeSet::new();
    for order in [&forward, &backward] {
        for (at, a) in order.iter().enumerate() {
            for b in order.iter().skip(at + 1).take(NEIGHBOURS) {
                pairs.insert((*a.min(b), *a.max(b)));
            }
        }
    }
    for (a, b) in pairs {
        let (a, b) = (&spellings[a], &spellings[b]);
        if a.folded == b.folded || !likely_misspelt(&a.folded, &b.folded) {
            continue;
        }
        // The rarer spelling is the likely slip; on a tie, the later name.
        let (slip, kept) = if a.users.len() > b.users.len() {
            (b, a)
        } else {
            (a, b)
        };
        let (slip, kept) = if slip.users.len() == kept.users.len() && slip.name < kept.name {
            (kept, slip)
        } else {
            (slip, kept)
        };
        for user in &slip.users {
            diagnostics.push(
                Diagnostic::warning(
                    &user.source.path,
                    t!(
                        "tag_near",
                        tag = slip.name,
                        other = kept.name,
                        file = shown(config, kept.users[0])
                    ),
                )
                .at(user.lines.tags, 1)
                .hint(t!("tag_near_hint", other = kept.name)),
            );
        }
    }
}

/// Short tags that differ by two letters are often different words
/// (`travel`, `trade`): they count as one misspelt only one edit apart;
/// from eight letters on, `nearest`'s usual distance applies
/// (`energetika`, `energiya`).
fn likely_misspelt(a: &str, b: &str) -> bool {
    let shorter = a.chars().count().min(b.chars().count());
    (shorter >= 4 && crate::nearest::distance(a, b) <= 1)
        || (shorter >= 8 && crate::nearest::is_near(a, b))
}

/// A translation that gives a place the main file does not (or the other
/// way round), or has another number of tags.
fn translations_agree(
    config: &Config,
    main: &EventText,
    text: &EventText,
    main_lang: &str,
    diagnostics: &Diagnostics,
) {
    let main_file = shown(config, main);
    let here = &text.source.path;
    match (&main.place, &text.place) {
        (Some(place), None) => diagnostics.push(
            Diagnostic::warning(here, t!("place_missing", file = &main_file, place = place))
                .at(text.lines.place, 1)
                .hint(t!("place_missing_hint", file = &main_file)),
        ),
        (None, Some(place)) => diagnostics.push(
            Diagnostic::warning(here, t!("place_extra", file = &main_file, place = place))
                .at(text.lines.place, 1)
                .hint(t!("place_extra_hint", file = &main_file)),
        ),
        _ => {}
    }
    if main.tags.len() != text.tags.len() {
        diagnostics.push(
            Diagnostic::warning(
                here,
                t!(
                    "tags_count_differs",
                    count = text.tags.len(),
                    other_count = main.tags.len(),
                    file = &main_file
                ),
            )
            .at(text.lines.tags, 1)
            .hint(t!("tags_count_differs_hint", lang = main_lang)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_spellings_count_only_when_they_are_likely_one_word() {
        for (a, b) in [
            ("energetika", "energiya"),
            ("savdo", "savdu"),
            ("chegara", "chegra"),
        ] {
            assert!(likely_misspelt(&fold(a), &fold(b)), "{a} {b}");
        }
        for (a, b) in [("travel", "trade"), ("visit", "visa"), ("gaz", "gas")] {
            assert!(!likely_misspelt(&fold(a), &fold(b)), "{a} {b}");
        }
    }

    #[test]
    fn titles_are_the_same_after_folding_and_spacing() {
        assert_eq!(
            title_key("Chegara  shartnomasi"),
            title_key("chegara shartnomasi ")
        );
        assert_eq!(title_key("O‘zbekiston"), title_key("O'zbekiston"));
        assert_ne!(title_key("Ilk tashrif"), title_key("Davlat tashrifi"));
    }
}
