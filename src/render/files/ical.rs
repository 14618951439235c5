//! `events.ics`: one language's events as an iCalendar file (RFC 5545).
//!
//! Every event is an all-day VEVENT (`DTSTART;VALUE=DATE`) whose exclusive
//! `DTEND` comes from `calendar::all_day_span`: a partial date covers its
//! whole month or year. `DTSTAMP` is the event's first day at midnight UTC,
//! so the same site gives the same bytes on every build. Lines end in CRLF,
//! are folded at 75 octets and text values are escaped. Pure.

use crate::config::Language;
use crate::render::files::calendar::{all_day_span, ical_date, ical_midnight};
use crate::render::files::{LocalEvent, Publication};

pub fn calendar(
    publication: &Publication<'_>,
    language: &Language,
    events: &[LocalEvent<'_>],
) -> String {
    let items = events.iter().map(|e| vevent(publication, language, e));
    assemble(language, items)
}

/// The file from its events' `vevent`s in timeline order.
pub fn assemble<I: AsRef<str>>(language: &Language, vevents: impl Iterator<Item = I>) -> String {
    let mut out = String::new();
    let mut line = |text: String| push_line(&mut out, &text);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line(format!(
        "PRODID:-//Yilnoma//Yilnoma {}//{}",
        env!("CARGO_PKG_VERSION"),
        language.code.to_uppercase()
    ));
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape(&language.title)));
    for vevent in vevents {
        out.push_str(vevent.as_ref());
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

/// One event's `VEVENT`, its lines folded and ended: `serve` keeps them and
/// puts the file together again after an edit of another event.
pub fn vevent(
    publication: &Publication<'_>,
    language: &Language,
    event: &LocalEvent<'_>,
) -> String {
    let routes = publication.routes;
    let host = routes
        .site_url()
        .and_then(|url| url.split("://").nth(1))
        .and_then(|rest| rest.split('/').next())
        .filter(|host| !host.is_empty())
        .unwrap_or("yilnoma.invalid");
    let mut out = String::new();
    let mut line = |text: String| push_line(&mut out, &text);
    let (first, after) = all_day_span(&event.event.date, event.event.end_date.as_ref());
    line("BEGIN:VEVENT".into());
    line(format!("UID:{}.{}@{host}", event.event.slug, language.code));
    line(format!("DTSTAMP:{}", ical_midnight(first)));
    line(format!("DTSTART;VALUE=DATE:{}", ical_date(first)));
    line(format!("DTEND;VALUE=DATE:{}", ical_date(after)));
    line(format!("SUMMARY:{}", escape(event.title)));
    line(format!(
        "DESCRIPTION:{}",
        escape(&format!("{} — {}", event.date_text, event.summary))
    ));
    if let Some(place) = event.place {
        line(format!("LOCATION:{}", escape(place)));
    }
    line(format!("CATEGORIES:{}", escape(&event.kind_label)));
    line(format!("URL:{}", routes.permalink(&event.path)));
    line("TRANSP:TRANSPARENT".into());
    line("END:VEVENT".into());
    out
}

/// A content line, folded, with its CRLF.
fn push_line(out: &mut String, text: &str) {
    out.push_str(&fold(text));
    out.push_str("\r\n");
}

/// Escapes a TEXT value: backslash, `;`, `,` and newlines (RFC 5545 3.3.11);
/// drops control characters and noncharacters (see `model::chars`).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            // RFC 5545 TEXT excludes control characters but tab (3.3.11).
            '\r' => {}
            c if crate::model::chars::forbidden(c) => {}
            _ => out.push(c),
        }
    }
    out
}

/// Folds a content line into lines of at most 75 octets, never inside a
/// UTF-8 character; continuation lines start with a space (RFC 5545 3.1).
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_lines_within_75_octets_and_characters_whole() {
        let long = format!("SUMMARY:{}", "O‘zbekiston–Qozog‘iston ".repeat(10));
        let folded = fold(&long);
        for piece in folded.split("\r\n") {
            assert!(piece.len() <= 75, "{} octets: {piece}", piece.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, long);
        assert_eq!(fold("SHORT"), "SHORT");
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(escape("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
        assert_eq!(escape("a\x07\x0b\0b\u{FFFE}\tc"), "ab\tc");
    }
}
