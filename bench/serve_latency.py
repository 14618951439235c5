#!/usr/bin/env python3
"""Edit-to-served latency of `yilnoma serve`, for the slowest file of an edit.

    serve_latency.py --bin target/release/yilnoma --site SITE --event SLUG
                     [--base /] [--times 6] [--port 4317] [--floor-ms 150]

Starts `yilnoma serve` on SITE and makes --times edits of the event SLUG's
Uzbek file, alternating two kinds:

- body: a new word at the end of the body (the event's own pages and the
  publishing files change);
- listing: a new word in the summary (the timelines, kind, tag and year
  listings that show the event change too);
- date: its date a day later or earlier in both language files (it moves
  in the timeline: the listing pages between its old and new places and
  the search documents between change);
- tag: its last tag dropped from both language files, then put back (a
  tag listing loses and regains an event on every page);
- kind: its kind changed to another kind of the site in both files, then
  back (it leaves one kind's listing and joins another's);
- add / remove: a new event (a copy of SLUG's two files under the slug
  SLUG-added, dated --add-date, or SLUG's date) is written, or deleted
  again; the new event's page is polled until it is served, or gone.

--kinds picks which (default body,listing,date,tag), used in turn; for
example --kinds add,remove --add-date 2026-01-01 adds a newest event.

For each edit it polls the event's page until the word is served (end to
end, file watching included) and reads serve's own lines: an edit is served
in one or two steps ("… the pages that list events next", then the
listings), each line timed "in N ms after the change", that is from the
first file event. The last step's figure is when the slowest file of the
edit was served. Prints one line per edit and the slowest figure against
--floor-ms. The event file is restored at the end. Python 3 standard
library only.
"""

import argparse
import os
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.request

AFTER_CHANGE = re.compile(r"^rebuilt .* in ([0-9.]+) ms after the change")
LISTINGS_NEXT = "the pages that list events next"


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", "replace")
    except Exception:
        return None


def shift_day(text):
    """The front matter's date a day later (a day earlier at month end)."""
    def moved(m):
        year, month, day = int(m.group(1)), m.group(2), int(m.group(3))
        day = day + 1 if day < 28 else day - 1
        return f"date: {year}-{month}-{day:02d}"
    out = re.sub(r"^date: (\d{4})-(\d{2})-(\d{2})", moved, text, count=1, flags=re.M)
    assert out != text, "the event has no full ISO date"
    return out


def drop_last_tag(text):
    """The front matter's tag list without its last tag."""
    def dropped(m):
        tags = [t.strip() for t in m.group(1).split(",")]
        return "tags: [" + ", ".join(tags[:-1]) + "]"
    out = re.sub(r"^tags: \[(.*)\]", dropped, text, count=1, flags=re.M)
    assert out != text, "the event has no flow-style tag list"
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--site", required=True)
    ap.add_argument("--event", required=True, help="slug of the event to edit")
    ap.add_argument("--base", default="/")
    ap.add_argument("--times", type=int, default=6)
    ap.add_argument("--port", type=int, default=4317)
    ap.add_argument("--floor-ms", type=float, default=150)
    ap.add_argument("--timeout", type=float, default=120, help="seconds to wait for one edit")
    ap.add_argument("--kinds", default="body,listing,date,tag", help="edit kinds, used in turn")
    ap.add_argument("--add-date", help="the date of an added event (default: the event's own)")
    a = ap.parse_args()

    path = f"{a.site}/content/events/{a.event}.uz.md"
    with open(path, encoding="utf-8") as f:
        original = f.read()
    # The other language's file: a date or tag edit changes both, as the
    # translations of one event must agree on them.
    other = f"{a.site}/content/events/{a.event}.en.md"
    try:
        with open(other, encoding="utf-8") as f:
            other_original = f.read()
    except FileNotFoundError:
        other_original = None
    kinds = a.kinds.split(",")
    url = f"http://127.0.0.1:{a.port}{a.base}events/{a.event}/"
    added_slug = f"{a.event}-added"
    added_url = f"http://127.0.0.1:{a.port}{a.base}events/{added_slug}/"
    added_paths = [f"{a.site}/content/events/{added_slug}.{lang}.md" for lang in ("uz", "en")]
    kind_now = re.search(r"^kind: *(\S+)", original, flags=re.M).group(1)
    # Another kind the site uses: the first other `[kind.*]` of book.toml.
    with open(f"{a.site}/book.toml", encoding="utf-8") as f:
        declared = re.findall(r"^\[kind\.([^\]]+)\]", f.read(), flags=re.M)
    other_kind = next((k for k in declared if k != kind_now), None)
    serve = subprocess.Popen(
        [a.bin, "serve", "--root", a.site, "--port", str(a.port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l.rstrip("\n")) for l in serve.stdout], daemon=True).start()

    def next_line(deadline):
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise SystemExit("serve printed nothing in time")
            try:
                return lines.get(timeout=left)
            except queue.Empty:
                continue

    results = []
    try:
        deadline = time.monotonic() + 900
        while "serving at" not in next_line(deadline):
            pass
        # Each edit starts from the state the last one left: a new probe
        # word at the end of the Uzbek body (so the event's page shows the
        # edit) and the kind's own change; date and tag changes toggle, and
        # go to both language files.
        state = {"summary": None, "date": False, "tag": False, "kind": False}

        def compose(text, lang, word):
            if state["date"]:
                text = shift_day(text)
            if state["tag"]:
                text = drop_last_tag(text)
            if state["kind"]:
                text = re.sub(r"^kind: *\S+", f"kind: {other_kind}", text, count=1, flags=re.M)
            if lang == "uz":
                if state["summary"]:
                    text = re.sub(r'^summary: "', f'summary: "{state["summary"]} ', text, count=1, flags=re.M)
                head, rest = text.split("\n---\n", 1)
                text = f"{head}\n---\n{rest.rstrip()}\n\n{word}\n"
            return text

        for i in range(a.times):
            kind = kinds[i % len(kinds)]
            word = f"latencyprobe{i}x{int(time.time())}"
            if kind == "listing":
                state["summary"] = word
                assert re.search(r'^summary: "', original, flags=re.M), "no double-quoted summary"
            elif kind in ("date", "tag", "kind"):
                if other_original is None:
                    raise SystemExit(f"--kinds {kind} needs the event's .en.md file too")
                if kind == "kind" and other_kind is None:
                    raise SystemExit("--kinds kind needs a second [kind.*] in book.toml")
                state[kind] = not state[kind]
            elif kind not in ("body", "add", "remove"):
                raise SystemExit(f"unknown edit kind {kind}")
            if kind in ("add", "remove") and other_original is None:
                raise SystemExit(f"--kinds {kind} needs the event's .en.md file too")
            writes = {}
            if kind == "add":
                for target, text in zip(added_paths, (original, other_original)):
                    text = text.replace("\n---\n", f"\n---\n\n{word}\n", 1)
                    if a.add_date:
                        text = re.sub(r"^date: *\S+", f"date: {a.add_date}", text, count=1, flags=re.M)
                    writes[target] = text
            elif kind != "remove":
                writes[path] = compose(original, "uz", word)
            if kind in ("date", "tag", "kind"):
                writes[other] = compose(other_original, "en", word)
            written = time.monotonic()
            for target, text in writes.items():
                with open(target, "w", encoding="utf-8") as f:
                    f.write(text)
            if kind == "remove":
                for target in added_paths:
                    if os.path.exists(target):
                        os.remove(target)
            deadline = written + a.timeout
            page_ms = None
            while page_ms is None and time.monotonic() < deadline:
                if kind == "remove":
                    served = fetch(added_url) is None
                elif kind == "add":
                    served = word in (fetch(added_url) or "")
                else:
                    served = word in (fetch(url) or "")
                if served:
                    page_ms = (time.monotonic() - written) * 1000
                else:
                    time.sleep(0.005)
            steps = []
            while True:
                line = next_line(deadline)
                found = AFTER_CHANGE.match(line)
                if not found:
                    continue
                steps.append(float(found.group(1)))
                if LISTINGS_NEXT not in line:
                    break
            results.append((kind, page_ms, steps))
            page = f"{page_ms:8.1f}" if page_ms is not None else "   never"
            print(
                f"edit {i + 1} ({kind:7}): event page served in {page} ms; "
                f"serve's steps {', '.join(f'{s:.1f}' for s in steps)} ms after the change; "
                f"slowest file {steps[-1]:.1f} ms",
                flush=True,
            )
            time.sleep(1.0)
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        for target in added_paths:
            if os.path.exists(target):
                os.remove(target)
        if other_original is not None:
            with open(other, "w", encoding="utf-8") as f:
                f.write(other_original)
        serve.terminate()
        try:
            serve.wait(timeout=10)
        except subprocess.TimeoutExpired:
            serve.kill()

    slowest = [steps[-1] for _, _, steps in results]
    slowest.sort()
    median = slowest[len(slowest) // 2]
    worst = slowest[-1]
    verdict = "meets" if worst <= a.floor_ms else "misses"
    print(
        f"slowest file of an edit: median {median:.1f} ms, worst {worst:.1f} ms "
        f"over {len(slowest)} edits; floor {a.floor_ms:.0f} ms: {verdict} it "
        f"(worst/floor {worst / a.floor_ms:.2f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
