"""The derived-forms lexicon: tokens as they occur in news text map to the right places,
ordinary words do not, and the committed table is exactly what the builder makes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from gazetteer import Gazetteer
from gazetteer.normalize import normalize
from storymap.geoparse.lexicon import DerivedLexicon
from storymap.geoparse.lexicon.derived import LEXICON_FILE, TSV_HEADER, TYPES

RUSSIA = "gn:2017370"
NORTH_KOREA = "gn:1873107"
SOUTH_KOREA = "gn:1835841"
KOREAN_PENINSULA = "gn:11494804"
CHINA = "gn:1814991"
JAPAN = "gn:1861060"
GERMANY = "gn:2921044"
FRANCE = "gn:3017382"
USA = "gn:6252001"
SOVIET_UNION = "curated:soviet_union"
MOSCOW = "gn:524901"

# (token as written, language, place id, type)
POSITIVES = [
    # German adjectives: declined forms of the -isch stem
    ("russischen", "de", RUSSIA, "adjective"),
    ("russische", "de", RUSSIA, "adjective"),
    ("russischem", "de", RUSSIA, "adjective"),
    ("nordkoreanische", "de", NORTH_KOREA, "adjective"),
    ("nordkoreanischen", "de", NORTH_KOREA, "adjective"),
    ("koreanischen", "de", KOREAN_PENINSULA, "adjective"),
    ("chinesische", "de", CHINA, "adjective"),
    ("japanischen", "de", JAPAN, "adjective"),
    ("südkoreanische", "de", SOUTH_KOREA, "adjective"),
    ("malische", "de", "gn:2453866", "adjective"),
    ("westafrikanischen", "de", "gn:7729885", "adjective"),
    ("deutsche", "de", GERMANY, "adjective"),
    ("deutschen", "de", GERMANY, "adjective"),
    ("ostdeutschen", "de", "curated:east_germany_region", "adjective"),
    ("europäischen", "de", "gn:6255148", "adjective"),
    ("bayerische", "de", "gn:2951839", "adjective"),
    ("sowjetischen", "de", SOVIET_UNION, "adjective"),
    ("syrischen", "de", "gn:163843", "adjective"),
    ("ukrainischen", "de", "gn:690791", "adjective"),
    ("türkische", "de", "gn:298795", "adjective"),
    ("israelischen", "de", "gn:294640", "adjective"),
    ("amerikanische", "de", USA, "adjective"),
    ("US-amerikanischen", "de", USA, "adjective"),
    ("nahöstlichen", "de", "gn:6269133", "adjective"),
    # German demonyms: plural, feminine, genitive
    ("Russen", "de", RUSSIA, "demonym"),
    ("Russin", "de", RUSSIA, "demonym"),
    ("Nordkoreaner", "de", NORTH_KOREA, "demonym"),
    ("Japanerinnen", "de", JAPAN, "demonym"),
    ("Syrer", "de", "gn:163843", "demonym"),
    ("Türken", "de", "gn:298795", "demonym"),
    ("Franzosen", "de", FRANCE, "demonym"),
    ("Französin", "de", FRANCE, "demonym"),
    ("Deutscher", "de", GERMANY, "demonym"),
    ("Kurden", "de", "curated:kurdistan", "demonym"),
    # German invariant -er forms of cities, regions and Switzerland
    ("Moskauer", "de", MOSCOW, "city_adjective"),
    ("Seouler", "de", "gn:1835848", "city_adjective"),
    ("Pekinger", "de", "gn:1816670", "city_adjective"),
    ("Münchner", "de", "gn:2867714", "city_adjective"),
    ("Münchnerin", "de", "gn:2867714", "city_adjective"),
    ("Berlinern", "de", "gn:2950159", "city_adjective"),  # the city, not the Land
    ("Genfer", "de", "gn:2660646", "city_adjective"),  # the city, not the canton
    ("Dresdner", "de", "gn:2935022", "city_adjective"),
    ("Essener", "de", "gn:2928810", "city_adjective"),
    ("Tiroler", "de", "gn:2763586", "city_adjective"),
    ("Schweizer", "de", "gn:2658434", "city_adjective"),
    ("Schweizerin", "de", "gn:2658434", "city_adjective"),
    # English
    ("Russian", "en", RUSSIA, "adjective"),
    ("Russians", "en", RUSSIA, "adjective"),
    ("Koreans", "en", KOREAN_PENINSULA, "adjective"),
    ("North Korean", "en", NORTH_KOREA, "adjective"),
    ("North Koreans", "en", NORTH_KOREA, "adjective"),
    ("South Korean", "en", SOUTH_KOREA, "adjective"),
    ("Chinese", "en", CHINA, "adjective"),
    ("Germans", "en", GERMANY, "adjective"),
    ("Americans", "en", USA, "adjective"),
    ("British", "en", "gn:2635167", "adjective"),
    ("Iraqi", "en", "gn:99237", "adjective"),
    ("Ukrainian", "en", "gn:690791", "adjective"),
    ("Soviet", "en", SOVIET_UNION, "adjective"),
    ("Texan", "en", "gn:4736286", "adjective"),
    ("Sri Lankans", "en", "gn:1227603", "adjective"),
    ("Parisian", "en", "gn:2988507", "adjective"),
    ("Frenchmen", "en", FRANCE, "demonym"),
    ("Muscovite", "en", MOSCOW, "demonym"),
    ("Muscovites", "en", MOSCOW, "demonym"),
    ("New Yorkers", "en", "gn:5128581", "demonym"),
]

# Words that are not derived place forms, though some start like one or were once produced
# by a rule: ordinary words, place names themselves, and false friends.
NEGATIVES = [
    ("Boden", "de"),
    ("Stadt", "de"),
    ("malinisch", "de"),
    ("malinische", "de"),
    ("Essen", "de"),
    ("Station", "de"),
    ("Russland", "de"),
    ("Russlandbesuch", "de"),
    ("Russischkurs", "de"),
    ("Berlinale", "de"),
    ("Mauer", "de"),  # Mau, India
    ("Berater", "de"),  # Berat, Albania
    ("Sieger", "de"),  # Siegen
    ("Maler", "de"),  # Male, Maldives
    ("Hammer", "de"),  # Hamm
    ("Indianer", "de"),  # not Indien
    ("Wende", "de"),  # Wendland
    ("Lappen", "de"),  # Lappland
    ("Burgen", "de"),  # Burgenland
    ("ozeanische", "de"),  # Ozeanien
    ("us", "en"),
    ("roman", "en"),
    ("Victorian", "en"),
    ("Hamburger", "en"),
    ("Caucasian", "en"),
    ("Station", "en"),
]


@pytest.fixture(scope="module")
def lexicon() -> DerivedLexicon:
    return DerivedLexicon.load()


def _key(text: str) -> str:
    return normalize(text)


@pytest.mark.parametrize(("token", "lang", "place_id", "form_type"), POSITIVES)
def test_derived_forms_name_their_place(
    lexicon: DerivedLexicon, token: str, lang: str, place_id: str, form_type: str
):
    found = lexicon.lookup(_key(token), lang)
    assert found is not None, token
    assert (found.place_id, found.type) == (place_id, form_type), (token, found)


@pytest.mark.parametrize(("token", "lang"), NEGATIVES)
def test_ordinary_words_are_not_derived_forms(lexicon: DerivedLexicon, token: str, lang: str):
    assert lexicon.lookup(_key(token), lang) is None, token


def test_false_friends_stay_out(lexicon: DerivedLexicon):
    from storymap.geoparse.lexicon.build import FALSE_FRIENDS

    for lang, words in FALSE_FRIENDS.items():
        assert not [word for word in words if lexicon.lookup(word, lang) is not None]


def test_forms_are_language_specific(lexicon: DerivedLexicon):
    assert lexicon.lookup("russian", "de") is None
    assert lexicon.lookup("russischen", "en") is None


def test_inflection_is_stripped_only_for_the_forms_type(lexicon: DerivedLexicon):
    # An adjective ending on a demonym, a demonym ending on an adjective: no match.
    assert lexicon.lookup("moskauerinnen", "de") is not None
    assert lexicon.lookup("russischin", "de") is None
    assert lexicon.lookup("japanerem", "de") is None


def test_compound_stems(lexicon: DerivedLexicon):
    sowjet = lexicon.stem("sowjet", "de")
    assert sowjet is not None and sowjet.place_id == SOVIET_UNION
    nahost = lexicon.stem("nahost", "de")
    assert nahost is not None and nahost.place_id == "gn:6269133"
    assert lexicon.stem("us", "de").place_id == USA
    assert lexicon.stem("russisch", "de") is None  # an adjective, not a stem
    assert lexicon.stem("us", "en") is None  # the English pronoun


def test_capitalisation_expected_in_text(lexicon: DerivedLexicon):
    assert not lexicon.lookup("russischen", "de").capitalised
    assert lexicon.lookup("moskauer", "de").capitalised
    assert lexicon.lookup("russen", "de").capitalised
    assert lexicon.lookup("russian", "en").capitalised


def test_committed_table_is_well_formed():
    lines = LEXICON_FILE.read_text(encoding="utf-8").splitlines()
    assert tuple(lines[0].split("\t")) == TSV_HEADER
    rows = [line.split("\t") for line in lines[1:]]
    assert len(rows) > 1000
    assert all(len(row) == len(TSV_HEADER) for row in rows)
    keys = [(row[1], row[0]) for row in rows]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert {row[2] for row in rows} <= set(TYPES)
    assert all(row[0] == normalize(row[0]) for row in rows)


def test_loading_is_fast():
    text = LEXICON_FILE.read_text(encoding="utf-8")
    best = min(_timed(lambda: DerivedLexicon.from_tsv(text)) for _ in range(3))
    assert best < 0.020


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


# -- the builder ---------------------------------------------------------------------------


def test_place_queries_resolve_to_exactly_one_place(gazetteer: Gazetteer):
    from storymap.geoparse.lexicon.build import LexiconBuildError, resolve_place

    assert resolve_place(gazetteer, "Berlin|city|DE").id == "gn:2950159"
    assert resolve_place(gazetteer, "Deutschland|country").id == GERMANY
    with pytest.raises(LexiconBuildError):
        resolve_place(gazetteer, "Berlin")  # the city, the Land, towns in the US
    with pytest.raises(LexiconBuildError):
        resolve_place(gazetteer, "Deutschland|city")
    with pytest.raises(LexiconBuildError):
        resolve_place(gazetteer, "Nirgendwostadt|city")


def test_irregular_table_errors_are_loud(gazetteer: Gazetteer, tmp_path: Path):
    from storymap.geoparse.lexicon.build import LexiconBuildError, build

    table = tmp_path / "irregular.tsv"
    table.write_text("form\tlang\ttype\tplace\tsource\nfoo\tde\tadverb\tX|country\ttest\n")
    with pytest.raises(LexiconBuildError):
        build(gazetteer, irregular=table)


@pytest.fixture(scope="module")
def rebuilt(gazetteer: Gazetteer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("wordfreq")
    from storymap.geoparse.lexicon.build import build, render

    out = tmp_path_factory.mktemp("lexicon") / "derived_forms.tsv"
    out.write_text(render(build(gazetteer)), encoding="utf-8")
    return out


@pytest.mark.slow
def test_build_is_deterministic(gazetteer: Gazetteer, rebuilt: Path, tmp_path: Path):
    from storymap.geoparse.lexicon import build as builder
    from storymap.geoparse.lexicon.rules import word_zipf

    word_zipf.cache_clear()
    again = tmp_path / "again.tsv"
    again.write_text(builder.render(builder.build(gazetteer)), encoding="utf-8")
    assert again.read_bytes() == rebuilt.read_bytes()


@pytest.mark.slow
def test_committed_table_is_up_to_date(rebuilt: Path):
    assert rebuilt.read_bytes() == LEXICON_FILE.read_bytes(), (
        "storymap/data/derived_forms.tsv is stale: run `python -m storymap.geoparse.lexicon.build`"
    )
