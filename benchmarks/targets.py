"""Printing benchmark numbers against their targets, shared by the benchmark scripts."""

from __future__ import annotations

import json
from pathlib import Path

Targets = dict[str, tuple[str, float]]


def report(results: dict[str, float], targets: Targets, json_path: Path | None) -> int:
    """Print a table of every measure with its target; write JSON; return how many missed."""
    rows = []
    missed = 0
    for key, value in results.items():
        verdict = ""
        if key in targets:
            op, bound = targets[key]
            ok = value <= bound if op == "<=" else value >= bound
            missed += not ok
            verdict = f"{op} {bound:g}  {'ok' if ok else 'MISSED'}"
        rows.append((key, f"{value:g}", verdict))
    width = max(len(key) for key, _, _ in rows)
    print(f"{'measure'.ljust(width)}  {'value':>12}  target")
    for key, value, verdict in rows:
        print(f"{key.ljust(width)}  {value:>12}  {verdict}")
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        document = {"results": results, "targets": {k: list(v) for k, v in targets.items()}}
        json_path.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n")
    return missed
