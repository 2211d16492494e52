"""Route geometry: great-circle legs, leg lengths, GeoJSON that survives the antimeridian.

A straight line between two lat/lon points on a web map is neither the shortest way nor, near
the 180° meridian, even the right way round the world: legs are densified along the great
circle, drawn with continuous longitudes (Leaflet draws 179° → 181° as a short hop), and split
at ±180° for GeoJSON, whose consumers expect longitudes within [-180, 180].
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from geographiclib.geodesic import Geodesic

if TYPE_CHECKING:
    from shapely.geometry import LineString, MultiLineString

Point = tuple[float, float]  # (lat, lon)
# The WGS 84 ellipsoid in km (semi-major axis, flattening), as geopy's ``geodesic`` sets it
# up: the same numbers, without importing geopy's geocoders on every build.
_WGS84_KM = Geodesic(6378.137, 1 / 298.257223563)


def great_circle(a: Point, b: Point, steps: int = 32) -> list[Point]:
    """Points from ``a`` to ``b`` along the great circle; longitudes kept continuous."""
    phi1, lam1, phi2, lam2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    delta = 2 * math.asin(
        math.sqrt(
            math.sin((phi2 - phi1) / 2) ** 2
            + math.cos(phi1) * math.cos(phi2) * math.sin((lam2 - lam1) / 2) ** 2
        )
    )
    if delta < 1e-9:
        return [a, b]
    points = []
    previous = a[1]
    for step in range(steps + 1):
        f = step / steps
        s1 = math.sin((1 - f) * delta) / math.sin(delta)
        s2 = math.sin(f * delta) / math.sin(delta)
        x = s1 * math.cos(phi1) * math.cos(lam1) + s2 * math.cos(phi2) * math.cos(lam2)
        y = s1 * math.cos(phi1) * math.sin(lam1) + s2 * math.cos(phi2) * math.sin(lam2)
        z = s1 * math.sin(phi1) + s2 * math.sin(phi2)
        lat = math.degrees(math.atan2(z, math.hypot(x, y)))
        lon = math.degrees(math.atan2(y, x))
        lon += 360 * round((previous - lon) / 360)
        previous = lon
        points.append((round(lat, 5), round(lon, 5)))
    return points


def leg_km(a: Point, b: Point) -> float:
    """Geodesic (WGS 84 ellipsoid) length of a leg in km."""
    return float(_WGS84_KM.Inverse(a[0], a[1], b[0], b[1], Geodesic.DISTANCE)["s12"])


def route_geometry(stops: Sequence[Point]) -> LineString | MultiLineString:
    """The whole route as (lon, lat) geometry, split where it crosses ±180°. (shapely is
    imported here: only GeoJSON exports need it, not every build.)"""
    from shapely.geometry import LineString, MultiLineString

    continuous: list[Point] = []
    for first, second in itertools.pairwise(stops):
        leg = great_circle(first, second)
        if continuous:
            shift = 360 * round((continuous[-1][1] - leg[0][1]) / 360)
            leg = [(lat, lon + shift) for lat, lon in leg][1:]
        continuous.extend(leg)
    parts: list[list[tuple[float, float]]] = [[]]
    for (lat1, lon1), (lat2, lon2) in itertools.pairwise(continuous):
        if not parts[-1]:
            parts[-1].append(_wrap(lon1, lat1))
        band1, band2 = math.floor((lon1 + 180) / 360), math.floor((lon2 + 180) / 360)
        if band1 != band2:
            edge = 180.0 if band2 > band1 else -180.0
            boundary = (band1 if band2 > band1 else band2) * 360 + 180.0
            t = (boundary - lon1) / (lon2 - lon1)
            lat = round(lat1 + t * (lat2 - lat1), 5)
            parts[-1].append((edge, lat))
            parts.append([(-edge, lat)])
        parts[-1].append(_wrap(lon2, lat2))
    lines = [part for part in parts if len(part) >= 2]
    return LineString(lines[0]) if len(lines) == 1 else MultiLineString(lines)


def _wrap(lon: float, lat: float) -> tuple[float, float]:
    return (round((lon + 180.0) % 360.0 - 180.0, 5), lat)


def route_feature(stops: Sequence[Point], properties: dict[str, object]) -> dict[str, object]:
    from shapely.geometry import mapping

    return {"type": "Feature", "properties": properties, "geometry": mapping(route_geometry(stops))}
