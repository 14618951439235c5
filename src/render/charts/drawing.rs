//! How a chart is drawn: the SVG bar chart (wrapped labels, values at the
//! right, targets hatched, a legend) and the HTML table of the same points.

use super::{mentions, point_name, Labels, Point};
use crate::render::escape::html as esc;
use std::fmt::Write as _;

/// The SVG's own coordinate width; CSS scales it to the column.
const WIDTH: f64 = 360.0;
const FONT_SIZE: f64 = 14.0;
/// A rough average glyph width at `FONT_SIZE`, for wrapping labels.
const GLYPH_WIDTH: f64 = 7.2;
const LINE_HEIGHT: f64 = 18.0;
const BAR_HEIGHT: f64 = 20.0;
const ROW_GAP: f64 = 14.0;

fn wrap(text: &str, max_chars: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let len = line.chars().count() + 1 + word.chars().count();
        if !line.is_empty() && len > max_chars {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn px(value: f64) -> String {
    // One decimal is plenty for a 420-unit drawing and keeps the SVG small.
    let rounded = (value * 10.0).round() / 10.0;
    format!("{rounded}")
}

/// A horizontal bar chart: each row is a label (wrapped) with the value at
/// the right, then the bar. Colours come from the page's CSS classes, so
/// the chart follows the light and dark themes.
pub(super) fn svg(
    id: &str,
    title: &str,
    description: &str,
    points: &[Point],
    labels: &Labels,
) -> String {
    let max = points.iter().map(|p| p.value).fold(0.0_f64, f64::max);
    let any_target = points.iter().any(|p| p.target);
    let mut body = String::new();
    let mut y = 4.0;
    for point in points {
        let value_width = point.value_text.chars().count() as f64 * GLYPH_WIDTH;
        let label_room = ((WIDTH - value_width - 16.0) / GLYPH_WIDTH).max(12.0) as usize;
        let mut name = point_name(point);
        if point.target && !mentions(&name, &labels.target) {
            name = format!("{name} · {}", labels.target);
        }
        let lines = wrap(&name, label_room);
        let _ = write!(
            body,
            r#"<text class="chart-value" x="{}" y="{}" text-anchor="end">{}</text>"#,
            px(WIDTH),
            px(y + FONT_SIZE),
            esc(&point.value_text)
        );
        for line in &lines {
            y += LINE_HEIGHT;
            let _ = write!(
                body,
                r#"<text class="chart-label" x="0" y="{}">{}</text>"#,
                px(y - 4.0),
                esc(line)
            );
        }
        y += 4.0;
        let width = if max > 0.0 {
            (point.value / max * WIDTH).max(2.0)
        } else {
            2.0
        };
        let class = if point.target {
            "chart-bar chart-bar-target"
        } else {
            "chart-bar"
        };
        let fill = if point.target {
            format!(r#" fill="url(#{id}-hatch)""#)
        } else {
            String::new()
        };
        let _ = write!(
            body,
            r#"<rect class="{class}"{fill} x="0" y="{}" width="{}" height="{}" rx="2"/>"#,
            px(y),
            px(width),
            px(BAR_HEIGHT)
        );
        y += BAR_HEIGHT + ROW_GAP;
    }
    if any_target {
        y += 2.0;
        let _ = write!(
            body,
            r#"<rect class="chart-bar" x="0" y="{}" width="14" height="12" rx="2"/><text class="chart-legend" x="20" y="{}">{}</text>"#,
            px(y),
            px(y + 11.0),
            esc(&labels.recorded)
        );
        let offset = 20.0 + labels.recorded.chars().count() as f64 * GLYPH_WIDTH + 24.0;
        let _ = write!(
            body,
            r#"<rect class="chart-bar chart-bar-target" fill="url(#{id}-hatch)" x="{}" y="{}" width="14" height="12" rx="2"/><text class="chart-legend" x="{}" y="{}">{}</text>"#,
            px(offset),
            px(y),
            px(offset + 20.0),
            px(y + 11.0),
            esc(&labels.target)
        );
        y += 16.0;
    }
    let height = y + 4.0;
    let defs = if any_target {
        format!(
            r#"<defs><pattern id="{id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="chart-hatch-bg" width="6" height="6"/><line class="chart-hatch" x1="0" y1="0" x2="0" y2="6"/></pattern></defs>"#
        )
    } else {
        String::new()
    };
    format!(
        r#"<svg class="chart-svg" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {} {}" width="{}" height="{}" font-size="{FONT_SIZE}"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>{defs}{body}</svg>"#,
        px(WIDTH),
        px(height),
        px(WIDTH),
        px(height),
        esc(title),
        esc(description)
    )
}

/// The same numbers as a table, for readers who cannot or prefer not to
/// read a chart (and for print).
pub(super) fn table(title: &str, unit: &str, points: &[Point], labels: &Labels) -> String {
    let has_series = points.iter().any(|p| !p.series.is_empty());
    let has_notes = points.iter().any(|p| !p.note.is_empty());
    let mut html = String::from(r#"<table class="chart-table"><caption>"#);
    html.push_str(&esc(title));
    if !unit.is_empty() {
        let _ = write!(html, " ({})", esc(unit));
    }
    html.push_str("</caption><thead><tr>");
    let _ = write!(html, r#"<th scope="col">{}</th>"#, esc(&labels.period));
    if has_series {
        let _ = write!(html, r#"<th scope="col">{}</th>"#, esc(&labels.series));
    }
    let _ = write!(html, r#"<th scope="col">{}</th>"#, esc(&labels.value));
    if has_notes {
        let _ = write!(html, r#"<th scope="col">{}</th>"#, esc(&labels.note));
    }
    html.push_str("</tr></thead><tbody>");
    for point in points {
        let class = if point.target {
            r#" class="chart-row-target""#
        } else {
            ""
        };
        let _ = write!(
            html,
            r#"<tr{class}><th scope="row">{}</th>"#,
            esc(&point.label)
        );
        if has_series {
            let _ = write!(html, "<td>{}</td>", esc(&point.series));
        }
        let _ = write!(html, r#"<td class="num">{}</td>"#, esc(&point.value_text));
        if has_notes {
            let _ = write!(html, "<td>{}</td>", esc(&point.note));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_wrap_at_spaces() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap("", 7), vec![""]);
        assert_eq!(wrap("unbreakable", 4), vec!["unbreakable"]);
    }
}
