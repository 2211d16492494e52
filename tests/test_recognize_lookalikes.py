"""Look-alike names (issue 20, part 4): spans that spell a place but by their structure name
an event, a person or an organisation — each rule with the counter-case where the same
word names the place — and the English span rules around place names."""

import pytest

from storymap.geoparse import geoparse
from storymap.geoparse.lexicon.surnames import is_surname, names_in_module


def texts(text, lang="en"):
    return [m.text for m in geoparse(text, lang).mentions]


@pytest.mark.parametrize(
    ("text", "lang", "places"),
    [
        # an event head after the place; "in Paris" in the same text stays a place
        ("The Paris Air Show opened. Crowds in Paris cheered.", "en", ["Paris"]),
        ("The Boston Marathon ran on Monday; the runners stayed in Boston.", "en", ["Boston"]),
        ("She won the Australian Open and the Monaco Grand Prix.", "en", []),
        ("Die Hannover Messe lockt Besucher nach Hannover.", "de", ["Hannover"]),
        # an event head before the place, with its particle
        ("The Tour de France ends in Paris. He lives in France.", "en", ["Paris", "France"]),
        # a race named by its towns, introduced by a race word; a route is two places
        ("Er gewann Paris–Nizza und fuhr danach nach Paris.", "de", ["Paris"]),
        ("He won Paris-Roubaix, then rode from Paris to Roubaix.", "en", ["Paris", "Roubaix"]),
        ("Die Strecke Berlin–Moskau wurde eröffnet.", "de", ["Berlin", "Moskau"]),
    ],
)
def test_places_inside_event_names_are_no_mentions_there(text, lang, places):
    assert texts(text, lang) == places


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # a place-named first name before a surname or a second given name
        ("Paris Jackson attended the show. She later flew to Paris.", ["Paris"]),
        ("Georgia May Jagger walked at the show in Georgia.", ["Georgia"]),
        # a place-named surname after a first name; the country itself stays
        ("Andrew Jordan and Tom Holland won; they flew to Jordan.", ["Jordan"]),
        # a first name no dictionary knows as a place, before any rare capitalised word
        ("Vladimir Putin met Gary Matson in Moscow.", ["Moscow"]),
        # a first name after the place marks the place as the person's epithet
        ("He met the Minister for the Arctic Alexander Kozlov in Vladivostok.", ["Vladivostok"]),
        # counter-cases: an ordinary word after the place word is no surname
        ("The Houston Rockets beat Cambridge Analytica's team in Houston.",
         ["Houston", "Cambridge", "Houston"]),
    ],
)
def test_people_named_like_places(text, places):
    assert texts(text) == places


def test_a_name_opened_by_a_place_does_not_suppress_the_place_elsewhere():
    text = (
        "The London Homeless Coalition said rents rose. In London, prices rose 5 percent. "
        "London has become expensive."
    )
    assert texts(text) == ["London", "London", "London"]
    # a surname is remembered: the person again, not the town
    assert texts("John Tyler spoke first. Tyler said he would stay.") == []


def test_a_country_as_the_subject_of_a_sentence_or_of_reported_speech():
    text = "Turkey has become a key partner. Officials said Turkey asked for more."
    assert texts(text) == ["Turkey", "Turkey"]
    assert texts("He ate turkey at home.") == []  # the bird, not a country


def test_organisations_in_english():
    # a place opening an organisation's name is a toponym embedded in it (GeoWebNews
    # annotates "Washington" in "Washington Post"); "X of Y" institutions stay out
    assert texts("The Washington Post reported from Washington.") == ["Washington"] * 2
    assert texts("He worked at the Bank of England in London.") == ["London"]
    # the name of a site is one mention of the site
    assert texts("She studied at Colorado State University in Fort Collins.") == [
        "Colorado State University", "Fort Collins",
    ]
    # a possessive ends the name; a sentence ends every name
    assert texts("Seoul's Jamsil Stadium was closed.") == ["Seoul"]
    assert texts("It happened in Syria. The Ministry of Defence said so.") == ["Syria"]


def test_english_spans_take_compass_words_and_generic_nouns():
    assert texts("Storms hit South Florida and Hamilton County, near the Mississippi River.") == [
        "South Florida", "Hamilton County", "Mississippi River",
    ]
    river = next(m for m in geoparse("They fished in the Mississippi River.", "en").mentions)
    assert river.place is None  # a river is no state: left unresolved
    assert texts("They tried to bring in that Southern influence.") == []
    # a name written as a modifier is the plain name, and "UK." keeps no full stop
    found = geoparse("The London-based firm and the U.S.-led coalition left the UK.", "en")
    assert [(m.text, m.derived) for m in found.mentions] == [
        ("London", False), ("U.S.", False), ("UK", False),
    ]


def test_british_roads():
    assert texts("A lorry crashed on the A120; the A436, A40 and A429 were closed.") == [
        "A120", "A436", "A40", "A429",
    ]
    assert texts("The A4 paper was ready and the A380 landed.") == []


def test_surnames_are_read_from_faker_modules():
    source = (
        "class Provider:\n"
        "    first_names = ('Anton',)\n"
        "    last_names = ('Müller', 'Jackson')\n"
    )
    assert names_in_module(source) == {"Müller", "Jackson"}
    assert is_surname("Jackson") and is_surname("Knight") and not is_surname("Marathon")
