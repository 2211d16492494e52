"""Route scores: the inferred journey against the annotated one, and where gold stops are lost.

Matching: a predicted stop matches a gold stop within ``POINT_TOLERANCE_KM`` of its point, or
within ``AREA_TOLERANCE_KM`` when the gold stop is an area (a country or sea is one point by
convention, and any fair point for it may lie far from the annotator's). Pairs are taken one
to one, nearest first; equally near pairs (a place the route visits twice) go to the pair
whose positions in the two routes agree best, so a round trip's two visits are not crossed.
Per text: stop precision, recall and F1, whether the whole sequence is exact, the order
agreement (Kendall's tau) over the matched stops, and how many matched stops fall outside the
longest order-preserving run ("misordered"). A text without an annotated journey scores
whether no route was produced.

The loss table says for each gold stop at which stage it was lost, from what the journey
function reports besides the stops (``RoutePrediction``): no resolved mention near it (not
geoparsed), or the journey inference's best verdict on a place near it (no event, no role,
other mover, dropped; a place mentioned but given no verdict counts as no event), or its one
predicted stop went to another visit of the same place (merged: a repeat visit drawn once).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gazetteer.geo import haversine_km
from storymap.evaluate.model import Document, GoldStop

Point = tuple[float, float]

POINT_TOLERANCE_KM = 50.0
AREA_TOLERANCE_KM = 800.0
AREA_KINDS = frozenset(
    {"country", "region", "sea", "admin1", "historic_country", "continent", "ocean"}
)

# Verdicts of journey inference; the same strings as ``storymap.journey.model.VERDICT_*``
# (not imported, so that ``storymap eval --help`` does not load journey inference).
VERDICT_STOP = "stop"
VERDICT_NO_EVENT = "no event"
VERDICT_NO_ROLE = "no role"
VERDICT_OTHER_MOVER = "other mover"
VERDICT_DROPPED = "dropped"
# Best first: the verdict that got a place furthest toward being a stop explains its loss.
VERDICT_RANK = (
    VERDICT_STOP,
    VERDICT_DROPPED,
    VERDICT_OTHER_MOVER,
    VERDICT_NO_ROLE,
    VERDICT_NO_EVENT,
)

FOUND = "found"
NOT_GEOPARSED = "not geoparsed"
MERGED = "merged"
# Every gold stop ends in exactly one stage (misordered is a part of found, counted apart).
STAGES = (
    FOUND,
    NOT_GEOPARSED,
    VERDICT_NO_EVENT,
    VERDICT_NO_ROLE,
    VERDICT_OTHER_MOVER,
    VERDICT_DROPPED,
    MERGED,
)

RULE = (
    f"a stop matches within {POINT_TOLERANCE_KM:g} km of the gold point, an area stop "
    f"(country, region, sea …) within {AREA_TOLERANCE_KM:g} km; one to one, nearest first"
)


def tolerance_km(kind: str) -> float:
    """How far a predicted stop may lie from a gold stop of this kind and still match it."""
    return AREA_TOLERANCE_KM if kind in AREA_KINDS else POINT_TOLERANCE_KM


@dataclass(frozen=True, slots=True)
class RoutePrediction:
    """What the journey function saw, not only what it drew, so losses can be placed.

    ``stops``: the predicted route's points in order; ``mentions``: the point of every place
    the geoparser resolved in the text; ``decisions``: for each place journey inference
    considered, its point and verdict (one of the ``VERDICT_*`` strings).
    """

    stops: list[Point]
    mentions: list[Point] = field(default_factory=list)
    decisions: list[tuple[float, float, str]] = field(default_factory=list)


# Text and language → the prediction; a plain sequence of stop points is accepted too (it
# gives the loss table nothing but the stops to go on).
JourneyFn = Callable[[str, str | None], RoutePrediction | Sequence[Point]]


def as_prediction(value: RoutePrediction | Sequence[Point]) -> RoutePrediction:
    """A journey function's result as a ``RoutePrediction`` (old-style: points only)."""
    if isinstance(value, RoutePrediction):
        return value
    stops = [(float(lat), float(lon)) for lat, lon in value]
    return RoutePrediction(stops=stops, mentions=list(stops))


@dataclass(frozen=True, slots=True)
class RouteScore:
    doc_id: str
    gold: int
    predicted: int
    matched: int
    exact: bool
    tau: float | None  # None with fewer than two matched stops
    misordered: int = 0
    stages: tuple[str, ...] = ()  # one per gold stop, in route order
    place_ids: tuple[str, ...] = ()  # the gold stops' place ids, in route order

    @property
    def f1(self) -> float:
        if not self.gold and not self.predicted:
            return 1.0
        if not self.matched:
            return 0.0
        precision, recall = self.matched / self.predicted, self.matched / self.gold
        return 2 * precision * recall / (precision + recall)

    @property
    def extra(self) -> int:
        """Predicted stops that match no gold stop."""
        return self.predicted - self.matched

    @property
    def loss(self) -> dict[str, int]:
        """How many gold stops ended in each stage."""
        return {stage: self.stages.count(stage) for stage in STAGES}


def _gold_stop(stop: GoldStop | Point) -> GoldStop:
    if isinstance(stop, GoldStop):
        return stop
    return GoldStop("", float(stop[0]), float(stop[1]))


def _position(index: int, count: int) -> float:
    return index / (count - 1) if count > 1 else 0.0


def match_stops(gold: Sequence[GoldStop], predicted: Sequence[Point]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs within each gold stop's tolerance,
    nearest first; ties go to the pair whose relative positions in the routes are closest."""
    candidates = []
    for gi, stop in enumerate(gold):
        limit = tolerance_km(stop.kind)
        for pi, point in enumerate(predicted):
            distance = haversine_km(stop.lat, stop.lon, point[0], point[1])
            if distance <= limit:
                gap = abs(_position(gi, len(gold)) - _position(pi, len(predicted)))
                candidates.append((distance, gap, gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    matches = []
    for _, _, gi, pi in candidates:
        if gi in used_gold or pi in used_predicted:
            continue
        used_gold.add(gi)
        used_predicted.add(pi)
        matches.append((gi, pi))
    return sorted(matches)


def in_order(matches: Sequence[tuple[int, int]]) -> int:
    """Length of the longest run of matches whose predicted order follows the gold order."""
    tails: list[int] = []  # tails[k]: smallest last predicted index of a run of length k + 1
    for _, pi in sorted(matches):
        at = bisect_left(tails, pi)
        if at == len(tails):
            tails.append(pi)
        else:
            tails[at] = pi
    return len(tails)


def kendall_tau(matches: Sequence[tuple[int, int]]) -> float | None:
    """Order agreement of the matched stops (1: same order, -1: reversed); None below two."""
    if len(matches) < 2:
        return None
    ordered = sorted(matches, key=lambda pair: pair[1])
    combinations = list(itertools.combinations(ordered, 2))
    concordant = sum(1 for (g1, _), (g2, _) in combinations if g1 < g2)
    return (2 * concordant - len(combinations)) / len(combinations)


def loss_stage(stop: GoldStop, prediction: RoutePrediction, merged: bool = False) -> str:
    """The stage at which one unmatched gold stop was lost.

    ``merged``: a predicted stop near it went to another visit of the same place. "stop"
    verdicts are passed over: such a place became a stop that matched some other gold stop
    (a neighbour within the tolerance), which says nothing about why this one was lost.
    """
    if merged:
        return MERGED
    limit = tolerance_km(stop.kind)

    def near(lat: float, lon: float) -> bool:
        return haversine_km(stop.lat, stop.lon, lat, lon) <= limit

    verdicts = {
        verdict
        for lat, lon, verdict in prediction.decisions
        if verdict != VERDICT_STOP and near(lat, lon)
    }
    for verdict in VERDICT_RANK:
        if verdict in verdicts:
            return verdict
    if not any(near(lat, lon) for lat, lon in prediction.mentions):
        return NOT_GEOPARSED
    return VERDICT_NO_EVENT  # mentioned, but journey inference gave it no verdict


def _same_place(one: GoldStop, other: GoldStop) -> bool:
    if one.place_id and other.place_id:
        return one.place_id == other.place_id
    return (one.lat, one.lon) == (other.lat, other.lon)


def _merged(
    index: int,
    gold: Sequence[GoldStop],
    predicted: Sequence[Point],
    matches: Sequence[tuple[int, int]],
) -> bool:
    """Whether a predicted stop within reach of gold stop ``index`` was taken by another
    visit of the same place (a round trip's return drawn as one stop)."""
    stop = gold[index]
    limit = tolerance_km(stop.kind)
    return any(
        _same_place(stop, gold[gi])
        and haversine_km(stop.lat, stop.lon, predicted[pi][0], predicted[pi][1]) <= limit
        for gi, pi in matches
    )


def score_route(
    doc_id: str,
    gold: Sequence[GoldStop | Point],
    predicted: RoutePrediction | Sequence[Point],
) -> RouteScore:
    """One text's route score and the stage of each of its gold stops."""
    stops = [_gold_stop(stop) for stop in gold]
    prediction = as_prediction(predicted)
    matches = match_stops(stops, prediction.stops)
    found = {gi for gi, _ in matches}
    exact = len(matches) == len(stops) == len(prediction.stops) and all(
        gi == pi for gi, pi in matches
    )
    return RouteScore(
        doc_id=doc_id,
        gold=len(stops),
        predicted=len(prediction.stops),
        matched=len(matches),
        exact=exact,
        tau=kendall_tau(matches),
        misordered=len(matches) - in_order(matches),
        stages=tuple(
            FOUND
            if index in found
            else loss_stage(stop, prediction, _merged(index, stops, prediction.stops, matches))
            for index, stop in enumerate(stops)
        ),
        place_ids=tuple(stop.place_id for stop in stops),
    )


def score_routes(documents: Sequence[Document], journey: JourneyFn) -> list[RouteScore]:
    """Score every document that annotates a journey (route-only documents included)."""
    return [
        score_route(document.doc_id, document.route, journey(document.text, document.lang))
        for document in documents
        if document.route is not None
    ]


@dataclass(frozen=True, slots=True)
class RouteTotals:
    """The corpus-level route numbers: means over texts, and stop counts summed."""

    texts: int
    mean_f1: float
    exact: int
    mean_tau: float | None
    without_journey: int  # texts whose gold route is empty
    kept_empty: int  # … of them left without a predicted route
    gold: int
    misordered: int
    extra: int
    loss: Mapping[str, int]


def route_totals(scores: Sequence[RouteScore]) -> RouteTotals:
    taus = [score.tau for score in scores if score.tau is not None]
    empty = [score for score in scores if score.gold == 0]
    return RouteTotals(
        texts=len(scores),
        mean_f1=sum(score.f1 for score in scores) / len(scores) if scores else 0.0,
        exact=sum(score.exact for score in scores),
        mean_tau=sum(taus) / len(taus) if taus else None,
        without_journey=len(empty),
        kept_empty=sum(1 for score in empty if score.predicted == 0),
        gold=sum(score.gold for score in scores),
        misordered=sum(score.misordered for score in scores),
        extra=sum(score.extra for score in scores),
        loss={stage: sum(score.loss[stage] for score in scores) for stage in STAGES},
    )


def format_routes(scores: Sequence[RouteScore]) -> str:
    """The per-text table, the totals and the loss line."""
    if not scores:
        return ""
    width = max(len("doc"), *(len(score.doc_id) for score in scores))
    lines = [
        "",
        f"routes: {RULE}",
        f"{'doc':<{width}} gold  pred  match  stopF1  exact  misord  tau",
    ]
    for score in scores:
        tau = "-" if score.tau is None else f"{score.tau:.3f}"
        lines.append(
            f"{score.doc_id:<{width}} {score.gold:>4} {score.predicted:>5} {score.matched:>6} "
            f"{score.f1:>7.3f} {'yes' if score.exact else 'no':>6} {score.misordered:>7}  {tau}"
        )
    totals = route_totals(scores)
    line = (
        f"total: mean stop F1 {totals.mean_f1:.3f}, "
        f"exact sequences {totals.exact}/{totals.texts}"
    )
    if totals.mean_tau is not None:
        line += f", mean tau {totals.mean_tau:.3f}"
    lines.append(line)
    if totals.without_journey:
        lines.append(
            "texts without a journey left without a route: "
            f"{totals.kept_empty}/{totals.without_journey}"
        )
    lines.append(format_loss(totals))
    return "\n".join(lines) + "\n"


def format_loss(totals: RouteTotals) -> str:
    """One line: where the gold stops were lost, stage by stage."""
    lost = ", ".join(f"{stage} {totals.loss[stage]}" for stage in STAGES if stage != FOUND)
    return (
        f"loss of gold stops: {totals.gold} gold, {totals.loss[FOUND]} found "
        f"({totals.misordered} misordered); {lost}; extra predicted stops {totals.extra}"
    )


def routes_json(scores: Sequence[RouteScore]) -> dict[str, Any]:
    """The route scores for ``--json``: the rule, every text, the totals and the loss."""
    totals = route_totals(scores)
    return {
        "rule": {
            "point_km": POINT_TOLERANCE_KM,
            "area_km": AREA_TOLERANCE_KM,
            "area_kinds": sorted(AREA_KINDS),
        },
        "documents": [
            {
                "doc": score.doc_id,
                "gold": score.gold,
                "predicted": score.predicted,
                "matched": score.matched,
                "stop_f1": round(score.f1, 3),
                "exact": score.exact,
                "tau": None if score.tau is None else round(score.tau, 3),
                "misordered": score.misordered,
                "extra": score.extra,
                "loss": score.loss,
                "stops": [
                    {"place": place_id, "stage": stage}
                    for place_id, stage in zip(score.place_ids, score.stages, strict=True)
                ],
            }
            for score in scores
        ],
        "total": {
            "texts": totals.texts,
            "mean_stop_f1": round(totals.mean_f1, 3),
            "exact_sequences": totals.exact,
            "mean_tau": None if totals.mean_tau is None else round(totals.mean_tau, 3),
            "texts_without_journey": totals.without_journey,
            "left_without_route": totals.kept_empty,
        },
        "loss": {
            "gold": totals.gold,
            **totals.loss,
            "misordered": totals.misordered,
            "extra": totals.extra,
        },
    }


def default_journey() -> JourneyFn:
    """storymap's geoparser and journey inference, imported only when an evaluation runs."""
    from storymap.geoparse import geoparse
    from storymap.journey import infer_journey

    def journey(text: str, lang: str | None) -> RoutePrediction:
        result = geoparse(text, lang=lang or "auto")
        inferred = infer_journey(result)
        return RoutePrediction(
            stops=[(stop.place.lat, stop.place.lon) for stop in inferred.stops],
            mentions=[
                (mention.place.lat, mention.place.lon)
                for mention in result.mentions
                if mention.place is not None
            ],
            decisions=[
                (decision.place.lat, decision.place.lon, decision.verdict)
                for decision in inferred.decisions
                if decision.place is not None
            ],
        )

    return journey
