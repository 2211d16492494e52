"""The movement predicates of a clause: verbs of the journey lexicon, separable verbs
resolved by their particle ("rollte … ein", "set … off"), movement nouns (Reise,
Zwischenstopp, stopover), and which predicate a place belongs to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storymap.journey import lexicon as lx
from storymap.journey.clauses import Token
from storymap.journey.forms import GERUND, INFINITIVE, PARTICIPLE


@dataclass(slots=True)
class Predicate:
    """A movement predicate of a clause: a verb (with its particle) or a noun."""

    index: int  # token index
    lemma: str
    kind: str
    object_role: str | None
    noun: bool
    past: bool
    participle: bool
    nonfinite: bool = False  # a gerund or infinitive: "before returning", "to reach"


def find_predicates(
    tokens: Sequence[Token], clause: Sequence[int], lang: str
) -> list[Predicate]:
    """The movement predicates of a clause, separable verbs resolved by their particle."""
    found = []
    later_particles: dict[int, set[str]] | None = None  # computed when a verb needs one
    for position, index in enumerate(clause):
        token = tokens[index]
        candidates = token.info.predicates
        if not candidates:
            continue
        chosen = None
        ambiguous = any(p.noun for p in candidates) and any(not p.noun for p in candidates)
        for predicate in candidates:
            if predicate.noun:
                if lang == "de" and not token.cap:
                    continue
                if lang == "en" and ambiguous and _is_verb_here(tokens, clause, position):
                    continue
            elif lang == "de" and token.cap and position > 0 and not _after_stop(tokens, index):
                continue  # "die Fahrt", not "fahrt"
            if predicate.particle:
                if later_particles is None:
                    later_particles = _particles(tokens, clause, lang)
                if predicate.particle not in later_particles.get(position, ()):
                    continue
                chosen = predicate  # the particle verb wins over the bare one
                break
            if chosen is None:
                chosen = predicate
        if chosen is None:
            continue
        if chosen.noun and lang == "en" and ambiguous and _is_verb_here(tokens, clause, position):
            continue
        if chosen.lemma == "way" and not any(
            tokens[clause[i]].low in ("on", "en", "under") for i in range(max(0, position - 2),
                                                                        position)):
            continue  # "on the way to", not "half way back"
        participle = any(p.use == PARTICIPLE for p in candidates if p.lemma == chosen.lemma)
        nonfinite = chosen.use in (GERUND, INFINITIVE) and not chosen.noun
        found.append(Predicate(index, chosen.lemma, chosen.kind, chosen.object_role,
                                chosen.noun, chosen.past, participle, nonfinite))
    return found


def _after_stop(tokens: Sequence[Token], index: int) -> bool:
    previous = tokens[index - 1] if index else None
    return previous is None or previous.text in (".", ":", '"', "„", "«", "(")


def _is_verb_here(tokens: Sequence[Token], clause: Sequence[int], position: int) -> bool:
    """An English word that is both noun and verb (visit, stop, return) is a noun after an
    article or possessive, a verb after a pronoun, name or auxiliary."""
    if position == 0:
        return False
    previous = tokens[clause[position - 1]]
    if previous.low == "to":
        return True  # "plans to visit Hanoi": an infinitive
    if previous.info.role is not None or previous.low in ("after", "before", "during", "of",
                                                          "with", "without", "by"):
        return False  # "after talks in Jerusalem", "during his visit"
    return not (previous.info.flags & (lx.DET | lx.POSSESSIVE | lx.INDEFINITE | lx.FIRST)
                or previous.low.endswith(("'s", "’s")) or (not previous.cap and
                not previous.info.flags and previous.info.role is None and
                not previous.info.predicates))


def _particles(tokens: Sequence[Token], clause: Sequence[int], lang: str) -> dict[int, set[str]]:
    """For each clause position, the separated particles that may belong to a verb there:
    German ones later in the clause and not heading a phrase ("traf … ein."), English ones
    within two words after the verb ("set sail", "touch down")."""
    result: dict[int, set[str]] = {}
    if lang == "de":
        later: set[str] = set()
        for position in range(len(clause) - 1, -1, -1):
            token = tokens[clause[position]]
            result[position] = set(later)
            if token.info.particle and _standalone(tokens, clause, position):
                later.add(token.low)
        first = tokens[clause[0]] if clause else None
        if first is not None and first.info.particle and len(clause) > 1:
            result[1] = result.get(1, set()) | {first.low}  # "Los geht es", "Weiter geht es"
        return result
    for position in range(len(clause)):
        if not tokens[clause[position]].info.predicates:
            continue
        near = set()
        for step in (1, 2, 3):
            if position + step < len(clause):
                token = tokens[clause[position + step]]
                if token.info.particle or token.low in ("place", "sail", "up", "down"):
                    near.add(token.low)
        result[position] = near
    return result


def _standalone(tokens: Sequence[Token], clause: Sequence[int], position: int) -> bool:
    """A German particle stands alone at the end of its clause (or before "und", a comma,
    or a phrase it does not govern: "machen sich … auf in Richtung")."""
    if position + 1 >= len(clause):
        return True
    nxt = tokens[clause[position + 1]]
    if not nxt.word or nxt.info.flags & (lx.COORD | lx.SUBORD):
        return True
    return nxt.info.role is not None and nxt.mention < 0


def has_verb(tokens: Sequence[Token], lang: str) -> bool:
    """Whether the tokens hold a movement verb (German verbs are written in lower case)."""
    return any(p for t in tokens for p in t.info.predicates
               if not p.noun and (lang == "en" or not t.cap))


def nearest_predicate(predicates: list[Predicate], index: int) -> Predicate | None:
    """The predicate a place belongs to: a movement noun right before it ("Reise nach X",
    "talks in Jerusalem"), else the nearest verb, else the nearest noun."""
    if not predicates:
        return None
    nouns = [p for p in predicates if p.noun and 0 < index - p.index <= 3]
    if nouns:
        return max(nouns, key=lambda p: p.index)
    verbs = [p for p in predicates if not p.noun] or predicates
    return min(verbs, key=lambda p: (abs(p.index - index), p.index < index))
