"""The German noun-class table: its builder on hand-made rows and the committed table."""

import csv
import io
import zipfile

import pytest

from storymap.geoparse.lexicon import nouns
from storymap.geoparse.lexicon.nouns import (
    NounClass,
    build,
    entry_class,
    noun_classes,
    read_entries,
)

HEADER = ["lemma", "pos", "genus", "nominativ singular", "genitiv singular", "dativ plural"]
ROWS = [
    ["Zug", "Substantiv", "m", "Zug", "Zuges", "Zügen"],
    ["Zug", "Substantiv,Toponym", "n", "Zug", "Zugs", ""],
    ["Darmstadt", "Substantiv,Toponym", "n", "Darmstadt", "Darmstadts", ""],
    ["Michael", "Substantiv,Vorname", "m", "Michael", "Michaels", ""],
    ["Mann", "Nachname,Substantiv", "m", "Mann", "Manns", ""],
    ["Sonne", "Eigenname,Substantiv", "f", "Sonne", "Sonne", ""],
    ["Kfz", "Abkürzung,Substantiv", "n", "Kfz", "", ""],
    ["-heit", "Affix,Substantiv,Suffix", "f", "-heit", "", ""],
]


def csv_text(rows=ROWS):
    out = io.StringIO()
    csv.writer(out).writerows([HEADER, *rows])
    return out.getvalue()


@pytest.mark.parametrize(
    ("pos", "expected"),
    [
        ("Substantiv", NounClass.COMMON),
        ("Substantiv,Toponym", NounClass.PLACE),
        ("Substantiv,Toponym,Wortverbindung", NounClass.PLACE),
        ("Substantiv,Vorname", NounClass.FIRST_NAME),
        ("Nachname,Substantiv", NounClass.SURNAME),
        ("Eigenname,Substantiv", NounClass.PROPER),
        ("Abkürzung,Substantiv", NounClass.ABBREVIATION),
        ("Eigenname,Substantiv,Toponym", NounClass.PLACE),  # the most specific tag wins
    ],
)
def test_entry_class(pos, expected):
    assert entry_class(pos) == expected


def test_every_case_form_gets_its_entries_classes():
    classes = read_entries(csv.reader(io.StringIO(csv_text())))
    assert classes["Zug"] == NounClass.COMMON | NounClass.PLACE  # two entries, one form
    assert classes["Zügen"] == NounClass.COMMON  # a case form of the common noun only
    assert classes["Zugs"] == NounClass.PLACE
    assert classes["Darmstadts"] == NounClass.PLACE
    assert classes["Michaels"] == NounClass.FIRST_NAME
    assert "-heit" not in classes  # suffix entries are no words
    assert "" not in classes


def test_build_reads_csv_or_wheel_and_gives_the_same_bytes(tmp_path):
    source = tmp_path / "nouns.csv"
    source.write_text(csv_text(), encoding="utf-8")
    wheel = tmp_path / "german_nouns-1.2.5-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("german_nouns/nouns.csv", csv_text())
    from_csv, from_wheel = tmp_path / "a.marisa", tmp_path / "b.marisa"
    assert build(source, from_csv) == build(wheel, from_wheel) == 12
    assert from_csv.read_bytes() == from_wheel.read_bytes()
    # Row order does not matter: the table is written sorted.
    source.write_text(csv_text(list(reversed(ROWS))), encoding="utf-8")
    again = tmp_path / "c.marisa"
    build(source, again)
    assert again.read_bytes() == from_csv.read_bytes()


def test_cli_reports_an_unreadable_source_in_one_line(tmp_path, capsys):
    missing = tmp_path / "nope.whl"
    assert nouns.main([str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot read" in err


@pytest.mark.parametrize(
    ("word", "has", "lacks"),
    [
        ("Zug", NounClass.COMMON | NounClass.PLACE, NounClass.NONE),
        ("Kuchen", NounClass.COMMON, NounClass.PLACE),
        ("Bergen", NounClass.COMMON, NounClass.NONE),  # plural of Berg
        ("Darmstadt", NounClass.PLACE, NounClass.COMMON),
        ("Russland", NounClass.PLACE, NounClass.COMMON),
        ("Michael", NounClass.FIRST_NAME, NounClass.COMMON),
        ("Wladimir", NounClass.FIRST_NAME, NounClass.COMMON),
    ],
)
def test_committed_table(word, has, lacks):
    classes = noun_classes(word)
    assert has in classes
    assert not classes & lacks


def test_unknown_words_have_no_class():
    assert noun_classes("Putin") == NounClass.NONE
    assert noun_classes("zug") == NounClass.NONE  # as written: nouns are capitalised
