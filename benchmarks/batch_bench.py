"""Batch benchmark: 200 articles from the development corpora built with one process and with
two, the speed-up and the peak memory of the whole process tree.

    python benchmarks/batch_bench.py [--articles N] [--repeat N] [--json FILE] [--quick]

Articles: the GeoWebNews texts, the German dev articles and the example article (from
``<repo>/../shared/eval`` or ``$STORYMAP_SHARED/eval``; only the example when those are
missing), interleaved and repeated until there are N. Each configuration runs ``run_batch``
with ``force=True`` in a fresh Python process, so neither profits from the other's warm
caches; the two alternate ``--repeat`` times (default 3) and the fastest run of each counts.

Peak memory is an upper bound for the sum over the process tree: the parent's peak RSS plus,
per worker, the largest peak of any child (``resource.getrusage``); summing sampled RSS
instead could miss a short peak between two samples. Targets: speed-up ≥ 1.7 with two
processes, peak ≤ 1024 MB.

Other work on the same cores slows the two-process run most, so beside the numbers are the
load average, the speed-up of a plain CPU loop with two processes (``cpu_scaling``, before
and after: what the machine gives at the time) and the CPU seconds of both runs' process
trees: equal CPU seconds mean the work divides without overhead, and a missed speed-up then
comes from cores that were not free.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from targets import report

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
TARGETS = {
    "speedup": (">=", 1.7),
    "peak_mb": ("<=", 1024.0),
}


def _shared_eval() -> Path:
    shared = os.environ.get("STORYMAP_SHARED")
    return (Path(shared) if shared else REPO.parent / "shared") / "eval"


def corpus_texts() -> list[tuple[str, str]]:
    """(name, text) of every development article available, sources interleaved."""
    pools: list[list[tuple[str, str]]] = []
    evaluation = _shared_eval()
    gwn = evaluation / "geowebnews" / "GWN.xml"
    if gwn.is_file():
        from storymap.evaluate.gwn import read_gwn

        pools.append([(f"gwn-{d.doc_id}", d.text) for d in read_gwn(gwn).documents])
    german = sorted((evaluation / "de-dev").glob("*.txt"))
    pools.append([(f"de-{p.stem}", p.read_text(encoding="utf-8")) for p in german])
    examples = sorted((REPO / "examples").glob("*.txt"))
    pools.append([(f"example-{p.stem}", p.read_text(encoding="utf-8")) for p in examples])
    mixed = itertools.chain.from_iterable(itertools.zip_longest(*pools))
    return [item for item in mixed if item is not None]


def make_articles(folder: Path, count: int) -> list[Path]:
    """``count`` article files in ``folder``, repeating the corpus when it is smaller."""
    texts = corpus_texts()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, (name, text) in zip(range(count), itertools.cycle(texts), strict=False):
        path = folder / f"{number:03d}-{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _child(inputs: Path, outdir: Path, jobs: int) -> None:
    """Run one batch in this (fresh) process and print its numbers as JSON."""
    from storymap.batch.run import run_batch

    started = time.perf_counter()
    summary = run_batch([inputs], outdir, jobs=jobs, force=True, progress=False)
    seconds = time.perf_counter() - started
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    own, children = me.ru_maxrss / 1024, kids.ru_maxrss / 1024  # KiB on Linux
    cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    workers = jobs if jobs > 1 else 0
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_s": cpu,
                "built": summary.count("built"),
                "failed": summary.failed,
                "self_mb": own,
                "child_mb": children,
                "peak_mb": own + workers * children,
            }
        )
    )


def _spin(rounds: int) -> int:
    total = 0
    for number in range(rounds):
        total += number * number % 7
    return total


def cpu_scaling(rounds: int) -> float:
    """How much faster two processes run a pure-Python loop than one: what the machine
    gives right now (2.0 on two free cores, near 1.0 when someone else holds a core)."""
    import multiprocessing

    started = time.perf_counter()
    _spin(2 * rounds)
    one = time.perf_counter() - started
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_spin, [1000, 1000])  # start both workers before timing
        started = time.perf_counter()
        pool.map(_spin, [rounds, rounds])
        two = time.perf_counter() - started
    return one / two


def measure(inputs: Path, outdir: Path, jobs: int) -> dict[str, float]:
    """One batch with ``jobs`` processes in a fresh interpreter."""
    completed = subprocess.run(
        [sys.executable, __file__, "--child", str(inputs), str(outdir), str(jobs)],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the fastest counts")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--quick", action="store_true", help="small sizes (CI smoke run)")
    parser.add_argument(
        "--child", nargs=3, metavar=("INPUTS", "OUTDIR", "JOBS"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        _child(Path(args.child[0]), Path(args.child[1]), int(args.child[2]))
        return 0
    count = 8 if args.quick else args.articles
    with tempfile.TemporaryDirectory(prefix="storymap-batch-bench-") as folder:
        work = Path(folder)
        paths = make_articles(work / "articles", count)
        size_kb = sum(path.stat().st_size for path in paths) / 1000
        load_before = os.getloadavg()[0]
        scaling_before = cpu_scaling(500_000 if args.quick else 4_000_000)
        repeats = 1 if args.quick else args.repeat
        ones, twos = [], []
        for _ in range(repeats):  # alternate, so a burst of other work hits both alike
            ones.append(measure(work / "articles", work / "out-1", 1))
            twos.append(measure(work / "articles", work / "out-2", 2))
        one = min(ones, key=lambda run: run["seconds"])
        two = min(twos, key=lambda run: run["seconds"])
        scaling_after = cpu_scaling(500_000 if args.quick else 4_000_000)
        load_after = os.getloadavg()[0]
    results = {
        "articles": count,
        "input_kb": round(size_kb, 1),
        "built": two["built"],
        "failed": sum(run["failed"] for run in ones + twos),
        "seconds_1": round(one["seconds"], 2),
        "seconds_2": round(two["seconds"], 2),
        "speedup": round(one["seconds"] / two["seconds"], 2),
        "cpu_s_1": round(one["cpu_s"], 2),
        "cpu_s_2": round(two["cpu_s"], 2),
        "peak_mb_1": round(max(run["peak_mb"] for run in ones), 1),
        "peak_mb": round(max(run["peak_mb"] for run in ones + twos), 1),
        "cpu_scaling_before": round(scaling_before, 2),
        "cpu_scaling_after": round(scaling_after, 2),
        "load_before": round(load_before, 2),
        "load_after": round(load_after, 2),
    }
    failed = report(results, TARGETS, args.json)
    return 1 if failed and not args.quick else 0


if __name__ == "__main__":
    raise SystemExit(main())
