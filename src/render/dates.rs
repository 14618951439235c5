//! Localised dates: "2021-yil 6-dekabr" / "6 December 2021", ranges
//! "2025-yil 14–16-noyabr" / "14–16 November 2025".
//!
//! Patterns and month names come from the language's interface strings
//! (`month_1` … `month_12`, `date_*`), so a new language needs no code;
//! a language whose strings have no `date_day` gets CLDR's forms instead
//! (`render::cldr_dates`).

use crate::model::date::PartialDate;
use crate::render::cldr_dates::CldrDates;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Formats dates with one language's strings, or CLDR's.
pub struct DateFormatter<'a> {
    strings: &'a BTreeMap<String, String>,
    /// Set when the strings have no date patterns of their own.
    cldr: Option<Rc<CldrDates>>,
}

impl<'a> DateFormatter<'a> {
    /// The formatter for the language `code` with its interface strings.
    pub fn new(code: &str, strings: &'a BTreeMap<String, String>) -> Self {
        let cldr = (!has_own_patterns(strings)).then(|| CldrDates::for_code(code));
        Self { strings, cldr }
    }

    fn pattern(&self, key: &str, fallback: &'static str) -> &str {
        self.strings.get(key).map_or(fallback, String::as_str)
    }

    fn month(&self, month: u8) -> String {
        let key = format!("month_{month}");
        self.strings
            .get(&key)
            .cloned()
            .unwrap_or_else(|| format!("{month:02}"))
    }

    /// The month as it stands alone ("январь 1963 г."), where a language
    /// declines it after a day ("22 января"); the plain name otherwise.
    fn standalone_month(&self, month: u8) -> String {
        self.strings
            .get(&format!("month_standalone_{month}"))
            .cloned()
            .unwrap_or_else(|| self.month(month))
    }

    /// One date at its own precision.
    pub fn date(&self, date: &PartialDate) -> String {
        if let Some(cldr) = &self.cldr {
            return cldr.date(date);
        }
        match (date.month, date.day) {
            (Some(m), Some(d)) => fill(
                self.pattern("date_day", "{year}-{mm}-{dd}"),
                date.year,
                m,
                d,
                None,
            ),
            (Some(m), None) => fill(
                self.pattern("date_month", "{year}-{mm}"),
                date.year,
                m,
                0,
                None,
            ),
            _ => fill(self.pattern("date_year", "{year}"), date.year, 0, 0, None),
        }
        .replace(
            "{month}",
            &date
                .month
                .map(|m| match date.day {
                    Some(_) => self.month(m),
                    None => self.standalone_month(m),
                })
                .unwrap_or_default(),
        )
    }

    /// A date or a range; ranges within one month or one year are written
    /// compactly, as people write them.
    pub fn range(&self, start: &PartialDate, end: Option<&PartialDate>) -> String {
        if let Some(cldr) = &self.cldr {
            return cldr.range(start, end);
        }
        let Some(end) = end.filter(|e| *e != start) else {
            return self.date(start);
        };
        let compact = match (start.month, start.day, end.month, end.day) {
            (Some(m), Some(d), Some(em), Some(ed)) if start.year == end.year && m == em => {
                Some(fill(
                    self.pattern("date_range_days", "{start} – {end}"),
                    start.year,
                    m,
                    d,
                    Some((em, ed)),
                ))
            }
            (Some(m), Some(d), Some(em), Some(ed)) if start.year == end.year => Some(fill(
                self.pattern("date_range_days_months", "{start} – {end}"),
                start.year,
                m,
                d,
                Some((em, ed)),
            )),
            (Some(m), None, Some(em), None) if start.year == end.year => Some(fill(
                self.pattern("date_range_months", "{start} – {end}"),
                start.year,
                m,
                0,
                Some((em, 0)),
            )),
            _ => None,
        };
        let text = compact
            .filter(|t| !t.contains("{start}"))
            .unwrap_or_else(|| {
                self.pattern("date_range", "{start} – {end}")
                    .replace("{start}", &self.date(start))
                    .replace("{end}", &self.date(end))
            });
        let name = |m: u8| match start.day {
            Some(_) => self.month(m),
            None => self.standalone_month(m),
        };
        let text = text.replace("{month}", &start.month.map(name).unwrap_or_default());
        text.replace("{end_month}", &end.month.map(name).unwrap_or_default())
    }
}

/// Whether a language's strings write its dates themselves: `date_day`
/// is the one pattern every hand-written set has.
pub fn has_own_patterns(strings: &BTreeMap<String, String>) -> bool {
    strings.contains_key("date_day")
}

fn fill(pattern: &str, year: i32, month: u8, day: u8, end: Option<(u8, u8)>) -> String {
    let mut text = pattern
        .replace("{year}", &year.to_string())
        .replace("{mm}", &format!("{month:02}"))
        .replace("{dd}", &format!("{day:02}"))
        .replace("{day}", &day.to_string());
    if let Some((_, end_day)) = end {
        text = text.replace("{end_day}", &end_day.to_string());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme;

    fn date(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    #[test]
    fn uzbek_dates() {
        let strings = theme::default_strings("uz");
        let f = DateFormatter::new("uz", &strings);
        assert_eq!(f.date(&date("2021-12-06")), "2021-yil 6-dekabr");
        assert_eq!(f.date(&date("2022-02")), "2022-yil fevral");
        assert_eq!(f.date(&date("2017")), "2017");
        assert_eq!(
            f.range(&date("2025-11-14"), Some(&date("2025-11-16"))),
            "2025-yil 14–16-noyabr"
        );
        assert_eq!(
            f.range(&date("2025-11-30"), Some(&date("2025-12-02"))),
            "2025-yil 30-noyabr – 2-dekabr"
        );
        assert_eq!(
            f.range(&date("2025-01"), Some(&date("2025-09"))),
            "2025-yil yanvar–sentabr"
        );
        assert_eq!(
            f.range(&date("2024-12-30"), Some(&date("2025-01-02"))),
            "2024-yil 30-dekabr – 2025-yil 2-yanvar"
        );
    }

    #[test]
    fn english_dates() {
        let strings = theme::default_strings("en");
        let f = DateFormatter::new("en", &strings);
        assert_eq!(f.date(&date("2021-12-06")), "6 December 2021");
        assert_eq!(f.date(&date("2022-02")), "February 2022");
        assert_eq!(f.date(&date("2017")), "2017");
        assert_eq!(
            f.range(&date("2025-11-14"), Some(&date("2025-11-16"))),
            "14–16 November 2025"
        );
        assert_eq!(
            f.range(&date("2025-11-30"), Some(&date("2025-12-02"))),
            "30 November – 2 December 2025"
        );
        assert_eq!(
            f.range(&date("2025-01"), Some(&date("2025-09"))),
            "January–September 2025"
        );
        assert_eq!(f.range(&date("2017"), Some(&date("2019"))), "2017 – 2019");
    }

    #[test]
    fn dates_in_the_other_shipped_languages() {
        let cases: &[(&str, [&str; 5])] = &[
            (
                "fr",
                [
                    "22 janvier 1963",
                    "janvier 1963",
                    "1963",
                    "14–16 novembre 2025",
                    "janvier–septembre 2025",
                ],
            ),
            (
                "de",
                [
                    "22. Januar 1963",
                    "Januar 1963",
                    "1963",
                    "14.–16. November 2025",
                    "Januar–September 2025",
                ],
            ),
            (
                "ru",
                [
                    "22 января 1963 г.",
                    "январь 1963 г.",
                    "1963",
                    "14–16 ноября 2025 г.",
                    "январь–сентябрь 2025 г.",
                ],
            ),
            (
                "kk",
                [
                    "1963 ж. 22 қаңтар",
                    "1963 ж. қаңтар",
                    "1963",
                    "2025 ж. 14–16 қараша",
                    "2025 ж. қаңтар–қыркүйек",
                ],
            ),
            (
                "tr",
                [
                    "22 Ocak 1963",
                    "Ocak 1963",
                    "1963",
                    "14–16 Kasım 2025",
                    "Ocak–Eylül 2025",
                ],
            ),
        ];
        for (code, [day, month, year, days, months]) in cases {
            let strings = theme::default_strings(code);
            let f = DateFormatter::new(code, &strings);
            assert_eq!(f.date(&date("1963-01-22")), *day, "{code}");
            assert_eq!(f.date(&date("1963-01")), *month, "{code}");
            assert_eq!(f.date(&date("1963")), *year, "{code}");
            assert_eq!(
                f.range(&date("2025-11-14"), Some(&date("2025-11-16"))),
                *days,
                "{code}"
            );
            assert_eq!(
                f.range(&date("2025-01"), Some(&date("2025-09"))),
                *months,
                "{code}"
            );
        }
    }

    #[test]
    fn strings_without_date_patterns_get_cldr_forms() {
        let mut strings = theme::default_strings("fr");
        strings.retain(|key, _| !key.starts_with("date_") && !key.starts_with("month_"));
        let f = DateFormatter::new("fr", &strings);
        assert_eq!(f.date(&date("1963-01-22")), "22 janvier 1963");
        assert_eq!(f.date(&date("1963-01")), "janvier 1963");
        assert_eq!(
            f.range(&date("2025-01"), Some(&date("2025-09"))),
            "janvier – septembre 2025"
        );
        // The site's own patterns win where they exist.
        let with_patterns = theme::default_strings("fr");
        let f = DateFormatter::new("fr", &with_patterns);
        assert_eq!(
            f.range(&date("2025-01"), Some(&date("2025-09"))),
            "janvier–septembre 2025"
        );
    }
}
