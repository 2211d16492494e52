"""Route scores on hand-made cases."""

import pytest

from storymap.evaluate.routes import score_route

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
