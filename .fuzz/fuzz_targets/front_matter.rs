//! Splits arbitrary text into front matter and body, then parses the YAML
//! as an event and as a page, as `content::load` does. Must never panic; the body must be a suffix
//! of the input and the reported lines must lie inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yilnoma::content::front_matter::{self, RawEvent, RawPage};

fuzz_target!(|raw: &str| {
    // As `content::load` does before splitting.
    let text = &front_matter::normalise_line_endings(raw.to_string());
    let lines = text.lines().count().max(1) + 1;
    match front_matter::split(text) {
        Ok(split) => {
            assert!(
                text.ends_with(split.body),
                "the body is the end of the file"
            );
            assert!(split.body_line <= lines + 1);
            for result in [
                front_matter::parse::<RawEvent>(&split).err(),
                front_matter::parse::<RawPage>(&split).err(),
            ]
            .into_iter()
            .flatten()
            {
                assert!(
                    result.line >= 1 && result.line <= lines + 1,
                    "line {} of {lines}",
                    result.line
                );
                assert!(!result.message.is_empty());
            }
            let _ = front_matter::key_line(&split, "date");
        }
        Err(e) => assert_eq!(e.line, 1),
    }
    let _ = front_matter::parse_data(text);
});
