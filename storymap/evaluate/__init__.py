"""Measuring the geoparser against annotated corpora: recognition P/R/F1 and resolution accuracy.

Modules, each with one job:
- ``model``: the common ``Document``/``GoldMention`` shape and the ``ParseFn`` under test;
- ``annotated``, ``germeval``, ``gwn``: one reader per corpus format; ``corpora`` picks one;
- ``score``: span matching and metrics (pure functions);
- ``runner``: parse every document and tally; ``report``: text table and JSON;
- ``cli``: the ``storymap eval`` subcommand.
"""

from storymap.evaluate.corpora import FORMATS, load_corpus
from storymap.evaluate.model import Corpus, CorpusError, Document, GoldMention, ParseFn, View
from storymap.evaluate.runner import Evaluation, Scores, evaluate_corpus

__all__ = [
    "FORMATS",
    "Corpus",
    "CorpusError",
    "Document",
    "Evaluation",
    "GoldMention",
    "ParseFn",
    "Scores",
    "View",
    "evaluate_corpus",
    "load_corpus",
]
