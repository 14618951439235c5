//! LOAD: the only reader of content/.

pub mod discover;
pub mod front_matter;
pub mod load;
pub mod theme_files;

pub use load::{assign_tag_slugs, load, Drafts};
