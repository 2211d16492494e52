"""How common a word is, from the wordfreq package (its compact "small" lists load in ms).

Recognition uses it to tell a place name from an ordinary word that happens to spell one
(Boden, Station, Zug) and to check that the rest of a compound is a real word (Russlandbild).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=65_536)
def zipf(word: str, lang: str) -> float:
    """Zipf frequency (0 = unknown, 3 = once per million words, 7 = "der") of ``word``."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang, wordlist="small")
