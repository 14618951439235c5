//! Listings cut into pages: kind, tag and year listings, each page with
//! links to every other page of its listing.

use super::{LanguageContext, Output, SiteRenderer};
use crate::model::listing;
use crate::model::routes::Routes;
use crate::render::view::{ListView, PageLinkView, PaginationView, YearLinkView};
use rayon::prelude::*;

impl SiteRenderer<'_> {
    /// The pages of a listing of `members` (timeline indices, in order):
    /// every page, or `only` the pages of those numbers. `path_for` gives
    /// the first page's path in each language.
    pub(super) fn list_pages(
        &self,
        cx: &LanguageContext<'_>,
        header: ListView,
        path_for: &(dyn Fn(&str) -> String + Sync),
        members: &[usize],
        extra: Vec<(&'static str, tera::Value)>,
        only: Pages<'_>,
    ) -> Vec<Output> {
        let size = self.config.render.page_size;
        let total = listing::page_count(members.len(), size);
        let numbers: Vec<usize> = match only {
            Some(numbers) => numbers
                .iter()
                .copied()
                .filter(|n| (1..=total).contains(n))
                .collect(),
            None => (1..=total).collect(),
        };
        numbers
            .into_par_iter()
            .map(|number| {
                self.list_page(cx, &header, path_for, members, number, total, extra.clone())
            })
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn list_page(
        &self,
        cx: &LanguageContext<'_>,
        header: &ListView,
        path_for: &(dyn Fn(&str) -> String + Sync),
        members: &[usize],
        number: usize,
        total: usize,
        mut extra: Vec<(&'static str, tera::Value)>,
    ) -> Output {
        let lang = cx.language.code.as_str();
        let page_path = |l: &str| Routes::listing_page(&path_for(l), number);
        let path = page_path(lang);
        let strings = &cx.language.strings;
        let title = page_title(
            &header.title,
            number,
            total,
            strings.get("page_number").map(String::as_str),
        );
        let count = crate::model::plural::pick(
            |k| strings.get(k).map(String::as_str),
            "events_count",
            lang,
            header.count as u64,
        )
        .map_or_else(
            || header.count.to_string(),
            |form| form.replace("{count}", &header.count.to_string()),
        );
        // The count only on the first page: an event added or removed
        // then changes the pages from its place on, not every page.
        let description = if number == 1 {
            format!("{} · {count}", header.title)
        } else {
            title.clone()
        };
        let current = self.current(&header.by, lang, &title, &description, &page_path, &|_| {
            true
        });
        let url_of = |n: usize| self.routes.url(&Routes::listing_page(&path_for(lang), n));
        let pagination = PaginationView {
            number,
            total,
            previous_url: if number > 1 {
                url_of(number - 1)
            } else {
                String::new()
            },
            next_url: if number < total {
                url_of(number + 1)
            } else {
                String::new()
            },
            pages: (1..=total)
                .map(|n| PageLinkView {
                    number: n,
                    url: url_of(n),
                    is_current: n == number,
                })
                .collect(),
        };
        extra.push(("pagination", tera::Value::from_serializable(&pagination)));
        let mut context = cx.base.clone();
        context.insert("current", &current);
        let page = listing::page_of(members, self.config.render.page_size, number);
        context.insert_value(
            "list",
            cx.summary_values
                .list_page(header, page, &|i| self.summary(cx, i), extra),
        );
        (
            Routes::file_for(&path),
            self.render(
                "list.html",
                &context,
                &format!(
                    "page {number} of the {} page `{}` ({lang})",
                    header.by, header.id
                ),
            ),
        )
    }

    pub(super) fn list_header(by: &str, id: &str, title: &str, count: usize) -> ListView {
        ListView {
            title: title.to_string(),
            by: by.to_string(),
            id: id.to_string(),
            years: Vec::new(),
            count,
        }
    }

    pub(super) fn kind_pages(
        &self,
        cx: &LanguageContext<'_>,
        kind: &str,
        only: Pages<'_>,
    ) -> Vec<Output> {
        let label = cx
            .kinds
            .iter()
            .find(|k| k.id == kind)
            .map_or(kind.to_string(), |k| k.label.clone());
        let members: Vec<usize> = (0..self.site.events.len())
            .filter(|&i| self.site.events[i].kind == kind)
            .collect();
        if members.is_empty() {
            // A kind no event has (any more) has no pages.
            return Vec::new();
        }
        let header = Self::list_header("kind", kind, &label, members.len());
        self.list_pages(
            cx,
            header,
            &|l| self.routes.kind(l, kind),
            &members,
            Vec::new(),
            only,
        )
    }

    pub(super) fn tag_pages(
        &self,
        cx: &LanguageContext<'_>,
        tag: &str,
        only: Pages<'_>,
    ) -> Vec<Output> {
        // A tag no event carries any more has no pages.
        let Some(listing) = self.tags(cx).get(tag) else {
            return Vec::new();
        };
        let (name, members) = (listing.name.clone(), listing.members.as_slice());
        let lang = cx.language.code.clone();
        let path_for = |l: &str| {
            if l == lang {
                self.routes.tag(l, tag)
            } else {
                // Tags are words of one language: the other language's
                // version of a tag page is that language's timeline.
                self.routes.home(l)
            }
        };
        let header = Self::list_header("tag", tag, &name, members.len());
        self.list_pages(cx, header, &path_for, members, Vec::new(), only)
    }

    /// Every year's pages (sites over `timeline-limit`), each with links to
    /// the years before and after it.
    pub(super) fn year_pages(&self, cx: &LanguageContext<'_>) -> Vec<Output> {
        let years = self.year_links(cx);
        (0..years.len())
            .into_par_iter()
            .flat_map_iter(|position| self.year_position_pages(cx, &years, position, None))
            .collect()
    }

    /// The pages of one year (all, or `only` those numbers); none when no
    /// event falls in it or the site is not split into years.
    pub(super) fn year_listing(
        &self,
        cx: &LanguageContext<'_>,
        year: i32,
        only: Pages<'_>,
    ) -> Vec<Output> {
        if !listing::is_split(self.config.render.timeline_limit, self.site.events.len()) {
            return Vec::new();
        }
        let years = self.year_links(cx);
        match years.iter().position(|y| y.year == year) {
            Some(position) => self.year_position_pages(cx, &years, position, only),
            None => Vec::new(),
        }
    }

    /// The pages of the year at `position` in `years` (timeline order:
    /// its events follow those of the years before it).
    fn year_position_pages(
        &self,
        cx: &LanguageContext<'_>,
        years: &[YearLinkView],
        position: usize,
        only: Pages<'_>,
    ) -> Vec<Output> {
        let year = &years[position];
        let first: usize = years[..position].iter().map(|y| y.count).sum();
        let members: Vec<usize> = (first..first + year.count).collect();
        let neighbour = |y: Option<&YearLinkView>| tera::Value::from_serializable(&y);
        let extra = vec![
            (
                "previous_year",
                neighbour(position.checked_sub(1).map(|p| &years[p])),
            ),
            ("next_year", neighbour(years.get(position + 1))),
        ];
        let header = Self::list_header(
            "year",
            &year.year.to_string(),
            &year.year.to_string(),
            year.count,
        );
        let number = year.year;
        self.list_pages(
            cx,
            header,
            &move |l| self.routes.year(l, number),
            &members,
            extra,
            only,
        )
    }
}

/// Which pages of a listing to render: all, or those numbers.
pub(super) type Pages<'a> = Option<&'a [usize]>;

/// The title of page `number` of `total` of a listing: the listing's own
/// title on its first page, then `title · 2/3` (the language's
/// `page_number` string, else `N/M`), so every page has a distinct title.
fn page_title(title: &str, number: usize, total: usize, page_number: Option<&str>) -> String {
    if number <= 1 {
        return title.to_string();
    }
    let label = page_number.map_or_else(
        || format!("{number}/{total}"),
        |s| {
            s.replace("{number}", &number.to_string())
                .replace("{total}", &total.to_string())
        },
    );
    format!("{title} · {label}")
}

#[cfg(test)]
mod tests {
    use super::page_title;

    #[test]
    fn later_pages_of_a_listing_carry_their_number() {
        assert_eq!(
            page_title("Tashrif", 1, 3, Some("{number}-sahifa")),
            "Tashrif"
        );
        assert_eq!(
            page_title("Tashrif", 2, 3, Some("{number}-sahifa ({total} dan)")),
            "Tashrif · 2-sahifa (3 dan)"
        );
        assert_eq!(page_title("Visit", 3, 3, None), "Visit · 3/3");
    }
}
