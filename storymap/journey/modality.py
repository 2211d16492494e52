"""What a clause's words say about its event beyond the places: its modality (soll, wird,
will; nicht, never; täglich, usually; ursprünglich, hätte … sollen), its tense (pluperfect
with hatte and war), its sequence words (dann, zuvor, von dort; then, earlier, from there)
and its vehicle.
"""

from __future__ import annotations

from collections.abc import Sequence

from storymap.journey import lexicon as lx
from storymap.journey.clauses import Clause, Token
from storymap.journey.model import ANNOUNCED, CANCELLED, DONE, HABITUAL, NEGATED, UNDERWAY
from storymap.journey.predicates import Predicate


def clause_modality(tokens: Sequence[Token], clause: Sequence[int], predicates: list[Predicate],
              lang: str) -> tuple[str, str]:
    """(modality, tense) of a clause."""
    flags = 0
    words = set()
    for index in clause:
        token = tokens[index]
        flags |= token.info.flags
        words.add(token.low)
    past = any(p.past for p in predicates)
    participle = any(p.participle for p in predicates)
    if flags & lx.PLUPERFECT and participle and _auxiliary(tokens, clause, predicates) == \
            "pluperfect":
        tense = "pluperfect"
    elif flags & lx.FUTURE:
        tense = "future"
    elif past or (flags & lx.PERFECT and participle):
        tense = "past"
    else:
        tense = "present"
    negated = bool(flags & lx.NEGATION) and not ({"nur", "only"} & words and
                                                  {"nicht", "not"} & words)
    if flags & lx.COUNTERFACTUAL and (flags & lx.FUTURE or "sollen" in words):
        return CANCELLED, tense
    if flags & lx.CANCELLED and (flags & lx.FUTURE or words & {"sollte", "was", "were"}):
        return CANCELLED, tense
    if negated:
        return NEGATED, tense
    if flags & lx.HABITUAL and not flags & lx.PLUPERFECT:
        return HABITUAL, tense
    if flags & lx.SERVICE and tense == "present":
        return HABITUAL, tense
    verbs = any(not p.noun for p in predicates)
    if flags & lx.UNDERWAY or (not verbs and "weg" in words and lang == "de" and "dem" in words):
        return UNDERWAY, tense
    if flags & lx.FUTURE:
        # "soll … überquert haben" reports the past; "is set to" and "will" announce
        if lang == "de" and flags & lx.PERFECT and participle and words & {"soll", "sollen"}:
            return DONE, "past"
        return ANNOUNCED, "future"
    if lang == "en" and "heading" in words:
        return UNDERWAY, tense
    if lang == "en" and _set_to(tokens, clause):
        return ANNOUNCED, "future"  # "is set to arrive"
    return DONE, tense


def _set_to(tokens: Sequence[Token], clause: Sequence[int]) -> bool:
    """"is set to arrive", "their goal is to cross", "are to travel": a plan."""
    words = [tokens[i].low for i in clause if tokens[i].word]
    return any(a in ("is", "are", "was", "were") and (b == "to" or (b == "set" and c == "to"))
               for a, b, c in zip(words, words[1:], [*words[2:], ""], strict=False))


def _auxiliary(tokens: Sequence[Token], clause: Sequence[int], predicates: list[Predicate]
               ) -> str:
    """The auxiliary of the participle: the nearest one before it ("hat … eingelegt und
    war danach …" is perfect), else after it ("nachdem er angekommen war")."""
    participles = [p.index for p in predicates if p.participle]
    if not participles:
        return ""
    at = participles[0]
    before = [i for i in clause if i < at and tokens[i].info.flags & (lx.PERFECT | lx.PLUPERFECT)]
    after = [i for i in clause if i > at and tokens[i].info.flags & (lx.PERFECT | lx.PLUPERFECT)]
    spot = before[-1] if before else (after[0] if after else None)
    if spot is None:
        return ""
    return "pluperfect" if tokens[spot].info.flags & lx.PLUPERFECT else "perfect"


def clause_sequence(tokens: Sequence[Token], clause: Clause, lang: str) -> tuple[str, bool]:
    """("after" | "before" | "first" | "last" | "", from the previous place?): dann, then,
    von dort, from there → after; zuvor, earlier → before; zunächst, erste Station, first →
    first; letzter Halt, final → last. "zum ersten Mal", "for the first time" are none."""
    flags = 0
    from_previous = False
    words = [tokens[i] for i in clause.tokens[:10]]
    if clause.subordinate and words and words[0].low == clause.opener:
        words = words[1:]  # "before heading to …" is ordered by its opener, not a "before"
    adjectives = lx.words_module(lang).ORDER_ADJECTIVES
    for position, token in enumerate(words):
        following = words[position + 1] if position + 1 < len(words) else None
        if token.info.flags & (lx.FIRST | lx.LAST) and token.low in adjectives and not (
            following is not None and any(p.noun for p in following.info.predicates)
        ) and not (lang == "en" and following is not None and following.info.predicates):
            continue  # die ersten Passagiere; zum ersten Mal; the first time
        flags |= token.info.flags
        if token.info.flags & lx.THERE and position > 0 and words[position - 1].low in (
            "von", "from", "ab"
        ):
            from_previous = True
    if flags & lx.FIRST:
        return "first", from_previous
    if flags & lx.BEFORE:
        return "before", from_previous
    if flags & lx.AFTER or from_previous:
        return "after", from_previous
    if flags & lx.LAST:
        return "last", from_previous
    return "", from_previous


def vehicle_mode(tokens: Sequence[Token], clause: Sequence[int]) -> str | None:
    """The first vehicle the clause names (Zug, plane), if any."""
    for index in clause:
        mode = tokens[index].info.mode
        if mode:
            return mode
    return None
