//! Publishing output: GitHub Pages files, Atom feeds, sitemap, robots.txt,
//! the search index and page, events.json (TimelineJS 3) and events.ics
//! (RFC 5545). Each output is parsed, not grepped, where a parser exists.

mod common;
use common::TestSite;
use std::collections::BTreeSet;

const SITE_URL: &str = "https://user.github.io/repo/";
const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML: &str = "http://www.w3.org/1999/xhtml";

fn built() -> TestSite {
    let site = TestSite::new("publish");
    site.run(&["build", "--base-url", SITE_URL]).assert_ok();
    site
}

/// Every HTML page the build wrote, as output paths (`en/events/x/index.html`).
fn html_pages(site: &TestSite) -> Vec<String> {
    let out = site.out();
    let mut pages: Vec<String> = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            e.path()
                .strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    pages.sort();
    pages
}

fn child_text<'a>(node: roxmltree::Node<'a, 'a>, ns: &str, name: &str) -> Option<&'a str> {
    node.children()
        .find(|c| c.has_tag_name((ns, name)))
        .and_then(|c| c.text())
}

#[test]
fn github_pages_files_are_written() {
    let site = built();
    assert_eq!(site.file(".nojekyll"), "");
    assert_eq!(site.file("CNAME"), "timeline.example.org\n");
    assert!(site.out().join("404.html").is_file());
    let robots = site.file("robots.txt");
    assert!(
        robots.contains(&format!("Sitemap: {SITE_URL}sitemap.xml")),
        "robots.txt names the sitemap by its absolute URL: {robots}"
    );
    let not_found = site.file("404.html");
    assert!(
        not_found.contains("href=\"/repo/en/\""),
        "404 links stay under the sub-path"
    );
}

#[test]
fn no_cname_without_the_setting() {
    let site = TestSite::new("minimal");
    site.build().assert_ok();
    assert!(!site.out().join("CNAME").exists());
    assert!(site.out().join(".nojekyll").is_file());
}

#[test]
fn atom_feeds_list_events_newest_first_with_ids_dates_and_language() {
    let site = built();
    for (path, lang, home) in [
        ("atom.xml", "uz", SITE_URL.to_string()),
        ("en/atom.xml", "en", format!("{SITE_URL}en/")),
    ] {
        let text = site.file(path);
        let doc = roxmltree::Document::parse(&text).expect("feed is well-formed XML");
        let feed = doc.root_element();
        assert!(feed.has_tag_name((ATOM, "feed")), "{path}");
        assert_eq!(
            feed.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
            Some(lang)
        );
        assert_eq!(child_text(feed, ATOM, "id"), Some(home.as_str()));
        assert!(child_text(feed, ATOM, "title").is_some());
        assert!(feed.children().any(|c| c.has_tag_name((ATOM, "author"))));
        let self_link = feed
            .children()
            .find(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel") == Some("self"))
            .and_then(|l| l.attribute("href"));
        assert_eq!(self_link, Some(format!("{SITE_URL}{path}").as_str()));
        let entries: Vec<_> = feed
            .children()
            .filter(|c| c.has_tag_name((ATOM, "entry")))
            .collect();
        assert_eq!(entries.len(), 3, "{path}");
        let updated: Vec<&str> = entries
            .iter()
            .map(|e| child_text(*e, ATOM, "updated").unwrap())
            .collect();
        assert_eq!(
            updated,
            [
                "2022-02-01T00:00:00Z",
                "2021-12-06T00:00:00Z",
                "2017-01-01T00:00:00Z"
            ],
            "newest first; partial dates map to their first day"
        );
        assert_eq!(child_text(feed, ATOM, "updated"), Some(updated[0]));
        let ids: BTreeSet<&str> = entries
            .iter()
            .map(|e| child_text(*e, ATOM, "id").unwrap())
            .collect();
        assert_eq!(ids.len(), entries.len(), "entry ids are unique");
        assert!(ids.iter().all(|id| id.starts_with(SITE_URL)), "{ids:?}");
    }
    let en = site.file("en/atom.xml");
    assert!(
        en.contains("<entry xml:lang=\"uz\">"),
        "an untranslated entry is marked with its text's language: {en}"
    );
}

#[test]
fn every_page_links_its_language_feed_in_the_head() {
    let site = built();
    for page in html_pages(&site) {
        let html = site.file(&page);
        let head = &html[..html.find("</head>").expect("page has a head")];
        let feed = if page.starts_with("en/") {
            "/repo/en/atom.xml"
        } else {
            "/repo/atom.xml"
        };
        if page == "404.html" {
            continue;
        }
        assert!(
            head.contains(&format!(
                "rel=\"alternate\" type=\"application/atom+xml\" title=\"{}\" href=\"{feed}\"",
                if page.starts_with("en/") {
                    "Atom feed"
                } else {
                    "Atom lentasi"
                }
            )),
            "{page} links {feed}"
        );
    }
}

#[test]
fn sitemap_lists_every_page_with_hreflang_alternates() {
    let site = built();
    let text = site.file("sitemap.xml");
    let doc = roxmltree::Document::parse(&text).expect("sitemap is well-formed XML");
    let urlset = doc.root_element();
    assert!(urlset.has_tag_name((SITEMAP, "urlset")));
    let mut locs = BTreeSet::new();
    for url in urlset
        .children()
        .filter(|c| c.has_tag_name((SITEMAP, "url")))
    {
        let loc = child_text(url, SITEMAP, "loc").expect("every url has a loc");
        assert!(loc.starts_with(SITE_URL), "{loc}");
        assert!(locs.insert(loc.to_string()), "duplicate {loc}");
        let alternates: Vec<(&str, &str)> = url
            .children()
            .filter(|c| c.has_tag_name((XHTML, "link")))
            .map(|l| {
                assert_eq!(l.attribute("rel"), Some("alternate"));
                (
                    l.attribute("hreflang").unwrap(),
                    l.attribute("href").unwrap(),
                )
            })
            .collect();
        if loc.contains("/tags/") {
            assert!(alternates.is_empty(), "tag pages stand alone: {loc}");
            continue;
        }
        // Written in Uzbek only: its English page is a fallback copy, not
        // announced, so the Uzbek page has no other language version.
        if loc.contains("2022-02-visit") {
            assert!(!loc.contains("/en/"), "a fallback is not listed: {loc}");
            assert!(alternates.is_empty(), "{loc}: {alternates:?}");
            continue;
        }
        let langs: Vec<&str> = alternates.iter().map(|(l, _)| *l).collect();
        assert_eq!(langs, ["uz", "en", "x-default"], "{loc}");
        assert!(alternates.iter().any(|(_, href)| *href == loc), "{loc}");
    }
    for page in html_pages(&site) {
        // The English fallback of the Uzbek-only event duplicates it.
        if page == "404.html" || page == "en/events/2022-02-visit/index.html" {
            continue;
        }
        let url = format!("{SITE_URL}{}", page.trim_end_matches("index.html"));
        assert!(locs.contains(&url), "sitemap misses {url}");
    }
}

#[test]
fn events_json_has_the_timelinejs_shape() {
    let site = built();
    for path in ["events.json", "en/events.json"] {
        let json: serde_json::Value =
            serde_json::from_str(&site.file(path)).expect("events.json is JSON");
        assert!(json["title"]["text"]["headline"].is_string(), "{path}");
        let events = json["events"].as_array().expect("events array");
        assert_eq!(events.len(), 3);
        let mut ids = BTreeSet::new();
        for event in events {
            let start = &event["start_date"];
            assert!(start["year"].is_i64(), "{event}");
            if let Some(month) = start.get("month") {
                assert!((1..=12).contains(&month.as_i64().unwrap()));
            }
            if let Some(day) = start.get("day") {
                assert!(start.get("month").is_some(), "a day needs its month");
                assert!((1..=31).contains(&day.as_i64().unwrap()));
            }
            assert!(event["text"]["headline"].is_string());
            assert!(event["text"]["text"].is_string());
            assert!(event["group"].is_string());
            assert!(ids.insert(event["unique_id"].as_str().unwrap().to_string()));
        }
        assert_eq!(
            events[0]["start_date"],
            serde_json::json!({"year": 2017}),
            "a year-only date keeps only its year"
        );
        let visit = &events[2];
        assert_eq!(
            visit["start_date"],
            serde_json::json!({"year": 2022, "month": 2})
        );
        assert_eq!(
            visit["end_date"],
            serde_json::json!({"year": 2022, "month": 3})
        );
        let eras = json["eras"].as_array().expect("eras from book.toml");
        assert_eq!(eras.len(), 2);
        for era in eras {
            assert!(era["start_date"]["year"].is_i64());
            assert!(
                era["end_date"]["year"].is_i64(),
                "TimelineJS eras need an end"
            );
            assert!(era["text"]["headline"].is_string());
        }
    }
    let en: serde_json::Value = serde_json::from_str(&site.file("en/events.json")).unwrap();
    assert_eq!(
        en["events"][1]["group"], "Treaty",
        "group is the kind's label"
    );
    assert_eq!(
        en["eras"][1]["end_date"],
        serde_json::json!({"year": 2022, "month": 3, "day": 31}),
        "an open era ends with the last event"
    );
}

#[test]
fn events_ics_is_rfc5545_with_all_day_events() {
    let site = built();
    let text = site.file("events.ics");
    assert!(text.ends_with("\r\n"));
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF"
    );
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    // Unfold continuation lines, then read properties.
    let unfolded = text.replace("\r\n ", "");
    let lines: Vec<&str> = unfolded.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.first(), Some(&"BEGIN:VCALENDAR"));
    assert_eq!(lines.last(), Some(&"END:VCALENDAR"));
    assert!(lines.contains(&"VERSION:2.0"));
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    let events: Vec<Vec<&str>> = unfolded
        .split("BEGIN:VEVENT\r\n")
        .skip(1)
        .map(|chunk| chunk.split("END:VEVENT").next().unwrap())
        .map(|chunk| chunk.split("\r\n").filter(|l| !l.is_empty()).collect())
        .collect();
    assert_eq!(events.len(), 3);
    let mut uids = BTreeSet::new();
    for event in &events {
        let property = |name: &str| {
            event
                .iter()
                .find_map(|l| l.strip_prefix(name))
                .unwrap_or_else(|| panic!("no {name} in {event:?}"))
        };
        assert!(uids.insert(property("UID:")));
        assert_eq!(property("DTSTAMP:").len(), 16, "UTC date-time");
        assert_eq!(property("DTSTART;VALUE=DATE:").len(), 8);
        assert_eq!(property("DTEND;VALUE=DATE:").len(), 8);
        assert!(property("URL:").starts_with(SITE_URL));
    }
    let dates = |e: &[&str]| -> (String, String) {
        let get = |name: &str| {
            e.iter()
                .find_map(|l| l.strip_prefix(name))
                .unwrap()
                .to_string()
        };
        (get("DTSTART;VALUE=DATE:"), get("DTEND;VALUE=DATE:"))
    };
    assert_eq!(
        dates(&events[0]),
        ("20170101".into(), "20180101".into()),
        "a year covers the year"
    );
    assert_eq!(
        dates(&events[1]),
        ("20211206".into(), "20211207".into()),
        "DTEND is exclusive"
    );
    assert_eq!(
        dates(&events[2]),
        ("20220201".into(), "20220401".into()),
        "months to the end month's end"
    );
    assert!(
        unfolded.contains("SUMMARY:Tashriflar\\, uchrashuvlar\\; muzokaralar"),
        "commas and semicolons are escaped: {unfolded}"
    );
}

#[test]
fn search_index_folds_uzbek_and_stems_english() {
    use yilnoma::model::search_shards::shard_of;
    let site = built();
    let uz: serde_json::Value =
        serde_json::from_str(&site.file("search/index.json")).expect("index is JSON");
    assert_eq!(uz["lang"], "uz");
    assert_eq!(uz["fold"]["cyrillic"]["ғ"], "g", "the folding table ships");
    let shards = uz["shards"].as_u64().unwrap() as usize;
    let shard = |folder: &str, word: &str| -> serde_json::Value {
        let file = format!("{folder}words-{}.json", shard_of(word, shards));
        serde_json::from_str(&site.file(&file)).expect("a shard is JSON")
    };
    assert!(
        shard("search/", "qozogiston")["words"]["qozogiston"].is_string(),
        "o‘ and g‘ fold away"
    );
    assert!(shard("search/", "dostlik")["words"]["dostlik"].is_string());
    let docs: Vec<serde_json::Value> =
        serde_json::from_str(&site.file("search/docs-0.json")).unwrap();
    assert!(docs
        .iter()
        .any(|d| d[0] == "/repo/events/2021-declaration/"));
    assert!(docs.iter().all(|d| d.as_array().unwrap().len() == 4));
    assert_eq!(
        shard("en/search/", "treaties")["stems"]["treaties"],
        "treati",
        "English words carry their stem"
    );
}

#[test]
fn search_page_has_the_documented_dom_and_a_no_js_message() {
    let site = built();
    let html = site.file("en/search/index.html");
    assert!(html.contains("<label for=\"search-input\">"));
    assert!(html.contains("<input id=\"search-input\" type=\"search\""));
    assert!(html.contains("<ul id=\"search-results\""));
    assert!(html.contains("<noscript>"));
    assert!(html.contains("data-index=\"/repo/en/search/index.json\""));
    assert!(html.contains("src=\"/repo/search.js\""));
    assert!(site.out().join("search.js").is_file());
    let home = site.file("en/index.html");
    assert!(
        home.contains("href=\"/repo/en/search/\""),
        "every page links search"
    );
}

#[test]
fn event_json_ld_is_valid_json_with_schema_org_event() {
    let site = built();
    let html = site.file("en/events/2021-declaration/index.html");
    let start = html.find("<script type=\"application/ld+json\">").unwrap()
        + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    let json: serde_json::Value = serde_json::from_str(&html[start..end]).expect("JSON-LD parses");
    assert_eq!(json["@context"], "https://schema.org");
    assert_eq!(json["@type"], "Event");
    assert_eq!(json["startDate"], "2021-12-06");
    assert_eq!(json["location"]["@type"], "Place");
    assert_eq!(
        json["url"],
        format!("{SITE_URL}en/events/2021-declaration/")
    );
}

#[test]
fn without_a_site_url_ids_stay_absolute_iris() {
    let site = TestSite::new("publish");
    site.build().assert_ok();
    let text = site.file("atom.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let id = child_text(doc.root_element(), ATOM, "id").unwrap();
    assert_eq!(id, "urn:yilnoma:/", "the home page, as an absolute IRI");
    let ics = site.file("events.ics");
    assert!(ics.contains("@yilnoma.invalid\r\n"), "{ics}");
}
