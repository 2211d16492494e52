"""Snapping predicted spans to a corpus's tokens, for corpora annotated token by token.

GermEval tags whole tokens, and its own scorer compares token tags. A system that finds
character spans is scored there the way a tagger would be: every token a prediction touches
is tagged, and consecutive tagged tokens of one prediction form one span. Two predictions
inside one token ("München/Hamburg" is one GermEval token) tag that token once, so they
become one span. Without this, a correct "Weitingen" inside the token "Eutingen-Weitingen"
would count as one miss and one false alarm.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from storymap.evaluate.model import Predicted


@dataclass(frozen=True, slots=True)
class SnappedMention:
    """A prediction widened to whole tokens (the scorer's ``Predicted`` shape)."""

    start: int
    end: int
    derived: bool
    lat: float | None = None
    lon: float | None = None


def snap_to_tokens(
    predicted: Sequence[Predicted], tokens: Sequence[tuple[int, int]]
) -> list[SnappedMention]:
    """Each prediction widened to the tokens it touches; predictions sharing a token merge
    into one (plain if any of them is plain, at the first one's coordinates).

    ``tokens``: (start, end) offsets, sorted and disjoint. A prediction touching no token
    (only the spaces between them) is dropped.
    """
    starts = [start for start, _ in tokens]
    ends = [end for _, end in tokens]
    snapped: list[SnappedMention] = []
    for mention in sorted(predicted, key=lambda m: (m.start, m.end)):
        first = bisect_right(ends, mention.start)  # first token ending after the start
        last = bisect_left(starts, mention.end) - 1  # last token starting before the end
        if first > last:
            continue
        start, end = starts[first], ends[last]
        if snapped and start < snapped[-1].end:
            previous = snapped[-1]
            snapped[-1] = SnappedMention(
                previous.start,
                max(previous.end, end),
                previous.derived and bool(mention.derived),
                previous.lat,
                previous.lon,
            )
            continue
        snapped.append(
            SnappedMention(start, end, bool(mention.derived), mention.lat, mention.lon)
        )
    return snapped
