//! Parses arbitrary text as a `PartialDate`. Must never panic; a parsed
//! date formats back to text that parses to the same date.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yilnoma::model::date::PartialDate;

fuzz_target!(|text: &str| {
    if let Ok(date) = PartialDate::parse(text) {
        let again = PartialDate::parse(&date.to_string()).expect("a formatted date parses");
        assert_eq!(again, date);
        assert!(date.first_day() <= date.last_day());
    }
});
