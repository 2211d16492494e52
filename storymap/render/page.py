"""Story → one HTML page: a folium (Leaflet) map inside a jinja2 page with the article text.

The map is built with folium elements (markers, circles, the route line, layer groups and
controls); the page around it comes from ``templates/page.html.j2``; a small script
(``static/storymap.js``) links passages and map using the embedded Story JSON. Element ids
are numbered, not random, so the same story and options give the same bytes.
"""

from __future__ import annotations

import html
import json
import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from itertools import count

import folium
from branca.element import Element
from jinja2 import Environment, PackageLoader, select_autoescape

from storymap.geometry import great_circle
from storymap.render import assets
from storymap.render.basemap import BasemapOutlines
from storymap.render.controls import Annotation, FullscreenControl, LegendControl
from storymap.render.messages import (
    catalogue,
    count_places,
    format_date,
    format_km,
    format_stop_time,
    time_datetime,
)
from storymap.story import ANNOUNCED, Story, StoryPlace
from storymap.text import Passage, Span

DATA_ATTRIBUTION = (
    'Places: <a href="https://www.geonames.org/">GeoNames</a> '
    '(<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>), '
    '<a href="https://www.naturalearthdata.com/">Natural Earth</a>'
)
ROUTE_COLOUR = "#b3261e"
# A leg to an announced (planned) stop is dashed; travelled legs are solid, whatever the
# mode (the mode is written on the leg's label and in the itinerary).
ANNOUNCED_DASHES = "8 10"
STOP_COLOUR = "#b3261e"
PLACE_COLOUR = "#1f5fa8"
AREA_COLOUR = "#6b5fa8"
# Radius of the light circle standing for an area, by kind (metres).
AREA_RADIUS_M = {
    "continent": 1_500_000, "ocean": 1_500_000, "sea": 400_000, "country": 300_000,
    "historic_country": 300_000, "region": 250_000, "admin1": 80_000,
}
_VIEWPORT = re.compile(r"<meta name=\"viewport\"[^>]*>", re.S)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("storymap.render", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _static(name: str) -> str:
    return resources.files("storymap.render").joinpath("static", name).read_text("utf-8")


def safe_json(data: object) -> str:
    """JSON that cannot end its <script> element or break JavaScript parsing."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _leg_text(km: float, mode: str | None, lang: str, messages: dict[str, str]) -> str:
    """"559 km · Zug": the leg's length and, when the text says, how it was travelled."""
    text = format_km(km, lang)
    return f"{text} · {messages[f'mode_{mode}']}" if mode else text


def _screen_angle(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Direction from ``a`` to ``b`` on a Web-Mercator map, in degrees clockwise from east."""

    def mercator_y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    dx = math.radians(b[1] - a[1])
    dy = mercator_y(b[0]) - mercator_y(a[0])
    return round(-math.degrees(math.atan2(dy, dx)), 1)


def _leg_label(line: list[tuple[float, float]], distance: str) -> folium.Marker:
    """An arrow at the middle of a leg, pointing the way of travel, with the leg's length."""
    middle = len(line) // 2
    after = line[middle + 1] if middle + 1 < len(line) else line[-1]
    angle = _screen_angle(line[middle - 1], after)
    arrow = (
        f"<svg class='storymap-arrow' viewBox='0 0 16 16' width='16' height='16' "
        f"style='transform: rotate({angle}deg)' aria-hidden='true'>"
        "<path d='M2 3 L14 8 L2 13 Z' fill='currentColor'/></svg>"
        f"<span class='storymap-leg-km'>{html.escape(distance)}</span>"
    )
    return folium.Marker(
        line[middle],
        icon=folium.DivIcon(
            html=arrow, icon_size=(16, 16), icon_anchor=(8, 8), class_name="storymap-leg-marker"
        ),
        interactive=False,
        keyboard=False,
    )


def _enclosing(starts: Sequence[int], spans: Sequence[Span | Passage], offset: int) -> int:
    """Index of the span holding ``offset`` among sorted, disjoint ``spans`` (``starts``: their
    starts), or -1. A binary search, so rendering stays linear in the article's length: a scan
    of every passage per mention made a 1 MB article take minutes."""
    found = bisect_right(starts, offset) - 1
    return found if found >= 0 and offset < spans[found].end else -1


class _Sentences:
    """Every sentence of the article in order, with their starts for ``_enclosing``."""

    def __init__(self, story: Story) -> None:
        self.spans = [sentence for p in story.article.passages for sentence in p.sentences]
        self.starts = [sentence.start for sentence in self.spans]


def _mention_passages(story: Story) -> list[int]:
    """The passage index of every mention (as ``Story.passage_of`` says, without its scan)."""
    passages = story.article.passages
    starts = [passage.start for passage in passages]
    found = (_enclosing(starts, passages, mention.start) for mention in story.mentions)
    return [passages[index].index if index >= 0 else 0 for index in found]


def _popup(
    story: Story, place: StoryPlace, messages: dict[str, str], sentences_in: _Sentences
) -> str:
    """Name as written and in the gazetteer, kind, country, coordinates, and the sentences
    that mention the place with the mention emphasised (all escaped)."""
    kind = messages.get(f"kind_{place.kind}", place.kind)
    parts = [f"<strong>{html.escape(place.label)}</strong>"]
    if place.name != place.label:
        parts.append(f"<br><small>{html.escape(place.name)}</small>")
    parts.append(
        f"<br>{html.escape(kind)}{' · ' + html.escape(place.country) if place.country else ''}"
        f"<br><small>{place.lat:.4f}, {place.lon:.4f}</small>"
    )
    sentences = []
    for index in place.mentions[:3]:
        mention = story.mentions[index]
        found = _enclosing(sentences_in.starts, sentences_in.spans, mention.start)
        if found >= 0:
            sentence = sentences_in.spans[found]
            before = story.text[sentence.start : mention.start]
            after = story.text[mention.end : sentence.end]
            sentences.append(
                f"{html.escape(before)}<mark>{html.escape(mention.text)}</mark>"
                f"{html.escape(after)}"
            )
    if sentences:
        parts.append("<ul class='storymap-popup-quotes'>")
        parts.extend(f"<li>{sentence}</li>" for sentence in dict.fromkeys(sentences))
        parts.append("</ul>")
    return "".join(parts)


def _stop_numbers(place: StoryPlace) -> str:
    """The place's stop numbers as its marker shows them: "3", or "1 · 7" for a revisit."""
    return " · ".join(str(number) for number in place.stops or (place.stop or 0,))


def _bounds(places: list[StoryPlace]) -> list[list[float]] | None:
    if not places:
        return None
    lats = [p.lat for p in places]
    lons = [p.lon for p in places]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _renumber(root: Element) -> None:
    """Replace branca's random element ids with sequence numbers (byte-identical pages)."""
    numbers = count(1)

    def walk(element: Element) -> None:
        element._id = f"{next(numbers):04d}"
        for child in element._children.values():
            walk(child)

    walk(root)


def build_map(
    story: Story, tiles: str = "OpenStreetMap.Mapnik", ui_lang: str | None = None
) -> tuple[folium.Map, dict[str, str]]:
    """The folium map of the story and, per place id, the JS name of its marker."""
    import xyzservices.providers as providers

    ui = ui_lang or story.lang
    messages = catalogue(ui)
    pins = [p for p in story.places if not p.area]
    focus = pins or list(story.places)
    bounds = _bounds(focus)
    centre = [
        (bounds[0][0] + bounds[1][0]) / 2 if bounds else 20.0,
        (bounds[0][1] + bounds[1][1]) / 2 if bounds else 0.0,
    ]
    fmap = folium.Map(location=centre, zoom_start=4, tiles=None, control_scale=True)
    # Leaflet itself goes into the page head by ``render_page`` (links or inlined).
    fmap.default_js = []
    fmap.default_css = []
    BasemapOutlines().add_to(fmap)
    provider = providers.query_name(tiles)
    folium.TileLayer(
        tiles=provider.build_url(),
        attr=f"{provider.html_attribution} | {DATA_ATTRIBUTION}",
        name=provider.name,
        max_zoom=provider.get("max_zoom", 18),
    ).add_to(fmap)

    layers = {
        "regions": folium.FeatureGroup(name=messages["layer_regions"]),
        "route": folium.FeatureGroup(name=messages["layer_route"]),
        "places": folium.FeatureGroup(name=messages["layer_places"]),
        "stops": folium.FeatureGroup(name=messages["layer_stops"]),
    }
    if story.route:
        modalities = story.stop_modalities()
        for number, (first, second, km) in enumerate(story.route_legs()):
            a, b = story.place(first), story.place(second)
            mode = story.route_modes[number] if number < len(story.route_modes) else None
            planned = modalities[number + 1] == ANNOUNCED  # the stop this leg arrives at
            line = great_circle((a.lat, a.lon), (b.lat, b.lon))
            _leg_label(line, _leg_text(km, mode, ui, messages)).add_to(layers["route"])
            about = f"{a.label} → {b.label}: {_leg_text(km, mode, ui, messages)}"
            if planned:
                about += f" ({messages['announced']})"
            folium.PolyLine(
                line,
                color=ROUTE_COLOUR,
                weight=4,
                opacity=0.85,
                dash_array=ANNOUNCED_DASHES if planned else None,
                class_name="storymap-route-leg--announced" if planned else None,
            ).add_to(layers["route"]).add_child(Annotation(html.escape(about), about))
    markers: dict[str, folium.map.Layer] = {}
    sentences = _Sentences(story)
    for place in story.places:
        popup = _popup(story, place, messages, sentences)
        if place.stop is not None:
            numbers = _stop_numbers(place)
            # A place visited again carries all its numbers ("1 · 7") on a wider pill.
            width = 28 if len(numbers) <= 2 else 7 * len(numbers) + 10
            style = "storymap-stop" if width == 28 else "storymap-stop storymap-stop--visits"
            marker = folium.Marker(
                [place.lat, place.lon],
                icon=folium.DivIcon(
                    html=f"<div class='{style}' aria-hidden='true'>{numbers}</div>",
                    icon_size=(width, 28),
                    icon_anchor=(width // 2, 14),
                    class_name="storymap-stop-icon",
                ),
            ).add_to(layers["stops"])
            tooltip = f"{numbers}. {place.label}"
        elif place.area:
            marker = folium.Circle(
                [place.lat, place.lon],
                radius=AREA_RADIUS_M.get(place.kind, 150_000),
                color=AREA_COLOUR,
                weight=1,
                fill=True,
                fill_opacity=0.08,
            ).add_to(layers["regions"])
            tooltip = place.label
        else:
            marker = folium.CircleMarker(
                [place.lat, place.lon],
                radius=7,
                color=PLACE_COLOUR,
                weight=2,
                fill=True,
                fill_color="#ffffff",
                fill_opacity=1.0,
            ).add_to(layers["places"])
            tooltip = place.label
        marker.add_child(Annotation(popup, tooltip))
        markers[place.id] = marker
    for layer in layers.values():
        layer.add_to(fmap)
    FullscreenControl(messages["fullscreen"]).add_to(fmap)
    if ANNOUNCED in story.stop_modalities()[1:]:  # a dashed leg is drawn: say what it means
        LegendControl(
            f"<svg width='28' height='8' aria-hidden='true'><line x1='1' y1='4' x2='27' y2='4' "
            f"stroke='{ROUTE_COLOUR}' stroke-width='3' stroke-dasharray='6 4'/></svg> "
            f"{html.escape(messages['legend_announced'])}"
        ).add_to(fmap)
    folium.LayerControl(collapsed=True).add_to(fmap)
    if bounds:
        fmap.fit_bounds(bounds, padding=(30, 30), max_zoom=9)
    _renumber(fmap.get_root())
    return fmap, {place_id: marker.get_name() for place_id, marker in markers.items()}


def _passages_html(story: Story) -> list[dict[str, object]]:
    """Each paragraph with its mentions as links (everything else escaped)."""
    result = []
    by_passage: dict[int, list[int]] = {}
    for index, passage_index in enumerate(_mention_passages(story)):
        by_passage.setdefault(passage_index, []).append(index)
    for passage in story.article.passages:
        position = passage.start
        pieces = []
        for index in by_passage.get(passage.index, []):
            mention = story.mentions[index]
            pieces.append(html.escape(story.text[position : mention.start]))
            label = html.escape(mention.text)
            if mention.place is None:
                pieces.append(f'<span class="mention mention--unresolved">{label}</span>')
            else:
                style = "derived" if mention.derived else "plain"
                pieces.append(
                    f'<a class="mention mention--{style}" href="#m{index}" id="m{index}" '
                    f'data-mention="{index}" data-place="{html.escape(mention.place.id)}">'
                    f"{label}</a>"
                )
            position = mention.end
        pieces.append(html.escape(story.text[position : passage.end]))
        text = "".join(pieces).replace("\n", "<br>\n")
        result.append({"index": passage.index, "html": text})
    return result


def render_page(
    story: Story,
    tiles: str = "OpenStreetMap.Mapnik",
    self_contained: bool = False,
    ui_lang: str | None = None,
) -> str:
    """The complete story-map page for ``story``.

    ``self_contained``: inline Leaflet so the page works from ``file://`` without network
    (tiles still need it; the basemap outlines do not)."""
    ui = ui_lang or story.lang
    messages = catalogue(ui)
    data = story.to_dict()
    no_places = not story.places
    head = map_html = map_script = ""
    if not no_places:
        fmap, markers = build_map(story, tiles, ui)
        figure = fmap.get_root()
        figure.render()
        leaflet = assets.head_inline() if self_contained else assets.head_links()
        head = leaflet + _VIEWPORT.sub("", figure.header.render())
        map_html = figure.html.render()
        map_script = figure.script.render()
        data["map"] = fmap.get_name()
        for place in data["places"]:  # type: ignore[union-attr]
            place["marker"] = markers[place["id"]]
    places_in: dict[int, dict[str, None]] = {}
    for mention, passage_index in zip(story.mentions, _mention_passages(story), strict=True):
        if mention.place:
            places_in.setdefault(passage_index, {})[mention.place.id] = None
    data["passages"] = [
        {"index": passage.index, "places": list(places_in.get(passage.index, {}))}
        for passage in story.article.passages
    ]
    stops = [story.place(place_id) for place_id in story.route]
    data["route"] = {"stops": list(story.route), "bounds": _bounds(stops)}
    data["bounds"] = _bounds([p for p in story.places if not p.area] or list(story.places))
    # One row per visit: a place the route returns to has a row for each arrival.
    itinerary = []
    leg_km = [None, *(km for _, _, km in story.route_legs())]
    times, modalities = story.stop_times(), story.stop_modalities()
    for index, stop in enumerate(stops):
        km = leg_km[index]
        mode = story.route_modes[index - 1] if 0 < index <= len(story.route_modes) else None
        itinerary.append(
            {
                "number": index + 1,
                "name": stop.label,
                "km_from_previous": km,
                "km_text": _leg_text(km, mode, ui, messages) if km is not None else "",
                "date": format_stop_time(times[index], ui),
                "datetime": time_datetime(times[index]),
                "announced": modalities[index] == ANNOUNCED,
            }
        )
    template = _environment().get_template("page.html.j2")
    return template.render(
        lang=story.lang,
        title=story.title,
        date=format_date(story.date, ui),
        source=story.source,
        credits=story.credits,
        messages=messages,
        places_count=count_places(len(story.places), ui),
        head=head,
        map_html=map_html,
        map_script=map_script,
        passages=_passages_html(story),
        places=data["places"],
        itinerary=itinerary,
        announced_legs=any(row["announced"] for row in itinerary[1:]),
        story_json=safe_json(data),
        inline_js=_static("storymap.js"),
        inline_css=_static("storymap.css"),
        no_places=no_places,
        tile_attribution="",
    )
