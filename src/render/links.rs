//! Resolves links editors write in Markdown: other content files
//! (`2021-declaration.md`, `../pages/economy.md`, `@/events/x.md`) become
//! URLs in the page's language; site-absolute paths get the base path;
//! `javascript:`, `data:` and `vbscript:` links are refused.

use crate::model::routes::Routes;
use crate::model::site::{Section, Site};
use crate::render::markdown::LinkResolver;
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

/// Every (section, slug) that exists, for link checks.
pub struct LinkIndex {
    items: HashSet<(Section, String)>,
    languages: Vec<String>,
}

impl LinkIndex {
    pub fn new(site: &Site, languages: Vec<String>) -> Self {
        let mut items = HashSet::new();
        items.extend(
            site.events
                .iter()
                .map(|e| (Section::Events, e.slug.clone())),
        );
        items.extend(site.pages.iter().map(|p| (Section::Pages, p.slug.clone())));
        items.extend(site.docs.iter().map(|p| (Section::Docs, p.slug.clone())));
        // Their own errors are reported; a link to them is not a second one.
        items.extend(site.unloaded.iter().cloned());
        Self { items, languages }
    }
}

/// Resolves links for one file rendered in one language.
pub struct ContentLinks<'a> {
    pub index: &'a LinkIndex,
    pub routes: &'a Routes,
    pub lang: &'a str,
    /// The folder of the file being rendered, relative to content/.
    pub folder: PathBuf,
}

impl LinkResolver for ContentLinks<'_> {
    fn resolve(&self, target: &str) -> Result<Option<String>, String> {
        let target = target.trim();
        if target.is_empty() || target.starts_with('#') || target.starts_with("//") {
            return Ok(None);
        }
        if let Some(scheme) = scheme(target) {
            return match scheme.as_str() {
                "javascript" | "data" | "vbscript" => Err(format!(
                    "`{scheme}:` links are not allowed: they run code in the reader's browser"
                )),
                _ => Ok(None),
            };
        }
        if let Some(rest) = target.strip_prefix('/') {
            return Ok(Some(self.routes.url(rest)));
        }
        let (path, fragment) = match target.find(['#', '?']) {
            Some(i) => (&target[..i], &target[i..]),
            None => (target, ""),
        };
        if !path.ends_with(".md") {
            return Ok(None);
        }
        let relative = match path.strip_prefix("@/") {
            Some(from_root) => PathBuf::from(from_root),
            None => self.folder.join(path),
        };
        let Some((section, slug)) = self.split(&relative) else {
            return Err(format!("link to `{target}`: no such content file"));
        };
        if !self.index.items.contains(&(section, slug.clone())) {
            return Err(format!("link to `{target}`: no such content file"));
        }
        let url = match section {
            Section::Events => self.routes.event(self.lang, &slug),
            Section::Pages => self.routes.page(self.lang, &slug),
            Section::Docs => self.routes.docs(self.lang, &slug),
        };
        Ok(Some(format!("{}{fragment}", self.routes.url(&url))))
    }
}

impl ContentLinks<'_> {
    /// `events/x.uz.md` → (Events, "x"); the language suffix is optional.
    fn split(&self, relative: &Path) -> Option<(Section, String)> {
        let mut parts: Vec<String> = Vec::new();
        for component in relative.components() {
            match component {
                Component::ParentDir => {
                    parts.pop()?;
                }
                Component::Normal(part) => parts.push(part.to_str()?.to_string()),
                _ => {}
            }
        }
        let section = match parts.first()?.as_str() {
            "events" => Section::Events,
            "pages" => Section::Pages,
            "docs" => Section::Docs,
            _ => return None,
        };
        let file = parts.pop()?;
        let mut stem = file.strip_suffix(".md")?.to_string();
        if let Some((base, lang)) = stem.rsplit_once('.') {
            if self.index.languages.iter().any(|l| l == lang) {
                stem = base.to_string();
            }
        }
        let mut slug_parts: Vec<String> = parts[1..].to_vec();
        slug_parts.push(stem);
        Some((section, slug_parts.join("/")))
    }
}

/// The URL scheme of a link, lowercased, if it has one (`HTTPS:` → `https`).
fn scheme(target: &str) -> Option<String> {
    let cleaned: String = target
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let colon = cleaned.find(':')?;
    let candidate = &cleaned[..colon];
    let valid = !candidate.is_empty()
        && candidate
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        && !candidate.contains('/');
    valid.then(|| candidate.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::site::Site;

    fn index() -> LinkIndex {
        let mut index = LinkIndex::new(&Site::default(), vec!["uz".into(), "en".into()]);
        index
            .items
            .insert((Section::Events, "2021-declaration".into()));
        index.items.insert((Section::Pages, "economy".into()));
        index
    }

    #[test]
    fn resolves_content_links_in_the_same_language() {
        let index = index();
        let routes = Routes::new(Some("/repo/"), "uz");
        let links = ContentLinks {
            index: &index,
            routes: &routes,
            lang: "en",
            folder: "events".into(),
        };
        assert_eq!(
            links.resolve("2021-declaration.md").unwrap().unwrap(),
            "/repo/en/events/2021-declaration/"
        );
        assert_eq!(
            links.resolve("2021-declaration.uz.md#x").unwrap().unwrap(),
            "/repo/en/events/2021-declaration/#x"
        );
        assert_eq!(
            links.resolve("../pages/economy.md").unwrap().unwrap(),
            "/repo/en/economy/"
        );
        assert_eq!(
            links.resolve("@/pages/economy.md").unwrap().unwrap(),
            "/repo/en/economy/"
        );
        assert_eq!(
            links.resolve("/img/a.png").unwrap().unwrap(),
            "/repo/img/a.png"
        );
        assert!(links.resolve("https://example.org").unwrap().is_none());
        assert!(links.resolve("missing.md").is_err());
    }

    #[test]
    fn refuses_script_links_in_any_spelling() {
        let index = index();
        let routes = Routes::new(None, "uz");
        let links = ContentLinks {
            index: &index,
            routes: &routes,
            lang: "uz",
            folder: "events".into(),
        };
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "java\tscript:x",
            " data:text/html,x",
            "vbscript:x",
        ] {
            assert!(links.resolve(bad).is_err(), "{bad}");
        }
    }
}
