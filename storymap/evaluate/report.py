"""Presenting an ``Evaluation``: a plain-text report for people, one JSON object for tools.

Both are deterministic (documents in id order, fixed key order) so two runs can be diffed.
Ratios and distances are given with three decimals; an undefined value (accuracy with nothing
to resolve) is ``-`` in text and ``null`` in JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storymap.evaluate.runner import Evaluation, Scores
from storymap.evaluate.score import ACCURACY_KM, PRF, Counts, Recall, Resolution

ACCURACY_LABEL = f"acc@{ACCURACY_KM:g}"


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Aligned columns: the first left-aligned (names), the others right-aligned (numbers)."""
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        return "  ".join(cells).rstrip()

    return [line(header), *(line(row) for row in rows)]


# --- text ----------------------------------------------------------------------------------


def format_text(evaluation: Evaluation, per_doc: bool) -> str:
    """The whole plain-text report."""
    corpus = evaluation.corpus
    count = len(evaluation.documents)
    documents = _plural(count, "document")
    selected = _plural(count + evaluation.route_only, "document")
    lines = [f"corpus: {corpus.name} ({corpus.format}, {selected})"]
    if not evaluation.scored:
        lines += ["", f"recognition and resolution: not scored ({_route_only(evaluation)})"]
        lines += [f"note: {note}" for note in corpus.notes]
        return "\n".join(lines) + "\n"
    if per_doc:
        lines += ["", *_document_table(evaluation)]
    lines += ["", f"totals (micro-averaged over {documents})"]
    lines += _recognition_table(evaluation.total, [view.name for view in corpus.views])
    lines += ["", "recall by gold category"]
    lines += _category_table(evaluation.total.categories)
    lines += [""]
    if corpus.has_coordinates:
        lines += ["resolution (recognised gold mentions with coordinates; overlap match)"]
        lines += _resolution_table(evaluation.total.resolution)
    else:
        lines += ["resolution: not measured (the gold has no coordinates)"]
    notes = list(corpus.notes)
    if evaluation.route_only:
        notes.append(f"recognition and resolution leave out {_route_only(evaluation)}")
    if notes:
        lines += ["", *(f"note: {note}" for note in notes)]
    return "\n".join(lines) + "\n"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def _route_only(evaluation: Evaluation) -> str:
    return f"route-only annotations: {_plural(evaluation.route_only, 'document')}"


def _document_table(evaluation: Evaluation) -> list[str]:
    header = ["doc", "gold", "pred", "P", "R", "F1-exact", "F1-overlap", ACCURACY_LABEL]
    rows = []
    for doc_id, scores in evaluation.documents:
        main = scores.main
        exact = main.exact_prf
        rows.append(
            [
                doc_id,
                str(main.gold),
                str(main.predicted),
                _number(exact.precision),
                _number(exact.recall),
                _number(exact.f1),
                _number(main.overlap_prf.f1),
                _number(scores.resolution.accuracy),
            ]
        )
    return [*_table(header, rows), "(P, R: exact span match; all mentions)"]


def _recognition_table(total: Scores, names: Sequence[str]) -> list[str]:
    header = ["recognition", "gold", "pred", "exact", "P", "R", "F1", "overlap", "P", "R", "F1"]
    rows = []
    for name in names:
        counts = total.views[name]
        exact, loose = counts.exact_prf, counts.overlap_prf
        rows.append(
            [
                name,
                str(counts.gold),
                str(counts.predicted),
                str(counts.exact),
                *(_number(value) for value in (exact.precision, exact.recall, exact.f1)),
                str(counts.overlap),
                *(_number(value) for value in (loose.precision, loose.recall, loose.f1)),
            ]
        )
    return _table(header, rows)


def _category_table(categories: dict[str, Recall]) -> list[str]:
    header = ["category", "gold", "exact", "R-exact", "overlap", "R-overlap"]
    rows = [
        [
            name,
            str(tally.gold),
            str(tally.exact),
            _number(tally.exact / tally.gold if tally.gold else None),
            str(tally.overlap),
            _number(tally.overlap / tally.gold if tally.gold else None),
        ]
        for name, tally in categories.items()
    ]
    return _table(header, rows)


def _resolution_table(resolution: Resolution) -> list[str]:
    header = [
        "count", "resolved", "correct", ACCURACY_LABEL, "acc+entity", "median-km", "mean-km"
    ]
    row = [
        str(resolution.count),
        str(resolution.resolved),
        str(resolution.correct),
        _number(resolution.accuracy),
        _number(resolution.entity_accuracy),
        _number(resolution.median_km),
        _number(resolution.mean_km),
    ]
    return _table(header, [row])


# --- JSON ----------------------------------------------------------------------------------


def to_json(evaluation: Evaluation, per_doc: bool) -> dict[str, Any]:
    """The report as one JSON-ready object (documents only when ``per_doc``)."""
    corpus = evaluation.corpus
    with_resolution = corpus.has_coordinates
    result: dict[str, Any] = {
        "corpus": corpus.name,
        "format": corpus.format,
        "documents_evaluated": len(evaluation.documents),
        "accuracy_km": ACCURACY_KM,
        "notes": list(corpus.notes),
        # Route-only documents have no mention gold: they are left out of recognition and
        # resolution, and when nothing else is left those are not scored (total is null).
        "route_only_documents": evaluation.route_only,
        "recognition_scored": evaluation.scored,
        "total": scores_json(evaluation.total, with_resolution) if evaluation.scored else None,
    }
    if per_doc and evaluation.scored:
        result["documents"] = [
            {"doc_id": doc_id, **scores_json(scores, with_resolution)}
            for doc_id, scores in evaluation.documents
        ]
    return result


def scores_json(scores: Scores, with_resolution: bool = True) -> dict[str, Any]:
    """One document's (or the total's) tallies and metrics."""
    return {
        "gold": scores.main.gold,
        "predicted": scores.main.predicted,
        "recognition": {name: _counts_json(counts) for name, counts in scores.views.items()},
        "recall_by_category": {
            name: _recall_json(tally) for name, tally in scores.categories.items()
        },
        "resolution": _resolution_json(scores.resolution) if with_resolution else None,
    }


def _prf_json(matched: int, metrics: PRF) -> dict[str, Any]:
    return {
        "matched": matched,
        "precision": _round(metrics.precision),
        "recall": _round(metrics.recall),
        "f1": _round(metrics.f1),
    }


def _counts_json(counts: Counts) -> dict[str, Any]:
    return {
        "gold": counts.gold,
        "predicted": counts.predicted,
        "exact": _prf_json(counts.exact, counts.exact_prf),
        "overlap": _prf_json(counts.overlap, counts.overlap_prf),
    }


def _recall_json(tally: Recall) -> dict[str, Any]:
    return {
        "gold": tally.gold,
        "exact": tally.exact,
        "overlap": tally.overlap,
        "recall_exact": _round(tally.exact / tally.gold if tally.gold else None),
        "recall_overlap": _round(tally.overlap / tally.gold if tally.gold else None),
    }


def _resolution_json(resolution: Resolution) -> dict[str, Any]:
    return {
        "count": resolution.count,
        "resolved": resolution.resolved,
        "correct": resolution.correct,
        "accuracy": _round(resolution.accuracy),
        "accuracy_or_same_entity": _round(resolution.entity_accuracy),
        "median_km": _round(resolution.median_km),
        "mean_km": _round(resolution.mean_km),
    }
