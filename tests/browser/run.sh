#!/usr/bin/env bash
# Browser tests of the bundled site, on a fresh machine too: installs Debian's
# Chromium if it is missing (as root), installs playwright-core from
# package-lock.json, builds the site with the release binary under the base
# path /yilnoma/ (as on GitHub Pages), serves it on 127.0.0.1 and runs every
# tests/*.test.mjs with Node's test runner.
#
#   bash tests/browser/run.sh                          # the whole suite
#   bash tests/browser/run.sh tests/search.test.mjs    # some files only
#
# YILNOMA_BIN=path/to/yilnoma skips the cargo build (tests that run the
# binary themselves use it too); CHROMIUM=path picks the
# browser (default /usr/bin/chromium). Screenshots land in
# tests/browser/screenshots/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
started=$SECONDS

if [ -n "${CHROMIUM:-}" ]; then
  [ -x "$CHROMIUM" ] || { echo "error: CHROMIUM=$CHROMIUM is not an executable" >&2; exit 1; }
elif [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "error: /usr/bin/chromium is missing: apt-get install chromium (as root), or set CHROMIUM" >&2
    exit 1
  fi
  echo "installing Debian's chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed" >&2; exit 1; }
done

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

if [ -z "${YILNOMA_BIN:-}" ]; then
  (cd "$repo" && cargo build --release --locked -q)
  YILNOMA_BIN="${CARGO_TARGET_DIR:-$repo/target}/release/yilnoma"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$YILNOMA_BIN" build --root "$repo" --out "$work/site" --base-url /yilnoma/

# serve-overlay.test.mjs runs `serve` itself.
export YILNOMA_BIN
export YILNOMA_SITE_DIR="$work/site" YILNOMA_BASE_PATH=/yilnoma/ YILNOMA_CONTENT="$repo/content"
cd "$here"
if [ "$#" -eq 0 ]; then set -- tests/*.test.mjs; fi
status=0
node --test --test-concurrency=1 "$@" || status=$?
echo "browser tests took $((SECONDS - started)) s; screenshots in $here/screenshots/"
exit "$status"
