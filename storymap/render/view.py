"""Where the map looks: the extent of each place (its outline, the places inside it, or a
span by kind), the first view (the route's stops, else the first passage's places), and how
much outline a page carries."""

from __future__ import annotations

import json
import math

from gazetteer.geo import haversine_km
from storymap.render import areas
from storymap.render.basemap import WORLD_DETAIL
from storymap.render.passages import mention_passages
from storymap.story.model import Story, StoryPlace

# How far an area reaches from its point when no outline says (km): with the story's places
# inside that reach, the area's extent is theirs; without, this span around the point.
AREA_SPAN_KM = {
    "continent": 3000, "ocean": 3000, "sea": 600, "region": 1000, "historic_country": 1500,
    "country": 500, "admin1": 200, "admin2": 50,
}


# Bytes of country outlines a page may carry (the reference article's six take ~24 KB).
OUTLINE_BUDGET = 60_000


# The outline map zooms no deeper than its finest outline follows the coast (and never less
# than the world outline's own limit).
OUTLINE_ZOOM_MAX = 8


def bounds(places: list[StoryPlace]) -> list[list[float]] | None:
    if not places:
        return None
    lats = [p.lat for p in places]
    lons = [p.lon for p in places]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _span_box(lat: float, lon: float, km: float) -> areas.Box:
    """The box ``km`` around a point (longitudes stretched towards the poles, capped)."""
    dlat = km / 111.2
    dlon = km / (111.2 * max(math.cos(math.radians(lat)), 0.2))
    return (max(lat - dlat, -85.0), lon - dlon, min(lat + dlat, 85.0), lon + dlon)


def extent(place: StoryPlace, points: list[StoryPlace]) -> list[list[float]] | None:
    """How much map an area needs: a country's outline box (a historic country's, its
    successors'), else the story's places inside its reach, else a span by its kind. None
    for a point place: the page zooms to it by kind."""
    box: areas.Box | None = None
    if place.kind == "country":
        record = areas.country(place.country)
        box = record.box if record else None
    elif place.kind == "historic_country":
        records = [areas.country(code) for code in areas.SUCCESSORS.get(place.country, ())]
        box = areas.union([r.box for r in records if r is not None and r.box is not None])
    if box is None and place.kind in AREA_SPAN_KM:
        reach = AREA_SPAN_KM[place.kind]
        inside = [
            p for p in points
            if p.id != place.id and (not place.country or p.country == place.country)
            and haversine_km(place.lat, place.lon, p.lat, p.lon) <= reach
        ]
        if inside:
            found = bounds([place, *inside])
            assert found is not None
            middle = ((found[0][0] + found[1][0]) / 2, (found[0][1] + found[1][1]) / 2)
            least = _span_box(middle[0], middle[1], reach / 4)
            box = areas.union([(found[0][0], found[0][1], found[1][0], found[1][1]), least])
        else:
            box = _span_box(place.lat, place.lon, reach)
    if box is None:
        return None
    return [[round(box[0], 3), round(box[1], 3)], [round(box[2], 3), round(box[3], 3)]]


def land_within_budget(story: Story) -> dict[str, list[object]]:
    """The 1:50m outlines the page carries, by ISO code: the countries the story names (lit
    when selected) and those its places lie in (the outline map's land), most mentioned
    first, until ``OUTLINE_BUDGET`` bytes (an article listing fifty countries stays a light
    page; the rest are zoomed to by their extent and drawn from the world outline)."""
    weight: dict[str, int] = {}
    for place in story.places:
        if place.country:
            weight[place.country] = weight.get(place.country, 0) + len(place.mentions) + (
                2 if place.stop else 1)
    found: dict[str, list[object]] = {}
    spent = 0
    for code in sorted(weight, key=lambda code: (-weight[code], code)):
        record = areas.country(code)
        if record is None or not record.parts:
            continue
        outline = [[list(ring) for ring in part] for part in record.parts]
        size = len(json.dumps(outline, separators=(",", ":")))
        if spent + size > OUTLINE_BUDGET:
            continue
        found[code] = outline
        spent += size
    return found


def outline_detail(story: Story, land: dict[str, list[object]]) -> int:
    """How deep the outline map may zoom: as far as the coarsest outline among the route's
    (else the places') countries still follows its border."""
    places = [story.place(place_id) for place_id in story.route] or [
        place for place in story.places if not place.area]
    details = [
        record.detail for record in (areas.country(p.country) for p in places if p.country in land)
        if record is not None
    ]
    if not details:
        return WORLD_DETAIL
    return max(WORLD_DETAIL, min(min(details), OUTLINE_ZOOM_MAX))


def first_view(story: Story) -> list[StoryPlace]:
    """What the map opens on: the route's stops, else the first passage that has places,
    else every place (storymap.js refines this with the panels' padding)."""
    if story.route:
        return [story.place(place_id) for place_id in dict.fromkeys(story.route)]
    by_passage: dict[int, dict[str, None]] = {}
    for mention, passage in zip(story.mentions, mention_passages(story), strict=True):
        if mention.place is not None:
            by_passage.setdefault(passage, {})[mention.place.id] = None
    if by_passage:
        first = [story.place(i) for i in by_passage[min(by_passage)]]
        pins = [p for p in first if not p.area]
        return pins or first
    return [p for p in story.places if not p.area] or list(story.places)


def initial_view(bounds: list[list[float]] | None) -> tuple[list[float], int]:
    """Centre and zoom that frame ``bounds`` on a map of about 700 × 500 px.

    Set as the map's starting view rather than fitted by Leaflet: a fit animates, and its end
    would undo the exact fit storymap.js makes for the real map size and panels."""
    if not bounds:
        return [20.0, 0.0], 2

    def mercator(lat: float) -> float:
        lat = max(min(lat, 85.0), -85.0)
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    (south, west), (north, east) = bounds
    width = (east - west) / 360 * 256
    height = (mercator(north) - mercator(south)) / (2 * math.pi) * 256
    scale = min(600 / width if width else math.inf, 400 / height if height else math.inf)
    zoom = 9 if math.isinf(scale) else int(max(1, min(9, math.floor(math.log2(scale)))))
    middle = (mercator(north) + mercator(south)) / 2
    lat = math.degrees(2 * math.atan(math.exp(middle)) - math.pi / 2)
    return [round(lat, 5), round((west + east) / 2, 5)], zoom
