"""The one name normalisation used when building the gazetteer and when looking names up.

Both sides must agree exactly, so everything that turns a written name into an index key
lives here: case folding, German umlaut equivalents (ä = ae), other diacritics dropped,
apostrophes removed, hyphens and punctuation as word breaks, and a few abbreviations
(St./Sankt/Saint, a./am/an der) collapsed to one form.

The key of a name is the space-joined sequence of its normalised tokens, and the same token
function is used to scan running text, so a recogniser can match token sequences of an
article against the keys without re-normalising whole phrases.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

__all__ = ["TOKEN_PATTERN", "normalize", "normalize_token", "tokens", "umlaut_free_variant"]

# Characters that glue a token together but vanish from its key (Côte d'Ivoire, N'Djamena).
_APOSTROPHES = "'’‘`´ʼʹ"
# A token: letters/digits with inner apostrophes. Everything else separates tokens.
# Written as runs of letters joined by single apostrophes, with possessive quantifiers: the
# same matches as a character-by-character loop with a lookahead, in half the time.
TOKEN_PATTERN = re.compile(r"[^\W_]++(?:[" + _APOSTROPHES + r"][^\W_]++)*+")

# Folding of single characters that NFKD does not decompose the German way.
_CHAR_MAP = {
    "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss",
    "æ": "ae", "œ": "oe", "ø": "o", "å": "a", "ð": "d", "þ": "th",
    "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "ŀ": "l",
}
_APOSTROPHE_TABLE = {ord(c): None for c in _APOSTROPHES}

# Whole-token abbreviations and their long forms, collapsed to one key form.
_TOKEN_MAP = {
    "st": "st", "sankt": "st", "saint": "st", "ste": "ste", "sainte": "ste",
    "a": "am", "an": "am", "am": "am",
    "d": "der",
    "i": "im",
    "mt": "mount",
    "ft": "fort",
}


@lru_cache(maxsize=262_144)
def normalize_token(token: str) -> str:
    """Fold one token (no spaces or punctuation inside) to its key form."""
    folded = token.translate(_APOSTROPHE_TABLE).casefold()
    if not folded.isascii():
        out = []
        for ch in folded:
            mapped = _CHAR_MAP.get(ch)
            if mapped is not None:
                out.append(mapped)
                continue
            decomposed = unicodedata.normalize("NFKD", ch)
            base = "".join(c for c in decomposed if not unicodedata.combining(c))
            out.append(base if base else ch)
        folded = "".join(out)
    return _TOKEN_MAP.get(folded, folded)


def tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, key_token)`` for every token of ``text`` (offsets into ``text``)."""
    for match in TOKEN_PATTERN.finditer(text):
        yield match.start(), match.end(), normalize_token(match.group())


def normalize(name: str) -> str:
    """Return the index key of a name: normalised tokens joined by single spaces."""
    return " ".join(normalize_token(m.group()) for m in TOKEN_PATTERN.finditer(name))


def umlaut_free_variant(name: str) -> str | None:
    """The key of ``name`` with umlauts read as plain vowels (Zürich → zurich), if different.

    English texts often drop the dots (Zurich, Munchen); the builder indexes this variant too.
    """
    if not any(c in name for c in "äöüÄÖÜ"):
        return None
    plain = name.translate(str.maketrans("äöüÄÖÜ", "aouAOU"))
    key = normalize(plain)
    return key if key != normalize(name) else None
