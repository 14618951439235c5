//! The sitemap: every page of every language, each with
//! `xhtml:link rel="alternate" hreflang` entries for its language versions
//! and `x-default` (the default language's version, else the first one).
//! A not-yet-translated version is left out: it duplicates another page.
//! Past the protocol's 50,000 URLs or 50 MB a file (sitemaps.org), or the
//! site's `[render] sitemap-max-urls`, it is cut into `sitemap-1.xml`,
//! `sitemap-2.xml`, … at the output root (a sitemap may list only URLs at
//! or below its own folder) under a `sitemap.xml` index, so robots.txt
//! always names `sitemap.xml`.
//!
//! Takes the pages as groups of language versions (the page inventory
//! makes them from its own list, so the sitemap names exactly the pages the
//! build writes, and keeps each page's entries: `serve` re-makes only those
//! of the pages an edit added, changed or removed); returns the files' text. Sitemaps want absolute URLs: without a site URL (book.toml
//! `site-url` or `--base-url https://…`) the entries are root-relative.

use crate::config::Config;
use crate::model::routes::{Routes, SITEMAP_FILE};
use crate::render::escape::xml;
use std::fmt::Write;

/// One page in every language it is announced in: (language, URL path).
pub type Group = Vec<(String, String)>;

/// The protocol's byte limit for one sitemap file, uncompressed.
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

/// The protocol's URL limit for one sitemap file.
pub const MAX_URLS: usize = 50_000;

/// How much one sitemap file may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub urls: usize,
    pub bytes: usize,
}

impl Limits {
    /// The site's limits: its `sitemap-max-urls` (at most the protocol's)
    /// and the protocol's bytes.
    pub fn of(config: &Config) -> Self {
        Limits {
            urls: config.render.sitemap_max_urls.clamp(1, MAX_URLS),
            bytes: MAX_BYTES,
        }
    }
}

const URLSET_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
     <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
     xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
const URLSET_TAIL: &str = "</urlset>\n";

fn names(parts: usize) -> Vec<String> {
    let mut names = vec![SITEMAP_FILE.to_string()];
    if parts > 1 {
        names.extend((1..=parts).map(crate::model::routes::sitemap_part));
    }
    names
}

/// The sitemap files of `entries` (each one `<url>`, from `entries`, in
/// sitemap order) within `limits`: one `sitemap.xml` when every URL fits
/// in one file, else a `sitemap.xml` index and `sitemap-N.xml` parts;
/// (output path, text), the index first.
pub fn sitemaps<'e>(
    entries: impl Iterator<Item = &'e String> + Clone,
    routes: &Routes,
    limits: Limits,
) -> Vec<(String, String)> {
    let sizes = split(entries.clone().map(String::len), limits);
    let mut parts = Vec::with_capacity(sizes.len());
    let mut rest = entries;
    for size in sizes {
        let these: Vec<&String> = rest.by_ref().take(size).collect();
        let length =
            URLSET_HEAD.len() + these.iter().map(|e| e.len()).sum::<usize>() + URLSET_TAIL.len();
        let mut text = String::with_capacity(length);
        text.push_str(URLSET_HEAD);
        these.iter().for_each(|entry| text.push_str(entry));
        text.push_str(URLSET_TAIL);
        parts.push(text);
    }
    let names = names(parts.len());
    if parts.len() == 1 {
        return names.into_iter().zip(parts).collect();
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for name in &names[1..] {
        let _ = writeln!(
            index,
            "<sitemap><loc>{}</loc></sitemap>",
            xml(&routes.permalink(name))
        );
    }
    index.push_str("</sitemapindex>\n");
    let mut files = vec![(SITEMAP_FILE.to_string(), index)];
    files.extend(names[1..].iter().cloned().zip(parts));
    files
}

/// How many entries of the given lengths go into each urlset file within
/// `limits`: always at least one file (an empty urlset for no entries); an
/// entry too big for any file still gets one of its own rather than being
/// dropped (no URL is that long in practice).
fn split(lengths: impl Iterator<Item = usize>, limits: Limits) -> Vec<usize> {
    let room = limits
        .bytes
        .saturating_sub(URLSET_HEAD.len() + URLSET_TAIL.len());
    let mut files = Vec::new();
    let (mut count, mut bytes) = (0usize, 0usize);
    for length in lengths {
        if count > 0 && (count >= limits.urls.max(1) || bytes + length > room) {
            files.push(count);
            (count, bytes) = (0, 0);
        }
        count += 1;
        bytes += length;
    }
    files.push(count);
    files
}

/// One page's `<url>…</url>\n` entries, one per language version, with
/// its alternates and `x-default` (the default language's version, else
/// the first).
pub fn entries(group: &Group, routes: &Routes, default_lang: &str) -> Vec<String> {
    let x_default = group
        .iter()
        .find(|(lang, _)| lang == default_lang)
        .or(group.first())
        .map(|(_, path)| routes.permalink(path));
    let alternates = if group.len() > 1 {
        let mut links = String::new();
        for (lang, alternate) in group {
            let _ = write!(
                links,
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                xml(lang),
                xml(&routes.permalink(alternate))
            );
        }
        if let Some(x_default) = &x_default {
            let _ = write!(
                links,
                "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                xml(x_default)
            );
        }
        links
    } else {
        String::new()
    };
    group
        .iter()
        .map(|(_, path)| {
            format!(
                "<url><loc>{}</loc>{alternates}</url>\n",
                xml(&routes.permalink(path))
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOM: usize = URLSET_HEAD.len() + URLSET_TAIL.len();

    #[test]
    fn split_keeps_each_file_within_both_limits() {
        let urls = Limits {
            urls: 3,
            bytes: MAX_BYTES,
        };
        assert_eq!(split([10; 7].into_iter(), urls), [3, 3, 1]);
        assert_eq!(split([10; 6].into_iter(), urls), [3, 3]);
        let bytes = Limits {
            urls: 100,
            bytes: ROOM + 25,
        };
        assert_eq!(split([10; 5].into_iter(), bytes), [2, 2, 1]);
        // Exactly full is still within.
        assert_eq!(split([5; 10].into_iter(), bytes), [5, 5]);
    }

    #[test]
    fn split_never_drops_an_entry() {
        let tiny = Limits {
            urls: 10,
            bytes: ROOM + 4,
        };
        assert_eq!(split([9, 1, 9].into_iter(), tiny), [1, 1, 1]);
        assert_eq!(split(std::iter::empty(), tiny), [0]);
    }

    #[test]
    fn one_file_needs_no_index() {
        assert_eq!(names(1), ["sitemap.xml"]);
        assert_eq!(names(2), ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]);
    }
}
