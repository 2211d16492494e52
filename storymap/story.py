"""The Story: an article, its passages, the places it mentions, and the journey.

Everything the page shows is in the Story (and in the JSON it embeds); rendering never
geoparses and the page's script derives nothing itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from gazetteer import Gazetteer
from gazetteer.normalize import normalize
from storymap.geometry import leg_km, route_feature
from storymap.geoparse import GeoparseResult, geoparse
from storymap.journey import infer_journey
from storymap.mention import Mention
from storymap.text import Article

# Places drawn as a light area rather than a pin.
AREA_KINDS = frozenset(
    {"country", "historic_country", "continent", "region", "ocean", "sea", "admin1"}
)
MAX_TITLE = 140


@dataclass(frozen=True, slots=True)
class StoryPlace:
    id: str
    name: str  # the gazetteer's name
    label: str  # as first written in the text
    kind: str
    country: str
    lat: float
    lon: float
    stop: int | None  # position in the route, 1-based
    area: bool
    mentions: tuple[int, ...]  # indices into Story.mentions


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
    source: str | None = None
    options: dict[str, object] = field(default_factory=dict)

    @property
    def date(self) -> str | None:
        return self.article.date

    def place(self, place_id: str) -> StoryPlace:
        return next(place for place in self.places if place.id == place_id)

    def passage_of(self, offset: int) -> int:
        for passage in self.article.passages:
            if passage.start <= offset < passage.end:
                return passage.index
        return 0

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
                    "country": p.country, "stop": p.stop, "mentions": len(p.mentions),
                },
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
            }
            for p in self.places
        ]
        if len(self.route) >= 2:
            stops = [(self.place(i).lat, self.place(i).lon) for i in self.route]
            legs = [round(km, 1) for _, _, km in self.route_legs()]
            features.append(
                route_feature(stops, {"kind": "route", "stops": list(self.route), "legs_km": legs})
            )
        return {"type": "FeatureCollection", "features": features}

    def to_dict(self) -> dict[str, object]:
        """The story as plain data (the page's embedded JSON is built from this)."""
        return {
            "version": 1,
            "lang": self.lang,
            "title": self.title,
            "date": self.date,
            "source": self.source,
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
                    "area": p.area,
                    "mentions": list(p.mentions),
                }
                for p in self.places
            ],
            "route": list(self.route),
            "route_modes": list(self.route_modes),
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

    def _repr_html_(self) -> str:
        return self.to_html()


def _title_of(article: Article, text: str) -> str:
    """The headline when the article opens with one (a short first line, no final stop,
    followed by more text in the same paragraph), else its first sentence, shortened."""
    if not article.passages:
        return ""
    first = article.passages[0]
    paragraph = text[first.start : first.end]
    line, _, rest = paragraph.partition("\n")
    line = line.strip()
    if rest.strip() and len(line) <= MAX_TITLE and not line.endswith((".", "!", "?", ":")):
        return line
    sentence = first.sentences[0] if first.sentences else first
    title = " ".join(text[sentence.start : sentence.end].split())
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1].rstrip() + "…"


def _route_ids(names: list[str], mentions: tuple[Mention, ...], gazetteer: Gazetteer) -> list[str]:
    """Place ids for user-given route names: a place of the story first, else the gazetteer."""
    ids = []
    for name in names:
        key = normalize(name)
        found = next(
            (
                m.place.id
                for m in mentions
                if m.place and key in (normalize(m.text), normalize(m.place.name))
            ),
            None,
        )
        if found is None:
            candidates = gazetteer.lookup(name)
            if not candidates:
                raise ValueError(f"route stop {name!r} is neither in the text nor in the gazetteer")
            found = candidates[0].id
        ids.append(found)
    return ids


def build_story(
    text: str,
    *,
    title: str | None = None,
    lang: str = "auto",
    route: list[str] | None = None,
    source: str | None = None,
) -> Story:
    """Geoparse ``text`` and assemble the Story (``route``: place names in travel order)."""
    result: GeoparseResult = geoparse(text, lang=lang)
    gazetteer = Gazetteer.open()
    mentions = tuple(result.mentions)
    modes: tuple[str | None, ...] = ()
    if route:
        route_ids = _route_ids(route, mentions, gazetteer)
    else:
        # The journey the text tells; a user-given route always wins.
        journey = infer_journey(result, gazetteer)
        route_ids = list(journey.place_ids)
        modes = journey.modes
    order: list[str] = []
    labels: dict[str, str] = {}
    indices: dict[str, list[int]] = {}
    candidates: dict[str, object] = {}
    for index, mention in enumerate(mentions):
        if mention.place is None:
            continue
        place_id = mention.place.id
        if place_id not in indices:
            order.append(place_id)
            indices[place_id] = []
            candidates[place_id] = mention.place
        if not mention.derived and place_id not in labels:
            labels[place_id] = mention.text
        indices[place_id].append(index)
    for place_id in route_ids:
        if place_id not in indices:
            index = gazetteer.index_of(place_id)
            if index is None:
                raise ValueError(f"unknown place id {place_id!r} in the route")
            order.append(place_id)
            indices[place_id] = []
            candidates[place_id] = gazetteer.candidate(index)
    places = []
    for place_id in order:
        candidate = candidates[place_id]
        stop = route_ids.index(place_id) + 1 if place_id in route_ids else None
        places.append(
            StoryPlace(
                id=place_id,
                name=candidate.name,  # type: ignore[attr-defined]
                label=labels.get(place_id, candidate.name),  # type: ignore[attr-defined]
                kind=candidate.kind,  # type: ignore[attr-defined]
                country=candidate.country,  # type: ignore[attr-defined]
                lat=candidate.lat,  # type: ignore[attr-defined]
                lon=candidate.lon,  # type: ignore[attr-defined]
                stop=stop,
                area=candidate.kind in AREA_KINDS and stop is None,  # type: ignore[attr-defined]
                mentions=tuple(indices[place_id]),
            )
        )
    return Story(
        text=text,
        article=result.article,
        lang=result.lang,
        title=title or _title_of(result.article, text),
        mentions=mentions,
        places=tuple(places),
        route=tuple(route_ids),
        route_modes=modes,
        source=source,
    )
