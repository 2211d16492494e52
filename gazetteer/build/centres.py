"""Where a unit's people live: population-weighted centres of the cities of each country,
admin-1 and admin-2 unit, and the seats and namesake towns that place a unit the sources
give no point for (Khasanskiy Rayon at Khasan).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from gazetteer.build.records import PlaceRecord, PlaceRegistry
from gazetteer.kinds import POPULATED_KINDS
from gazetteer.normalize import normalize


@dataclass(frozen=True, slots=True)
class Point:
    lat: float
    lon: float


def weighted_centre(points: Iterable[tuple[float, float, float]]) -> Point | None:
    """Weighted mean position on the sphere of ``(lat, lon, weight)`` triples."""
    x = y = z = total = 0.0
    for lat, lon, weight in points:
        phi, lam = math.radians(lat), math.radians(lon)
        x += weight * math.cos(phi) * math.cos(lam)
        y += weight * math.cos(phi) * math.sin(lam)
        z += weight * math.sin(phi)
        total += weight
    if total <= 0:
        return None
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    lon = math.degrees(math.atan2(y, x))
    return Point(round(lat, 5), round(lon, 5))


# GeoNames feature codes of a country's capital and its first-order administrative seats.
_SEAT_CODES = frozenset({"PPLC", "PPLA", "PPLG"})


class CityCentres:
    """Population-weighted centres of the cities of each country, admin-1 and admin-2 unit.

    Weights are the square root of population, so one metropolis does not decide alone.
    """

    def __init__(self, registry: PlaceRegistry) -> None:
        groups: dict[tuple[str, ...], list[tuple[float, float, float]]] = defaultdict(list)
        population: dict[tuple[str, ...], int] = defaultdict(int)
        for place in registry:
            if place.kind not in POPULATED_KINDS or not place.country or not place.has_coordinates:
                continue
            weight = math.sqrt(max(place.population, 100))
            point = (place.lat, place.lon, weight)
            groups[(place.country,)].append(point)  # type: ignore[arg-type]
            population[(place.country,)] += place.population
            if place.admin1:
                groups[(place.country, place.admin1)].append(point)  # type: ignore[arg-type]
                population[(place.country, place.admin1)] += place.population
                if place.admin2:
                    key = (place.country, place.admin1, place.admin2)
                    groups[key].append(point)  # type: ignore[arg-type]
                    population[key] += place.population
        self._groups = groups
        self._population = population
        # Per country: the populated places' positions and admin-1 codes (for code checks)
        # and, built when first asked, every name of its capital and admin-1 seats.
        self._coded: dict[str, list[PlaceRecord]] = defaultdict(list)
        for place in registry:
            if place.kind in POPULATED_KINDS and place.country and place.has_coordinates:
                self._coded[place.country].append(place)
        self._arrays: dict[str, tuple[object, object, list[str]]] = {}
        self._country_names: dict[str, dict[str, PlaceRecord]] = {}
        # Seats named like their unit (município Várzea Alegre → town Várzea Alegre).
        self._by_name: dict[tuple[str, str, str], PlaceRecord] = {}
        self._by_unit: dict[tuple[str, str], list[tuple[str, PlaceRecord]]] | None = None
        for place in registry:
            if place.kind in POPULATED_KINDS and place.country and place.admin1:
                key = (place.country, place.admin1, normalize(place.name))
                best = self._by_name.get(key)
                if best is None or place.population > best.population:
                    self._by_name[key] = place

    def namesake(self, country: str, admin1: str, names: Iterable[str]) -> Point | None:
        """Position of a place in the same admin-1 unit sharing one of ``names``."""
        for name in names:
            place = self._by_name.get((country, admin1, normalize(name)))
            if place is not None:
                return Point(place.lat, place.lon)  # type: ignore[arg-type]
        return None

    def named_after(self, country: str, admin1: str, names: Iterable[str]) -> Point | None:
        """Position of the town a post-Soviet district is named after: Khasanskiy Rayon →
        Khasan, Zvenigovskiy Rayon → Zvenigovo (the adjective's stem plus at most a short
        ending, in the same admin-1 unit; the most populous such town)."""
        stems = {stem for name in names if (stem := district_stem(name))}
        if not stems:
            return None
        if self._by_unit is None:
            self._by_unit = defaultdict(list)
            for (place_country, place_admin1, town), place in sorted(
                self._by_name.items(), key=lambda item: item[0]
            ):
                self._by_unit[(place_country, place_admin1)].append((town, place))
        best: PlaceRecord | None = None
        for town, place in self._by_unit.get((country, admin1), ()):
            named = any(town.startswith(stem) and len(town) - len(stem) <= 3 for stem in stems)
            if named and (
                best is None or (place.population, place.name) > (best.population, best.name)
            ):
                best = place
        return None if best is None else Point(best.lat, best.lon)  # type: ignore[arg-type]

    def admin1_near(self, country: str, lat: float, lon: float, k: int = 5) -> list[str]:
        """The admin-1 codes of the ``k`` populated places of ``country`` nearest to a point."""
        import numpy as np

        if country not in self._arrays:
            places = self._coded.get(country, [])
            self._arrays[country] = (
                np.array([p.lat for p in places], dtype=float),
                np.array([p.lon for p in places], dtype=float),
                [p.admin1 for p in places],
            )
        lats, lons, codes = self._arrays[country]
        if not codes:
            return []
        dlon = (lons - lon + 180.0) % 360.0 - 180.0  # type: ignore[operator]
        squared = (lats - lat) ** 2 + (dlon * math.cos(math.radians(lat))) ** 2  # type: ignore[operator]
        nearest = np.argsort(squared, kind="stable")[:k]
        return [codes[int(i)] for i in nearest]

    def seat_in_country(self, country: str, names: Iterable[str]) -> Point | None:
        """The first-order seat (capital or admin-1 seat) of ``country`` known by one of
        ``names`` (any of its names: Hà Nội → Hanoi), for admin-1 units whose codes cannot
        be trusted: a unit named like a town is named after its seat, while a smaller
        namesake may lie in another unit (the village Đồng Nai is in Lâm Đồng)."""
        if country not in self._country_names:
            by_name: dict[str, PlaceRecord] = {}
            for place in self._coded.get(country, []):
                if place.feature_code not in _SEAT_CODES:
                    continue
                for name in place.all_names():
                    key = normalize(name)
                    best = by_name.get(key)
                    if key and (best is None or place.population > best.population):
                        by_name[key] = place
            self._country_names[country] = by_name
        by_name = self._country_names[country]
        found = [by_name[key] for name in names if (key := normalize(name)) in by_name]
        if not found:
            return None
        best = max(found, key=lambda place: (place.population, place.name))
        return Point(best.lat, best.lon)  # type: ignore[arg-type]

    def largest(self, country: str, admin1: str) -> Point | None:
        """Position of the most populous place carrying an admin-1 code (mostly its capital)."""
        places = [p for p in self._coded.get(country, []) if p.admin1 == admin1]
        if not places:
            return None
        best = max(places, key=lambda place: (place.population, place.name))
        return Point(best.lat, best.lon)  # type: ignore[arg-type]

    def members(self, key: tuple[str, ...]) -> list[tuple[float, float, float]]:
        """(lat, lon, weight) of the populated places of a unit."""
        return self._groups.get(key, [])

    def centre(self, key: tuple[str, ...]) -> Point | None:
        return weighted_centre(self._groups.get(key, ()))

    def population(self, key: tuple[str, ...]) -> int:
        return self._population.get(key, 0)


# Generic words after a post-Soviet district's name, and the adjective endings that make
# a district's name from its town's (Khasanskiy Rayon ← Khasan), longest first.
_DISTRICT_GENERICS = ("rayon", "raion", "district", "municipal district", "okrug")
_DISTRICT_ENDINGS = tuple(
    sorted({normalize(e) for e in ("skiy", "skii", "skij", "sky", "ski", "s'kyi", "s’kyy")},
           key=len, reverse=True)
)


def district_stem(name: str) -> str:
    """The town part of a district name (normalised): khasanskiy rayon → khasan."""
    words = normalize(name).split()
    if len(words) != 2 or words[1] not in _DISTRICT_GENERICS:
        return ""
    adjective = words[0]
    for ending in _DISTRICT_ENDINGS:
        if adjective.endswith(ending) and len(adjective) - len(ending) >= 4:
            return adjective[: -len(ending)]
    return ""

