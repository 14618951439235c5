//! Pure data, no I/O: dates, slugs, the loaded site and its routes. Imports
//! nothing else of the crate (tests/layering.rs): callers turn its results
//! into messages and diagnostics.

pub mod anchor;
pub mod chars;
pub mod date;
pub mod date_forms;
pub mod fold;
pub mod listing;
pub mod orthography;
pub mod path_text;
pub mod plural;
pub mod routes;
pub mod search_shards;
pub mod site;
pub mod slug;
pub mod tag_index;
pub mod tags;
pub mod transliterate;
pub mod web_url;
