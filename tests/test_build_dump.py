"""The rebuild path from official GeoNames full dumps (country zip + alternateNamesV2)."""

import hashlib
from pathlib import Path

from gazetteer import Gazetteer, NameFlag
from gazetteer.build.geonames import read_alternate_names, read_geoname_rows
from tests.conftest import DATA, small_source_paths


def test_dump_readers_parse_the_official_layout():
    rows = list(read_geoname_rows(DATA / "geonames-dump" / "RU.txt"))
    assert all(len(row) == 19 for row in rows)
    names = list(read_alternate_names(DATA / "geonames-dump" / "alternateNamesV2.txt"))
    assert names[0].geoname_id == 2013348 and names[0].language == "de"
    assert any(n.is_colloquial for n in names) and any(n.is_historic for n in names)


def test_language_tags_from_alternate_names(small_build: Path):
    with Gazetteer.open(small_build) as store:
        place = store.get("gn:2013348")
        assert place is not None
        assert place.names["de"][0] == "Wladiwostok"
        assert place.source_ids["wikidata"] == "Q959"
        assert "https://en.wikipedia.org/wiki/Vladivostok" not in str(place.names)
        best = store.lookup("Wladiwostok", lang="de")[0]
        assert best.id == "gn:2013348" and best.flags & NameFlag.GERMAN
        region = store.lookup("Region Primorje")[0]
        assert region.kind == "admin1" and region.id == "gn:2017623"


def test_iata_codes_are_not_names(small_build: Path):
    with Gazetteer.open(small_build) as store:
        hits = store.lookup("VVO")
        assert all(hit.flags == NameFlag.ABBREVIATION for hit in hits)


def test_cyrillic_names_are_transliterated(small_build: Path):
    with Gazetteer.open(small_build) as store:
        assert store.lookup("Chassan")[0].id == "gn:2022586"
        assert store.lookup("Khasan")[0].id == "gn:2022586"
        assert any(c.id == "gn:2017364" for c in store.lookup("Russky"))


def test_feature_class_filter_drops_undersea_rows(small_build: Path):
    with Gazetteer.open(small_build) as store:
        assert store.get("gn:9990002") is None
        assert store.get("gn:9990001") is not None  # the island (class T) stays


def test_sources_merge_into_one_place(small_build: Path):
    with Gazetteer.open(small_build) as store:
        sea = store.lookup("Japanisches Meer")
        assert len(sea) == 1 and sea[0].kind == "sea"
        place = store.get(sea[0].id)
        assert place is not None and "whosonfirst" in place.sources
        assert "storymap-curated" in place.sources


def test_build_is_byte_reproducible(small_build: Path, tmp_path: Path):
    from gazetteer.build.pipeline import build

    again = tmp_path / "again"
    build(small_source_paths(tmp_path), again, log=lambda message: None)
    assert (again / "manifest.json").read_bytes() == (small_build / "manifest.json").read_bytes()
    for first in sorted(small_build.glob("*.xz")):
        second = again / first.name
        assert hashlib.sha256(second.read_bytes()).digest() == hashlib.sha256(
            first.read_bytes()
        ).digest(), first.name
