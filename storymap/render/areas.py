"""Country outlines and extents for the page: what a country looks like and how much of the
map it needs.

The page draws a country the story names as its Natural Earth outline (1:50m, simplified per
country so that Russia costs ~12 KB and Luxembourg a few hundred bytes) and fits the camera
to its main extent: the bounding box of its largest part and the parts close to it, with
longitudes kept continuous across ±180° (Russia runs from Kaliningrad to Chukotka at 190°E,
not round the world; the USA is the lower 48 and Alaska, not Hawaii or Guam).

``python -m storymap.render.areas NATURALEARTH-50M.geojson[.xz]`` rebuilds the shipped
``static/areas-50m.json`` (public-domain Natural Earth data; shapely and the gazetteer are
only needed then). The file also maps each ISO code to the gazetteer's country place, so the
page can name a country in the reader's language without scanning the gazetteer.
"""

from __future__ import annotations

import json
import lzma
import math
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

FILE = "areas-50m.json"
# Natural Earth writes -99 for a few countries whose ISO code is disputed in its sources.
_NE_CODES = {"FRA": "FR", "NOR": "NO"}
# Historic countries by the present-day countries on their territory: their extent on the map.
SUCCESSORS: dict[str, tuple[str, ...]] = {
    "SU": ("RU", "UA", "BY", "MD", "EE", "LV", "LT", "GE", "AM", "AZ", "KZ", "UZ", "TM",
           "KG", "TJ"),
    "SUHH": ("RU", "UA", "BY", "MD", "EE", "LV", "LT", "GE", "AM", "AZ", "KZ", "UZ", "TM",
             "KG", "TJ"),
    "YU": ("RS", "ME", "HR", "SI", "BA", "MK", "XK"),
    "YUCS": ("RS", "ME", "HR", "SI", "BA", "MK", "XK"),
    "CS": ("CZ", "SK"),
    "CSHH": ("CZ", "SK"),
    "DD": ("DE",),
    "DDDE": ("DE",),
}

Box = tuple[float, float, float, float]  # south, west, north, east (degrees)


@dataclass(frozen=True, slots=True)
class Country:
    """One country of the shipped file: its gazetteer place, main extent and outline."""

    code: str
    place_id: str | None
    box: Box | None
    parts: tuple[tuple[tuple[int, ...], ...], ...]  # polygons → rings → delta-coded centidegrees
    detail: int  # the deepest zoom at which the simplified outline still follows the border


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    text = resources.files("storymap.render").joinpath("static", FILE).read_text("utf-8")
    return json.loads(text)["countries"]  # type: ignore[no-any-return]


def country(code: str) -> Country | None:
    """The shipped record for an ISO 3166 alpha-2 code, or None."""
    record = _table().get(code)
    if record is None:
        return None
    box = tuple(record["box"]) if record.get("box") else None
    parts = tuple(tuple(tuple(ring) for ring in part) for part in record.get("parts", ()))
    return Country(code, record.get("id"), box, parts, record.get("zoom", 0))  # type: ignore[arg-type]


def union(boxes: list[Box]) -> Box | None:
    """The box around ``boxes`` (None for none)."""
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


# -- building the shipped file ---------------------------------------------------------------


def _code(properties: dict[str, Any]) -> str | None:
    code = properties.get("ISO_A2")
    if code in (None, "-99"):
        code = _NE_CODES.get(properties.get("ADM0_A3", ""))
    return code


def _unwrapped(polygons: list[Any]) -> list[Any]:
    """Each polygon moved by ±360° so that it lies within 180° of the largest one's centre:
    Natural Earth cuts countries at ±180°, the camera wants them in one piece."""
    from shapely.affinity import translate

    main = max(polygons, key=lambda polygon: polygon.area)
    centre = main.centroid.x
    moved = []
    for polygon in polygons:
        shift = 360.0 * round((centre - polygon.centroid.x) / 360.0)
        moved.append(translate(polygon, xoff=shift) if shift else polygon)
    return moved


def _main_box(polygons: list[Any]) -> Box:
    """The largest part and the parts near it (a fifth of its size, at least 3°)."""
    main = max(polygons, key=lambda polygon: polygon.area)
    minx, miny, maxx, maxy = main.bounds
    reach = max(3.0, 0.2 * math.hypot(maxx - minx, maxy - miny))
    near = [polygon for polygon in polygons if polygon.distance(main) <= reach]
    xs = [value for polygon in near for value in (polygon.bounds[0], polygon.bounds[2])]
    ys = [value for polygon in near for value in (polygon.bounds[1], polygon.bounds[3])]
    return (round(min(ys), 2), round(min(xs), 2), round(max(ys), 2), round(max(xs), 2))


def _encode(ring: Any) -> list[int]:
    """A ring as lat, lon pairs in centidegrees, each after the first as the step from the
    previous pair: small integers keep an outline to a few characters per point."""
    flat: list[int] = []
    previous = (0, 0)
    for x, y in ring.coords:
        point = (round(y * 100), round(x * 100))
        if flat and point == previous:
            continue
        flat += [point[0] - previous[0], point[1] - previous[1]]
        previous = point
    return flat


def _tolerance(polygons: list[Any]) -> float:
    """Simplification per country: about 1/400 of its main part's size, 0.01°–0.1°."""
    main = max(polygons, key=lambda polygon: polygon.area)
    minx, miny, maxx, maxy = main.bounds
    return min(max(math.hypot(maxx - minx, maxy - miny) / 400, 0.01), 0.1)


def _detail_zoom(tolerance: float) -> int:
    """The deepest web-map zoom at which ``tolerance`` stays within ~6 px: deeper, the page
    leaves the outline out (the tiles show the border better than a sketch of it)."""
    return int(math.log2(6 * 360 / (256 * tolerance)))


def _outline(polygons: list[Any]) -> list[list[list[int]]]:
    """Simplified per country (``_tolerance``); specks dropped."""
    main = max(polygons, key=lambda polygon: polygon.area)
    tolerance = _tolerance(polygons)
    parts = []
    for polygon in polygons:
        simple = polygon.simplify(tolerance, preserve_topology=True)
        if simple.is_empty or (polygon is not main and simple.area < (2 * tolerance) ** 2):
            continue
        pieces = [simple] if simple.geom_type == "Polygon" else list(getattr(simple, "geoms", []))
        for piece in pieces:
            if piece.geom_type != "Polygon" or len(piece.exterior.coords) < 4:
                continue
            rings = [_encode(piece.exterior)]
            rings += [_encode(hole) for hole in piece.interiors if hole.area >= tolerance**2]
            parts.append(rings)
    return parts


def _country_places() -> dict[str, str]:
    """ISO code → the gazetteer's country place (the most prominent, present before historic)."""
    from storymap.geoparse import default_gazetteer

    gazetteer = default_gazetteer()
    best: dict[str, tuple[int, float, str]] = {}
    for index in range(len(gazetteer)):
        candidate = gazetteer.candidate(index)
        if candidate.kind not in ("country", "historic_country") or not candidate.country:
            continue
        rank = (1 if candidate.kind == "country" else 0, candidate.prominence, candidate.id)
        if candidate.country not in best or rank > best[candidate.country]:
            best[candidate.country] = rank
    return {code: rank[2] for code, rank in best.items()}


def build(source: Path, target: Path) -> int:
    """Write the shipped file from Natural Earth's admin-0 countries; returns its size."""
    from shapely.geometry import shape

    raw = lzma.decompress(source.read_bytes()) if source.suffix == ".xz" else source.read_bytes()
    collection = json.loads(raw.decode("utf-8"))
    countries: dict[str, dict[str, Any]] = {}
    for feature in collection["features"]:
        code = _code(feature["properties"])
        if not code or code in countries:
            continue
        geometry = shape(feature["geometry"])
        polygons = [geometry] if geometry.geom_type == "Polygon" else list(geometry.geoms)
        polygons = _unwrapped(polygons)
        countries[code] = {
            "box": list(_main_box(polygons)), "parts": _outline(polygons),
            "zoom": _detail_zoom(_tolerance(polygons)),
        }
    for code, place_id in _country_places().items():
        countries.setdefault(code, {})["id"] = place_id
    document = {
        "source": "Natural Earth 1:50m admin-0 countries (public domain), simplified; "
                  "ids: the storymap gazetteer",
        "countries": dict(sorted(countries.items())),
    }
    text = json.dumps(document, separators=(",", ":"), sort_keys=True)
    target.write_text(text + "\n", encoding="utf-8")
    return len(text)


if __name__ == "__main__":
    size = build(Path(sys.argv[1]), Path(__file__).parent / "static" / FILE)
    print(f"wrote {FILE} ({size / 1000:.0f} KB)")
