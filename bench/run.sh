#!/usr/bin/env bash
# Yilnoma's benchmarks, one command: bench/run.sh [all|compare|scale|bundled|profile|lighthouse|search] ...
#
#   bench/run.sh                  everything below, in this order
#   bench/run.sh compare [N]      Yilnoma vs Hugo on the N-event corpus (default 10000),
#                                 alternating runs, through ../shared/bench/compare.sh
#   bench/run.sh scale [N ...]    wall time, CPU time and peak RSS for each N, time per 1,000
#                                 events and peak RSS / 1 GiB (issue 17's floor at 50,000)
#                                 (default 1000 10000 50000)
#   bench/run.sh bundled          cold build of the bundled site (this repository)
#   bench/run.sh profile [N]      perf record of one build of N events (default 10000)
#   bench/run.sh lighthouse [N]   Google Lighthouse (mobile) through ../shared/judges/lighthouse.sh
#                                 on the N-event corpus (default 10000): both homes, a kind page,
#                                 a tag page, a year page and the search page; N=bundled for this site
#   bench/run.sh search [N]       the first search query on the N-event corpus (default 10000) in
#                                 Chromium at 4× CPU throttling: gzip bytes fetched and ms to
#                                 results, next to the floors (150 KB, 300 ms) and the whole index
#
# Environment:
#   SHARED_BENCH  the shared benchmark kit (default: ../shared/bench beside the repo)
#   BENCH_WORK    where corpora and outputs go (default: target/bench)
#   SEARCH_RUNS   fresh-cache runs of each query for `search` (default 5)
#   QUERIES       other queries for `search`: 'en/|foreign commission industry;|hamkorlik'
#   RUNS          timed runs for `compare` (default 5) and `bundled` (at least 10)
#   SCALE_RUNS    rounds of `scale`, one build of each size per round (default 5)
#   JUDGES        the shared site judges (default: ../shared/judges beside the repo)
#
# Builds the release binary first. Needs python3, GNU time (/usr/bin/time) and
# Hugo for `compare` (compare.sh installs Debian's with apt-get if missing).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SHARED_BENCH=${SHARED_BENCH:-$REPO/../shared/bench}
BENCH_WORK=${BENCH_WORK:-$REPO/target/bench}
RUNS=${RUNS:-5}
SCALE_RUNS=${SCALE_RUNS:-5}
JUDGES=${JUDGES:-$REPO/../shared/judges}
BIN=${CARGO_TARGET_DIR:-$REPO/target}/release/yilnoma

usage() { sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }

build_release() {
  echo "== cargo build --release" >&2
  (cd "$REPO" && cargo build --release --quiet)
}

# corpus N -> prints the site root of the N-event corpus, generating it once.
corpus() {
  local n=$1 dir="$BENCH_WORK/corpus-$1"
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    [ -f "$SHARED_BENCH/gen_corpus.py" ] || {
      echo "no gen_corpus.py in $SHARED_BENCH (set SHARED_BENCH)" >&2
      exit 1
    }
    echo "== generating the $n-event corpus in $dir" >&2
    python3 "$SHARED_BENCH/gen_corpus.py" --events "$n" --flavor ours --out "$dir" >/dev/null
    cp "$HERE/corpus-book.toml" "$dir/book.toml"
    touch "$dir/.complete"
  fi
  printf '%s' "$dir"
}

median() { sort -g | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2 }'; }
column_stats() {  # file column -> "median (min–max)"
  local med min max
  med=$(cut -d' ' -f"$2" "$1" | median)
  min=$(cut -d' ' -f"$2" "$1" | sort -g | head -n1)
  max=$(cut -d' ' -f"$2" "$1" | sort -g | tail -n1)
  printf '%s (%s–%s)' "$med" "$min" "$max"
}

# timed_builds ROOT OUT LOG: RUNS clean builds into OUT, deleted before
# each; appends "wall user sys rss_kib" lines to LOG.
timed_builds() {
  local root=$1 out=$2 log=$3
  : >"$log"
  for ((i = 0; i < RUNS; i++)); do
    rm -rf "$out"
    timed_build "$root" "$out" "$log"
  done
  rm -rf "$out"
}

cmd_compare() {
  local n=${1:-10000}
  [ -x "$SHARED_BENCH/compare.sh" ] || { echo "no compare.sh in $SHARED_BENCH (set SHARED_BENCH)" >&2; exit 1; }
  echo "== compare.sh: $n events, $RUNS alternating runs" >&2
  YILNOMA_BIN=$BIN "$SHARED_BENCH/compare.sh" -n "$n" -r "$RUNS" \
    "$HERE/yilnoma-corpus.sh" '{bin} build --root {src} --out {out}'
}

# One timed build of ROOT into OUT (a folder that does not exist yet);
# appends "wall user sys rss_kib" to LOG. Starts after `sync`, so that no
# build shares the disk with the write-back of the one before.
timed_build() {
  local root=$1 out=$2 log=$3
  sync
  /usr/bin/time -f '%e %U %S %M' -o "$log.one" "$BIN" build --root "$root" --out "$out" 2>/dev/null
  cat "$log.one" >>"$log"
  rm -f "$log.one"
}

# Rounds of one build per size, so that a change in the machine's load
# falls on every size alike. Each build writes a new folder and nothing is
# deleted until the end: on ext4 without a journal, files created soon
# after many others were deleted cost more (see docs/benchmarks), and
# deleting each output before the next build would charge a size for its
# own previous run, 2N files deleted for 2N created: a cost that grows as
# N², which a real build (it deletes the old output only after the new one
# is in place) does not pay.
cmd_scale() {
  local sizes=("$@")
  [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 50000)
  local results="$BENCH_WORK/scale.txt" outs="$BENCH_WORK/out-scale"
  : >"$results"
  local -A roots
  rm -rf "$outs"
  mkdir -p "$outs"
  for n in "${sizes[@]}"; do
    roots[$n]=$(corpus "$n")
    find "${roots[$n]}/content" -type f -exec cat {} + >/dev/null # sources in the page cache
    : >"$BENCH_WORK/scale-$n.log"
  done
  for ((i = 1; i <= SCALE_RUNS; i++)); do
    for n in "${sizes[@]}"; do
      echo "== scale: round $i of $SCALE_RUNS, $n events" >&2
      timed_build "${roots[$n]}" "$outs/$n-$i" "$BENCH_WORK/scale-$n.log"
    done
  done
  rm -rf "$outs"
  for n in "${sizes[@]}"; do
    echo "$n $(cut -d' ' -f1 "$BENCH_WORK/scale-$n.log" | median)" >>"$results"
  done
  echo
  # Time per 1,000 events shows whether time grows linearly; peak memory
  # is given against issue 17's floor, 1 GiB (1,048,576 KiB) at 50,000 events.
  echo "| events | pages | wall s, median (min–max) | CPU s (user+sys), median | wall s per 1,000 events | peak RSS MiB, median | peak RSS / 1 GiB |"
  echo "| ---: | ---: | --- | ---: | ---: | ---: | ---: |"
  for n in "${sizes[@]}"; do
    local log="$BENCH_WORK/scale-$n.log" cpu rss wall per floor
    cpu=$(awk '{print $2 + $3}' "$log" | median)
    rss=$(cut -d' ' -f4 "$log" | median | awk '{printf "%.0f", $1 / 1024}')
    wall=$(cut -d' ' -f1 "$log" | median)
    per=$(awk -v w="$wall" -v n="$n" 'BEGIN{printf "%.3f", w / (n / 1000)}')
    floor=$(cut -d' ' -f4 "$log" | median | awk '{printf "%.2f", $1 / 1048576}')
    echo "| $n | $((2 * n)) | $(column_stats "$log" 1) | $cpu | $per | $rss | $floor |"
  done
  local t1 t10
  t1=$(awk '$1 == 1000 {print $2}' "$results")
  t10=$(awk '$1 == 10000 {print $2}' "$results")
  if [ -n "$t1" ] && [ -n "$t10" ]; then
    awk -v a="$t10" -v b="$t1" 'BEGIN{printf "\ntime(10000)/time(1000) %.2f\n", a / b}'
  fi
}

cmd_bundled() {
  local out="$BENCH_WORK/out-bundled" log="$BENCH_WORK/bundled.log" runs=$((RUNS < 10 ? 10 : RUNS))
  echo "== bundled site: $runs cold builds (new process, empty output folder)" >&2
  "$BIN" build --root "$REPO" --out "$out" >/dev/null 2>&1 # warm the page cache
  RUNS=$runs timed_builds "$REPO" "$out" "$log"
  echo "bundled site: wall s $(column_stats "$log" 1), peak RSS $(cut -d' ' -f4 "$log" | median | awk '{printf "%.0f", $1 / 1024}') MiB"
}

cmd_profile() {
  local n=${1:-10000} root
  root=$(corpus "$n")
  command -v perf >/dev/null || { echo "perf not found: apt-get install linux-perf" >&2; exit 1; }
  rm -rf "$BENCH_WORK/out-profile"
  perf record -F 499 --call-graph dwarf,16384 -o "$BENCH_WORK/perf-$n.data" \
    "$BIN" build --root "$root" --out "$BENCH_WORK/out-profile" >/dev/null 2>&1
  rm -rf "$BENCH_WORK/out-profile"
  perf report -i "$BENCH_WORK/perf-$n.data" --children --sort sym --percent-limit 2 \
    --stdio -g none 2>/dev/null | grep -E '^ +[0-9]'
}

# Lighthouse scores of the pages a reader lands on. Each page is scored on its
# own (one Chromium at a time); the table gives the four scores and the
# last column says whether every one reached the judge's pass mark (95).
cmd_lighthouse() {
  local n=${1:-10000} root out="$BENCH_WORK/out-lighthouse" base
  [ -x "$JUDGES/lighthouse.sh" ] || { echo "no lighthouse.sh in $JUDGES (set JUDGES)" >&2; exit 1; }
  if [ "$n" = bundled ]; then root=$REPO; else root=$(corpus "$n"); fi
  rm -rf "$out"
  "$BIN" build --root "$root" --out "$out" >/dev/null
  base=$(sed -n 's/^site-url *= *"\(.*\)"/\1/p' "$root/book.toml" | head -n1)
  local pages=(index.html en/index.html)
  # The first kind, tag and year page the build wrote, and the search page.
  local kind tag year
  kind=$(find "$out/kinds" -mindepth 2 -maxdepth 2 -name index.html 2>/dev/null | sort | head -n1)
  tag=$(find "$out/tags" -mindepth 2 -maxdepth 2 -name index.html 2>/dev/null | sort | head -n1)
  year=$(find "$out/years" -mindepth 2 -maxdepth 2 -name index.html 2>/dev/null | sort | tail -n1)
  for f in "$kind" "$tag" "$year"; do [ -n "$f" ] && pages+=("${f#"$out"/}"); done
  pages+=(search/index.html)
  echo
  echo "| page | bytes | performance | accessibility | best practices | SEO | all ≥ 95 |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
  local page report scores
  for page in "${pages[@]}"; do
    report=$("$JUDGES/lighthouse.sh" "$out" "$page" "${base:-/}" 2>&1) && ok=yes || ok=no
    scores=$(for c in performance accessibility best-practices seo; do
      printf '%s | ' "$(printf '%s\n' "$report" | sed -n "s/^$c: \([0-9]*\).*/\1/p")"; done)
    echo "| $page | $(stat -c %s "$out/$page") | $scores$ok |"
    printf '%s\n' "$report" | grep 'lost points' | sed 's/^/    /' >&2 || true
  done
  rm -rf "$out"
}

# The first search query as a phone makes it (bench/search_first_query.mjs):
# bytes (gzip) and time to results under 4× CPU throttling, per query.
cmd_search() {
  local n=${1:-10000} root out="$BENCH_WORK/out-search"
  if [ "$n" = bundled ]; then root=$REPO; else root=$(corpus "$n"); fi
  (cd "$REPO/tests/browser" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  rm -rf "$out"
  "$BIN" build --root "$root" --out "$out" >/dev/null
  echo "== first search query, $n events, ${SEARCH_RUNS:-5} runs each"
  node "$HERE/search_first_query.mjs" "$out" "${SEARCH_RUNS:-5}"
  rm -rf "$out"
}

mkdir -p "$BENCH_WORK"
case "${1:-all}" in
  all)
    build_release
    cmd_compare 10000
    cmd_scale 1000 10000 50000
    cmd_bundled
    ;;
  compare) shift; build_release; cmd_compare "$@" ;;
  scale) shift; build_release; cmd_scale "$@" ;;
  bundled) shift; build_release; cmd_bundled ;;
  profile) shift; build_release; cmd_profile "$@" ;;
  lighthouse) shift; build_release; cmd_lighthouse "$@" ;;
  search) shift; build_release; cmd_search "$@" ;;
  -h | --help) usage 0 ;;
  *) usage ;;
esac
