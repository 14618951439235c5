//! The timeline's groupings beyond years: era bands and the tag filter
//! list. Pure functions over the views the renderer already built.

use crate::render::view::{EraBandView, EraView, EventSummaryView, TagFilterView, YearView};
use std::collections::BTreeMap;

/// Groups consecutive years by the era they fall in. Years outside every
/// era form bands without one; with no eras at all there is one band.
pub fn era_bands(years: &[YearView], eras: &[EraView]) -> Vec<EraBandView> {
    let era_of = |year: i32| {
        eras.iter()
            .find(|e| e.start_year <= year && e.end_year.is_none_or(|end| year <= end))
    };
    let mut bands: Vec<EraBandView> = Vec::new();
    for year in years {
        let era = era_of(year.year);
        match bands.last_mut() {
            Some(band) if band.era.as_ref().map(|e| &e.id) == era.map(|e| &e.id) => {
                band.years.push(year.clone());
            }
            _ => bands.push(EraBandView {
                era: era.cloned(),
                year_heading: if era.is_some() { 3 } else { 2 },
                years: vec![year.clone()],
            }),
        }
    }
    bands
}

/// Every tag on the listed events, by slug, with how many events carry it.
pub fn tag_filters<'a>(
    events: impl IntoIterator<Item = &'a EventSummaryView>,
) -> Vec<TagFilterView> {
    let mut tags: BTreeMap<&str, TagFilterView> = BTreeMap::new();
    for tag in events.into_iter().flat_map(|e| &e.tags) {
        tags.entry(tag.slug.as_str())
            .or_insert_with(|| TagFilterView {
                name: tag.name.clone(),
                slug: tag.slug.clone(),
                url: tag.url.clone(),
                count: 0,
            })
            .count += 1;
    }
    let mut list: Vec<TagFilterView> = tags.into_values().collect();
    list.sort_by_key(|t| t.name.to_lowercase());
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(year: i32) -> YearView {
        YearView {
            year,
            events: Vec::new(),
        }
    }

    fn era(id: &str, start_year: i32, end_year: Option<i32>) -> EraView {
        EraView {
            id: id.to_string(),
            label: id.to_string(),
            start: start_year.to_string(),
            end: end_year.map(|y| y.to_string()).unwrap_or_default(),
            start_year,
            end_year,
        }
    }

    fn ids(bands: &[EraBandView]) -> Vec<(Option<String>, Vec<i32>)> {
        bands
            .iter()
            .map(|b| {
                (
                    b.era.as_ref().map(|e| e.id.clone()),
                    b.years.iter().map(|y| y.year).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn years_fall_into_their_eras_and_open_eras_run_on() {
        let years = [year(1997), year(2016), year(2019), year(2022), year(2025)];
        let eras = [
            era("foundations", 1997, Some(2015)),
            era("new-pace", 2016, Some(2020)),
            era("allies", 2021, None),
        ];
        assert_eq!(
            ids(&era_bands(&years, &eras)),
            vec![
                (Some("foundations".into()), vec![1997]),
                (Some("new-pace".into()), vec![2016, 2019]),
                (Some("allies".into()), vec![2022, 2025]),
            ]
        );
    }

    #[test]
    fn years_outside_every_era_get_a_band_without_era_and_level_two_headings() {
        let years = [year(1990), year(2016)];
        let bands = era_bands(&years, &[era("new-pace", 2016, Some(2020))]);
        assert_eq!(
            ids(&bands),
            vec![(None, vec![1990]), (Some("new-pace".into()), vec![2016])]
        );
        assert_eq!(bands[0].year_heading, 2);
        assert_eq!(bands[1].year_heading, 3);
        assert_eq!(ids(&era_bands(&years, &[])), vec![(None, vec![1990, 2016])]);
    }
}
