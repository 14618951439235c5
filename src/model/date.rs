//! Partial dates: `2017`, `2022-02` and `2022-02-15` are all first-class.
//!
//! Takes the text an editor wrote; returns a validated, totally ordered
//! `PartialDate` or a message saying what is wrong. No I/O.

use std::cmp::Ordering;
use std::fmt;

/// A calendar date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Why a text is not a `PartialDate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// Not written `YYYY`, `YYYY-MM` or `YYYY-MM-DD` at all.
    Shape,
    /// A month outside 01–12.
    Month(u8),
    /// A day the month does not have.
    Day { day: u8, last: u8 },
}

impl DateProblem {
    /// The problem in English, naming the `text` that has it.
    pub fn english(self, text: &str) -> String {
        match self {
            Self::Shape => format!(
                "`{text}` is not a date: expected a date written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`"
            ),
            Self::Month(m) => format!("`{text}` has month {m}; months run from 01 to 12"),
            Self::Day { day, last } => {
                format!("`{text}` has day {day}, but that month has {last} days")
            }
        }
    }
}

/// How precisely a `PartialDate` is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; the error says what was expected.
    pub fn parse(text: &str) -> Result<Self, String> {
        Self::check(text).map_err(|problem| problem.english(text.trim()))
    }

    /// `parse` with the problem as a value, for messages in the editor's language.
    pub fn check(text: &str) -> Result<Self, DateProblem> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let all_digits =
            |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
        let shape_ok = match parts.as_slice() {
            [y] => all_digits(y, 4),
            [y, m] => all_digits(y, 4) && all_digits(m, 2),
            [y, m, d] => all_digits(y, 4) && all_digits(m, 2) && all_digits(d, 2),
            _ => false,
        };
        if !shape_ok {
            return Err(DateProblem::Shape);
        }
        // The shape check above guarantees these parse.
        let number = |s: &str| s.parse::<u32>().unwrap_or(0);
        let year = number(parts[0]) as i32;
        let month = parts.get(1).map(|m| number(m) as u8);
        let day = parts.get(2).map(|d| number(d) as u8);
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateProblem::Month(m));
            }
        }
        if let (Some(m), Some(d)) = (month, day) {
            let last = days_in_month(year, m);
            if d == 0 || d > last {
                return Err(DateProblem::Day { day: d, last });
            }
        }
        Ok(Self { year, month, day })
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The first calendar day this date can mean (`2022` → 2022-01-01).
    pub fn first_day(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last calendar day this date can mean (`2022-02` → 2022-02-28).
    pub fn last_day(&self) -> (i32, u8, u8) {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        (self.year, month, day)
    }

    /// ISO 8601 text at the date's own precision: `2022`, `2022-02`, `2022-02-15`.
    pub fn iso(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Ord for PartialDate {
    /// Chronological by first day; a less precise date sorts before a more
    /// precise one on the same first day (`2022` before `2022-01-01`).
    fn cmp(&self, other: &Self) -> Ordering {
        self.first_day()
            .cmp(&other.first_day())
            .then_with(|| self.month.is_some().cmp(&other.month.is_some()))
            .then_with(|| self.day.is_some().cmp(&other.day.is_some()))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_precision() {
        let cases = [
            ("2017", Precision::Year),
            ("2022-02", Precision::Month),
            ("2022-02-15", Precision::Day),
            ("2024-02-29", Precision::Day),
        ];
        for (text, precision) in cases {
            let date = PartialDate::parse(text).unwrap();
            assert_eq!(date.precision(), precision, "{text}");
            assert_eq!(date.to_string(), text, "parse then format is the identity");
        }
    }

    #[test]
    fn rejects_malformed_and_impossible_dates() {
        for text in [
            "2022-13-40",
            "Fevral 2022",
            "2022/02/15",
            "2023-02-29",
            "22-02-15",
            "2022-2-5",
            "",
            "2022-00",
            "2022-04-31",
        ] {
            assert!(
                PartialDate::parse(text).is_err(),
                "{text} should be rejected"
            );
        }
    }

    #[test]
    fn orders_chronologically_with_less_precise_first() {
        let mut dates: Vec<_> = ["2022-02-15", "2021", "2022", "2022-02", "2022-01-01"]
            .iter()
            .map(|t| PartialDate::parse(t).unwrap())
            .collect();
        dates.sort();
        let texts: Vec<_> = dates.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            texts,
            ["2021", "2022", "2022-01-01", "2022-02", "2022-02-15"]
        );
    }

    #[test]
    fn last_day_covers_the_whole_period() {
        assert_eq!(
            PartialDate::parse("2024-02").unwrap().last_day(),
            (2024, 2, 29)
        );
        assert_eq!(
            PartialDate::parse("2022").unwrap().last_day(),
            (2022, 12, 31)
        );
    }
}
