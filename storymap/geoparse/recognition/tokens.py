"""The token table every recognition component reads: an article's tokens as parallel
lists, each with the facts of its spelling (``Word``), and the verdicts on the gaps between
tokens.

A document is a few parallel lists built by C-level passes, and the per-token loops of the
components visit only the tokens whose word can take part in a mention (``Tokens.where``):
most tokens are function words and common nouns that are rejected without any Python work
of their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress
from operator import attrgetter
from typing import TYPE_CHECKING

from gazetteer.normalize import TOKEN_PATTERN

if TYPE_CHECKING:
    from storymap.geoparse.lexicon.derived import DerivedForm

# TOKEN_PATTERN as one capturing group: ``split`` then returns gaps and tokens alternately
# in a single C-level pass, and their lengths give every offset.
_SPLITTER = re.compile(f"({TOKEN_PATTERN.pattern})", TOKEN_PATTERN.flags)


@dataclass(frozen=True, slots=True)
class Word:
    """What recognition asks about one spelling of a word, wherever it stands."""

    text: str
    key: str
    capitalised: bool
    all_caps: bool
    # The key and its forms without a genitive ending: how the word continues a name.
    variants: tuple[str, ...]
    # (form, names a place on its own here, continues into longer names) for every form
    # under which a name can start at this word, in the order the name walk visits them.
    openings: tuple[tuple[str, bool, bool], ...]
    derived: DerivedForm | None  # the lexicon's form, if the spelling may be one
    # (characters, key, lexicon place id) of a place opening a compound (Russlandbild).
    compound: tuple[int, str, str | None] | None
    derives: bool  # may open a derived mention: a lexicon form, a pair head, a compound
    title: bool  # a title or role before a person's name (Präsident)
    unlisted: bool  # a rare word shaped like a street name the gazetteer lacks
    unlisted_cued: bool  # ... shaped like a settlement name: a place only after a cue
    post_soviet_generic: bool  # region, district … after a name (English)
    # German: a rare word shaped like a place adjective (Tegeler, Gubener) that may open a
    # landmark's name (Tegeler See, Gubener Straße), and the nouns that close one.
    landmark_adjective: bool = False
    landmark_head: bool = False
    saint: bool = False  # St., Sankt: opens the name of a church or landmark
    # German: a rare capitalised word no dictionary knows (Pflückuff, Hokkala): a name, of
    # a place where a settlement noun introduces it (die Gemeinde Pflückuff).
    rare_name: bool = False
    settlement_noun: bool = False  # Gemeinde, Dörfer, Ortsteil, Kirchengemeinden …
    given_name: bool = False  # a first name of some country (Kobe, Juri), not a big place
    # German roads: "A" or "B" before a number (A 7, B 27), a code (A1), a road noun before
    # a number (Bundesstraße 216); a place mention where an article introduces it.
    road: bool = False


@dataclass(frozen=True, slots=True)
class Tokens:
    """An article's tokens as parallel lists (token ``i`` is ``words[i]`` at ``starts[i]``)."""

    text: str
    spellings: list[str]  # the tokens as written
    words: list[Word]
    keys: list[str]
    caps: list[bool]
    starts: list[int]
    ends: list[int]
    gaps: list[str]  # gaps[i]: the characters between token i - 1 (or the start) and token i
    sentence_starts: frozenset[int]
    size: int  # the number of tokens

    def where(self, fact: str) -> Iterator[int]:
        """Indices of the tokens whose word has ``fact`` (one C-level pass)."""
        return compress(range(self.size), map(attrgetter(fact), self.words))

    def text_of(self, i: int) -> str:
        return self.words[i].text

    def initial(self, i: int) -> bool:
        """Whether token ``i`` opens a sentence."""
        return self.starts[i] in self.sentence_starts


def split_tokens(
    text: str,
    start: int,
    sentence_starts: Sequence[int],
    memo: dict[str, Word],
    word_of: Callable[[str], Word],
    memo_limit: int,
) -> Tokens:
    """The tokens of ``text[start:]`` (offsets into ``text``); each distinct spelling's
    ``Word`` is worked out once by ``word_of`` and kept in ``memo`` (emptied when full)."""
    parts = _SPLITTER.split(text[start:] if start else text)
    spellings = parts[1::2]
    bounds = list(accumulate(map(len, parts), initial=start))
    unseen = set(spellings).difference(memo)
    if unseen and len(memo) + len(unseen) > memo_limit:
        memo.clear()
        unseen = set(spellings)
    for spelling in unseen:
        memo[spelling] = word_of(spelling)
    words = list(map(memo.__getitem__, spellings))
    return Tokens(
        text=text,
        spellings=spellings,
        words=words,
        keys=list(map(attrgetter("key"), words)),
        caps=list(map(attrgetter("capitalised"), words)),
        starts=bounds[1:-1:2],
        ends=bounds[2::2],
        gaps=parts[0::2],
        sentence_starts=frozenset(sentence_starts),
        size=len(words),
    )


# Gaps between tokens repeat (" ", ", ", "-"): their verdicts are cached.
@lru_cache(maxsize=4096)
def hyphen_joined(gap: str) -> bool:
    """``Russland-Besuch``, ``"Juche"-Doktrin``: a hyphen glues the next word on."""
    return gap.endswith("-") and not any(ch.isspace() for ch in gap) and len(gap) <= 2


@lru_cache(maxsize=4096)
def joinable(gap: str) -> bool:
    """Tokens separated only by space, hyphen, a full stop or an apostrophe may form a name."""
    stripped = gap.strip()
    return len(gap) <= 3 and stripped in ("", "-", ".", "'", "’") and "\n" not in gap
