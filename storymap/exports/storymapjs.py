"""Knight Lab StoryMapJS JSON, so a newsroom can continue a story map in StoryMapJS.

One slide per route stop (the journey, joined by StoryMapJS's line: a place visited twice
has two slides) or, for stories without a route, one slide per passage that names a place.
Slide text is the stop's date when known, then the article's own passages, HTML-escaped
(StoryMapJS renders slide text as HTML).
"""

from __future__ import annotations

import html
from typing import Any

from storymap.render.messages import catalogue, format_stop_time
from storymap.render.names import heading
from storymap.story.model import ANNOUNCED, Story, StoryPlace

ATTRIBUTION = "Places: GeoNames (CC BY 4.0), Natural Earth · storymap"
# StoryMapJS zoom (Leaflet levels) that frames a place of each kind.
ZOOM_BY_KIND = {
    "continent": 3, "ocean": 3, "sea": 4, "country": 4, "historic_country": 4, "region": 5,
    "admin1": 6, "admin2": 8, "island": 9, "city": 10,
}
DEFAULT_ZOOM = 8


def _passage_html(story: Story, index: int) -> str:
    passage = story.article.passages[index]
    return f"<p>{html.escape(' '.join(story.text[passage.start : passage.end].split()))}</p>"


def _passages_of(story: Story, place: StoryPlace) -> list[int]:
    found = (story.passage_of(story.mentions[i].start) for i in place.mentions)
    return sorted(set(found))


def _slide(place: StoryPlace, headline: str, text: str, line: bool) -> dict[str, Any]:
    return {
        "location": {
            "lat": place.lat,
            "lon": place.lon,
            "zoom": ZOOM_BY_KIND.get(place.kind, DEFAULT_ZOOM),
            "line": line,
        },
        "text": {"headline": html.escape(headline), "text": text},
    }


def _overview(story: Story) -> dict[str, Any]:
    facts = [story.date, story.source, story.credits]
    return {
        "type": "overview",
        "text": {
            "headline": html.escape(heading(story)),
            "text": " · ".join(html.escape(fact) for fact in facts if fact),
        },
    }


def to_storymapjs(story: Story, slides: str = "auto") -> dict[str, Any]:
    """The StoryMapJS document; ``slides``: "stops", "passages" or "auto" (stops if a route)."""
    if slides not in ("auto", "stops", "passages"):
        raise ValueError(f"slides must be auto, stops or passages, not {slides!r}")
    by_stops = slides == "stops" or (slides == "auto" and len(story.route) >= 2)
    result = [_overview(story)]
    if by_stops:
        times, modalities = story.stop_times(), story.stop_modalities()
        planned = catalogue(story.lang)["announced"]
        for number, place_id in enumerate(story.route):
            place = story.place(place_id)
            facts = [format_stop_time(times[number], story.lang)]
            if modalities[number] == ANNOUNCED:
                facts.append(planned)
            when = " · ".join(html.escape(fact) for fact in facts if fact)
            text = f"<p><strong>{when}</strong></p>" if when else ""
            text += "".join(_passage_html(story, i) for i in _passages_of(story, place))
            result.append(_slide(place, place.label, text, line=True))
    else:
        for passage in story.article.passages:
            named = [
                story.mentions[i].place.id  # type: ignore[union-attr]
                for i in range(len(story.mentions))
                if story.mentions[i].place is not None
                and story.passage_of(story.mentions[i].start) == passage.index
            ]
            if not named:
                continue
            places = [story.place(place_id) for place_id in dict.fromkeys(named)]
            # a point rather than an area stands for the passage when it names one
            focus = next((p for p in places if not p.area), places[0])
            headline = ", ".join(p.label for p in places[:3])
            result.append(_slide(focus, headline, _passage_html(story, passage.index), False))
    return {
        "storymap": {
            "language": story.lang,
            "map_type": "osm:standard",
            "map_as_image": False,
            "calculate_zoom": False,
            "line_color": "#b3261e",
            "attribution": ATTRIBUTION,
            "slides": result,
        }
    }
