"""``geoparse(text)``: the article's place mentions, recognised and resolved, offline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from gazetteer import Gazetteer
from storymap.geoparse.mention import Mention
from storymap.geoparse.recognition import Recogniser
from storymap.geoparse.resolve import Resolver
from storymap.geoparse.text import Article, detect_language, read_article


@dataclass(frozen=True, slots=True)
class GeoparseResult:
    article: Article
    lang: str
    mentions: tuple[Mention, ...]
    # The body's words as the recogniser split them (start offsets and spellings): later
    # stages (journey inference) read words without tokenising the text again.
    word_starts: Sequence[int] = field(default=(), compare=False, repr=False)
    word_spellings: Sequence[str] = field(default=(), compare=False, repr=False)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The embedded gazetteer, opened once per process and shared by every stage."""
    return Gazetteer.open()


@lru_cache(maxsize=1)
def _default_pipeline() -> tuple[Recogniser, Resolver]:
    gazetteer = default_gazetteer()
    return Recogniser(gazetteer), Resolver(gazetteer)


def geoparse(text: str, lang: str = "auto") -> GeoparseResult:
    """Find and resolve every place ``text`` names.

    ``lang``: "de", "en" or "auto" (decided from the text's function words). Offsets of the
    returned mentions index ``text`` itself; a leading ``date YYYY-MM`` prefix is read as
    the article's date and not parsed.
    """
    article = read_article(text)
    if lang == "auto":
        lang = detect_language(article.body)
    if lang not in ("de", "en"):
        raise ValueError(f"unsupported language {lang!r}: storymap reads German and English")
    recogniser, resolver = _default_pipeline()
    sentence_starts = [s.start for p in article.passages for s in p.sentences]
    doc = recogniser.tokens(text, lang, article.body_start, sentence_starts)
    mentions = resolver.resolve(recogniser.recognise_tokens(doc, lang), lang, text)
    return GeoparseResult(
        article=article,
        lang=lang,
        mentions=tuple(mentions),
        word_starts=doc.starts,
        word_spellings=doc.spellings,
    )
