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
from itertools import compress

# Distinct words remembered with their classes; news vocabularies stay far below this.
_MEMO_LIMIT = 50_000
# A mask bit no class uses: the word opens a phrase entry (took → took place).
_OPENS_PHRASE = 1 << 62


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
        self._by_spelling: dict[str, int] = {}
        # First word of a phrase entry → (its other words, the class bit, whole).
        self._phrases: dict[str, list[tuple[tuple[str, ...], int, bool]]] = {}
        for bit, word_class in enumerate(classes):
            for entry in word_class.entries:
                first, *rest = entry.split()
                if rest:
                    self._phrases.setdefault(first, []).append(
                        (tuple(rest), 1 << bit, word_class.whole)
                    )

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

    def classify(
        self, starts: Sequence[int], spellings: Sequence[str]
    ) -> tuple[list[int], list[int]]:
        """``scan`` over words the caller has already split (``spellings[i]`` at
        ``starts[i]``): the starts and masks of those in some class. A dictionary lookup
        per word instead of a regex pass; phrase entries match consecutive words."""
        memo = self._by_spelling
        masks = list(map(memo.get, spellings))
        if None in masks:
            for i, spelling in enumerate(spellings):
                if masks[i] is None:
                    masks[i] = found = self._spelling_mask(spelling)
                    if len(memo) < _MEMO_LIMIT:
                        memo[spelling] = found
        kept = list(compress(range(len(masks)), masks))
        if self._phrases:
            for i in kept:
                if masks[i] & _OPENS_PHRASE:
                    masks[i] = self._phrase_mask(masks[i] & ~_OPENS_PHRASE, spellings, i)
            kept = [i for i in kept if masks[i]]
        return [starts[i] for i in kept], [masks[i] for i in kept]

    def _spelling_mask(self, spelling: str) -> int:
        lowered = spelling.lower()
        found = self.mask(lowered)
        return found | _OPENS_PHRASE if lowered in self._phrases else found

    def _phrase_mask(self, mask: int, spellings: Sequence[str], i: int) -> int:
        """``mask`` plus the classes of the phrases that open at word ``i``."""
        for rest, bit, whole in self._phrases[spellings[i].lower()]:
            following = [word.lower() for word in spellings[i + 1 : i + 1 + len(rest)]]
            if len(following) < len(rest) or following[:-1] != list(rest[:-1]):
                continue
            last, wanted = following[-1], rest[-1]
            if last == wanted or (not whole and last.startswith(wanted)):
                mask |= bit
        return mask
