//! A Markdown body as HTML, with its link and anchor problems reported at
//! their line and column in the source file; the edit link of a source.

use super::SiteRenderer;
use crate::diag::Diagnostic;
use crate::model::site::SourceRef;
use crate::render::links::ContentLinks;
use crate::render::markdown::{self, LinkProblem, MarkdownOptions, Rendered};
use std::path::Path;
use std::sync::atomic::Ordering;

impl SiteRenderer<'_> {
    /// `body` as HTML for the page at `page_path` in `lang` (the body is
    /// in `text_lang`, published in its own language at `text_page_path`;
    /// both differ on an untranslated page); its link problems (broken
    /// targets, missing anchors) become diagnostics.
    pub(super) fn markdown(
        &self,
        body: &str,
        source: &SourceRef,
        (lang, text_lang): (&str, &str),
        (page_path, text_page_path): (&str, &str),
    ) -> Rendered {
        let content_root = self.config.content_path();
        let folder = source
            .path
            .parent()
            .and_then(|p| p.strip_prefix(&content_root).ok())
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let resolver = ContentLinks {
            index: self.links(),
            routes: self.routes,
            lang,
            text_lang,
            folder,
            page_path,
            text_page_path,
        };
        let options = MarkdownOptions {
            allow_html: self.config.render.allow_html,
        };
        let rendered = match crate::contain::contain(|| markdown::render(body, options, &resolver))
        {
            Ok(rendered) => rendered,
            Err(panic) => {
                self.diagnostics.push(
                    Diagnostic::error(
                        &source.path,
                        crate::t!(
                            "parser_panicked",
                            parser = "Markdown (pulldown-cmark)",
                            panic = panic
                        ),
                    )
                    .at(source.body_line, 1)
                    .hint(crate::t!("markdown_panicked_hint")),
                );
                return Rendered::default();
            }
        };
        let anchor_problems: Vec<LinkProblem> = rendered
            .anchors
            .iter()
            .filter_map(|link| {
                let error = resolver.check_anchor(&link.target, &rendered.ids)?;
                Some(LinkProblem {
                    offset: link.offset,
                    error,
                })
            })
            .collect();
        for problem in rendered.problems.iter().chain(&anchor_problems) {
            let (line, column) = line_and_column(body, source.body_line, problem.offset);
            self.diagnostics.push(
                Diagnostic::error(&source.path, problem.error.message.clone())
                    .at(line, column)
                    .hint(problem.error.hint.clone()),
            );
        }
        if rendered.has_code {
            self.any_code.store(true, Ordering::Relaxed);
        }
        rendered
    }

    pub(super) fn edit_url(&self, source: &SourceRef) -> String {
        let Some(template) = &self.config.edit_url_template else {
            return String::new();
        };
        let relative = source
            .path
            .strip_prefix(self.config.content_path())
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_else(|_| source.relative.clone());
        template.replace("{path}", &relative)
    }
}

/// The largest char boundary of `text` at or before `offset`.
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The line and column (both from 1, the column in characters) of byte
/// `offset` of a body that starts at line `body_line` of its file.
fn line_and_column(body: &str, body_line: usize, offset: usize) -> (usize, usize) {
    let before = &body[..floor_char_boundary(body, offset)];
    let line = body_line + before.matches('\n').count();
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::line_and_column;

    #[test]
    fn positions_count_lines_from_the_body_and_columns_in_characters() {
        let body = "Bir.\nO‘zbek [x](y.md) va [z](w.md)\n";
        let at = |needle: &str| line_and_column(body, 7, body.find(needle).unwrap());
        assert_eq!(at("Bir"), (7, 1));
        // ‘ is three bytes but one column.
        assert_eq!(at("[x]"), (8, 8));
        assert_eq!(at("[z]"), (8, 21));
    }

    #[test]
    fn an_offset_inside_a_character_or_past_the_end_does_not_panic() {
        let body = "o‘z";
        assert_eq!(line_and_column(body, 1, 2), (1, 2));
        assert_eq!(line_and_column(body, 1, 99), (1, 4));
    }
}
