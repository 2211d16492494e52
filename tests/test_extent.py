"""Country points: the centre of the view that frames a country's joined parts."""

from shapely.geometry import box

from gazetteer.build.extent import connected_parts, covering_arc, extent_centre
from gazetteer.geo import haversine_km
from gazetteer.store import Gazetteer


def test_far_parts_stay_out_of_the_view():
    mainland = box(-125, 25, -67, 49)
    island_nearby = box(-66, 44, -65, 45)  # 1° from the coast
    far_territory = box(-170, 52, -130, 71)  # Alaska-like, 5° away
    parts = connected_parts([island_nearby, far_territory, mainland])
    assert mainland in parts and island_nearby in parts and far_territory not in parts


def test_parts_join_through_a_chain():
    parts = [box(0, 0, 10, 10), box(11, 0, 12, 1), box(13, 0, 14, 1), box(30, 0, 31, 1)]
    assert len(connected_parts(parts)) == 3


def test_covering_arc_across_the_antimeridian():
    west, east = covering_arc([(170.0, 180.0), (-180.0, -170.0)])
    assert (west, east) == (170.0, 190.0)
    lat, lon = extent_centre([box(170, -20, 180, -10), box(-180, -20, -170, -10)])
    assert (lat, lon) == (-15.0, 180.0)


def test_extent_centre_is_the_middle_of_the_box():
    assert extent_centre([box(0, 40, 10, 50), box(12, 44, 20, 46)]) == (45.0, 10.0)


def test_big_countries_sit_in_the_middle_of_their_extent():
    """Russia's point is not pulled to western Siberia, the USA's stays in the lower 48."""
    with Gazetteer.open() as gazetteer:
        russia = gazetteer.get("gn:2017370")
        usa = gazetteer.get("gn:6252001")
    assert russia is not None and usa is not None
    # Middles of the extents (41.2–81.3° N, 27.4–180° E; 24.5–49.4° N, 124.7–66.9° W).
    assert haversine_km(russia.lat, russia.lon, 61.2, 103.7) < 50
    assert haversine_km(usa.lat, usa.lon, 37.0, -95.8) < 50
