//! Charts: a data file in content/data/ with a `points` list becomes an
//! accessible inline SVG bar chart and an HTML table of the same numbers,
//! at build time, for one language.
//!
//! Takes the data file's parsed value and the language's interface strings;
//! returns a `ChartView` (HTML strings) plus problems worth a warning. Pure:
//! no disk, no JavaScript. A data file without `points` is not a chart.
//!
//! The shape read (every text may be a plain string or a `{uz: …, en: …}`
//! map): `title`, `description`, `unit`, `source {title, author, publisher,
//! date}`, `pages` (slugs of the pages that show the chart) and `points`,
//! each with `label`, `value`, optional `series`, `qualifier`
//! (`more_than` | `up_to`), `target` (drawn hatched, marked "target") and
//! `note`.

use crate::model::date::PartialDate;
use crate::render::dates::DateFormatter;
use crate::render::view::ChartView;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;

mod drawing;

use drawing::{svg, table};

/// One point of a chart, localised.
#[derive(Debug, Clone, PartialEq)]
struct Point {
    label: String,
    series: String,
    value: f64,
    /// The value as readers see it: "more than 4.27", "10".
    value_text: String,
    target: bool,
    note: String,
    /// Every point has this period; the chart names it once.
    period_shared: bool,
}

/// A chart for one language.
pub struct ChartInput<'a> {
    /// The data file's name without extension (`trade`), used for ids.
    pub name: &'a str,
    pub data: &'a Value,
    pub lang: &'a str,
    /// Used when a text has no version in `lang`.
    pub fallback_lang: &'a str,
    pub strings: &'a BTreeMap<String, String>,
}

/// The chart for a data file, or `None` when it has no `points`. Problems
/// (a point without a number) are returned for the caller to report; the
/// chart is still drawn from the points that are fine.
pub fn chart(input: &ChartInput<'_>) -> (Option<ChartView>, Vec<String>) {
    let mut problems = Vec::new();
    let Some(raw_points) = input.data.get("points").and_then(Value::as_array) else {
        return (None, problems);
    };
    let text = |value: Option<&Value>| localised(value, input.lang, input.fallback_lang);
    let string = |key: &str, fallback: &str| {
        input
            .strings
            .get(key)
            .cloned()
            .unwrap_or_else(|| fallback.to_string())
    };
    let decimal = string("decimal_separator", ".");
    let mut points = Vec::new();
    for (i, raw) in raw_points.iter().enumerate() {
        let Some(value) = raw
            .get("value")
            .and_then(Value::as_f64)
            .filter(|v| v.is_finite() && *v >= 0.0)
        else {
            problems.push(format!(
                "point {} of `points` has no `value` that is a number of zero or more, so the chart leaves it out",
                i + 1
            ));
            continue;
        };
        let number = format_number(value, &decimal);
        let value_text = match raw.get("qualifier").and_then(Value::as_str) {
            Some("more_than") => string("chart_more_than", "more than {value}"),
            Some("up_to") => string("chart_up_to", "up to {value}"),
            _ => "{value}".to_string(),
        }
        .replace("{value}", &number);
        points.push(Point {
            label: text(raw.get("label")),
            series: text(raw.get("series")),
            value,
            value_text,
            target: raw.get("target").and_then(Value::as_bool).unwrap_or(false),
            note: text(raw.get("note")),
            period_shared: false,
        });
    }
    let title = text(input.data.get("title"));
    let title = if title.is_empty() {
        input.name.to_string()
    } else {
        title
    };
    let unit = text(input.data.get("unit"));
    let id = format!("chart-{}", crate::model::slug::suggest(input.name));
    let labels = Labels {
        target: string("chart_target", "target"),
        recorded: string("chart_recorded", "recorded"),
        period: string("chart_period", "Period"),
        series: string("chart_series", "Series"),
        value: string("chart_value", "Value"),
        note: string("chart_note", "Note"),
    };
    let shared_period = shared_period(&mut points);
    let description = describe(&title, &unit, &shared_period, &points, &labels);
    let view = ChartView {
        name: input.name.to_string(),
        id: id.clone(),
        title: title.clone(),
        description: text(input.data.get("description")),
        unit: unit.clone(),
        pages: pages(input.data),
        source: source_text(input.data.get("source"), input),
        svg_html: svg(&id, &title, &description, &points, &labels),
        table_html: table(&title, &unit, &points, &labels),
    };
    (Some(view), problems)
}

/// Interface words the chart writes.
struct Labels {
    target: String,
    recorded: String,
    period: String,
    series: String,
    value: String,
    note: String,
}

/// A text in `lang`, else in `fallback`, else the first one given.
fn localised(value: Option<&Value>, lang: &str, fallback: &str) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Object(map)) => map
            .get(lang)
            .or_else(|| map.get(fallback))
            .or_else(|| map.values().next())
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        _ => String::new(),
    }
}

/// Shortest decimal form (`4.27`, `10`, `0.956`) with the language's separator.
fn format_number(value: f64, decimal_separator: &str) -> String {
    // Display for f64 prints the shortest text that reads back the same.
    format!("{value}").replace('.', decimal_separator)
}

fn pages(data: &Value) -> Vec<String> {
    match data.get("pages") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// "Author, Title, Publisher, November 2025", plain text.
fn source_text(source: Option<&Value>, input: &ChartInput<'_>) -> String {
    let Some(source) = source else {
        return String::new();
    };
    let text = |key: &str| localised(source.get(key), input.lang, input.fallback_lang);
    let date = source
        .get("date")
        .and_then(Value::as_str)
        .and_then(|d| PartialDate::parse(d).ok())
        .map(|d| DateFormatter::new(input.lang, input.strings).date(&d))
        .unwrap_or_default();
    [text("author"), text("title"), text("publisher"), date]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The chart's `<desc>`: every number in one sentence per point.
fn describe(title: &str, unit: &str, period: &str, points: &[Point], labels: &Labels) -> String {
    let mut text = title.to_string();
    if !unit.is_empty() {
        let _ = write!(text, " ({unit})");
    }
    if !period.is_empty() {
        let _ = write!(text, ", {period}");
    }
    text.push('.');
    for point in points {
        let name = point_name(point);
        let _ = write!(text, " {name}: {}", point.value_text);
        if point.target && !mentions(&name, &labels.target) {
            let _ = write!(text, " ({})", labels.target);
        }
        text.push('.');
    }
    text
}

/// When every point is one period split into series (visitors both ways),
/// the bars are named by series alone and the period is said once: returns
/// that period, and marks the points so `point_name` leaves it out.
fn shared_period(points: &mut [Point]) -> String {
    let Some(first) = points.first() else {
        return String::new();
    };
    let period = first.label.clone();
    let shared = points
        .iter()
        .all(|p| p.label == period && !p.series.is_empty());
    if !shared {
        return String::new();
    }
    for point in points.iter_mut() {
        point.period_shared = true;
    }
    period
}

/// Whether `text` already says `word` ("2030 (target)"), so it is not repeated.
fn mentions(text: &str, word: &str) -> bool {
    !word.is_empty() && text.to_lowercase().contains(&word.to_lowercase())
}

/// What a bar is called: its series and, when it has both, its period.
fn point_name(point: &Point) -> String {
    if point.period_shared {
        return point.series.clone();
    }
    match (point.series.is_empty(), point.label.is_empty()) {
        (true, _) => point.label.clone(),
        (false, true) => point.series.clone(),
        (false, false) => format!("{}, {}", point.series, point.label),
    }
}

/// Splits `text` into lines of at most `max_chars` characters, at spaces.
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn strings(lang: &str) -> BTreeMap<String, String> {
        crate::theme::default_strings(lang)
    }

    fn trade() -> Value {
        json!({
            "title": { "uz": "Tovar ayirboshlash", "en": "Trade turnover" },
            "unit": { "uz": "mlrd AQSh dollari", "en": "US$ billion" },
            "pages": ["economy"],
            "source": { "title": "Article", "author": "Bekzod Normatov", "date": "2025-11" },
            "points": [
                { "label": { "uz": "2024-yil", "en": "2024" }, "value": 4.27, "qualifier": "more_than", "target": false },
                { "label": { "uz": "2030-yil (maqsad)", "en": "2030 (target)" }, "value": 10, "target": true, "note": { "en": "Goal" } }
            ]
        })
    }

    fn render(data: &Value, lang: &str) -> (Option<ChartView>, Vec<String>) {
        let strings = strings(lang);
        chart(&ChartInput {
            name: "trade",
            data,
            lang,
            fallback_lang: "uz",
            strings: &strings,
        })
    }

    #[test]
    fn chart_has_title_description_and_every_number() {
        let (view, problems) = render(&trade(), "en");
        let view = view.expect("a chart");
        assert!(problems.is_empty());
        assert!(view.svg_html.contains(r#"role="img""#));
        assert!(view
            .svg_html
            .contains(r#"<title id="chart-trade-title">Trade turnover</title>"#));
        assert!(view.svg_html.contains("<desc id=\"chart-trade-desc\">Trade turnover (US$ billion). 2024: more than 4.27. 2030 (target): 10.</desc>"));
        assert!(view.table_html.contains("more than 4.27"));
        assert!(view.table_html.contains(r#"<td class="num">10</td>"#));
        assert_eq!(view.pages, vec!["economy"]);
        assert_eq!(view.source, "Bekzod Normatov, Article, November 2025");
    }

    #[test]
    fn target_is_hatched_and_named_in_a_legend() {
        let (view, _) = render(&trade(), "en");
        let svg = view.expect("a chart").svg_html;
        assert!(svg.contains("chart-bar-target"));
        assert!(svg.contains(r#"fill="url(#chart-trade-hatch)""#));
        assert!(svg.contains(">target</text>"));
    }

    #[test]
    fn target_without_the_word_in_its_label_is_named_target() {
        let data =
            json!({ "title": "T", "points": [ { "label": "2030", "value": 10, "target": true } ] });
        let (view, _) = render(&data, "en");
        let view = view.expect("a chart");
        assert!(
            view.svg_html.contains(">2030 · target</text>"),
            "{}",
            view.svg_html
        );
        assert!(view.svg_html.contains("2030: 10 (target).</desc>"));
    }

    #[test]
    fn uzbek_numbers_use_a_decimal_comma() {
        let (view, _) = render(&trade(), "uz");
        let view = view.expect("a chart");
        assert!(view.table_html.contains("4,27"), "{}", view.table_html);
        assert!(view.svg_html.contains("Tovar ayirboshlash"));
    }

    #[test]
    fn data_without_points_is_not_a_chart() {
        let (view, problems) = render(&json!({ "title": "Just data" }), "en");
        assert!(view.is_none());
        assert!(problems.is_empty());
    }

    #[test]
    fn point_without_a_number_is_reported_and_left_out() {
        let data = json!({ "points": [ { "label": "a", "value": "many" }, { "label": "b", "value": 2 } ] });
        let (view, problems) = render(&data, "en");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("point 1"));
        let view = view.expect("a chart");
        assert!(!view.table_html.contains(">a<"));
        assert!(view.table_html.contains(">b<"));
    }

    #[test]
    fn text_is_escaped() {
        let data = json!({ "title": "<b>&", "points": [ { "label": "<i>", "value": 1 } ] });
        let (view, _) = render(&data, "en");
        let view = view.expect("a chart");
        assert!(!view.svg_html.contains("<b>"));
        assert!(!view.table_html.contains("<i>"));
    }

    #[test]
    fn numbers_are_written_short() {
        assert_eq!(format_number(10.0, ","), "10");
        assert_eq!(format_number(4.27, ","), "4,27");
        assert_eq!(format_number(0.956, "."), "0.956");
    }
}
