//! Partial dates → the full dates feeds and calendars demand, in one place.
//!
//! The mapping (documented in docs/publishing):
//! - Atom `updated`/`published`: the first day the date can mean, at
//!   midnight UTC (`2022` → 2022-01-01T00:00:00Z, `2022-02` → 2022-02-01…).
//! - iCalendar: an all-day event covering the whole period the date can
//!   mean, with the exclusive end iCalendar wants (`2022-02` → DTSTART
//!   20220201, DTEND 20220301; `2017` → 20170101 to 20180101); an end date
//!   extends it to the end date's last day.
//! - TimelineJS: only the parts that are known (`{year, month}` for
//!   `2022-02`), since TimelineJS handles partial dates itself.
//!
//! Pure functions; no I/O.

use crate::model::date::{days_in_month, PartialDate};

/// A calendar day: (year, month, day).
pub type Day = (i32, u8, u8);

/// RFC 3339 timestamp for Atom: the date's first day at midnight UTC.
pub fn feed_timestamp(date: &PartialDate) -> String {
    let (year, month, day) = date.first_day();
    format!("{year:04}-{month:02}-{day:02}T00:00:00Z")
}

/// The all-day span of an event: first day, and the day after its last day.
pub fn all_day_span(start: &PartialDate, end: Option<&PartialDate>) -> (Day, Day) {
    let last = end.filter(|e| *e >= start).unwrap_or(start).last_day();
    (start.first_day(), next_day(last))
}

/// `YYYYMMDD`, iCalendar's DATE value.
pub fn ical_date((year, month, day): Day) -> String {
    format!("{year:04}{month:02}{day:02}")
}

/// `YYYYMMDDT000000Z`, an iCalendar UTC DATE-TIME at midnight.
pub fn ical_midnight(day: Day) -> String {
    format!("{}T000000Z", ical_date(day))
}

pub fn next_day((year, month, day): Day) -> Day {
    if day < days_in_month(year, month) {
        (year, month, day + 1)
    } else if month < 12 {
        (year, month + 1, 1)
    } else {
        (year + 1, 1, 1)
    }
}

/// TimelineJS 3 date object: `{year}`, `{year, month}` or `{year, month, day}`.
pub fn timeline_js(date: &PartialDate) -> serde_json::Value {
    let mut value = serde_json::json!({ "year": date.year });
    if let Some(month) = date.month {
        value["month"] = month.into();
    }
    if let Some(day) = date.day {
        value["day"] = day.into();
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    #[test]
    fn feed_timestamps_use_the_first_day() {
        assert_eq!(feed_timestamp(&date("2017")), "2017-01-01T00:00:00Z");
        assert_eq!(feed_timestamp(&date("2022-02")), "2022-02-01T00:00:00Z");
        assert_eq!(feed_timestamp(&date("2021-12-06")), "2021-12-06T00:00:00Z");
    }

    #[test]
    fn all_day_spans_cover_the_whole_period_with_an_exclusive_end() {
        let cases = [
            ("2021-12-06", None, "20211206", "20211207"),
            ("2022-02", None, "20220201", "20220301"),
            ("2024-02", None, "20240201", "20240301"),
            ("2017", None, "20170101", "20180101"),
            ("2022-02", Some("2022-03"), "20220201", "20220401"),
            ("2021-12-31", Some("2022-01-02"), "20211231", "20220103"),
            // An end before the start is ignored rather than producing a negative span.
            ("2022-05-10", Some("2022-05-01"), "20220510", "20220511"),
        ];
        for (start, end, dtstart, dtend) in cases {
            let end = end.map(date);
            let (first, after) = all_day_span(&date(start), end.as_ref());
            assert_eq!(ical_date(first), dtstart, "{start}");
            assert_eq!(ical_date(after), dtend, "{start}");
        }
    }

    #[test]
    fn timeline_js_keeps_only_known_parts() {
        assert_eq!(
            timeline_js(&date("2017")),
            serde_json::json!({"year": 2017})
        );
        assert_eq!(
            timeline_js(&date("2022-02-15")),
            serde_json::json!({"year": 2022, "month": 2, "day": 15})
        );
    }
}
