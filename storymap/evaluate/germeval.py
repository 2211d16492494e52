"""Reader for GermEval 2014 NER (tab-separated: index, token, outer tag, nested tag).

A ``#`` line starts a sentence; each sentence becomes one document, language "de", whose
text is its tokens joined as the sentence was written: a space between words, none before
closing punctuation or after opening brackets and quotes ("St. Nikolauskapelle", not
"St . Nikolauskapelle", which no real article contains). GermEval tags whole tokens, so the
documents carry their token offsets and predictions are scored snapped to them
(``storymap.evaluate.tokens``).

Gold, from both tag columns (BIO spans; an ``I-`` tag that does not continue a span of the
same class starts one):
- ``LOC`` → a plain mention (category "LOC");
- ``LOCderiv`` → a derived mention (adjectives such as "deutschen");
- ``LOCpart`` → a derived mention (tokens containing a place name, "Europameisterschaft").
Spans of the nested column (a place inside an organisation or person name, "Borussia
Dortmund") count too, as in GermEval's own combined outer+inner measure; a span tagged in both
columns counts once (the outer tag wins). There are no coordinates, so only recognition is
measured. Besides all/plain/derived the report shows GermEval's classes: "LOC" (plain
predictions against LOC gold, the same as "plain"), "LOC+LOCderiv" (all predictions;
predictions on LOCpart tokens are left out) and "LOCpart" (derived predictions against
LOCpart gold; predictions on LOC/LOCderiv are left out — recall is the informative number).

Raw spans (``read_germeval(path, raw_spans=True)``, ``storymap eval --raw-spans``): the
sentence is its tokens joined by single spaces ("St . Nikolauskapelle"), exactly as GermEval
gives them, and predictions are scored as the character spans they are, without snapping:
the stricter measure the project's bars use (a mention must match the gold tokens exactly).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from storymap.evaluate.model import (
    STANDARD_VIEWS,
    Corpus,
    CorpusError,
    Document,
    GoldMention,
    View,
)

PLACE_CLASSES = {"LOC": False, "LOCderiv": True, "LOCpart": True}  # class → derived

# Places inside other names (the nested column: "Dortmund" in "Borussia Dortmund") are
# neither required nor wrong in the per-class views, which score the outer column as
# GermEval's LOC counts do (763 LOC); the "all" views count them as gold.
NESTED_SUFFIX = "-nested"
_NESTED = frozenset(f"{label}{NESTED_SUFFIX}" for label in ("LOC", "LOCderiv", "LOCpart"))

VIEWS = (
    *STANDARD_VIEWS,
    View("LOC", derived=False, categories=frozenset({"LOC"}), ignore=_NESTED),
    View(
        "LOC+LOCderiv",
        categories=frozenset({"LOC", "LOCderiv"}),
        ignore=frozenset({"LOCpart"}) | _NESTED,
    ),
    View(
        "LOCpart",
        derived=True,
        categories=frozenset({"LOCpart"}),
        ignore=frozenset({"LOC", "LOCderiv"}) | _NESTED,
    ),
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence as the file has it: tokens and the two tag columns."""

    line: int  # line number of its ``#`` comment (1-based), for error messages
    tokens: tuple[str, ...]
    outer: tuple[str, ...]
    nested: tuple[str, ...]


def read_sentences(path: Path) -> Iterator[Sentence]:
    """The sentences of a GermEval file, in file order."""
    start, tokens, outer, nested = 0, [], [], []
    with open(path, encoding="utf-8") as handle:
        try:
            for number, line in enumerate(handle, start=1):
                line = line.rstrip("\r\n")
                if line.startswith("#"):
                    if tokens:
                        yield Sentence(start, tuple(tokens), tuple(outer), tuple(nested))
                    start, tokens, outer, nested = number, [], [], []
                    continue
                if not line.strip():
                    continue
                columns = line.split("\t")
                if len(columns) < 4:
                    raise CorpusError(
                        f"{path}:{number}: expected index, token, outer and nested tag "
                        f"separated by tabs"
                    )
                tokens.append(columns[1])
                outer.append(columns[2].strip())
                nested.append(columns[3].strip())
        except UnicodeDecodeError as error:
            raise CorpusError(f"{path}: not UTF-8 text ({error.reason})") from error
    if tokens:
        yield Sentence(start, tuple(tokens), tuple(outer), tuple(nested))


def tag_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """BIO tags → (first token, last token + 1, class) spans."""
    spans: list[tuple[int, int, str]] = []
    first, label = -1, ""  # the open span, if first >= 0
    for index, tag in enumerate(tags):
        prefix, _, tag_label = tag.partition("-")
        if prefix == "I" and first >= 0 and tag_label == label:
            continue
        if first >= 0:
            spans.append((first, index, label))
            first = -1
        if prefix in ("B", "I") and tag_label:
            first, label = index, tag_label
    if first >= 0:
        spans.append((first, len(tags), label))
    return spans


# Tokens written without a space before them, and tokens written without one after them.
_CLOSING = frozenset(". , ; : ! ? ) ] } “ ” ‘ ’ … .. ...".split())
_OPENING = frozenset("( [ { „ ‚".split())


def detokenise(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence text as written, and each token's (start, end) offsets in it.

    Straight double quotes alternate between opening and closing.
    """
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    position = 0
    glue_next = True  # no space before the first token
    quote_open = False
    for token in tokens:
        closing = token in _CLOSING
        opening = token in _OPENING
        if token == '"':
            opening, closing = not quote_open, quote_open
            quote_open = not quote_open
        if not (glue_next or closing):
            parts.append(" ")
            position += 1
        parts.append(token)
        offsets.append((position, position + len(token)))
        position += len(token)
        glue_next = opening
    return "".join(parts), offsets


def raw_text(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The tokens joined by single spaces, and each token's (start, end) offsets in it."""
    offsets = []
    position = 0
    for token in tokens:
        offsets.append((position, position + len(token)))
        position += len(token) + 1
    return " ".join(tokens), offsets


def sentence_document(
    sentence: Sentence, doc_id: str, raw_spans: bool = False
) -> tuple[Document, int]:
    """The sentence as a document, and how many of its gold spans came from the nested column.

    ``raw_spans``: the tokens joined by single spaces, predictions scored unsnapped."""
    text, offsets = (raw_text if raw_spans else detokenise)(sentence.tokens)
    gold: dict[tuple[int, int], GoldMention] = {}
    nested_only = 0
    for column, tags in enumerate((sentence.outer, sentence.nested)):
        for first, last, label in tag_spans(tags):
            if label not in PLACE_CLASSES:
                continue
            start, end = offsets[first][0], offsets[last - 1][1]
            if (start, end) in gold:
                continue
            nested_only += column
            category = f"{label}{NESTED_SUFFIX}" if column else label
            gold[(start, end)] = GoldMention(
                start, end, text[start:end], PLACE_CLASSES[label], category=category
            )
    mentions = sorted(gold.values(), key=lambda mention: (mention.start, mention.end))
    document = Document(
        doc_id=doc_id,
        text=text,
        lang="de",
        gold=mentions,
        tokens=None if raw_spans else tuple(offsets),
    )
    return document, nested_only


def read_germeval(path: Path, raw_spans: bool = False) -> Corpus:
    """Every sentence of the file as a document; ids are zero-padded sentence numbers.

    ``raw_spans``: score character spans of the space-joined tokens (see the module notes)."""
    path = Path(path)
    sentences = list(read_sentences(path))
    if not sentences:
        raise CorpusError(f"{path}: no GermEval sentences found")
    width = max(4, len(str(len(sentences))))
    documents = []
    nested = 0
    for number, sentence in enumerate(sentences, start=1):
        document, nested_only = sentence_document(
            sentence, f"{number:0{width}d}", raw_spans
        )
        documents.append(document)
        nested += nested_only
    return Corpus(
        name=str(path),
        format="germeval",
        documents=documents,
        views=VIEWS,
        has_coordinates=False,
        notes=[
            f"{nested} gold span(s) come from the nested tag column (places inside names)",
            "no coordinates in GermEval: recognition only",
            *(
                ["raw spans: tokens joined by single spaces, predictions not snapped"]
                if raw_spans
                else []
            ),
        ],
    )
