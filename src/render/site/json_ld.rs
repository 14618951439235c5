//! The schema.org `Event` JSON-LD of an event page, with its sources as
//! citations.

use crate::model::site::SourceLink;
use crate::render::view::{CurrentView, EventSummaryView};

pub(super) fn event_json_ld(
    summary: &EventSummaryView,
    current: &CurrentView,
    lang: &str,
    sources: &[SourceLink],
) -> serde_json::Value {
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": summary.title,
        "description": summary.summary,
        "startDate": summary.date_iso,
        "url": current.permalink,
        "inLanguage": lang,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
    });
    if !summary.end_iso.is_empty() {
        value["endDate"] = summary.end_iso.clone().into();
    }
    if !summary.place.is_empty() {
        value["location"] = serde_json::json!({ "@type": "Place", "name": summary.place });
    }
    let citations: Vec<serde_json::Value> = sources
        .iter()
        .map(|s| {
            let mut work = serde_json::json!({ "@type": "CreativeWork", "name": s.title });
            if let Some(url) = &s.url {
                work["url"] = url.clone().into();
            }
            if let Some(author) = &s.author {
                work["author"] = serde_json::json!({ "@type": "Person", "name": author });
            }
            if let Some(publisher) = &s.publisher {
                work["publisher"] =
                    serde_json::json!({ "@type": "Organization", "name": publisher });
            }
            if let Some(date) = &s.date {
                work["datePublished"] = date.iso().into();
            }
            work
        })
        .collect();
    if !citations.is_empty() {
        value["subjectOf"] = citations.into();
    }
    value
}

#[cfg(test)]
mod tests {
    use super::event_json_ld;
    use crate::model::date::PartialDate;
    use crate::model::site::SourceLink;
    use crate::render::view::{CurrentView, EventSummaryView};

    #[test]
    fn optional_fields_appear_only_when_the_event_has_them() {
        let summary = EventSummaryView {
            title: "Tashrif".into(),
            date_iso: "2021-12-06".into(),
            ..Default::default()
        };
        let current = CurrentView {
            permalink: "https://x.uz/events/a/".into(),
            ..Default::default()
        };
        let bare = event_json_ld(&summary, &current, "uz", &[]);
        assert_eq!(bare["@type"], "Event");
        assert_eq!(bare["url"], "https://x.uz/events/a/");
        assert_eq!(bare["inLanguage"], "uz");
        for absent in ["endDate", "location", "subjectOf"] {
            assert!(bare.get(absent).is_none(), "{absent} in {bare}");
        }

        let full_summary = EventSummaryView {
            end_iso: "2021-12-07".into(),
            place: "Toshkent".into(),
            ..summary
        };
        let source = SourceLink {
            title: "Xabar".into(),
            url: Some("https://kun.uz/x".into()),
            date: PartialDate::parse("2021-12-06").ok(),
            ..Default::default()
        };
        let full = event_json_ld(&full_summary, &current, "uz", &[source]);
        assert_eq!(full["endDate"], "2021-12-07");
        assert_eq!(full["location"]["name"], "Toshkent");
        assert_eq!(full["subjectOf"][0]["url"], "https://kun.uz/x");
        assert_eq!(full["subjectOf"][0]["datePublished"], "2021-12-06");
        assert!(full["subjectOf"][0].get("author").is_none());
    }
}
