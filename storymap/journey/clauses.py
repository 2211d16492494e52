"""A sentence as tokens with their word classes, and its clauses.

Movement events are read per clause: "Als er in Berlin abhebt, sind an Bord …" has its
departure in the first clause, "…, wo er empfangen wurde" its welcome in the second. German
punctuation encloses subordinate clauses in commas, so a clause opened by a subordinator
ends at the next comma and the clause around it continues after it ("ist nicht, wie geplant,
in Saarbrücken gelandet"); English opens them with the same words, with or without a comma.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storymap.geoparse.mention import Mention
from storymap.journey import lexicon as lx

# Words (with inner hyphens, apostrophes and dots: Russland-Besuch, Kim's, 05.11.2017) and
# single punctuation marks.
# Letters and digits are split apart ("Arena07.11.2017" is a name and a date), numbers keep
# their inner marks (05.11.2017, 22.17, 2015/2016).
_TOKEN = re.compile(r"([^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.:,/]\d+)*)|[^\w\s]|_")
_NO_INFO = lx.Info()  # what a punctuation mark is: nothing (shared, never changed)
# Marks that end a clause outright.
_DASHES_PAIRED = frozenset({"–", "—", "-"})
_HARD = frozenset({";", ":", "–", "—", "|", "•", "/", "\n"})


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    low: str
    info: lx.Info
    cap: bool
    mention: int = -1  # index into the sentence's mentions, -1 if none
    word: bool = True


@dataclass(slots=True)
class Clause:
    tokens: list[int]  # token indices, in order (a clause may be interrupted by another)
    subordinate: bool
    opener: str = ""  # the subordinator or coordinator that opened it


def tokenise(text: str, begin: int, end: int, lexicon: lx.Lexicon, limit: int = 10**9
             ) -> list[Token]:
    """The first ``limit`` tokens of ``text[begin:end]`` (offsets into ``text``)."""
    tokens: list[Token] = []
    known = lexicon.words.get
    info = lexicon.info
    empty = _NO_INFO
    previous_end = begin
    newline = text.find("\n", begin, end)
    for match in _TOKEN.finditer(text, begin, end):
        start, stop = match.span()
        if newline != -1 and newline < start:
            if tokens and previous_end <= newline:  # a line break ends a clause (headline)
                tokens.append(Token(previous_end, previous_end, "\n", "\n", empty, False, -1,
                                    False))
            newline = text.find("\n", start, end)
        if len(tokens) >= limit:
            break
        previous_end = stop
        word = match.group()
        if match.lastindex == 1:
            low = word.lower()
            tokens.append(Token(start, stop, word, low, known(low) or info(low),
                                word[0].isupper(), -1, True))
        else:
            tokens.append(Token(start, stop, word, word, empty, False, -1, False))
    return tokens


def attach_mentions(tokens: list[Token], mentions: list[Mention]) -> list[tuple[int, int]]:
    """Mark each token with the mention it lies in; return each mention's token range."""
    ranges = []
    index = 0
    for number, mention in enumerate(mentions):
        while index < len(tokens) and tokens[index].end <= mention.start:
            index += 1
        first = index
        last = first
        while last < len(tokens) and tokens[last].start < mention.end:
            tokens[last].mention = number
            last += 1
        ranges.append((first, max(last, first + 1)))
    return ranges


def split_clauses(tokens: list[Token], lang: str) -> list[Clause]:
    """Clauses of one sentence: hard marks (; : –) end every open clause; a subordinator
    opens a nested clause that a comma closes; ", und" / ", sondern" start a sibling."""
    clauses: list[Clause] = [Clause([], False)]
    stack = [0]  # open clauses, innermost last
    english = lang == "en"
    dashes = [i for i, t in enumerate(tokens) if t.text in _DASHES_PAIRED]
    opened_by_dash = False
    for index, token in enumerate(tokens):
        if not token.word:
            mark = token.text
            if mark in _DASHES_PAIRED and not _joins_places(tokens, index):
                # "– mit Zwischenstationen –": a pair of dashes encloses an aside, and the
                # clause goes on after it; a single dash ends the clause
                if opened_by_dash and len(stack) > 1:
                    stack.pop()
                    opened_by_dash = False
                    continue
                closing = next((i for i in dashes if i > index), None)
                if closing is not None and not opened_by_dash and closing - index <= 8 and \
                        not any(t.mention >= 0 for t in tokens[index:closing]):
                    clauses.append(Clause([], True, mark))
                    stack.append(len(clauses) - 1)
                    opened_by_dash = True
                    continue
            if mark in _HARD and not _joins_places(tokens, index):
                clauses.append(Clause([], False, mark))
                stack = [len(clauses) - 1]
                continue
            if mark == ",":
                before = tokens[index - 1] if index else None
                after = tokens[index + 1] if index + 1 < len(tokens) else None
                if before is not None and after is not None and before.mention >= 0 and \
                        after.mention >= 0:  # "Halifax, Nova Scotia": one phrase goes on
                    clauses[stack[-1]].tokens.append(index)
                    continue
                if len(stack) > 1:
                    stack.pop()  # the subordinate clause ends; the outer one continues
                nxt = tokens[index + 1] if index + 1 < len(tokens) else None
                if nxt is not None and nxt.info.flags & lx.COORD and not _list_goes_on(
                    tokens, index
                ):
                    clauses.append(Clause([], False, nxt.low))
                    stack = [len(clauses) - 1]
                    continue
                if not (nxt is not None and nxt.info.flags & lx.SUBORD):
                    clauses[stack[-1]].tokens.append(index)  # lists: "nach Rosenheim, München"
                continue
        elif token.info.flags & lx.SUBORD and _opens_clause(tokens, index, english):
            clause = Clause([], True, token.low)
            current = clauses[stack[-1]].tokens
            if index >= 2 and current and current[-1] == index - 1 and \
                    tokens[index - 1].info.role is not None and tokens[index - 2].text == ",":
                clause.tokens.append(current.pop())  # ", von wo aus …", ", in dem …"
            clauses.append(clause)
            stack.append(len(clauses) - 1)
        clauses[stack[-1]].tokens.append(index)
    # in text order: a clause that opens the sentence ("Bevor sie …, landete …") comes first
    return sorted((clause for clause in clauses if clause.tokens), key=lambda c: c.tokens[0])


def _joins_places(tokens: list[Token], index: int) -> bool:
    """A dash or slash between two place names is part of a chain (Budapest–Wien), or a
    name (Loralai/Musakhel), not the end of a clause."""
    before = tokens[index - 1] if index else None
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    return bool(before and after and before.mention >= 0 and after.mention >= 0)


def _list_goes_on(tokens: list[Token], index: int) -> bool:
    """", und" continuing a list of places (Mali, Niger und Äthiopien) joins no clause."""
    before = tokens[index - 1] if index else None
    after = tokens[index + 2] if index + 2 < len(tokens) else None
    return bool(before and after and before.mention >= 0 and after.mention >= 0)


def _opens_clause(tokens: list[Token], index: int, english: bool) -> bool:
    """Whether a subordinator here starts a clause. German ones follow a comma (or open
    the sentence): "als", "wie", "um" and the relative pronouns are prepositions, particles
    and articles elsewhere; "bis" also opens one before its subject (bis sie … erreichte).
    English ones open a clause anywhere, "that" and "as" only after a comma."""
    token = tokens[index]
    previous = tokens[index - 1] if index else None
    after_comma = previous is None or previous.text in (",", "(", '"', "„", "«", "“", "\n") or (
        previous.info.role is not None and index >= 2 and tokens[index - 2].text == ",")
    if english:
        if token.low in ("that", "as", "once") and not after_comma:
            return False
        return not token.cap or previous is None or not previous.word
    if token.low in ("der", "die", "das", "dem", "den", "deren", "dessen"):
        # a relative pronoun follows the noun it refers to: "der Zug, der …"; after ")," or
        # a number it is an article ("(Ortszeit), die Grenze überquert")
        antecedent = tokens[index - 2] if index >= 2 else None
        return previous is not None and previous.text == "," and antecedent is not None and \
            antecedent.word and antecedent.cap
    if token.low == "bis":  # a clause before its subject; "bis nach X" is a phrase
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        return following is not None and bool(
            following.info.flags & (lx.PRONOUN | lx.FIRST_PERSON | lx.DET)
        )
    return after_comma
