"""Route geometry: great circles, geodesic legs, GeoJSON across the antimeridian."""

import pytest

from storymap.story.geometry import great_circle, leg_km, route_geometry


def test_great_circle_ends_at_its_points_and_bows_poleward():
    line = great_circle((50.0, 8.0), (40.7, -74.0))
    assert line[0] == (50.0, 8.0) and line[-1] == pytest.approx((40.7, -74.0), abs=1e-4)
    assert max(lat for lat, _ in line) > 50.0  # Frankfurt–New York arcs north


def test_leg_lengths_are_geodesic():
    assert leg_km((39.0339, 125.7543), (42.4297, 130.6433)) == pytest.approx(559, abs=3)


def test_route_across_the_antimeridian_is_split_for_geojson():
    geometry = route_geometry([(43.1, 131.9), (61.2, -149.9)])  # Vladivostok → Anchorage
    assert geometry.geom_type == "MultiLineString"
    for part in geometry.geoms:
        assert all(-180.0 <= lon <= 180.0 for lon, _ in part.coords)
    ends = sorted(abs(part.coords[-1][0]) for part in geometry.geoms)
    assert 180.0 in ends


def test_route_away_from_the_antimeridian_is_one_line():
    assert route_geometry([(39.03, 125.75), (42.43, 130.64), (43.11, 131.87)]).geom_type == (
        "LineString"
    )


def test_story_geojson(gazetteer):
    from storymap.story.build import build_story
    from tests.conftest import REPO

    story = build_story((REPO / "examples" / "kim-wladiwostok-2019.txt").read_text("utf-8"))
    collection = story.to_geojson()
    route = [f for f in collection["features"] if f["properties"].get("kind") == "route"]
    assert len(route) == 1 and route[0]["geometry"]["type"] == "LineString"
    assert len(route[0]["properties"]["legs_km"]) == 3
    points = [f for f in collection["features"] if f["geometry"]["type"] == "Point"]
    assert len(points) == len(story.places)
