"""Reading article text: decoding, the feed's leading ``date`` prefix, passages and sentences.

Offsets everywhere refer to the original (decoded) input string, so a mention's
``text[start:end]`` is exactly what the article says, and a map can link back to it.
"""

from __future__ import annotations

import itertools
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
    # A photo caption or credit line ("… Foto: dpa", "© Reuters …"): text of the article,
    # but no passage the map follows.
    caption: bool = False


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


# Byte-order marks, UTF-32 first: its little-endian mark begins with UTF-16's.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), or UTF-16/UTF-32 with BOM; anything else is a clear error."""
    if len(data) > MAX_INPUT_BYTES:
        limit = MAX_INPUT_BYTES // 10**6
        raise InputError(f"input is {len(data) / 1e6:.1f} MB; the limit is {limit} MB")
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise InputError(f"input starts like {encoding.upper()} but is not valid "
                             f"{encoding.upper()}") from error
    elif b"\x00" in data[:4096]:
        message = _utf16_without_bom(data[:4096])
        raise InputError(message or "input looks like binary data, not text")
    else:
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


def _utf16_without_bom(head: bytes) -> str | None:
    """The error for UTF-16 text that lacks its byte-order mark (most of one byte in two NUL,
    as Latin script in UTF-16 is), or None when the NULs look like binary data."""
    if len(head) < 8:
        return None
    low, high = head[0::2].count(0) / len(head[0::2]), head[1::2].count(0) / len(head[1::2])
    if max(low, high) < 0.5 or min(low, high) > 0.05:
        return None
    order = "le" if high > low else "be"
    return (
        "input looks like UTF-16 without a byte-order mark; convert it first, "
        f"e.g. iconv -f utf-16{order} -t utf-8"
    )


_DATE_PREFIX = re.compile(r"\A\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f]*\n\s*")
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) and whitespace,
# when the next character starts a new sentence (upper case, digit, quote). Matching starts
# only at the first mark of a run and never backtracks, so a long run of dots is one linear
# scan, not one scan per dot.
_SENTENCE_END = re.compile(
    r"(?<![.!?…])[.!?…]++[\"'”“»«)\]]*+\s++(?=[\"'„“»«(\[]?[A-ZÄÖÜ0-9])"
)
_LONGEST_ABBREVIATION = 8  # characters; the abbreviation test looks no further back
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
        passages.append(Passage(index, start, end, tuple(_sentences(text, start, end)),
                                is_caption(text[start:end])))
    return Article(text=text, body_start=body_start, date=date, passages=tuple(passages))


def _paragraphs(text: str, start: int) -> list[tuple[int, int]]:
    """Blocks between blank lines, each cut further where its lines are paragraphs."""
    spans = []
    position = start
    for match in _PARAGRAPH_BREAK.finditer(text, start):
        spans.extend(_line_paragraphs(text, position, match.start()))
        position = match.end()
    spans.extend(_line_paragraphs(text, position, len(text)))
    return spans


# A line that ends a sentence (a full stop, also before closing quotes or brackets; a
# closing bracket; a colon before what follows) ends a paragraph when the next line starts
# one; so does a short line that does not run on (a heading, a dateline, a list item).
_LINE_END = re.compile(r"(?:[.!?…][\"'”“»«)\]]*|\)|:)\Z")
_HEADING_CHARS = 80
_HEADING_WORDS = 12
_NO_HEADING_END = (",", ";", "-", "–", "—", "/", "&", "+")


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-blank lines of ``text[start:end]``, trimmed."""
    lines = []
    position = start
    while position < end:
        cut = text.find("\n", position, end)
        cut = end if cut < 0 else cut
        a, b = _trim(text, position, cut)
        if b > a:
            lines.append((a, b))
        position = cut + 1
    return lines


def _line_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` (a block without blank lines) as paragraphs: one per line when
    the block is laid out that way — every line ends a sentence before a line that starts
    one (or a heading), or is a heading itself —, else the whole block. One line break
    inside a sentence ("… von mehr als\n18 000 Kilometern", hard-wrapped text, a pasted
    tweet) means the lines are not paragraphs, and the block stays one passage."""
    lines = _lines(text, start, end)
    if len(lines) <= 1:
        return lines
    for (a, b), (c, d) in itertools.pairwise(lines):
        # A line in lower case starts a paragraph only as a heading of its own (one sentence:
        # "den Präsidenten traf. Am Dienstag fuhr sie" is a line of wrapped text).
        starts = not text[c].islower() or (
            _heading_like(text, c, d) and len(_sentences(text, c, d)) <= 1)
        if _LINE_END.search(text, a, b) and starts:
            continue
        # A short line that ends on an article, conjunction or preposition is no heading:
        # "… von Berlin nach\nWarschau" is one sentence, wrapped.
        if not (_heading_like(text, a, b) and starts and not _runs_on(text, a, b)):
            return [(lines[0][0], lines[-1][1])]
    return lines


# Words no heading ends with (articles, conjunctions, prepositions that are no separable
# verb particles): a line ending so runs on into the next.
_RUN_ON = frozenset(
    "der die das den dem des ein eine einen einem einer eines und oder sowie als wie dass von "
    "vom zum zur im am für seit ohne nach zwischen gegen the a an and or of to for from with "
    "by at as than that".split()
)


def _runs_on(text: str, start: int, end: int) -> bool:
    """Whether the line ``text[start:end]`` ends with a word that cannot end a sentence."""
    words = text[start:end].split()
    return bool(words) and words[-1].lower() in _RUN_ON


def _heading_like(text: str, start: int, end: int) -> bool:
    """A short line that does not run on: a heading, a dateline, a list item."""
    line = text[start:end]
    return (
        len(line) <= _HEADING_CHARS
        and len(line.split()) <= _HEADING_WORDS
        and not line.endswith(_NO_HEADING_END)
    )


# Credit lines and photo captions: "… Foto: - / dpa", "© dpa Es ist …", "(Bild: Paul
# Ripke)", "Photo: Reuters", "Von Christoph Sator, dpa". Only short passages qualify: a long
# paragraph that names a photographer is still the article.
_CAPTION_CHARS = 400
_CREDIT = re.compile(
    r"©|\(c\)\s|(?:^|[\s(/])(?:Fotos?|Bild(?:er)?|Photos?|Photograph|Credits?|Image|"
    r"Quelle|Grafik|Illustration|Archivbild|Symbolbild)\s*:|\((?:\w+ )?photo\)",
    re.I,
)
_BYLINE = re.compile(
    r"(?:von|by)\s+[^.!?\n]{0,60}?\b(?:dpa|AFP|AP|Reuters|KNA|epd|SDA|APA|sid|Agenturen)\W*",
    re.I,
)


def is_caption(passage: str) -> bool:
    """Whether a passage is a photo caption or credit line rather than running text."""
    if len(passage) > _CAPTION_CHARS:
        return False
    return bool(_CREDIT.search(passage) or _BYLINE.fullmatch(passage))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _last_word(text: str, start: int, end: int) -> str:
    """The last whitespace-separated word of ``text[start:end]``, or "" when there is none or
    it is too long to be an abbreviation. Looks back a bounded distance, so a sentence full of
    abbreviations (each one not ending it) stays linear."""
    while end > start and text[end - 1].isspace():
        end -= 1
    window = max(start, end - 4 * _LONGEST_ABBREVIATION)
    word = text[window:end].rsplit(None, 1)
    if not word or (window > start and len(word[-1]) == end - window):
        return ""  # nothing, or cut off by the window: longer than any abbreviation
    return word[-1]


_MONTHS = frozenset(
    "januar februar märz april mai juni juli august september oktober november dezember".split()
)
# Words before a German ordinal: "am 1. Februar", "die 4. Etappe", "zur 87. Austragung".
_BEFORE_ORDINAL = frozenset(
    "am vom zum im der die das dem den des zur bis seit ab ihre ihrer seine seiner ihr sein "
    "on"
    .split()
)


def _is_ordinal(text: str, start: int, match: re.Match[str], last_word: str) -> bool:
    """A day or ordinal number before a full stop ("am 1. Februar", "die 4. Etappe") ends
    no sentence: the number follows an article or preposition, or a month name follows."""
    number = last_word.rstrip(".")
    before = text[max(start, match.start() - 40): match.start()].split()
    if re.fullmatch(r"\d{1,2}\.\d{1,2}", number):  # "Am 25.01. Fahrt nach Berlin"
        return len(before) >= 2 and before[-2].lower() in _BEFORE_ORDINAL
    if not number.isdigit() or len(number) > 3:
        return False
    following = text[match.end(): match.end() + 12].split(None, 1)
    if following and following[0].lower().strip(".,") in _MONTHS and int(number) <= 31:
        return True
    return len(before) >= 2 and before[-2].lower() in _BEFORE_ORDINAL


def _is_contraction(word: str) -> bool:
    """A short word without a vowel before a full stop is an abbreviation (Bln., Hbf.,
    Str.), not the end of a sentence."""
    letters = word.rstrip(".")
    return 1 < len(letters) <= 4 and letters.isalpha() and not any(
        ch in "aeiouyäöüAEIOUYÄÖÜ" for ch in letters)


def _sentences(text: str, start: int, end: int) -> list[Span]:
    spans = []
    position = start
    for match in _SENTENCE_END.finditer(text, start, end):
        last_word = _last_word(text, position, match.start())
        if last_word.rstrip(".") in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isupper()):
            continue
        if _is_ordinal(text, position, match, last_word) or _is_contraction(last_word):
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
