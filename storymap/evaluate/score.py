"""Matching predicted mentions to gold mentions, and the metrics computed from the matches.

Pure functions over spans and tallies: no corpus or file knowledge, so every rule here can be
checked on hand-made cases.

Rules:
- exact match: same (start, end); overlap match: the spans share at least one character.
- Both matchings are one-to-one: a gold mention is found by at most one prediction and a
  prediction finds at most one gold mention. Overlap matching is greedy by the largest
  overlap (ties: earlier gold, then earlier prediction), so a long prediction covering two
  gold names finds only one of them and the other is missed.
- Tallies are counts, so corpus totals are micro-averages: sum the tallies, then divide.
- Empty cases have defined values: with neither gold nor predictions, precision, recall and
  F1 are all 1.0 (nothing to find, nothing claimed: nothing wrong); when only one side is
  empty they are all 0.0 (everything missed, or everything claimed is wrong).
- Resolution: over gold mentions with coordinates that an overlap match recognised; a
  prediction within ``ACCURACY_KM`` of the gold point is correct, an unresolved prediction
  (no coordinates) is wrong and has no error distance.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from gazetteer.geo import haversine_km
from gazetteer.normalize import normalize
from storymap.evaluate.model import GoldMention, Predicted, View

ACCURACY_KM = 161.0  # 100 miles: the field's standard threshold for a "correct" resolution

Span = tuple[int, int]
Pair = tuple[int, int]  # (gold index, predicted index)


def overlap(a: Span, b: Span) -> int:
    """Number of characters two half-open spans share (0 when disjoint)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_exact(gold: Sequence[Span], predicted: Sequence[Span]) -> list[Pair]:
    """One-to-one pairs of identical spans (a duplicated prediction matches only once)."""
    unused: dict[Span, list[int]] = {}
    for index, span in enumerate(predicted):
        unused.setdefault(span, []).append(index)
    pairs = []
    for gold_index, span in enumerate(gold):
        candidates = unused.get(span)
        if candidates:
            pairs.append((gold_index, candidates.pop(0)))
    return pairs


def match_overlap(gold: Sequence[Span], predicted: Sequence[Span]) -> list[Pair]:
    """One-to-one pairs of overlapping spans, chosen greedily by the largest overlap."""
    scored = []
    for gold_index, gold_span in enumerate(gold):
        for predicted_index, predicted_span in enumerate(predicted):
            shared = overlap(gold_span, predicted_span)
            if shared > 0:
                scored.append((-shared, gold_index, predicted_index))
    scored.sort()
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, gold_index, predicted_index in scored:
        if gold_index in used_gold or predicted_index in used_predicted:
            continue
        used_gold.add(gold_index)
        used_predicted.add(predicted_index)
        pairs.append((gold_index, predicted_index))
    pairs.sort()
    return pairs


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float


def prf(matched: int, predicted: int, gold: int) -> PRF:
    """Precision, recall and F1 from counts, with the defined empty cases described above."""
    if not predicted or not gold:
        empty = 1.0 if not predicted and not gold else 0.0
        return PRF(empty, empty, empty)
    precision, recall = matched / predicted, matched / gold
    total = precision + recall
    f1 = 2 * precision * recall / total if total else 0.0
    return PRF(precision, recall, f1)


@dataclass(frozen=True, slots=True)
class Counts:
    """Recognition tally for one view: gold and predicted mentions, exact and overlap matches."""

    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.exact + other.exact,
            self.overlap + other.overlap,
        )

    @property
    def exact_prf(self) -> PRF:
        return prf(self.exact, self.predicted, self.gold)

    @property
    def overlap_prf(self) -> PRF:
        return prf(self.overlap, self.predicted, self.gold)


@dataclass(frozen=True, slots=True)
class Recall:
    """How many gold mentions of one category were found (exact / overlap)."""

    gold: int = 0
    exact: int = 0
    overlap: int = 0

    def __add__(self, other: Recall) -> Recall:
        return Recall(
            self.gold + other.gold, self.exact + other.exact, self.overlap + other.overlap
        )


@dataclass(frozen=True, slots=True)
class Resolution:
    """Resolution tally: recognised gold mentions with coordinates and how they were placed.

    ``errors_km`` holds one distance per resolved prediction (unresolved ones have none), so
    the median and mean describe how far off the placed mentions are.
    """

    count: int = 0
    resolved: int = 0
    correct: int = 0
    errors_km: tuple[float, ...] = field(default=())
    # Correct by distance, or the predicted place is the gold entity itself (countries and
    # regions are points by convention: GeoNames, Google and polygon centroids differ).
    entity_correct: int = 0

    def __add__(self, other: Resolution) -> Resolution:
        return Resolution(
            self.count + other.count,
            self.resolved + other.resolved,
            self.correct + other.correct,
            self.errors_km + other.errors_km,
            self.entity_correct + other.entity_correct,
        )

    @property
    def entity_accuracy(self) -> float | None:
        return self.entity_correct / self.count if self.count else None

    @property
    def accuracy(self) -> float | None:
        """Share of the counted mentions placed within ``ACCURACY_KM``; None if none counted."""
        return self.correct / self.count if self.count else None

    @property
    def median_km(self) -> float | None:
        return statistics.median(self.errors_km) if self.errors_km else None

    @property
    def mean_km(self) -> float | None:
        return statistics.fmean(self.errors_km) if self.errors_km else None


def _spans(mentions: Sequence[GoldMention] | Sequence[Predicted]) -> list[Span]:
    return [(mention.start, mention.end) for mention in mentions]


def score_view(gold: Sequence[GoldMention], predicted: Sequence[Predicted], view: View) -> Counts:
    """The recognition tally of one document for one view (see ``View``)."""
    counted_gold = [mention for mention in gold if view.counts_gold(mention)]
    counted_predicted = [mention for mention in predicted if view.counts_prediction(mention)]
    if view.ignore:
        ignored = _spans([mention for mention in gold if mention.category in view.ignore])
        counted = _spans(counted_gold)
        counted_predicted = [
            mention
            for mention in counted_predicted
            if not _touches((mention.start, mention.end), ignored)
            or _touches((mention.start, mention.end), counted)
        ]
    gold_spans, predicted_spans = _spans(counted_gold), _spans(counted_predicted)
    return Counts(
        gold=len(gold_spans),
        predicted=len(predicted_spans),
        exact=len(match_exact(gold_spans, predicted_spans)),
        overlap=len(match_overlap(gold_spans, predicted_spans)),
    )


def _touches(span: Span, others: Sequence[Span]) -> bool:
    return any(overlap(span, other) > 0 for other in others)


def recall_by_category(
    gold: Sequence[GoldMention], predicted: Sequence[Predicted]
) -> dict[str, Recall]:
    """Per gold category, how many were found when classes do not matter (the "all" view)."""
    gold_spans, predicted_spans = _spans(gold), _spans(predicted)
    exact = {gold_index for gold_index, _ in match_exact(gold_spans, predicted_spans)}
    overlapping = {gold_index for gold_index, _ in match_overlap(gold_spans, predicted_spans)}
    tallies: dict[str, Recall] = {}
    for index, mention in enumerate(gold):
        found = Recall(1, int(index in exact), int(index in overlapping))
        tallies[mention.category] = tallies.get(mention.category, Recall()) + found
    return dict(sorted(tallies.items()))


def score_resolution(
    gold: Sequence[GoldMention],
    predicted: Sequence[Predicted],
    threshold_km: float = ACCURACY_KM,
) -> Resolution:
    """Resolution tally over the gold mentions that an overlap match recognised."""
    pairs = match_overlap(_spans(gold), _spans(predicted))
    count = resolved = correct = entity_correct = 0
    errors: list[float] = []
    for gold_index, predicted_index in pairs:
        truth, guess = gold[gold_index], predicted[predicted_index]
        if truth.lat is None or truth.lon is None:
            continue
        count += 1
        if guess.lat is None or guess.lon is None:
            continue
        resolved += 1
        error = haversine_km(truth.lat, truth.lon, guess.lat, guess.lon)
        errors.append(error)
        if error <= threshold_km:
            correct += 1
            entity_correct += 1
        elif truth.entity is not None and truth.entity in entity_keys(guess):
            entity_correct += 1
    return Resolution(count, resolved, correct, tuple(errors), entity_correct)


def entity_keys(guess: Predicted) -> set[str]:
    """Ways to name the predicted place as an entity (its id; a country's ISO code)."""
    place = getattr(guess, "place", None)
    if place is None:
        return set()
    keys = {str(getattr(place, "id", ""))}
    kind = getattr(place, "kind", "")
    if kind in ("country", "historic_country"):
        keys.add(f"country:{place.country}")
    if kind in _AREA_NAME_KINDS:
        keys.update(f"name:{normalize(name)}" for name in _english_names(place))
    return keys


_AREA_NAME_KINDS = frozenset({"region", "sea", "ocean", "continent", "admin1",
                              "historic_country", "gulf", "bay", "strait"})


def _english_names(place: object) -> list[str]:
    """An area's English names (Western Africa, West Africa), from the gazetteer when it has
    the place, else the name the prediction carries."""
    names = [str(getattr(place, "name", ""))]
    from storymap.geoparse import default_gazetteer

    full = default_gazetteer().get(str(getattr(place, "id", "")))
    if full is not None:
        names += full.names.get("en", [])
    return names
