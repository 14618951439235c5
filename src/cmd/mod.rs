//! One file per subcommand, glue only.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod serve;
pub mod theme;
