"""The Story: an article, its passages, the places it mentions, and the journey.

Everything the page shows is in the Story (and in the JSON it embeds); rendering never
geoparses and the page's script derives nothing itself. The model imports neither how a Story
is built (``storymap.story.build``, ``storymap.story.assemble``) nor how it is drawn
(``storymap.render``): ``storymap``'s own ``__init__`` ties them together.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from storymap.geoparse.mention import Mention
from storymap.geoparse.text import Article
from storymap.story.geometry import leg_km, route_feature

# Places drawn as a light area rather than a pin.
AREA_KINDS = frozenset(
    {"country", "historic_country", "continent", "region", "ocean", "sea", "admin1"}
)
MAX_TITLE = 140
# Where a route stop stands in reality: travelled, being travelled, or only planned.
DONE, UNDERWAY, ANNOUNCED = "done", "underway", "announced"
MODALITIES = (DONE, UNDERWAY, ANNOUNCED)
# A stop's time label as journey inference writes it: 2019, 2019-04, 2019-04-24 or
# 2019-04-24 14:30 (anything else is words of the text, shown as written).
_ISO_TIME = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?: (\d{2}):(\d{2}))?)?)?")
# Written like such a label (digits in that shape), so a typo is worth reporting.
_ISO_LOOKING = re.compile(r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?(?:[ T]\d{1,2}[:.]\d{2})?")


def parse_time_label(label: str) -> tuple[int, int | None, int | None, int | None] | None:
    """(year, month, day, minutes after midnight) of an ISO-like label, None for words or
    an impossible date, so the page can format a date and show anything else as written."""
    match = _ISO_TIME.fullmatch(label.strip())
    if not match:
        return None
    year = int(match[1])
    month, day = (int(part) if part else None for part in match.group(2, 3))
    if month is not None and not 1 <= month <= 12:
        return None
    if month is not None and day is not None:
        try:
            date(year, month, day)
        except ValueError:
            return None
    clock = None
    if match[4]:
        hour, minute = int(match[4]), int(match[5])
        if hour > 23 or minute > 59:
            return None
        clock = hour * 60 + minute
    return year, month, day, clock


def time_label_problem(label: str) -> str | None:
    """Why a hand-written stop time cannot be right (written like a date, but no real one),
    or None: words such as "Mittwoch" are fine and shown as written."""
    text = label.strip()
    if not text:
        return "is empty"
    if _ISO_LOOKING.fullmatch(text) and parse_time_label(text) is None:
        return "is no valid date (write 2019-04-24, 2019-04-24 14:30, 2019-04 or 2019)"
    return None


@dataclass(frozen=True, slots=True)
class StoryPlace:
    id: str
    name: str  # the gazetteer's name
    label: str  # as first written in the text
    kind: str
    country: str
    lat: float
    lon: float
    stop: int | None  # first position in the route, 1-based
    area: bool
    mentions: tuple[int, ...]  # indices into Story.mentions
    stops: tuple[int, ...] = ()  # every position in the route (a round trip returns), 1-based


@dataclass(slots=True)
class Story:
    text: str
    article: Article
    lang: str
    title: str
    mentions: tuple[Mention, ...]
    places: tuple[StoryPlace, ...]
    route: tuple[str, ...] = ()
    route_modes: tuple[str | None, ...] = ()  # travel mode of each leg, when the text says
    # Per stop: its time label (2019-04-24, "Mittwoch") and modality; empty = unknown / done.
    route_times: tuple[str | None, ...] = ()
    route_modalities: tuple[str, ...] = ()
    source: str | None = None
    credits: str | None = None
    published: str | None = None  # a date given outside the text (HTML metadata, story file)
    notes: tuple[str, ...] = ()  # what overrides did not match, for the user to see
    options: dict[str, object] = field(default_factory=dict)
    # The inferred journey (storymap.journey.Journey) the route came from; None when the
    # route was given. Not part of the story file: --explain prints it.
    journey: object | None = field(default=None, compare=False, repr=False)

    @property
    def date(self) -> str | None:
        return self.published or self.article.date

    def place(self, place_id: str) -> StoryPlace:
        return next(place for place in self.places if place.id == place_id)

    def passage_of(self, offset: int) -> int:
        """Index of the passage holding ``offset`` (0 if none): a binary search, since a
        long article has thousands of passages and mentions."""
        passages = self.article.passages
        i = bisect_right(passages, offset, key=lambda passage: passage.start) - 1
        return passages[i].index if i >= 0 and offset < passages[i].end else 0

    def stop_times(self) -> tuple[str | None, ...]:
        """Each stop's time label, None where unknown (one per stop, even when not recorded)."""
        return self.route_times or (None,) * len(self.route)

    def stop_modalities(self) -> tuple[str, ...]:
        """Each stop's modality (one per stop; an unrecorded one was travelled: done)."""
        return self.route_modalities or (DONE,) * len(self.route)

    def route_legs(self) -> list[tuple[str, str, float]]:
        """(from id, to id, geodesic km) for each leg of the route."""
        legs = []
        for first, second in zip(self.route, self.route[1:], strict=False):
            a, b = self.place(first), self.place(second)
            legs.append((first, second, leg_km((a.lat, a.lon), (b.lat, b.lon))))
        return legs

    def to_geojson(self) -> dict[str, object]:
        """Places as points and the route as a (Multi)LineString — for QGIS, geojson.io."""
        features: list[dict[str, object]] = [
            {
                "type": "Feature",
                "properties": {
                    "id": p.id, "name": p.name, "label": p.label, "kind": p.kind,
                    "country": p.country, "stop": p.stop, "stops": list(p.stops),
                    "mentions": len(p.mentions),
                },
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
            }
            for p in self.places
        ]
        if len(self.route) >= 2:
            stops = [(self.place(i).lat, self.place(i).lon) for i in self.route]
            legs = [round(km, 1) for _, _, km in self.route_legs()]
            properties = {
                "kind": "route", "stops": list(self.route), "legs_km": legs,
                "times": list(self.stop_times()), "modalities": list(self.stop_modalities()),
            }
            features.append(route_feature(stops, properties))
        return {"type": "FeatureCollection", "features": features}

    def to_dict(self) -> dict[str, object]:
        """The story as plain data (the page's embedded JSON is built from this)."""
        return {
            "version": 1,
            "lang": self.lang,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "credits": self.credits,
            "passages": [
                {"index": p.index, "start": p.start, "end": p.end}
                for p in self.article.passages
            ],
            "mentions": [
                {
                    "index": index,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "derived": m.derived,
                    "place": m.place.id if m.place else None,
                    "confidence": m.confidence,
                    "passage": self.passage_of(m.start),
                }
                for index, m in enumerate(self.mentions)
            ],
            "places": [
                {
                    "id": p.id,
                    "name": p.name,
                    "label": p.label,
                    "kind": p.kind,
                    "country": p.country,
                    "lat": p.lat,
                    "lon": p.lon,
                    "stop": p.stop,
                    "stops": list(p.stops),
                    "area": p.area,
                    "mentions": list(p.mentions),
                }
                for p in self.places
            ],
            "route": list(self.route),
            "route_modes": list(self.route_modes),
            "route_times": list(self.stop_times()),
            "route_modalities": list(self.stop_modalities()),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, indent=1)
