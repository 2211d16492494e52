"""The project's curated table of German/English names of macro-regions and physical features.

Each row names its source; when a row refers to a source row (``geonames:ID``,
``whosonfirst:ID``, ``naturalearth-physical:NAME``, ``naturalearth-admin1:CODE``) its names
are merged into that place, so the place keeps the source's coordinates and ids.
"""

from __future__ import annotations

from pathlib import Path

from gazetteer.build.records import PlaceRecord, PlaceRegistry
from gazetteer.build.spatial import NameDistanceIndex
from gazetteer.build.tsv import read_tsv
from gazetteer.normalize import normalize

SOURCE = "storymap-curated"
_REF_SOURCES = {
    "whosonfirst": "wof",
    "naturalearth-physical": "ne-physical",
    "naturalearth-admin1": "ne-admin1",
}


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def _referenced(registry: PlaceRegistry, ref: str) -> PlaceRecord | None:
    if not ref:
        return None
    source, _, value = ref.partition(":")
    if source == "geonames":
        return registry.by_geonames(int(value))
    key = _REF_SOURCES.get(source)
    return registry.by_source_id(key, value) if key else None


def _same_named(record: PlaceRecord, places: list[PlaceRecord]) -> PlaceRecord | None:
    """The place sharing a name with ``record`` (ISO 3166-3 reuses codes: CS, CSHH/CSXX)."""
    keys = {normalize(name) for name in record.all_names()}
    for place in places:
        if keys & {normalize(name) for name in place.all_names()}:
            return place
    return None


def add_curated_features(registry: PlaceRegistry, path: Path, index: NameDistanceIndex) -> int:
    """Merge or add every curated row; returns the number of rows."""
    historic: dict[str, list[PlaceRecord]] = {}
    for place in registry:
        if place.kind == "historic_country":
            historic.setdefault(place.country, []).append(place)
    count = 0
    for row in read_tsv(path):
        record = PlaceRecord(
            name=row["name_en"],
            kind=row["kind"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            country=row["country"],
        )
        record.source_ids["curated"] = row["key"]
        record.add_name(row["name_de"], "de")
        record.add_names(_split(row["alt_de"]), "de")
        record.add_name(row["name_en"], "en")
        record.add_names(_split(row["alt_en"]), "en")
        record.add_source(SOURCE)
        known = _referenced(registry, row["ref"])
        if known is None and row["kind"] == "historic_country":
            known = _same_named(record, historic.get(row["country"], []))
        if known is None:
            known = index.match(record, max_km=300.0)
        if known is not None:
            if known.kind == "historic_country":
                # ISO 3166-3 names are formal ("USSR, Union of Soviet Socialist
                # Republics"); the curated English name is the one people write.
                known.add_name(known.name)
                known.name = record.name
            registry.merge_into(known, record)
        else:
            index.add(registry.add(record))
        count += 1
    return count


CURATED_ALIASES = "aliases.tsv"
CURATED_POINTS = "points.tsv"


def _place_named(registry: PlaceRegistry, ref: str, path: Path) -> PlaceRecord:
    """The place a source id names (``iso3166:US``, ``geonames:ID``, ``curated:KEY``)."""
    source, _, value = ref.partition(":")
    if source == "geonames":
        place = registry.by_geonames(int(value))
    else:
        place = registry.by_source_id(source, value)
    if place is None:
        raise ValueError(f"{path}: no place for {ref!r}")
    return place


def add_aliases(registry: PlaceRegistry, path: Path) -> int:
    """Names the sources lack for places they have (US, UK, Großbritannien, Amerika).

    ``place`` names the place by a source id (``iso3166:US``, ``geonames:ID``,
    ``curated:KEY``); a row that matches nothing fails the build.
    """
    count = 0
    for row in read_tsv(path):
        place = _place_named(registry, row["place"], path)
        if row["abbreviation"] == "yes":
            if row["name"] not in place.abbreviations:
                place.abbreviations.append(row["name"])
            place.add_name(row["name"], row["lang"])
        else:
            place.add_name(row["name"], row["lang"])
        place.add_source(SOURCE)
        count += 1
    return count


def set_points(registry: PlaceRegistry, path: Path) -> int:
    """Points that replace a source's point for an area it places at its seat (GeoNames puts
    the European Union in Brussels): an area stands at its middle, like every country.

    ``place`` names the place as in ``add_aliases``; a row that matches nothing fails the build.
    """
    count = 0
    for row in read_tsv(path):
        place = _place_named(registry, row["place"], path)
        place.lat, place.lon = float(row["lat"]), float(row["lon"])
        place.add_source(SOURCE)
        count += 1
    return count
