"""GermEval documents read as written, and predictions scored on GermEval's tokens."""

from __future__ import annotations

from dataclasses import dataclass

from storymap.evaluate.germeval import Sentence, detokenise, sentence_document
from storymap.evaluate.model import View
from storymap.evaluate.runner import score_document
from storymap.evaluate.tokens import snap_to_tokens


@dataclass(frozen=True)
class Guess:
    start: int
    end: int
    derived: bool = False
    lat: float | None = None
    lon: float | None = None


def test_detokenise_glues_punctuation_and_brackets_and_keeps_offsets():
    tokens = ["Die", "St", ".", "Veitskapelle", "(", "Ulm", ")", "wurde", '"', "Kapelle", '"',
              "genannt", "."]
    text, offsets = detokenise(tokens)
    assert text == 'Die St. Veitskapelle (Ulm) wurde "Kapelle" genannt.'
    assert [text[a:b] for a, b in offsets] == tokens


def test_snapping_widens_to_tokens_and_merges_predictions_in_one_token():
    text = "Zum Ortsteil Eutingen-Weitingen fuhr München/Hamburg"
    tokens = [(0, 3), (4, 12), (13, 31), (32, 36), (37, 52)]
    weitingen = text.index("Weitingen")
    guesses = [
        Guess(weitingen, weitingen + 9),
        Guess(37, 44),  # München
        Guess(45, 52, derived=True),  # Hamburg, say as a derived form
    ]
    snapped = snap_to_tokens(guesses, tokens)
    assert [(s.start, s.end, s.derived) for s in snapped] == [(13, 31, False), (37, 52, False)]


def test_snapping_drops_a_prediction_between_tokens():
    assert snap_to_tokens([Guess(3, 4)], [(0, 3), (4, 8)]) == []


def test_germeval_scores_count_a_place_inside_a_slash_token_as_found():
    sentence = Sentence(1, ("München/Hamburg", "(", "dpa", ")"), ("B-LOC", "O", "O", "O"),
                        ("O",) * 4)
    document, _ = sentence_document(sentence, "0001")
    assert document.text == "München/Hamburg (dpa)"
    scores = score_document(document, [Guess(0, 7), Guess(8, 15)], [View("all")])
    counts = scores.views["all"]
    assert (counts.gold, counts.predicted, counts.exact) == (1, 1, 1)
