"""The Story: an article, its passages, the places it mentions, and the journey.

Everything the page shows is in the Story (and in the JSON it embeds); rendering never
geoparses and the page's script derives nothing itself.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from gazetteer import Candidate
from storymap.geometry import leg_km, route_feature
from storymap.mention import Mention
from storymap.text import Article

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

    def to_html(self, **options: object) -> str:
        from storymap.render.page import render_page

        return render_page(self, **options)

    def save(self, path: str | Path, **options: object) -> Path:
        """Write the story map; the file appears only complete (atomic replace)."""
        from storymap.files import write_atomically

        path = Path(path)
        write_atomically(path, self.to_html(**options))
        return path

    def heading(self, ui_lang: str | None = None) -> str:
        """The title a page shows: the story's own (given, or the text's headline), else
        what the map shows — the route or the first places, and the date."""
        if self.title:
            return self.title
        from storymap.render.names import describe

        return describe(self, ui_lang)

    def _repr_html_(self) -> str:
        """Jupyter shows the story map inline (in an iframe, so its script runs isolated)."""
        from html import escape

        page = escape(self.to_html(), quote=True)
        return (
            f'<iframe srcdoc="{page}" title="{escape(self.heading())}" '
            'allow="fullscreen" style="width:100%;height:600px;border:0"></iframe>'
        )


def _title_of(article: Article, text: str) -> str:
    """The headline when the article opens with one — a short first line without a final
    stop, followed by more text — else "": the page then says what its map shows instead of
    repeating the lead (``Story.heading``)."""
    if not article.passages or article.passages[0].caption:
        return ""
    first = article.passages[0]
    paragraph = text[first.start : first.end]
    line, _, rest = paragraph.partition("\n")
    line = " ".join(line.split())
    more = bool(rest.strip()) or len(article.passages) > 1
    if more and line and len(line) <= MAX_TITLE and not line.endswith((".", "!", "?", ":")):
        return line
    return ""


def assemble_story(
    text: str,
    article: Article,
    lang: str,
    mentions: tuple[Mention, ...],
    *,
    route: tuple[str, ...] = (),
    route_modes: tuple[str | None, ...] = (),
    route_times: tuple[str | None, ...] = (),
    route_modalities: tuple[str, ...] = (),
    route_places: dict[str, Candidate] | None = None,
    title: str | None = None,
    source: str | None = None,
    credits: str | None = None,
    published: str | None = None,
    labels: dict[str, str] | None = None,
    notes: tuple[str, ...] = (),
) -> Story:
    """The Story from resolved mentions and a route (place ids in travel order).

    Places come in the order the text first names them, then route stops the text does not
    name (``route_places`` holds those); a place's label is how the text first writes it
    (``labels`` may say otherwise, as a hand-edited story file does). ``route_times`` and
    ``route_modalities`` hold one entry per stop, or none when unknown."""
    for name, values in (("route_times", route_times), ("route_modalities", route_modalities)):
        if values and len(values) != len(route):
            raise ValueError(f"{name} has {len(values)} entries for {len(route)} stops")
    for modality in route_modalities:
        if modality not in MODALITIES:
            raise ValueError(f"unknown modality {modality!r} (known: {', '.join(MODALITIES)})")
    route_times = tuple(time.strip() or None if time else None for time in route_times)
    order: list[str] = []
    first_label: dict[str, str] = {}
    indices: dict[str, list[int]] = {}
    known: dict[str, Candidate] = {}
    for index, mention in enumerate(mentions):
        if mention.place is None:
            continue
        place_id = mention.place.id
        if place_id not in indices:
            order.append(place_id)
            indices[place_id] = []
            known[place_id] = mention.place
        if not mention.derived and place_id not in first_label:
            first_label[place_id] = mention.text
        indices[place_id].append(index)
    for place_id in route:
        if place_id not in indices:
            if route_places is None or place_id not in route_places:
                raise ValueError(f"route stop {place_id!r} is not a known place")
            order.append(place_id)
            indices[place_id] = []
            known[place_id] = route_places[place_id]
    first_label.update(labels or {})
    places = []
    for place_id in order:
        candidate = known[place_id]
        stops = tuple(number for number, stop_id in enumerate(route, 1) if stop_id == place_id)
        stop = stops[0] if stops else None
        places.append(
            StoryPlace(
                id=place_id,
                name=candidate.name,
                label=first_label.get(place_id, candidate.name),
                kind=candidate.kind,
                country=candidate.country,
                lat=candidate.lat,
                lon=candidate.lon,
                stop=stop,
                area=candidate.kind in AREA_KINDS and stop is None,
                mentions=tuple(indices[place_id]),
                stops=stops,
            )
        )
    return Story(
        text=text,
        article=article,
        lang=lang,
        title=title or _title_of(article, text),
        mentions=mentions,
        places=tuple(places),
        route=route,
        route_modes=route_modes,
        route_times=route_times,
        route_modalities=route_modalities,
        source=source,
        credits=credits,
        published=published,
        notes=notes,
    )


def build_story(text: str, **options: object) -> Story:
    """Geoparse ``text`` and assemble its Story (the pipeline lives in ``storymap.extract``)."""
    from storymap.extract import build_story as extract

    return extract(text, **options)  # type: ignore[arg-type]
