"""Matching rows that carry no shared id: same normalised name, compatible kind, close by.

Natural Earth physical labels, curated features and admin-1 label points have no GeoNames
id; they are joined to an existing place when one of its names matches and it lies within
a radius that suits the feature's size.
"""

from __future__ import annotations

from gazetteer.build.records import PlaceRecord
from gazetteer.geo import haversine_km
from gazetteer.kinds import POPULATED_KINDS
from gazetteer.normalize import normalize

# Kinds that may describe the same feature in different sources.
_COMPATIBLE = [
    {"island", "archipelago"},
    {"sea", "gulf", "bay", "strait", "ocean"},
    {"mountain_range", "mountain", "plateau"},
    {"peninsula", "coast"},
    {"region", "plain", "desert", "valley", "forest", "plateau", "continent"},
    {"lake"},
    {"river"},
    {"country", "historic_country"},
    {"admin1", "admin2", "region"},
]


def kinds_compatible(first: str, second: str) -> bool:
    if first == second:
        return True
    return any(first in group and second in group for group in _COMPATIBLE)


class NameDistanceIndex:
    """Non-populated places by normalised name, for joins without ids."""

    def __init__(self, include_populated: bool = False) -> None:
        self._by_key: dict[str, list[PlaceRecord]] = {}
        self._include_populated = include_populated

    def add(self, place: PlaceRecord) -> None:
        if place.kind in POPULATED_KINDS and not self._include_populated:
            return
        for name in place.all_names():
            key = normalize(name)
            if not key:
                continue
            bucket = self._by_key.setdefault(key, [])
            if place not in bucket:
                bucket.append(place)

    def match(self, record: PlaceRecord, max_km: float) -> PlaceRecord | None:
        """The closest compatible place sharing a name with ``record`` within ``max_km``."""
        best: tuple[float, PlaceRecord] | None = None
        seen: set[int] = set()
        for name in record.all_names():
            for place in self._by_key.get(normalize(name), ()):
                if id(place) in seen or not kinds_compatible(place.kind, record.kind):
                    continue
                seen.add(id(place))
                if record.country and place.country and record.country != place.country:
                    continue
                if not (place.has_coordinates and record.has_coordinates):
                    distance = 0.0 if not record.has_coordinates else max_km
                else:
                    distance = haversine_km(record.lat, record.lon, place.lat, place.lon)  # type: ignore[arg-type]
                if distance <= max_km and (best is None or distance < best[0]):
                    best = (distance, place)
        return best[1] if best else None
