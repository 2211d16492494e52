"""Resolution decided for the document: namesake towns by the state the article is in."""

from storymap.geoparse import geoparse


def placed(text: str, lang: str = "en") -> dict[str, str]:
    return {m.text: f"{m.place.country}/{m.place.admin1}" for m in geoparse(text, lang).mentions
            if m.place is not None}


def test_a_town_among_towns_of_one_state_is_that_states(gazetteer):
    text = ("Fire crews from Jackson and Dyersburg helped in Paris on Monday, officials in "
            "Tennessee said.")
    assert placed(text)["Paris"] == "US/TN"


def test_one_place_of_a_state_does_not_pull_a_world_city_away(gazetteer):
    # counter-case: a single Tennessee city is no reason to read Paris as Paris, Tennessee
    assert placed("The singer flew from Nashville to Paris for the fashion week.")["Paris"] \
        .startswith("FR/")


def test_a_country_keeps_its_name_against_a_namesake_town(gazetteer):
    # China, Texas and Mexico, New York exist; news about US towns still mean the countries
    text = ("Officials in Austin, Dallas and Houston said exports to China and Mexico "
            "fell in Texas this year.")
    found = placed(text)
    assert found["China"] == "CN/" and found["Mexico"] == "MX/"
