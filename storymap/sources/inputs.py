"""Reading an article from a file or stdin: plain text, Markdown, or an HTML article page.

HTML pages go through trafilatura, which finds the article body among navigation, teasers
and footers and reads the title and date from the page's metadata; what storymap then
parses (and what offsets index) is that extracted text. Markdown is read as text.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from storymap.geoparse.text import MAX_INPUT_BYTES, InputError, decode

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
                         re.I | re.S)


@dataclass(frozen=True, slots=True)
class Source:
    """An article's text and what its container said about it."""

    text: str
    kind: str  # "text" or "html"
    title: str | None = None
    date: str | None = None
    site: str | None = None


def looks_like_html(data: bytes, name: str | None = None) -> bool:
    if name and Path(name).suffix.lower() in HTML_SUFFIXES:
        return True
    return bool(_HTML_START.match(data[:4096]))


def from_html(data: bytes) -> Source:
    """The article body of an HTML page, paragraphs separated by blank lines."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("input looks like binary data, not an HTML page")
    import trafilatura  # only HTML input pays for importing it

    document = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=False,
        deduplicate=False,
    )
    body = (document.text if document is not None else "") or ""
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    if not paragraphs:
        raise InputError("no article text found in the HTML page")
    title = (document.title or "").strip() or None
    if title and paragraphs[0] == title:
        paragraphs = paragraphs[1:] or paragraphs  # the headline is the title, not a passage
    date = document.date if document.date and re.fullmatch(r"\d{4}(-\d\d){0,2}", document.date) \
        else None
    return Source(
        text="\n\n".join(paragraphs) + "\n", kind="html", title=title, date=date,
        site=(document.sitename or None),
    )


def from_bytes(data: bytes, name: str | None = None) -> Source:
    if looks_like_html(data, name):
        if len(data) > MAX_INPUT_BYTES:
            limit = MAX_INPUT_BYTES // 10**6
            raise InputError(f"input is {len(data) / 1e6:.1f} MB; the limit is {limit} MB")
        return from_html(data)
    return Source(text=decode(data), kind="text")


def read_source(path: str | Path) -> Source:
    """The article at ``path`` ("-" for stdin)."""
    if str(path) == "-":
        return from_bytes(sys.stdin.buffer.read())
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path} is a folder, not an article (storymap batch takes folders)")
    return from_bytes(path.read_bytes(), path.name)
