#!/usr/bin/env bash
# The whole test suite: Rust unit and integration tests (fixture sites under
# tests/fixtures/), the bundled site's own check, then the reading experience
# in Debian's headless Chromium (tests/browser/run.sh installs Chromium and
# the npm packages it needs when they are missing).
set -euo pipefail
cd "$(dirname "$0")"
cargo test --locked --all-targets
# A watcher test that misses its file event inside the parallel unit-test
# run (see src/serve/tests.rs) runs alone.
cargo test --locked --lib -- --ignored --exact serve::tests::a_full_reload_watches_a_restored_or_moved_content_folder
cargo run --locked --release -q -- check
bash tests/browser/run.sh
