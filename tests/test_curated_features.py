"""Shape checks for the curated table of macro-regions and physical features.

gazetteer/data/curated/features.tsv holds German/English names and coordinates for
features that none of the imported sources name in German (Naher Osten, Ostsee,
Alpen, Rhein ...). These tests only check the file's structure and a few facts.
"""

import csv
import re
from pathlib import Path

import pytest

FEATURES = Path(__file__).resolve().parents[1] / "gazetteer" / "data" / "curated" / "features.tsv"

HEADER = [
    "key",
    "kind",
    "name_de",
    "alt_de",
    "name_en",
    "alt_en",
    "country",
    "lat",
    "lon",
    "ref",
    "source",
]

KINDS = {
    "building",  # seats of power named metonymically in news (Kreml, Weißes Haus)
    "region",
    "peninsula",
    "sea",
    "strait",
    "gulf",
    "bay",
    "river",
    "lake",
    "mountain_range",
    "mountain",
    "desert",
    "island",
    "archipelago",
    "plain",
    "valley",
    "forest",
    "historic_country",
    "continent",
    "ocean",
}

REF_RE = re.compile(
    r"^(geonames:\d+"
    r"|naturalearth-physical:\S(?:.*\S)?"
    r"|whosonfirst:\d+"
    r"|naturalearth-admin1:\S+)$"
)
KEY_RE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


def _read():
    with FEATURES.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        rows = [dict(zip(header, values, strict=True)) for values in reader]
        return header, rows


@pytest.fixture(scope="module")
def table():
    return _read()


@pytest.fixture(scope="module")
def by_key(table):
    _, rows = table
    return {row["key"]: row for row in rows}


def test_header(table):
    header, _ = table
    assert header == HEADER


def test_row_count(table):
    _, rows = table
    assert len(rows) >= 300


def test_every_row_has_all_columns():
    with FEATURES.open(encoding="utf-8", newline="") as fh:
        lines = fh.read().split("\n")
    assert lines[-1] == "", "file should end with a newline"
    for number, line in enumerate(lines[:-1], start=1):
        assert line.count("\t") == len(HEADER) - 1, f"line {number}"
        assert line == line.rstrip(), f"trailing whitespace on line {number}"
        for value in line.split("\t"):
            assert value == value.strip(), f"untrimmed value on line {number}: {value!r}"


def test_keys_unique_sorted_snake_case(table):
    _, rows = table
    keys = [row["key"] for row in rows]
    assert len(keys) == len(set(keys)), "duplicate keys"
    assert keys == sorted(keys), "rows must be sorted by key"
    bad = [k for k in keys if not KEY_RE.match(k)]
    assert not bad, bad


def test_kinds(table):
    _, rows = table
    bad = {row["key"]: row["kind"] for row in rows if row["kind"] not in KINDS}
    assert not bad, bad


def test_coordinates_in_range(table):
    _, rows = table
    for row in rows:
        lat, lon = float(row["lat"]), float(row["lon"])
        assert -90 <= lat <= 90, row["key"]
        assert -180 <= lon <= 180, row["key"]
        for value in (row["lat"], row["lon"]):
            decimals = value.split(".")[1] if "." in value else ""
            assert len(decimals) <= 5, (row["key"], value)


def test_required_fields(table):
    _, rows = table
    for row in rows:
        for column in ("name_de", "name_en", "source"):
            assert row[column].strip(), (row["key"], column)


def test_alternate_names(table):
    _, rows = table
    for row in rows:
        for lang in ("de", "en"):
            alts = row[f"alt_{lang}"]
            if not alts:
                continue
            parts = alts.split("|")
            assert all(p and p == p.strip() for p in parts), (row["key"], alts)
            assert len(parts) == len(set(parts)), (row["key"], alts)
            assert row[f"name_{lang}"] not in parts, (row["key"], alts)


def test_country_codes(table):
    _, rows = table
    for row in rows:
        if row["country"]:
            assert COUNTRY_RE.match(row["country"]), (row["key"], row["country"])


def test_refs(table):
    _, rows = table
    for row in rows:
        if row["ref"]:
            assert REF_RE.match(row["ref"]), (row["key"], row["ref"])


def test_spot_checks(by_key):
    korea = by_key["korean_peninsula"]
    assert korea["name_de"] == "Koreanische Halbinsel"
    assert abs(float(korea["lat"]) - 38.5) <= 2
    assert abs(float(korea["lon"]) - 127.5) <= 2

    assert by_key["baltic_sea"]["name_de"] == "Ostsee"

    middle_east = by_key["middle_east"]
    names = [middle_east["name_de"], *middle_east["alt_de"].split("|")]
    assert "Naher Osten" in names

    assert by_key["sea_of_japan"]["name_de"] == "Japanisches Meer"
    assert by_key["alps"]["name_de"] == "Alpen"
    assert by_key["rhine"]["name_de"] == "Rhein"


def test_historic_countries_use_former_codes(by_key):
    expected = {"soviet_union": "SU", "gdr": "DD", "yugoslavia": "YU", "czechoslovakia": "CS"}
    for key, code in expected.items():
        assert by_key[key]["kind"] == "historic_country"
        assert by_key[key]["country"] == code
