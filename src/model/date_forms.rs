//! Dates written the way people write them (`14.11.2025`, `14/11/2025`,
//! `14 noyabr 2025`, `2025-yil 14-noyabr`, `November 14, 2025`,
//! `14 ноября 2025`) read back into the ISO form front matter takes, so a
//! message can say what to write.
//!
//! Pure. A guess is offered only when it is a real `PartialDate`.

use crate::model::date::PartialDate;

/// Month names by their first letters, in English, Uzbek Latin, Uzbek and
/// Russian Cyrillic (every case form starts the same: `ноября`, `ноябрь`).
const MONTH_STEMS: [&[&str]; 12] = [
    &["jan", "yan", "янв"],
    &["feb", "fev", "фев"],
    &["mar", "мар"],
    &["apr", "апр"],
    &["may", "май", "мая"],
    &["jun", "iyun", "июн"],
    &["jul", "iyul", "июл"],
    &["aug", "avg", "авг"],
    &["sep", "sen", "сен"],
    &["oct", "okt", "окт"],
    &["nov", "noy", "ноя"],
    &["dec", "dek", "дек"],
];

/// The month (1–12) a word names, if it names one.
fn month_of(word: &str) -> Option<u8> {
    let word = word.to_lowercase();
    if word.chars().count() < 3 {
        return None;
    }
    (1..=12)
        .zip(MONTH_STEMS)
        .find(|(_, stems)| stems.iter().any(|stem| word.starts_with(stem)))
        .map(|(month, _)| month)
}

/// The ISO date `text` most likely means, when it is not ISO already:
/// a month name with a four-digit year and maybe a day; else three numbers
/// read day-month-year unless the first has four digits (year-month-day;
/// month-day-year only when the middle one cannot be a month); else two
/// numbers as month and year in either order.
pub fn suggest_iso(text: &str) -> Option<PartialDate> {
    let mut numbers: Vec<&str> = Vec::new();
    let mut month = None;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let run = if c.is_ascii_digit() {
            let end = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            numbers.push(&rest[..end]);
            end
        } else if c.is_alphabetic() {
            let end = rest
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(rest.len());
            if let Some(m) = month_of(&rest[..end]) {
                if month.replace(m).is_some() {
                    return None;
                }
            }
            end
        } else {
            c.len_utf8()
        };
        rest = &rest[run..];
    }
    let value = |s: &str| s.parse::<u32>().ok();
    let is_year = |s: &&str| s.len() == 4;
    let (year, month, day) = match (month, numbers.as_slice()) {
        (Some(m), [y]) if is_year(y) => (value(y)?, m as u32, None),
        (Some(m), [a, b]) if is_year(a) => (value(a)?, m as u32, Some(value(b)?)),
        (Some(m), [a, b]) if is_year(b) => (value(b)?, m as u32, Some(value(a)?)),
        (None, [y, m, d]) if is_year(y) => (value(y)?, value(m)?, Some(value(d)?)),
        (None, [a, b, y]) if is_year(y) => match (value(a)?, value(b)?) {
            (a, b) if b > 12 && a <= 12 => (value(y)?, a, Some(b)),
            (d, m) => (value(y)?, m, Some(d)),
        },
        (None, [y, m]) if is_year(y) => (value(y)?, value(m)?, None),
        (None, [m, y]) if is_year(y) => (value(y)?, value(m)?, None),
        _ => return None,
    };
    let iso = match day {
        Some(day) => format!("{year:04}-{month:02}-{day:02}"),
        None => format!("{year:04}-{month:02}"),
    };
    PartialDate::parse(&iso).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_ways_of_writing_a_date_read_back_to_iso() {
        for (text, iso) in [
            ("14.11.2025", "2025-11-14"),
            ("14/11/2025", "2025-11-14"),
            ("2022/02/15", "2022-02-15"),
            ("11/14/2025", "2025-11-14"),
            ("14 noyabr 2025", "2025-11-14"),
            ("2025-yil 14-noyabr", "2025-11-14"),
            ("November 14, 2025", "2025-11-14"),
            ("14 ноября 2025 г.", "2025-11-14"),
            ("2025 йил 14 ноябрь", "2025-11-14"),
            ("Fevral 2022", "2022-02"),
            ("март 2019", "2019-03"),
            ("02.2022", "2022-02"),
        ] {
            assert_eq!(
                suggest_iso(text).map(|d| d.iso()).as_deref(),
                Some(iso),
                "{text}"
            );
        }
    }

    #[test]
    fn no_guess_when_the_result_is_not_a_date() {
        for text in [
            "31.02.2025",
            "14.11.25",
            "2022-13-40",
            "kecha",
            "14 noyabr",
            "noyabr dekabr 2025",
            "1.2.3.2025",
            "",
        ] {
            assert_eq!(suggest_iso(text), None, "{text}");
        }
    }
}
