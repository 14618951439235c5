#!/usr/bin/env bash
# Edit-to-served latency of `yilnoma serve` (a benchmark, not a test): how
# long after the file event the slowest file an edit changes is served.
#
#   bench/serve_latency.sh [EVENTS] [TIMES]     # default: the bundled site; EVENTS=10000: a generated corpus
#
# bench/serve_latency.py makes TIMES edits of one event (in turn its body,
# its summary, which the listings show, its date in both language files,
# and one of its tags dropped or put back; KINDS=body,listing picks), polls the event's page
# until the edit is served and reads serve's own lines: each step of a
# rebuild says "in N ms after the change", timed from the first file
# event, and the last step is when the slowest file was served. It prints
# the figures against issue 17's floor of 150 ms. The corpus comes from the
# shared kit (../shared/bench/gen_corpus.py, or SHARED_BENCH).
# YILNOMA_BIN=path skips the cargo build.
set -euo pipefail
cd "$(dirname "$0")/.."
kit=${SHARED_BENCH:-../shared/bench}
events=${1:-0}
times=${2:-8}
port=${PORT:-4317}
if [ -z "${YILNOMA_BIN:-}" ]; then
  cargo build --release --quiet
  YILNOMA_BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/yilnoma
fi
bin=$YILNOMA_BIN

if [ "$events" = 0 ]; then
  site=$PWD
  slug=2021-declaration-allied-relations
  if [ ! -f "content/events/$slug.uz.md" ]; then
    first=(content/events/*.uz.md)
    slug=$(basename "${first[0]}" .uz.md)
  fi
  base=$(sed -n 's|^site-url *= *"https\?://[^/]*\(/.*\)"|\1|p' book.toml | head -1)
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  site=$work/c$events
  python3 "$kit/gen_corpus.py" --events "$events" --flavor ours --out "$site" >/dev/null
  # The generated book.toml is a placeholder; write one in our format
  # (bench/corpus-book.toml without its site URL: served at /).
  grep -v "^site-url" bench/corpus-book.toml >"$site/book.toml"
  # An event from the middle of the list, not the first one.
  events_list=("$site"/content/events/*.uz.md)
  slug=$(basename "${events_list[$(( ${#events_list[@]} / 2 ))]}" .uz.md)
  base=/
fi
base=${base:-/}

python3 bench/serve_latency.py --bin "$bin" --site "$site" --event "$slug" \
  --base "$base" --port "$port" --times "$times" --kinds "${KINDS:-body,listing,date,tag}"
