"""The offline basemap: Natural Earth country outlines, simplified, drawn under the tiles.

When tiles cannot load (offline, blocked, ``file://`` in a locked-down browser) the page still
shows the world. ``python -m storymap.render.basemap SOURCE.geojson`` rebuilds the shipped
file from Natural Earth's admin-0 countries (public domain); shapely is only needed then.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

from branca.element import MacroElement
from jinja2 import Template

FILE = "countries-110m.json"
TOLERANCE_DEGREES = 0.3


def _rounded(coordinates: object) -> object:
    if isinstance(coordinates, (list, tuple)) and coordinates and isinstance(
        coordinates[0], (int, float)
    ):
        return [round(coordinates[0], 1), round(coordinates[1], 1)]
    return [_rounded(part) for part in coordinates]  # type: ignore[union-attr]


def build(source: Path, target: Path) -> int:
    """Simplify every country of ``source`` into ``target``; returns the bytes written."""
    from shapely.geometry import mapping, shape

    collection = json.loads(source.read_text(encoding="utf-8"))
    features = []
    for feature in collection["features"]:
        geometry = shape(feature["geometry"]).simplify(TOLERANCE_DEGREES, preserve_topology=True)
        if geometry.is_empty:
            continue
        simple = mapping(geometry)
        features.append(
            {
                "type": "Feature",
                "properties": {},
                "geometry": {
                    "type": simple["type"],
                    "coordinates": _rounded(simple["coordinates"]),
                },
            }
        )
    text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
    target.write_text(text + "\n", encoding="utf-8")
    return len(text)


def outlines() -> str:
    return resources.files("storymap.render").joinpath("static", FILE).read_text("utf-8").strip()


class BasemapOutlines(MacroElement):
    """Country outlines in a pane below the tile layer (tiles, when they load, cover them)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            map.createPane("storymap-basemap");
            map.getPane("storymap-basemap").style.zIndex = 150;
            map.getContainer().style.background = "#dce8f2";
            L.geoJSON({{ this.data }}, {
                pane: "storymap-basemap",
                interactive: false,
                style: {color: "#8a9aa8", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1}
            }).addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "BasemapOutlines"
        self.data = outlines()


if __name__ == "__main__":
    size = build(Path(sys.argv[1]), Path(__file__).parent / "static" / FILE)
    print(f"wrote {FILE} ({size / 1000:.0f} KB)")
