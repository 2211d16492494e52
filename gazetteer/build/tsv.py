"""Tab-separated source tables, read strictly by line and tab.

The csv module would treat a stray carriage return inside a field (Natural Earth has one)
as a line break; these tables never quote, so splitting on newline and tab is exact.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows as dicts keyed by the header; fields stripped of stray whitespace."""
    with path.open(encoding="utf-8", newline="\n") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        for number, line in enumerate(handle, start=2):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            fields = [field.strip() for field in line.split("\t")]
            if len(fields) != len(header):
                raise ValueError(f"{path}:{number}: {len(fields)} fields, header has {len(header)}")
            yield dict(zip(header, fields, strict=True))
