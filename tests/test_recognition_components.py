"""Each recognition component run alone on a ``Document``: what it adds or drops, without
the rest of the pipeline (the whole pipeline is tested through ``geoparse`` elsewhere)."""

from __future__ import annotations

import pytest

from storymap.geoparse import default_gazetteer
from storymap.geoparse.recognition import Document, Recognised, Recogniser
from storymap.geoparse.recognition.compounds import CityDistricts
from storymap.geoparse.recognition.decision import NameDecision
from storymap.geoparse.recognition.derived import DerivedForms
from storymap.geoparse.recognition.english import EnglishSpans
from storymap.geoparse.recognition.names import GazetteerNames
from storymap.geoparse.recognition.organisations import OrganisationsAndEvents
from storymap.geoparse.recognition.people import People
from storymap.geoparse.recognition.unlisted import UnlistedNames


@pytest.fixture(scope="module")
def recogniser() -> Recogniser:
    return Recogniser(default_gazetteer())


def component(recogniser: Recogniser, name: str):
    return dict(recogniser.components)[name]


def document(recogniser: Recogniser, text: str, lang: str = "de") -> Document:
    return Document(recogniser.tokens(text, lang), lang)


def spans(mentions: list[Recognised]) -> list[str]:
    return [m.text or "" for m in mentions]


def test_the_pipeline_is_one_ordered_list(recogniser):
    names = [name for name, _ in recogniser.components]
    assert names == [
        "people", "names", "decision", "derived", "unlisted", "english", "compounds",
        "organisations",
    ]
    kinds = [type(c) for _, c in recogniser.components]
    assert kinds == [
        People, GazetteerNames, NameDecision, DerivedForms, UnlistedNames, EnglishSpans,
        CityDistricts, OrganisationsAndEvents,
    ]


def test_names_finds_inflected_and_multiword_keys_without_judging(recogniser):
    doc = document(recogniser, "Der Zug fuhr durch Russlands Osten zur koreanischen Halbinsel.")
    component(recogniser, "names")(doc)
    keys = {m.key for m in doc.matches}
    assert "russland" in keys and "koreanische halbinsel" in keys
    assert "zug" in keys  # found here; the decision rules the common noun out
    assert doc.names == []  # finding is not deciding


def test_decision_rules_out_a_common_noun_and_keeps_a_cued_town(recogniser):
    doc = document(recogniser, "Der Zug fuhr von Wladiwostok in die Grenzstadt Chassan.")
    for name in ("people", "names", "decision"):
        component(recogniser, name)(doc)
    assert sorted(spans(doc.names)) == ["Chassan", "Wladiwostok"]  # not "Zug"
    chassan = next(m for m in doc.names if m.text == "Chassan")
    assert chassan.cue == "Grenzstadt"
    assert doc.covered == {m.first for m in doc.names}


def test_people_remembers_surnames_a_title_introduces(recogniser):
    doc = document(recogniser, "Präsident John Tyler sprach. Später sagte Tyler nichts.")
    component(recogniser, "people")(doc)
    assert {"john", "tyler"} <= doc.person_words
    counter = document(recogniser, "Er fuhr nach Tyler in Texas.")
    component(recogniser, "people")(counter)
    assert "tyler" not in counter.person_words


def test_derived_forms_skip_tokens_a_name_holds(recogniser):
    doc = document(recogniser, "Die Moskauer Regierung und das Russland-Bild.")
    component(recogniser, "derived")(doc)
    assert spans(doc.derived) == ["Moskauer"]
    held = document(recogniser, "Die Moskauer Regierung.")
    held.covered = {1}  # as if a name held "Moskauer"
    component(recogniser, "derived")(held)
    assert held.derived == []


def test_unlisted_needs_a_cue_for_a_settlement_shape_but_not_for_a_street(recogniser):
    doc = document(recogniser, "Er wohnt in Gosenbach an der Knoopstraße.")
    component(recogniser, "unlisted")(doc)
    assert spans(doc.names) == ["Gosenbach", "Knoopstraße"]
    counter = document(recogniser, "Gosenbach sagte, er komme.")
    component(recogniser, "unlisted")(counter)
    assert spans(counter.names) == []


def test_english_spans_drop_the_possessive_and_take_the_generic(recogniser):
    doc = document(recogniser, "China's exports grew in Hamilton County.", "en")
    for name in ("people", "names", "decision", "english"):
        component(recogniser, name)(doc)
    assert sorted(spans(doc.names)) == ["China", "Hamilton County"]
    german = document(recogniser, "Chinas Exporte wuchsen.")
    for name in ("people", "names", "decision", "english"):
        component(recogniser, name)(german)
    assert spans(german.names) == ["Chinas"]  # the English rules leave German alone


def test_city_districts_join_a_near_district_but_not_a_far_city(recogniser):
    def run(text: str) -> list[str]:
        doc = document(recogniser, text)
        for name in ("people", "names", "decision", "compounds"):
            component(recogniser, name)(doc)
        return spans(doc.names)

    assert run("Sie wohnt in Berlin-Mitte.") == ["Berlin-Mitte"]
    assert "Berlin-Mitte" not in run("Der Flug Berlin-Moskau fiel aus.")


def test_organisations_and_events_drop_only_the_embedded_occurrence(recogniser):
    doc = document(recogniser, "Die Paris Fashion Week beginnt, sagte man in Paris.", "en")
    tokens = doc.tokens
    doc.names = [
        Recognised(tokens.starts[i], tokens.ends[i], "Paris", "paris", False, i, i)
        for i in range(tokens.size) if tokens.spellings[i] == "Paris"
    ]
    component(recogniser, "organisations")(doc)
    assert [m.start for m in doc.names] == [tokens.text.rindex("Paris")]
