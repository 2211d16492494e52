"""Route scores: the inferred journey against the annotated one.

Stops match one-to-one when they lie within 161 km of each other (nearest pairs first), so a
stop resolved to a point a few km off still counts. Per text: stop precision, recall and F1,
whether the whole sequence is exact, and the order agreement (Kendall's tau) over the matched
stops; a text without an annotated journey scores whether no route was produced.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from gazetteer.geo import haversine_km
from storymap.evaluate.model import Document
from storymap.evaluate.score import ACCURACY_KM

Point = tuple[float, float]
JourneyFn = Callable[[str, str | None], Sequence[Point]]


@dataclass(frozen=True, slots=True)
class RouteScore:
    doc_id: str
    gold: int
    predicted: int
    matched: int
    exact: bool
    tau: float | None  # None with fewer than two matched stops

    @property
    def f1(self) -> float:
        if not self.gold and not self.predicted:
            return 1.0
        if not self.matched:
            return 0.0
        precision, recall = self.matched / self.predicted, self.matched / self.gold
        return 2 * precision * recall / (precision + recall)


def score_route(doc_id: str, gold: Sequence[Point], predicted: Sequence[Point]) -> RouteScore:
    pairs = sorted(
        (haversine_km(g[0], g[1], p[0], p[1]), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(predicted)
    )
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    matches: list[tuple[int, int]] = []
    for distance, gi, pi in pairs:
        if distance > ACCURACY_KM or gi in used_gold or pi in used_predicted:
            continue
        used_gold.add(gi)
        used_predicted.add(pi)
        matches.append((gi, pi))
    exact = len(matches) == len(gold) == len(predicted) and all(gi == pi for gi, pi in matches)
    tau = None
    if len(matches) >= 2:
        ordered = sorted(matches, key=lambda pair: pair[1])
        combinations = list(itertools.combinations(ordered, 2))
        concordant = sum(1 for (g1, _), (g2, _) in combinations if g1 < g2)
        tau = (2 * concordant - len(combinations)) / len(combinations)
    return RouteScore(doc_id, len(gold), len(predicted), len(matches), exact, tau)


def score_routes(documents: Sequence[Document], journey: JourneyFn) -> list[RouteScore]:
    """Score every document that annotates a journey."""
    scores = []
    for document in documents:
        if document.route is None:
            continue
        gold = [(lat, lon) for _, lat, lon in document.route]
        scores.append(score_route(document.doc_id, gold, journey(document.text, document.lang)))
    return scores


def format_routes(scores: Sequence[RouteScore]) -> str:
    """A per-text table and the totals the issue asks for."""
    if not scores:
        return ""
    lines = ["", "routes (stops matched within 161 km)",
             "doc    gold  pred  match  stopF1  exact  tau"]
    for score in scores:
        tau = "-" if score.tau is None else f"{score.tau:.3f}"
        lines.append(
            f"{score.doc_id:<6} {score.gold:>4} {score.predicted:>5} {score.matched:>6} "
            f"{score.f1:>7.3f} {'yes' if score.exact else 'no':>6}  {tau}"
        )
    taus = [score.tau for score in scores if score.tau is not None]
    mean_f1 = sum(score.f1 for score in scores) / len(scores)
    exact = sum(score.exact for score in scores)
    empty = [score for score in scores if score.gold == 0]
    lines.append(
        f"total: mean stop F1 {mean_f1:.3f}, exact sequences {exact}/{len(scores)}, "
        f"mean tau {sum(taus) / len(taus):.3f}" if taus else
        f"total: mean stop F1 {mean_f1:.3f}, exact sequences {exact}/{len(scores)}"
    )
    if empty:
        kept = sum(1 for score in empty if score.predicted == 0)
        lines.append(f"texts without a journey left without a route: {kept}/{len(empty)}")
    return "\n".join(lines) + "\n"


def default_journey() -> JourneyFn:
    from storymap.geoparse import geoparse
    from storymap.journey import infer_journey

    def journey(text: str, lang: str | None) -> list[Point]:
        stops = infer_journey(geoparse(text, lang=lang or "auto")).stops
        return [(stop.place.lat, stop.place.lon) for stop in stops]

    return journey
