"""Where a country's point goes: the centre of the view that frames its territory.

A map that shows "Russland" centres on the middle of the country's extent, and that is the
point readers (and geocoders' viewport centres, which annotators copy) expect a country's
marker at. The centroid of the largest polygon drifts towards where the land is widest
(Russia's lands in Siberia's west, 330 km from the middle of the view). The extent is taken
over the parts that hang together with the main part (Novaya Zemlya, Sicily, Hokkaido), not
over far or scattered outlying parts (Alaska, Hawaii, Réunion, the Ryukyu arc beyond
Okinawa); longitudes are taken on the shortest arc that covers the parts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from shapely.geometry.base import BaseGeometry

# Parts closer than this (planar degrees) to the main part, or to a part already taken,
# belong to its view: Alaska lies 7° from Washington state, Miyako 2.6° from Okinawa.
CLUSTER_DEGREES = 2.0


def connected_parts(parts: Sequence[BaseGeometry], degrees: float = CLUSTER_DEGREES):
    """The largest part and every part chained to it by gaps under ``degrees``."""
    main = max(parts, key=lambda part: part.area)
    taken = [main]
    rest = [part for part in parts if part is not main]
    grew = True
    while grew and rest:
        grew = False
        for part in list(rest):
            if any(part.distance(other) <= degrees for other in taken):
                taken.append(part)
                rest.remove(part)
                grew = True
    return taken


def covering_arc(intervals: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """The shortest west→east arc covering all longitude intervals; its end may pass 180."""
    best_start, best_span = intervals[0][0], 360.0
    for start, _ in intervals:
        span = max((west - start) % 360 + (east - west) for west, east in intervals)
        if span < best_span or (span == best_span and start < best_start):
            best_start, best_span = start, span
    return best_start, best_start + best_span


def extent_centre(parts: Sequence[BaseGeometry]) -> tuple[float, float]:
    """(lat, lon) of the middle of the parts' bounding box, across the antimeridian too."""
    south = min(part.bounds[1] for part in parts)
    north = max(part.bounds[3] for part in parts)
    west, east = covering_arc([(part.bounds[0], part.bounds[2]) for part in parts])
    lon = (west + east) / 2
    if lon > 180:
        lon -= 360
    return (south + north) / 2, lon


def _equal_area(geometry: BaseGeometry) -> BaseGeometry:
    """Longitude and sin(latitude) (in degrees at the equator): Lambert's cylindrical
    equal-area projection, in which planar areas and centroids are true to the sphere's."""
    import numpy as np
    from shapely import transform

    return transform(
        geometry, lambda xy: np.column_stack((xy[:, 0], np.degrees(np.sin(np.radians(xy[:, 1])))))
    )


def area_point(geometry: BaseGeometry) -> tuple[float, float]:
    """(lat, lon) of an area's reference point: inside its largest part, near its centre.

    A representative point is inside but can sit anywhere; a label point may sit on an
    outlying part (Kentucky's point in the Kentucky Bend, Alaska's in the Aleutians). So the
    point is the centroid of the largest part by true area when it lies inside that part,
    otherwise (a concave part: a crescent, a bay) the point inside nearest to that centroid.
    """
    parts = [
        part if part.is_valid else part.buffer(0)  # quantised rings can touch themselves
        for part in getattr(geometry, "geoms", [geometry])
        if not part.is_empty
    ]
    if not parts:
        raise ValueError("an empty geometry has no reference point")
    projected = [_equal_area(part) for part in parts]
    index = max(range(len(parts)), key=lambda i: projected[i].area)
    part, centre = parts[index], projected[index].centroid
    lat = math.degrees(math.asin(max(-1.0, min(1.0, math.radians(centre.y)))))
    lat, lon = point_inside(part, lat, centre.x)
    return round(lat, 5), round(lon, 5)


def point_inside(part: BaseGeometry, lat: float, lon: float) -> tuple[float, float]:
    """(lat, lon) itself when inside ``part``, else the point inside nearest to it."""
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    if not part.is_valid:
        part = part.buffer(0)
    point = Point(lon, lat)
    if part.contains(point):
        return lat, lon
    # Step in from the coast a little (1 % of the part's size, at most 0.05°) so that the
    # point is inside, not on the boundary.
    inner = part.buffer(-min(0.05, 0.01 * math.sqrt(part.area)))
    point = part.representative_point() if inner.is_empty else nearest_points(inner, point)[0]
    return point.y, point.x
