"""What the recognition components share about one text while they work on it: the token
table, the candidate mentions each component adds or drops, and the facts one component
learns for a later one (the words of people's names, the names the context did not back).

Like a spaCy ``Doc`` passed down a pipeline: each component reads and extends one
``Document``; none keeps state about a text between calls.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gazetteer import Candidate
from gazetteer.normalize import normalize_token
from storymap.geoparse.language import CUES, LanguageCues
from storymap.geoparse.recognition.tokens import Tokens


@dataclass(slots=True)
class Recognised:
    """A span judged to mention a place, before resolution."""

    start: int
    end: int
    text: str
    key: str  # gazetteer key for names; the lexicon's place name key for derived forms
    derived: bool
    first: int
    last: int
    place_id: str | None = None  # fixed by the lexicon for derived forms
    cue: str = ""
    cue_kinds: frozenset[str] = frozenset()
    evidence: float = 0.0
    candidates: tuple[Candidate, ...] = ()
    as_code: bool = False
    needs_cue: bool = False  # a common word that names a place only with context support
    cued: bool = False


@dataclass(slots=True)
class Document:
    """One text on its way through the recognition pipeline."""

    tokens: Tokens
    lang: str
    # Words seen in people's names in this text (John Tyler → tyler): a later bare "Tyler"
    # is the person again.
    person_words: set[str] = field(default_factory=set)
    # Every name the index finds, before any judgement (token runs spelling a gazetteer key).
    matches: list[Recognised] = field(default_factory=list)
    # Names whose context did not back them; one may still stand where the text names the
    # same place again with support.
    unsupported: list[Recognised] = field(default_factory=list)
    names: list[Recognised] = field(default_factory=list)  # accepted names (and unlisted)
    derived: list[Recognised] = field(default_factory=list)  # adjectives, demonyms, compounds
    covered: set[int] = field(default_factory=set)  # tokens an accepted mention holds

    @property
    def cues(self) -> LanguageCues:
        return CUES[self.lang]

    def cover(self, mentions: list[Recognised]) -> None:
        """Mark the tokens of ``mentions`` as taken."""
        self.covered |= {i for m in mentions for i in range(m.first, m.last + 1)}


def unlisted_mention(doc: Tokens, first: int, last: int) -> Recognised:
    """A mention of a name the gazetteer does not know (tokens ``first``..``last``): it stays
    unresolved, under a key no place has."""
    text = doc.text[doc.starts[first] : doc.ends[last]]
    return Recognised(
        doc.starts[first], doc.ends[last], text, f"?{normalize_token(text)}", False,
        first, last, evidence=0.0,
    )


def without_overlaps(matches: list[Recognised], taken: set[int]) -> list[Recognised]:
    """Longest and best-supported first; a token belongs to one name only."""
    chosen = []
    for match in sorted(matches, key=lambda m: (-(m.last - m.first), -m.evidence, m.start)):
        span = set(range(match.first, match.last + 1))
        if span & taken:
            continue
        taken |= span
        chosen.append(match)
    return chosen
