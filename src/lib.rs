//! Yilnoma: a static site generator for bilingual timelines and docs.
//!
//! The pipeline: `config::load` reads book.toml; `content::load` walks
//! content/, splits front matter from Markdown, validates everything into
//! the `model` and pairs translations by slug, collecting diagnostics
//! rather than stopping; `render::site` renders every (item, language)
//! pair in parallel through Tera templates that see only `view` structs;
//! `output` writes to a staging folder that is swapped in only when the
//! whole run succeeded. `cmd` holds one function per subcommand.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod cmd;
pub mod config;
pub mod contain;
pub mod content;
pub mod diag;
pub mod fs;
pub mod messages;
pub mod model;
pub mod nearest;
pub mod output;
pub mod parallel;
pub mod progress;
pub mod render;
pub mod report;
pub mod serve;
pub mod site;
pub mod theme;
