"""Movement events per clause: predicate, mover, roles of the places, time, modality.

A clause holds an event when it has a movement predicate (``predicates``: a verb of the
lexicon with its separated particle, a movement noun, "unterwegs"/"en route"), or, without
one, a leg written as such: a source and a goal ("in 74 Stunden von Moskau nach Irkutsk"),
a vehicle with a goal ("Zug nach Dresden"), a chain of places (Budapest–Wien–München)
beside a movement. Each place of the clause gets its role from ``roles``; the predicate
nearest to it decides what a location means (arriving "in X" reaches X). The clause's words
give its modality, tense, sequence words and vehicle (``modality``); who moves is read by
``traveller``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from storymap.geoparse.mention import Mention
from storymap.geoparse.text import Article
from storymap.journey import lexicon as lx
from storymap.journey import roles as rl
from storymap.journey import timeline, traveller
from storymap.journey.clauses import Clause, Token, attach_mentions, split_clauses, tokenise
from storymap.journey.forms import FINITE, JOINED
from storymap.journey.modality import clause_modality, clause_sequence, vehicle_mode
from storymap.journey.model import (
    DONE,
    GOAL,
    HABITUAL,
    LOCATION,
    SOURCE,
    VIA,
    Event,
    Role,
    When,
)
from storymap.journey.predicates import (
    Predicate,
    find_predicates,
    has_verb,
    nearest_predicate,
)
from storymap.journey.prefilter import may_tell_movement

# How clearly a predicate tells a journey, by its kind.
_STRENGTH = {"begin": 0.9, "finish": 0.9, "depart": 1.0, "arrive": 1.0, "travel": 0.9,
             "pass": 0.9, "return": 1.0,
             "visit": 0.8, "venue": 0.6, "leg": 0.8, "chain": 0.8, "heading": 0.5,
             "listing": 0.6, "underway": 0.9}
# When a clause has several predicates, the more telling kind names the event.
_RANK = {"arrive": 0, "depart": 1, "return": 2, "begin": 2, "finish": 2, "pass": 3,
         "visit": 4, "travel": 5, "venue": 6, "underway": 7}
_NOUN_STRENGTH = 0.85
# A sentence without a place is read only when it may tell a way back ("fuhr … zurück").
_RETURN_WORD = {"de": re.compile(r"(?i)\b(?:zurück|heim)"),
                "en": re.compile(r"(?i)\b(?:back|return|home)")}
# Meetings name where the traveller is only with the place right after them.
_MEETINGS = frozenset({"talks", "meeting", "summit", "gespräch", "gespräche", "treffen"})
# Bounds that keep inference linear on any input: a journey is told in an article's first
# 200,000 characters, and a "sentence" of more than 400 tokens is a list or a dump, of
# which the start is read.
READ_CHARS = 200_000
SENTENCE_TOKENS = 400
# Verbs that say "reach" or "pass" of anything (einen Höchstwert erreichen, reach 30C, pass
# a law): a journey only when their object is a place.
_NEED_PLACE_OBJECT = frozenset({"erreichen", "reach", "passieren", "pass"})
# Verbs that tell a movement only with a direction (die Strecke führt nach X, wurde nach X
# gebracht); "in X" with them is where something else happens.
_DIRECTIONAL = frozenset({"führen", "bringen", "schicken", "lead", "bring", "turn",
                          "transport", "divert", "kommen", "come", "gehen", "go"})
_HEADING_WORDS = 10  # a line this short, without a verb, is a heading


@dataclass(slots=True)
class SentenceReading:
    """One sentence as read: its tokens, mentions, clauses and events."""

    start: int
    end: int
    passage: int
    tokens: list[Token]
    mentions: list[Mention]
    ranges: list[tuple[int, int]]
    clauses: list[Clause]
    events: list[Event] = field(default_factory=list)
    heading: bool = False
    whens: list[tuple[int, When]] | None = None  # the sentence's time expressions


def read_sentences(article: Article, mentions: Sequence[Mention], lang: str) -> list[
        SentenceReading]:
    """Every sentence that names a place or may tell a return, tokenised and split."""
    lexicon = lx.lexicon(lang)
    text = article.text
    ordered = sorted(mentions, key=lambda m: m.start)
    readings = []
    cursor = 0
    limit = article.body_start + READ_CHARS
    for passage in article.passages:
        if passage.start > limit:
            break
        for sentence in passage.sentences:
            if sentence.start > limit:
                break
            while cursor < len(ordered) and ordered[cursor].start < sentence.start:
                cursor += 1
            first = cursor
            while cursor < len(ordered) and ordered[cursor].start < sentence.end:
                cursor += 1
            inside = ordered[first:cursor]
            if not inside and not _RETURN_WORD[lang].search(text, sentence.start, sentence.end):
                continue
            places = [(m.start, m.end) for m in inside if m.place is not None]
            if inside and not places and not _RETURN_WORD[lang].search(
                    text, sentence.start, sentence.end):
                continue  # only names the gazetteer does not know: nothing to place
            if not may_tell_movement(text, sentence.start, sentence.end, lang, places):
                continue
            tokens = tokenise(text, sentence.start, sentence.end, lexicon, SENTENCE_TOKENS)
            if len(tokens) == SENTENCE_TOKENS:  # no prose sentence: read its start only
                inside = [m for m in inside if m.end <= tokens[-1].end]
            if not inside and not any(t.info.flags & lx.RETURN for t in tokens):
                continue
            ranges = attach_mentions(tokens, inside)
            readings.append(SentenceReading(
                sentence.start, sentence.end, passage.index, tokens, list(inside), ranges,
                split_clauses(tokens, lang),
            ))
    return readings


@dataclass(slots=True)
class EventReader:
    """Reads the events of a text, sentence by sentence, keeping who was named last."""

    lang: str
    text: str
    coreference: traveller.Coreference = field(default_factory=traveller.Coreference)
    events: list[Event] = field(default_factory=list)
    movers: list[traveller.Mover | None] = field(default_factory=list)
    vehicles: dict[str, int] = field(default_factory=dict)  # how often each mode is named

    def read(self, reading: SentenceReading) -> None:
        tokens = reading.tokens
        clauses = _coordinated(_headline_joined(reading.clauses, tokens), tokens, self.lang)
        seen = 0
        for position, clause in enumerate(clauses):
            start = min(clause.tokens)
            if start > seen:  # names told before this clause: "Amundsen kept …, until he …"
                self.coreference.see(tokens[seen:start], self.lang, -1 if seen else 0)
                seen = start
            self._clause(reading, clause, position)
        self.coreference.see(tokens[seen:], self.lang, -1 if seen else 0)
        self._verbless_take_the_main_modality(reading)

    def _verbless_take_the_main_modality(self, reading: SentenceReading) -> None:
        """"After talks in Jerusalem, Blinken will travel to …": a clause without a verb of
        its own happens as the sentence's main clause does."""
        main = next((e for e in reading.events if not e.opener and not e.noun), None)
        if main is None:
            return
        for number, event in enumerate(reading.events):
            if event.opener and event.noun and event.modality == DONE and \
                    event.tense == "present" and main.modality != DONE:
                changed = replace(event, modality=main.modality, tense=main.tense)
                reading.events[number] = changed
                self.events[event.index] = changed

    def _clause(self, reading: SentenceReading, clause: Clause, position: int) -> None:
        tokens, lang = reading.tokens, self.lang
        indices = clause.tokens
        predicates = find_predicates(tokens, indices, lang)
        places = sorted({tokens[i].mention for i in indices if tokens[i].mention >= 0})
        flags = 0
        for index in indices:
            flags |= tokens[index].info.flags
        vehicle = vehicle_mode(tokens, indices)
        if vehicle:  # "Der gepanzerte Sonderzug fährt vor": the story's usual vehicle
            self.vehicles[vehicle] = self.vehicles.get(vehicle, 0) + 1
        if not places and not (predicates and flags & lx.RETURN):
            return
        if not predicates and self._listing(reading, clause, position):
            return
        found = {}
        for number in places:  # unplaced names too: a list runs through them (the Fiji
            mention = reading.mentions[number]  # Islands, Tonga and New Zealand)
            first, last = reading.ranges[number]
            if mention.derived and not _facility_after(tokens, last, mention):
                continue
            if self.text[mention.end:mention.end + 1] in ("$", "€", "£", "¥") and \
                    mention.end < len(self.text):
                continue  # US$600,000: a currency
            if last < len(tokens) and tokens[last].info.month and \
                    tokens[first].low in lx.words_module(lang).MONTH_PARTS:
                continue  # "bis Mitte Dezember": a time, not Berlin-Mitte
            found[number] = rl.find_role(tokens, indices, first, reading.mentions, lang)
        kind, lemma, trigger = self._head(tokens, indices, predicates, found, flags)
        if kind is None:
            return
        modality, tense = clause_modality(tokens, indices, predicates, lang)
        previous = reading.events[-1] if reading.events else None
        if clause.subordinate and predicates and all(p.nonfinite or p.noun for p in predicates) \
                and previous is not None and modality == DONE:
            modality, tense = previous.modality, previous.tense  # "…, before returning to X"
        roles = self._roles(reading, indices, predicates, found, kind)
        head_index = trigger if trigger is not None else indices[0]
        roles, noun_leg = _noun_leg(reading, predicates, roles, trigger)
        mover = None
        if predicates:
            mover = traveller.subject(tokens, indices, head_index, lang, 0)
            if mover is None and clause.subordinate and clause.opener in (
                "der", "die", "das", "who", "which", "welche", "welcher", "that"
            ):
                mover = self.movers[-1] if self.movers else None
        if mover is None and clause.opener in ("und", "and") and reading.events:
            mover = self.movers[-1]  # "… zog und übernachtete schliesslich …": the same mover
        mover = self.coreference.resolve(mover)
        sequence, from_previous = clause_sequence(tokens, clause, lang)
        if reading.whens is None:
            reading.whens = timeline.times_in(tokens, list(range(len(tokens))), lang)
        members = set(indices)
        whens = [w for i, w in reading.whens if i in members]
        when = whens[0] if whens else None
        dated = reading.whens
        if when is None and clause.opener == "und" and reading.events and \
                reading.events[-1].sentence == (reading.start, reading.end):
            when = reading.events[-1].when  # "am 6. Oktober zog er … und übernachtete …"
        if when is None and len(dated) == 1 and (dated[0][1].day is not None
                                                 or dated[0][1].weekday is not None) and \
                not any(t.info.predicates and not (t.cap and lang == "de") for t in
                        _clause_of(reading, dated[0][0])):
            when = dated[0][1]  # "It was 7 a.m. on October 23, and he … paddled from …"
        strength = _STRENGTH.get(kind, 0.8)
        if predicates and all(p.noun for p in predicates):
            strength = min(strength, _NOUN_STRENGTH)
        if flags & lx.HISTORIC:
            modality = HABITUAL if modality == DONE else modality
        first_token = tokens[indices[0]]
        last_token = tokens[indices[-1]]
        trigger_token = tokens[head_index]
        event = Event(
            index=len(self.events),
            sentence=(reading.start, reading.end),
            clause=(first_token.start, last_token.end),
            predicate=lemma,
            kind=kind,
            trigger=(trigger_token.start, trigger_token.end),
            roles=tuple(roles),
            modality=modality,
            tense=tense,
            mover=None if mover is None else "+".join(sorted(mover.words)) or mover.kind,
            mover_text=mover.text if mover else "",
            when=when,
            mode=vehicle_mode(tokens, indices),
            strength=strength,
            sequence=sequence,
            from_previous=from_previous,
            again=bool(flags & lx.AGAIN),
            opener=clause.opener if clause.subordinate else "",
            position=position,
            passage=reading.passage,
            noun=any(p.index == trigger and p.noun for p in predicates),
            coordinated=clause.opener == "und" and not clause.subordinate,
        )
        if noun_leg is not None:  # "a flight from Los Angeles to London had to divert to …"
            noun, leg_roles = noun_leg
            noun_token = tokens[noun.index]
            self._append(reading, replace(
                event, predicate=noun.lemma, kind=noun.kind, roles=leg_roles, noun=True,
                trigger=(noun_token.start, noun_token.end), strength=_NOUN_STRENGTH,
                clause=(event.clause[0], event.clause[0])), mover)
        self._append(reading, event, mover)

    def _append(self, reading: SentenceReading, event: Event, mover: traveller.Mover | None
                ) -> None:
        if event.index != len(self.events):
            event = replace(event, index=len(self.events))
        self.events.append(event)
        self.movers.append(mover)
        reading.events.append(event)

    def _listing(self, reading: SentenceReading, clause: Clause, position: int) -> bool:
        """Dated lines without a verb, "05.11.2017 Chemnitz - Arena 07.11.2017 Erfurt …": a
        programme, each date with the place right after it (at least two such pairs)."""
        tokens = reading.tokens
        indices = clause.tokens
        pairs = []
        for start, when in timeline.times_in(tokens, indices, self.lang):
            if when.day is None or when.month is None:
                continue
            at = indices.index(start)
            for step in range(1, 4):  # the date's own tokens, then the place
                if at + step >= len(indices):
                    break
                token = tokens[indices[at + step]]
                if token.mention >= 0:
                    mention = reading.mentions[token.mention]
                    if mention.place is not None and not mention.derived:
                        pairs.append((token, mention, when))
                    break
                if token.word and not token.text[0].isdigit():
                    break
        if len(pairs) < 2:
            return False
        for token, mention, when in pairs:
            assert mention.place is not None
            event = Event(
                index=len(self.events), sentence=(reading.start, reading.end),
                clause=(token.start, token.end), predicate="listing", kind="listing",
                trigger=(token.start, token.end),
                roles=(Role(mention.start, mention.end, mention.text, mention.place, LOCATION,
                            "dated line"),),
                modality=DONE, tense="present", when=when, strength=_STRENGTH["listing"],
                position=position, passage=reading.passage, noun=True,
            )
            self.events.append(event)
            self.movers.append(None)
            reading.events.append(event)
        return True

    def _head(self, tokens: Sequence[Token], indices: Sequence[int],
              predicates: list[Predicate], found: dict[int, rl.Found], flags: int
              ) -> tuple[str | None, str, int | None]:
        """The event's kind, lemma and trigger token: the most telling predicate, else a
        leg written without one (von … nach, Zug nach, A–B–C), else none."""
        if predicates:
            best = min(predicates, key=lambda p: (p.noun, _RANK.get(p.kind, 9)))
            kind = "return" if flags & lx.RETURN and best.kind in ("travel", "arrive") else \
                best.kind
            return kind, best.lemma, best.index
        if flags & lx.UNDERWAY:
            index = next(i for i in indices if tokens[i].info.flags & lx.UNDERWAY)
            return "underway", tokens[index].low, index
        if self.lang == "en" and tokens[indices[0]].low in ("while", "whilst") and \
                len(indices) > 1 and tokens[indices[1]].low in ("in", "at", "on") and \
                LOCATION in {f.role for f in found.values()}:
            return "visit", "while in", indices[0]  # "While in Japan, the President will …"
        markers = {f.role for f in found.values()}
        if any(f.marker == rl.CHAIN for f in found.values()) and (
            markers & {SOURCE, GOAL} or vehicle_mode(tokens, indices)
        ):
            return "chain", "A–B", None
        if SOURCE in markers and GOAL in markers:
            return "leg", "von … nach" if self.lang == "de" else "from … to", None
        if GOAL in markers and vehicle_mode(tokens, indices):
            return "leg", "vehicle + goal", None
        if GOAL in markers and any(
            tokens[a].info.flags & lx.AFTER and (tokens[b].info.role == GOAL or
                                                tokens[b].low == "on")
            for a, b in itertools.pairwise(indices)
        ):  # an ellipsis: "Dann nach Pjöngjang.", "then on to Cairo"
            return "leg", "dann nach" if self.lang == "de" else "then to", None
        if flags & lx.RETURN and GOAL in markers and any(
            tokens[a].info.flags & lx.RETURN and tokens[b].info.role == GOAL
            for a, b in itertools.pairwise(indices)
        ):  # "zurück nach Nimruz", "back to Sydney"
            return "return", "zurück" if self.lang == "de" else "back", None
        return None, "", None

    def _roles(self, reading: SentenceReading, indices: Sequence[int],
               predicates: list[Predicate], found: dict[int, rl.Found], kind: str
               ) -> list[Role]:
        roles: dict[int, tuple[str, str]] = {}
        chain_members = [n for n, f in found.items() if f.marker == rl.CHAIN]
        for number, result in found.items():
            first = reading.ranges[number][0]
            nearest = nearest_predicate(predicates, first)
            role = result.role
            marker = result.marker
            if role is None and result.marker == rl.OBJECT and nearest is not None:
                role = nearest.object_role
                marker = f"object of {nearest.lemma}"
            elif role is not None:
                role = rl.fit(role, nearest.kind if nearest else kind,
                              nearest.object_role if nearest else None,
                              nearest.noun if nearest else False)
                if role == LOCATION and nearest is not None and nearest.lemma in _DIRECTIONAL:
                    role = None  # "Gespräche über X führen": führen is a leg only with nach
                if nearest is not None and nearest.noun and nearest.lemma in _MEETINGS and not \
                        0 < first - nearest.index <= 4:
                    role = None  # "talks in Jerusalem", not "Gespräche … Lösung auf der X"
            if role is not None:
                roles[number] = (role, marker)
        # lists share their first member's role; chains run source → via → goal
        for number in sorted(found):
            result = found[number]
            link = result.link
            if result.marker == rl.LIST and link in found and found[link].marker == rl.LOCATOR:
                link = found[link].link  # "Halifax, Nova Scotia and New York"
            if result.marker == rl.LIST and link in roles:
                roles[number] = (roles[link][0], roles[link][1] + " (list)")
        if chain_members:
            chain = sorted({found[n].link for n in chain_members} | set(chain_members))
            for position, number in enumerate(chain):
                role = SOURCE if position == 0 else (GOAL if position == len(chain) - 1 else VIA)
                roles[number] = (role, "chain")
        for number, result in found.items():
            if result.marker == rl.ORDER and number not in roles:
                roles[number] = ("before", "vor")
        placed_objects = {n for n, (_, marker) in roles.items() if marker.startswith("object")}
        for number in list(roles):
            nearest = nearest_predicate(predicates, reading.ranges[number][0])
            if roles[number][0] == LOCATION and nearest is not None and \
                    nearest.lemma in _NEED_PLACE_OBJECT and not placed_objects:
                del roles[number]  # "in Koblenz wurde ein Höchstwert erreicht": no journey
        given = {role for role, _ in roles.values()}
        if SOURCE in given and GOAL in given:  # a leg from A to B: "in X" is said of another
            roles = {n: r for n, r in roles.items() if r[0] != LOCATION}  # noun (in Hamburg)
        within: dict[int, str] = {}
        for number, result in found.items():
            locator = reading.mentions[number].place
            if result.marker == rl.LOCATOR and locator is not None:
                within[result.link] = locator.id
        out = []
        for number in sorted(roles):
            role, marker = roles[number]
            mention = reading.mentions[number]
            if mention.place is None:
                continue
            out.append(Role(mention.start, mention.end, mention.text, mention.place, role,
                            marker, within.get(number, "")))
        return out


def _coordinated(clauses: list[Clause], tokens: Sequence[Token], lang: str) -> list[Clause]:
    """"… war in Hongkong gestartet und sollte … in Yokohama beenden": two verbs joined by
    und/and are two clauses, each with its own tense and modality."""
    out: list[Clause] = []
    for clause in clauses:
        indices = clause.tokens
        cuts = []
        for position, index in enumerate(indices):
            token = tokens[index]
            if position == 0 or not (
                token.low in ("und", "and", "aber", "but", "then")
                or (lang == "en" and token.text == "," and position + 1 < len(indices)
                    and has_verb([tokens[indices[position + 1]]], lang))
            ):  # "flew from A to B, settled in …": a comma before a verb too
                continue
            start = cuts[-1] if cuts else 0
            before = [tokens[i] for i in indices[start:position]]
            after = [tokens[i] for i in indices[position + 1:]]
            if has_verb(before, lang) and has_verb(after, lang):
                cuts.append(position)
        if not cuts:
            out.append(clause)
            continue
        bounds = [0, *cuts, len(indices)]
        for number, (a, b) in enumerate(itertools.pairwise(bounds)):
            out.append(Clause(indices[a:b], clause.subordinate,
                              clause.opener if number == 0 else "und"))
    return out


def _noun_leg(reading: SentenceReading, predicates: list[Predicate], roles: list[Role],
              trigger: int | None) -> tuple[list[Role], tuple[Predicate, list[Role]] | None]:
    """A movement noun with its own from and to beside the clause's verb is a leg of its own
    (the flight's planned route), not part of the verb's event."""
    verb = next((p for p in predicates if p.index == trigger and not p.noun), None)
    if verb is None or len(roles) < 2:
        return roles, None
    first_token = {m.start: reading.ranges[n][0] for n, m in enumerate(reading.mentions)}
    own: dict[int, list[Role]] = {}
    rest = []
    nouns = [p for p in predicates if p.noun and p.index < verb.index]
    for role in roles:
        at = first_token.get(role.start, -1)
        noun = max((p for p in nouns if p.index < at < verb.index), default=None,
                   key=lambda p: p.index)  # "flight from A to B" before its verb
        if noun is not None and role.role in (SOURCE, GOAL, VIA):
            own.setdefault(noun.index, []).append(role)
        else:
            rest.append(role)
    for index, leg in own.items():
        if {r.role for r in leg} >= {SOURCE, GOAL} and rest:
            noun = next(p for p in predicates if p.index == index)
            return [r for r in roles if r not in leg], (noun, leg)
    return roles, None


def _clause_of(reading: SentenceReading, index: int) -> list[Token]:
    """The tokens of the clause that holds token ``index``."""
    for clause in reading.clauses:
        if index in clause.tokens:
            return [reading.tokens[i] for i in clause.tokens]
    return []


def _headline_joined(clauses: list[Clause], tokens: Sequence[Token]) -> list[Clause]:
    """"Bis nach Neuseeland: Steinmeier beginnt …": a verbless phrase before a colon belongs
    to the clause after it."""
    joined: list[Clause] = []
    for clause in clauses:
        previous = joined[-1] if len(joined) == 1 else None
        if previous is not None and clause.opener == ":" and len(previous.tokens) <= 6 and \
                any(tokens[i].info.role for i in previous.tokens) and not any(
                    tokens[i].info.predicates for i in previous.tokens):
            joined[-1] = Clause(previous.tokens + clause.tokens, clause.subordinate, "")
            continue
        joined.append(clause)
    return joined


def _facility_after(tokens: Sequence[Token], end: int, mention: Mention) -> bool:
    """A town's derived form before a station or airport names the town (Kiewer
    Zentralbahnhof, Saarbrücker Flughafen); a country's (der polnische Flughafen) does not."""
    place = mention.place
    return end < len(tokens) and bool(tokens[end].info.flags & lx.FACILITY) and \
        place is not None and place.kind in ("city", "town", "village")


__all__ = ["FINITE", "GOAL", "JOINED", "LOCATION", "EventReader", "SentenceReading",
           "read_sentences"]
