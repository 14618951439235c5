#!/usr/bin/env bash
# The whole test suite: Rust unit and integration tests, then the bundled
# site's own check. Installs nothing that cargo does not fetch itself.
set -euo pipefail
cd "$(dirname "$0")"
cargo test --locked --all-targets
cargo run --locked --release -q -- check
