"""Natural Earth readers: populated places (German names, GeoNames/Wikidata ids), admin-1
label points, physical labels, and country polygons (for country label points, and the
parts an admin-1 label point may lie on).
"""

from __future__ import annotations

import json
import lzma
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gazetteer.build.records import PlaceRecord, PlaceRegistry
from gazetteer.build.spatial import NameDistanceIndex
from gazetteer.build.tsv import read_tsv
from gazetteer.kinds import natural_earth_kind, populated_kind

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

SOURCE_PLACES = "naturalearth-populated-places"
SOURCE_PHYSICAL = "naturalearth-physical-labels"
SOURCE_ADMIN1 = "naturalearth-admin1-label-points"


def _int_id(value: str) -> int | None:
    """A positive integer id, or None for Natural Earth's blanks (empty, 0, -99)."""
    number = int(float(value)) if value.strip() else 0
    return number if number > 0 else None


def add_populated_places(registry: PlaceRegistry, path: Path) -> int:
    """Merge Natural Earth populated places (joined by GeoNames/Wikidata id) into the registry."""
    count = 0
    for row in read_tsv(path):
        if float(row["latitude"]) == 0.0 and float(row["longitude"]) == 0.0:
            continue  # "Null Island": a placeholder row at 0°/0°, not a place
        population = max(0, int(float(row["pop_max"] or 0)))
        record = PlaceRecord(
            name=row["name_en"] or row["name"],
            kind=populated_kind(population, "PPLC" if "capital" in row["featurecla"] else ""),
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            country=row["iso_a2"] if len(row["iso_a2"]) == 2 else "",
            population=population,
            geonames_id=_int_id(row["geonameid"]),
            wikidata_id=row["wikidataid"] or None,
        )
        if record.geonames_id is None and record.wikidata_id is None:
            record.source_ids["ne"] = f"{row['nameascii']}|{row['iso_a2']}"
        record.add_name(row["name"])
        record.add_name(row["nameascii"])
        record.add_names(row["namealt"].split("|"))
        record.add_name(row["name_de"], "de")
        record.add_name(row["name_en"], "en")
        record.add_name(row["name_ru"], "ru")
        record.add_source(SOURCE_PLACES)
        registry.add(record)
        count += 1
    return count


def add_physical_labels(registry: PlaceRegistry, path: Path, index: NameDistanceIndex) -> int:
    """Add physical labels, merging each into a same-named non-populated place nearby."""
    count = 0
    for row in read_tsv(path):
        kind = natural_earth_kind(row["featurecla"])
        if row["name"] in ("", "name") or kind == "other":
            continue
        # Polygon labels are upper case (SAKHALIN); names are stored as written in text.
        name = row["name"].title() if row["name"].isupper() else row["name"]
        record = PlaceRecord(
            name=name,
            kind=kind,
            lat=float(row["lat"]),
            lon=float(row["lon"]),
        )
        record.source_ids["ne-physical"] = row["name"]
        record.add_name(name, "en")
        record.add_names(row["name_alt"].split("|"))
        record.add_source(SOURCE_PHYSICAL)
        known = index.match(record, max_km=_merge_radius(kind))
        if known is not None:
            registry.merge_into(known, record)
        else:
            index.add(registry.add(record))
        count += 1
    return count


def _merge_radius(kind: str) -> float:
    """How far apart two labels of one big feature may be placed by different sources."""
    if kind in ("ocean", "continent", "desert", "mountain_range", "sea", "region"):
        return 2500.0
    if kind in ("peninsula", "archipelago", "plain", "plateau"):
        return 800.0
    return 150.0


@dataclass(frozen=True, slots=True)
class Admin1LabelPoint:
    """A Natural Earth admin-1 unit's local name and label point."""

    code: str
    name: str
    country_name: str
    country: str
    lat: float
    lon: float
    scalerank: int


# Natural Earth names a territory it keeps as one admin-1 unit "GAZ-00 (Gaza Strip
# aggregation)": the place's name is the part in brackets.
_AGGREGATION = re.compile(r"[A-Z]{3}-\d\d \((?P<name>.+) aggregation\)")


def _label_name(name: str) -> str:
    """The unit's name as a reader knows it (Gaza Strip, not GAZ-00 (… aggregation))."""
    aggregated = _AGGREGATION.fullmatch(name)
    return aggregated.group("name") if aggregated else name


def read_admin1_label_points(path: Path) -> list[Admin1LabelPoint]:
    return [
        Admin1LabelPoint(
            code=row["adm1_code"],
            name=_label_name(row["name"]),
            country_name=row["country"],
            country=row["iso_a2"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            scalerank=int(float(row["scalerank"] or 10)),
        )
        for row in read_tsv(path)
        if row["name"]
    ]


@dataclass(frozen=True, slots=True)
class CountryShape:
    """A country's ISO code, name, population and a label point inside its main polygon."""

    iso_a2: str
    name: str
    population: int
    lat: float
    lon: float


def read_country_features(
    path: Path, alpha3_to_alpha2: dict[str, str]
) -> list[tuple[str, dict[str, object], BaseGeometry]]:
    """(ISO alpha-2, properties, shapely geometry) of Natural Earth admin-0 polygons
    (``.geojson`` or ``.geojson.xz``); features without an ISO code are left out."""
    from shapely.geometry import shape

    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        collection = json.load(handle)
    features: list[tuple[str, dict[str, object], BaseGeometry]] = []
    for feature in collection["features"]:
        properties = feature["properties"]
        iso = properties.get("ISO_A2") or "-99"
        if iso == "-99":
            iso = alpha3_to_alpha2.get(properties.get("ADM0_A3", ""), "-99")
        if iso == "-99":
            continue
        features.append((iso, properties, shape(feature["geometry"])))
    return features


def read_country_label_points(path: Path, alpha3_to_alpha2: dict[str, str]) -> list[CountryShape]:
    """Country points from Natural Earth admin-0 polygons (see ``country_label_points``)."""
    return country_label_points(read_country_features(path, alpha3_to_alpha2))


def country_label_points(
    features: list[tuple[str, dict[str, object], BaseGeometry]],
) -> list[CountryShape]:
    """The point of each country of ``read_country_features``.

    The point is the centre of the view that frames the country (``extent.extent_centre``
    over the parts joined to the main one) when that centre lies on the country's own land;
    otherwise (Japan's arc, Vietnam's S, Chile) the centroid of the largest part, moved
    inside it when it falls outside (a concave coast).
    """
    from shapely.geometry import Point

    from gazetteer.build.extent import connected_parts, extent_centre

    shapes: list[CountryShape] = []
    for iso, properties, geometry in features:
        parts = list(getattr(geometry, "geoms", [geometry]))
        lat, lon = extent_centre(connected_parts(parts))
        if not geometry.contains(Point(lon, lat)):
            main = max(parts, key=lambda part: part.area)
            centroid = main.centroid
            point = centroid if main.contains(centroid) else main.representative_point()
            lat, lon = point.y, point.x
        shapes.append(
            CountryShape(
                iso_a2=iso,
                name=str(properties.get("NAME", iso)),
                population=int(properties.get("POP_EST") or 0),  # type: ignore[call-overload]
                lat=round(lat, 5),
                lon=round(lon, 5),
            )
        )
    return shapes


def country_parts(
    features: list[tuple[str, dict[str, object], BaseGeometry]],
) -> dict[str, list[BaseGeometry]]:
    """ISO alpha-2 → the country's polygons (mainland and islands), largest first."""
    parts: dict[str, list[BaseGeometry]] = {}
    for iso, _, geometry in features:
        parts.setdefault(iso, []).extend(getattr(geometry, "geoms", [geometry]))
    for polygons in parts.values():
        polygons.sort(key=lambda part: -part.area)
    return parts
