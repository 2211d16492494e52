"""Dates and times a text gives, anchored on the article's date, and the order they imply.

Found in a clause's tokens: calendar dates (2. September 2024, 02.09., 24.4.2016, April 22,
2014, Oct. 21), months and seasons (im Dezember 2018, im Sommer 2016, last spring), years
(1888, im Jahr 2019), weekdays (am Mittwoch, Montagabend, on Sunday) and clock times
(um 08:29 Uhr, 22.17 Uhr, 3 p.m.). "bis Dienstag", "seit 2014", "until Friday" bound an
event rather than date it and are skipped. A year-less date takes the article's year (the
one that puts it nearest the article's month); weekdays are placed in the week a full
date of the text fixes, else ordered within the shortest span of the week that holds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from storymap.journey import lexicon as lx
from storymap.journey.clauses import Token
from storymap.journey.model import When

# A full date may follow a number it lost its space to ("Halle 129.12.2017" in a listing).
_NUMERIC_DATE = re.compile(r"^(?:\d*?(\d{2})(?=\.\d{2}\.\d{4}$)|(\d{1,2}))\.(\d{1,2})"
                           r"(?:\.(\d{2}|\d{4}))?$")
_CLOCK = re.compile(r"^(\d{1,2})[.:](\d{2})$")
_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)(?:/(?:\d\d){1,2})?$")  # 2016, 2015/2016
_DAY = re.compile(r"^([0-3]?\d)(?:st|nd|rd|th)?$")
_BOUNDING = frozenset({"bis", "seit", "until", "since", "till", "ab"})
# Words before a month named alone ("im Dezember", "in September", "Mitte Oktober").
_MONTH_INTRODUCERS = frozenset({
    "im", "in", "anfang", "mitte", "ende", "seit", "bis", "ab", "since", "until", "by",
    "early", "late", "mid", "of", "last", "next", "this", "each", "des", "diesen", "kommenden",
    "vergangenen", "letzten", "nächsten",
})
_STAND_IN_YEAR = 2000  # orders "25.01." before "04.02." when no year is known
_WEEK_SPAN = 4  # days a story's weekdays span when read from the first one named
_ARTICLE_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def _month_of(token: Token) -> int | None:
    return token.info.month if token.word else None


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def times_in(tokens: list[Token], indices: list[int], lang: str) -> list[tuple[int, When]]:
    """The time expressions among ``tokens[i] for i in indices`` (a clause or a line), as
    (first token index, When); a bounding word before one (bis, seit, until) skips it."""
    found: list[tuple[int, When]] = []
    module = lx.words_module(lang)
    seasons, parts = module.SEASONS, module.MONTH_PARTS
    position = 0
    count = len(indices)

    def at(offset: int) -> Token | None:
        spot = position + offset
        return tokens[indices[spot]] if 0 <= spot < count else None

    while position < count:
        token = tokens[indices[position]]
        low = token.low
        if not (token.text[0].isdigit() or token.info.weekday is not None or token.info.month
                or low in seasons):
            position += 1  # most words open no time expression
            continue
        start = indices[position]
        previous = at(-1)
        bounded = any(word is not None and word.low in _BOUNDING for word in (
            previous, at(-2) if previous is not None and previous.info.flags & lx.DET else None,
            at(-3) if at(-2) is not None and at(-2).info.flags & lx.DET else None))
        when: When | None = None
        used = 1
        numeric = _NUMERIC_DATE.match(token.text)
        if token.info.weekday is not None:
            when = When(token.text, weekday=token.info.weekday)
        elif numeric and not _is_clock(at(1)) and (
            numeric.group(4) or (at(1) is not None and at(1).text == ".")
        ):  # 24.4.2016, "am 21.12.": not "2.2 million"
            day = int(numeric.group(1) or numeric.group(2))
            month = int(numeric.group(3))
            year = numeric.group(4)
            if 1 <= day <= 31 and 1 <= month <= 12:
                full = int(year) + (2000 if len(year) == 2 else 0) if year else None
                when = When(token.text, year=full, month=month, day=day)
                following = at(1)
                if full is None and following and following.text == "." and at(2) and \
                        _YEAR.match(at(2).text):  # "30.09. 2017" is rare; "21.12.:" common
                    when = replace(when, year=int(at(2).text))
                    used = 3
        elif _DAY.match(low) and lang == "de" and at(1) and at(1).text == "." and at(2) and \
                _month_of(at(2)):
            day, month = int(_DAY.match(low).group(1)), _month_of(at(2))
            year = at(3).text if at(3) and _YEAR.match(at(3).text) else None
            used = 4 if year else 3
            when = When(_span_text(tokens, indices, position, used), year=_int(year or ""),
                        month=month, day=day)
        elif _month_of(token) and (token.cap or lang == "de") and (
            low in module.MONTHS or low.rstrip("s") in module.MONTHS or
            (at(1) is not None and (at(1).text == "." or at(1).text.isdigit()))
        ):  # "Oct. 21", "Jan 5"; not "Jan Hillrichs"
            month = _month_of(token)
            nxt = at(1)
            offset = 1
            if nxt is not None and nxt.text == ".":  # Oct. 21
                offset = 2
                nxt = at(2)
            day = year = None
            if lang == "en" and nxt is not None and _DAY.match(nxt.low) and int(
                _DAY.match(nxt.low).group(1)
            ) <= 31:
                day = int(_DAY.match(nxt.low).group(1))
                offset += 1
                after = at(offset)
                if after is not None and after.text == ",":
                    after = at(offset + 1)
                    if after is not None and _YEAR.match(after.text):
                        year = int(after.text)
                        offset += 2
                elif after is not None and _YEAR.match(after.text):
                    year = int(after.text)
                    offset += 1
            elif nxt is not None and _YEAR.match(nxt.text):
                year = int(nxt.text[:4])
                offset += 1
            elif lang == "en" and previous is not None and _DAY.match(previous.low):
                day = int(_DAY.match(previous.low).group(1))  # 22 April 2014
                if nxt is not None and _YEAR.match(nxt.text):
                    year = int(nxt.text)
                    offset += 1
            introduced = previous is not None and previous.low in _MONTH_INTRODUCERS
            if month is not None and (token.cap or lang == "de") and (
                low not in ("may", "march") or day or year
            ) and (day or year or introduced):  # "im Dezember"; not "Max Mai"
                before = previous.low if previous is not None else ""
                if day is None and before in parts:
                    day = parts[before]
                when = When(_span_text(tokens, indices, position, offset), year=year,
                            month=month, day=day)
                used = offset
        elif low in seasons and at(1) is not None and _YEAR.match(at(1).text):
            when = When(_span_text(tokens, indices, position, 2), year=int(at(1).text[:4]),
                        month=seasons[low])
            used = 2
        elif _YEAR.match(token.text) and not (at(1) and at(1).low in ("km", "meter", "metern")):
            when = When(token.text, year=int(token.text[:4]))
        elif token.text.isdigit() and at(1) is not None and at(1).low in ("uhr", "p.m.", "a.m.",
                                                                          "pm", "am"):
            hour = int(token.text) + (12 if at(1).low in ("p.m.", "pm") else 0)
            if hour < 24:
                when = When(_span_text(tokens, indices, position, 2), minute=hour * 60)
                used = 2
        elif _CLOCK.match(token.text) and _is_clock(at(1)):
            clock = _CLOCK.match(token.text)
            hour, minute = int(clock.group(1)), int(clock.group(2))
            if hour < 24 and minute < 60:
                when = When(_span_text(tokens, indices, position, 2),
                            minute=hour * 60 + minute)
                used = 2
        elif token.text.isdigit() and at(1) and at(1).text == ":" and at(2) and \
                at(2).text.isdigit() and _is_clock(at(3)):
            hour, minute = int(token.text), int(at(2).text)
            if hour < 24 and minute < 60:
                when = When(_span_text(tokens, indices, position, 4),
                            minute=hour * 60 + minute)
                used = 4
        attribute = lang == "de" and previous is not None and previous.low in (
            "am", "im", "vom") and at(-2) is not None and at(-2).info.flags & lx.DET and \
            not at(-2).info.role  # "Der am 17. Juni beringte Jungstorch": the stork's date
        if when is not None and not bounded and not attribute:
            found.append((start, when))
        position += used
    return _merged(found)


def _is_clock(token: Token | None) -> bool:
    return token is not None and token.low in ("uhr", "h")


def _span_text(tokens: list[Token], indices: list[int], position: int, count: int) -> str:
    """The words of a time expression as written (no space where the text has none)."""
    last = min(position + count, len(indices)) - 1
    parts = []
    previous: Token | None = None
    for spot in range(position, last + 1):
        token = tokens[indices[spot]]
        if previous is not None and token.start > previous.end:
            parts.append(" ")
        parts.append(token.text)
        previous = token
    return "".join(parts)


def _merged(found: list[tuple[int, When]]) -> list[tuple[int, When]]:
    """A weekday, date and clock time written together (Montag, 19.12., gegen 20 Uhr) are
    one point in time."""
    merged: list[tuple[int, When]] = []
    for start, when in found:
        if merged and _compatible(merged[-1][1], when) and start - merged[-1][0] <= 6:
            first, earlier = merged[-1]
            merged[-1] = (first, _combine(earlier, when))
        else:
            merged.append((start, when))
    return merged


def _compatible(a: When, b: When) -> bool:
    def fields(w: When) -> set[str]:
        return {name for name in ("year", "month", "day", "minute", "weekday")
                if getattr(w, name) is not None}

    shared = fields(a) & fields(b)
    return not shared or (shared <= {"year"} and a.year == b.year)


def _combine(a: When, b: When) -> When:
    return When(
        f"{a.text}, {b.text}",
        year=a.year if a.year is not None else b.year,
        month=a.month if a.month is not None else b.month,
        day=a.day if a.day is not None else b.day,
        minute=a.minute if a.minute is not None else b.minute,
        weekday=a.weekday if a.weekday is not None else b.weekday,
    )


@dataclass(frozen=True, slots=True)
class Calendar:
    """The article's date and, when the text fixes one, a week to place weekdays in."""

    year: int | None = None
    month: int | None = None
    week_monday: int | None = None  # ordinal of the Monday of the story's week
    article_month: tuple[int, int] | None = None  # the article's own (year, month), if given
    week_order: tuple[int, ...] = tuple(range(7))  # weekdays in story order, without one

    @classmethod
    def from_article(cls, article_date: str | None, whens: list[When]) -> Calendar:
        year = month = None
        article_month = None
        match = _ARTICLE_DATE.match(article_date or "")
        if match:
            year, month = int(match.group(1)), _int(match.group(2) or "")
            if month is not None:
                article_month = (year, month)
        full = [w for w in whens if w.year and w.month and w.day]
        if year is None and full:
            year, month = full[0].year, full[0].month
        if year is None:  # undated text: a year of any dates it gives, else a stand-in
            year = next((w.year for w in whens if w.year), _STAND_IN_YEAR)
            month = next((w.month for w in whens if w.month), None)
        calendar = cls(year, month)
        monday = None
        for when in whens:  # a weekday written with its date fixes the week
            if when.weekday is None or when.day is None or when.month is None:
                continue
            filled = calendar.fill(when)
            ordinal = filled.ordinal() if isinstance(filled, _Dated) else None
            if ordinal is not None:
                monday = ordinal - date.fromordinal(ordinal).weekday()
                break
        named = [w.weekday for w in whens if w.weekday is not None]
        days = sorted(set(named))
        order = tuple(range(7))
        if named and max((day - named[0]) % 7 for day in days) <= _WEEK_SPAN:
            # the story's week starts with the day it names first (Mittwoch, Donnerstag)
            order = tuple((named[0] + step) % 7 for step in range(7))
        elif days:
            # start after the widest gap: Wed, Fri → Wed first; Sun, Mon → Sun first
            gaps = [((days[(i + 1) % len(days)] - day) % 7 or 7, i) for i, day in
                    enumerate(days)]
            _, widest = max(gaps)
            first = days[(widest + 1) % len(days)]
            order = tuple((first + step) % 7 for step in range(7))
        return cls(year, month, monday, article_month, order)

    def fill(self, when: When) -> _Dated:
        """The date with the year (and for a weekday, the date) the article implies."""
        year, month, day = when.year, when.month, when.day
        if year is None and month is not None and self.year is not None:
            year = self.year
            if self.month is not None:  # the nearest year: a January date in a December text
                if month - self.month > 6:
                    year -= 1
                elif self.month - month > 6:
                    year += 1
        if day is None and when.weekday is not None and self.week_monday is not None:
            ordinal = self.week_monday + (when.weekday - 0)
            as_date = date.fromordinal(ordinal)
            year, month, day = as_date.year, as_date.month, as_date.day
        return _Dated(year, month, day, when.minute, when.weekday, self.week_order)

    def is_after_article(self, when: When) -> bool:
        """Whether ``when`` lies after the article's month (a date the text announces)."""
        article_month = self.article_month
        if article_month is None:
            return False
        filled = self.fill(when)
        if filled.year is None or filled.month is None:
            return False
        return (filled.year, filled.month) > article_month

    def key(self, when: When | None) -> tuple[float, ...] | None:
        """A sort key: (0, days, minute) for calendar dates and (1, weekday rank, minute) for
        weekdays the text does not date; None for a bare clock time."""
        if when is None:
            return None
        return self.fill(when).key()


@dataclass(frozen=True, slots=True)
class _Dated:
    year: int | None
    month: int | None
    day: int | None
    minute: int | None
    weekday: int | None
    week_order: tuple[int, ...]

    def ordinal(self) -> int | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        try:
            return date(self.year, self.month, self.day).toordinal()
        except ValueError:
            return None

    def key(self) -> tuple[float, ...] | None:
        minute = -1.0 if self.minute is None else float(self.minute)
        ordinal = self.ordinal()
        if ordinal is not None:
            return (0.0, float(ordinal), minute)
        if self.year is not None:
            # a month or a year: the middle of it, below any day-precise date in it
            month = self.month if self.month is not None else 6.5
            middle = date(self.year, 1, 1).toordinal() + (month - 1) * 30.4 + 14
            return (0.0, middle, minute)
        if self.weekday is not None:
            return (1.0, float(self.week_order.index(self.weekday)), minute)
        return None
