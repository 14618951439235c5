//! `[kind.ID]` tables → `Kind`s in the order book.toml writes them. A kind
//! id is a folder of the site (`kinds/ID/`), so it is validated as a slug.

use super::position::find_key;
use super::raw::RawKind;
use super::Kind;
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
            diagnostics.push(
                Diagnostic::error(path, format!("kind id: {message}"))
                    .at(line, column)
                    .hint(format!(
                        "write the kind as `[kind.{}]`: its id becomes the page `kinds/ID/`",
                        crate::model::slug::suggest(id)
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
                Diagnostic::error(path, format!("kind `{id}` is malformed: {}", e.message()))
                    .at(line, column)
                    .hint("write it as `[kind.ID]` with `icon = \"…\"` and `label = { uz = \"…\", en = \"…\" }`"),
            ),
        }
    }
    // Declaration order is lost by the TOML map; keep the text's order so the
    // theme lists kinds the way the site builder wrote them.
    kinds.sort_by_key(|k| find_key(text, &format!("kind.{}", k.id)));
    kinds
}

#[cfg(test)]
mod tests {
    use crate::config::tests::parse_str;

    #[test]
    fn kinds_keep_declaration_order() {
        let (config, _) = parse_str(
            "[kind.visit]\nlabel = { en = \"Visit\" }\n[kind.agreement]\nlabel = { en = \"Agreement\" }\n",
        );
        let ids: Vec<_> = config.unwrap().kinds.iter().map(|k| k.id.clone()).collect();
        assert_eq!(ids, ["visit", "agreement"]);
    }
}
