"""Admin-1 label points on an outlying part of their country (Haida Gwaii for British
Columbia) move to the part where the unit's places are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from gazetteer.build import usatlas
from gazetteer.build.centres import CityCentres, weighted_centre
from gazetteer.build.records import PlaceRecord, PlaceRegistry
from gazetteer.geo import haversine_km

# An admin-1 label point lies on an outlying part when the part of the country it is on
# (a polygon of Natural Earth's admin-0 shapes: mainland or island) holds less than
# _OUTLYING_SHARE of the unit's places by weight while one other part holds more than
# _MAIN_SHARE of them: Haida Gwaii for British Columbia, the Yaeyama Islands for Okinawa.
_OUTLYING_SHARE = 0.1
_MAIN_SHARE = 0.5
_MIN_PLACES = 3
# Such a point is "far" and replaced only when it is more than _FAR_KM from the centre of
# the unit's places, the field's tolerance for a right point (161 km): a label that close
# to where the unit's people live reads as the unit whatever part it is on (Formentera
# for the Balearic Islands), and moving it would trade the source's point for an estimate
# without changing what counts as right.
_FAR_KM = 161.0
# A coastal town just outside its country's 1:50m polygon belongs to the part this near.
_COAST_DEGREES = 0.25


def _parts_of(tree: object, lons: list[float], lats: list[float]) -> list[int]:
    """Index of the polygon in ``tree`` holding each point (or the nearest one within
    ``_COAST_DEGREES``), -1 for points on none."""
    import shapely

    points = shapely.points(lons, lats)
    found = [-1] * len(lons)
    hits = tree.query(points, predicate="intersects")  # type: ignore[attr-defined]
    for point_index, part_index in zip(hits[0].tolist(), hits[1].tolist(), strict=True):
        if found[point_index] < 0 or part_index < found[point_index]:
            found[point_index] = part_index
    missing = [i for i, part in enumerate(found) if part < 0]
    if missing:
        near = tree.query_nearest(  # type: ignore[attr-defined]
            points[missing], max_distance=_COAST_DEGREES, all_matches=False
        )
        for point_index, part_index in zip(near[0].tolist(), near[1].tolist(), strict=True):
            found[missing[point_index]] = part_index
    return found


def move_outlying_label_points(
    registry: PlaceRegistry,
    parts_by_country: Mapping[str, list[object]],
    centres: CityCentres,
    verdicts: Mapping[str, bool],
) -> list[tuple[PlaceRecord, float, float, float]]:
    """Admin-1 units whose Natural Earth label point lies on an outlying part, far from
    their own places, move to the centre of their places on the part where most of them
    are, when that is nearer to all their places; returns (place, old lat, old lon, km
    moved) for each.

    The unit's places are the populated places carrying its admin-1 code, so the rule runs
    only in countries whose codes ``verdicts`` (``code_verdicts``) found to line up; the
    centre is their population-weighted centre (square-root weights, as ``CityCentres``),
    moved inside that part when a coast's curve leaves it outside. Units placed by their
    polygons (the US states) are not touched.
    """
    from shapely import STRtree

    from gazetteer.build.extent import point_inside

    labelled = [
        place for place in registry
        if place.kind == "admin1" and "ne-admin1" in place.source_ids and place.admin1
        and usatlas.FIPS_ID not in place.source_ids and place.has_coordinates
    ]
    trees: dict[str, object] = {}
    moved: list[tuple[PlaceRecord, float, float, float]] = []
    for place in labelled:
        parts = parts_by_country.get(place.country)
        members = centres.members((place.country, place.admin1))
        if not verdicts.get(place.country, False) or not parts or len(members) < _MIN_PLACES:
            continue
        if place.country not in trees:
            trees[place.country] = STRtree(parts)
        tree = trees[place.country]
        on_part = _parts_of(tree, [m[1] for m in members], [m[0] for m in members])
        label_part = _parts_of(tree, [place.lon], [place.lat])[0]  # type: ignore[list-item]
        weight: dict[int, float] = defaultdict(float)
        for part, member in zip(on_part, members, strict=True):
            weight[part] += member[2]
        total = sum(weight.values())
        main = max((part for part in weight if part >= 0), key=lambda p: (weight[p], -p),
                   default=-1)
        if (
            main < 0 or main == label_part
            or weight.get(label_part, 0.0) >= _OUTLYING_SHARE * total
            or weight[main] <= _MAIN_SHARE * total
        ):
            continue
        centre = weighted_centre(
            member for member, part in zip(members, on_part, strict=True) if part == main
        )
        overall = weighted_centre(members)
        if centre is None or overall is None:
            continue
        far = haversine_km(place.lat, place.lon, overall.lat, overall.lon)  # type: ignore[arg-type]
        if far <= _FAR_KM:
            continue
        lat, lon = point_inside(parts[main], centre.lat, centre.lon)  # type: ignore[arg-type]
        if haversine_km(lat, lon, overall.lat, overall.lon) >= far:
            # No part is the unit's middle (Nunavut: Baffin Island holds most of its towns,
            # but the label on Southampton Island is nearer to them all).
            continue
        distance = haversine_km(place.lat, place.lon, lat, lon)  # type: ignore[arg-type]
        moved.append((place, place.lat, place.lon, round(distance)))  # type: ignore[arg-type]
        place.lat, place.lon = round(lat, 5), round(lon, 5)
    return moved
