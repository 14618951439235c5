//! WRITE: the only writer. Sinks, static files, and the safe swap of a
//! finished build into the output folder.

pub mod sink;
pub mod static_files;
pub mod swap;
