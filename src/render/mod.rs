//! RENDER: the model goes in, HTML comes out. No disk access except
//! through the `Sink` the caller gives.

pub mod charts;
pub mod dates;
pub mod escape;
pub mod highlight;
pub mod link_index;
pub mod link_targets;
pub mod links;
pub mod markdown;
pub mod site;
pub mod summary_values;
pub mod templates;
pub mod timeline;
pub mod view;
