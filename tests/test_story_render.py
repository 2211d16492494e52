"""Story assembly and the HTML page (structure, safety, determinism, size) without a browser."""

import json
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from storymap.story import build_story
from tests.conftest import REPO

ARTICLE = (REPO / "examples" / "kim-wladiwostok-2019.txt").read_text(encoding="utf-8")
ROUTE = ["Pjöngjang", "Chassan", "Wladiwostok", "Insel Russky"]


class Elements(HTMLParser):
    """Collects start tags with attributes, and the text of <script> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script, self._buffer = dict(attrs), []

    def handle_endtag(self, tag):
        if tag == "script" and self._in_script is not None:
            self.scripts.append((self._in_script, "".join(self._buffer)))
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            self._buffer.append(data)


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    return parser


def story_data(page: str) -> dict:
    parsed = parse(page)
    (data,) = [text for attrs, text in parsed.scripts if attrs.get("id") == "storymap-data"]
    return json.loads(data)


@pytest.fixture(scope="module")
def story(gazetteer):
    return build_story(ARTICLE, route=ROUTE)


def test_route_stops_are_numbered_in_order(story):
    stops = {p.label: p.stop for p in story.places if p.stop}
    assert stops == {"Pjöngjang": 1, "Chassan": 2, "Wladiwostok": 3, "Insel Russky": 4}
    names = {p.name for p in story.places}
    assert {"Beijing", "Russia", "North Korea", "Soviet Union", "Seoul"} <= names


def test_page_embeds_the_story_and_a_marker_per_place(story):
    page = story.to_html()
    data = story_data(page)
    assert data["lang"] == "de" and data["map"].startswith("map_")
    assert len(data["places"]) == len(story.places)
    assert all(place["marker"] for place in data["places"])
    assert data["route"]["stops"] == list(story.route)
    parsed = parse(page)
    html_tag = next(attrs for tag, attrs in parsed.tags if tag == "html")
    assert html_tag["lang"] == "de"
    viewport = [a for t, a in parsed.tags if t == "meta" and a.get("name") == "viewport"]
    assert viewport and all("user-scalable=no" not in (a.get("content") or "") for a in viewport)
    links = [a for t, a in parsed.tags if t == "a" and "mention" in (a.get("class") or "")]
    assert len(links) == sum(1 for m in story.mentions if m.place)


def test_same_input_gives_the_same_bytes_across_processes(tmp_path, cache_dir):
    import os

    outputs = []
    for name in ("a.html", "b.html"):
        out = tmp_path / name
        subprocess.run(
            [
                sys.executable, "-m", "storymap", "build",
                str(REPO / "examples" / "kim-wladiwostok-2019.txt"),
                "-o", str(out), "--route", " > ".join(ROUTE),
            ],
            cwd=REPO, check=True, capture_output=True,
            env=dict(os.environ, STORYMAP_CACHE_DIR=str(cache_dir)),
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_hostile_text_is_inert(gazetteer):
    hostile = (
        'Kim fuhr nach Moskau. </script><script>alert("x")</script> <!-- & \' " '
        "\u2028 \u2029 \u202e Pjöngjang"
    )
    story = build_story(hostile, title="</script><script>alert(1)</script>", lang="de")
    page = story.to_html()
    parsed = parse(page)
    # An injection would surface as a script element of its own holding the payload.
    assert not [text for _, text in parsed.scripts if text.strip() in ('alert("x")', "alert(1)")]
    assert all("</script" not in text for _, text in parsed.scripts)
    data = story_data(page)
    assert data["title"] == "</script><script>alert(1)</script>"
    assert {m["text"] for m in data["mentions"]} >= {"Moskau", "Pjöngjang"}


def test_page_sizes(story):
    assert len(story.to_html().encode()) <= 250_000
    assert len(story.to_html(self_contained=True).encode()) <= 1_500_000


def test_text_without_places_renders_a_page(gazetteer):
    story = build_story("Ein ganz gewöhnlicher Satz ohne Ort.", lang="de")
    page = story.to_html()
    assert story.places == ()
    assert "storymap-data" in page and not any(
        attrs.get("class") == "folium-map" for _, attrs in parse(page).tags
    )


def test_committed_example_map_is_up_to_date(gazetteer):
    """output/ holds the README's example map; it must be what the code makes now."""
    committed = REPO / "output" / "kim-wladiwostok-2019.html"
    fresh = build_story(ARTICLE).to_html(self_contained=True)  # as `make demo`: route inferred
    assert committed.read_text(encoding="utf-8") == fresh, (
        "output/kim-wladiwostok-2019.html is stale: run `make demo` and commit it"
    )
