//! Which templates a page template reaches: its `extends` parent, what it
//! `include`s, and the templates defining the components it calls (Tera 2's
//! replacement for imported macros: a component defined in any template
//! can be called from every other), followed through every step, so `serve`
//! re-renders the pages a partial two steps down changes.
//!
//! Read from the loaded templates' text, not from Tera: Tera 2.4 keeps each
//! template's parents, include calls and component calls in crate-private
//! fields and offers no public way to list them (see ARCHITECTURE.md,
//! serve). A false match (a `<` comparison read as a component call) only
//! renders more pages than needed; none is missed.

use crate::render::templates::Templates;
use std::collections::{BTreeMap, BTreeSet};

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

/// True when template `entry` reaches `name` through `extends`, `include`
/// or a component call, directly or through other templates.
pub(super) fn names_template(templates: &Templates, entry: &str, name: &str) -> bool {
    let definers = component_definers(templates);
    let mut seen = BTreeSet::new();
    let mut next = vec![entry.to_string()];
    while let Some(current) = next.pop() {
        if !seen.insert(current.clone()) {
            continue;
        }
        let source = templates.source(&current).unwrap_or_default();
        let mut reached: Vec<String> = named_templates(source)
            .into_iter()
            .filter(|named| templates.has(named))
            .collect();
        for component in called_components(source) {
            reached.extend(definers.get(&component).into_iter().flatten().cloned());
        }
        for named in reached {
            if named == name {
                return true;
            }
            next.push(named);
        }
    }
    false
}

/// Component name → the templates that define it.
fn component_definers(templates: &Templates) -> BTreeMap<String, Vec<String>> {
    let mut definers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for name in templates.names() {
        for component in defined_components(templates.source(name).unwrap_or_default()) {
            definers
                .entry(component)
                .or_default()
                .push(name.to_string());
        }
    }
    definers
}

/// The insides of a template's `{% … %}` tags, or of its `{{ … }}` ones,
/// with whitespace control (`{%-`, `-%}`) and spaces trimmed.
fn tags<'a>(source: &'a str, open: &'a str, close: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    source.split(open).skip(1).map(move |tag| {
        tag.split(close)
            .next()
            .unwrap_or_default()
            .trim_matches(|c: char| c == '-' || c.is_whitespace())
    })
}

/// The quoted names in a template's tags: what it includes or extends.
fn named_templates(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    for tag in tags(source, "{%", "%}") {
        for quote in ['"', '\'', '`'] {
            let mut parts = tag.split(quote);
            parts.next();
            while let Some(inside) = parts.next() {
                names.push(inside.to_string());
                parts.next();
            }
        }
    }
    names
}

/// The components a template defines: `{% component name(…) %}`.
fn defined_components(source: &str) -> Vec<String> {
    tags(source, "{%", "%}")
        .filter_map(|tag| tag.strip_prefix("component"))
        .filter(|rest| rest.starts_with(char::is_whitespace))
        .map(component_name)
        .filter(|name| !name.is_empty())
        .collect()
}

/// The components a template calls: `{{ <name … /> }}` or
/// `{% <name …> %}`, also inside a longer expression.
fn called_components(source: &str) -> BTreeSet<String> {
    tags(source, "{{", "}}")
        .chain(tags(source, "{%", "%}"))
        .flat_map(|tag| tag.split('<').skip(1).map(component_name))
        .filter(|name| !name.is_empty())
        .collect()
}

/// The component name at the start of `text` (leading spaces skipped):
/// an identifier, possibly dotted; empty when `text` starts with none.
fn component_name(text: &str) -> String {
    let text = text.trim_start();
    if !text.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        return String::new();
    }
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;

    /// The built-in theme with `overrides` written into a site's templates/.
    fn templates(overrides: &[(&str, &str)]) -> Templates {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in overrides {
            let path = dir.path().join("templates").join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let diagnostics = Diagnostics::new();
        crate::site::load_templates(dir.path(), &diagnostics)
            .unwrap_or_else(|| panic!("templates load: {:?}", diagnostics.sorted()))
    }

    #[test]
    fn a_template_reached_through_a_chain_counts_as_used() {
        let loaded = templates(&[
            (
                "event.html",
                "{% extends \"base.html\" %}{% block main %}{% include 'partials/meta.html' %}{% endblock main %}",
            ),
            ("partials/meta.html", "{%- include \"partials/date.html\" -%}"),
            ("partials/date.html", "date"),
        ]);
        assert!(names_template(&loaded, "event.html", "partials/date.html"));
        assert!(names_template(&loaded, "event.html", "partials/meta.html"));
        assert!(names_template(&loaded, "event.html", "base.html"));
        assert!(!names_template(&loaded, "page.html", "partials/date.html"));
        assert!(!names_template(&loaded, "event.html", "partials/none.html"));
    }

    #[test]
    fn a_loop_between_templates_ends() {
        // Tera refuses include and extends loops; components may call each
        // other across templates.
        let loaded = templates(&[
            (
                "partials/a.html",
                "{% component ping(n) %}{% if n > 0 %}{{ <pong n={n - 1} /> }}{% endif %}{% endcomponent ping %}",
            ),
            (
                "partials/b.html",
                "{% component pong(n) %}{{ <ping n={n} /> }}{% endcomponent pong %}",
            ),
        ]);
        assert!(names_template(
            &loaded,
            "partials/a.html",
            "partials/b.html"
        ));
        assert!(!names_template(
            &loaded,
            "partials/a.html",
            "partials/none.html"
        ));
    }

    #[test]
    fn a_called_component_reaches_the_template_defining_it() {
        let loaded = templates(&[
            (
                "partials/ui.html",
                "{% component badge(text) %}<b>{{ text }}</b>{% endcomponent badge %}\
                 {% component panel(title) %}<div>{{ title }}{{ body | safe }}</div>{% endcomponent panel %}",
            ),
            (
                "event.html",
                "{% extends \"base.html\" %}{% block main %}{{ <badge text=\"x\" /> }}{% endblock main %}",
            ),
            (
                "page.html",
                "{% extends \"base.html\" %}{% block main %}{% <panel title=\"t\"> %}b{% </panel> %}{% endblock main %}",
            ),
        ]);
        assert!(names_template(&loaded, "event.html", "partials/ui.html"));
        assert!(names_template(&loaded, "page.html", "partials/ui.html"));
        assert!(!names_template(&loaded, "docs.html", "partials/ui.html"));
    }

    #[test]
    fn component_names_are_read_from_tags() {
        let source = "{% component card(a, b=1) %}x{% endcomponent card %}\
                      {% component   ui.chip(label) %}{% endcomponent ui.chip %}\
                      {{ <card a=\"1\" /> }}{{ count < 3 }}{% if x %}{% <ui.chip label=\"l\"> %}{% </ui.chip> %}{% endif %}";
        assert_eq!(defined_components(source), ["card", "ui.chip"]);
        let called: Vec<String> = called_components(source).into_iter().collect();
        // `< 3` is no name; `</ui.chip>` reads as `/`, no name either.
        assert_eq!(called, ["card", "ui.chip"]);
    }
}
