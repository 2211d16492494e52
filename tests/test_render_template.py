"""The page template with a hand-made context: structure, escaping, messages and formatting.

The page is parsed into a small element tree (html.parser), so the checks look at elements
and attributes, not at substrings of the markup.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from importlib import resources

import pytest
from jinja2 import Environment, PackageLoader

from gazetteer.kinds import KINDS
from storymap.render import messages
from storymap.render.messages import (
    catalogue,
    count_mentions,
    count_places,
    format_date,
    format_km,
    format_stop_time,
)

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
HOSTILE = "</script><script>alert(1)</script>"


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        return [
            node for node in self.iter()
            if (tag is None or node.tag == tag)
            and (cls is None or cls in node.classes())
            and all(node.attrs.get(name.replace("_", "-")) == v for name, v in attrs.items())
        ]

    def find(self, *args, **kwargs) -> Node:
        found = self.find_all(*args, **kwargs)
        assert len(found) == 1, (args, kwargs, len(found))
        return found[0]

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document", {}, None)
        self.declarations: list[str] = []

    def handle_decl(self, decl):
        self.declarations.append(decl)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None, f"</{tag}> closes nothing"
        assert node is self.current, f"</{tag}> closes <{self.current.tag}> too"
        self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(page: str) -> Node:
    tree = Tree()
    tree.feed(page)
    tree.close()
    assert tree.current is tree.root, f"<{tree.current.tag}> left open"
    assert tree.declarations == ["DOCTYPE html"]
    return tree.root


def story_json(data: object) -> str:
    """Escaped as the Python side does it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


@pytest.fixture(scope="module")
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("storymap.render", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def context(lang: str = "de", no_places: bool = False, **overrides) -> dict:
    places = [] if no_places else [
        {"id": "gn:1", "name": "Vladivostok", "label": "Wladiwostok", "kind": "city",
         "country": "RU", "lat": 43.1, "lon": 131.9, "stop": 2, "area": False,
         "mentions": [0, 2], "marker": "marker_0007"},
        {"id": "gn:2", "name": "<b>Russia</b>", "label": "russischen", "kind": "country",
         "country": "RU", "lat": 60.0, "lon": 100.0, "stop": None, "area": True,
         "mentions": [1], "marker": "circle_0009"},
    ]
    passages = [
        {"index": 0, "html": 'Kim fuhr nach <a class="mention mention--plain" href="#m0" id="m0" '
                             'data-mention="0" data-place="gn:1">Wladiwostok</a>.'},
        {"index": 1, "html": 'Der <a class="mention mention--derived" href="#m1" id="m1" '
                             'data-mention="1" data-place="gn:2">russischen</a> Präsident '
                             'wartete in <a class="mention mention--plain" href="#m2" id="m2" '
                             'data-mention="2" data-place="gn:1">Wladiwostok</a> &amp; '
                             '<span class="mention mention--unresolved">Nirgendwo</span>.'},
    ]
    data = {
        "lang": lang, "title": "Kim <in> Wladiwostok", "map": "map_0001", "places": places,
        "mentions": [], "passages": [{"index": 0, "places": ["gn:1"]},
                                     {"index": 1, "places": ["gn:2", "gn:1"]}],
        "route": {"stops": [], "bounds": None}, "bounds": [[43.1, 100.0], [60.0, 131.9]],
    }
    result = {
        "lang": lang,
        "title": "Kim in Wladiwostok",
        "date": format_date("2019-04-24", lang),
        "source": "Deutsche Welle",
        "messages": catalogue(lang),
        "places_count": count_places(len(places), lang),
        "head": '<link rel="stylesheet" href="leaflet.css">\n<script src="leaflet.js"></script>',
        "map_html": '<div class="folium-map" id="map_0001"></div>',
        "map_script": "<script>\nvar map_0001 = L.map('map_0001');\n</script>",
        "passages": passages,
        "places": places,
        "itinerary": [] if no_places else [
            {"number": 1, "name": "Pjöngjang", "km_from_previous": None, "km_text": ""},
            {"number": 2, "name": "Wladiwostok", "km_from_previous": 1234.4,
             "km_text": format_km(1234.4, lang)},
        ],
        "story_json": story_json(data),
        "inline_js": "window.StoryMapTest = 1;",
        "inline_css": ".storymap { color: #000; }",
        "no_places": no_places,
    }
    result.update(overrides)
    return result


def render(environment: Environment, **kwargs) -> Node:
    return parse(environment.get_template("page.html.j2").render(**context(**kwargs)))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_language_and_viewport(environment, lang):
    page = render(environment, lang=lang)
    assert page.find("html").attrs["lang"] == lang
    (viewport,) = page.find_all("meta", name="viewport")
    content = viewport.attrs["content"].replace(" ", "")
    assert "width=device-width" in content
    assert "user-scalable=no" not in content and "maximum-scale" not in content


def test_viewport_comes_after_folium_head(environment):
    # Should a viewport survive in folium's head, ours comes later and wins.
    head = '<meta name="viewport" content="width=device-width, user-scalable=no">'
    metas = render(environment, head=head).find_all("meta", name="viewport")
    assert len(metas) == 2 and "user-scalable" not in metas[-1].attrs["content"]


def test_embedded_json_is_passed_through_unchanged(environment):
    ctx = context()
    page = parse(environment.get_template("page.html.j2").render(**ctx))
    element = page.find("script", id="storymap-data")
    assert element.attrs["type"] == "application/json"
    assert element.text() == ctx["story_json"]
    assert json.loads(element.text())["title"] == "Kim <in> Wladiwostok"


def test_hostile_title_stays_text(environment):
    page = render(environment, title=HOSTILE, source=HOSTILE)
    assert page.find("title").text().startswith(HOSTILE)
    assert page.find("h1").text() == HOSTILE
    assert HOSTILE in page.find("span", cls="storymap-source").text()
    scripts = page.find_all("script")
    # folium's head script, the data, the map script, storymap.js: nothing else.
    assert len(scripts) == 4
    assert not any("alert" in script.text() for script in scripts)


def test_places_and_passages_are_escaped_or_kept_as_given(environment):
    page = render(environment)
    item = page.find("li", data_place="gn:2")
    assert item.find("span", cls="storymap-place-name").text() == "<b>Russia</b>"
    assert not item.find_all("b")
    passages = page.find_all("p", cls="passage")
    assert [p.attrs["data-passage"] for p in passages] == ["0", "1"]
    links = page.find_all("a", cls="mention")
    assert [link.attrs["data-mention"] for link in links] == ["0", "1", "2"]
    assert all(link.attrs["href"].startswith("#m") for link in links)
    assert "&" in passages[1].text()


def test_landmarks_skip_link_and_live_region(environment):
    page = render(environment)
    main = page.find("main")
    text = page.find(id="storymap-text")
    assert main in text.ancestors()
    assert page.find("a", cls="storymap-skip").attrs["href"] == "#storymap-text"
    assert text.attrs["tabindex"] == "0"
    aside = page.find("aside")
    assert aside.attrs["aria-label"] == catalogue("de")["lists"]
    live = page.find(id="storymap-live")
    assert live.attrs["aria-live"] == "polite"
    assert page.find("header") and page.find("footer")
    # The controls stay hidden until storymap.js has a map to control.
    controls = page.find("div", cls="storymap-controls")
    assert "hidden" in controls.attrs
    assert controls.find("button", id="storymap-reset").attrs["type"] == "button"


def test_header_shows_date_source_and_count(environment):
    page = render(environment)
    meta = page.find("p", cls="storymap-meta")
    assert "24. April 2019" in meta.find("span", cls="storymap-date").text()
    assert meta.find("span", cls="storymap-count").text() == "2 Orte"


def test_map_and_lists(environment):
    page = render(environment, lang="en")
    assert page.find("div", cls="folium-map").attrs["id"] == "map_0001"
    stops = page.find("section", cls="storymap-itinerary").find_all("li")
    assert [s.attrs["value"] for s in stops] == ["1", "2"]
    assert stops[1].find("span", cls="storymap-leg").text() == "1,234 km from the previous stop"
    facts = page.find("li", data_place="gn:1").find("span", cls="storymap-place-facts").text()
    assert facts == "city, RU · Stop 2 · mentioned 2 times"
    facts = page.find("li", data_place="gn:2").find("span", cls="storymap-place-facts").text()
    assert facts == "country, RU · mentioned once"


@pytest.mark.parametrize("code", [
    "var map_0001 = L.map('map_0001');",
    "<script>\nvar map_0001 = L.map('map_0001');\n</script>",
])
def test_map_script_with_or_without_its_tags(environment, code):
    scripts = render(environment, map_script=code).find_all("script")
    assert sum("L.map(" in script.text() for script in scripts) == 1
    assert not any("<script" in script.text() for script in scripts)


def test_page_without_places(environment):
    page = render(environment, no_places=True, map_html="", map_script="", head="")
    message = page.find("p", cls="storymap-no-places")
    assert message.text() == catalogue("de")["no_places"]
    assert not page.find_all(cls="folium-map")
    assert not page.find_all("button")
    assert page.find("span", cls="storymap-count").text() == "0 Orte"
    ids = [script.attrs.get("id") for script in page.find_all("script")]
    assert ids == ["storymap-data", None]  # the data, then storymap.js
    assert not page.find_all("aside")


def test_attribution(environment):
    tiles = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
    footer = render(environment, tile_attribution=tiles).find("footer")
    assert footer.find_all("a", href="https://www.openstreetmap.org/copyright")
    assert "GeoNames" in footer.text() and "Natural Earth" in footer.text()
    assert "CC BY 4.0" in footer.text()
    assert "OpenStreetMap" not in render(environment).find("footer").text()


def test_static_files_are_inlined_as_given(environment):
    js = resources.files("storymap.render").joinpath("static", "storymap.js").read_text("utf-8")
    css = resources.files("storymap.render").joinpath("static", "storymap.css").read_text("utf-8")
    page = render(environment, inline_js=js, inline_css=css)
    assert page.find_all("script")[-1].text().strip() == js.strip()
    assert page.find("style").text().strip() == css.strip()


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_script_parses():
    path = resources.files("storymap.render").joinpath("static", "storymap.js")
    subprocess.run(["node", "--check", str(path)], check=True, capture_output=True)


# Messages


def test_catalogues_have_the_same_keys_and_every_kind():
    german, english = catalogue("de"), catalogue("en")
    assert german.keys() == english.keys()
    assert all(german.values()) and all(english.values())
    for kind in KINDS:
        assert f"kind_{kind}" in german
    assert german["kind_city"] == "Stadt" and english["kind_city"] == "city"
    # Placeholders match between the languages.
    for key in german:
        for placeholder in ("{count}", "{km}", "{number}", "{label}"):
            assert (placeholder in german[key]) == (placeholder in english[key]), key


def test_catalogue_fallback():
    assert catalogue("fr") == catalogue("en")
    assert catalogue("de-AT") == catalogue("de")
    assert messages.FALLBACK == "en"


@pytest.mark.parametrize(("km", "lang", "expected"), [
    (1234.4, "de", "1.234 km"),
    (1234.4, "en", "1,234 km"),
    (1234567.0, "de", "1.234.567 km"),
    (12.5, "de", "13 km"),
    (9.96, "de", "10 km"),
    (3.44, "de", "3,4 km"),
    (3.44, "en", "3.4 km"),
    (0.0, "en", "0.0 km"),
])
def test_format_km(km, lang, expected):
    assert format_km(km, lang) == expected


@pytest.mark.parametrize(("date", "lang", "expected"), [
    ("2019-04", "de", "April 2019"),
    ("2019-04", "en", "April 2019"),
    ("2019-03-05", "de", "5. März 2019"),
    ("2019-04-24", "en", "24 April 2019"),
    ("2019-04-24T08:30:00+02:00", "de", "24. April 2019"),
    ("2019", "en", "2019"),
    ("2019-13", "de", "2019-13"),
    ("gestern", "de", "gestern"),
    (None, "de", ""),
])
def test_format_date(date, lang, expected):
    assert format_date(date, lang) == expected


@pytest.mark.parametrize(("label", "lang", "expected"), [
    ("2019-04-24", "de", "24.04.2019"),
    ("2019-04-24 14:30", "de", "24.04.2019, 14:30 Uhr"),
    ("2019-04", "de", "April 2019"),
    ("2019-03", "de", "März 2019"),
    ("2019", "de", "2019"),
    ("2019-04-24", "en", "24 April 2019"),
    ("2019-04-24 09:05", "en", "24 April 2019, 09:05"),
    ("2019-04", "en", "April 2019"),
    ("Mittwoch", "de", "Mittwoch"),
    ("am  frühen Morgen", "de", "am frühen Morgen"),
    ("2019-02-30", "de", "2019-02-30"),  # no such day: shown as written
    (None, "de", ""),
])
def test_format_stop_time(label, lang, expected):
    assert format_stop_time(label, lang) == expected


def test_itinerary_rows_show_date_and_planned_stops(environment):
    itinerary = [
        {"number": 1, "name": "Pjöngjang", "km_text": "", "date": "24.04.2019",
         "datetime": "2019-04-24", "announced": False},
        {"number": 2, "name": "Wladiwostok", "km_text": "1.234 km", "date": "<Mittwoch>",
         "datetime": None, "announced": True},
    ]
    page = render(environment, itinerary=itinerary, announced_legs=True)
    rows = page.find("section", cls="storymap-itinerary").find_all("li")
    assert rows[0].find("time").attrs["datetime"] == "2019-04-24"
    assert rows[0].find("time").text() == "24.04.2019" and "storymap-stop--announced" not in (
        rows[0].classes())
    assert "storymap-stop--announced" in rows[1].classes()
    assert rows[1].find("span", cls="storymap-stop-date").text() == "<Mittwoch>"  # escaped
    assert rows[1].find("span", cls="storymap-stop-status").text() == "(geplant)"
    note = page.find("p", cls="storymap-legend-note")
    assert "gestrichelt" in note.text()
    assert not render(environment).find_all("p", cls="storymap-legend-note")


def test_place_list_names_all_stops_of_a_revisited_place(environment):
    places = context()["places"]
    places[0] = dict(places[0], stop=1, stops=[1, 4, 7])
    page = render(environment, places=places)
    facts = page.find("li", data_place="gn:1").find("span", cls="storymap-place-facts").text()
    assert "Stationen 1, 4 und 7" in facts
    assert "Station 2" in render(environment).find("li", data_place="gn:1").text()


def test_counts():
    assert count_places(1, "de") == "1 Ort"
    assert count_places(12, "de") == "12 Orte"
    assert count_places(1, "en") == "1 place"
    assert count_places(1500, "de") == "1.500 Orte"
    assert count_places(0, "en") == "0 places"
    assert count_mentions(1, "de") == "einmal erwähnt"
    assert count_mentions(3, "en") == "mentioned 3 times"


def test_list_entries_are_buttons_with_the_pages_names(environment):
    places = context()["places"]
    places[0] = dict(places[0], display="Wladiwostok", written=None, country_name="Russland")
    places[1] = dict(places[1], display="Russland", written="russischen", country_name="")
    page = render(environment, places=places)
    item = page.find("li", data_place="gn:2")
    button = item.find("button")
    assert button.attrs["type"] == "button" and "storymap-place-button" in button.classes()
    assert button.find("span", cls="storymap-place-name").text() == "Russland"
    assert item.find("span", cls="storymap-place-label").text() == "(im Text „russischen“)"
    assert item.find("span", cls="storymap-place-facts").text() == "Land · einmal erwähnt"
    facts = page.find("li", data_place="gn:1").find("span", cls="storymap-place-facts").text()
    assert facts == "Stadt, Russland · Station 2 · 2-mal erwähnt"
    steps = page.find("section", cls="storymap-itinerary").find_all("button")
    assert [step.attrs["data-step"] for step in steps] == ["1", "2"]
    assert all(step.attrs["type"] == "button" for step in steps)


def test_keys_help_names_the_tour_keys_when_there_is_a_route(environment):
    assert "Bild ↓" in render(environment).find("p", cls="storymap-keys").text()
    assert "Bild ↓" not in render(environment, itinerary=[]).find("p", cls="storymap-keys").text()
