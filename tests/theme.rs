//! The default theme's contract: the hooks browser tests and readers rely
//! on (filter attributes, year anchors, skip link, theme toggle), charts
//! drawn from data files, the bilingual 404, kind pages, the docs section,
//! and the index page weight. Built from tests/fixtures/theme/.

mod common;
use common::TestSite;
use std::path::Path;

fn built() -> TestSite {
    let site = TestSite::new("theme");
    site.build().assert_ok();
    site
}

#[track_caller]
fn assert_has(html: &str, needle: &str) {
    assert!(html.contains(needle), "expected `{needle}` in:\n{html}");
}

#[test]
fn timeline_events_carry_kind_tags_and_year_for_filtering() {
    let site = built();
    let en = site.main_html("en/index.html");
    assert_has(
        &en,
        r#"<li class="event" data-kind="treaty" data-tags="documents border" data-year="2022">"#,
    );
    assert_has(&en, r#"<a href="/en/events/2022-treaty/">A treaty</a>"#);
    assert_has(&en, r#"<section class="year" id="y2016">"#);
    assert_has(&en, r#"<nav class="year-nav" aria-label="Jump to a year">"#);
    assert_has(&en, r##"<a href="#y2022">2022</a>"##);
    assert_has(&en, r#"<nav class="filters" aria-label="Filter by kind">"#);
    assert_has(
        &en,
        r#"<a class="kind-filter" data-kind="treaty" href="/en/kinds/treaty/">"#,
    );
    assert_has(
        &en,
        r#"<a class="kind-filter" data-kind="" href="/en/" aria-current="page">All</a>"#,
    );
    assert_has(
        &en,
        r#"<a class="tag-filter" data-tag="border" href="/en/tags/border/">"#,
    );
    assert!(
        !en.contains(r#"data-kind="energy" href"#),
        "kinds without events get no filter link: {en}"
    );
    assert_has(
        &en,
        r#"<span class="kind-badge" data-icon="visit">Visit</span>"#,
    );
}

#[test]
fn eras_are_bands_around_their_years() {
    let site = built();
    let en = site.main_html("en/index.html");
    let new_pace = en.find(r#"id="era-new-pace""#).expect("new-pace band");
    let allies = en.find(r#"id="era-allies""#).expect("allies band");
    let y2016 = en.find(r#"id="y2016""#).expect("2016");
    let y2022 = en.find(r#"id="y2022""#).expect("2022");
    assert!(new_pace < y2016 && y2016 < allies && allies < y2022, "{en}");
    assert_has(&en, "A new pace <span class=\"era-dates\">2016–2020</span>");
    assert_has(
        &en,
        "Allied relations <span class=\"era-dates\">from 2021</span>",
    );
    let uz = site.main_html("index.html");
    assert_has(
        &uz,
        "Ittifoqchilik <span class=\"era-dates\">2021-yildan</span>",
    );
    assert_has(&en, r#"<h3 class="year-title">2016</h3>"#);
}

#[test]
fn kind_pages_list_only_that_kind_and_work_without_script() {
    let site = built();
    let treaty = site.main_html("en/kinds/treaty/index.html");
    assert_has(&treaty, r#"data-kind="treaty" data-tags"#);
    assert!(
        !treaty.contains(r#"data-kind="visit" data-tags"#),
        "{treaty}"
    );
    assert_has(
        &treaty,
        r#"<a class="kind-filter" data-kind="treaty" href="/en/kinds/treaty/" aria-current="page">"#,
    );
    assert_has(
        &treaty,
        r#"<a class="kind-filter" data-kind="" href="/en/">"#,
    );
    let uz = site.main_html("kinds/visit/index.html");
    assert_has(&uz, "Tashrif");
    assert!(!uz.contains(r#"data-kind="treaty" data-tags"#), "{uz}");
}

#[test]
fn chart_svg_has_title_and_description_and_table_has_the_numbers() {
    let site = built();
    let en = site.main_html("en/economy/index.html");
    assert_has(
        &en,
        r#"<svg class="chart-svg" role="img" aria-labelledby="chart-trade-title chart-trade-desc""#,
    );
    assert_has(
        &en,
        r#"<title id="chart-trade-title">Trade turnover</title>"#,
    );
    assert_has(
        &en,
        "<desc id=\"chart-trade-desc\">Trade turnover (US$ billion). 2024: more than 4.27. 2030 (target): 10.</desc>",
    );
    assert_has(&en, "chart-bar-target");
    assert_has(&en, r#"<td class="num">more than 4.27</td>"#);
    assert_has(&en, r#"<td class="num">10</td>"#);
    assert_has(&en, "Source: Author, Article, November 2025");
    let uz = site.main_html("economy/index.html");
    assert_has(&uz, r#"<td class="num">4,27 dan ortiq</td>"#);
    assert_has(
        &uz,
        "<caption>Tovar ayirboshlash (mlrd AQSh dollari)</caption>",
    );
}

#[test]
fn pages_show_only_the_charts_that_name_them_and_the_index_shows_all() {
    let site = built();
    let about = site.main_html("en/about/index.html");
    assert!(!about.contains("<svg"), "{about}");
    let economy = site.main_html("en/economy/index.html");
    assert!(!economy.contains("chart-visitors"), "{economy}");
    let index = site.main_html("en/index.html");
    assert_has(&index, r#"<figure class="chart" id="chart-trade">"#);
    assert_has(&index, r#"<figure class="chart" id="chart-visitors">"#);
}

#[test]
fn series_of_one_period_are_named_by_series_and_the_period_is_said_once() {
    let site = built();
    let index = site.main_html("en/index.html");
    assert_has(
        &index,
        "<desc id=\"chart-visitors-desc\">Visitors (million), Eight months. From Kazakhstan: 1.8. From Uzbekistan: 0.956.</desc>",
    );
    assert_has(&index, r#"<th scope="col">Series</th>"#);
}

#[test]
fn not_found_page_speaks_every_language() {
    let site = built();
    let page = site.main_html("404.html");
    assert_has(&page, r#"<section lang="uz" aria-labelledby="nf-uz">"#);
    assert_has(&page, "Sahifa topilmadi");
    assert_has(&page, r#"<section lang="en" aria-labelledby="nf-en">"#);
    assert_has(&page, "Page not found");
    assert_has(&page, r#"<a href="/">Bosh sahifaga qaytish</a>"#);
    assert_has(&page, r#"<a href="/en/">Back to the home page</a>"#);
}

#[test]
fn every_page_has_skip_link_main_language_switch_and_theme_toggle() {
    let site = built();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(site.out()) {
        let entry = entry.expect("walk output");
        if entry.path().extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        pages += 1;
        let html = std::fs::read_to_string(entry.path()).expect("read page");
        let name = entry.path().display().to_string();
        let body = &html[html.find("<body").expect("body")..];
        let first_element = body[body.find('>').expect("body tag") + 1..].trim_start();
        assert!(
            first_element.starts_with(r##"<a class="skip-link" href="#main">"##),
            "{name}: skip link comes first"
        );
        assert!(html.contains(r#"<main id="main">"#), "{name}");
        assert!(
            html.contains(
                r#"<button id="theme-toggle" type="button" aria-pressed="false" hidden>"#
            ),
            "{name}"
        );
        assert!(html.contains(r#"<nav aria-label="#), "{name}");
        assert!(html.contains(r#"class="lang-switch""#), "{name}");
        assert!(
            html.contains(r#"<script src="/yilnoma.js"></script>"#)
                && html.find("yilnoma.js") < html.find("</head>"),
            "{name}: the script runs in <head> so a stored theme applies before paint"
        );
        assert!(!html.contains("yilnoma.js\" defer"), "{name}");
    }
    assert!(pages > 20, "{pages} pages");
}

#[test]
fn language_switch_keeps_the_reader_on_the_same_event() {
    let site = built();
    let html = site.file("en/events/2016-visit/index.html");
    assert_has(
        &html,
        r#"<a href="/events/2016-visit/" hreflang="uz" lang="uz">O‘zbekcha</a>"#,
    );
}

#[test]
fn event_page_has_facts_sources_neighbours_and_open_graph() {
    let site = built();
    let html = site.file("en/events/2016-visit/index.html");
    assert_has(&html, r#"<meta property="og:type" content="article">"#);
    assert_has(&html, r#"<meta property="og:title" content="A visit">"#);
    assert_has(
        &html,
        r#"<meta property="og:description" content="The first visit.">"#,
    );
    assert_has(&html, r#"<meta property="og:locale" content="en_US">"#);
    assert_has(&html, r#"<script type="application/ld+json">"#);
    let main = site.main_html("en/events/2016-visit/index.html");
    assert_has(&main, r#"<time datetime="2016-09">September 2016</time>"#);
    assert_has(&main, "<dd>Astana</dd>");
    assert_has(
        &main,
        r##"<dt>Era</dt><dd><a href="/en/#era-new-pace">A new pace</a></dd>"##,
    );
    assert_has(
        &main,
        r#"<a rel="next" class="next" href="/en/events/2022-treaty/">"#,
    );
    assert_has(&main, r##"<a href="/en/#y2016">Back to the timeline</a>"##);
    let treaty = site.main_html("en/events/2022-treaty/index.html");
    assert_has(
        &treaty,
        r#"<a href="https://example.org/article">Article</a>"#,
    );
    assert_has(
        &treaty,
        r#"<a rel="prev" class="prev" href="/en/events/2016-visit/">"#,
    );
    let uz = site.file("events/2016-visit/index.html");
    assert_has(&uz, r#"<meta property="og:locale" content="uz_UZ">"#);
}

#[test]
fn docs_pages_have_sidebar_contents_neighbours_and_both_code_themes() {
    let site = built();
    let html = site.file("en/docs/intro/index.html");
    assert_has(&html, r#"<link rel="stylesheet" href="/syntax.css">"#);
    let main = site.main_html("en/docs/intro/index.html");
    assert_has(
        &main,
        r#"<a href="/en/docs/intro/" aria-current="page">Getting started</a>"#,
    );
    assert_has(&main, r#"<nav class="toc" aria-label="On this page">"#);
    assert_has(&main, r##"<a href="#install">Install</a>"##);
    assert_has(
        &main,
        r#"<a rel="next" class="next" href="/en/docs/config/">"#,
    );
    assert_has(&main, "hl-code");
    let css = site.file("syntax.css");
    assert_has(&css, r#":root[data-theme="dark"]"#);
    assert_has(&css, "prefers-color-scheme");
}

#[test]
fn stylesheet_has_dark_mode_focus_and_print_rules() {
    let site = built();
    let css = site.file("style.css");
    assert_has(&css, r#":root[data-theme="dark"]"#);
    assert_has(&css, r#":root:not([data-theme="light"])"#);
    assert_has(&css, ":focus-visible");
    assert_has(&css, "@media print");
    let js = site.file("yilnoma.js");
    assert_has(&js, "yilnoma-theme");
    assert!(js.contains("pushState") || js.contains("replaceState"));
}

/// The bundled site's index with its stylesheet and script stays under
/// 100 KB (issue 4), so the timeline loads fast on slow connections.
#[test]
fn bundled_index_page_weighs_under_100_kb() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().expect("temp dir");
    let public = out.path().join("public");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_yilnoma"))
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(&public)
        .output()
        .expect("run yilnoma");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    for index in ["index.html", "en/index.html"] {
        let size = |p: &str| std::fs::metadata(public.join(p)).map_or(0, |m| m.len());
        let total = size(index) + size("style.css") + size("yilnoma.js");
        assert!(total < 100 * 1024, "{index}: {total} bytes");
    }
}
