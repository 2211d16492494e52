"""The last word on a mention's span: it never starts or ends inside a word.

Recognition can link part of a word ("West" in "Westwoods" → West, Cameroon; "Pazifik" in
"Asien-Pazifikreise"), and a link that cuts a word reads as a bug. This filter runs on the
finished mentions: a German compound part whose rest is an ordinary word (Russland|bild,
Ex-Sowjet|staaten, Pazifik|reise) becomes a derived mention of the whole word, as
Russland-Besuch is; anything else cut out of a word is dropped.

It sits at the end of ``storymap.story.build.build_story`` until the geoparse pipeline has a
place for it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from storymap.geoparse.mention import Mention

# How often the rest of the word must be a word on its own (wordfreq's Zipf scale: 4 is
# once per 100,000 words) for the whole word to be a compound of the place.
_COMPOUND_ZIPF = 4.0
_LONGEST_WORD = 60  # characters a word may add to a mention (bounds the work per mention)
_LINKING = ("es", "s", "n")  # Fugenelemente: Russland|s|reise
# A compass word is no place part of a compound: Nord|seite, Nord|osten, West|woods.
_COMPASS = frozenset(
    "nord süd sued ost west nordost nordwest südost südwest mittel zentral north south east "
    "mid".split()
)


def is_word_char(char: str) -> bool:
    """Letters, digits and combining marks: what a word is made of (a hyphen, an apostrophe
    or a space ends it)."""
    return char.isalnum() or unicodedata.category(char).startswith("M")


def _cuts_start(text: str, start: int) -> bool:
    return 0 < start < len(text) and is_word_char(text[start - 1]) and is_word_char(text[start])


def _cuts_end(text: str, end: int) -> bool:
    return 0 < end < len(text) and is_word_char(text[end]) and is_word_char(text[end - 1])


@lru_cache(maxsize=4096)
def _ordinary_word(word: str, lang: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang) >= _COMPOUND_ZIPF


def _compound_rest(rest: str, lang: str, after: bool) -> bool:
    """Whether ``rest`` (the word around the place part) is an ordinary word of ``lang``."""
    if not rest:
        return True
    if not rest.isalpha():
        return False
    word = rest.lower()
    if _ordinary_word(word, lang):
        return True
    return after and any(
        word.startswith(link) and len(word) > len(link) + 2 and _ordinary_word(word[len(link):],
                                                                              lang)
        for link in _LINKING
    )


def _whole_word(text: str, mention: Mention) -> tuple[int, int] | None:
    """The word a mention cuts into, when it is bounded (else None)."""
    start, end = mention.start, mention.end
    low = max(0, start - _LONGEST_WORD)
    while start > low and is_word_char(text[start - 1]):
        start -= 1
    high = min(len(text), end + _LONGEST_WORD)
    while end < high and is_word_char(text[end]):
        end += 1
    if _cuts_start(text, start) or _cuts_end(text, end):
        return None
    return start, end


def whole_words(text: str, mentions: Sequence[Mention], lang: str = "de") -> tuple[Mention, ...]:
    """``mentions`` (sorted, not overlapping) with none starting or ending inside a word.

    In German a derived compound part whose rest is an ordinary word grows to the whole
    word; every other mention that cuts a word is left out. The result stays sorted and
    free of overlaps."""
    kept: list[Mention] = []
    for number, mention in enumerate(mentions):
        if not (_cuts_start(text, mention.start) or _cuts_end(text, mention.end)):
            kept.append(mention)
            continue
        if not mention.derived or lang != "de" or mention.text.casefold() in _COMPASS:
            continue
        word = _whole_word(text, mention)
        if word is None:
            continue
        start, end = word
        before = text[start : mention.start]
        after = text[mention.end : end]
        if not (_compound_rest(before, lang, False) and _compound_rest(after, lang, True)):
            continue
        previous_end = kept[-1].end if kept else 0
        following = mentions[number + 1].start if number + 1 < len(mentions) else len(text)
        if start < previous_end or end > following:
            continue
        kept.append(replace(mention, start=start, end=end, text=text[start:end]))
    return tuple(kept)
