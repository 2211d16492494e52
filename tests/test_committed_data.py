"""The committed gazetteer is exactly what the builder makes from the shared sources.

Needs the development sources (the ``gazetteer-sources`` folder of the shared data, found
through ``$STORYMAP_SOURCES`` or beside the repository); skipped where they are absent.
"""

import json
import os
from pathlib import Path

import pytest

from tests.conftest import REPO

SOURCES = Path(os.environ.get("STORYMAP_SOURCES", REPO.parent / "shared" / "gazetteer-sources"))
COMMITTED = REPO / "gazetteer" / "data" / "manifest.json"


@pytest.mark.slow
@pytest.mark.skipif(not SOURCES.is_dir(), reason=f"gazetteer sources not found at {SOURCES}")
def test_rebuild_reproduces_the_committed_store(tmp_path: Path):
    from gazetteer.build.pipeline import SourcePaths, build

    rebuilt = build(SourcePaths.from_directory(SOURCES), tmp_path, log=lambda message: None)
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert rebuilt["counts"] == committed["counts"]
    for name, entry in committed["files"].items():
        assert rebuilt["files"][name]["sha256"] == entry["sha256"], (
            f"{name} differs from a rebuild: run `make gazetteer SOURCES={SOURCES}` and commit"
        )


def test_committed_data_is_small_enough_for_the_repository():
    data = REPO / "gazetteer" / "data"
    size = sum(path.stat().st_size for path in data.rglob("*") if path.is_file())
    assert size <= 40e6
