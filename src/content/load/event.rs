//! An event file's front matter → `EventFile`: dates, title, tags, kind,
//! sources, each problem at its key's line.

use super::text_checks::{check_field_chars, invisible_title};
use super::EventFile;
use crate::config::Config;
use crate::content::front_matter::{self, RawEvent, RawSource, Split};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::chars;
use crate::model::date::{DateProblem, PartialDate};
use crate::model::site::{EventText, SourceLink, SourceRef, TextLines};
use crate::model::web_url;
use std::path::Path;

/// Tags one event may have. Every tag has a page listing its events, and
/// each listed event shows all its tags, so one event's tags cost their
/// number squared: past this it is an error, not minutes of rendering.
pub const MAX_TAGS_PER_EVENT: usize = 100;

pub(super) fn validate_event(
    config: &Config,
    split: &Split<'_>,
    mut raw: RawEvent,
    source: SourceRef,
    diagnostics: &Diagnostics,
) -> Option<EventFile> {
    let path = source.path.clone();
    let line_of = |key: &str| front_matter::key_line(split, key).unwrap_or(split.yaml_line);
    let error_at = |key: &str, message: crate::diag::Text, hint: crate::diag::Text| {
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
    // A date error points at the value: that is what to rewrite.
    let date_error = |key: &str, text: &str, problem| {
        let (message, hint) = date_problem(key, text, problem);
        let column = front_matter::value_column(split, key).unwrap_or(1);
        diagnostics.push(
            Diagnostic::error(&path, message)
                .at(line_of(key), column)
                .hint(hint),
        );
    };
    let date = PartialDate::check(&raw.date.0)
        .map_err(|problem| date_error("date", &raw.date.0, problem))
        .ok();
    let end_date = match &raw.end_date {
        None => Some(None),
        Some(text) => PartialDate::check(&text.0)
            .map(Some)
            .map_err(|problem| date_error("end_date", &text.0, problem))
            .ok(),
    };
    if let (Some(start), Some(Some(end))) = (date, end_date) {
        if end.last_day() < start.first_day() {
            error_at(
                "end_date",
                crate::t!("end_before_start", end = end, start = start),
                crate::t!("end_before_start_hint"),
            );
        }
    }
    if raw.title.trim().is_empty() {
        error_at(
            "title",
            crate::t!("event_title_empty"),
            crate::t!("event_title_empty_hint"),
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
            Diagnostic::warning(&path, crate::t!("summary_missing"))
                .at(split.yaml_line, 1)
                .hint(crate::t!("summary_missing_hint")),
        );
    }
    if !config.kinds.is_empty() && config.kind(&raw.kind).is_none() {
        error_at_text("kind", kind_problem(config, &raw.kind));
    } else if raw.kind.trim().is_empty() {
        error_at(
            "kind",
            crate::t!("kind_empty"),
            crate::t!("kind_empty_hint"),
        );
    } else if let Err(message) = crate::model::slug::validate(&raw.kind) {
        // Without [kind.*] tables any kind is accepted, and each becomes
        // the folder `kinds/KIND/`: it must be a slug like a file name.
        error_at(
            "kind",
            crate::diag::Text::plain(format!("`kind`: {message}")),
            crate::t!(
                "kind_not_slug_hint",
                suggestion = crate::model::slug::suggest(&raw.kind)
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
            lines: TextLines {
                title: line_of("title"),
                place: line_of("place"),
                tags: line_of("tags"),
            },
            title: raw.title,
            summary: raw.summary,
            place: raw.place,
            tags: raw.tags,
            sources: sources?,
            body: split.body.to_string(),
        },
    })
}

/// The message and hint for a date that is not `YYYY`, `YYYY-MM` or
/// `YYYY-MM-DD`: when it reads as a date written another way
/// (`14.11.2025`, `14 noyabr 2025`), the ISO form to write.
fn date_problem(
    key: &str,
    text: &str,
    problem: DateProblem,
) -> (crate::diag::Text, crate::diag::Text) {
    let text = text.trim();
    let message = match problem {
        DateProblem::Shape => crate::t!("date_not_iso", key = key, text = text),
        DateProblem::Month(month) => {
            crate::t!("date_bad_month", key = key, text = text, month = month)
        }
        DateProblem::Day { day, last } => {
            crate::t!(
                "date_bad_day",
                key = key,
                text = text,
                day = day,
                last = last
            )
        }
    };
    let hint = match crate::model::date_forms::suggest_iso(text) {
        Some(iso) if problem == DateProblem::Shape => {
            crate::t!("date_iso_hint", key = key, iso = iso)
        }
        _ => crate::t!("date_hint"),
    };
    (message, hint)
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
    let known: Vec<&str> = config.kind_ids();
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
                    Diagnostic::error(
                        path,
                        crate::config::url_problem(&problem, &format!("source `{}`", source.title)),
                    )
                    .at(line, 1)
                    .hint(crate::t!("source_url_hint")),
                );
            }
        }
        let date = match &source.date {
            None => None,
            Some(text) => match PartialDate::check(&text.0) {
                Ok(date) => Some(date),
                Err(problem) => {
                    let line = line_of(&text.0);
                    ok = false;
                    let (message, hint) = date_problem("date", &text.0, problem);
                    diagnostics.push(
                        Diagnostic::error(
                            path,
                            crate::t!("source_problem", title = &source.title)
                                .with("problem", message),
                        )
                        .at(line, 1)
                        .hint(hint),
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
