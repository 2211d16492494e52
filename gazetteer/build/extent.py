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
