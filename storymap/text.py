"""Reading article text: decoding, the feed's leading ``date`` prefix, passages and sentences.

Offsets everywhere refer to the original (decoded) input string, so a mention's
``text[start:end]`` is exactly what the article says, and a map can link back to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_INPUT_BYTES = 20_000_000


class InputError(ValueError):
    """The input cannot be read as an article (binary, wrong encoding, empty, too big)."""


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Passage:
    """A paragraph of the article with its sentences (offsets into the full text)."""

    index: int
    start: int
    end: int
    sentences: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Article:
    """Decoded article text plus what was read off it."""

    text: str
    body_start: int  # where the article proper starts (after a metadata prefix)
    date: str | None
    passages: tuple[Passage, ...]

    @property
    def body(self) -> str:
        return self.text[self.body_start :]


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is a clear error."""
    if len(data) > MAX_INPUT_BYTES:
        limit = MAX_INPUT_BYTES // 10**6
        raise InputError(f"input is {len(data) / 1e6:.1f} MB; the limit is {limit} MB")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError("input starts like UTF-16 but is not valid UTF-16") from error
    if b"\x00" in data[:4096]:
        raise InputError("input looks like binary data, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"input is not UTF-8 (invalid byte at position {error.start}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from error
    control = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > 8:
        raise InputError("input looks like binary data, not text")
    return text


_DATE_PREFIX = re.compile(r"\A\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f]*\n\s*")
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) and whitespace,
# when the next character starts a new sentence (upper case, digit, quote).
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”“»«)\]]*\s+(?=[\"'„“»«(\[]?[A-ZÄÖÜ0-9])")
# Tokens before a full stop that do not end a sentence.
_ABBREVIATIONS = frozenset(
    """z.B bzw ca Dr Prof Nr St Str usw vgl etc Mio Mrd Jh Jhd Mr Mrs Ms Jr Sr Inc Ltd Co Corp
    vs No Gen Gov Sen Rep Lt Col Capt Sgt Mt Ft US U.S a.M i.e e.g u.a o.ä d.h""".split()
)


def read_article(text: str) -> Article:
    """Split an article into its metadata prefix, passages (paragraphs) and sentences."""
    date = None
    body_start = 0
    match = _DATE_PREFIX.match(text)
    if match:
        date = match.group(1)
        body_start = match.end()
    passages = []
    for index, (start, end) in enumerate(_paragraphs(text, body_start)):
        passages.append(Passage(index, start, end, tuple(_sentences(text, start, end))))
    return Article(text=text, body_start=body_start, date=date, passages=tuple(passages))


def _paragraphs(text: str, start: int) -> list[tuple[int, int]]:
    spans = []
    position = start
    for match in _PARAGRAPH_BREAK.finditer(text, start):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return [_trim(text, a, b) for a, b in spans if text[a:b].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _sentences(text: str, start: int, end: int) -> list[Span]:
    spans = []
    position = start
    for match in _SENTENCE_END.finditer(text, start, end):
        before = text[position : match.start()].rsplit(None, 1)
        last_word = before[-1] if before else ""
        if last_word.rstrip(".") in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isupper()):
            continue
        cut = match.end()
        a, b = _trim(text, position, cut)
        if b > a:
            spans.append(Span(a, b))
        position = cut
    a, b = _trim(text, position, end)
    if b > a:
        spans.append(Span(a, b))
    return spans


_GERMAN_MARKERS = frozenset(
    "der die das und ist nicht mit sich des dem den ein eine einer auf für von zu im auch "
    "wird wurde sind hat als bei nach aus noch über".split()
)
_ENGLISH_MARKERS = frozenset(
    "the and is are was were of to in that with for on as by from at this has have be "
    "which an it its said will".split()
)


def detect_language(text: str) -> str:
    """``de`` or ``en`` by counting frequent function words (enough for whole articles).

    A full language identifier would be heavier than the decision needs: storymap only
    distinguishes German from English, and function words separate those two reliably.
    """
    german = english = 0
    for word in re.findall(r"[a-zäöüß]+", text[:20_000].lower()):
        if word in _GERMAN_MARKERS:
            german += 1
        elif word in _ENGLISH_MARKERS:
            english += 1
    return "en" if english > german else "de"
