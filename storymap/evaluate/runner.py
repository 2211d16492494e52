"""Running the system under test over a corpus and tallying its scores.

The parse function is a parameter (``ParseFn``), so tests run the whole evaluation with a
fake and the real geoparser is only imported by the command line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from storymap.evaluate.model import Corpus, Document, ParseFn, Predicted, View
from storymap.evaluate.score import (
    Counts,
    Recall,
    Resolution,
    recall_by_category,
    score_resolution,
    score_view,
)
from storymap.evaluate.tokens import snap_to_tokens


@dataclass(frozen=True, slots=True)
class Scores:
    """Every tally of one document, or summed over many (micro-averaging)."""

    views: dict[str, Counts]
    categories: dict[str, Recall] = field(default_factory=dict)
    resolution: Resolution = field(default_factory=Resolution)

    def __add__(self, other: Scores) -> Scores:
        return Scores(
            views=_merge(self.views, other.views, Counts()),
            categories=dict(sorted(_merge(self.categories, other.categories, Recall()).items())),
            resolution=self.resolution + other.resolution,
        )

    @property
    def main(self) -> Counts:
        """The "all" view: every gold and every predicted mention, classes ignored."""
        return self.views["all"]


def _merge(left: dict, right: dict, zero):
    merged = dict(left)
    for key, value in right.items():
        merged[key] = merged.get(key, zero) + value
    return merged


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The outcome of one run: per-document scores (sorted by id) and their sum.

    ``route_only``: how many selected documents were left out because they are annotated for
    the route only; when every document is, there are no scores at all (not zero scores).
    """

    corpus: Corpus
    documents: list[tuple[str, Scores]]
    total: Scores
    route_only: int = 0

    @property
    def scored(self) -> bool:
        """Whether recognition was scored on anything (False: only route-only documents)."""
        return bool(self.documents) or not self.route_only


def score_document(
    document: Document, predicted: Sequence[Predicted], views: Sequence[View]
) -> Scores:
    """All tallies of one document against its predictions (snapped to the document's
    tokens when its corpus tags whole tokens)."""
    if document.tokens is not None:
        predicted = snap_to_tokens(predicted, document.tokens)
    return Scores(
        views={view.name: score_view(document.gold, predicted, view) for view in views},
        categories=recall_by_category(document.gold, predicted),
        resolution=score_resolution(document.gold, predicted),
    )


def natural_key(doc_id: str) -> list[str | int]:
    """Sort key that puts "2" before "10" (alternating text and number parts)."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", doc_id)]


def select_documents(corpus: Corpus, limit: int | None = None) -> list[Document]:
    """The corpus's documents in id order, the first ``limit`` of them if given."""
    documents = sorted(corpus.documents, key=lambda document: natural_key(document.doc_id))
    return documents if limit is None else documents[:limit]


def evaluate_corpus(
    corpus: Corpus,
    parse: ParseFn,
    *,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Evaluation:
    """Parse every (selected) document once and score it; totals are micro-averaged.

    Route-only documents are skipped: their missing mention gold would turn every correct
    prediction into a false positive.
    """
    selected = select_documents(corpus, limit)
    documents = [document for document in selected if not document.route_only]
    results = []
    total = Scores(views={view.name: Counts() for view in corpus.views})
    for number, document in enumerate(documents, start=1):
        predicted = list(parse(document.text, document.lang))
        scores = score_document(document, predicted, corpus.views)
        results.append((document.doc_id, scores))
        total = total + scores
        if progress is not None:
            progress(number, len(documents))
    return Evaluation(
        corpus=corpus,
        documents=results,
        total=total,
        route_only=len(selected) - len(documents),
    )
