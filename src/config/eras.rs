//! `[[era]]` tables → `Era`s sorted by start: dates parsed like event
//! dates, an era that ends before it starts refused, each error at the
//! line of the key it is about.

use super::position::find_key;
use super::raw::RawEra;
use super::Era;
use crate::diag::{Diagnostic, Diagnostics};
use std::path::Path;

pub(super) fn parse_eras(
    path: &Path,
    text: &str,
    raw: &[RawEra],
    diagnostics: &Diagnostics,
) -> Vec<Era> {
    use crate::model::date::PartialDate;
    let mut eras = Vec::new();
    for era in raw {
        // Each error at the line of the key it is about; the era's `id`
        // line (else its `[[era]]` header) when that key is not found.
        let id_line = era_key_line(text, &era.id, "id").unwrap_or_else(|| find_key(text, "era"));
        let at = |key: &str| era_key_line(text, &era.id, key).unwrap_or(id_line);
        let parse = |key: &'static str, value: &str| {
            PartialDate::parse(value).map_err(|problem| {
                let (line, column) = at(key);
                diagnostics.push(
                    Diagnostic::error(
                        path,
                        crate::t!("era_bad_date", id = era.id, key = key, problem = problem),
                    )
                    .at(line, column)
                    .hint(crate::t!("era_bad_date_hint", key = key)),
                )
            })
        };
        let Ok(start) = parse("start", &era.start) else {
            continue;
        };
        let end = match era.end.as_deref().map(|end| parse("end", end)) {
            Some(Err(())) => continue,
            Some(Ok(end)) => Some(end),
            None => None,
        };
        if let Some(end) = end.filter(|end| end.last_day() < start.first_day()) {
            let (line, column) = at("end");
            diagnostics.push(
                Diagnostic::error(
                    path,
                    crate::t!(
                        "era_ends_before_start",
                        id = era.id,
                        start = start,
                        end = end
                    ),
                )
                .at(line, column)
                .hint(crate::t!("era_ends_before_start_hint")),
            );
            continue;
        }
        eras.push(Era {
            id: era.id.clone(),
            start,
            end,
            labels: era.label.clone(),
        });
    }
    eras.sort_by_key(|e| e.start);
    eras
}

/// The line and column of `key` inside the `[[era]]` table whose `id` is
/// `id`: the first such key after the `id` line, before the next table.
fn era_key_line(text: &str, id: &str, key: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let names_id = |line: &str| {
        let Some((name, value)) = line.split_once('=') else {
            return false;
        };
        name.trim() == "id" && value.trim().trim_matches(['"', '\'']) == id
    };
    let table = lines.iter().position(|line| names_id(line))?;
    let start = lines[..table]
        .iter()
        .rposition(|line| line.trim_start().starts_with('['))
        .map_or(0, |i| i + 1);
    let end = lines[table..]
        .iter()
        .position(|line| line.trim_start().starts_with('['))
        .map_or(lines.len(), |i| table + i);
    (start..end).find_map(|index| {
        let line = lines[index];
        let trimmed = line.trim_start();
        let rest = trimmed.strip_prefix(key)?;
        rest.trim_start()
            .starts_with('=')
            .then(|| (index + 1, line.len() - trimmed.len() + 1))
    })
}

#[cfg(test)]
mod tests {
    use crate::config::tests::parse_str;

    const ERAS: &str = "[book]\ntitle = \"T\"\n\n[[era]]\nid = \"first\"\nstart = \"2016\"\n\n[[era]]\nid = \"second\"\nstart = \"2017\"\nend = \"2018\"\n";

    #[test]
    fn a_bad_era_date_is_an_error_at_its_own_line() {
        let bad_start = ERAS.replace("\"2017\"", "\"2017-13\"");
        let (_, diags) = parse_str(&bad_start);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!((diags[0].line, diags[0].column), (10, 1), "{diags:?}");
        assert!(
            diags[0].message.contains("era `second`: `start`"),
            "{}",
            diags[0].message
        );
        let bad_end = ERAS.replace("\"2018\"", "\"18.05.2018\"");
        let (_, diags) = parse_str(&bad_end);
        assert_eq!((diags[0].line, diags[0].column), (11, 1), "{diags:?}");
        assert!(diags[0].hint.as_deref().unwrap_or("").contains("`end`"));
    }

    #[test]
    fn eras_are_sorted_by_start() {
        let swapped = ERAS.replace("\"2016\"", "\"2019\"");
        let (config, diags) = parse_str(&swapped);
        assert!(diags.is_empty(), "{diags:?}");
        let ids: Vec<_> = config.unwrap().eras.iter().map(|e| e.id.clone()).collect();
        assert_eq!(ids, ["second", "first"]);
    }
}
