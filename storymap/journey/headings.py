"""Headings of programmes and timelines: a short line that names a place or a date, with
no verb, heads the lines under it ("Montag, 2. September 2024, Rom", "NIMWEGEN
(Niederlande), Mittwoch, 21.12.:", a paragraph that is only "Hamburg").

Its place is where the traveller is in the passage it heads (a weak stop: a programme's
heading alone makes no route), and its date dates the events of that passage and of the
passages that follow until the next heading.
"""

from __future__ import annotations

from collections.abc import Sequence

from storymap.journey import timeline
from storymap.journey.frames import EventReader, SentenceReading
from storymap.journey.model import DONE, LOCATION, Event, Role, When

_MAX_WORDS = 10
_STRENGTH_DATED = 0.6
_STRENGTH_UNDATED = 0.45


def _heading_part(reading: SentenceReading, text: str) -> list[int] | None:
    """The token indices of the heading in this sentence, if it opens with one: the whole
    sentence when it is a short line of its own, else a first clause ending in ':'."""
    tokens = reading.tokens
    words = [i for i, t in enumerate(tokens) if t.word]
    if not words:
        return None
    line_end = text.find("\n", reading.start)
    whole_line = (line_end == -1 or line_end >= reading.end - 1) and (
        reading.start == 0 or text[reading.start - 1] == "\n"
    )
    if whole_line and len(words) <= _MAX_WORDS and not text[reading.start:reading.end].rstrip(
    ).endswith((".", "!", "?")):
        return list(range(len(tokens)))
    colon = next((i for i, t in enumerate(tokens) if t.text == ":"), None)
    if colon is not None and sum(1 for i in words if i < colon) <= _MAX_WORDS and (
        reading.start == 0 or text[reading.start - 1] == "\n"
    ):
        return list(range(colon))
    return None


def _only_places(reading: SentenceReading, part: list[int]) -> bool:
    """A heading without a date is a place name alone ("Hamburg", "LYON (Frankreich)")."""
    return all(reading.tokens[i].mention >= 0 or not reading.tokens[i].word for i in part)


def heading_events(readings: Sequence[SentenceReading], reader: EventReader, lang: str
                   ) -> tuple[list[Event], dict[int, When]]:
    """The location events of headings, and the date each passage gets from its heading."""
    events: list[Event] = []
    times: dict[int, When] = {}
    current: When | None = None
    last_passage = -1
    text = reader.text
    for reading in readings:
        if reading.passage != last_passage and current is not None:
            for passage in range(last_passage + 1, reading.passage + 1):
                times.setdefault(passage, current)
        last_passage = reading.passage
        part = _heading_part(reading, text)
        if part is None or any(reading.tokens[i].info.predicates for i in part):
            continue
        whens = timeline.times_in(reading.tokens, part, lang)
        when = whens[0][1] if whens else None
        if when is None and not _only_places(reading, part):
            continue
        if when is not None:
            current = when
            times[reading.passage] = when
        places = sorted({reading.tokens[i].mention for i in part
                         if reading.tokens[i].mention >= 0})
        roles = []
        for number in places[:1]:
            mention = reading.mentions[number]
            if mention.place is None or mention.derived:
                continue
            roles.append(Role(mention.start, mention.end, mention.text, mention.place,
                              LOCATION, "heading"))
        if not roles:
            continue
        first, last = reading.tokens[part[0]], reading.tokens[part[-1]]
        events.append(Event(
            index=len(reader.events) + len(events),
            sentence=(reading.start, reading.end),
            clause=(first.start, last.end),
            predicate="heading",
            kind="heading",
            trigger=(first.start, last.end),
            roles=tuple(roles),
            modality=DONE,
            tense="present",
            when=when,
            strength=_STRENGTH_DATED if when else _STRENGTH_UNDATED,
            passage=reading.passage,
        ))
    return events, times
