"""Curated points: an area a source places at its seat stands at its middle instead."""

from pathlib import Path

import pytest

from gazetteer.build.curated import set_points
from gazetteer.build.records import PlaceRecord, PlaceRegistry
from gazetteer.geo import haversine_km

POINTS = Path(__file__).resolve().parents[1] / "gazetteer" / "data" / "curated" / "points.tsv"


def _registry() -> PlaceRegistry:
    registry = PlaceRegistry()
    registry.add(PlaceRecord(name="European Union", kind="region", lat=50.84, lon=4.38,
                             geonames_id=6695072))
    return registry


def test_a_point_row_replaces_the_source_point(tmp_path: Path):
    table = tmp_path / "points.tsv"
    table.write_text("place\tlat\tlon\tsource\ngeonames:6695072\t49.8\t9.9\tcentre\n")
    registry = _registry()
    assert set_points(registry, table) == 1
    union = registry.by_geonames(6695072)
    assert (union.lat, union.lon) == (49.8, 9.9)
    assert "storymap-curated" in union.sources


def test_a_point_row_that_names_nothing_fails_the_build(tmp_path: Path):
    table = tmp_path / "points.tsv"
    table.write_text("place\tlat\tlon\tsource\ngeonames:1\t49.8\t9.9\tcentre\n")
    with pytest.raises(ValueError, match="no place for 'geonames:1'"):
        set_points(_registry(), table)


def test_every_committed_row_names_its_source_and_a_valid_point():
    rows = [line.split("\t") for line in POINTS.read_text(encoding="utf-8").splitlines()]
    assert rows[0] == ["place", "lat", "lon", "source"]
    for place, lat, lon, source in rows[1:]:
        assert ":" in place and source.strip()
        assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180


def test_the_european_union_stands_in_the_middle_of_its_members(gazetteer):
    union = gazetteer.get("gn:6695072")
    brussels, gadheim = (50.85, 4.35), (49.84, 9.90)
    assert haversine_km(union.lat, union.lon, *gadheim) < 5
    assert haversine_km(union.lat, union.lon, *brussels) > 300
