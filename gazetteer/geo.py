"""Distances on the sphere, shared by the builder and the store."""

from __future__ import annotations

import math
from collections.abc import Iterable

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (mean Earth radius; good to ~0.5 %)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


# A place as a distance anchor: (latitude in radians, its cosine, longitude in degrees).
AnchorPoint = tuple[float, float, float]


def anchor_point(lat: float, lon: float) -> AnchorPoint:
    """The parts of the haversine formula that depend on the anchor alone."""
    phi = math.radians(lat)
    return phi, math.cos(phi), lon


def nearest_km(lat: float, lon: float, points: Iterable[AnchorPoint]) -> float:
    """Great-circle distance from (lat, lon) to the nearest anchor (infinite if none).

    ``haversine_km`` inlined operation for operation, so exactly the same
    floats come out: recognition and resolution compare every candidate with every settled
    place, and a function call per pair was most of their time.
    """
    phi1 = math.radians(lat)
    cos1 = math.cos(phi1)
    sin, radians, asin, sqrt = math.sin, math.radians, math.asin, math.sqrt
    nearest = math.inf
    for phi2, cos2, lon2 in points:
        a = sin((phi2 - phi1) / 2) ** 2 + cos1 * cos2 * sin(radians(lon2 - lon) / 2) ** 2
        root = sqrt(a)
        distance = 2 * EARTH_RADIUS_KM * asin(root if root < 1.0 else 1.0)
        if distance < nearest:
            nearest = distance
    return nearest
