#!/usr/bin/env python3
"""Dependency checks from `cargo metadata --locked` (no network, no install):

- every package in the lock file has a license from ALLOWED (SPDX
  expressions: an OR needs one allowed side, an AND every side);
- Cargo.toml's `rust-version` is at least every locked dependency's;
- duplicate versions are listed (printed, not failed: most come from
  platform crates that one update cannot remove).

The same ground as `cargo deny check licenses bans`, without compiling
cargo-deny in CI. Exits 1 on a problem.
"""
import json
import re
import subprocess
import sys
from collections import defaultdict

ALLOWED = {
    "MIT", "Apache-2.0", "Apache-2.0 WITH LLVM-exception", "BSD-2-Clause",
    "BSD-3-Clause", "ISC", "Zlib", "Unicode-3.0", "Unlicense", "CC0-1.0",
    "BSL-1.0", "0BSD",
}


def allowed(expr: str) -> bool:
    """Whether an SPDX expression (old `A/B` spelling included) is satisfied."""
    expr = expr.replace("/", " OR ").strip()
    depth, parts = 0, []
    start = 0
    # Split on top-level OR first, then AND: OR binds looser.
    for op in (" OR ", " AND "):
        depth, parts, start = 0, [], 0
        i = 0
        while i < len(expr):
            c = expr[i]
            depth += c == "("
            depth -= c == ")"
            if depth == 0 and expr.startswith(op, i):
                parts.append(expr[start:i])
                i += len(op)
                start = i
                continue
            i += 1
        if parts:
            parts.append(expr[start:])
            results = [allowed(p) for p in parts]
            return any(results) if op == " OR " else all(results)
    if expr.startswith("(") and expr.endswith(")"):
        return allowed(expr[1:-1])
    return expr in ALLOWED


def version(text: str) -> tuple:
    return tuple(int(x) for x in re.findall(r"\d+", text)[:3])


def main() -> int:
    meta = json.loads(subprocess.run(
        ["cargo", "metadata", "--locked", "--format-version", "1"],
        check=True, capture_output=True, text=True).stdout)
    root_id = meta["resolve"]["root"]
    root = next(p for p in meta["packages"] if p["id"] == root_id)
    problems = 0
    for p in meta["packages"]:
        if p["id"] != root_id and not allowed(p.get("license") or ""):
            print(f"license: {p['name']} {p['version']}: `{p.get('license')}` is not allowed")
            problems += 1
    ours = version(root.get("rust_version") or "0")
    for p in meta["packages"]:
        theirs = p.get("rust_version")
        if theirs and version(theirs) > ours:
            print(f"rust-version: {p['name']} {p['version']} needs {theirs}, "
                  f"Cargo.toml says {root.get('rust_version')}")
            problems += 1
    versions = defaultdict(list)
    for p in meta["packages"]:
        versions[p["name"]].append(p["version"])
    duplicates = {n: v for n, v in versions.items() if len(v) > 1}
    for name, vs in sorted(duplicates.items()):
        print(f"duplicate (not an error): {name} {', '.join(sorted(vs))}")
    print(f"{len(meta['packages'])} packages, {len(duplicates)} duplicated, problems: {problems}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
