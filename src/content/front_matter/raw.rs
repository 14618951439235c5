//! The shapes front matter deserialises into (`Raw*`), before the loader
//! checks their values, and the keys each may use.

use serde::Deserialize;

/// A date as written: YAML reads `2017` as a number and `2022-02` as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDate(pub String);

impl<'de> Deserialize<'de> for RawDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = RawDate;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a date such as 2017, 2022-02 or 2022-02-15")
            }
            fn visit_u64<E>(self, v: u64) -> Result<RawDate, E> {
                Ok(RawDate(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawDate, E> {
                Ok(RawDate(v.to_string()))
            }
            fn visit_str<E>(self, v: &str) -> Result<RawDate, E> {
                Ok(RawDate(v.to_string()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A text that YAML may write as null (`title: null`, `title: ~`, nothing
/// after `title:`): read as empty, so the loader's empty-text checks see
/// it, instead of as the words "null" or "~" shown on the page.
fn null_is_empty<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_default())
}

/// Front matter of `content/events/<slug>.<lang>.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    #[serde(deserialize_with = "null_is_empty")]
    pub title: String,
    pub date: RawDate,
    pub end_date: Option<RawDate>,
    pub kind: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub place: Option<String>,
    #[serde(default, deserialize_with = "null_is_empty")]
    pub summary: String,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub weight: i64,
}

pub const EVENT_KEYS: &str =
    "title, date, end_date, kind, tags, place, summary, sources, draft, weight";

/// One entry of an event's `sources` list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub title: String,
    pub url: Option<String>,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<RawDate>,
    /// The language of the source's title when it differs from the file's
    /// (an Uzbek article cited on an English page): marked with `lang`.
    pub lang: Option<String>,
}

/// Front matter of standalone pages and docs.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    #[serde(deserialize_with = "null_is_empty")]
    pub title: String,
    #[serde(default, deserialize_with = "null_is_empty")]
    pub description: String,
    #[serde(default)]
    pub weight: i64,
    #[serde(default)]
    pub draft: bool,
}

pub const PAGE_KEYS: &str = "title, description, weight, draft";
