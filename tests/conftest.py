"""Shared fixtures: the embedded gazetteer (expanded into a per-session cache folder) and a
small gazetteer built from the fixtures in ``tests/data`` through the full-dump path."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from gazetteer import Gazetteer
from gazetteer.cache import CACHE_ENV

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("storymap-cache")


@pytest.fixture(scope="session")
def gazetteer(cache_dir: Path) -> Gazetteer:
    """The embedded gazetteer, expanded into this session's own cache folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(cache_dir))
        return Gazetteer.open()


def zip_like_geonames(folder: Path, stem: str, members: list[Path]) -> Path:
    """Pack files into ``stem.zip`` the way download.geonames.org ships its dumps."""
    archive = folder / f"{stem}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for member in members:
            out.write(member, member.name)
    return archive


def small_source_paths(work: Path):
    """Sources of the small test build: a GeoNames country dump, alternateNamesV2, tiny rest."""
    from gazetteer.build.pipeline import SourcePaths

    dump = DATA / "geonames-dump"
    sources = DATA / "sources"
    return SourcePaths(
        geonames=[zip_like_geonames(work, "RU", [dump / "RU.txt"])],
        no_country=None,
        ne_places=sources / "naturalearth-populated-places.tsv",
        ne_admin1=sources / "naturalearth-admin1-label-points.tsv",
        ne_physical=sources / "naturalearth-physical-labels.tsv",
        whosonfirst=sources / "whosonfirst-marine-continents.tsv",
        countries=sources / "countries.geojson",
        curated=sources / "features.tsv",
        alternate_names=[
            zip_like_geonames(
                work,
                "alternateNamesV2",
                [dump / "alternateNamesV2.txt", dump / "iso-languagecodes.txt"],
            )
        ],
    )


@pytest.fixture(scope="session")
def small_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A gazetteer built through the full-dump path from ``tests/data``; its data folder."""
    from gazetteer.build.pipeline import build

    work = tmp_path_factory.mktemp("small-build")
    data_dir = work / "data"
    build(small_source_paths(work), data_dir, log=lambda message: None)
    return data_dir


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``network`` need the internet: skipped unless STORYMAP_NETWORK_TESTS=1."""
    import os

    if os.environ.get("STORYMAP_NETWORK_TESTS") == "1":
        return
    skip = pytest.mark.skip(reason="needs the network (set STORYMAP_NETWORK_TESTS=1)")
    for item in items:
        if "network" in item.keywords:
            item.add_marker(skip)
