"""Map controls written as folium MacroElements (no plugin downloads, so they also work in
self-contained pages)."""

from __future__ import annotations

import html

from branca.element import MacroElement
from jinja2 import Template


class FullscreenControl(MacroElement):
    """A button that shows the map full screen with the browser's Fullscreen API, and says
    which state it is in (``aria-pressed``, its label). Left out where the page may not go
    full screen (a cross-origin frame without ``allow="fullscreen"``): a button that does
    nothing would fail silently."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var enter = {{ this.title|tojson }}, leave = {{ this.exit_title|tojson }};
            var Control = L.Control.extend({
                options: {position: "topleft"},
                onAdd: function (map) {
                    var button = L.DomUtil.create("button", "storymap-fullscreen leaflet-bar");
                    var box = map.getContainer();
                    var show = function () {
                        var on = document.fullscreenElement === box;
                        button.title = on ? leave : enter;
                        button.setAttribute("aria-label", on ? leave : enter);
                        button.setAttribute("aria-pressed", on ? "true" : "false");
                    };
                    button.type = "button";
                    show();
                    button.innerHTML = '<svg viewBox="0 0 16 16" width="16" height="16" ' +
                        'aria-hidden="true"><path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5" ' +
                        'fill="none" stroke="currentColor" stroke-width="2"/></svg>';
                    if (!document.fullscreenEnabled || !box.requestFullscreen) {
                        button.hidden = true;
                    }
                    L.DomEvent.disableClickPropagation(button);
                    L.DomEvent.on(button, "click", function () {
                        if (document.fullscreenElement) {
                            document.exitFullscreen();
                        } else {
                            box.requestFullscreen().catch(function () {});
                        }
                    });
                    document.addEventListener("fullscreenchange", function () {
                        show();
                        map.invalidateSize();
                    });
                    return button;
                }
            });
            new Control().addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, title: str, exit_title: str) -> None:
        super().__init__()
        self._name = "FullscreenControl"
        self.title = title
        self.exit_title = exit_title


class Annotation(MacroElement):
    """A popup (HTML) and a tooltip (text) bound to the parent layer.

    Both go into the script as JSON strings (jinja's ``tojson`` escapes <, >, & and
    quotes), so article text can never end the script; folium's own Popup/Tooltip paste
    text into JavaScript template literals and need jQuery. Leaflet sets a tooltip string
    as innerHTML, so the tooltip text is escaped here: a label such as ``<img onerror=…>``
    shows as written instead of running.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.bindPopup({{ this.popup|tojson }}, {maxWidth: 320});
        {{ this._parent.get_name() }}.bindTooltip({{ this.tooltip|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, popup_html: str, tooltip: str) -> None:
        super().__init__()
        self._name = "Annotation"
        self.popup = popup_html
        self.tooltip = html.escape(tooltip, quote=False)


class LegendControl(MacroElement):
    """A key in the map's corner for what a line style means (the dashed, planned legs), so
    the map explains itself without the itinerary beside it.

    ``html`` is markup the Python side built with the text already escaped; it goes into the
    script as a JSON string, like ``Annotation``'s popup."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var Control = L.Control.extend({
                options: {position: "bottomleft"},
                onAdd: function () {
                    var box = L.DomUtil.create("div", "storymap-legend");
                    box.innerHTML = {{ this.legend_html|tojson }};
                    return box;
                }
            });
            new Control().addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str) -> None:
        super().__init__()
        self._name = "LegendControl"
        self.legend_html = html_text


class ScaleControl(MacroElement):
    """Leaflet's scale bar, metric only where readers do not think in miles."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.control.scale({imperial: {{ this.imperial|tojson }}})
            .addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, imperial: bool) -> None:
        super().__init__()
        self._name = "ScaleControl"
        self.imperial = imperial
