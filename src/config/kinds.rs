//! `[kind.ID]` tables → `Kind`s in the order book.toml writes them. A kind
//! id is a folder of the site (`kinds/ID/`), so it is validated as a slug;
//! a kind without a label in one of the site's languages is a warning at
//! its table.

use super::position::find_key;
use super::raw::RawKind;
use super::{Kind, Language};
use crate::diag::{Diagnostic, Diagnostics};
use std::path::Path;

pub(super) fn parse_kinds(
    path: &Path,
    text: &str,
    table: &toml::Table,
    diagnostics: &Diagnostics,
) -> Vec<Kind> {
    let mut kinds = Vec::new();
    for (id, value) in table {
        let (line, column) = find_key(text, &format!("kind.{id}"));
        // A kind id is a folder of the site (`kinds/ID/`): it must be a slug.
        if let Err(message) = crate::model::slug::validate(id) {
            let message = if crate::model::slug::is_windows_reserved(id) || id.is_empty() {
                crate::diag::Text::plain(format!("kind id: {message}"))
            } else {
                crate::t!("kind_id_letters", id = crate::model::path_text::escape(id))
            };
            diagnostics.push(
                Diagnostic::error(path, message)
                    .at(line, column)
                    .hint(crate::t!(
                        "kind_id_hint",
                        id = crate::model::slug::suggest(id)
                    )),
            );
            continue;
        }
        match value.clone().try_into::<RawKind>() {
            Ok(raw) => kinds.push(Kind {
                id: id.clone(),
                icon: raw.icon,
                labels: raw.label,
            }),
            Err(e) => diagnostics.push(
                Diagnostic::error(
                    path,
                    crate::t!("kind_malformed", id = id, problem = e.message().trim()),
                )
                .at(line, column)
                .hint(crate::t!("kind_malformed_hint")),
            ),
        }
    }
    // Declaration order is lost by the TOML map; keep the text's order so the
    // theme lists kinds the way the site builder wrote them.
    kinds.sort_by_key(|k| find_key(text, &format!("kind.{}", k.id)));
    kinds
}

/// Warns about each kind that has no label in one of `languages` (its
/// pages and filters there would show the bare id).
pub(super) fn check_labels(
    path: &Path,
    text: &str,
    kinds: &[Kind],
    languages: &[Language],
    diagnostics: &Diagnostics,
) {
    for kind in kinds {
        for language in languages {
            if kind.labels.contains_key(&language.code) {
                continue;
            }
            let (line, column) = find_key(text, &format!("kind.{}", kind.id));
            diagnostics.push(
                Diagnostic::warning(
                    path,
                    format!("kind `{}` has no `{}` label", kind.id, language.code),
                )
                .at(line, column)
                .hint(format!(
                    "add `{} = \"…\"` to `label` under [kind.{}]",
                    language.code, kind.id
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::tests::parse_str;

    #[test]
    fn a_kind_without_a_label_in_a_language_is_a_warning_at_its_table() {
        let (config, diags) = parse_str(
            "[kind.visit]\nlabel = { uz = \"Tashrif\" }\n\n[kind.treaty]\nlabel = { uz = \"Shartnoma\", en = \"Treaty\" }\n",
        );
        assert!(config.is_some());
        let missing: Vec<_> = diags
            .iter()
            .filter(|d| d.message.contains("label"))
            .collect();
        assert_eq!(missing.len(), 1, "{diags:?}");
        assert!(missing[0]
            .message
            .contains("kind `visit` has no `en` label"));
        assert_eq!(missing[0].line, 1);
        let hint = missing[0].hint.as_ref().expect("a hint");
        assert!(hint.contains("under [kind.visit]"), "{hint:?}");
    }

    #[test]
    fn kinds_keep_declaration_order() {
        let (config, _) = parse_str(
            "[kind.visit]\nlabel = { en = \"Visit\" }\n[kind.agreement]\nlabel = { en = \"Agreement\" }\n",
        );
        let ids: Vec<_> = config.unwrap().kinds.iter().map(|k| k.id.clone()).collect();
        assert_eq!(ids, ["visit", "agreement"]);
    }
}
