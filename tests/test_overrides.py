"""Overrides: corrections keyed by words survive edits; idle or malformed rules are reported."""

import subprocess
import sys

import pytest

from storymap.render.output import render_html
from storymap.story import overrides
from storymap.story.build import build_story
from storymap.story.overrides import OverridesError
from storymap.story.workflow import ExtractOptions, story_from_file

TEXT = (
    "Der Sänger trat am Freitag in Paris auf, einer Kleinstadt in Texas. "
    "Danach fuhr er mit dem Bus nach Dallas und weiter in den Weiler Kleinkleckersdorf.\n\n"
    "In Zug saß niemand."
)


def _write(tmp_path, toml, name="fix.toml"):
    path = tmp_path / name
    path.write_text(toml, encoding="utf-8")
    return path


def test_pin_drop_add_apply_and_survive_an_edit(tmp_path, gazetteer):
    rules = overrides.load(_write(tmp_path, """
title = "Tour"
credits = "Karte: Redaktion"

[[pin]]
text = "Paris"
context = "Texas"
id = "gn:4717560"

[[add]]
text = "Kleinkleckersdorf"
lat = 32.9
lon = -96.1
kind = "village"
"""))
    for text in (TEXT, "Eine neue erste Zeile über Berlin.\n\n" + TEXT):
        story = build_story(text, lang="de", overrides=rules)
        places = {p.label: p for p in story.places}
        assert places["Paris"].id == "gn:4717560" and places["Paris"].country == "US"
        added = places["Kleinkleckersdorf"]
        assert (added.lat, added.lon, added.kind) == (32.9, -96.1, "village")
        assert text[text.index("Kleinkleckersdorf"):].startswith(
            story.mentions[added.mentions[0]].text)
        assert story.title == "Tour" and story.credits == "Karte: Redaktion"
        assert story.notes == ()
        assert "Karte: Redaktion" in render_html(story)


def test_pin_with_context_leaves_other_sentences_alone(tmp_path, gazetteer):
    rules = overrides.load(_write(tmp_path, """
[[pin]]
text = "Paris"
context = "Kentucky"
id = "gn:4303602"
"""))
    story = build_story(TEXT, lang="de", overrides=rules)
    assert next(p for p in story.places if p.label == "Paris").id != "gn:4303602"
    assert len(story.notes) == 1 and "matched nothing" in story.notes[0]
    assert "fix.toml:2" in story.notes[0]


def test_drop_removes_every_matching_mention_and_idle_rules_are_reported(tmp_path, gazetteer):
    rules = overrides.load(_write(tmp_path, """
[[drop]]
text = "Dallas"

[[drop]]
text = "Atlantis"
"""))
    story = build_story(TEXT, lang="de", overrides=rules)
    assert all(m.text != "Dallas" for m in story.mentions)
    assert [note.split(" ", 1)[0] for note in story.notes] == ["fix.toml:5:"]


def test_route_and_modes_from_the_overrides(tmp_path, gazetteer):
    rules = overrides.load(_write(tmp_path, """
[route]
stops = ["Paris", "Dallas"]
modes = ["car"]
"""))
    story = build_story(TEXT, lang="de", overrides=rules)
    assert [story.place(i).label for i in story.route] == ["Paris", "Dallas"]
    assert story.route_modes == ("car",)
    given = build_story(TEXT, lang="de", overrides=rules, route=["Dallas", "Paris"])
    assert [given.place(i).label for i in given.route] == ["Dallas", "Paris"]


def test_the_overrides_file_beside_the_article_is_found(tmp_path, gazetteer):
    article = tmp_path / "tour.txt"
    article.write_text(TEXT, encoding="utf-8")
    _write(tmp_path, '[[drop]]\ntext = "Dallas"\n', "tour.storymap.toml")
    assert all(m.text != "Dallas" for m in story_from_file(article).mentions)
    ignored = story_from_file(article, ExtractOptions(discover_overrides=False))
    assert any(m.text == "Dallas" for m in ignored.mentions)


def test_route_times_and_modalities_from_the_overrides(tmp_path, gazetteer):
    rules = overrides.load(_write(tmp_path, """
[route]
stops = ["Paris", "Dallas", "Paris"]
times = ["2024-09-06", "", "Sonntag"]
modalities = ["done", "done", "announced"]
"""))
    assert rules.route_times == ("2024-09-06", None, "Sonntag")
    assert rules.route_modalities == ("done", "done", "announced")
    story = build_story(TEXT, lang="de", overrides=rules)
    assert story.route_times == ("2024-09-06", None, "Sonntag")
    assert story.route_modalities == ("done", "done", "announced")
    assert story.place(story.route[0]).stops == (1, 3)
    assert "06.09.2024" in render_html(story)
    # a route given by the caller wins, and has neither times nor planned stops
    given = build_story(TEXT, lang="de", overrides=rules, route=["Dallas", "Paris"])
    assert given.route_times == () and given.stop_modalities() == ("done", "done")


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('[[pin]]\ntext = "Paris"\nlattitude = 3.0\n', r"fix.toml:3: unknown key 'lattitude'"),
        ('[[pin]]\ntext = "Paris"\nlat = "x"\nlon = 2.0\n', r"fix.toml:3: 'lat' must be float"),
        ('[[pin]]\ntext = "Paris"\n', r"fix.toml:1: \[\[pin\]\] needs id"),
        ('[[add]]\ntext = "X"\nlat = 1.0\n', r"fix.toml:1: .*needs both lat and lon"),
        ('title = 3\n', r"fix.toml:1: 'title' must be str"),
        ('colour = "red"\n', r"fix.toml:1: unknown key 'colour'"),
        ('\n[route]\nstops = ["A", "B"]\nmodes = ["bike"]\n', r"fix.toml:2: unknown travel mode"),
        ('[route]\nstops = ["A", "B", "C"]\nmodes = ["car"]\n', r"modes needs 2 entries"),
        ('[route]\nstops = ["A", "B"]\ntimes = ["2019"]\n',
         r"fix.toml:3: route has 2 stops, so times needs 2 entries"),
        ('[route]\nstops = ["A", "B"]\n\nmodalities = ["done", "done", "done"]\n',
         r"fix.toml:4: route has 2 stops, so modalities needs 2 entries"),
        ('[route]\nstops = ["A", "B"]\nmodalities = ["done", "planned"]\n',
         r"fix.toml:3: unknown modality 'planned' \(known: done, underway, announced\)"),
        ('[route]\nstops = ["A", "B"]\ntimes = ["2019-13-01", ""]\n',
         r"fix.toml:3: route time '2019-13-01' is no valid date"),
        ('[route]\nstops = ["A", "B"]\ntimes = ["2019-04-24 25:00", ""]\n',
         r"route time '2019-04-24 25:00' is no valid date"),
        ('[route]\nstops = ["A", "B"]\ntimes = ["2019", 2020]\n',
         r"fix.toml:3: route times must be a list of strings"),
        ('[route]\nmodalities = ["done"]\n', r"fix.toml:2: route modalities need the stops"),
        ('[route]\nstops = ["A", "B"]\nwhen = []\n',
         r"unknown key 'when' in \[route\] \(known: modalities, modes, stops, times\)"),
        ('[[drop]]\ncontext = "x"\n', r"needs text"),
        ('title = \n', r"fix.toml: "),
    ],
)
def test_malformed_files_name_line_and_key(tmp_path, toml, expected):
    with pytest.raises(OverridesError, match=expected):
        overrides.load(_write(tmp_path, toml))


def test_cli_reports_idle_rules_and_malformed_files(tmp_path):
    article = tmp_path / "tour.txt"
    article.write_text(TEXT, encoding="utf-8")
    _write(tmp_path, '[[drop]]\ntext = "Atlantis"\n', "tour.storymap.toml")
    done = subprocess.run([sys.executable, "-m", "storymap", "build", str(article)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "warning: override not applied: tour.storymap.toml:1: [[drop]] 'Atlantis'" in done.stderr
    _write(tmp_path, '[[drop]]\ntxt = "Atlantis"\n', "tour.storymap.toml")
    (tmp_path / "tour.html").unlink()
    done = subprocess.run([sys.executable, "-m", "storymap", "build", str(article)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [
        "storymap: error: tour.storymap.toml:2: unknown key 'txt' in [[drop]]"
        " (known: context, text)"
    ]
    assert not (tmp_path / "tour.html").exists()
