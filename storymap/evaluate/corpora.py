"""Which reader a corpus path needs, and loading it.

The format follows from the path unless given: a folder, ``.txt`` or ``.json`` is our
annotation format, ``.tsv`` is GermEval 2014, ``.xml`` is GeoWebNews.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from storymap.evaluate.annotated import read_annotated
from storymap.evaluate.germeval import read_germeval
from storymap.evaluate.gwn import read_gwn
from storymap.evaluate.model import Corpus, CorpusError

READERS: dict[str, Callable[[Path], Corpus]] = {
    "annotated": read_annotated,
    "germeval": read_germeval,
    "gwn": read_gwn,
}
FORMATS = tuple(READERS)

_BY_SUFFIX = {".txt": "annotated", ".json": "annotated", ".tsv": "germeval", ".xml": "gwn"}


def detect_format(path: Path) -> str:
    """The format a path is in, judged by what it is (folder) or its file suffix."""
    if path.is_dir():
        return "annotated"
    try:
        return _BY_SUFFIX[path.suffix.lower()]
    except KeyError:
        raise CorpusError(
            f"cannot tell the format of {path}; pass --format ({', '.join(FORMATS)})"
        ) from None


def load_corpus(path: Path | str, format: str | None = None) -> Corpus:
    """Read a corpus; ``format`` is one of ``FORMATS`` or None to detect it from the path."""
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"no such file or folder: {path}")
    if format is None:
        format = detect_format(path)
    if format not in READERS:
        raise CorpusError(f"unknown corpus format {format!r}; known: {', '.join(FORMATS)}")
    if format != "annotated" and path.is_dir():
        raise CorpusError(f"{path} is a folder; the {format} format is a single file")
    try:
        return READERS[format](path)
    except OSError as error:
        raise CorpusError(f"cannot read {path}: {error.strerror or error}") from error
