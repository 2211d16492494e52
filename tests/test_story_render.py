"""Story assembly and the HTML page (structure, safety, determinism, size) without a browser."""

import json
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from storymap.render.output import render_html
from storymap.story.assemble import assemble_story
from storymap.story.build import build_story
from storymap.story.model import time_label_problem
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
    page = render_html(story)
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
    page = render_html(story)
    parsed = parse(page)
    # An injection would surface as a script element of its own holding the payload.
    assert not [text for _, text in parsed.scripts if text.strip() in ('alert("x")', "alert(1)")]
    assert all("</script" not in text for _, text in parsed.scripts)
    data = story_data(page)
    assert data["title"] == "</script><script>alert(1)</script>"
    assert {m["text"] for m in data["mentions"]} >= {"Moskau", "Pjöngjang"}


def test_page_sizes(story):
    assert len(render_html(story).encode()) <= 250_000
    assert len(render_html(story, self_contained=True).encode()) <= 1_500_000


def test_text_without_places_renders_a_page(gazetteer):
    story = build_story("Ein ganz gewöhnlicher Satz ohne Ort.", lang="de")
    page = render_html(story)
    assert story.places == ()
    assert "storymap-data" in page and not any(
        attrs.get("class") == "folium-map" for _, attrs in parse(page).tags
    )


def test_committed_example_map_is_up_to_date(gazetteer):
    """output/ holds the README's example map; it must be what the code makes now."""
    committed = REPO / "output" / "kim-wladiwostok-2019.html"
    fresh = render_html(build_story(ARTICLE), self_contained=True)  # as `make demo`: route inferred
    assert committed.read_text(encoding="utf-8") == fresh, (
        "output/kim-wladiwostok-2019.html is stale: run `make demo` and commit it"
    )


# Stop times and modalities: inference does not fill them yet, so the stories are assembled
# with explicit values (a round trip Pjöngjang → … → Pjöngjang, its last leg only planned).
ROUND_TRIP_TIMES = ("2019-04-24", "2019-04-24 14:30", "2019-04", "Mittwoch")
ROUND_TRIP_MODALITIES = ("done", "done", "underway", "announced")


def round_trip(story, times=ROUND_TRIP_TIMES, modalities=ROUND_TRIP_MODALITIES):
    """The Kim article's story with the route Pjöngjang → Chassan → Wladiwostok → Pjöngjang."""
    route = (*story.route[:3], story.route[0])
    return assemble_story(
        story.text, story.article, story.lang, story.mentions, route=route,
        route_modes=("train", "train", "plane"), route_times=times,
        route_modalities=modalities, title=story.title,
    )


@pytest.fixture(scope="module")
def revisited(story):
    return round_trip(story)


def itinerary_rows(page: str) -> list[str]:
    """The text of each itinerary row, tags stripped and whitespace collapsed."""
    section = page[page.index('<section class="storymap-itinerary"') :]
    section = section[: section.index("</section>")]
    rows = re.findall(r"<li\b[^>]*>(.*?)</li>", section, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]


def test_a_revisited_place_keeps_every_stop_number(revisited):
    home = revisited.place(revisited.route[0])
    assert home.stops == (1, 4) and home.stop == 1
    assert [revisited.place(i).stops for i in revisited.route[1:3]] == [(2,), (3,)]
    data = revisited.to_dict()
    assert next(p for p in data["places"] if p["id"] == home.id)["stops"] == [1, 4]
    assert data["route_times"] == list(ROUND_TRIP_TIMES)
    assert data["route_modalities"] == list(ROUND_TRIP_MODALITIES)


def test_a_given_route_has_unknown_times_and_was_travelled(story):
    plain = story  # built with route=ROUTE
    assert plain.route_times == () and plain.route_modalities == ()
    data = plain.to_dict()
    assert data["route_times"] == [None] * 4 and data["route_modalities"] == ["done"] * 4
    assert sorted(p["stops"] for p in data["places"] if p["stop"]) == [[1], [2], [3], [4]]


def test_times_and_modalities_must_fit_the_route(story):
    with pytest.raises(ValueError, match="route_times has 2 entries for 4 stops"):
        round_trip(story, times=("2019", "2019"))
    with pytest.raises(ValueError, match="unknown modality 'maybe'"):
        round_trip(story, modalities=("done", "done", "done", "maybe"))


def test_page_draws_the_planned_leg_dashed_and_explains_it(revisited):
    page = render_html(revisited)
    dashes = re.findall(r'"dashArray": ("[^"]*"|null)', page)
    assert dashes.count("null") >= 3 and len(set(dashes) - {"null"}) == 1  # one planned leg
    assert page.count("storymap-route-leg--announced") == 1
    assert "gestrichelt: geplante Etappe" in page  # under the itinerary and in the map's key
    assert 'create("div", "storymap-legend")' in page
    travelled = render_html(round_trip(revisited, modalities=("done",) * 4))
    assert "storymap-route-leg--announced" not in travelled
    assert "geplante Etappe" not in travelled


def test_marker_of_a_revisited_place_shows_all_its_numbers(revisited):
    page = render_html(revisited)
    assert "\\u003e1 \\u00b7 4\\u003c/div\\u003e" in page  # the marker's label: "1 · 4"
    assert "storymap-stop--visits" in page
    assert 'bindTooltip("1 \\u00b7 4. Pj\\u00f6ngjang")' in page  # its tooltip


def test_itinerary_has_a_row_per_visit_with_its_date(revisited):
    rows = itinerary_rows(render_html(revisited))
    assert len(rows) == 4
    assert rows[0].startswith("Pjöngjang 24.04.2019 Start")
    assert rows[1].startswith("Chassan 24.04.2019, 14:30 Uhr ")
    assert rows[2].startswith("Wladiwostok April 2019 ")
    assert rows[3].startswith("Pjöngjang Mittwoch (geplant) ")
    assert "Flugzeug" in rows[3] and "Flugzeug" not in rows[2]
    # the distance of the return leg, not of the first visit (which has none)
    assert "ab der vorigen Station" in rows[3]
    english = itinerary_rows(render_html(revisited, ui_lang="en"))
    assert english[0].startswith("Pjöngjang 24 April 2019 start")
    assert english[1].startswith("Chassan 24 April 2019, 14:30 ")
    assert english[3].startswith("Pjöngjang Mittwoch (planned) ")
    assert '<time class="storymap-stop-date" datetime="2019-04-24 14:30">' in render_html(revisited)


def test_place_list_names_every_stop_of_a_place(revisited):
    page = render_html(revisited)
    assert "Stationen 1 und 4" in page
    assert "Stops 1 and 4" in render_html(revisited, ui_lang="en")


def test_stop_times_are_escaped_and_the_page_stays_deterministic(story):
    hostile = round_trip(story, times=("<img src=x onerror=alert(1)>", None, None, "&amp;"))
    page = render_html(hostile)
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "&amp;amp;" in page
    assert page == render_html(round_trip(story, times=hostile.route_times))


@pytest.mark.parametrize(("label", "problem"), [
    ("2019-04-24", False), ("2019-04-24 14:30", False), ("2019-04", False), ("2019", False),
    ("Mittwoch", False), ("1990er Jahre", False), ("3. Oktober", False),
    ("2019-13", True), ("2019-02-30", True), ("2019-4-24", True), ("2019-04-24 24:00", True),
    ("  ", True),
])
def test_hand_written_stop_times_are_checked(label, problem):
    assert (time_label_problem(label) is not None) is problem


# Issue 17: names in the page's language, legs that say what their length is, areas by
# their real extent, a first view that storymap.js fits without an animation in its way.


def test_page_names_places_in_the_articles_base_form(story):
    from storymap.render.names import country_name, place_names

    names = place_names(story)
    by_name = {p.name: names[p.id] for p in story.places}
    assert by_name["North Korea"].display == "Nordkorea"
    assert by_name["North Korea"].written == "Nordkoreas"
    assert by_name["Russia"].display == "Russland"
    assert by_name["Vladivostok"].display == "Wladiwostok"
    assert by_name["Khasan"].display == "Chassan"  # the text's spelling, a name of the place
    assert by_name["Vladivostok"].country == "Russland" and by_name["Russia"].country == ""
    assert country_name("KP", "de") == "Nordkorea" and country_name("KP", "en") == "North Korea"
    rows = itinerary_rows(render_html(story))
    assert [row.split(" ")[0] for row in rows] == ["Pjöngjang", "Chassan", "Wladiwostok", "Insel"]
    page = render_html(story)
    assert "Stadt, Russland" in page and "Land, RU" not in page
    assert "(im Text „Nordkoreas“)" in page


def test_a_dateline_is_not_the_name(gazetteer):
    from storymap.render.names import place_names

    text = ("WLADIWOSTOK - Kim Jong Un ist mit dem Zug aus Pjöngjang in Wladiwostok "
            "eingetroffen.")
    story = build_story(text, lang="de")
    names = place_names(story)
    vladivostok = next(p for p in story.places if p.name == "Vladivostok")
    assert vladivostok.label == "WLADIWOSTOK"
    assert names[vladivostok.id].display == "Wladiwostok" and names[vladivostok.id].written is None
    english = build_story("VLADIVOSTOK, Russia - Kim arrived in Vladivostok.", lang="en")
    place = next(p for p in english.places if p.name == "Vladivostok")
    assert place_names(english)[place.id].display == "Vladivostok"
    assert place_names(english, "de")[place.id].country == "Russland"  # the interface's language


def test_legs_say_their_length_is_as_the_crow_flies(gazetteer):
    story = build_story(ARTICLE)  # as read from the text: by train
    page = render_html(story)
    assert "559 km Luftlinie \\u00b7 Zug" in page  # the leg's label on the map
    rows = itinerary_rows(page)
    assert rows[1].endswith("559 km Luftlinie ab der vorigen Station · Zug")
    english = itinerary_rows(render_html(story, ui_lang="en"))
    assert english[1].endswith("559 km as the crow flies from the previous stop · train")


def test_any_travel_mode_renders(story):
    """The journey also reads bus and sled legs; an unknown mode is simply not named."""
    for modes in (("bus", "train", None), ("sled", "hovercraft", None)):
        bus = assemble_story(story.text, story.article, story.lang, story.mentions,
                             route=story.route, route_modes=modes, title=story.title)
        page = render_html(bus)
        assert ("Bus" in itinerary_rows(page)[1]) is (modes[0] == "bus")


def test_areas_fit_their_real_extent(story):
    data = story_data(render_html(story))
    by_name = {p["name"]: p for p in data["places"]}
    (south, west), (north, east) = by_name["Russia"]["extent"]
    assert west < 21 and east > 180 and south < 42 and north > 80  # Kaliningrad to Chukotka
    assert by_name["Russia"]["outline"] and by_name["North Korea"]["outline_zoom"] >= 7
    (south, west), (north, east) = by_name["United States"]["extent"]
    assert west > -170 and east < -66 and south > 24  # the lower 48 and Alaska, not Hawaii
    soviet = by_name["Soviet Union"]
    assert "outline" not in soviet and soviet["extent"][1][1] > 180  # its successors' extent
    assert by_name["Middle East"]["extent"] and not by_name["Middle East"].get("outline")
    assert by_name["Vladivostok"]["extent"] is None  # a town: zoomed to by its kind


def test_the_map_script_fits_nothing_itself(story):
    """An animated fit in folium's script would end after storymap.js's exact fit and undo it."""
    page = render_html(story)
    assert ".fitBounds(" not in page.split('id="storymap-data"')[1].split("storymap.js")[0]
    data = story_data(page)
    assert len(data["route"]["legs"]) == 3
    assert data["ui"]["tour_position"] == "Station {number} von {count}"
