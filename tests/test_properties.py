"""Property-based tests (hypothesis): for any text, offsets slice, passages tile the article,
and the page parses and carries every passage exactly.

Texts are mixed from real place names and their inflected and derived forms, capitalised
common words, punctuation, every kind of line break, combining marks, emoji, characters
whose case mapping changes their length, JS line terminators, bidi controls, markup that
could end a script, and arbitrary Unicode.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storymap.geoparse import geoparse
from storymap.geoparse.text import read_article
from storymap.render.output import render_html
from tests.test_render_template import parse

PLACES = [
    "Berlin", "Moskau", "Wladiwostok", "New York", "Russlands", "russischen", "Pjöngjang",
    "Chassan", "Moskauer", "Nordkorea", "nordkoreanische", "China's", "Insel Russky",
    "Russland-Besuch", "US-Präsident", "Zug", "Boden", "Halle", "Nahen Osten", "Vladivostok",
    "North Korean", "St. Petersburg", "Frankfurt a.M.", "São Paulo", "Köln", "Zürich",
]
CAPITALISED = ["Der", "Kim", "Putin", "Präsident", "Station", "Haus", "Neue", "Nord", "The",
               "Wladimir", "Jong-un", "Grenzstadt", "Insel", "Hauptstadt", "Mr."]
PUNCTUATION = [*".,!?…:;-–—„“”\"'()[]»«/", "...", ". ", "! ", "? "]
BREAKS = [" ", " ", " ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\t", "  ", "\r", "\f", "\v",
          "\u00a0", "\u2028", "\u2029", "\x85", "\n \n", " \n\t\n "]
ODD = [
    "\u0301", "e\u0301", "Ä\u0308", "😀", "👩\u200d👩\u200d👧", "🇩🇪", "\u202e", "\u2066",
    "\u2069", "\u200f", "\u200b", "\ufeff", "</script>", "<!--", "-->", "&amp;", "<b>",
    "İ", "ß", "ﬁ", "Σ", "ǅ", "\x00", "\ufffd", "date 2019-04 ", "z.B.", "Dr.", "U.S.",
]
TOKENS = st.one_of(
    st.sampled_from(PLACES),
    st.sampled_from(CAPITALISED),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(BREAKS),
    st.sampled_from(ODD),
    st.text(min_size=1, max_size=6),
)
TEXTS = st.lists(TOKENS, max_size=60).map("".join)
LANGS = st.sampled_from(["de", "en", "auto"])

# Modest by default (the file runs in seconds); STORYMAP_PROPERTY_SCALE=50 searches longer.
SCALE = float(os.environ.get("STORYMAP_PROPERTY_SCALE", "1"))
FAST = settings(max_examples=int(300 * SCALE), deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])
PAGES = settings(max_examples=int(80 * SCALE), deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module", autouse=True)
def _gazetteer(gazetteer):
    """The session's gazetteer, expanded before hypothesis starts timing examples."""
    geoparse("Kim fuhr nach Moskau.")
    return gazetteer


def assert_tiles(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """``spans`` lie in order inside [start, end), do not overlap, begin and end on
    non-whitespace, and cover every non-whitespace character of ``text[start:end]``."""
    covered = set()
    previous_end = start
    for a, b in spans:
        assert previous_end <= a < b <= end, (spans, start, end)
        assert not text[a].isspace() and not text[b - 1].isspace(), repr(text[a:b])
        covered.update(range(a, b))
        previous_end = b
    missing = [i for i in range(start, end) if not text[i].isspace() and i not in covered]
    assert missing == [], [text[i] for i in missing]


@FAST
@given(text=TEXTS)
def test_passages_and_sentences_tile_the_body(text):
    article = read_article(text)
    assert 0 <= article.body_start <= len(text)
    spans = [(p.start, p.end) for p in article.passages]
    assert_tiles(text, article.body_start, len(text), spans)
    assert [p.index for p in article.passages] == list(range(len(spans)))
    for passage in article.passages:
        assert_tiles(text, passage.start, passage.end,
                     [(s.start, s.end) for s in passage.sentences])


@FAST
@given(text=TEXTS, lang=LANGS)
def test_mentions_slice_to_their_text_in_order_without_overlap(text, lang):
    result = geoparse(text, lang=lang)
    body_start = result.article.body_start
    previous_end = body_start
    for mention in result.mentions:
        assert previous_end <= mention.start < mention.end <= len(text), mention
        assert text[mention.start : mention.end] == mention.text
        previous_end = mention.end
    inside = [(p.start, p.end) for p in result.article.passages]
    for mention in result.mentions:
        assert any(a <= mention.start and mention.end <= b for a, b in inside), mention


@PAGES
@given(text=TEXTS, title=st.none() | st.text(max_size=20) | st.sampled_from(ODD))
def test_page_parses_and_carries_every_passage_exactly(text, title):
    from storymap.story.build import build_story

    story = build_story(text, title=title or None)
    root = parse(render_html(story))  # strict: every element closed where it should be
    data = json.loads(root.find("script", id="storymap-data").text())
    assert data["title"] == story.title
    carried = [node.text() for node in root.find_all("p", cls="passage")]
    assert carried == [text[p.start : p.end] for p in story.article.passages]
    assert [int(node.attrs["data-passage"]) for node in root.find_all("p", cls="passage")] == [
        p.index for p in story.article.passages
    ]
    for row in data["mentions"]:
        assert text[row["start"] : row["end"]] == row["text"]
    links = root.find_all("a", cls="mention")
    assert [node.text() for node in links] == [m.text for m in story.mentions if m.place]
    assert json.loads(story.to_json())["mentions"] == story.to_dict()["mentions"]
