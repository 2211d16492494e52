"""The story file: extract → render equals build, hand edits render, bad files are named."""

import json
import subprocess
import sys

import pytest

from storymap.render.output import render_html
from storymap.story.build import build_story
from storymap.story.storyfile import StoryFileError, dumps, line_of, loads
from tests.conftest import REPO

ARTICLE = (REPO / "examples" / "kim-wladiwostok-2019.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def story(gazetteer):
    return build_story(ARTICLE)


@pytest.fixture(scope="module")
def document(story):
    return json.loads(dumps(story))


def _embedded(page: str) -> dict:
    marker = '<script type="application/json" id="storymap-data">'
    start = page.index(marker) + len(marker)
    return json.loads(page[start : page.index("</script>", start)])


def test_loaded_story_renders_the_same_bytes(story):
    again = loads(dumps(story))
    assert render_html(again, self_contained=True) == render_html(story, self_contained=True)
    assert dumps(again) == dumps(story)


def test_cli_extract_then_render_equals_build(tmp_path):
    article = tmp_path / "kim.txt"
    article.write_text(ARTICLE, encoding="utf-8")

    def run(*args):
        done = subprocess.run([sys.executable, "-m", "storymap", *args], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr

    run("build", "kim.txt", "-o", "built.html", "--self-contained")
    run("extract", "kim.txt", "-o", "kim.story.json")
    run("render", "kim.story.json", "-o", "rendered.html", "--self-contained")
    assert (tmp_path / "built.html").read_bytes() == (tmp_path / "rendered.html").read_bytes()


def test_a_moved_place_renders_at_its_new_position(document):
    edited = json.loads(json.dumps(document))
    place = next(p for p in edited["places"] if p["name"] == "Khasan")
    place["lat"], place["lon"] = 42.5, 130.7
    page = render_html(loads(json.dumps(edited)))
    drawn = next(p for p in _embedded(page)["places"] if p["name"] == "Khasan")
    assert (drawn["lat"], drawn["lon"]) == (42.5, 130.7)


def test_a_dropped_mention_disappears_and_takes_its_only_place_along(document):
    edited = json.loads(json.dumps(document))
    counts = {}
    for mention in edited["mentions"]:
        counts[mention["place"]] = counts.get(mention["place"], 0) + 1
    route = set(edited["route"]["stops"])
    single = next(m for m in edited["mentions"] if counts[m["place"]] == 1
                  and m["place"] not in route)
    edited["mentions"].remove(single)
    story = loads(json.dumps(edited))
    assert len(story.mentions) == len(document["mentions"]) - 1
    assert single["place"] not in {p.id for p in story.places}
    assert f">{single['text']}</a>" not in render_html(story)


def test_a_mention_can_be_pointed_at_its_runner_up(document):
    edited = json.loads(json.dumps(document))
    mention = next(m for m in edited["mentions"] if m["candidates"])
    runner = mention["candidates"][0]
    mention["place"] = runner["id"]
    story = loads(json.dumps(edited))
    moved = next(m for m in story.mentions if m.start == mention["start"])
    assert moved.place.id == runner["id"]
    assert runner["id"] in {p.id for p in story.places}


def _error(document, edit) -> str:
    edited = json.loads(json.dumps(document))
    edit(edited)
    source = json.dumps(edited, ensure_ascii=False, indent=1)
    with pytest.raises(StoryFileError) as caught:
        loads(source, "kim.story.json")
    return str(caught.value)


def test_unknown_key_is_named_with_its_line_and_path(document):
    message = _error(document, lambda d: d["mentions"][2].update(colour="red"))
    assert "$.mentions[2].colour" in message and "unknown key 'colour'" in message
    line = int(message.split(":")[1])
    edited = json.loads(json.dumps(document))
    edited["mentions"][2]["colour"] = "red"
    text = json.dumps(edited, ensure_ascii=False, indent=1)
    assert '"colour"' in text.splitlines()[line - 1]


def test_wrong_type_is_named(document):
    message = _error(document, lambda d: d["places"][0].update(lat="north"))
    assert "$.places[0].lat" in message and "'north'" in message


def test_a_mention_must_say_what_the_text_says(document):
    message = _error(document, lambda d: d["mentions"][0].update(text="Südkoreas"))
    assert "$.mentions[0].text" in message and "is not what the text says" in message


def test_unknown_place_and_route_ids_are_errors(document):
    message = _error(document, lambda d: d["mentions"][0].update(place="gn:nope"))
    assert "$.mentions[0].place" in message
    message = _error(document, lambda d: d["route"]["stops"].append("gn:nope"))
    assert "$.route.stops[4]" in message


def test_other_versions_and_non_json_are_refused(document):
    assert "$.version" in _error(document, lambda d: d.update(version=2))
    with pytest.raises(StoryFileError, match=r"story.json:1: not JSON"):
        loads("{nope")


def test_line_of_follows_nested_paths():
    source = '{\n "a": [\n  {"b": 1},\n  {"b": 2,\n   "c": [3, 4]}\n ]\n}'
    assert line_of(source, ("a",)) == 2
    assert line_of(source, ("a", 1, "b")) == 4
    assert line_of(source, ("a", 1, "c", 1)) == 5
    assert line_of(source, ("missing",)) == 1


def test_route_times_and_modalities_are_written_per_stop(document):
    route = document["route"]
    assert len(route["times"]) == len(route["modalities"]) == len(route["stops"])
    assert set(route["modalities"]) <= {"done", "underway", "announced"}


def test_files_without_times_and_modalities_still_load(document):
    old = json.loads(json.dumps(document))
    del old["route"]["times"], old["route"]["modalities"]
    again = loads(json.dumps(old))
    assert again.stop_modalities() == ("done",) * len(again.route)
    assert again.stop_times() == (None,) * len(again.route)
    assert "storymap-route-leg--announced" not in render_html(again)


def _ids(document, *names):
    by_name = {p["name"]: p["id"] for p in document["places"]}
    return [by_name[name] for name in names]


def test_edited_times_and_a_planned_revisit_render(document):
    edited = json.loads(json.dumps(document))
    route = edited["route"]
    home, *_ = stops = _ids(document, "Pyongyang", "Khasan", "Vladivostok", "Pyongyang")
    route["stops"] = stops
    route["modes"] = ["train", "train", "plane"]
    route["times"] = ["2019-04-24", None, "2019-04-25 14:30", "Mittwoch"]
    route["modalities"] = ["done", "done", "underway", "announced"]
    story = loads(json.dumps(edited))
    assert story.place(home).stops == (1, 4)
    assert story.route_times == ("2019-04-24", None, "2019-04-25 14:30", "Mittwoch")
    page = render_html(story)
    assert "25.04.2019, 14:30 Uhr" in page and "(geplant)" in page
    assert page.count("storymap-route-leg--announced") == 1
    again = json.loads(dumps(story))["route"]
    assert again["times"] == route["times"] and again["modalities"] == route["modalities"]


def test_bad_times_and_modalities_are_named(document):
    n = len(document["route"]["stops"])
    message = _error(document, lambda d: d["route"].update(times=["2019"] * (n + 1)))
    assert "$.route.times" in message and f"need {n} times, not {n + 1}" in message
    message = _error(document, lambda d: d["route"].update(modalities=["done"] * (n + 2)))
    assert "$.route.modalities" in message and f"need {n} modalities, not {n + 2}" in message
    message = _error(document, lambda d: d["route"].update(
        modalities=["done", "perhaps", *["done"] * (n - 2)]))
    assert "$.route.modalities[1]" in message and "'perhaps'" in message
    message = _error(document, lambda d: d["route"].update(times=[2019, *[None] * (n - 1)]))
    assert "$.route.times[0]" in message
