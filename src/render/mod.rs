//! RENDER: the model goes in, bytes come out: HTML pages (Tera), the
//! publishing files (feeds, sitemap, search index, iCalendar, TimelineJS)
//! and the code stylesheet. Pure: nothing here reads the site folder (the
//! loader hands it the template texts) or writes a file; pages are handed
//! to the caller's `Emit` as they are made.

pub mod charts;
pub mod cldr_dates;
pub mod dates;
pub mod emit;
pub mod escape;
pub mod files;
pub mod highlight;
pub mod link_index;
pub mod link_targets;
pub mod links;
pub mod local_event;
pub mod markdown;
pub mod site;
pub mod summary_cache;
pub mod summary_values;
pub mod templates;
pub mod timeline;
pub mod view;
