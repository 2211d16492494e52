"""Which sentences can hold a movement event, found by one compiled pattern per language.

Most sentences of a news text tell no movement; tokenising and reading all of them would
cost more than geoparsing the text. A sentence is read when it contains a form of a
movement verb or noun (a German compound by its head: Afrikareise, Zwischenstopp), a
vehicle, "zurück"/"back", "unterwegs"/"en route", or when it may be a heading or a dated
listing (a short line of its own, two dates).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from storymap.journey import lexicon as lx

_DATES = re.compile(r"\d{1,2}\.\d{1,2}\.|\d{1,2}\.\s?[A-ZÄÖÜ][a-zä]+\s\d{4}")
_HEADING_CHARS = 120
_DATED_HEAD = re.compile(r"[^\n:.!?]{0,80}\d{1,2}\.(?:\d{1,2}\.|\s?[A-ZÄÖÜ]\w+)[^\n:]{0,20}:")
# A movement word this far from every place of its sentence governs none of them.
_NEAR = 120


def trie_pattern(entries: Sequence[str]) -> str:
    """A regex alternation of ``entries`` factored by common prefixes (``zug|zuges`` →
    ``zug(?:es)?``): Python's regex engine tries alternatives one by one, a trie once."""
    root: dict = {}
    for entry in entries:
        node = root
        for char in entry:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


@lru_cache(maxsize=2)
def _pattern(lang: str) -> re.Pattern[str]:
    lexicon = lx.lexicon(lang)
    wanted = lx.RETURN | lx.UNDERWAY
    words, phrases = [], []
    for word, info in lexicon.words.items():
        if info.mode or info.flags & wanted or any(not p.particle for p in info.predicates):
            words.append(word)
        elif info.predicates and lang == "en":  # "set off", "took place": the phrase only
            phrases.extend(f"{word} {p.particle}" for p in info.predicates)
        elif info.predicates:
            words.append(word)  # a German particle may stand far after its verb
    body = r"(?<!\w)(?:" + trie_pattern(sorted(set(words))) + r")(?!\w)"
    if phrases:
        body += r"|(?<!\w)(?:" + trie_pattern(sorted(set(phrases))) + r")(?!\w)"
    heads = sorted(lexicon.compound_heads | set(lexicon.mode_heads))
    if heads:  # German compounds: the head ends the word (Afrikareise, Sonderzug)
        body += r"|\w(?:" + trie_pattern(heads) + r")(?!\w)"
    return re.compile(body, re.IGNORECASE)


def may_tell_movement(text: str, start: int, end: int, lang: str,
                      places: Sequence[tuple[int, int]] = ()) -> bool:
    """Whether ``text[start:end]`` (a sentence) is worth reading for movement events: a
    movement word within ``_NEAR`` characters of one of the ``places`` (spans; any place
    when none are given)."""
    for match in _pattern(lang).finditer(text, start, end):
        if not places or any(a - _NEAR <= match.start() <= b + _NEAR for a, b in places):
            return True
    if start == 0 or text[start - 1] == "\n":
        if end - start <= _HEADING_CHARS:
            return True  # a heading: "Hamburg", "Montag, 2. September 2024, Rom"
        if _DATED_HEAD.match(text, start, min(end, start + _HEADING_CHARS)):
            return True  # a dated entry: "LYON (Frankreich), Donnerstag, 22.12.: …"
    return len(_DATES.findall(text, start, end)) >= 2
