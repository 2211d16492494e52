"""Issue 18, bar 4: how the text is laid out into passages (single line breaks, hard-wrapped
text, captions) and that no mention starts or ends inside a word."""

from __future__ import annotations

import itertools
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storymap.geoparse.mention import Mention
from storymap.geoparse.text import is_caption, read_article
from storymap.geoparse.wordbounds import is_word_char, whole_words

LINES = (
    "Die Ministerin reiste am Montag von Berlin nach Warschau.\n"
    "Dort traf sie den polnischen Präsidenten zu einem langen Gespräch.\n"
    "Am Dienstag fuhr sie mit dem Zug weiter nach Krakau.\n"
    "Am Mittwoch kehrte sie über Breslau zurück."
)
PARAGRAPH = (
    "Die Ministerin reiste am Montag von Berlin nach Warschau, wo sie den polnischen "
    "Präsidenten traf. Am Dienstag fuhr sie mit dem Zug weiter nach Krakau und besuchte dort "
    "die Altstadt. Die Opposition kritisierte die Reise als zu teuer."
)
ENGLISH = (
    "The minister travelled on Monday from Berlin to Warsaw, where she met the Polish "
    "president. On Tuesday she took the train on to Krakow and visited the old town. The "
    "opposition called the trip too expensive."
)


def passages(text: str) -> list[str]:
    return [text[p.start : p.end] for p in read_article(text).passages]


def test_single_line_breaks_between_paragraphs_make_one_passage_each():
    found = passages(LINES)
    assert found == LINES.split("\n")
    article = read_article(LINES)
    assert [p.index for p in article.passages] == [0, 1, 2, 3]
    assert all(len(p.sentences) == 1 for p in article.passages)
    assert not any(p.caption for p in article.passages)


def test_a_headline_and_a_dateline_on_their_own_lines_are_passages():
    text = ("Ministerin reist nach Polen\n"
            "Berlin (dpa) - Die Ministerin ist am Montag nach Warschau gereist.\n"
            "Dort will sie über die Grenze sprechen.")
    assert passages(text) == text.split("\n")


def test_blank_lines_still_separate_passages():
    text = "Erster Absatz mit Berlin.\n\nZweiter Absatz mit Warschau.\n\n\nDritter."
    assert passages(text) == ["Erster Absatz mit Berlin.", "Zweiter Absatz mit Warschau.",
                              "Dritter."]


@pytest.mark.parametrize("width", range(30, 92, 4))
@pytest.mark.parametrize("paragraph", [PARAGRAPH, ENGLISH], ids=["de", "en"])
def test_hard_wrapped_text_stays_one_passage(paragraph, width):
    """Counter-case: line breaks inside sentences are wrapping, not paragraphs."""
    text = textwrap.fill(paragraph, width)
    assert "\n" in text
    assert passages(text) == [text]


def test_a_line_ending_on_a_preposition_runs_on():
    text = "Die Reise führte über eine Strecke von mehr als\n18 000 Kilometern."
    assert passages(text) == [text]
    text = "Die Ministerin reiste am Montag von Berlin nach\nWarschau, wo sie blieb."
    assert passages(text) == [text]


def test_two_wrapped_paragraphs_split_at_the_blank_line_only():
    text = textwrap.fill(PARAGRAPH, 60) + "\n\n" + textwrap.fill(ENGLISH, 60)
    found = passages(text)
    assert len(found) == 2
    assert found[0].startswith("Die Ministerin") and found[1].startswith("The minister")


@pytest.mark.parametrize("caption", [
    "Foto: dpa",
    "Die Ministerin bei ihrer Ankunft in Warschau. Foto: Kay Nietfeld/dpa",
    "© Reuters / Kacper Pempel",
    "(Bild: Paul Ripke)",
    "Photo: Reuters",
    "Von Anna Beispiel, dpa",
])
def test_captions_are_recognised(caption):
    assert is_caption(caption)


@pytest.mark.parametrize("text", [
    "Die Ministerin reiste am Montag nach Warschau.",
    "Das Foto zeigt die Altstadt von Krakau, die sie am Dienstag besuchte.",
    "Von Berlin aus fuhr sie mit dem Zug nach Warschau.",
    # A long paragraph that names a photographer is still the article.
    "Die Ministerin sprach lange mit dem Fotografen. " * 12 + "Foto: dpa",
])
def test_running_text_is_no_caption(text):
    assert not is_caption(text)


def test_captions_are_kept_as_text_but_marked():
    text = LINES + "\nFoto: Kay Nietfeld/dpa\n© Reuters"
    article = read_article(text)
    found = [(text[p.start : p.end], p.caption) for p in article.passages]
    assert found[-2:] == [("Foto: Kay Nietfeld/dpa", True), ("© Reuters", True)]
    assert [caption for _, caption in found[:-2]] == [False] * 4
    # Offsets still cover the whole text: the captions are part of it.
    assert article.passages[-1].end == len(text)


# -------------------------------------------------------------------- mentions and words

def mention(text: str, part: str, derived: bool = False, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return Mention(start, start + len(part), part, derived, None)


def spans(text: str, mentions) -> list[tuple[str, bool]]:
    return [(text[m.start : m.end], m.derived) for m in mentions]


@pytest.mark.parametrize("char, expected", [
    ("a", True), ("Ä", True), ("ß", True), ("7", True), ("\u0301", True),
    ("-", False), (" ", False), ("'", False), ("’", False), (".", False), ("/", False),
])
def test_is_word_char(char, expected):
    assert is_word_char(char) is expected


def test_a_german_compound_becomes_a_derived_mention_of_the_whole_word():
    text = "Die Russlandreise des Präsidenten begann am Montag."
    found = whole_words(text, [mention(text, "Russland", derived=True)], "de")
    assert spans(text, found) == [("Russlandreise", True)]
    assert found[0].text == "Russlandreise"


def test_a_compound_with_a_linking_s_grows_too():
    text = "Der Russlandsbesuch des Präsidenten begann am Montag."
    found = whole_words(text, [mention(text, "Russland", derived=True)], "de")
    assert spans(text, found) == [("Russlandsbesuch", True)]


def test_a_hyphenated_compound_part_grows_to_its_word():
    text = "Die Asien-Pazifikreise führte ihn nach Tokio."
    mentions = [mention(text, "Asien", derived=True), mention(text, "Pazifik", derived=True),
                mention(text, "Tokio")]
    assert spans(text, whole_words(text, mentions, "de")) == [
        ("Asien", True), ("Pazifikreise", True), ("Tokio", False)]


def test_a_compass_word_inside_a_word_is_dropped():
    text = "Er wohnt in Westwoods bei London."
    mentions = [mention(text, "West", derived=True), mention(text, "London")]
    assert spans(text, whole_words(text, mentions, "de")) == [("London", False)]
    assert spans(text, whole_words(text, mentions, "en")) == [("London", False)]


def test_a_name_cut_out_of_a_word_is_dropped():
    text = "Die Parisienne-Bar liegt in Berlin."
    mentions = [mention(text, "Paris"), mention(text, "Berlin")]
    assert spans(text, whole_words(text, mentions, "de")) == [("Berlin", False)]


def test_a_compound_whose_rest_is_no_word_is_dropped():
    text = "Die Russlandqwxz war kurz."
    assert whole_words(text, [mention(text, "Russland", derived=True)], "de") == ()


def test_english_does_not_grow_compounds():
    text = "The Russiatrip began on Monday."
    assert whole_words(text, [mention(text, "Russia", derived=True)], "en") == ()


@pytest.mark.parametrize("text, part, derived", [
    ("Der Russland-Besuch war kurz.", "Russland", True),       # a hyphen ends the word
    ("Er flog nach Moskau.", "Moskau", False),
    ("„Warschau“ sagte sie.", "Warschau", False),                # quotes around it
    ("Berlin's mayor spoke.", "Berlin", False),                 # an apostrophe ends it
    ("Sie fuhr nach Krakau/Polen.", "Krakau", False),
    ("Die russischen Truppen zogen ab.", "russischen", True),  # a whole derived word
])
def test_a_mention_on_word_bounds_is_kept_as_is(text, part, derived):
    given_mention = mention(text, part, derived)
    assert whole_words(text, [given_mention], "de") == (given_mention,)


def test_growing_never_overlaps_the_next_mention():
    text = "Die Russlandmoskau war kurz."
    mentions = [mention(text, "Russland", derived=True), mention(text, "moskau")]
    found = whole_words(text, mentions, "de")
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start


# A property over the real pipeline: whatever the text glues to a place name, no mention of
# the built story starts or ends inside a word.

PLACES = ["Berlin", "Warschau", "Moskau", "Russland", "Paris", "London", "Krakau", "Asien",
          "Pazifik", "West", "Wien", "Prag", "Polen", "Kiew", "Peking", "Tokio", "Rom"]
COMPOUNDS = ["Russlandreise", "Westwoods", "Asien-Pazifikreise", "Berlinale", "Parisienne",
             "Wiener", "Moskauer", "Romantik", "Prager", "Londoner", "Polenreise",
             "Ex-Sowjetstaaten", "Nordseite", "Pekingente", "Kiewer", "Warschauer"]
GLUE = ["", "-", "er", "s", "reise", "bild", "x", "-Besuch", "woods", "isch", "'", "’s"]
OPENERS = ["Die Ministerin reiste am Montag nach", "Am Dienstag flog der Kanzler über",
           "The minister travelled on Monday to", "Die Opposition kritisierte die",
           "Der Besuch in", "Later she flew from", "Laut Berichten aus"]
CLOSERS = [".", " und weiter nach Prag.", ", wo sie blieb.", " on Tuesday.",
           " zurück.", "; the talks went on.", " – sagte sie."]


@st.composite
def glued_place(draw) -> str:
    if draw(st.booleans()):
        return draw(st.sampled_from(COMPOUNDS))
    return (draw(st.sampled_from(["", "", "Ex-", "Groß", "Nord", "x"]))
            + draw(st.sampled_from(PLACES)) + draw(st.sampled_from(GLUE)))


@st.composite
def sentence(draw) -> str:
    return (f"{draw(st.sampled_from(OPENERS))} {draw(glued_place())}"
            f"{draw(st.sampled_from(CLOSERS))}")


@st.composite
def article(draw) -> str:
    sentences = draw(st.lists(sentence(), min_size=1, max_size=5))
    separators = draw(st.lists(st.sampled_from([" ", "\n", "\n\n"]), min_size=len(sentences),
                               max_size=len(sentences)))
    return "".join(s + sep for s, sep in zip(sentences, separators, strict=True)).strip()


@pytest.fixture(scope="module")
def ready(gazetteer):
    """The gazetteer opened once (the property test then only times the pipeline)."""
    from storymap.story.build import build_story

    build_story("Berlin")
    return build_story


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(text=article())
def test_no_mention_starts_or_ends_inside_a_word(ready, text):
    story = ready(text)
    for found in story.mentions:
        assert text[found.start : found.end] == found.text
        before = text[found.start - 1] if found.start > 0 else " "
        after = text[found.end] if found.end < len(text) else " "
        assert not is_word_char(before), (text, found.text, found.start)
        assert not is_word_char(after), (text, found.text, found.end)
        assert is_word_char(text[found.start]) and is_word_char(text[found.end - 1])
