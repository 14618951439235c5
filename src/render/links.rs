//! Resolves and checks the links editors write in Markdown bodies.
//!
//! Links to other content files (`2021-declaration.md`,
//! `../pages/economy.md`, `@/events/x.md`) become URLs in the page's
//! language; site-absolute paths (`/en/events/x/`, `/img/map.png`) get the
//! base path; relative addresses (`../guide/`, `images/x.png`) stay as
//! written. Each must lead to a page or file the build publishes
//! (`link_targets`), and a `#fragment` to a heading id of its page, else
//! the link is an error with the nearest existing target as the hint
//! (how an address is read is `address`).
//! Links with a scheme (`https:`, `mailto:`) are never fetched or checked,
//! except that `javascript:`, `data:` and `vbscript:` are refused.

mod address;

use crate::model::routes::Routes;
use crate::model::site::Section;
use crate::model::web_url;
use crate::render::link_index::LinkIndex;
use crate::render::link_targets::{self, Found, Item};
use crate::render::markdown::{LinkError, LinkResolver};
use crate::t;
use address::{output_path, percent_decode, split_suffix};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// Resolves links for one file rendered in one language.
pub struct ContentLinks<'a, 's> {
    pub index: &'a LinkIndex<'s>,
    pub routes: &'a Routes,
    pub lang: &'a str,
    /// The language of the text: another than `lang` on a page published
    /// untranslated, whose `.md` links lead to pages in `lang`.
    pub text_lang: &'a str,
    /// The folder of the file being rendered, relative to content/.
    pub folder: PathBuf,
    /// Where the page is published (`en/events/x/`): relative addresses
    /// are read from there, as the reader's browser reads them.
    pub page_path: &'a str,
    /// Where the text is published in its own language: the same as
    /// `page_path` unless the page is untranslated.
    pub text_page_path: &'a str,
}

impl LinkResolver for ContentLinks<'_, '_> {
    fn resolve(&self, target: &str) -> Result<Option<String>, LinkError> {
        let target = target.trim();
        if target.is_empty() || target.starts_with('#') || target.starts_with("//") {
            return Ok(None);
        }
        if let Some(scheme) = web_url::scheme(target) {
            if !web_url::runs_script(&scheme) {
                return Ok(None);
            }
            return Err(LinkError {
                message: t!("link_script", scheme = scheme),
                hint: t!("link_script_hint"),
            });
        }
        let (path, suffix) = split_suffix(target);
        if path.ends_with(".md") {
            return self.content_file(target, path, suffix).map(Some);
        }
        let found = self.find(path, self.page_path);
        if found.is_err() && self.page_path != self.text_page_path {
            // An untranslated page: the text's own page reports the same
            // broken address; a second error for this copy would only repeat it.
            if self.find(path, self.text_page_path).is_err() {
                return Ok(None);
            }
        }
        found.map_err(|output_path| match output_path {
            None => LinkError {
                message: t!("link_leaves_site", target = target),
                hint: t!("link_leaves_site_hint"),
            },
            Some(output_path) => self.missing(target, &output_path),
        })?;
        Ok(target.strip_prefix('/').map(|rest| self.routes.url(rest)))
    }
}

impl ContentLinks<'_, '_> {
    /// Checks the `#fragment` of a link against the heading ids of the page
    /// it leads to (`own_ids` for `#id` alone). Pages that are not content
    /// (timelines, listings) and files are not checked.
    pub fn check_anchor(&self, target: &str, own_ids: &[String]) -> Option<LinkError> {
        let target = target.trim();
        let (before, fragment) = target.split_once('#')?;
        let id = percent_decode(fragment);
        // `#top` scrolls to the top of any page, as HTML defines.
        if id.is_empty()
            || id == "top"
            || web_url::scheme(target).is_some()
            || target.starts_with("//")
        {
            return None;
        }
        let (path, _) = split_suffix(before);
        let other: Arc<Vec<String>>;
        let ids: &[String] = if path.is_empty() {
            own_ids
        } else {
            let item = if path.ends_with(".md") {
                let (section, slug) = self.split(&self.relative(path))?;
                Item {
                    section,
                    slug,
                    lang: self.lang.to_string(),
                }
            } else {
                match self.index.targets().find(&self.output_path(path)?)? {
                    Found::Page(Some(item)) => item.clone(),
                    _ => return None,
                }
            };
            other = self.index.heading_ids(&item)?;
            if !other.contains(&id) && self.text_lang != item.lang {
                let in_text_lang = Item {
                    lang: self.text_lang.to_string(),
                    ..item.clone()
                };
                let written_for = self.index.heading_ids(&in_text_lang);
                if written_for.is_some_and(|ids| ids.contains(&id)) {
                    return Some(LinkError {
                        message: t!("link_missing_anchor", target = target, id = id),
                        hint: t!(
                            "link_anchor_untranslated_hint",
                            lang = item.lang,
                            id = id,
                            file = self
                                .index
                                .text(&item)
                                .map_or("", |(_, s)| s.relative.as_str())
                        ),
                    });
                }
            }
            &other
        };
        if ids.contains(&id) {
            return None;
        }
        let hint = match crate::nearest::nearest(&id, ids.iter().map(String::as_str)) {
            Some(nearest) => t!("link_anchor_nearest_hint", nearest = nearest),
            None if ids.is_empty() => t!("link_anchor_none_hint", id = id),
            None => {
                let listed: Vec<String> = ids.iter().take(10).map(|i| format!("`#{i}`")).collect();
                t!("link_anchor_list_hint", ids = listed.join(", "))
            }
        };
        Some(LinkError {
            message: t!("link_missing_anchor", target = target, id = id),
            hint,
        })
    }

    /// Whether the address `path`, read from the page at `page_path`, is
    /// published; else the output path it leads to (`None`: out of the site).
    fn find(&self, path: &str, page_path: &str) -> Result<(), Option<String>> {
        let output_path = output_path(path, page_path).ok_or(None)?;
        match self.index.targets().find(&output_path) {
            Some(_) => Ok(()),
            None => Err(Some(output_path)),
        }
    }

    /// A `.md` link: the content file's URL in this page's language.
    fn content_file(&self, target: &str, path: &str, suffix: &str) -> Result<String, LinkError> {
        let found = self
            .split(&self.relative(path))
            .filter(|item| self.index.has_item(item));
        let Some((section, slug)) = found else {
            return Err(LinkError {
                message: t!("link_missing_content", target = target),
                hint: self.nearest_content_file(path),
            });
        };
        let url = match section {
            Section::Events => self.routes.event(self.lang, &slug),
            Section::Pages => self.routes.page(self.lang, &slug),
            Section::Docs => self.routes.docs(self.lang, &slug),
        };
        Ok(format!("{}{suffix}", self.routes.url(&url)))
    }

    /// The content file whose slug is nearest to the missing one, written
    /// as the editor can paste it: beside this file, or from content/.
    fn nearest_content_file(&self, path: &str) -> crate::messages::Text {
        let relative = self.relative(path);
        let wanted = self.split(&relative).or_else(|| {
            let stem = relative.file_stem()?.to_str()?;
            Some((self.section_here()?, stem.to_string()))
        });
        let here = self.section_here();
        let best = wanted.and_then(|(section, slug)| {
            let slugs = self.index.slugs_in(section).map(|slug| (slug, slug));
            let best = link_targets::closest(&slug, slugs)?;
            Some(
                if here == Some(section) && !best.contains('/') && !slug.contains('/') {
                    format!("{best}.md")
                } else {
                    format!("@/{}/{best}.md", section.folder())
                },
            )
        });
        match best {
            Some(nearest) => t!("link_content_nearest_hint", nearest = nearest),
            None => t!("link_content_hint"),
        }
    }

    fn section_here(&self) -> Option<Section> {
        match self.folder.components().next()?.as_os_str().to_str()? {
            "events" => Some(Section::Events),
            "pages" => Some(Section::Pages),
            "docs" => Some(Section::Docs),
            _ => None,
        }
    }

    /// An address that leads nowhere: the message, and the nearest existing
    /// address (or the base path the editor wrote twice) as the hint.
    fn missing(&self, target: &str, output_path: &str) -> LinkError {
        let shown = format!("/{output_path}");
        let is_file = output_path
            .rsplit('/')
            .next()
            .is_some_and(|name| name.contains('.') && name != "index.html");
        let message = if is_file {
            t!("link_missing_file", target = target, path = shown)
        } else {
            t!("link_missing_page", target = target, path = shown)
        };
        let base = self.routes.base_path();
        let without_base = (base != "/")
            .then(|| output_path.strip_prefix(base.trim_start_matches('/')))
            .flatten()
            .filter(|rest| self.index.targets().find(rest).is_some());
        let hint = if let Some(rest) = without_base {
            t!(
                "link_base_path_hint",
                nearest = format!("/{rest}"),
                base = base
            )
        } else if let Some(nearest) = self.index.suggest(output_path) {
            t!("link_nearest_hint", nearest = format!("/{nearest}"))
        } else if is_file {
            t!("link_file_hint")
        } else {
            t!("link_missing_hint")
        };
        LinkError { message, hint }
    }

    /// A link's path relative to content/: `@/` starts there, anything
    /// else starts in this file's folder.
    fn relative(&self, path: &str) -> PathBuf {
        match path.strip_prefix("@/") {
            Some(from_root) => PathBuf::from(from_root),
            None => self.folder.join(path),
        }
    }

    /// Where an address leads from this page (see `output_path`).
    fn output_path(&self, path: &str) -> Option<String> {
        output_path(path, self.page_path)
    }

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
            if self.index.is_language(lang) {
                stem = base.to_string();
            }
        }
        let mut slug_parts: Vec<String> = parts[1..].to_vec();
        slug_parts.push(stem);
        Some((section, slug_parts.join("/")))
    }
}

#[cfg(test)]
mod tests;
