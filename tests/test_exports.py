"""Exports: StoryMapJS slides carry the article's passages, escaped, at the right places."""

import json

import pytest

from storymap.exports.storymapjs import to_storymapjs
from storymap.render.output import notebook_html
from storymap.story.assemble import assemble_story
from storymap.story.build import build_story
from tests.conftest import REPO

ARTICLE = (REPO / "examples" / "kim-wladiwostok-2019.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def story(gazetteer):
    return build_story(ARTICLE)


def test_one_slide_per_route_stop_after_the_overview(story):
    document = to_storymapjs(story)
    slides = document["storymap"]["slides"]
    assert slides[0]["type"] == "overview"
    assert [s["text"]["headline"] for s in slides[1:]] == [
        "Pjöngjang", "Chassan", "Wladiwostok", "Insel Russky"
    ]
    chassan = slides[2]
    assert abs(chassan["location"]["lat"] - 42.43) < 0.2 and chassan["location"]["line"] is True
    assert "Grenzstadt Chassan" in chassan["text"]["text"]
    assert "GeoNames" in document["storymap"]["attribution"]
    json.dumps(document)


def test_passage_slides_cover_every_passage_that_names_a_place(story):
    slides = to_storymapjs(story, slides="passages")["storymap"]["slides"][1:]
    named = {story.passage_of(m.start) for m in story.mentions if m.place}
    assert len(slides) == len(named)
    assert all(s["location"]["line"] is False for s in slides)


def test_slide_text_is_escaped(gazetteer):
    story = build_story("Sie reiste nach Berlin. <script>alert(1)</script> & mehr.", lang="de")
    slide = to_storymapjs(story)["storymap"]["slides"][1]
    assert "<script>" not in slide["text"]["text"]
    assert "&lt;script&gt;" in slide["text"]["text"] and "&amp; mehr" in slide["text"]["text"]


def test_notebooks_show_the_map_in_an_isolated_frame(story):
    shown = notebook_html(story)
    assert shown.startswith("<iframe srcdoc=") and "<script" not in shown


@pytest.fixture(scope="module")
def round_trip(gazetteer):
    """Pjöngjang → Chassan → Wladiwostok → Pjöngjang, dated, the way back only planned."""
    base = build_story(ARTICLE, route=["Pjöngjang", "Chassan", "Wladiwostok"])
    return assemble_story(
        base.text, base.article, base.lang, base.mentions, route=(*base.route, base.route[0]),
        route_times=("2019-04-24", None, "2019-04-25 14:30", "<b>Mittwoch</b>"),
        route_modalities=("done", "done", "done", "announced"), title=base.title,
    )


def test_geojson_route_carries_times_and_modalities(round_trip):
    features = round_trip.to_geojson()["features"]
    route = features[-1]["properties"]
    assert route["times"] == ["2019-04-24", None, "2019-04-25 14:30", "<b>Mittwoch</b>"]
    assert route["modalities"] == ["done", "done", "done", "announced"]
    home = next(f for f in features if f["properties"].get("id") == round_trip.route[0])
    assert home["properties"]["stop"] == 1 and home["properties"]["stops"] == [1, 4]
    json.dumps(features)
    plain = build_story(ARTICLE, route=["Pjöngjang", "Chassan"]).to_geojson()["features"][-1]
    assert plain["properties"]["times"] == [None, None]
    assert plain["properties"]["modalities"] == ["done", "done"]


def test_storymapjs_has_a_slide_per_visit_with_its_date(round_trip):
    slides = to_storymapjs(round_trip)["storymap"]["slides"][1:]
    assert [s["text"]["headline"] for s in slides] == [
        "Pjöngjang", "Chassan", "Wladiwostok", "Pjöngjang"
    ]
    texts = [s["text"]["text"] for s in slides]
    assert texts[0].startswith("<p><strong>24.04.2019</strong></p><p>")
    assert not texts[1].startswith("<p><strong>")  # no date known
    assert texts[2].startswith("<p><strong>25.04.2019, 14:30 Uhr</strong></p>")
    assert texts[3].startswith("<p><strong>&lt;b&gt;Mittwoch&lt;/b&gt; · geplant</strong></p>")
