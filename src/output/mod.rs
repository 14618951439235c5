//! WRITE: the only writer. Sinks, static files, the publishing files
//! (feeds, sitemap, search index, open data) and the safe swap of a
//! finished build into the output folder.

pub mod calendar;
pub mod failure;
pub mod feeds;
pub mod folder;
pub mod ical;
pub mod lock;
pub mod placement;
pub mod publish;
pub mod search_index;
pub mod sink;
pub mod sitemap;
pub mod static_files;
pub mod swap;
pub mod timeline_json;
