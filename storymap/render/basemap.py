"""The offline basemap: Natural Earth country outlines, simplified, drawn under the tiles.

When tiles cannot load (offline, blocked, ``file://`` in a locked-down browser) the page still
shows the world; storymap.js then switches to the outline layer ("Umrisse (offline)"), where
the countries of the story are drawn from their finer 1:50m outlines and the story's places
carry their names. ``python -m storymap.render.basemap SOURCE.geojson`` rebuilds the shipped
file from Natural Earth's admin-0 countries (public domain); shapely is only needed then.

The file is compact: per country its ISO code and its rings as lat, lon pairs in tenths of a
degree, each after the first as the step from the one before (a third of plain GeoJSON).
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from branca.element import MacroElement
from folium.map import Layer
from jinja2 import Template

FILE = "countries-110m.json"
TOLERANCE_DEGREES = 0.3
SCALE = 10  # steps per degree in the shipped file
# The outline map's own zoom limit when none of the story's countries has a finer outline.
WORLD_DETAIL = 5


def _encode(ring: Any) -> list[int]:
    """A ring as delta-coded lat, lon steps of 1/SCALE degree (repeated points dropped)."""
    flat: list[int] = []
    previous = (0, 0)
    for x, y in ring.coords:
        point = (round(y * SCALE), round(x * SCALE))
        if flat and point == previous:
            continue
        flat += [point[0] - previous[0], point[1] - previous[1]]
        previous = point
    return flat


def build(source: Path, target: Path) -> int:
    """Simplify every country of ``source`` into ``target``; returns the bytes written."""
    from shapely.geometry import shape

    from storymap.render.areas import _code

    collection = json.loads(source.read_text(encoding="utf-8"))
    countries = []
    for feature in collection["features"]:
        geometry = shape(feature["geometry"]).simplify(TOLERANCE_DEGREES, preserve_topology=True)
        if geometry.is_empty:
            continue
        polygons = [geometry] if geometry.geom_type == "Polygon" else list(geometry.geoms)
        parts = []
        for polygon in polygons:
            rings = [_encode(polygon.exterior), *(_encode(hole) for hole in polygon.interiors)]
            rings = [ring for ring in rings if len(ring) >= 6]
            if rings:
                parts.append(rings)
        if parts:
            countries.append([_code(feature["properties"]) or "", parts])
    document = {
        "source": "Natural Earth 1:110m admin-0 countries (public domain), simplified",
        "scale": SCALE, "countries": countries,
    }
    text = json.dumps(document, separators=(",", ":"))
    target.write_text(text + "\n", encoding="utf-8")
    return len(text)


def outlines() -> str:
    """The shipped world outlines (JSON text: digits, codes and brackets only)."""
    return resources.files("storymap.render").joinpath("static", FILE).read_text("utf-8").strip()


class BasemapOutlines(MacroElement):
    """The pane for the outlines, below the tile layer (tiles, when they load, cover it);
    storymap.js draws the world into it from the page's ``#storymap-world`` data."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.createPane("storymap-basemap");
        {{ this._parent.get_name() }}.getPane("storymap-basemap").style.zIndex = 150;
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "BasemapOutlines"


class OutlineLayer(Layer):
    """The outline map as a base layer of the layer control ("Umrisse (offline)"): choosing
    it hides the tiles; storymap.js fills it with the story's place names and caps the zoom."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.layerGroup();
        {% endmacro %}
        """
    )

    def __init__(self, name: str) -> None:
        super().__init__(name=name, overlay=False, control=True, show=False)
        self._name = "OutlineLayer"


if __name__ == "__main__":
    size = build(Path(sys.argv[1]), Path(__file__).parent / "static" / FILE)
    print(f"wrote {FILE} ({size / 1000:.0f} KB)")
