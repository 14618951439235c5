//! (item, language) → URL path and output file; base URL and sub-path.
//!
//! Every URL in the output comes from here, so a site works the same at a
//! domain root and under a GitHub Pages project sub-path. Paths are relative
//! to the output folder (`en/events/x/`); `url` turns them into links.

/// Path segments that pages may not use as slugs: the generator writes
/// there. `years` holds the year listings of a split home page and `page`
/// is the segment of a listing's later pages (`…/page/2/`), kept free at
/// the root for a paged home page.
pub const RESERVED_SLUGS: &[&str] = &[
    "events", "docs", "kinds", "tags", "years", "page", "static", "search", "404", "assets",
];

/// File names the generator chooses. Routes owns every one of them, so the
/// page inventory, the renderers and the producers cannot disagree.
///
/// At each language root: the Atom feed, the TimelineJS and iCalendar exports.
pub const FEED_FILE: &str = "atom.xml";
pub const TIMELINE_JSON_FILE: &str = "events.json";
pub const ICAL_FILE: &str = "events.ics";
/// The search page's slug under each language root and under the docs
/// section (the editors' guide has its own search); each page's index
/// files sit in its folder (`model::search_shards` names them).
pub const SEARCH_SLUG: &str = "search";
pub const SEARCH_INDEX_FILE: &str = "index.json";
/// At the output root: the theme's stylesheet and scripts (static files),
/// the generated code stylesheet, the 404 page, the sitemap and the
/// GitHub Pages files.
pub const STYLESHEET: &str = "style.css";
pub const SCRIPT: &str = "yilnoma.js";
pub const SEARCH_SCRIPT: &str = "search.js";
pub const CODE_STYLESHEET: &str = "syntax.css";
pub const NOT_FOUND_FILE: &str = "404.html";
pub const SITEMAP_FILE: &str = "sitemap.xml";
pub const ROBOTS_FILE: &str = "robots.txt";
pub const NOJEKYLL_FILE: &str = ".nojekyll";
pub const CNAME_FILE: &str = "CNAME";

/// Part `n` (from 1) of a sitemap too big for one file, at the output root.
pub fn sitemap_part(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routes {
    /// `/` or `/repo/`: the path every root-relative link starts with.
    base_path: String,
    /// Absolute site URL with trailing slash, when one is configured.
    site_url: Option<String>,
    default_lang: String,
}

/// `https://x.io/repo` → `https://x.io/repo/`: one trailing slash, always.
pub fn normalise_site_url(url: &str) -> String {
    format!("{}/", url.trim().trim_end_matches('/'))
}

impl Routes {
    /// `base_url` may be a full URL (`https://u.github.io/repo/`) or a path (`/repo/`).
    pub fn new(base_url: Option<&str>, default_lang: &str) -> Self {
        let (base_path, site_url) = match base_url.map(str::trim).filter(|u| !u.is_empty()) {
            None => ("/".to_string(), None),
            Some(url) if url.contains("://") => {
                let site_url = normalise_site_url(url);
                let after_scheme = &site_url[site_url.find("://").map_or(0, |i| i + 3)..];
                let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
                (path.to_string(), Some(site_url))
            }
            Some(path) => (
                format!("/{}/", path.trim_matches('/')).replace("//", "/"),
                None,
            ),
        };
        Self {
            base_path,
            site_url,
            default_lang: default_lang.to_string(),
        }
    }

    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    pub fn site_url(&self) -> Option<&str> {
        self.site_url.as_deref()
    }

    /// `""` for the default language, `"en/"` for the others: the code in
    /// lowercase (`uz-Cyrl` → `"uz-cyrl/"`), as URLs are usually written.
    pub fn lang_prefix(&self, lang: &str) -> String {
        if lang == self.default_lang {
            String::new()
        } else {
            format!("{}/", lang.to_ascii_lowercase())
        }
    }

    pub fn home(&self, lang: &str) -> String {
        self.lang_prefix(lang)
    }

    pub fn event(&self, lang: &str, slug: &str) -> String {
        format!("{}events/{slug}/", self.lang_prefix(lang))
    }

    pub fn page(&self, lang: &str, slug: &str) -> String {
        format!("{}{slug}/", self.lang_prefix(lang))
    }

    /// `index` is the section's front page (`docs/`), and `guide/index`
    /// the front page of its folder (`docs/guide/`).
    pub fn docs(&self, lang: &str, slug: &str) -> String {
        let folder = if slug == "index" {
            ""
        } else {
            slug.strip_suffix("/index").unwrap_or(slug)
        };
        if folder.is_empty() {
            format!("{}docs/", self.lang_prefix(lang))
        } else {
            format!("{}docs/{folder}/", self.lang_prefix(lang))
        }
    }

    pub fn kind(&self, lang: &str, kind: &str) -> String {
        format!("{}kinds/{kind}/", self.lang_prefix(lang))
    }

    /// The first page of a year's listing (sites over `timeline-limit`).
    pub fn year(&self, lang: &str, year: i32) -> String {
        format!("{}years/{year}/", self.lang_prefix(lang))
    }

    /// Page `number` of the listing whose first page is `first`
    /// (`kinds/visit/` → `kinds/visit/page/2/`); page 1 is `first` itself.
    pub fn listing_page(first: &str, number: usize) -> String {
        if number <= 1 {
            first.to_string()
        } else {
            format!("{first}page/{number}/")
        }
    }

    pub fn tag(&self, lang: &str, tag_slug: &str) -> String {
        format!("{}tags/{tag_slug}/", self.lang_prefix(lang))
    }

    /// A file at the language root (`atom.xml`, `events.json`).
    pub fn lang_file(&self, lang: &str, name: &str) -> String {
        format!("{}{name}", self.lang_prefix(lang))
    }

    /// Root-relative link for an output path: `/repo/en/events/x/`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_path)
    }

    /// Absolute URL when the site URL is known, else the root-relative link.
    pub fn permalink(&self, path: &str) -> String {
        match &self.site_url {
            Some(site) => format!("{site}{path}"),
            None => self.url(path),
        }
    }

    /// The file a path is written to: folders get `index.html`.
    pub fn file_for(path: &str) -> String {
        if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_root() {
        let r = Routes::new(None, "uz");
        assert_eq!(r.url(&r.event("uz", "a")), "/events/a/");
        assert_eq!(r.url(&r.event("en", "a")), "/en/events/a/");
        assert_eq!(r.permalink(&r.home("en")), "/en/");
        assert_eq!(r.url(&r.event("uz-Cyrl", "a")), "/uz-cyrl/events/a/");
    }

    #[test]
    fn project_sub_path() {
        let r = Routes::new(Some("https://user.github.io/repo"), "uz");
        assert_eq!(r.base_path(), "/repo/");
        assert_eq!(r.url(&r.page("en", "about")), "/repo/en/about/");
        assert_eq!(
            r.permalink(&r.event("uz", "a")),
            "https://user.github.io/repo/events/a/"
        );
        let path_only = Routes::new(Some("/repo/"), "uz");
        assert_eq!(path_only.url(""), "/repo/");
    }

    #[test]
    fn docs_index_files_are_folder_front_pages() {
        let r = Routes::new(None, "uz");
        assert_eq!(r.docs("uz", "index"), "docs/");
        assert_eq!(r.docs("en", "index"), "en/docs/");
        assert_eq!(r.docs("en", "guide/index"), "en/docs/guide/");
        assert_eq!(r.docs("en", "front-matter"), "en/docs/front-matter/");
        assert_eq!(r.docs("en", "guide/indexes"), "en/docs/guide/indexes/");
    }

    #[test]
    fn files_for_folders_are_index_html() {
        assert_eq!(Routes::file_for("en/events/a/"), "en/events/a/index.html");
        assert_eq!(Routes::file_for(""), "index.html");
        assert_eq!(Routes::file_for("en/atom.xml"), "en/atom.xml");
    }
}
