"""Which reader a corpus path needs, and loading it.

The format follows from the path unless given: a folder, ``.txt`` or ``.json`` is our
annotation format, ``.tsv`` is GermEval 2014, ``.xml`` is GeoWebNews. Several annotated paths
can be read as one corpus (``load_corpora``), so one route table covers all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
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


def load_corpora(paths: Sequence[Path | str], format: str | None = None) -> Corpus:
    """Read one corpus, or several annotated ones merged into one.

    With several paths, every document id gets its folder's name in front (``journeys/d01``,
    ``examples/kim-wladiwostok-2019``), so ids stay unique and say where a text comes from.
    GermEval and GeoWebNews are scored by views of their own, so they cannot be merged.
    """
    if not paths:
        raise CorpusError("no corpus path given")
    if len(paths) == 1:
        return load_corpus(paths[0], format)
    corpora = [load_corpus(path, format) for path in paths]
    for path, corpus in zip(paths, corpora, strict=True):
        if corpus.format != "annotated":
            raise CorpusError(
                "several paths work only with annotated folders or files; "
                f"{path} is {corpus.format}"
            )
    documents = []
    seen: dict[str, Path] = {}
    notes = []
    for path, corpus in zip(map(Path, paths), corpora, strict=True):
        prefix = _prefix(path)
        notes += [f"{prefix}: {note}" for note in corpus.notes]
        for document in corpus.documents:
            doc_id = f"{prefix}/{document.doc_id}"
            if doc_id in seen:
                raise CorpusError(f"document {doc_id} comes from both {seen[doc_id]} and {path}")
            seen[doc_id] = path
            documents.append(replace(document, doc_id=doc_id))
    return Corpus(
        name=" + ".join(corpus.name for corpus in corpora),
        format="annotated",
        documents=documents,
        has_coordinates=any(corpus.has_coordinates for corpus in corpora),
        notes=notes,
    )


def _prefix(path: Path) -> str:
    """The folder a path names, or the folder a single file lies in."""
    folder = path if path.is_dir() else path.parent
    return folder.resolve().name or str(folder)
