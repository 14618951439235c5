//! WRITE: the only writer. Sinks (bytes in, files out, always under their
//! root), the static files' list and copy, and the safe swap of a finished
//! build into the output folder. What the files say is `render`'s work.

pub mod failure;
pub mod folder;
pub mod lock;
pub mod placement;
pub mod sink;
pub mod static_files;
pub mod swap;
