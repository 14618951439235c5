use crate::model::date::PartialDate;
use crate::model::site::{Event, EventText, Site, SourceRef, TextLines};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn text(file: &str, tags: &[&str]) -> Box<EventText> {
    Box::new(EventText {
        source: SourceRef {
            path: PathBuf::from(file),
            relative: file.to_string(),
            body_line: 1,
        },
        lines: TextLines::default(),
        title: file.to_string(),
        summary: String::new(),
        place: None,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        sources: Vec::new(),
        body: String::new(),
    })
}

fn event(slug: &str, year: i32, texts: &[(&str, Box<EventText>)]) -> Event {
    Event {
        slug: slug.to_string(),
        date: PartialDate::parse(&year.to_string()).unwrap(),
        end_date: None,
        kind: "visit".to_string(),
        weight: 0,
        draft: false,
        texts: texts
            .iter()
            .map(|(lang, text)| (lang.to_string(), text.clone()))
            .collect::<BTreeMap<_, _>>(),
    }
}

fn site() -> Site {
    let mut site = Site::default();
    site.events = vec![
        // Written first in the timeline, from a file named later.
        event("b", 1997, &[("uz", text("z/b.uz.md", &["Suv"]))]),
        // Two names of one slug on one event: listed once, used twice.
        event(
            "a",
            2001,
            &[("uz", text("a.uz.md", &["suv", "Suv", "Savdo"]))],
        ),
        event(
            "c",
            2005,
            &[
                ("uz", text("c.uz.md", &["Savdo"])),
                ("en", text("c.en.md", &["Trade"])),
            ],
        ),
    ];
    site
}

#[test]
fn each_tag_has_its_first_name_its_events_uses_and_first_file_by_name() {
    let site = site();
    let uz = site.tags("uz", "uz");
    let water = &uz.by_slug["suv"];
    assert_eq!(water.name, "Suv");
    assert_eq!(water.members, [0, 1]);
    assert_eq!(water.uses, 3);
    assert_eq!(water.first_file, PathBuf::from("a.uz.md"));
    assert_eq!(uz.by_slug["savdo"].members, [1, 2]);
    // Untranslated events count in the language they are shown in.
    let en = site.tags("en", "uz");
    let slugs: Vec<&String> = en.by_slug.keys().collect();
    assert_eq!(slugs, ["savdo", "suv", "trade"]);
    assert_eq!(en.by_slug["trade"].members, [2]);
    assert_eq!(en.by_slug["suv"].members, [0, 1]);
}

#[test]
fn a_replaced_event_or_new_slugs_make_the_index_again() {
    let mut site = site();
    assert_eq!(site.tags("uz", "uz").by_slug["savdo"].members, [1, 2]);
    let moved = event("c", 1990, &[("uz", text("c.uz.md", &["Savdo"]))]);
    site.replace_event("c", Some(moved));
    assert_eq!(site.tags("uz", "uz").by_slug["savdo"].members, [0, 2]);
    site.replace_event("a", None);
    assert_eq!(site.tags("uz", "uz").by_slug["suv"].members, [1]);
    let mut slugs = site.tag_slugs.clone();
    slugs.inherit("uz", "Suv", "water".to_string());
    site.set_tag_slugs(slugs);
    let uz = site.tags("uz", "uz");
    assert_eq!(uz.by_slug["water"].members, [1]);
    assert!(!uz.by_slug.contains_key("suv"));
}
