"""The words of a text that belong to given word classes, found in one pass.

Journey inference asks many small questions of each sentence (does it speak of movement,
of an earlier time, of which weekday, of which vehicle?). One regex per question and
sentence costs about as much as geoparsing the text; one trie-shaped pattern over the whole
text answers them all, and each distinct word is classified once per process.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Distinct words remembered with their classes; news vocabularies stay far below this.
_MEMO_LIMIT = 50_000


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


@dataclass(frozen=True, slots=True)
class WordClass:
    """Lower-case ``entries``; a word belongs if it equals one (``whole``) or starts with
    one. Entries may hold a space (took place) to match a phrase's opening."""

    entries: tuple[str, ...]
    whole: bool = False


class WordClasses:
    """Classes numbered by position: a word's mask has bit ``i`` set if it is in class ``i``."""

    def __init__(self, classes: Sequence[WordClass]) -> None:
        self._classes = tuple(classes)
        entries = sorted({entry for word_class in classes for entry in word_class.entries})
        # (?<!\w) rather than \b: the same words here (entries open with a letter), found
        # a third faster by Python's regex engine.
        body = r"(?<!\w)(?:" + trie_pattern(entries) + r")\w*"
        self._pattern = re.compile(body)
        self._pattern_any_case = re.compile(body, re.IGNORECASE)
        self._memo: dict[str, int] = {}

    def mask(self, word: str) -> int:
        """The classes of one lower-case word (or phrase opening)."""
        found = self._memo.get(word)
        if found is None:
            found = 0
            for bit, word_class in enumerate(self._classes):
                if word in word_class.entries if word_class.whole else word.startswith(
                    word_class.entries
                ):
                    found |= 1 << bit
            if len(self._memo) < _MEMO_LIMIT:
                self._memo[word] = found
        return found

    def scan(self, text: str) -> tuple[list[int], list[int]]:
        """Start offsets (into ``text``) and masks of the words that are in some class."""
        lowered = text.lower()
        starts: list[int] = []
        masks: list[int] = []
        if len(lowered) == len(text):
            words = ((m.start(), m.group()) for m in self._pattern.finditer(lowered))
        else:  # lower-casing changed lengths (İ): match the original, offsets stay true
            found = self._pattern_any_case.finditer(text)
            words = ((m.start(), m.group().lower()) for m in found)
        memo = self._memo
        for start, word in words:
            mask = memo.get(word)
            if mask is None:
                mask = self.mask(word)
            if mask:
                starts.append(start)
                masks.append(mask)
        return starts, masks
