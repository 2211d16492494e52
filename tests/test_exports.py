"""Exports: StoryMapJS slides carry the article's passages, escaped, at the right places."""

import json

import pytest

from storymap.exports.storymapjs import to_storymapjs
from storymap.story import build_story
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
    shown = story._repr_html_()
    assert shown.startswith("<iframe srcdoc=") and "<script" not in shown
