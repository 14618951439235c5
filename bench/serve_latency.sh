#!/usr/bin/env bash
# Edit-to-reload latency of `yilnoma serve` (a benchmark, not a test).
#
#   bench/serve_latency.sh [EVENTS] [TIMES]     # default: the bundled site; EVENTS=10000: a generated corpus
#
# Uses the shared benchmark kit beside the repository (../shared/bench):
# gen_corpus.py for the corpus and rebuild_latency.py, which appends a word
# to an event, polls the page until the word is served (end-to-end, file
# watching included) and reads serve's own "rebuilt … in N ms" line.
set -euo pipefail
cd "$(dirname "$0")/.."
kit=../shared/bench
events=${1:-0}
times=${2:-5}
port=${PORT:-4317}
cargo build --release --quiet
bin=$PWD/target/release/yilnoma

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
  # The generated book.toml is a placeholder; write one in our format.
  cat > "$site/book.toml" <<'TOML'
[book]
title = "O‘zbekiston diplomatiyasi xronologiyasi"
language = "uz"

[language.uz]
name = "O‘zbekcha"
title = "O‘zbekiston diplomatiyasi xronologiyasi"

[language.en]
name = "English"
title = "Chronology of Uzbek diplomacy"

[kind.visit]
label = { uz = "Tashrif", en = "Visit" }
[kind.treaty]
label = { uz = "Shartnoma", en = "Treaty" }
[kind.agreement]
label = { uz = "Kelishuv", en = "Agreement" }
[kind.meeting]
label = { uz = "Uchrashuv", en = "Meeting" }
[kind.economy]
label = { uz = "Iqtisodiyot", en = "Economy" }
[kind.culture]
label = { uz = "Madaniyat", en = "Culture" }
TOML
  # An event from the middle of the list, not the first one.
  events_list=("$site"/content/events/*.uz.md)
  slug=$(basename "${events_list[$(( ${#events_list[@]} / 2 ))]}" .uz.md)
  base=/
fi
base=${base:-/}

python3 "$kit/rebuild_latency.py" --site "$site" --edit "content/events/$slug.uz.md" \
  --serve "$bin serve --root $site --port {port}" \
  --url "http://127.0.0.1:{port}${base}events/$slug/" --port "$port" --times "$times"
