"""Measuring the geoparser against annotated corpora: recognition P/R/F1 and resolution accuracy.

Modules, each with one job:
- ``model``: the common ``Document``/``GoldMention`` shape and the ``ParseFn`` under test;
- ``annotated``, ``germeval``, ``gwn``: one reader per corpus format; ``corpora`` picks one
  (or merges several annotated paths);
- ``score``: span matching and metrics (pure functions);
- ``runner``: parse every document and tally; ``report``: text table and JSON;
- ``routes``: the inferred journey against the annotated route, and where stops are lost;
- ``cli``: the ``storymap eval`` subcommand.
"""

from storymap.evaluate.corpora import FORMATS, load_corpora, load_corpus
from storymap.evaluate.model import (
    Corpus,
    CorpusError,
    Document,
    GoldMention,
    GoldStop,
    ParseFn,
    View,
)
from storymap.evaluate.runner import Evaluation, Scores, evaluate_corpus

__all__ = [
    "FORMATS",
    "Corpus",
    "CorpusError",
    "Document",
    "Evaluation",
    "GoldMention",
    "GoldStop",
    "ParseFn",
    "Scores",
    "View",
    "evaluate_corpus",
    "load_corpora",
    "load_corpus",
]
