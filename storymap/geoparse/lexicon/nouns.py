"""What German Wiktionary says a capitalised word is: a common noun, a place, a first name.

German capitalises every noun, so capitals cannot tell "Zug" the train from Zug the town,
and word frequency cannot either: Darmstadt is frequent because it is a city, Kuchen
because it is cake. Wiktionary's noun entries can. Each entry is tagged (Substantiv,
Toponym, Vorname, Nachname …) and lists every inflected form (Bergen, Steinen are plurals
of Berg, Stein), so a form that belongs to a plain noun entry is a common word, a form that
belongs only to toponym entries is a place word, and a first name marks what follows as a
surname (Michael Jackson, Wladimir Putin).

The table ``data/german_nouns.marisa`` maps every form to a ``NounClass`` mask. It is built
by ``python -m storymap.geoparse.lexicon.nouns`` from the ``nouns.csv`` of the german-nouns package
(Gregor Weichbrodt, compiled from de.wiktionary.org, CC BY-SA 4.0), given as the package's
wheel or the CSV itself: the package is not installed, since its parser dependency pins an
lxml older than trafilatura needs, and only its data is used.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import zipfile
from collections.abc import Iterable, Iterator
from enum import IntFlag
from functools import lru_cache
from pathlib import Path

from storymap.geoparse.lexicon.derived import DATA_DIR

TABLE_FILE = DATA_DIR / "german_nouns.marisa"
_CSV_NAME = "german_nouns/nouns.csv"
_CASES = ("nominativ", "genitiv", "dativ", "akkusativ")


class NounClass(IntFlag):
    """The kinds of Wiktionary noun entries a word form belongs to (several may apply)."""

    NONE = 0
    COMMON = 1  # a plain noun entry: Zug (train), Kuchen, Bergen (plural of Berg)
    PLACE = 2  # a toponym entry: Darmstadt, Zug (the town)
    FIRST_NAME = 4  # Vorname: Michael, Wladimir
    SURNAME = 8  # Nachname: Brandenburg, Stein
    PROPER = 16  # another proper name: Sonne, Europa
    ABBREVIATION = 32  # Abkürzung, Buchstabe, Symbol


def entry_class(pos: str) -> NounClass:
    """One entry's class from its comma-separated Wiktionary tags (the most specific wins:
    a toponym entry is no common noun, even though it is tagged Substantiv too)."""
    tags = set(pos.split(","))
    if "Toponym" in tags:
        return NounClass.PLACE
    if "Vorname" in tags:
        return NounClass.FIRST_NAME
    if "Nachname" in tags:
        return NounClass.SURNAME
    if "Eigenname" in tags:
        return NounClass.PROPER
    if tags & {"Abkürzung", "Buchstabe", "Symbol"}:
        return NounClass.ABBREVIATION
    return NounClass.COMMON


def read_entries(rows: Iterable[list[str]]) -> dict[str, int]:
    """Every capitalised form of every entry (lemma and case forms) → its classes' mask."""
    rows = iter(rows)
    header = next(rows)
    form_columns = [i for i, name in enumerate(header) if name.startswith(_CASES)]
    classes: dict[str, int] = {}
    for row in rows:
        if len(row) < len(header):
            continue
        mask = int(entry_class(row[1]))
        for form in {row[0], *(row[i] for i in form_columns)}:
            if form[:1].isupper():
                classes[form] = classes.get(form, 0) | mask
    return classes


def _csv_rows(source: Path) -> Iterator[list[str]]:
    """The rows of ``nouns.csv``, read from the CSV or from inside the package's wheel."""
    if source.suffix in (".whl", ".zip"):
        with zipfile.ZipFile(source) as archive, archive.open(_CSV_NAME) as raw:
            yield from csv.reader(io.TextIOWrapper(raw, encoding="utf-8", newline=""))
    else:
        with open(source, encoding="utf-8", newline="") as handle:
            yield from csv.reader(handle)


def build(source: Path, output: Path = TABLE_FILE) -> int:
    """Write the table (sorted keys: the same CSV gives the same bytes); its size in forms."""
    import marisa_trie

    classes = read_entries(_csv_rows(source))
    trie = marisa_trie.RecordTrie("B", sorted((form, (mask,)) for form, mask in classes.items()))
    output.parent.mkdir(parents=True, exist_ok=True)
    trie.save(str(output))
    return len(classes)


@lru_cache(maxsize=1)
def _table():
    import marisa_trie

    return marisa_trie.RecordTrie("B").mmap(str(TABLE_FILE))


@lru_cache(maxsize=65_536)
def noun_classes(word: str) -> NounClass:
    """The classes of the entries ``word`` (as written) is a form of; NONE if Wiktionary
    has no noun with that form."""
    found = _table().get(word)
    return NounClass(found[0][0]) if found else NounClass.NONE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m storymap.geoparse.lexicon.nouns", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "source", type=Path,
        help="german_nouns-1.2.5-py3-none-any.whl (pip download --no-deps german-nouns==1.2.5) "
        "or its german_nouns/nouns.csv",
    )
    parser.add_argument("-o", "--output", type=Path, default=TABLE_FILE)
    args = parser.parse_args(argv)
    try:
        count = build(args.source, args.output)
    except (OSError, KeyError, csv.Error, StopIteration) as error:
        print(f"storymap.geoparse.lexicon.nouns: cannot read {args.source}: {error}",
              file=sys.stderr)
        return 2
    print(f"wrote {args.output} ({count} word forms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
