"""Geoparse benchmark: warm throughput, the cold CLI on the reference article, and the
ratio to one plain regex tokenisation pass over the same text.

    python benchmarks/geoparse_bench.py [--corpus DIR_OR_FILE ...] [--json FILE] [--quick]

Texts: the example article plus any ``--corpus`` folders of ``.txt`` files (for instance the
shared development corpora); the warm run parses each text in turn until enough kilobytes
were processed. Targets: warm ≥ 500 KB/s on one core, cold CLI ≤ 1.5 s, geoparse within
20× of the tokenisation pass.
"""

from __future__ import annotations

import argparse
import os
import re
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
    "warm_kb_per_s": (">=", 500.0),
    "cold_cli_s": ("<=", 1.5),
    "cold_build_s": ("<=", 2.0),
    "html_kb": ("<=", 250.0),
    "html_self_contained_kb": ("<=", 1500.0),
    "ratio_to_tokenisation": ("<=", 20.0),
}
_TOKEN = re.compile(r"\w+")


def load_texts(corpora: list[Path]) -> list[str]:
    texts = [EXAMPLE.read_text(encoding="utf-8")]
    for corpus in corpora:
        files = sorted(corpus.glob("*.txt")) if corpus.is_dir() else [corpus]
        texts.extend(path.read_text(encoding="utf-8") for path in files)
    return texts


def warm_throughput(texts: list[str], min_kb: float) -> tuple[float, float]:
    """KB/s of geoparse, and of a regex tokenisation pass, over the same texts."""
    from storymap.geoparse import geoparse

    for text in texts:  # warm caches and lazy loads
        geoparse(text)
    size_kb = sum(len(text.encode("utf-8")) for text in texts) / 1000
    rounds = max(1, int(min_kb / size_kb) + 1)
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            geoparse(text)
    parse_s = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            sum(1 for _ in _TOKEN.finditer(text))
    token_s = time.perf_counter() - started
    return rounds * size_kb / parse_s, rounds * size_kb / token_s


def cold_cli(repeats: int, *command: str) -> float:
    """Median wall time of ``storymap COMMAND… EXAMPLE`` in a fresh process."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "storymap", *command, str(EXAMPLE)],
            cwd=REPO,
            check=True,
            capture_output=True,
            env=dict(os.environ),
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", default=[])
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--quick", action="store_true", help="small sizes (CI smoke run)")
    args = parser.parse_args()
    texts = load_texts(args.corpus)
    parse_kb_s, token_kb_s = warm_throughput(texts, 50 if args.quick else 2000)
    results = {
        "texts": len(texts),
        "warm_kb_per_s": round(parse_kb_s, 1),
        "tokenisation_kb_per_s": round(token_kb_s, 1),
        "ratio_to_tokenisation": round(token_kb_s / parse_kb_s, 1),
        "cold_cli_s": round(cold_cli(1 if args.quick else 5, "geoparse"), 3),
    }
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "map.html"
        results["cold_build_s"] = round(
            cold_cli(1 if args.quick else 5, "build", "-o", str(page)), 3
        )
        results["html_kb"] = round(page.stat().st_size / 1000, 1)
        cold_cli(1, "build", "--self-contained", "-o", str(page))
        results["html_self_contained_kb"] = round(page.stat().st_size / 1000, 1)
    failed = report(results, TARGETS, args.json)
    return 1 if failed and not args.quick else 0


if __name__ == "__main__":
    raise SystemExit(main())
