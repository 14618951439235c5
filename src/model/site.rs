//! The loaded site: events, pages, docs and data, validated and paired
//! across languages. Pure data; built by `content::load`, read by `render`.

use crate::model::date::PartialDate;
use crate::model::tag_index::{LanguageTags, TagIndex};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

/// Where an item came from, so every later stage can name the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRef {
    /// Absolute path of the file.
    pub path: PathBuf,
    /// Path relative to the site root, with `/` separators (for edit links).
    pub relative: String,
    /// 1-based line where the Markdown body starts.
    pub body_line: usize,
}

/// Everything a build renders.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// Sorted by date, then weight, then slug.
    pub events: Vec<Event>,
    /// Sorted by weight, then slug.
    pub pages: Vec<Page>,
    /// Sorted by weight, then slug.
    pub docs: Vec<Page>,
    /// `content/data/<name>.yaml` by name.
    pub data: BTreeMap<String, Data>,
    /// Items whose files exist but failed to load (each failure is an
    /// error already): links to them are not reported as broken too.
    pub unloaded: BTreeSet<(Section, String)>,
    /// Each tag's URL segment per language, distinct within a language
    /// (set with `set_tag_slugs`).
    pub tag_slugs: crate::model::tags::TagSlugs,
    /// Each language's tags, made on first use; dropped when an event is
    /// replaced or the tag slugs are set.
    tag_index: TagIndex,
}

/// A data file under `content/data/`: its YAML as a JSON value, and where
/// it came from. Templates see the value alone (`data.NAME`), so it
/// serialises as its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Data {
    pub source: SourceRef,
    pub value: serde_json::Value,
}

impl serde::Serialize for Data {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

/// One timeline event, in every language it is written in.
#[derive(Debug, Clone)]
pub struct Event {
    pub slug: String,
    pub date: PartialDate,
    pub end_date: Option<PartialDate>,
    pub kind: String,
    pub weight: i64,
    pub draft: bool,
    /// Text per language code; at least one entry. Boxed: a map node has
    /// room for eleven entries, so unboxed texts made every event carry
    /// about 2.7 KB of empty slots (130 MB at 50,000 events).
    pub texts: BTreeMap<String, Box<EventText>>,
}

/// The language-specific part of an event.
#[derive(Debug, Clone)]
pub struct EventText {
    pub source: SourceRef,
    /// Where `title`, `place` and `tags` are written, for warnings.
    pub lines: TextLines,
    pub title: String,
    pub summary: String,
    pub place: Option<String>,
    pub tags: Vec<String>,
    pub sources: Vec<SourceLink>,
    pub body: String,
}

/// 1-based lines of an event text's keys in its file (the first front
/// matter line when a key is absent).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextLines {
    pub title: usize,
    pub place: usize,
    pub tags: usize,
}

/// One cited source.
#[derive(Debug, Clone, Default)]
pub struct SourceLink {
    pub title: String,
    pub url: Option<String>,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<PartialDate>,
    /// The language of the title, when given and not the page's.
    pub lang: Option<String>,
}

/// Which part of the site a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Events,
    Pages,
    Docs,
}

impl Section {
    pub fn folder(self) -> &'static str {
        match self {
            Section::Events => "events",
            Section::Pages => "pages",
            Section::Docs => "docs",
        }
    }
}

/// A standalone page or a docs page, in every language it is written in.
#[derive(Debug, Clone)]
pub struct Page {
    pub section: Section,
    /// For docs, may contain `/` (a page in a subfolder).
    pub slug: String,
    pub weight: i64,
    pub draft: bool,
    pub texts: BTreeMap<String, PageText>,
}

/// The language-specific part of a page.
#[derive(Debug, Clone)]
pub struct PageText {
    pub source: SourceRef,
    pub title: String,
    pub description: String,
    pub body: String,
}

impl Site {
    /// `lang`'s tags: each listing's name, events, uses and first file
    /// (`default_lang`: the language untranslated events are shown in).
    pub fn tags(&self, lang: &str, default_lang: &str) -> Arc<LanguageTags> {
        self.tag_index
            .get(&self.events, &self.tag_slugs, lang, default_lang)
    }

    pub fn set_tag_slugs(&mut self, slugs: crate::model::tags::TagSlugs) {
        self.tag_slugs = slugs;
        self.tag_index.clear();
    }

    /// Puts `event` in place of the event with `slug` (adding or removing it
    /// when either side is `None`), keeping the events sorted; returns the
    /// event it replaced. `serve` uses it to apply and undo an edit.
    pub fn replace_event(&mut self, slug: &str, event: Option<Event>) -> Option<Event> {
        self.tag_index.clear();
        let old = self
            .events
            .iter()
            .position(|e| e.slug == slug)
            .map(|i| self.events.remove(i));
        if let Some(event) = event {
            let key = |e: &Event| (e.date, e.weight, e.slug.clone());
            let at = self.events.partition_point(|e| key(e) < key(&event));
            self.events.insert(at, event);
        }
        old
    }
}

impl Event {
    /// The text in `lang`, or the fallback text (default language first) when
    /// the event is not translated yet; the flag says which.
    pub fn text_for<'a>(&'a self, lang: &str, default_lang: &str) -> (&'a EventText, bool) {
        let (text, fallback) = pick(&self.texts, lang, default_lang);
        (text, fallback)
    }
}

impl Page {
    pub fn text_for<'a>(&'a self, lang: &str, default_lang: &str) -> (&'a PageText, bool) {
        pick(&self.texts, lang, default_lang)
    }
}

fn pick<'a, T>(texts: &'a BTreeMap<String, T>, lang: &str, default_lang: &str) -> (&'a T, bool) {
    // The language's own text is the usual case: one lookup (passes over
    // every event's text run on each `serve` edit of a large site).
    if let Some(text) = texts.get(lang) {
        return (text, false);
    }
    let chosen = text_lang(texts, lang, default_lang);
    let text = texts
        .get(chosen)
        .expect("content::load never creates an item without a text");
    (text, chosen != lang)
}

/// The language of the text `text_for` picks: `lang` itself when written,
/// else the default language, else the first one there is.
pub fn text_lang<'a, T>(
    texts: &'a BTreeMap<String, T>,
    lang: &'a str,
    default_lang: &'a str,
) -> &'a str {
    if texts.contains_key(lang) {
        lang
    } else if texts.contains_key(default_lang) {
        default_lang
    } else {
        texts.keys().next().map_or(lang, String::as_str)
    }
}
