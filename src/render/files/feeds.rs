//! The Atom feed (RFC 4287) of one language's events, newest first.
//!
//! Takes the publication and that language's events; returns the XML text.
//! Dates come from `calendar::feed_timestamp` (a partial date's first day).
//! Ids are the events' permalinks (or stable `urn:`s without a site URL).

use crate::config::Language;
use crate::model::routes::FEED_FILE;
use crate::render::escape::xml;
use crate::render::files::calendar::feed_timestamp;
use crate::render::files::{LocalEvent, Publication};
use std::fmt::Write;

/// How many of the newest events the feed carries; events.json has them all.
pub const FEED_LIMIT: usize = 50;

/// Atom XML for `language`; `events` in timeline order (oldest first).
pub fn atom(
    publication: &Publication<'_>,
    language: &Language,
    events: &[LocalEvent<'_>],
) -> String {
    let routes = publication.routes;
    let lang = language.code.as_str();
    let home = routes.home(lang);
    let newest: Vec<&LocalEvent<'_>> = events.iter().rev().take(FEED_LIMIT).collect();
    let updated = newest
        .iter()
        .map(|e| feed_timestamp(&e.event.date))
        .max()
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let author = if publication.config.authors.is_empty() {
        language.title.clone()
    } else {
        publication.config.authors.join(", ")
    };
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        out,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        xml(lang)
    );
    let _ = writeln!(out, "<title>{}</title>", xml(&language.title));
    if !language.description.is_empty() {
        let _ = writeln!(out, "<subtitle>{}</subtitle>", xml(&language.description));
    }
    let _ = writeln!(out, "<id>{}</id>", xml(&publication.id(&home)));
    let _ = writeln!(
        out,
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml(&routes.permalink(&routes.lang_file(lang, FEED_FILE)))
    );
    let _ = writeln!(
        out,
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml(&routes.permalink(&home))
    );
    let _ = writeln!(out, "<updated>{updated}</updated>");
    let _ = writeln!(out, "<author><name>{}</name></author>", xml(&author));
    let _ = writeln!(
        out,
        "<generator version=\"{}\">Yilnoma</generator>",
        env!("CARGO_PKG_VERSION")
    );
    for event in newest {
        entry(&mut out, publication, lang, event);
    }
    out.push_str("</feed>\n");
    out
}

fn entry(out: &mut String, publication: &Publication<'_>, lang: &str, event: &LocalEvent<'_>) {
    let routes = publication.routes;
    let timestamp = feed_timestamp(&event.event.date);
    if event.text_lang == lang {
        out.push_str("<entry>\n");
    } else {
        let _ = writeln!(out, "<entry xml:lang=\"{}\">", xml(event.text_lang));
    }
    let _ = writeln!(out, "<title>{}</title>", xml(event.title));
    let _ = writeln!(
        out,
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml(&routes.permalink(&event.path))
    );
    let _ = writeln!(out, "<id>{}</id>", xml(&publication.id(&event.path)));
    let _ = writeln!(out, "<published>{timestamp}</published>");
    let _ = writeln!(out, "<updated>{timestamp}</updated>");
    let _ = writeln!(
        out,
        "<category term=\"{}\" label=\"{}\"/>",
        xml(&event.event.kind),
        xml(&event.kind_label)
    );
    let mut summary = format!("{} — {}", event.date_text, event.summary);
    if let Some(place) = event.place {
        let _ = write!(summary, " ({place})");
    }
    let _ = writeln!(out, "<summary>{}</summary>", xml(&summary));
    out.push_str("</entry>\n");
}
