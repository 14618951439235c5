//! Which templates a page template reaches: its `extends` parent and what
//! it `include`s, followed through every step, so `serve` re-renders the
//! pages a partial two steps down changes.
//!
//! Read from the templates' text, not from Tera: Tera 2.4 keeps each
//! template's parents and include calls in crate-private fields and offers
//! no public way to list them (see ARCHITECTURE.md, serve). Reads
//! templates/ and the built-in theme; writes nothing.

use std::collections::BTreeSet;
use std::path::Path;

/// The templates pages are rendered with, one per kind of page.
pub(super) const ENTRY_TEMPLATES: &[&str] = &[
    "index.html",
    "event.html",
    "page.html",
    "docs.html",
    "list.html",
    "search.html",
    "404.html",
];

/// True when template `entry` reaches `name` through `include`, `extends`
/// or `import`, directly or through other templates: a partial two steps
/// down changes the page as much as one named in it.
pub(super) fn names_template(root: &Path, entry: &str, name: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut next = vec![entry.to_string()];
    while let Some(current) = next.pop() {
        if !seen.insert(current.clone()) {
            continue;
        }
        let source = template_source(root, &current);
        for named in named_templates(&source) {
            if named == name {
                return true;
            }
            next.push(named);
        }
    }
    false
}

/// A template's text: the site's copy, else the built-in theme's.
fn template_source(root: &Path, name: &str) -> String {
    let site_file = root.join("templates").join(name);
    if site_file.is_file() {
        crate::fs::read_to_string(&site_file).unwrap_or_default()
    } else {
        crate::theme::TEMPLATES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| text.to_string())
            .unwrap_or_default()
    }
}

/// The quoted `.html` names in a template's tags: what it includes,
/// extends or imports.
fn named_templates(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    for tag in source.split("{%").skip(1) {
        let tag = tag.split("%}").next().unwrap_or_default();
        for quote in ['"', '\'', '`'] {
            let mut parts = tag.split(quote);
            parts.next();
            while let Some(inside) = parts.next() {
                if inside.ends_with(".html") {
                    names.push(inside.to_string());
                }
                parts.next();
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_reached_through_a_chain_counts_as_used() {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("templates/partials");
        std::fs::create_dir_all(&templates).unwrap();
        let write = |name: &str, text: &str| {
            std::fs::write(dir.path().join("templates").join(name), text).unwrap()
        };
        write(
            "event.html",
            "{% extends \"base.html\" %}{% include 'partials/meta.html' %}",
        );
        write("partials/meta.html", "{% include \"partials/date.html\" %}");
        write("partials/date.html", "date");
        write("page.html", "{% extends \"base.html\" %}");
        assert!(names_template(
            dir.path(),
            "event.html",
            "partials/date.html"
        ));
        assert!(names_template(
            dir.path(),
            "event.html",
            "partials/meta.html"
        ));
        assert!(!names_template(
            dir.path(),
            "page.html",
            "partials/date.html"
        ));
        // A loop between templates ends.
        write("partials/date.html", "{% include \"partials/meta.html\" %}");
        assert!(!names_template(
            dir.path(),
            "page.html",
            "partials/none.html"
        ));
        assert!(!names_template(
            dir.path(),
            "event.html",
            "partials/none.html"
        ));
    }
}
