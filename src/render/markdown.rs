//! Markdown → HTML with pulldown-cmark: the only place its options are set.
//!
//! Adds heading anchors and a table of contents, highlights fenced code,
//! escapes raw HTML unless the site opts in, and rewrites links to other
//! content files (`2021-declaration.md`) into URLs in the page's language.
//! Smart punctuation is off on purpose: it would turn the ASCII apostrophe
//! of o'/g' into a closing quote. Pure: problems come back as data.

use crate::messages::Text;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Resolves a link target written by an editor into a URL, or says why not.
pub trait LinkResolver {
    /// `Ok(None)` leaves the link as written (external links, anchors).
    fn resolve(&self, target: &str) -> Result<Option<String>, LinkError>;
}

/// Why a link target was refused: the message and the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkError {
    pub message: Text,
    pub hint: Text,
}

/// One entry of a page's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A link problem at a byte offset of the Markdown source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProblem {
    pub offset: usize,
    pub error: LinkError,
}

/// A link with a `#fragment`, kept so its anchor can be checked once the
/// whole page (and so every heading id) is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorLink {
    pub offset: usize,
    /// The target as the editor wrote it (`#id`, `other.md#id`, `/en/x/#id`).
    pub target: String,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub has_code: bool,
    pub problems: Vec<LinkProblem>,
    /// Every heading id of the page, in order, as written into the HTML.
    pub ids: Vec<String>,
    pub anchors: Vec<AnchorLink>,
}

#[derive(Debug, Clone, Copy)]
pub struct MarkdownOptions {
    pub allow_html: bool,
}

/// The one set of pulldown-cmark options: pages, heading ids and the
/// search text (`render::files::search_text`) read Markdown alike.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

pub fn render(source: &str, options: MarkdownOptions, links: &dyn LinkResolver) -> Rendered {
    let mut rendered = Rendered::default();
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> =
        Parser::new_ext(source, parser_options())
            .into_offset_iter()
            .collect();
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut ids = HeadingIds::default();
    let mut index = 0;
    while index < events.len() {
        let (event, range) = &events[index];
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let (title, end) = heading_text(&events, index);
                let id = ids.next(id.as_deref(), &title);
                if *level >= HeadingLevel::H2 && *level <= HeadingLevel::H3 {
                    rendered.toc.push(TocEntry {
                        level: *level as u8,
                        id: id.clone(),
                        title,
                    });
                }
                // `{key=value}` attributes are raw HTML by another name
                // (`{onclick=…}`): only sites that allow raw HTML get them.
                let attrs = if options.allow_html {
                    attrs.clone()
                } else {
                    Vec::new()
                };
                out.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(id)),
                    classes: classes.clone(),
                    attrs,
                }));
                // Keep the heading's inner events; they are rendered as usual.
                for (inner, inner_range) in &events[index + 1..end] {
                    push_inline(
                        &mut out,
                        inner.clone(),
                        inner_range,
                        options,
                        links,
                        &mut rendered,
                    );
                }
                index = end;
                continue;
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(lang) => lang.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let mut code = String::new();
                let mut end = index + 1;
                while end < events.len() {
                    match &events[end].0 {
                        Event::Text(text) => code.push_str(text),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                    end += 1;
                }
                rendered.has_code = true;
                out.push(Event::Html(CowStr::from(super::highlight::highlight(
                    &code, &lang,
                ))));
                index = end + 1;
                continue;
            }
            _ => push_inline(
                &mut out,
                event.clone(),
                range,
                options,
                links,
                &mut rendered,
            ),
        }
        index += 1;
    }
    pulldown_cmark::html::push_html(&mut rendered.html, out.into_iter());
    rendered.ids = ids.in_order;
    rendered
}

/// The heading ids `render` gives `source`, without rendering it: what a
/// link to `#id` on another page is checked against. `None` for a body on
/// which pulldown-cmark panics: its own page reports the panic, and links
/// into it are not checked for anchors (reporting each would blame the
/// linking pages for the parser's bug).
pub fn heading_ids(source: &str) -> Option<Vec<String>> {
    crate::contain::contain(|| parse_heading_ids(source)).ok()
}

fn parse_heading_ids(source: &str) -> Vec<String> {
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> =
        Parser::new_ext(source, parser_options())
            .into_offset_iter()
            .collect();
    let mut ids = HeadingIds::default();
    for (index, (event, _)) in events.iter().enumerate() {
        if let Event::Start(Tag::Heading { id, .. }) = event {
            let (title, _) = heading_text(&events, index);
            ids.next(id.as_deref(), &title);
        }
    }
    ids.in_order
}

/// Hands out heading ids: the `{#id}` the editor wrote or the title's
/// anchor, made unique on the page with `-1`, `-2`, ….
#[derive(Default)]
struct HeadingIds {
    used: std::collections::HashSet<String>,
    in_order: Vec<String>,
    /// The next `-N` to try for each id already taken, so 10,000 headings
    /// with the same text cost linear time, not a scan from `-1` each.
    next_suffix: std::collections::HashMap<String, usize>,
}

impl HeadingIds {
    fn next(&mut self, explicit: Option<&str>, title: &str) -> String {
        let id = explicit.map_or_else(|| anchor(title), str::to_string);
        let candidate = if self.used.contains(&id) {
            let n = self.next_suffix.entry(id.clone()).or_insert(1);
            loop {
                let candidate = format!("{id}-{n}");
                *n += 1;
                if !self.used.contains(&candidate) {
                    break candidate;
                }
            }
        } else {
            id
        };
        self.used.insert(candidate.clone());
        self.in_order.push(candidate.clone());
        candidate
    }
}

fn push_inline<'a>(
    out: &mut Vec<Event<'a>>,
    event: Event<'a>,
    range: &std::ops::Range<usize>,
    options: MarkdownOptions,
    links: &dyn LinkResolver,
    rendered: &mut Rendered,
) {
    match event {
        Event::Html(html) | Event::InlineHtml(html) if !options.allow_html => {
            out.push(Event::Text(html));
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = rewrite(dest_url, range.start, links, rendered);
            out.push(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }));
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = rewrite(dest_url, range.start, links, rendered);
            out.push(Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }));
        }
        other => out.push(other),
    }
}

fn rewrite<'a>(
    dest: CowStr<'a>,
    offset: usize,
    links: &dyn LinkResolver,
    rendered: &mut Rendered,
) -> CowStr<'a> {
    let resolved = links.resolve(&dest);
    if resolved.is_ok() && dest.contains('#') {
        rendered.anchors.push(AnchorLink {
            offset,
            target: dest.to_string(),
        });
    }
    match resolved {
        Ok(Some(url)) => CowStr::from(url),
        Ok(None) => dest,
        Err(error) => {
            rendered.problems.push(LinkProblem { offset, error });
            // A refused link must not reach the page as written.
            CowStr::from("#")
        }
    }
}

/// The plain text of the heading starting at `start`, and the index of its end event.
fn heading_text(events: &[(Event<'_>, std::ops::Range<usize>)], start: usize) -> (String, usize) {
    let mut text = String::new();
    let mut end = start + 1;
    while end < events.len() {
        match &events[end].0 {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
        end += 1;
    }
    (text, end)
}

pub use crate::model::anchor::anchor;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_that_crashes_the_parser_has_no_heading_ids() {
        // pulldown-cmark 0.13 panics on this with heading attributes on.
        assert!(heading_ids("-\n  }\n   {}\n  -").is_none());
    }

    #[test]
    fn every_apostrophe_variant_gives_one_anchor() {
        for apostrophe in crate::model::fold::APOSTROPHES {
            let title = format!("O{apostrophe}zbekiston va Qozog{apostrophe}iston");
            assert_eq!(anchor(&title), "ozbekiston-va-qozogiston", "{title}");
        }
    }

    struct NoLinks;
    impl LinkResolver for NoLinks {
        fn resolve(&self, target: &str) -> Result<Option<String>, LinkError> {
            if target.ends_with(".md") {
                Err(LinkError {
                    message: format!("no such file `{target}`").into(),
                    hint: "fix it".into(),
                })
            } else if target == "ok.md#x" {
                Ok(Some("/ok/#x".into()))
            } else {
                Ok(None)
            }
        }
    }

    fn md(source: &str) -> Rendered {
        render(source, MarkdownOptions { allow_html: false }, &NoLinks)
    }

    #[test]
    fn uzbek_apostrophes_are_left_alone() {
        let html = md("O'zbekiston va \"Qozog‘iston\" sur’at").html;
        assert!(html.contains("O'zbekiston"), "{html}");
        assert!(html.contains("Qozog‘iston"));
        assert!(html.contains("sur’at"));
    }

    #[test]
    fn raw_html_is_escaped() {
        let html = md("<script>alert(1)</script>\n\nText <b>bold</b>").html;
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("&lt;b&gt;"));
        let allowed = render("<b>x</b>", MarkdownOptions { allow_html: true }, &NoLinks).html;
        assert!(allowed.contains("<b>x</b>"));
    }

    #[test]
    fn heading_attributes_are_dropped_unless_html_is_allowed() {
        let source = "## Title {#t .wide onclick=alert(1)}";
        let html = md(source).html;
        assert_eq!(html, "<h2 id=\"t\" class=\"wide\">Title</h2>\n");
        let allowed = render(source, MarkdownOptions { allow_html: true }, &NoLinks).html;
        assert!(allowed.contains("onclick"), "{allowed}");
    }

    #[test]
    fn headings_get_unique_anchors_and_toc() {
        let r = md("## Qo‘shma komissiya\n\n## Qo‘shma komissiya\n\n### Sub `code`\n");
        let ids: Vec<_> = r.toc.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["qoshma-komissiya", "qoshma-komissiya-1", "sub-code"]);
        assert!(r.html.contains("<h2 id=\"qoshma-komissiya\">"));
    }

    #[test]
    fn heading_ids_are_the_ids_render_writes() {
        let source = "# Top\n\n## Qo‘shma komissiya\n\n## Qo‘shma komissiya\n\n\
                      ### Own {#mine}\n\nText\n\n#### Deep `code`\n\n## Top\n";
        let rendered = md(source);
        assert_eq!(
            rendered.ids,
            [
                "top",
                "qoshma-komissiya",
                "qoshma-komissiya-1",
                "mine",
                "deep-code",
                "top-1"
            ]
        );
        assert_eq!(heading_ids(source).as_ref(), Some(&rendered.ids));
        for id in &rendered.ids {
            assert!(rendered.html.contains(&format!("id=\"{id}\"")), "{id}");
        }
    }

    #[test]
    fn links_with_fragments_are_kept_for_the_anchor_check() {
        let r = md("[a](#x) [b](other#y) [c](https://e.org/) ![d](i.png#z)");
        let targets: Vec<_> = r.anchors.iter().map(|a| a.target.as_str()).collect();
        assert_eq!(targets, ["#x", "other#y", "i.png#z"]);
        assert_eq!(r.anchors[0].offset, 0);
    }

    #[test]
    fn broken_links_are_reported_with_offsets() {
        let r = md("See [x](missing.md) here.");
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].offset, 4);
        assert!(r.html.contains("href=\"#\""));
    }

    #[test]
    fn tables_footnotes_strikethrough_and_code() {
        let r = md("| a |\n|---|\n| b |\n\n~~x~~ y[^1]\n\n[^1]: note\n\n```yaml\nk: v\n```\n");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>x</del>"));
        assert!(r.html.contains("footnote"));
        assert!(r.has_code);
    }
}
