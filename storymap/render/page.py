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
from functools import lru_cache
from importlib import resources
from itertools import count

import folium
from branca.element import Element
from jinja2 import Environment, PackageLoader, select_autoescape

from storymap.render import areas, assets
from storymap.render.basemap import BasemapOutlines, OutlineLayer, outlines
from storymap.render.controls import Annotation, FullscreenControl, LegendControl, ScaleControl
from storymap.render.messages import (
    catalogue,
    count_places,
    format_date,
    format_km,
    format_stop_time,
    time_datetime,
)
from storymap.render.names import PlaceNames, heading, place_names
from storymap.render.passages import (
    Sentences,
    enclosing,
    mention_passages,
    passages_html,
    stop_passages,
)
from storymap.render.view import (
    bounds,
    extent,
    first_view,
    initial_view,
    land_within_budget,
    outline_detail,
)
from storymap.story.geometry import great_circle
from storymap.story.model import ANNOUNCED, Story, StoryPlace

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
# Interface strings storymap.js needs (tour, Leaflet's own controls); the rest is in the page.
UI_KEYS = (
    "tour", "tour_overview", "tour_overview_count", "tour_position", "tour_previous",
    "tour_next", "passages_tour", "passage_overview_count", "passage_position",
    "passage_previous", "passage_next", "zoom_in", "zoom_out", "layers", "close_popup",
    "leaflet_about", "fullscreen", "announced", "route_stops", "and",
    "fullscreen_exit", "fullscreen_on", "fullscreen_off", "wheel_hint", "wheel_hint_mac",
    "tiles_failed", "attribution_show", "attribution_hide", "close_card", "passage_shown",
    "map_failed", "close_notice",
)
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


@lru_cache(maxsize=1)
def _world_json() -> str:
    return safe_json(json.loads(outlines()))


def compact_script(code: str) -> str:
    """JavaScript without indentation, blank lines and whole-line comments: the same
    program in two thirds of the bytes (no line of ours continues a string onto the next,
    so only whitespace and comments go)."""
    lines = []
    in_comment = False
    for line in code.splitlines():
        text = line.strip()
        if in_comment:
            in_comment = "*/" not in text
            continue
        if text.startswith("/*"):
            in_comment = "*/" not in text
            continue
        if text and not text.startswith("//"):
            lines.append(text)
    return "\n".join(lines)


def compact_css(css: str) -> str:
    """CSS without comments, indentation and blank lines."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return "\n".join(line.strip() for line in css.splitlines() if line.strip())


def _tile_name(name: str) -> str:
    """A readable layer name: "OpenStreetMap", not "OpenStreetMap.Mapnik"."""
    return name.split(".")[0] if name == "OpenStreetMap.Mapnik" else name.replace(".", " ")


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


def _crow_flies(km: float, lang: str, messages: dict[str, str]) -> str:
    """"559 km Luftlinie": a great-circle length must not read as the rail distance."""
    return messages["crow_flies"].replace("{km}", format_km(km, lang))


def _mode_text(mode: str | None, messages: dict[str, str]) -> str:
    """How a leg was travelled ("Zug"); nothing for a mode the catalogue does not know."""
    return messages.get(f"mode_{mode}", "") if mode else ""


def _leg_text(km: float, mode: str | None, lang: str, messages: dict[str, str]) -> str:
    """"559 km Luftlinie · Zug": the leg's length and, when the text says, how it was
    travelled."""
    text = _crow_flies(km, lang, messages)
    how = _mode_text(mode, messages)
    return f"{text} · {how}" if how else text


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


def _popup(
    story: Story,
    place: StoryPlace,
    names: PlaceNames,
    messages: dict[str, str],
    sentences_in: Sentences,
) -> str:
    """Name in the page's language and as written, kind, country, coordinates, and the
    sentences that mention the place with the mention emphasised (all escaped)."""
    kind = messages.get(f"kind_{place.kind}", place.kind)
    parts = [f"<strong>{html.escape(names.display)}</strong>"]
    if names.written:
        written = messages["written_as_label"].replace("{label}", names.written)
        parts.append(f"<br><small>{html.escape(written)}</small>")
    country = f" · {html.escape(names.country)}" if names.country else ""
    parts.append(
        f"<br>{html.escape(kind)}{country}"
        f"<br><small>{place.lat:.4f}, {place.lon:.4f}</small>"
    )
    sentences = []
    for index in place.mentions[:3]:
        mention = story.mentions[index]
        found = enclosing(sentences_in.starts, sentences_in.spans, mention.start)
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


def _renumber(root: Element) -> None:
    """Replace branca's random element ids with sequence numbers (byte-identical pages)."""
    numbers = count(1)

    def walk(element: Element) -> None:
        element._id = f"{next(numbers):04d}"
        for child in element._children.values():
            walk(child)

    walk(root)


def _stop_html(numbers: str, name: str, style: str) -> str:
    """A stop's marker: its numbers on a disc (a pill for a revisit) and its name beside it,
    where storymap.js moves it out of other labels' way."""
    return (
        f"<div class='{style}' aria-hidden='true'>{html.escape(numbers)}</div>"
        f"<span class='storymap-stop-label'>{html.escape(name)}</span>"
    )


def build_map(
    story: Story,
    tiles: str = "OpenStreetMap.Mapnik",
    ui_lang: str | None = None,
    names: dict[str, PlaceNames] | None = None,
) -> tuple[folium.Map, dict[str, object]]:
    """The folium map of the story and what storymap.js needs to find in it: per place id
    the JS name of its marker, the route legs' lines and labels, and the layer groups."""
    import xyzservices.providers as providers

    ui = ui_lang or story.lang
    messages = catalogue(ui)
    names = names or place_names(story, ui)
    centre, zoom = initial_view(bounds(first_view(story)))
    fmap = folium.Map(location=centre, zoom_start=zoom, tiles=None)
    # Leaflet itself goes into the page head by ``render_page`` (links or inlined).
    fmap.default_js = []
    fmap.default_css = []
    ScaleControl(imperial=ui.split("-")[0].lower() == "en").add_to(fmap)
    BasemapOutlines().add_to(fmap)
    provider = providers.query_name(tiles)
    tiles_max_zoom = int(provider.get("max_zoom", 18))
    tile_layer = folium.TileLayer(
        tiles=provider.build_url(),
        attr=provider.html_attribution,
        name=_tile_name(provider.name),
        max_zoom=tiles_max_zoom,
    ).add_to(fmap)
    outline_layer = OutlineLayer(messages["layer_outlines"]).add_to(fmap)

    layers = {
        "regions": folium.FeatureGroup(name=messages["layer_regions"]),
        "route": folium.FeatureGroup(name=messages["layer_route"]),
        "places": folium.FeatureGroup(name=messages["layer_places"]),
        "stops": folium.FeatureGroup(name=messages["layer_stops"]),
    }
    legs: list[tuple[Element, Element]] = []
    if story.route:
        modalities = story.stop_modalities()
        for number, (first, second, km) in enumerate(story.route_legs()):
            a, b = story.place(first), story.place(second)
            mode = story.route_modes[number] if number < len(story.route_modes) else None
            planned = modalities[number + 1] == ANNOUNCED  # the stop this leg arrives at
            line = great_circle((a.lat, a.lon), (b.lat, b.lon))
            text = _leg_text(km, mode, ui, messages)
            label = _leg_label(line, text).add_to(layers["route"])
            about = f"{names[a.id].display} → {names[b.id].display}: {text}"
            if planned:
                about += f" ({messages['announced']})"
            polyline = folium.PolyLine(
                line,
                color=ROUTE_COLOUR,
                weight=4,
                opacity=0.85,
                dash_array=ANNOUNCED_DASHES if planned else None,
                class_name="storymap-route-leg--announced" if planned else None,
            ).add_to(layers["route"])
            polyline.add_child(Annotation(html.escape(about), about))
            legs.append((polyline, label))
    markers: dict[str, folium.map.Layer] = {}
    sentences = Sentences(story)
    for place in story.places:
        named = names[place.id]
        popup = _popup(story, place, named, messages, sentences)
        if place.stop is not None:
            numbers = _stop_numbers(place)
            # A place visited again carries all its numbers ("1 · 7") on a wider pill.
            width = 28 if len(numbers) <= 2 else 7 * len(numbers) + 10
            style = "storymap-stop" if width == 28 else "storymap-stop storymap-stop--visits"
            marker = folium.Marker(
                [place.lat, place.lon],
                icon=folium.DivIcon(
                    html=_stop_html(numbers, named.display, style),
                    icon_size=(width, 28),
                    icon_anchor=(width // 2, 14),
                    class_name="storymap-stop-icon",
                ),
            ).add_to(layers["stops"])
            tooltip = f"{numbers}. {named.display}"
        elif place.area:
            # The outline (drawn by storymap.js from the story data) shows the area; this
            # handle at its point is what one clicks or hovers.
            marker = folium.CircleMarker(
                [place.lat, place.lon],
                radius=6,
                color=AREA_COLOUR,
                weight=2,
                fill=True,
                fill_color="#ffffff",
                fill_opacity=0.9,
                class_name="storymap-area-handle",
            ).add_to(layers["regions"])
            tooltip = named.display
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
            tooltip = named.display
        marker.add_child(Annotation(popup, tooltip))
        markers[place.id] = marker
    for layer in layers.values():
        layer.add_to(fmap)
    FullscreenControl(messages["fullscreen"], messages["fullscreen_exit"]).add_to(fmap)
    if ANNOUNCED in story.stop_modalities()[1:]:  # a dashed leg is drawn: say what it means
        LegendControl(
            f"<svg width='28' height='8' aria-hidden='true'><line x1='1' y1='4' x2='27' y2='4' "
            f"stroke='{ROUTE_COLOUR}' stroke-width='3' stroke-dasharray='6 4'/></svg> "
            f"<span class='storymap-legend-long'>{html.escape(messages['legend_announced'])}"
            f"</span><span class='storymap-legend-short'>{html.escape(messages['announced'])}"
            "</span>"
        ).add_to(fmap)
    folium.LayerControl(collapsed=True).add_to(fmap)
    _renumber(fmap.get_root())  # names are read after this: they carry the new numbers
    found: dict[str, object] = {
        "markers": {place_id: marker.get_name() for place_id, marker in markers.items()},
        "legs": [{"line": line.get_name(), "label": label.get_name()} for line, label in legs],
        "layers": {key: layer.get_name() for key, layer in layers.items()},
        "basemap": {"tiles": tile_layer.get_name(), "outlines": outline_layer.get_name(),
                    "tiles_max_zoom": tiles_max_zoom,
                    "attribution": provider.html_attribution,
                    "data_attribution": DATA_ATTRIBUTION},
    }
    return fmap, found


def _stop_name(place: StoryPlace, name: str, messages: dict[str, str]) -> str:
    """What a screen reader calls a stop marker: "Station 2: Chassan", "Stationen 1 und
    4: Pjöngjang"."""
    numbers = place.stops or ((place.stop,) if place.stop else ())
    if len(numbers) > 1:
        listed = ", ".join(str(n) for n in numbers[:-1]) + f" {messages['and']} {numbers[-1]}"
        return f"{messages['route_stops'].replace('{numbers}', listed)}: {name}"
    return f"{messages['route_stop'].replace('{number}', str(numbers[0]))}: {name}"


def _map_script(code: str) -> str:
    """folium's map script, compacted, and run only when Leaflet loaded: without it (a CDN
    link offline, a blocked script) the page shows its text and says the map is missing,
    with no error. ``var`` declarations in the block stay globals for storymap.js."""
    code = code.strip()
    if code.lower().startswith("<script"):
        code = code[code.index(">") + 1 : code.lower().rindex("</script")]
    return 'if (typeof L !== "undefined") {\n' + compact_script(code) + "\n}"


def render_page(
    story: Story,
    tiles: str = "OpenStreetMap.Mapnik",
    self_contained: bool = False,
    ui_lang: str | None = None,
    asset_base: str | None = None,
) -> str:
    """The complete story-map page for ``story``.

    ``self_contained``: inline Leaflet so the page works from ``file://`` without network
    (tiles still need it; the basemap outlines do not). ``asset_base``: link Leaflet from
    this relative folder instead (a batch's one shared copy, ``assets.write_shared``)."""
    ui = ui_lang or story.lang
    messages = catalogue(ui)
    data = story.to_dict()
    no_places = not story.places
    names = place_names(story, ui)
    title = heading(story, ui)
    head = map_html = map_script = ""
    found: dict[str, object] = {}
    if not no_places:
        fmap, found = build_map(story, tiles, ui, names)
        figure = fmap.get_root()
        figure.render()
        if asset_base is not None:
            leaflet = assets.head_local(asset_base)
        else:
            leaflet = assets.head_inline() if self_contained else assets.head_links()
        head = leaflet + _VIEWPORT.sub("", figure.header.render())
        map_html = figure.html.render()
        map_script = _map_script(figure.script.render())
        data["map"] = fmap.get_name()
        data["layers"] = found["layers"]
        data["ui"] = {key: messages[key] for key in UI_KEYS}
    markers: dict[str, str] = found.get("markers", {})  # type: ignore[assignment]
    points = [p for p in story.places if not p.area]
    land = land_within_budget(story)
    for record, place in zip(data["places"], story.places, strict=True):  # type: ignore[call-overload]
        named = names[place.id]
        record.update(display=named.display, written=named.written, country_name=named.country,
                      extent=extent(place, points))
        if place.kind == "country" and place.country in land:
            record["outline"] = place.country
            record["outline_zoom"] = areas.country(place.country).detail  # type: ignore[union-attr]
        if place.stop is not None:
            record["said"] = _stop_name(place, named.display, messages)
        else:
            kind = messages.get(f"kind_{place.kind}", place.kind)
            record["said"] = f"{named.display} ({kind})"
        if markers:
            record["marker"] = markers[place.id]
    if not no_places:
        basemap: dict[str, object] = dict(found["basemap"])  # type: ignore[call-overload]
        basemap["detail"] = outline_detail(story, land)
        data["basemap"] = basemap
        data["land"] = land
    places_in: dict[int, dict[str, None]] = {}
    for mention, passage_index in zip(story.mentions, mention_passages(story), strict=True):
        if mention.place:
            places_in.setdefault(passage_index, {})[mention.place.id] = None
    data["passages"] = [
        {"index": passage.index, "places": list(places_in.get(passage.index, {}))}
        for passage in story.article.passages
    ]
    stops = [story.place(place_id) for place_id in story.route]
    times, modalities = story.stop_times(), story.stop_modalities()
    dates = [format_stop_time(time, ui) for time in times]
    data["route"] = {
        "stops": list(story.route), "bounds": bounds(stops),
        "legs": found.get("legs", []), "dates": dates,
        "announced": [modality == ANNOUNCED for modality in modalities],
    }
    data["bounds"] = bounds(points or list(story.places))
    passages = passages_html(story, title)
    numbers = {row["index"]: row["number"] for row in passages if row["number"] is not None}
    sentences = Sentences(story)
    # One row per visit: a place the route returns to has a row for each arrival.
    itinerary = []
    leg_km = [None, *(km for _, _, km in story.route_legs())]
    for index, stop in enumerate(stops):
        km = leg_km[index]
        mode = story.route_modes[index - 1] if 0 < index <= len(story.route_modes) else None
        itinerary.append(
            {
                "number": index + 1,
                "name": names[stop.id].display,
                "km_from_previous": km,
                "km_text": _crow_flies(km, ui, messages) if km is not None else "",
                "mode_text": _mode_text(mode, messages) if km is not None else "",
                "date": dates[index],
                "datetime": time_datetime(times[index]),
                "announced": modalities[index] == ANNOUNCED,
                "passages": stop_passages(story, stop, numbers, sentences),
            }
        )
    template = _environment().get_template("page.html.j2")
    tile_credit = str(found["basemap"]["attribution"]) if found else ""  # type: ignore[index]
    return template.render(
        lang=story.lang,
        title=title,
        headline_in_text=any(row["kind"] == "headline" for row in passages),
        date=format_date(story.date, ui),
        source=story.source,
        credits=story.credits,
        messages=messages,
        places_count=count_places(len(story.places), ui),
        head=head,
        map_html=map_html,
        map_script=map_script,
        passages=passages,
        places=data["places"],
        itinerary=itinerary,
        announced_legs=any(row["announced"] for row in itinerary[1:]),
        story_json=safe_json(data),
        world_json="" if no_places else _world_json(),
        inline_js="/* storymap.js (compacted) */\n" + compact_script(_static("storymap.js")),
        inline_css=compact_css(_static("storymap.css")),
        no_places=no_places,
        tile_attribution=tile_credit,
    )
