//! The timeline's groupings beyond years: era bands (which years fall in
//! which era, by position, so any representation of years can be grouped)
//! and the tag filter list. Pure functions.

use crate::render::view::EraView;
use std::ops::Range;

/// One band of the timeline: consecutive years within one era, or
/// outside every era when `era` is `None`.
#[derive(Debug, Clone)]
pub struct Band<'e> {
    pub era: Option<&'e EraView>,
    /// The heading level for the band's years: 3 under an era heading, else 2.
    pub year_heading: u8,
    /// The band's years, as positions in the list of years given.
    pub years: Range<usize>,
}

/// Groups consecutive years (in timeline order) by the era they fall in.
/// Years outside every era form bands without one; with no eras at all
/// there is one band.
pub fn era_bands(years: impl IntoIterator<Item = i32>, eras: &[EraView]) -> Vec<Band<'_>> {
    let era_of = |year: i32| {
        eras.iter()
            .find(|e| e.start_year <= year && e.end_year.is_none_or(|end| year <= end))
    };
    let mut bands: Vec<Band<'_>> = Vec::new();
    for (position, year) in years.into_iter().enumerate() {
        let era = era_of(year);
        match bands.last_mut() {
            Some(band) if band.era.map(|e| &e.id) == era.map(|e| &e.id) => {
                band.years.end = position + 1;
            }
            _ => bands.push(Band {
                era,
                year_heading: if era.is_some() { 3 } else { 2 },
                years: position..position + 1,
            }),
        }
    }
    bands
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn ids(years: &[i32], bands: &[Band<'_>]) -> Vec<(Option<String>, Vec<i32>)> {
        bands
            .iter()
            .map(|b| (b.era.map(|e| e.id.clone()), years[b.years.clone()].to_vec()))
            .collect()
    }

    #[test]
    fn years_fall_into_their_eras_and_open_eras_run_on() {
        let years = [1997, 2016, 2019, 2022, 2025];
        let eras = [
            era("foundations", 1997, Some(2015)),
            era("new-pace", 2016, Some(2020)),
            era("allies", 2021, None),
        ];
        assert_eq!(
            ids(&years, &era_bands(years, &eras)),
            vec![
                (Some("foundations".into()), vec![1997]),
                (Some("new-pace".into()), vec![2016, 2019]),
                (Some("allies".into()), vec![2022, 2025]),
            ]
        );
    }

    #[test]
    fn years_outside_every_era_get_a_band_without_era_and_level_two_headings() {
        let years = [1990, 2016];
        let eras = [era("new-pace", 2016, Some(2020))];
        let bands = era_bands(years, &eras);
        assert_eq!(
            ids(&years, &bands),
            vec![(None, vec![1990]), (Some("new-pace".into()), vec![2016])]
        );
        assert_eq!(bands[0].year_heading, 2);
        assert_eq!(bands[1].year_heading, 3);
        assert_eq!(
            ids(&years, &era_bands(years, &[])),
            vec![(None, vec![1990, 2016])]
        );
    }
}
