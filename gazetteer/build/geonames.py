"""GeoNames readers: the shipped extracts (cities500, no-country) and the official full dumps.

All GeoNames place files share the 19-column ``geoname`` table layout, whether plain text,
xz-compressed, or a zip holding ``allCountries.txt`` / ``RU.txt``. The full dumps come with
``alternateNamesV2`` (language-tagged names, Wikidata links), which the extracts lack.
"""

from __future__ import annotations

import io
import lzma
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from gazetteer.build.records import UNTAGGED, PlaceRecord, PlaceRegistry
from gazetteer.kinds import geonames_kind

GEONAME_COLUMNS = 19
# Feature classes kept from a full dump by default: administrative, populated, water,
# regions, terrain. Spots, roads, undersea and vegetation would only add noise to news.
DEFAULT_FEATURE_CLASSES = "APHLT"
# alternateNames pseudo-languages that are not names of the place.
_NOT_NAMES = {"link", "post", "iata", "icao", "faac", "fr_1793", "tcid", "unlc", "phon", "piny"}


@contextmanager
def _open_text(path: Path, member_suffix: str = ".txt") -> Iterator[IO[str]]:
    """Open a plain, .xz or .zip GeoNames file as text (the zip's data member)."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            # allCountries.zip → allCountries.txt; alternateNamesV2.zip also holds
            # iso-languagecodes.txt, so the member named like the archive wins.
            members = sorted(name for name in archive.namelist() if name.endswith(member_suffix))
            named = [name for name in members if Path(name).stem == path.stem]
            chosen = named or [name for name in members if not name.lower().startswith("readme")]
            if len(chosen) != 1:
                raise ValueError(f"{path}: expected one {member_suffix} data file, got {members}")
            with archive.open(chosen[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    elif path.suffix == ".xz":
        with lzma.open(path, "rt", encoding="utf-8", newline="\n") as handle:
            yield handle
    else:
        with path.open(encoding="utf-8", newline="\n") as handle:
            yield handle


def read_geoname_rows(path: Path) -> Iterator[list[str]]:
    """Rows of a GeoNames ``geoname``-table file (19 tab-separated columns, no quoting)."""
    with _open_text(path) as handle:
        for line in handle:
            if not line.strip() or line.startswith("#"):
                continue
            row = line.rstrip("\r\n").split("\t")
            if len(row) != GEONAME_COLUMNS:
                raise ValueError(f"{path}: expected {GEONAME_COLUMNS} columns, got {len(row)}")
            yield row


def _is_abbreviation(name: str) -> bool:
    """All-caps short codes (IATA codes, USA): kept apart so recognisers can be careful."""
    letters = name.replace(".", "")
    return 2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper() and letters.isascii()


def geoname_record(row: list[str], source: str) -> PlaceRecord:
    """A place record from one ``geoname`` row; untagged alternate names as names."""
    population = int(row[14] or 0)
    record = PlaceRecord(
        name=row[1],
        kind=geonames_kind(row[6], row[7], population),
        lat=float(row[4]),
        lon=float(row[5]),
        country=row[8],
        admin1=row[10],
        admin2=row[11],
        population=population,
        feature_code=row[7],
        geonames_id=int(row[0]),
    )
    record.add_source(source)
    if row[2] and row[2] != row[1]:
        record.add_name(row[2])
    for alternate in row[3].split(","):
        if not alternate:
            continue
        if _is_abbreviation(alternate):
            if alternate not in record.abbreviations:
                record.abbreviations.append(alternate)
        else:
            record.add_name(alternate)
    return record


def add_geoname_file(
    registry: PlaceRegistry,
    path: Path,
    source: str,
    feature_classes: str | None = None,
) -> int:
    """Add every row of a GeoNames place file; returns the number of rows read."""
    count = 0
    for row in read_geoname_rows(path):
        if feature_classes is not None and row[6] not in feature_classes:
            continue
        registry.add(geoname_record(row, source))
        count += 1
    return count


@dataclass(frozen=True, slots=True)
class AlternateName:
    """One row of ``alternateNamesV2``."""

    geoname_id: int
    language: str
    name: str
    is_preferred: bool
    is_short: bool
    is_colloquial: bool
    is_historic: bool


def read_alternate_names(path: Path) -> Iterator[AlternateName]:
    """Rows of ``alternateNamesV2.txt`` (or its zip): id, geonameid, lang, name, flags…"""
    with _open_text(path) as handle:
        for line in handle:
            row = line.rstrip("\r\n").split("\t")
            if len(row) < 8 or not row[1].isdigit():
                continue
            yield AlternateName(
                geoname_id=int(row[1]),
                language=row[2],
                name=row[3],
                is_preferred=row[4] == "1",
                is_short=row[5] == "1",
                is_colloquial=row[6] == "1",
                is_historic=row[7] == "1",
            )


def add_alternate_names(registry: PlaceRegistry, path: Path) -> int:
    """Attach language-tagged names (and Wikidata ids) to the places already registered."""
    attached = 0
    for alternate in read_alternate_names(path):
        place = registry.by_geonames(alternate.geoname_id)
        if place is None or alternate.language in _NOT_NAMES:
            continue
        if alternate.language == "wkdt":
            if place.wikidata_id is None:
                place.wikidata_id = alternate.name
            continue
        if alternate.language == "abbr" or _is_abbreviation(alternate.name):
            if alternate.name not in place.abbreviations:
                place.abbreviations.append(alternate.name)
            attached += 1
            continue
        language = alternate.language.split("-")[0] if not alternate.is_colloquial else UNTAGGED
        if alternate.is_historic:
            language = UNTAGGED
        place.add_name(alternate.name, language)
        cleaned = " ".join(alternate.name.split())
        if alternate.is_preferred and cleaned:
            names = place.names[language]
            names.remove(cleaned)
            names.insert(0, cleaned)
        attached += 1
    return attached
