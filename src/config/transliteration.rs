//! `[language.CODE.transliterate]` → `Transliteration`: the table (built in
//! for Uzbek Latin → Cyrillic, else a TOML file the site names) with the
//! editor's kept words added. Every mistake is an error at its line: in
//! book.toml for the key, in the table file for the table.

use super::position::{find_key, line_column};
use super::raw::RawTransliterate;
use super::{Language, Transliteration};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::transliterate::{self, RawTable, Transliterator};
use crate::t;
use std::path::Path;
use std::sync::Arc;

/// The transliteration of language `code`, once every language is known;
/// `None` after an error (reported).
pub(super) fn resolve(
    root: &Path,
    path: &Path,
    text: &str,
    code: &str,
    raw: &RawTransliterate,
    languages: &[(String, bool)],
    diagnostics: &Diagnostics,
) -> Option<Transliteration> {
    let (line, column) = find_key(text, &format!("language.{code}.transliterate"));
    let at_key = |message, hint| {
        diagnostics.push(Diagnostic::error(path, message).at(line, column).hint(hint));
    };
    // Only a language written by hand can be the source: chains and
    // cycles would need an order of generation nobody asked for.
    let hand_written: Vec<&str> = languages
        .iter()
        .filter(|(c, generated)| !generated && c != code)
        .map(|(c, _)| c.as_str())
        .collect();
    let known = hand_written.join(", ");
    if !languages.iter().any(|(c, _)| *c == raw.from) {
        at_key(
            t!("translit_unknown_from", code = code, from = raw.from),
            t!("translit_from_hint", known = known),
        );
        return None;
    }
    if !hand_written.contains(&raw.from.as_str()) {
        at_key(
            t!("translit_generated_from", code = code, from = raw.from),
            t!("translit_from_hint", known = known),
        );
        return None;
    }
    let mut table = match &raw.table {
        Some(file) => read_table(&root.join(file), path, (line, column), diagnostics)?,
        None => match transliterate::built_in(&raw.from, code) {
            Some(built_in) => Transliterator::parse(built_in).ok()?,
            None => {
                let pairs: Vec<String> = transliterate::BUILT_IN
                    .iter()
                    .map(|(from, to, _)| format!("{from} → {to}"))
                    .collect();
                at_key(
                    t!("translit_no_table", code = code, from = raw.from),
                    t!(
                        "translit_no_table_hint",
                        code = code,
                        built_in = pairs.join(", ")
                    ),
                );
                return None;
            }
        },
    };
    table.keep_also(raw.keep.iter().cloned());
    Some(Transliteration {
        from: raw.from.clone(),
        table: Arc::new(table),
    })
}

/// A site's own table file: unreadable is an error at book.toml's key,
/// malformed an error at the table's own line and column.
fn read_table(
    file: &Path,
    config_path: &Path,
    (line, column): (usize, usize),
    diagnostics: &Diagnostics,
) -> Option<Transliterator> {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(error) => {
            diagnostics.push(
                Diagnostic::error(
                    config_path,
                    t!(
                        "translit_table_unreadable",
                        file = file.display(),
                        error = error
                    ),
                )
                .at(line, column)
                .hint(t!("translit_table_unreadable_hint")),
            );
            return None;
        }
    };
    match toml::from_str::<RawTable>(&text) {
        Ok(raw) => Some(Transliterator::from_raw(raw)),
        Err(error) => {
            let (line, column) = error
                .span()
                .map(|span| line_column(&text, span.start))
                .unwrap_or((1, 1));
            let message = error.message().trim().replace('\n', " ");
            diagnostics.push(
                Diagnostic::error(file, t!("translit_table_invalid", message = message))
                    .at(line, column)
                    .hint(t!("translit_table_invalid_hint")),
            );
            None
        }
    }
}

/// Sets each language's transliteration from its raw table.
pub(super) fn resolve_all<'a>(
    root: &Path,
    path: &Path,
    text: &str,
    languages: &mut [Language],
    raw: impl Fn(&str) -> Option<&'a RawTransliterate>,
    diagnostics: &Diagnostics,
) -> bool {
    let declared: Vec<(String, bool)> = languages
        .iter()
        .map(|l| (l.code.clone(), raw(&l.code).is_some()))
        .collect();
    let mut ok = true;
    for language in languages.iter_mut() {
        let Some(raw) = raw(&language.code) else {
            continue;
        };
        language.transliterate = resolve(
            root,
            path,
            text,
            &language.code,
            raw,
            &declared,
            diagnostics,
        );
        ok &= language.transliterate.is_some();
    }
    ok
}

/// Kind and era labels a transliterated language does not write itself
/// are made from its source language's labels.
pub(super) fn fill_labels(
    languages: &[Language],
    kinds: &mut [super::Kind],
    eras: &mut [super::Era],
) {
    let label_sets = kinds
        .iter_mut()
        .map(|k| &mut k.labels)
        .chain(eras.iter_mut().map(|e| &mut e.labels));
    for labels in label_sets {
        for language in languages {
            let Some(how) = &language.transliterate else {
                continue;
            };
            if labels.contains_key(&language.code) {
                continue;
            }
            if let Some(source) = labels.get(&how.from) {
                let label = how.table.text(source);
                labels.insert(language.code.clone(), label);
            }
        }
    }
}
