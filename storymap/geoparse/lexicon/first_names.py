"""First names of many countries, so that the surname after one is no place (Juri Gagarin,
Donna Leon, Stanley Bruce, Angelo Barletta).

German Wiktionary (``nouns.py``) lists 1,458 mostly German first names; news names people of
every country. The table ``data/first_names.marisa`` adds the given names of the person
providers of Faker (MIT), one module per locale: Latin-script names as written, and Cyrillic
ones (Russian, Ukrainian, Bulgarian …) in the German press and English spellings that
``gazetteer.translit`` gives for place names too (Юрий → Juri, Yuriy, Yuri).

It is built by ``python -m storymap.geoparse.lexicon.first_names faker-….whl``: the wheel is read as
data (its modules are parsed, never imported), so the build needs no Faker install and the
same wheel gives the same bytes.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
import zipfile
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from storymap.geoparse.lexicon.derived import DATA_DIR

TABLE_FILE = DATA_DIR / "first_names.marisa"
_PERSON_MODULES = re.compile(r"faker/providers/person/([a-z]{2,3}(?:_[A-Z]{2})?)/__init__\.py")
# A name as recognition sees it: one capitalised word of letters (Jean-Luc is two words).
_NAME = re.compile(r"[^\W\d_][^\W\d_'’]+")


def _strings(node: ast.AST) -> Iterator[str]:
    """Every string constant inside an expression (tuples, lists, OrderedDict(...) calls)."""
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            yield child.value


def names_in_module(source: str) -> set[str]:
    """The first names a Faker person module assigns to ``first_names…`` attributes."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Assign):
            continue
        targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
        if any(name.startswith("first_name") for name in targets):
            found.update(_strings(node.value))
    return found


def spellings(name: str) -> set[str]:
    """The ways a news text writes ``name``: as is, or for Cyrillic its German and English
    transliterations."""
    from gazetteer import translit

    if translit.is_cyrillic(name):
        written = {translit.to_german(name), translit.to_english(name)}
        written.update(translit.news_variants(name))
    else:
        written = {name}
    return {
        word
        for spelling in written
        for word in _NAME.findall(spelling)
        if word[:1].isupper() and not word.isupper() and len(word) >= 3
    }


def read_wheel(source: Path) -> Iterable[str]:
    """Every first name of every locale in the Faker wheel ``source``."""
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
        raise ValueError("no Faker person modules with first names in it")
    output.parent.mkdir(parents=True, exist_ok=True)
    marisa_trie.Trie(names).save(str(output))
    return len(names)


@lru_cache(maxsize=1)
def _table():
    import marisa_trie

    return marisa_trie.Trie().mmap(str(TABLE_FILE))


def is_first_name(word: str) -> bool:
    """Whether ``word`` (as written) is a given name somewhere in the world."""
    return word in _table()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m storymap.geoparse.lexicon.first_names", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "source", type=Path,
        help="faker-40.63.0-py3-none-any.whl (pip download --no-deps faker==40.63.0)",
    )
    parser.add_argument("-o", "--output", type=Path, default=TABLE_FILE)
    args = parser.parse_args(argv)
    try:
        count = build(args.source, args.output)
    except (OSError, zipfile.BadZipFile, SyntaxError, ValueError) as error:
        print(f"storymap.geoparse.lexicon.first_names: cannot read {args.source}: {error}",
              file=sys.stderr)
        return 2
    print(f"wrote {args.output} ({count} first names)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
