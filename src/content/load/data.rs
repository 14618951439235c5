//! `content/data/*.yaml` → JSON values for templates and charts, by file
//! name. The name becomes an id (the chart's `chart-NAME`, the key
//! templates read it by), so it is validated like other ids: a slug, and
//! one file per name (`trade.yaml` and `trade.yml` would overwrite each
//! other).

use super::read::read_text;
use crate::content::discover::DataFile;
use crate::content::front_matter;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::slug;
use crate::t;
use std::collections::BTreeMap;
use std::path::Path;

pub(super) fn load_data(
    files: &[DataFile],
    diagnostics: &Diagnostics,
) -> BTreeMap<String, serde_json::Value> {
    let mut data = BTreeMap::new();
    let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
    for file in files {
        if let Err(problem) = slug::validate(&file.name) {
            let suggestion = slug::suggest(&file.name);
            diagnostics.push(
                Diagnostic::error(&file.path, t!("data_name_invalid", problem = problem))
                    .at(1, 1)
                    .hint(t!("data_name_invalid_hint", suggestion = suggestion)),
            );
            continue;
        }
        if let Some(first) = seen.insert(&file.name, &file.path) {
            let first = first.file_name().unwrap_or_default().to_string_lossy();
            diagnostics.push(
                Diagnostic::error(
                    &file.path,
                    t!("data_name_taken", name = file.name, first = first),
                )
                .at(1, 1)
                .hint(t!("data_name_taken_hint", name = file.name)),
            );
            continue;
        }
        let Some(text) = read_text(&file.path, diagnostics) else {
            continue;
        };
        match front_matter::parse_data(&text) {
            Ok(value) => {
                data.insert(file.name.clone(), value);
            }
            Err(e) => diagnostics.push(
                Diagnostic::error(&file.path, e.message)
                    .at(e.line, e.column)
                    .hint(e.hint),
            ),
        }
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(files: &[(&str, &str)]) -> (BTreeMap<String, serde_json::Value>, Vec<Diagnostic>) {
        let dir = tempfile::tempdir().unwrap();
        let found: Vec<DataFile> = files
            .iter()
            .map(|(file, text)| {
                let path = dir.path().join(file);
                std::fs::write(&path, text).unwrap();
                let name = file.rsplit_once('.').unwrap().0.to_string();
                DataFile { path, name }
            })
            .collect();
        let diagnostics = Diagnostics::new();
        let data = load_data(&found, &diagnostics);
        (data, diagnostics.sorted())
    }

    #[test]
    fn data_files_are_read_by_name() {
        let (data, diags) = load(&[("trade.yaml", "title: Savdo\npoints: [1, 2]\n")]);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(data["trade"]["points"][1], 2);
    }

    #[test]
    fn a_data_file_name_that_is_not_a_slug_is_an_error() {
        let (data, diags) = load(&[("Savdo 2024.yaml", "title: x\n")]);
        assert!(data.is_empty());
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].is_error());
        assert!(
            diags[0].message.contains("`Savdo 2024`"),
            "{}",
            diags[0].message
        );
        assert!(
            diags[0]
                .hint
                .as_deref()
                .unwrap_or("")
                .contains("`savdo-2024.yaml`"),
            "{:?}",
            diags[0].hint
        );
    }

    #[test]
    fn two_data_files_of_one_name_are_an_error_on_the_second() {
        let (data, diags) = load(&[("trade.yaml", "a: 1\n"), ("trade.yml", "a: 2\n")]);
        assert_eq!(data["trade"]["a"], 1);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].path.ends_with("trade.yml"));
        assert!(
            diags[0].message.contains("`trade.yaml`"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn a_yaml_error_in_a_data_file_is_at_its_line() {
        let (data, diags) = load(&[("trade.yaml", "title: x\npoints: [1, 2\n")]);
        assert!(data.is_empty());
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].line >= 2, "{diags:?}");
    }
}
