"""Route scores on hand-made cases: matching tolerance, repeated places, order, loss stages."""

import pytest

from storymap.evaluate.model import Document, GoldStop
from storymap.evaluate.routes import (
    AREA_KINDS,
    FOUND,
    MERGED,
    NOT_GEOPARSED,
    STAGES,
    RoutePrediction,
    format_routes,
    in_order,
    route_totals,
    routes_json,
    score_route,
    score_routes,
    tolerance_km,
)

A, B, C, D = (39.03, 125.75), (42.43, 130.64), (43.11, 131.87), (55.75, 37.62)


def test_exact_route():
    score = score_route("x", [A, B, C], [A, B, C])
    assert (score.matched, score.exact, score.tau, score.f1) == (3, True, 1.0, 1.0)


def test_nearby_points_match_and_order_is_scored():
    near_b = (B[0] + 0.1, B[1] + 0.1)
    score = score_route("x", [A, B, C], [near_b, A, C])
    assert score.matched == 3 and not score.exact
    assert score.tau == pytest.approx(1 / 3)


def test_missing_and_extra_stops():
    score = score_route("x", [A, B, C], [A, D])
    assert (score.gold, score.predicted, score.matched) == (3, 2, 1)
    assert score.f1 == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))
    assert score.tau is None


def test_no_journey_in_gold_and_none_predicted_is_right():
    assert score_route("x", [], []).f1 == 1.0
    assert score_route("x", [], [A, B]).f1 == 0.0


# --- tolerance by kind -----------------------------------------------------------------------


# Mannheim, Heidelberg (18 km apart), Pforzheim
MA, HD, PF = (49.4875, 8.466), (49.3988, 8.6724), (48.8922, 8.6946)


def north(point, km):
    """A point ``km`` due north (one degree of latitude is about 111.2 km)."""
    return (point[0] + km / 111.195, point[1])


def stop(point, kind="city", place_id=""):
    return GoldStop(place_id, point[0], point[1], kind)


def test_tolerance_is_50_km_and_800_km_for_areas():
    assert tolerance_km("city") == tolerance_km("island") == tolerance_km("unknown") == 50
    for kind in ("country", "region", "sea", "admin1", "historic_country", "continent", "ocean"):
        assert kind in AREA_KINDS and tolerance_km(kind) == 800


def test_a_city_100_km_off_does_not_match_but_40_km_off_does():
    assert score_route("x", [stop(A)], [north(A, 100)]).matched == 0
    assert score_route("x", [stop(A)], [north(A, 40)]).matched == 1


def test_a_country_500_km_off_matches_but_not_900_km_off():
    assert score_route("x", [stop(A, "country")], [north(A, 500)]).matched == 1
    assert score_route("x", [stop(A, "country")], [north(A, 900)]).matched == 0
    # the rule follows the gold stop's kind, not the predicted point
    assert score_route("x", [stop(A, "city")], [north(A, 500)]).matched == 0


def test_plain_points_as_gold_use_the_point_tolerance():
    assert score_route("x", [north(A, 100)], [A]).matched == 0


# --- repeated places -------------------------------------------------------------------------


def test_a_round_trip_matches_each_visit_separately():
    gold = [stop(MA, place_id="ma"), stop(PF, place_id="pf"), stop(MA, place_id="ma")]
    score = score_route("x", gold, [MA, PF, MA])
    assert (score.matched, score.exact, score.tau, score.misordered) == (3, True, 1.0, 0)


def test_a_return_drawn_once_is_merged_and_its_visits_are_not_crossed():
    gold = [stop(MA, place_id="ma"), stop(PF, place_id="pf"), stop(MA, place_id="ma")]
    score = score_route("x", gold, [PF, MA])
    # equally near: the predicted Mannheim goes to the visit in the same position (the last)
    assert score.matched == 2 and score.tau == 1.0 and score.misordered == 0
    assert score.stages == (MERGED, FOUND, FOUND)
    assert not score.exact and score.extra == 0


def test_a_neighbour_within_the_tolerance_is_not_a_merge():
    # Heidelberg is 18 km from Mannheim: the one predicted stop goes to the nearer gold stop
    gold = [stop(MA, place_id="ma"), stop(HD, place_id="hd")]
    score = score_route("x", gold, RoutePrediction(stops=[HD], mentions=[HD]))
    # Mannheim is lost, but not merged: the Heidelberg mention is within its 50 km
    assert score.stages == ("no event", FOUND)


# --- order -----------------------------------------------------------------------------------


def test_two_swapped_stops_are_one_misordered():
    score = score_route("x", [A, B, C, D], [A, C, B, D])
    assert score.matched == 4 and score.misordered == 1 and not score.exact


def test_a_reversed_route_has_all_but_one_misordered():
    score = score_route("x", [A, B, C], [C, B, A])
    assert score.misordered == 2 and score.tau == -1.0


def test_longest_order_preserving_run():
    assert in_order([]) == 0
    assert in_order([(0, 3), (1, 0), (2, 1), (3, 2)]) == 3


# --- loss stages -----------------------------------------------------------------------------


def test_each_lost_gold_stop_gets_its_stage():
    sydney, nairobi, mexico = (-33.87, 151.21), (-1.29, 36.82), (19.43, -99.13)
    gold = [stop(A), stop(B), stop(C), stop(D), stop(sydney), stop(nairobi), stop(mexico)]
    prediction = RoutePrediction(
        stops=[A, (-30.0, 20.0)],
        mentions=[A, north(B, 10), C, D, sydney],
        decisions=[
            (*A, "stop"),
            (*north(C, 5), "no role"),
            (*C, "dropped"),  # the best verdict near C
            (*D, "other mover"),
            (*D, "no event"),
            (*nairobi, "no role"),  # a decision without a mention: still geoparsed
            (*mexico, "stop"),  # a "stop" that became no predicted stop explains nothing
        ],
    )
    score = score_route("x", gold, prediction)
    # B: mentioned, no verdict near it; Sydney: mentioned only; Mexico: no mention at all
    assert score.stages == (
        FOUND, "no event", "dropped", "other mover", "no event", "no role", NOT_GEOPARSED,
    )
    assert score.extra == 1
    assert sum(score.loss.values()) == score.gold
    assert set(score.loss) == set(STAGES)


def test_verdicts_are_the_journey_models():
    from storymap.journey import model

    assert {
        model.VERDICT_STOP, model.VERDICT_NO_EVENT, model.VERDICT_NO_ROLE,
        model.VERDICT_OTHER_MOVER, model.VERDICT_DROPPED,
    } == {"stop", "no event", "no role", "other mover", "dropped"}
    assert set(STAGES) - {FOUND, NOT_GEOPARSED, MERGED} == {
        "no event", "no role", "other mover", "dropped"
    }


def test_totals_and_loss_line_over_several_texts():
    documents = [
        Document("j/1", "a b", "de", [], route=(stop(A), stop(B))),
        Document("j/2", "a", "de", [], route=()),
        Document("j/3", "none", "de", [], route=()),
        Document("x/4", "no route annotated", "de", []),
    ]
    routes = {"a b": [B, A], "a": [A], "none": []}
    scores = score_routes(documents, lambda text, lang: routes[text])
    assert [score.doc_id for score in scores] == ["j/1", "j/2", "j/3"]
    totals = route_totals(scores)
    assert (totals.texts, totals.exact, totals.without_journey, totals.kept_empty) == (3, 1, 2, 1)
    assert totals.mean_f1 == pytest.approx((1.0 + 0.0 + 1.0) / 3)
    assert (totals.gold, totals.misordered, totals.extra) == (2, 1, 1)
    text = format_routes(scores)
    assert "within 50 km of the gold point" in text and "800 km" in text
    assert "texts without a journey left without a route: 1/2" in text
    assert (
        "loss of gold stops: 2 gold, 2 found (1 misordered); not geoparsed 0, no event 0, "
        "no role 0, other mover 0, dropped 0, merged 0; extra predicted stops 1"
    ) in text
    report = routes_json(scores)
    assert report["loss"]["gold"] == 2 and report["loss"]["misordered"] == 1
    assert report["documents"][0]["loss"]["found"] == 2
    assert report["total"]["exact_sequences"] == 1
