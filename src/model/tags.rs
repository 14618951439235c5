//! Tag slugs: one URL segment per tag name and language, distinct by
//! construction.
//!
//! A tag's slug is its name folded the way search folds it (Cyrillic
//! transliterated, apostrophes and diacritics dropped) and then made a
//! slug, so `саммит 2020` is `sammit-2020` and `визит 2020` is
//! `vizit-2020`. Two different names that still fold to one slug (`Visit`
//! and `visit`, `O‘zbekiston` and `Ozbekiston`) are a real collision: the
//! name most events use keeps the slug, the others get a suffix made from
//! their own text, so it does not change when other tags come and go.

use crate::model::slug;
use ahash::AHashMap;
use std::collections::{BTreeMap, HashMap};

/// Tag name → slug, per language code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TagSlugs {
    by_lang: AHashMap<String, AHashMap<String, String>>,
}

/// Names that wanted one slug; all but the first got a suffix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collision {
    pub lang: String,
    pub slug: String,
    /// (name, the slug it got), the one keeping `slug` first.
    pub names: Vec<(String, String)>,
}

impl TagSlugs {
    /// Assigns slugs to `uses`: (language, tag name) once per event that
    /// carries it.
    pub fn assign<'a>(
        uses: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Self, Vec<Collision>) {
        // (language, name) → events using it: counted first, so a name's
        // base slug is made once, not once per event (10,000 events carry
        // tens of thousands of uses).
        let mut counts: AHashMap<(&str, &str), usize> = AHashMap::new();
        for used in uses {
            *counts.entry(used).or_default() += 1;
        }
        // language → base slug → name → events using it.
        let mut wanted: BTreeMap<&str, BTreeMap<String, BTreeMap<&str, usize>>> = BTreeMap::new();
        let mut base_of: HashMap<&str, String> = HashMap::new();
        for ((lang, name), count) in counts {
            let base = base_of
                .entry(name)
                .or_insert_with(|| base_slug(name))
                .clone();
            *wanted
                .entry(lang)
                .or_default()
                .entry(base)
                .or_default()
                .entry(name)
                .or_default() += count;
        }
        let mut slugs = TagSlugs::default();
        let mut collisions = Vec::new();
        for (lang, bases) in wanted {
            let table = slugs.by_lang.entry(lang.to_string()).or_default();
            for (base, names) in bases {
                let mut ranked: Vec<(&str, usize)> = names.into_iter().collect();
                // Most used first; ties by name, so the choice is stable.
                ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                let mut given = Vec::new();
                for (position, (name, _)) in ranked.iter().enumerate() {
                    let slug = if position == 0 {
                        base.clone()
                    } else {
                        format!("{base}-{}", short_hash(name))
                    };
                    table.insert(name.to_string(), slug.clone());
                    given.push((name.to_string(), slug));
                }
                if given.len() > 1 {
                    collisions.push(Collision {
                        lang: lang.to_string(),
                        slug: base,
                        names: given,
                    });
                }
            }
        }
        (slugs, collisions)
    }

    /// True when `name` has a slug in `lang` and no other name there folds
    /// to the same base: one more or one fewer event using it cannot change
    /// any slug (only names sharing a base compete, by use).
    pub fn stands_alone(&self, lang: &str, name: &str) -> bool {
        let Some(table) = self.by_lang.get(lang) else {
            return false;
        };
        if !table.contains_key(name) {
            return false;
        }
        let base = base_slug(name);
        table
            .keys()
            .filter(|other| *other != name)
            .all(|other| base_slug(other) != base)
    }

    /// True when a name both tables know has a different slug in this one
    /// (a collision appeared or went away), not when names only came or went.
    pub fn moves_any_of(&self, before: &TagSlugs) -> bool {
        self.by_lang.iter().any(|(lang, table)| {
            before.by_lang.get(lang).is_some_and(|old| {
                table
                    .iter()
                    .any(|(name, slug)| old.get(name).is_some_and(|o| o != slug))
            })
        })
    }

    /// Gives `name` in `lang` the slug of the name it was made from (a
    /// transliterated tag); the first one given stays.
    pub fn inherit(&mut self, lang: &str, name: &str, slug: String) {
        self.by_lang
            .entry(lang.to_string())
            .or_default()
            .entry(name.to_string())
            .or_insert(slug);
    }

    /// The slug of `name` in `lang`; a name not seen at load (a template
    /// asking for a tag no event has) gets its base slug.
    pub fn slug(&self, lang: &str, name: &str) -> String {
        self.by_lang
            .get(lang)
            .and_then(|table| table.get(name))
            .cloned()
            .unwrap_or_else(|| base_slug(name))
    }
}

/// The slug a name wants: folded, then slugged; a stable hash when nothing
/// of it is left (a tag written only in a script the fold does not cover).
pub fn base_slug(name: &str) -> String {
    let slug = slug::suggest(name);
    if slug.is_empty() {
        format!("tag-{}", short_hash(name))
    } else {
        slug
    }
}

/// Eight hex digits of the name's FNV-1a hash: the same on every machine.
fn short_hash(name: &str) -> String {
    let hash = name.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    });
    format!("{:08x}", hash as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_stands_alone_only_when_no_other_name_folds_to_its_base() {
        let (slugs, _) = TagSlugs::assign([
            ("uz", "savdo"),
            ("uz", "Savdo"),
            ("uz", "savdo"),
            ("uz", "suv"),
            ("en", "Savdo"),
        ]);
        assert!(slugs.stands_alone("uz", "suv"));
        assert!(
            !slugs.stands_alone("uz", "savdo"),
            "Savdo competes for its slug"
        );
        assert!(!slugs.stands_alone("uz", "Savdo"));
        assert!(slugs.stands_alone("en", "Savdo"), "languages are apart");
        assert!(!slugs.stands_alone("uz", "chegara"), "a name no event uses");
        assert!(!slugs.stands_alone("ru", "suv"));
    }

    #[test]
    fn cyrillic_tags_are_transliterated_not_merged() {
        let (slugs, collisions) = TagSlugs::assign([("ru", "саммит 2020"), ("ru", "визит 2020")]);
        assert_eq!(slugs.slug("ru", "саммит 2020"), "sammit-2020");
        assert_eq!(slugs.slug("ru", "визит 2020"), "vizit-2020");
        assert!(collisions.is_empty());
    }

    #[test]
    fn uzbek_apostrophes_fold_away() {
        assert_eq!(base_slug("O‘zbekiston"), "ozbekiston");
        assert_eq!(
            base_slug("Qozog‘iston–O‘zbekiston"),
            "qozogiston-ozbekiston"
        );
    }

    #[test]
    fn a_real_collision_keeps_the_most_used_name_and_suffixes_the_other() {
        let uses = [
            ("en", "visit"),
            ("en", "visit"),
            ("en", "Visit"),
            ("uz", "Visit"),
        ];
        let (slugs, collisions) = TagSlugs::assign(uses);
        assert_eq!(slugs.slug("en", "visit"), "visit");
        let other = slugs.slug("en", "Visit");
        assert!(
            other.starts_with("visit-") && other.len() == "visit-".len() + 8,
            "{other}"
        );
        // Alone in its language, the same name keeps the plain slug.
        assert_eq!(slugs.slug("uz", "Visit"), "visit");
        assert_eq!(collisions.len(), 1);
        assert_eq!(collisions[0].lang, "en");
        assert_eq!(collisions[0].names[0], ("visit".into(), "visit".into()));
    }

    #[test]
    fn the_suffix_does_not_depend_on_other_tags() {
        let (a, _) = TagSlugs::assign([("en", "a b"), ("en", "a b"), ("en", "A-B")]);
        let (b, _) =
            TagSlugs::assign([("en", "a b"), ("en", "a b"), ("en", "A-B"), ("en", "a  b")]);
        assert_eq!(a.slug("en", "A-B"), b.slug("en", "A-B"));
    }

    #[test]
    fn only_a_changed_slug_counts_as_a_move() {
        let (one, _) = TagSlugs::assign([("en", "visit")]);
        let (two, _) = TagSlugs::assign([("en", "visit"), ("en", "border")]);
        assert!(!two.moves_any_of(&one) && !one.moves_any_of(&two));
        let (collided, _) = TagSlugs::assign([("en", "Visit"), ("en", "Visit"), ("en", "visit")]);
        assert!(collided.moves_any_of(&one));
    }

    #[test]
    fn a_name_with_nothing_to_slug_gets_a_hash() {
        let slug = base_slug("中文");
        assert!(slug.starts_with("tag-") && slug.len() == 12, "{slug}");
        assert_eq!(slug, base_slug("中文"));
    }
}
