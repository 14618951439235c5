//! LOAD: the only reader of content/.

pub mod discover;
pub mod front_matter;
pub mod load;

pub use load::{assign_tag_slugs, load, Drafts};
