"""The scorer on hand-made cases; every expected number is worked out in the comments."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pytest

from storymap.evaluate.model import Corpus, Document, GoldMention, View
from storymap.evaluate.runner import evaluate_corpus, natural_key, score_document
from storymap.evaluate.score import (
    Counts,
    Resolution,
    match_exact,
    match_overlap,
    prf,
    recall_by_category,
    score_resolution,
    score_view,
)

KM_PER_DEGREE = math.radians(1) * 6371.0088  # one degree of longitude on the equator


@dataclass(frozen=True)
class Pred:
    """A stand-in for ``storymap.geoparse.mention.Mention``: only what the scorer reads."""

    start: int
    end: int
    derived: bool = False
    lat: float | None = None
    lon: float | None = None


def gold(start: int, end: int, derived: bool = False, **extra) -> GoldMention:
    return GoldMention(start, end, "x" * (end - start), derived, **extra)


ALL, PLAIN, DERIVED = View("all"), View("plain", derived=False), View("derived", derived=True)


# --- matching ------------------------------------------------------------------------------


def test_exact_needs_identical_spans_overlap_does_not():
    # gold "Frankfurt am Main" (0-17), prediction "Frankfurt" (0-9): not exact, but overlapping
    counts = score_view([gold(0, 17)], [Pred(0, 9)], ALL)
    assert counts == Counts(gold=1, predicted=1, exact=0, overlap=1)
    assert counts.exact_prf.f1 == 0.0
    assert counts.overlap_prf == prf(1, 1, 1)
    assert counts.overlap_prf.f1 == 1.0


def test_one_prediction_covering_two_gold_mentions_finds_only_one():
    # gold 0-5 and 6-10; one prediction 0-10 overlaps both (by 5 and 4): it takes the larger
    assert match_overlap([(0, 5), (6, 10)], [(0, 10)]) == [(0, 0)]
    counts = score_view([gold(0, 5), gold(6, 10)], [Pred(0, 10)], ALL)
    # P = 1/1, R = 1/2, F1 = 2 * 1 * 0.5 / 1.5 = 2/3
    assert counts.overlap == 1
    assert counts.overlap_prf.precision == 1.0
    assert counts.overlap_prf.recall == 0.5
    assert counts.overlap_prf.f1 == pytest.approx(2 / 3)


def test_greedy_matching_goes_by_largest_overlap_not_input_order():
    # gold A 0-10, gold B 12-20; prediction X 8-14 overlaps A by 2 and B by 2, prediction
    # Y 0-9 overlaps A by 9. Largest first: Y-A (9), then X can only take B. Taking the
    # predictions in input order (X-A first) would have left B unmatched.
    assert match_overlap([(0, 10), (12, 20)], [(8, 14), (0, 9)]) == [(0, 1), (1, 0)]


def test_overlap_ties_go_to_the_earlier_gold_mention():
    # prediction 2-6 overlaps gold 0-4 and gold 4-8 by 2 characters each
    assert match_overlap([(0, 4), (4, 8)], [(2, 6)]) == [(0, 0)]


def test_touching_spans_do_not_overlap():
    assert match_overlap([(0, 4)], [(4, 8)]) == []


def test_a_duplicated_prediction_matches_once_and_the_copy_is_a_false_positive():
    assert match_exact([(0, 5)], [(0, 5), (0, 5)]) == [(0, 0)]
    counts = score_view([gold(0, 5)], [Pred(0, 5), Pred(0, 5)], ALL)
    assert (counts.exact, counts.overlap) == (1, 1)
    assert counts.exact_prf.precision == 0.5  # 1 of 2 predictions right
    assert counts.exact_prf.recall == 1.0


# --- plain / derived -----------------------------------------------------------------------


def test_plain_and_derived_are_scored_within_their_class():
    # gold: plain "Berlin" 0-6, derived "russischen" 10-20
    # predicted: plain 0-6 (right), plain 10-20 (right span, wrong class), derived 30-35 (wrong)
    golds = [gold(0, 6), gold(10, 20, derived=True)]
    preds = [Pred(0, 6), Pred(10, 20), Pred(30, 35, derived=True)]

    every = score_view(golds, preds, ALL)  # classes do not matter: 2 of 3 right, both found
    assert every == Counts(gold=2, predicted=3, exact=2, overlap=2)
    assert every.exact_prf.precision == pytest.approx(2 / 3)
    assert every.exact_prf.recall == 1.0
    assert every.exact_prf.f1 == pytest.approx(0.8)  # 2 * 2/3 * 1 / (5/3)

    plain = score_view(golds, preds, PLAIN)  # plain gold 0-6 vs plain predictions 0-6, 10-20
    assert plain == Counts(gold=1, predicted=2, exact=1, overlap=1)
    assert plain.exact_prf.f1 == pytest.approx(2 / 3)  # P 1/2, R 1

    derived = score_view(golds, preds, DERIVED)  # derived gold 10-20 vs derived 30-35 only
    assert derived == Counts(gold=1, predicted=1, exact=0, overlap=0)
    assert derived.exact_prf.f1 == 0.0


def test_ignored_categories_take_predictions_out_of_a_view():
    # GermEval-like: LOC 0-6, LOCpart token 10-30 ("Europameisterschaft"); the system marks
    # "Europa" 10-16 as derived.
    golds = [
        gold(0, 6, category="LOC"),
        gold(10, 30, derived=True, category="LOCpart"),
    ]
    preds = [Pred(0, 6), Pred(10, 16, derived=True)]
    loc_locderiv = View(
        "LOC+LOCderiv",
        categories=frozenset({"LOC", "LOCderiv"}),
        ignore=frozenset({"LOCpart"}),
    )
    # the LOCpart prediction is neither right nor wrong there: 1 gold, 1 prediction, 1 match
    assert score_view(golds, preds, loc_locderiv) == Counts(1, 1, 1, 1)
    without_ignore = View("LOC+LOCderiv", categories=frozenset({"LOC", "LOCderiv"}))
    assert score_view(golds, preds, without_ignore) == Counts(1, 2, 1, 1)
    part = View("LOCpart", derived=True, categories=frozenset({"LOCpart"}))
    assert score_view(golds, preds, part) == Counts(1, 1, 0, 1)  # found by overlap only


def test_recall_by_category_counts_found_gold_per_label():
    golds = [
        gold(0, 5, category="city"),
        gold(10, 15, category="city"),
        gold(20, 25, category="sea"),
    ]
    tallies = recall_by_category(golds, [Pred(0, 5), Pred(21, 24)])
    assert {name: (t.gold, t.exact, t.overlap) for name, t in tallies.items()} == {
        "city": (2, 1, 1),
        "sea": (1, 0, 1),
    }


# --- empty cases ---------------------------------------------------------------------------


def test_empty_gold_and_predictions_have_defined_scores():
    nothing = prf(matched=0, predicted=0, gold=0)
    assert (nothing.precision, nothing.recall, nothing.f1) == (1.0, 1.0, 1.0)
    only_predictions = prf(matched=0, predicted=3, gold=0)
    assert (only_predictions.precision, only_predictions.recall, only_predictions.f1) == (0, 0, 0)
    only_gold = prf(matched=0, predicted=0, gold=3)
    assert (only_gold.precision, only_gold.recall, only_gold.f1) == (0, 0, 0)
    assert score_view([], [], ALL) == Counts()
    empty = score_resolution([], [])
    assert empty == Resolution()
    assert (empty.accuracy, empty.median_km, empty.mean_km) == (None, None, None)


def test_a_document_without_gold_or_predictions_scores_without_errors():
    document = Document("d", "no places here", "en", [])
    scores = score_document(document, [], (ALL, PLAIN, DERIVED))
    assert scores.main == Counts()
    assert scores.main.exact_prf.f1 == 1.0
    assert scores.categories == {}
    assert scores.resolution.accuracy is None


# --- resolution ----------------------------------------------------------------------------


def test_resolution_counts_recognised_gold_with_coordinates_and_unresolved_is_wrong():
    golds = [
        gold(0, 5, lat=0.0, lon=0.0),  # placed 1° off (111 km): correct
        gold(10, 15, lat=0.0, lon=0.0),  # recognised, not resolved: wrong, no distance
        gold(20, 25, lat=0.0, lon=0.0),  # placed 3° off (334 km): wrong
        gold(30, 35),  # recognised, but no gold coordinates: not counted
        gold(40, 45, lat=0.0, lon=0.0),  # not recognised: not counted
    ]
    preds = [
        Pred(0, 5, lat=0.0, lon=1.0),
        Pred(10, 15),
        Pred(21, 25, lat=0.0, lon=3.0),  # overlap match is enough
        Pred(30, 35, lat=10.0, lon=10.0),
    ]
    resolution = score_resolution(golds, preds)
    assert (resolution.count, resolution.resolved, resolution.correct) == (3, 2, 1)
    assert resolution.accuracy == pytest.approx(1 / 3)
    # errors 1° and 3°: the median of an even count is the mean of the middle two, 2°
    assert resolution.median_km == pytest.approx(2 * KM_PER_DEGREE, rel=1e-6)
    assert resolution.mean_km == pytest.approx(2 * KM_PER_DEGREE, rel=1e-6)


def test_resolution_threshold_is_161_km_inclusive():
    golds = [gold(0, 5, lat=0.0, lon=0.0)]
    just_inside = 161.0 / KM_PER_DEGREE - 1e-9
    just_outside = 161.0 / KM_PER_DEGREE + 1e-6
    assert score_resolution(golds, [Pred(0, 5, lat=0.0, lon=just_inside)]).correct == 1
    assert score_resolution(golds, [Pred(0, 5, lat=0.0, lon=just_outside)]).correct == 0


def test_median_of_an_odd_count_and_pooling_across_documents():
    first = Resolution(count=2, resolved=2, correct=1, errors_km=(10.0, 500.0))
    second = Resolution(count=2, resolved=1, correct=1, errors_km=(20.0,))
    total = first + second
    assert (total.count, total.resolved, total.correct) == (4, 3, 2)
    assert total.accuracy == 0.5
    assert total.median_km == 20.0  # 10, 20, 500
    assert total.mean_km == pytest.approx(530 / 3)


# --- micro-averaging over a corpus ---------------------------------------------------------


def test_corpus_totals_are_micro_averaged():
    # doc a: 1 gold, 1 right prediction. doc b: 1 gold, 3 wrong predictions.
    # micro: P = 1/4, R = 1/2 (a macro average of P would be (1 + 0) / 2 = 0.5)
    corpus = Corpus(
        name="hand",
        format="annotated",
        documents=[
            Document("b", "bbbbbbbbbbbbbbbb", "de", [gold(0, 2)]),
            Document("a", "aaaa", "de", [gold(0, 2)]),
        ],
    )
    predictions = {"aaaa": [Pred(0, 2)], "bbbbbbbbbbbbbbbb": [Pred(3, 4), Pred(5, 6), Pred(7, 8)]}
    seen = []

    def parse(text: str, lang: str | None):
        seen.append((text, lang))
        return predictions[text]

    evaluation = evaluate_corpus(corpus, parse)
    assert [doc_id for doc_id, _ in evaluation.documents] == ["a", "b"]  # sorted ids
    assert len(seen) == 2 and {lang for _, lang in seen} == {"de"}
    total = evaluation.total.main
    assert total == Counts(gold=2, predicted=4, exact=1, overlap=1)
    assert total.exact_prf.precision == 0.25
    assert total.exact_prf.recall == 0.5
    assert set(evaluation.total.views) == {"all", "plain", "derived"}


def test_limit_takes_the_first_documents_in_id_order():
    corpus = Corpus(
        name="hand",
        format="annotated",
        documents=[Document(doc_id, doc_id, None, []) for doc_id in ("10", "2", "1")],
    )
    evaluation = evaluate_corpus(corpus, lambda text, lang: [], limit=2)
    assert [doc_id for doc_id, _ in evaluation.documents] == ["1", "2"]


def test_natural_key_sorts_numbers_by_value():
    assert sorted(["10", "2", "a10", "a9", "1"], key=natural_key) == ["1", "2", "10", "a9", "a10"]


def test_real_mention_objects_can_be_scored():
    from gazetteer import Candidate
    from storymap.geoparse.mention import Mention

    place = Candidate(0, "x", "Berlin", "city", "DE", "", 52.52, 13.405, 3_000_000, 1.0)
    mention = Mention(start=0, end=6, text="Berlin", derived=False, place=place)
    unresolved = Mention(start=10, end=16, text="Berlin", derived=False, place=None)
    golds = [gold(0, 6, lat=52.52, lon=13.40), gold(10, 16, lat=52.52, lon=13.40)]
    resolution = score_resolution(golds, [mention, unresolved])
    assert (resolution.count, resolution.resolved, resolution.correct) == (2, 1, 1)
    assert score_view(golds, [mention, unresolved], PLAIN).exact == 2


def test_an_area_named_in_the_gold_is_right_by_its_name_whatever_its_point(gazetteer):
    # The annotated corpora name areas (no gazetteer id); "West Africa" is the gazetteer's
    # Western Africa by one of its English names, a town of that name is not.
    from types import SimpleNamespace

    from storymap.evaluate.score import entity_keys

    region = gazetteer.lookup("Western Africa")[0]
    assert "name:west africa" in entity_keys(SimpleNamespace(place=region))
    town = SimpleNamespace(id="x", name="West Africa", kind="town", country="US")
    assert not any(key.startswith("name:") for key in entity_keys(SimpleNamespace(place=town)))
