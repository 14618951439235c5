//! Parses arbitrary text as book.toml. Must never panic, and a config that
//! loads always has a default language.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use yilnoma::config;
use yilnoma::diag::Diagnostics;

fuzz_target!(|text: &str| {
    let diagnostics = Diagnostics::new();
    let root = Path::new("/nonexistent-fuzz-site");
    if let Some(config) = config::parse(root, &root.join("book.toml"), text, &diagnostics) {
        assert!(!config.languages.is_empty());
        let _ = config.default_language();
    }
    let _ = diagnostics.render(root);
});
