"""Post-Soviet districts that cities500 gives no admin-2 code are placed at the town they are
named after, so that "Hasansky district" is found and placed."""

from gazetteer.build.centres import CityCentres
from gazetteer.build.centres import district_stem as _district_stem
from gazetteer.build.records import PlaceRecord, PlaceRegistry
from gazetteer.geo import haversine_km
from storymap.geoparse import geoparse


def test_district_stems():
    assert _district_stem("Khasanskiy Rayon") == "khasan"
    assert _district_stem("Zherdevsky District") == "zherdev"
    assert _district_stem("Kyivs’kyi Raion") == "kyiv"
    assert _district_stem("Landkreis Göttingen") == ""  # not a district adjective
    assert _district_stem("Oskiy Rayon") == ""  # too short a stem to trust


def test_a_district_stands_at_the_largest_town_named_like_it_in_its_region():
    registry = PlaceRegistry()
    for name, lat, population, admin1 in (
        ("Khasan", 42.43, 700, "59"),
        ("Khasanovka", 43.0, 300, "59"),  # a longer ending: not the namesake
        ("Khasany", 44.0, 900, "59"),
        ("Khasan", 50.0, 9000, "12"),  # another region
    ):
        registry.add(PlaceRecord(name=name, kind="village", lat=lat, lon=130.0, country="RU",
                                 admin1=admin1, population=population))
    centres = CityCentres(registry)
    point = centres.named_after("RU", "59", ["Khasanskiy Rayon"])
    assert (point.lat, point.lon) == (44.0, 130.0)  # Khasany: most populous namesake
    assert centres.named_after("RU", "59", ["Landkreis Nowhere"]) is None


def test_an_english_district_name_is_found_near_its_region():
    text = (
        "The train left Vladivostok for Ussuriysk, a member of the Hasansky district's "
        "Duma said."
    )
    found = {m.text: m for m in geoparse(text, "en").mentions}
    district = found["Hasansky district"]
    assert haversine_km(district.lat, district.lon, 42.43, 130.64) < 50
