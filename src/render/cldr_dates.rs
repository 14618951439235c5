//! Dates in CLDR's long forms through ICU4X, for a language whose
//! interface strings have no date patterns of their own: "22 janvier
//! 1963", "janvier 1963", "22. Januar 1963", "22 января 1963 г.".
//!
//! Takes a BCP 47 code and `PartialDate`s; returns text. ICU4X's
//! compiled data is linked only for the Gregorian date patterns and
//! month names these field sets use (the linker drops every other part
//! of CLDR); ARCHITECTURE.md says why not a locale subset. Ranges are
//! composed from CLDR's own pieces, since ICU4X 2 has no interval
//! formatting: the shared year is written once, on the side CLDR's full
//! pattern puts it ("14 novembre – 16 novembre 2025",
//! "2025 ж. 14 қараша – 16 қараша", CLDR with U+202F after the year).

use crate::model::date::PartialDate;
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::{M, MD, Y, YM, YMD};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_locale_core::Locale;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// CLDR's between-dates text (`intervalFormatFallback` "{0} – {1}").
const RANGE_SEPARATOR: &str = " – ";

/// One language's CLDR date formatters; `None` fields when ICU4X has no
/// data for a field set (then the ISO text is written).
pub struct CldrDates {
    day: Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
    month: Option<FixedCalendarDateTimeFormatter<Gregorian, YM>>,
    year: Option<FixedCalendarDateTimeFormatter<Gregorian, Y>>,
    day_no_year: Option<FixedCalendarDateTimeFormatter<Gregorian, MD>>,
    month_alone: Option<FixedCalendarDateTimeFormatter<Gregorian, M>>,
}

thread_local! {
    /// Formatters per language code: loading them costs far more than
    /// formatting, and every page of a language formats dates. Per
    /// thread because ICU4X's formatters are not `Sync`.
    static BY_CODE: RefCell<HashMap<String, Rc<CldrDates>>> = RefCell::new(HashMap::new());
}

impl CldrDates {
    /// The formatters for `code`, made once per thread; CLDR's root
    /// forms when ICU4X does not know the language.
    pub fn for_code(code: &str) -> Rc<CldrDates> {
        BY_CODE.with(|cache| {
            Rc::clone(
                cache
                    .borrow_mut()
                    .entry(code.to_string())
                    .or_insert_with(|| Rc::new(CldrDates::new(code))),
            )
        })
    }

    fn new(code: &str) -> Self {
        let locale = Locale::try_from_str(code).unwrap_or(Locale::UNKNOWN);
        Self {
            day: FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMD::long()).ok(),
            month: FixedCalendarDateTimeFormatter::try_new((&locale).into(), YM::long()).ok(),
            year: FixedCalendarDateTimeFormatter::try_new((&locale).into(), Y::long()).ok(),
            day_no_year: FixedCalendarDateTimeFormatter::try_new((&locale).into(), MD::long()).ok(),
            month_alone: FixedCalendarDateTimeFormatter::try_new((&locale).into(), M::long()).ok(),
        }
    }

    /// One date at its own precision.
    pub fn date(&self, date: &PartialDate) -> String {
        let (year, month, day) = date.first_day();
        let Some(value) = gregorian(year, month, day) else {
            return date.iso();
        };
        let text = match date.precision() {
            crate::model::date::Precision::Day => {
                self.day.as_ref().map(|f| f.format(&value).to_string())
            }
            crate::model::date::Precision::Month => {
                self.month.as_ref().map(|f| f.format(&value).to_string())
            }
            crate::model::date::Precision::Year => {
                self.year.as_ref().map(|f| f.format(&value).to_string())
            }
        };
        text.unwrap_or_else(|| date.iso())
    }

    /// A date or a range. Within one year, the year is written once: on
    /// the end for languages whose full date ends with it, on the start
    /// for those that begin with it.
    pub fn range(&self, start: &PartialDate, end: Option<&PartialDate>) -> String {
        let Some(end) = end.filter(|e| *e != start) else {
            return self.date(start);
        };
        let whole = || format!("{}{RANGE_SEPARATOR}{}", self.date(start), self.date(end));
        if start.year != end.year || start.precision() != end.precision() {
            return whole();
        }
        let without_year = |date: &PartialDate| -> Option<String> {
            let (year, month, day) = date.first_day();
            let value = gregorian(year, month, day)?;
            match date.precision() {
                crate::model::date::Precision::Day => self
                    .day_no_year
                    .as_ref()
                    .map(|f| f.format(&value).to_string()),
                crate::model::date::Precision::Month => self
                    .month_alone
                    .as_ref()
                    .map(|f| f.format(&value).to_string()),
                crate::model::date::Precision::Year => None,
            }
        };
        let full_start = self.date(start);
        let year_first = full_start.starts_with(&start.year.to_string());
        let short = if year_first {
            without_year(end).map(|e| format!("{full_start}{RANGE_SEPARATOR}{e}"))
        } else {
            without_year(start).map(|s| format!("{s}{RANGE_SEPARATOR}{}", self.date(end)))
        };
        short.unwrap_or_else(whole)
    }
}

fn gregorian(year: i32, month: u8, day: u8) -> Option<Date<Gregorian>> {
    Date::try_new_gregorian(year, month, day).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    #[test]
    fn full_month_and_year_dates_in_cldr_forms() {
        let cases: &[(&str, [&str; 3])] = &[
            ("fr", ["22 janvier 1963", "janvier 1963", "1963"]),
            ("de", ["22. Januar 1963", "Januar 1963", "1963"]),
            // CLDR puts a narrow no-break space (U+202F) before "г.".
            (
                "ru",
                ["22 января 1963\u{202f}г.", "январь 1963\u{202f}г.", "1963"],
            ),
            ("it", ["22 gennaio 1963", "gennaio 1963", "1963"]),
            ("pl", ["22 stycznia 1963", "styczeń 1963", "1963"]),
        ];
        for (code, [day, month, year]) in cases {
            let f = CldrDates::for_code(code);
            assert_eq!(f.date(&date("1963-01-22")), *day, "{code}");
            assert_eq!(f.date(&date("1963-01")), *month, "{code}");
            assert_eq!(f.date(&date("1963")), *year, "{code}");
        }
    }

    #[test]
    fn ranges_write_a_shared_year_once() {
        let fr = CldrDates::for_code("fr");
        assert_eq!(
            fr.range(&date("2025-11-14"), Some(&date("2025-11-16"))),
            "14 novembre – 16 novembre 2025"
        );
        assert_eq!(
            fr.range(&date("2025-01"), Some(&date("2025-09"))),
            "janvier – septembre 2025"
        );
        assert_eq!(
            fr.range(&date("2024-12-30"), Some(&date("2025-01-02"))),
            "30 décembre 2024 – 2 janvier 2025"
        );
        assert_eq!(fr.range(&date("2017"), Some(&date("2019"))), "2017 – 2019");
        assert_eq!(fr.range(&date("2017"), None), "2017");
        let de = CldrDates::for_code("de");
        assert_eq!(
            de.range(&date("1964-03"), Some(&date("1964-05"))),
            "März – Mai 1964"
        );
        assert_eq!(
            de.range(&date("2025-11-14"), Some(&date("2025-11-16"))),
            "14. November – 16. November 2025"
        );
        // Kazakh dates begin with the year: it is written on the start.
        let kk = CldrDates::for_code("kk");
        assert_eq!(
            kk.range(&date("2025-11-14"), Some(&date("2025-11-16"))),
            "2025\u{202f}ж. 14 қараша – 16 қараша"
        );
        let pl = CldrDates::for_code("pl");
        assert_eq!(
            pl.range(&date("2025-01"), Some(&date("2025-09"))),
            "styczeń – wrzesień 2025"
        );
    }

    #[test]
    fn unknown_language_gets_root_forms_and_never_panics() {
        let f = CldrDates::for_code("not a code");
        assert!(f.date(&date("1963-01-22")).contains("1963"));
        let f = CldrDates::for_code("zz");
        assert!(f.date(&date("1963-01")).contains("1963"));
    }
}
