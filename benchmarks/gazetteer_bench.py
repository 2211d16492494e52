"""Gazetteer benchmark: first expansion, open time, lookup throughput, peak memory.

Run by hand (``make bench``) or in CI as a smoke run (``--quick``). Prints a table and
writes JSON with every number and its target. Each timing that concerns a fresh process
is measured in a fresh subprocess, so imports and page-cache effects are real.

    python benchmarks/gazetteer_bench.py [--json FILE] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from targets import report

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "kim-wladiwostok-2019.txt"

TARGETS = {
    "expand_s": ("<=", 30.0),
    "open_s": ("<=", 0.2),
    "lookups_per_s": (">=", 100_000.0),
    "peak_rss_mb": ("<=", 300.0),
    "committed_mb": ("<=", 40.0),
}

_OPEN_SNIPPET = """
import json, time
t0 = time.perf_counter()
from gazetteer import Gazetteer
t1 = time.perf_counter()
g = Gazetteer.open()
t2 = time.perf_counter()
g.lookup("Wladiwostok")
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "open_s": t2 - t1, "first_lookup_s": t3 - t2}))
"""

_MEMORY_SNIPPET = """
import json, resource, sys
from gazetteer import Gazetteer
g = Gazetteer.open()
names = json.loads(sys.stdin.read())
for name in names[:10000]:
    g.lookup(name)
print(json.dumps({"peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _run(snippet: str, env: dict[str, str], stdin: str = "") -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", snippet],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def query_names(count: int) -> list[str]:
    """A deterministic mix of hits and misses: place names sampled across the store, and
    the capitalised words of the example article (most of which are not places)."""
    from gazetteer import Gazetteer

    store = Gazetteer.open()
    step = max(1, len(store) // (count // 2))
    names = [store.candidate(index).name for index in range(0, len(store), step)][: count // 2]
    words = [w.strip(".,:;\"()-") for w in EXAMPLE.read_text(encoding="utf-8").split()]
    words = [w for w in words if w[:1].isupper()] or ["Berlin"]
    while len(names) < count:
        names.extend(words)
    return names[:count]


def committed_size_mb() -> float:
    data = REPO / "gazetteer" / "data"
    return sum(path.stat().st_size for path in data.rglob("*") if path.is_file()) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=None, help="write results here")
    parser.add_argument("--quick", action="store_true", help="small sizes (CI smoke run)")
    args = parser.parse_args()
    repeats = 2 if args.quick else 7
    lookups = 20_000 if args.quick else 200_000

    results: dict[str, float] = {"committed_mb": round(committed_size_mb(), 2)}
    with tempfile.TemporaryDirectory(prefix="storymap-bench-cache-") as cache:
        env = dict(os.environ, STORYMAP_CACHE_DIR=cache)
        started = time.perf_counter()
        _run("from gazetteer.cache import expanded_store; expanded_store(); print('{}')", env)
        results["expand_s"] = round(time.perf_counter() - started, 3)
        opens = [_run(_OPEN_SNIPPET, env) for _ in range(repeats)]
        for key in ("import_s", "open_s", "first_lookup_s"):
            results[key] = round(statistics.median(run[key] for run in opens), 4)

        os.environ["STORYMAP_CACHE_DIR"] = cache
        from gazetteer import Gazetteer

        names = query_names(10_000)
        store = Gazetteer.open()
        for name in names:  # warm up
            store.lookup(name)
        hits = sum(1 for name in names if store.lookup(name))
        started = time.perf_counter()
        done = 0
        while done < lookups:
            for name in names:
                store.lookup(name)
            done += len(names)
        elapsed = time.perf_counter() - started
        results["lookups_per_s"] = round(done / elapsed)
        results["hit_rate"] = round(hits / len(names), 3)
        results.update(_run(_MEMORY_SNIPPET, env, stdin=json.dumps(names)))
        results["peak_rss_mb"] = round(results["peak_rss_mb"], 1)

    failed = report(results, TARGETS, args.json)
    return 1 if failed and not args.quick else 0


if __name__ == "__main__":
    raise SystemExit(main())
