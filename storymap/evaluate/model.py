"""The common shape every evaluation corpus is read into, whatever its file format.

Readers turn GermEval TSV, GeoWebNews XML and our own annotated JSON into the same
``Document``/``GoldMention`` values, so scoring and reporting never know which format the
gold came from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol


class CorpusError(ValueError):
    """A corpus cannot be read: missing path, unknown format, or gold that contradicts its text.

    A ``ValueError`` so that the ``storymap`` command reports it as one line, not a traceback.
    """


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One annotated place mention: a span of the document text and, if known, its coordinates.

    ``derived``: an adjective, demonym or compound part (russischen, Americans, US-Bürger)
    rather than the place's name itself — the same meaning as ``Mention.derived``.
    ``category``: the corpus's own label for the mention (GermEval class, GeoWebNews toponym
    type, or the kind of the annotated place), used only to break recall down.
    """

    start: int
    end: int
    text: str
    derived: bool
    lat: float | None = None
    lon: float | None = None
    category: str = ""
    # The gold place as an entity ("gn:2017370", "country:RU"): a prediction of that very
    # entity is right whatever point each side uses to stand for an area.
    entity: str | None = None

    @property
    def has_coordinates(self) -> bool:
        return self.lat is not None and self.lon is not None


# Annotation scopes: everything (mentions and route), or the route only (the journeys corpus
# annotates only the stops, so its texts have no recognition or resolution gold to score).
FULL_SCOPE, ROUTE_SCOPE = "full", "route"


@dataclass(frozen=True, slots=True)
class GoldStop:
    """One stop of an annotated route; its ``kind`` decides how far off a found stop may be
    (an area such as a country stands for a large region, a city for a point)."""

    place_id: str
    lat: float
    lon: float
    kind: str = "unknown"


@dataclass(frozen=True, slots=True)
class Document:
    """One text to parse and the gold mentions in it (offsets are indices into ``text``)."""

    doc_id: str
    text: str
    lang: str | None
    gold: list[GoldMention]
    # The annotated journey in travel order (a place visited twice is two stops); None when
    # the corpus does not annotate journeys (GermEval, GeoWebNews).
    route: tuple[GoldStop, ...] | None = None
    # The corpus's tokens as (start, end) offsets, for corpora that tag whole tokens
    # (GermEval): predictions are snapped to them before scoring. None: score spans as given.
    tokens: tuple[tuple[int, int], ...] | None = None
    # ROUTE_SCOPE: only ``route`` is gold; an empty ``gold`` then means "not annotated", not
    # "no places", so recognition and resolution must not be scored on this document.
    scope: str = FULL_SCOPE

    @property
    def route_only(self) -> bool:
        return self.scope == ROUTE_SCOPE


@dataclass(frozen=True, slots=True)
class View:
    """A named slice of the recognition scores.

    ``derived``: keep only plain (False) or only derived (True) mentions, on both sides; None
    keeps both classes. ``categories``: the gold categories that count (None: all).
    ``ignore``: predictions overlapping gold of these categories (and no counted gold) are left
    out of the score rather than called false positives — e.g. a GermEval ``LOCpart`` token
    when scoring LOC+LOCderiv, which is neither right nor wrong there.
    """

    name: str
    derived: bool | None = None
    categories: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()

    def counts_gold(self, gold: GoldMention) -> bool:
        if self.derived is not None and gold.derived != self.derived:
            return False
        return self.categories is None or gold.category in self.categories

    def counts_prediction(self, predicted: Predicted) -> bool:
        return self.derived is None or bool(predicted.derived) == self.derived


STANDARD_VIEWS: tuple[View, ...] = (
    View("all"),
    View("plain", derived=False),
    View("derived", derived=True),
)


@dataclass(slots=True)
class Corpus:
    """The documents of one corpus and how to score them.

    ``views``: the recognition scores to report (always starting with the standard
    all/plain/derived). ``has_coordinates``: whether any gold carries coordinates, i.e. whether
    resolution can be measured. ``notes``: facts about the reading a reader of the report
    should know (skipped annotations and why).
    """

    name: str
    format: str
    documents: list[Document]
    views: tuple[View, ...] = STANDARD_VIEWS
    has_coordinates: bool = True
    notes: list[str] = field(default_factory=list)


class Predicted(Protocol):
    """What the scorer needs from a predicted mention (``storymap.geoparse.mention.Mention``
    fits)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def derived(self) -> bool: ...

    @property
    def lat(self) -> float | None: ...

    @property
    def lon(self) -> float | None: ...


# The system under test: text and language ("de", "en", or None for unknown) → mentions.
ParseFn = Callable[[str, str | None], Sequence[Predicted]]
