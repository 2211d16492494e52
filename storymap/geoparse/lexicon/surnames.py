"""Surnames of many countries, so that a first name that is also a place is read as the
person it opens (Paris Jackson, India Knight, Jordan Henderson), not as the place.

English capitalises every name, so the word after "Paris" says whether a person is meant:
a surname (Jackson) makes a person, an ordinary word (Paris Fashion Week, Houston Rockets)
does not. The table ``data/surnames.marisa`` holds the last names of the person providers of
Faker (MIT), read from the wheel as data exactly like ``first_names``: Latin-script names as
written, Cyrillic ones in the German and English spellings of ``gazetteer.translit``.

It is built by ``python -m storymap.geoparse.lexicon.surnames faker-….whl``; the same wheel
gives the same bytes.
"""

from __future__ import annotations

import argparse
import ast
import sys
import zipfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from storymap.geoparse.lexicon.derived import DATA_DIR
from storymap.geoparse.lexicon.first_names import _PERSON_MODULES, _strings, spellings

TABLE_FILE = DATA_DIR / "surnames.marisa"


def names_in_module(source: str) -> set[str]:
    """The surnames a Faker person module assigns to ``last_names…`` attributes."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Assign):
            continue
        targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
        if any(name.startswith("last_name") for name in targets):
            found.update(_strings(node.value))
    return found


def read_wheel(source: Path) -> Iterable[str]:
    """Every surname of every locale in the Faker wheel ``source``."""
    names: set[str] = set()
    with zipfile.ZipFile(source) as archive:
        for member in sorted(archive.namelist()):
            if _PERSON_MODULES.fullmatch(member):
                for name in names_in_module(archive.read(member).decode("utf-8")):
                    names.update(spellings(name))
    return names


def build(source: Path, output: Path = TABLE_FILE) -> int:
    """Write the table (a sorted set: the same wheel gives the same bytes); its size."""
    import marisa_trie

    names = sorted(read_wheel(source))
    if not names:
        raise ValueError("no Faker person modules with last names in it")
    output.parent.mkdir(parents=True, exist_ok=True)
    marisa_trie.Trie(names).save(str(output))
    return len(names)


@lru_cache(maxsize=1)
def _table():
    import marisa_trie

    return marisa_trie.Trie().mmap(str(TABLE_FILE))


def is_surname(word: str) -> bool:
    """Whether ``word`` (as written) is a surname somewhere in the world."""
    return word in _table()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m storymap.geoparse.lexicon.surnames", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "source", type=Path,
        help="faker-40.40.0-py3-none-any.whl (pip download --no-deps faker==40.40.0)",
    )
    parser.add_argument("-o", "--output", type=Path, default=TABLE_FILE)
    args = parser.parse_args(argv)
    try:
        count = build(args.source, args.output)
    except (OSError, zipfile.BadZipFile, SyntaxError, ValueError) as error:
        print(f"storymap.geoparse.lexicon.surnames: cannot read {args.source}: {error}",
              file=sys.stderr)
        return 2
    print(f"wrote {args.output} ({count} surnames)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
