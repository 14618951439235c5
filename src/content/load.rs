//! `SourceFile`s → the validated, language-paired `Site`.
//!
//! Reads every content file (in parallel), parses front matter, validates
//! each value, pairs translations by slug and checks that paired files agree.
//! Never stops at the first bad file: every problem becomes a diagnostic.

use crate::config::Config;
use crate::content::discover::{self, DataFile, SourceFile};
use crate::content::front_matter::{self, FrontMatterError, RawEvent, RawPage, RawSource, Split};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::chars;
use crate::model::date::PartialDate;
use crate::model::orthography;
use crate::model::routes::RESERVED_SLUGS;
use crate::model::site::{Event, EventText, Page, PageText, Section, Site, SourceLink, SourceRef};
use crate::model::web_url;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Whether draft items are loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drafts {
    Include,
    Exclude,
}

/// Files above this size are refused: no editor writes a 10 MB event.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// One file, parsed and validated on its own.
enum Parsed {
    Event(EventFile),
    Page(PageFile),
}

struct EventFile {
    date: PartialDate,
    end_date: Option<PartialDate>,
    kind: String,
    weight: i64,
    draft: bool,
    /// Lines of `date`, `end_date`, `kind`, for pairing errors.
    key_lines: [usize; 3],
    text: EventText,
}

struct PageFile {
    weight: i64,
    draft: bool,
    text: PageText,
}

pub fn load(config: &Config, drafts: Drafts, diagnostics: &Diagnostics) -> Site {
    let found = discover::discover(config, diagnostics);
    let mut unloaded: BTreeSet<(Section, String)> = found
        .sources
        .iter()
        .map(|s| (s.section, s.slug.clone()))
        .collect();
    let parsed: Vec<(SourceFile, Parsed)> = found
        .sources
        .into_par_iter()
        .filter_map(|source| {
            let parsed = parse_file(config, &source, diagnostics)?;
            Some((source, parsed))
        })
        .collect();
    let mut site = pair(config, parsed, diagnostics);
    for event in &site.events {
        unloaded.remove(&(Section::Events, event.slug.clone()));
    }
    for page in site.pages.iter().chain(&site.docs) {
        unloaded.remove(&(page.section, page.slug.clone()));
    }
    site.unloaded = unloaded;
    site.data = load_data(&found.data, diagnostics);
    if drafts == Drafts::Exclude {
        site.events.retain(|e| !e.draft);
        site.pages.retain(|p| !p.draft);
        site.docs.retain(|p| !p.draft);
    }
    assign_tag_slugs(config, &mut site, diagnostics);
    site
}

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
                text.tags.contains(name).then_some(&text.source)
            });
            let Some(source) = user else { continue };
            diagnostics.push(
                Diagnostic::warning(&source.path, format!(
                    "the tags `{name}` and `{kept}` ({}) would share the page `tags/{}/`: `{name}` gets `tags/{slug}/`",
                    collision.lang, collision.slug
                ))
                .at(source.body_line.saturating_sub(1).max(1), 1)
                .hint(format!("if they are one tag, write `{kept}` everywhere")),
            );
        }
    }
    site.tag_slugs = slugs;
}

/// Re-reads one event's files (every language) and validates and pairs them
/// as `load` does: what `serve` calls after an edit instead of reloading the
/// whole site. `paths` are the files that may hold it (the ones it was
/// loaded from and the ones that changed), wherever they lie under
/// content/events/; the ones that no longer exist or no longer name this
/// slug are skipped. `None` when no file of the event is left.
///
/// Two files of one language are a duplicate the full load reports with
/// both paths: `Err` asks the caller for that.
#[allow(clippy::result_unit_err)]
pub fn load_event(
    config: &Config,
    slug: &str,
    paths: &BTreeSet<std::path::PathBuf>,
    drafts: Drafts,
    diagnostics: &Diagnostics,
) -> Result<Option<Event>, ()> {
    let quiet = Diagnostics::new();
    let mut sources: BTreeMap<String, SourceFile> = BTreeMap::new();
    for path in paths.iter().filter(|p| p.is_file()) {
        let found = discover::classify_file(config, path, &quiet);
        for source in found.sources {
            if source.section != Section::Events || source.slug != slug {
                continue;
            }
            if sources.insert(source.lang.clone(), source).is_some() {
                return Err(());
            }
        }
    }
    let mut files = BTreeMap::new();
    for (lang, source) in sources {
        if let Some(Parsed::Event(event)) = parse_file(config, &source, diagnostics) {
            files.insert(lang, event);
        }
    }
    if files.is_empty() {
        return Ok(None);
    }
    let event = pair_event(config, slug.to_string(), files, diagnostics);
    Ok((drafts == Drafts::Include || !event.draft).then_some(event))
}

fn parse_file(config: &Config, source: &SourceFile, diagnostics: &Diagnostics) -> Option<Parsed> {
    let path = &source.path;
    let text = read_text(path, diagnostics)?;
    let report = |e: FrontMatterError, keys: &str| {
        let diagnostic = match unknown_field(&e.message) {
            Some(key) => {
                let hint = match crate::nearest::nearest(key, keys.split(", ")) {
                    Some(nearest) => {
                        crate::t!("unknown_key_nearest_hint", nearest = nearest, keys = keys)
                    }
                    None => crate::t!("unknown_key_hint", keys = keys),
                };
                Diagnostic::error(path, crate::t!("unknown_key", key = key))
                    .at(e.line, e.column)
                    .hint(hint)
            }
            None => Diagnostic::error(path, e.message)
                .at(e.line, e.column)
                .hint(e.hint),
        };
        diagnostics.push(diagnostic);
    };
    let split = match front_matter::split(&text) {
        Ok(split) => split,
        Err(e) => {
            report(e, "");
            return None;
        }
    };
    let relative = path
        .strip_prefix(&config.root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let source_ref = SourceRef {
        path: path.clone(),
        relative,
        body_line: split.body_line,
    };
    check_body_chars(&split, path, diagnostics);
    let check_spelling = config.render.apostrophe_check.contains(&source.lang);
    match source.section {
        Section::Events => {
            let raw: RawEvent = match front_matter::parse(&split) {
                Ok(raw) => raw,
                Err(e) => {
                    report(e, front_matter::EVENT_KEYS);
                    return None;
                }
            };
            let event = validate_event(config, &split, raw, source_ref, diagnostics)?;
            if check_spelling {
                check_apostrophes(
                    &split,
                    &event.text.body,
                    &event_strings(&event.text),
                    path,
                    diagnostics,
                );
            }
            Some(Parsed::Event(event))
        }
        Section::Pages | Section::Docs => {
            let raw: RawPage = match front_matter::parse(&split) {
                Ok(raw) => raw,
                Err(e) => {
                    report(e, front_matter::PAGE_KEYS);
                    return None;
                }
            };
            if raw.title.trim().is_empty() {
                diagnostics.push(
                    Diagnostic::error(path, "the title is empty")
                        .at(front_matter::key_line(&split, "title").unwrap_or(2), 1)
                        .hint("write the page's title after `title:`"),
                );
            } else if !chars::has_visible(&raw.title) {
                diagnostics.push(invisible_title(&split, &raw.title, path));
            }
            let strings = [(&raw.title, "title"), (&raw.description, "description")];
            check_field_chars(&split, &strings, path, diagnostics);
            let is_language = config.language(&source.slug).is_some();
            if source.section == Section::Pages && is_language {
                diagnostics.push(
                    Diagnostic::error(
                        path,
                        format!(
                            "`{}` cannot be a page slug: it is a language code, and `{}/` is that language's home page",
                            source.slug, source.slug
                        ),
                    )
                    .hint("rename the file, for example to `about-language.uz.md`"),
                );
            } else if source.section == Section::Pages
                && RESERVED_SLUGS.contains(&source.slug.as_str())
            {
                diagnostics.push(
                    Diagnostic::error(
                        path,
                        format!(
                            "`{}` cannot be a page slug: the site uses that path",
                            source.slug
                        ),
                    )
                    .hint(format!(
                        "rename the file; reserved: {}",
                        RESERVED_SLUGS.join(", ")
                    )),
                );
            }
            let text = PageText {
                source: source_ref,
                title: raw.title,
                description: raw.description,
                body: split.body.to_string(),
            };
            if check_spelling {
                let strings = [(&text.title, "title"), (&text.description, "description")];
                check_apostrophes(&split, &text.body, &strings, path, diagnostics);
            }
            Some(Parsed::Page(PageFile {
                weight: raw.weight,
                draft: raw.draft,
                text,
            }))
        }
    }
}

fn read_text(path: &Path, diagnostics: &Diagnostics) -> Option<String> {
    let metadata = std::fs::metadata(path);
    if metadata.as_ref().is_ok_and(|m| !m.is_file()) {
        // Reading a named pipe blocks until someone writes to it.
        diagnostics.push(
            Diagnostic::error(
                path,
                "this is not a regular file (a named pipe, socket or device)",
            )
            .hint("remove it from the content folder: content holds only regular files"),
        );
        return None;
    }
    let size = metadata.map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        diagnostics.push(
            Diagnostic::error(
                path,
                format!(
                    "the file is {} MB; content files may be at most 4 MB",
                    size / (1024 * 1024)
                ),
            )
            .hint("split it into several events or pages, and put large data in static/"),
        );
        return None;
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(path, format!("cannot read the file: {e}"))
                    .hint("check that the file exists and is readable (permissions)"),
            );
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(front_matter::normalise_line_endings(text)),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            diagnostics.push(
                Diagnostic::error(path, "the file is not valid UTF-8 text")
                    .at(line, column)
                    .hint("save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)"),
            );
            None
        }
    }
}

/// Tags one event may have. Every tag has a page listing its events, and
/// each listed event shows all its tags, so one event's tags cost their
/// number squared: past this it is an error, not minutes of rendering.
pub const MAX_TAGS_PER_EVENT: usize = 100;

fn validate_event(
    config: &Config,
    split: &Split<'_>,
    mut raw: RawEvent,
    source: SourceRef,
    diagnostics: &Diagnostics,
) -> Option<EventFile> {
    let path = source.path.clone();
    let line_of = |key: &str| front_matter::key_line(split, key).unwrap_or(split.yaml_line);
    let error_at = |key: &str, message: String, hint: &str| {
        diagnostics.push(
            Diagnostic::error(&path, message)
                .at(line_of(key), 1)
                .hint(hint),
        );
    };
    let error_at_text = |key: &str, (message, hint): (crate::diag::Text, crate::diag::Text)| {
        diagnostics.push(
            Diagnostic::error(&path, message)
                .at(line_of(key), 1)
                .hint(hint),
        );
    };
    let date_hint = "write the date as `2017`, `2022-02` or `2022-02-15` (year, month, day)";
    let date = PartialDate::parse(&raw.date.0)
        .map_err(|m| error_at("date", format!("`date`: {m}"), date_hint))
        .ok();
    let end_date = match &raw.end_date {
        None => Some(None),
        Some(text) => PartialDate::parse(&text.0)
            .map(Some)
            .map_err(|m| error_at("end_date", format!("`end_date`: {m}"), date_hint))
            .ok(),
    };
    if let (Some(start), Some(Some(end))) = (date, end_date) {
        if end.last_day() < start.first_day() {
            error_at(
                "end_date",
                format!("`end_date` {end} is before `date` {start}"),
                "swap the two dates, or correct the end date",
            );
        }
    }
    if raw.title.trim().is_empty() {
        error_at(
            "title",
            "the title is empty".into(),
            "write the event's title after `title:`",
        );
    } else if !chars::has_visible(&raw.title) {
        diagnostics.push(invisible_title(split, &raw.title, &path));
    }
    if raw.tags.len() > MAX_TAGS_PER_EVENT {
        error_at_text(
            "tags",
            (
                crate::t!(
                    "too_many_tags",
                    count = raw.tags.len(),
                    max = MAX_TAGS_PER_EVENT
                ),
                crate::t!("too_many_tags_hint"),
            ),
        );
        // The file already fails; the rest of loading stays linear.
        raw.tags.truncate(MAX_TAGS_PER_EVENT);
    }
    let mut strings = vec![(&raw.title, "title"), (&raw.summary, "summary")];
    strings.extend(raw.place.iter().map(|p| (p, "place")));
    strings.extend(raw.tags.iter().map(|t| (t, "tags")));
    for source in &raw.sources {
        strings.push((&source.title, "sources"));
        let more = [&source.url, &source.author, &source.publisher];
        strings.extend(more.into_iter().flatten().map(|v| (v, "sources")));
    }
    check_field_chars(split, &strings, &path, diagnostics);
    if !chars::has_visible(&raw.summary) {
        diagnostics.push(
            Diagnostic::warning(&path, "the event has no `summary`")
                .at(split.yaml_line, 1)
                .hint("add `summary: \"…\"`: one sentence shown on the timeline and in feeds"),
        );
    }
    if !config.kinds.is_empty() && config.kind(&raw.kind).is_none() {
        error_at_text("kind", kind_problem(config, &raw.kind));
    } else if raw.kind.trim().is_empty() {
        error_at(
            "kind",
            "`kind` is empty".into(),
            "write what the event is after `kind:`, for example `kind: visit`",
        );
    } else if let Err(message) = crate::model::slug::validate(&raw.kind) {
        // Without [kind.*] tables any kind is accepted, and each becomes
        // the folder `kinds/KIND/`: it must be a slug like a file name.
        error_at(
            "kind",
            format!("`kind`: {message}"),
            &format!(
                "write a kind id such as `{}`, or declare the kinds under [kind.ID] in book.toml",
                crate::model::slug::suggest(&raw.kind)
            ),
        );
    }
    let sources = validate_sources(&raw.sources, &path, split, diagnostics);
    let key_lines = [line_of("date"), line_of("end_date"), line_of("kind")];
    Some(EventFile {
        date: date?,
        end_date: end_date?,
        kind: raw.kind,
        weight: raw.weight,
        draft: raw.draft,
        key_lines,
        text: EventText {
            source,
            title: raw.title,
            summary: raw.summary,
            place: raw.place,
            tags: raw.tags,
            sources: sources?,
            body: split.body.to_string(),
        },
    })
}

/// The field serde's `deny_unknown_fields` names in "unknown field `x`, expected …".
fn unknown_field(message: &str) -> Option<&str> {
    message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(key, _)| key)
}

/// The message and hint for a `kind` book.toml does not declare: when it is
/// a kind's label in some language (`Tashrif`, `Visit`), the id to write;
/// else the nearest id, else the list and how to declare a new kind.
fn kind_problem(config: &Config, kind: &str) -> (crate::diag::Text, crate::diag::Text) {
    let same = |a: &str, b: &str| crate::nearest::distance(a.trim(), b.trim()) == 0;
    if let Some(labelled) = config
        .kinds
        .iter()
        .find(|k| same(&k.id, kind) || k.labels.values().any(|label| same(label, kind)))
    {
        return (
            crate::t!("kind_is_a_label", kind = kind, id = labelled.id),
            crate::t!("kind_is_a_label_hint", id = labelled.id),
        );
    }
    let known: Vec<&str> = config.kinds.iter().map(|k| k.id.as_str()).collect();
    let message = crate::t!("unknown_kind", kind = kind);
    if let Some(nearest) = crate::nearest::nearest(kind, known.iter().copied()) {
        return (
            message,
            crate::t!(
                "unknown_kind_nearest_hint",
                nearest = nearest,
                known = known.join(", ")
            ),
        );
    }
    let labels = config
        .languages
        .iter()
        .map(|l| format!("{} = \"…\"", l.code))
        .collect::<Vec<_>>()
        .join(", ");
    (
        message,
        crate::t!(
            "unknown_kind_hint",
            known = known.join(", "),
            kind = kind,
            labels = labels
        ),
    )
}

fn validate_sources(
    raw: &[RawSource],
    path: &Path,
    split: &Split<'_>,
    diagnostics: &Diagnostics,
) -> Option<Vec<SourceLink>> {
    let sources_line = front_matter::key_line(split, "sources").unwrap_or(split.yaml_line);
    // The line that writes `value` (a URL, a date), else the `sources:` line.
    let line_of = |value: &str| {
        split
            .yaml
            .lines()
            .position(|l| l.contains(value))
            .map_or(sources_line, |i| split.yaml_line + i)
    };
    let mut ok = true;
    let mut sources = Vec::new();
    for source in raw {
        if let Some(url) = &source.url {
            let line = line_of(url);
            if let Err(problem) = web_url::check(url) {
                ok = false;
                diagnostics.push(
                    Diagnostic::error(path, problem.message(&format!("source `{}`", source.title)))
                        .at(line, 1)
                        .hint(crate::t!("source_url_hint")),
                );
            }
        }
        let date = match &source.date {
            None => None,
            Some(text) => match PartialDate::parse(&text.0) {
                Ok(date) => Some(date),
                Err(message) => {
                    let line = line_of(&text.0);
                    ok = false;
                    diagnostics.push(
                        Diagnostic::error(path, format!("source `{}`: {message}", source.title))
                            .at(line, 1)
                            .hint("write the source's date as `2025`, `2025-11` or `2025-11-10`"),
                    );
                    None
                }
            },
        };
        sources.push(SourceLink {
            title: source.title.clone(),
            url: source.url.clone(),
            author: source.author.clone(),
            publisher: source.publisher.clone(),
            date,
            lang: source.lang.clone(),
        });
    }
    ok.then_some(sources)
}

/// A title of only invisible characters (zero-width spaces, a BOM…).
fn invisible_title(split: &Split<'_>, title: &str, path: &Path) -> Diagnostic {
    Diagnostic::error(
        path,
        crate::t!("title_invisible", codes = chars::code_points(title)),
    )
    .at(
        front_matter::key_line(split, "title").unwrap_or(split.yaml_line),
        1,
    )
    .hint(crate::t!("title_invisible_hint"))
}

/// Front-matter values with a character no web page, feed or calendar can
/// carry (see `model::chars`): an error at the value's key.
fn check_field_chars(
    split: &Split<'_>,
    strings: &[(&String, &'static str)],
    path: &Path,
    diagnostics: &Diagnostics,
) {
    for (value, key) in strings {
        if let Some((_, _, c)) = chars::first_forbidden(value) {
            diagnostics.push(
                Diagnostic::error(
                    path,
                    crate::t!("control_character", key = key, code = chars::code_point(c)),
                )
                .at(
                    front_matter::key_line(split, key).unwrap_or(split.yaml_line),
                    1,
                )
                .hint(crate::t!("control_character_hint")),
            );
        }
    }
}

/// The first raw control character or noncharacter of a body, at its line
/// and column (a NUL pasted from a PDF, an escape sequence from a terminal).
fn check_body_chars(split: &Split<'_>, path: &Path, diagnostics: &Diagnostics) {
    if let Some((line, column, c)) = chars::first_forbidden(split.body) {
        diagnostics.push(
            Diagnostic::error(
                path,
                crate::t!("body_control_character", code = chars::code_point(c)),
            )
            .at(split.body_line + line, column)
            .hint(crate::t!("body_control_character_hint")),
        );
    }
}

fn event_strings(text: &EventText) -> Vec<(&String, &'static str)> {
    let mut strings = vec![(&text.title, "title"), (&text.summary, "summary")];
    if let Some(place) = &text.place {
        strings.push((place, "place"));
    }
    strings.extend(text.tags.iter().map(|t| (t, "tags")));
    strings
}

/// Warns about apostrophe variants in front-matter values and the body
/// (code blocks and inline code excepted).
fn check_apostrophes(
    split: &Split<'_>,
    body: &str,
    strings: &[(&String, &'static str)],
    path: &Path,
    diagnostics: &Diagnostics,
) {
    let warn = |finding: orthography::Finding, line: usize, column: usize| {
        diagnostics.push(
            Diagnostic::warning(path, format!("apostrophe variant in `{}`", finding.word))
                .at(line, column)
                .hint(format!(
                    "write `{}`: o‘ and g‘ take ‘ (U+2018), the tutuq belgisi takes ’ (U+2019)",
                    finding.suggestion
                )),
        );
    };
    for (value, key) in strings {
        for finding in orthography::check(value) {
            let line = front_matter::key_line(split, key).unwrap_or(split.yaml_line);
            warn(finding, line, 1);
        }
    }
    // The open fence's character and length: ```` may hold ``` lines.
    let mut fence: Option<(char, usize)> = None;
    for (index, line) in body.lines().enumerate() {
        let trimmed = line.trim_start();
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = marker.map_or(0, |c| trimmed.chars().take_while(|x| *x == c).count());
        match (fence, marker) {
            (None, Some(c)) if run >= 3 => {
                fence = Some((c, run));
                continue;
            }
            (Some((open, length)), Some(c))
                if c == open && run >= length && trimmed[run..].trim().is_empty() =>
            {
                fence = None;
                continue;
            }
            _ => {}
        }
        if fence.is_some() {
            continue;
        }
        for finding in orthography::check_markdown_line(line) {
            let column = line[..finding.offset].chars().count() + 1;
            warn(finding, split.body_line + index, column);
        }
    }
}

/// Groups files by slug, checks that translations agree, builds the `Site`.
fn pair(config: &Config, parsed: Vec<(SourceFile, Parsed)>, diagnostics: &Diagnostics) -> Site {
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
                    format!(
                        "slug `{}` in language `{}` is already used by `{}`",
                        source.slug,
                        source.lang,
                        first.strip_prefix(&config.root).unwrap_or(first).display()
                    ),
                )
                .hint("two files would be written to the same page: rename one of them"),
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

fn pair_event(
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
        let disagree = |what: &str, mine: String, theirs: String, line: usize| {
            diagnostics.push(
                Diagnostic::error(path, format!(
                    "`{what}` is {mine} here but {theirs} in the `{main_lang}` file"
                ))
                .at(line, 1)
                .hint(format!(
                    "translations of one event share {what}: make `{slug}.{lang}.md` and `{slug}.{main_lang}.md` agree"
                )),
            );
        };
        if other.date != main.date {
            disagree(
                "date",
                other.date.to_string(),
                main.date.to_string(),
                other.key_lines[0],
            );
        }
        if other.end_date != main.end_date {
            let show = |d: Option<PartialDate>| d.map_or("absent".to_string(), |d| d.to_string());
            disagree(
                "end_date",
                show(other.end_date),
                show(main.end_date),
                other.key_lines[1],
            );
        }
        if other.kind != main.kind {
            disagree(
                "kind",
                format!("`{}`", other.kind),
                format!("`{}`", main.kind),
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
            Diagnostic::warning(*first_path, format!("`{slug}` has no `{}` translation", language.code))
                .hint(format!(
                    "add `{missing}` beside it; until then the `{}` site shows this text with a \"not yet translated\" notice",
                    language.code
                )),
        );
    }
}

fn load_data(files: &[DataFile], diagnostics: &Diagnostics) -> BTreeMap<String, serde_json::Value> {
    let mut data = BTreeMap::new();
    for file in files {
        let Some(text) = read_text(&file.path, diagnostics) else {
            continue;
        };
        match front_matter::parse_data(&text) {
            Ok(value) => {
                data.insert(file.name.clone(), value);
            }
            Err(e) => diagnostics.push(
                Diagnostic::error(&file.path, e.message)
                    .at(e.line, e.column)
                    .hint(e.hint),
            ),
        }
    }
    data
}
