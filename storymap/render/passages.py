"""The article's passages on the page: mentions as links, the headline and captions told
apart, and for print the passages that tell of each stop."""

from __future__ import annotations

import html
from bisect import bisect_right
from collections.abc import Sequence

from storymap.geoparse.text import Passage, Span
from storymap.story.model import Story, StoryPlace


def enclosing(starts: Sequence[int], spans: Sequence[Span | Passage], offset: int) -> int:
    """Index of the span holding ``offset`` among sorted, disjoint ``spans`` (``starts``: their
    starts), or -1. A binary search, so rendering stays linear in the article's length: a scan
    of every passage per mention made a 1 MB article take minutes."""
    found = bisect_right(starts, offset) - 1
    return found if found >= 0 and offset < spans[found].end else -1


class Sentences:
    """Every sentence of the article in order, with their starts for ``enclosing``."""

    def __init__(self, story: Story) -> None:
        self.spans = [sentence for p in story.article.passages for sentence in p.sentences]
        self.starts = [sentence.start for sentence in self.spans]


def mention_passages(story: Story) -> list[int]:
    """The passage index of every mention (as ``Story.passage_of`` says, without its scan)."""
    passages = story.article.passages
    starts = [passage.start for passage in passages]
    found = (enclosing(starts, passages, mention.start) for mention in story.mentions)
    return [passages[index].index if index >= 0 else 0 for index in found]


def _headline_passages(story: Story, title: str) -> tuple[int | None, set[int]]:
    """The passage that is the page's title (shown once, as the heading of the text) and
    the copies of it right after (scraped pages repeat their headline): hidden."""
    wanted = " ".join(title.split())
    if not wanted:
        return None, set()
    passages = story.article.passages
    same = [" ".join(story.text[p.start : p.end].split()) == wanted for p in passages]
    if not passages or not same[0]:
        return None, set()
    repeats = set()
    for passage, equal in zip(passages[1:], same[1:], strict=True):
        if not equal:
            break
        repeats.add(passage.index)
    return passages[0].index, repeats


def passages_html(story: Story, title: str) -> list[dict[str, object]]:
    """Each paragraph with its mentions as links (everything else escaped), with what kind
    of passage it is: the headline, a copy of it, a caption, or running text (numbered as
    print lists it)."""
    result = []
    by_passage: dict[int, list[int]] = {}
    for index, passage_index in enumerate(mention_passages(story)):
        by_passage.setdefault(passage_index, []).append(index)
    headline, repeats = _headline_passages(story, title)
    number = 0
    for passage in story.article.passages:
        position = passage.start
        pieces = []
        for index in by_passage.get(passage.index, []):
            mention = story.mentions[index]
            pieces.append(html.escape(story.text[position : mention.start]))
            label = html.escape(mention.text)
            if mention.place is None:
                pieces.append(f'<span class="mention mention--unresolved">{label}</span>')
            else:
                style = "derived" if mention.derived else "plain"
                pieces.append(
                    f'<a class="mention mention--{style}" href="#m{index}" id="m{index}" '
                    f'data-mention="{index}" data-place="{html.escape(mention.place.id)}">'
                    f"{label}</a>"
                )
            position = mention.end
        pieces.append(html.escape(story.text[position : passage.end]))
        text = "".join(pieces).replace("\n", "<br>\n")
        kind = ("headline" if passage.index == headline else "repeat"
                if passage.index in repeats else "caption" if passage.caption else "text")
        if kind == "text":
            number += 1
        result.append({"index": passage.index, "html": text, "kind": kind,
                       "number": number if kind == "text" else None})
    return result


# A printed stop lists at most this many passages, each by one sentence of at most this many
# characters (the article follows in full).
PRINT_PASSAGES = 4


PRINT_SENTENCE = 240


def stop_passages(
    story: Story, place: StoryPlace, numbers: dict[int, int], sentences_in: Sentences
) -> list[dict[str, object]]:
    """The passages that mention a stop, each with its printed number and the first of its
    sentences that names the stop: the printed itinerary says where the text tells it."""
    found: dict[int, str] = {}
    passages = story.article.passages
    starts = [p.start for p in passages]
    for index in place.mentions:
        mention = story.mentions[index]
        where = enclosing(starts, passages, mention.start)
        number = numbers.get(passages[where].index) if where >= 0 else None
        if number is None or number in found:
            continue
        sentence = enclosing(sentences_in.starts, sentences_in.spans, mention.start)
        span = sentences_in.spans[sentence] if sentence >= 0 else passages[where]
        quote = " ".join(story.text[span.start : span.end].split())
        if len(quote) > PRINT_SENTENCE:
            quote = quote[: PRINT_SENTENCE - 1].rstrip() + "…"
        found[number] = quote
        if len(found) == PRINT_PASSAGES:
            break
    return [{"number": number, "quote": quote} for number, quote in sorted(found.items())]
