"""Journey inference: the route of the story's traveller, read from movement events.

The stages, one module each: ``frames`` reads movement events per clause (predicate,
roles, modality, time, vehicle) with ``roles``, ``clauses``, ``timeline`` and the lexicon;
``traveller`` finds who moves and drops other movers' events; ``route`` turns the
traveller's events into visits, refines areas, orders them (``order``) and scores them;
``origin`` adds an origin the text gives only indirectly (a border crossed, a leader's
home). ``explain`` prints all of it for ``storymap build --explain``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from gazetteer import Gazetteer
from storymap.geoparse import GeoparseResult, default_gazetteer
from storymap.journey import origin as origins
from storymap.journey import route as rt
from storymap.journey.frames import EventReader, read_sentences
from storymap.journey.headings import heading_events
from storymap.journey.model import (
    ANNOUNCED,
    DONE,
    VERDICT_DROPPED,
    VERDICT_NO_EVENT,
    VERDICT_NO_ROLE,
    VERDICT_OTHER_MOVER,
    VERDICT_STOP,
    Decision,
    Event,
    Journey,
    Role,
    Stop,
    When,
)
from storymap.journey.timeline import Calendar
from storymap.journey.traveller import DESCRIPTION, NAME, Mover

# "zurück nach Nimruz" names where (even when the gazetteer does not know it): no round trip
# The lead tells the outcome first (a headline and the first sentences).
_LEAD_SENTENCES = 2
_NOTED_CONFLICTS = 8
_NAMED_GOAL = re.compile(r"\b(?:nach|to|into)\s+[A-ZÄÖÜ]")

__all__ = ["Decision", "Event", "Journey", "Role", "Stop", "When", "infer_journey"]


def infer_journey(result: GeoparseResult, gazetteer: Gazetteer | None = None) -> Journey:
    """The route the story tells; no stops when it tells no journey."""
    lang = result.lang
    article = result.article
    text = article.text
    readings = read_sentences(article, result.mentions, lang)
    reader = EventReader(lang, text)
    for reading in readings:
        reader.read(reading)
    headings, heading_times = heading_events(readings, reader, lang)
    events = sorted(reader.events + headings, key=lambda e: (e.clause[0], e.index))
    movers = {e.index: _known(m, reader) for e, m in zip(reader.events, reader.movers,
                                                         strict=True)}
    movers.update({e.index: None for e in headings})
    ordered_movers = [movers[e.index] for e in events]
    calendar = Calendar.from_article(article.date, [e.when for e in events if e.when])
    events = [_announced_if_later(e, calendar) for e in events]
    kept, verdicts, traveller = rt.select_events(events, ordered_movers)
    all_visits = rt.build_visits(kept)
    dropped: dict[int, str] = {}
    visits = rt.refine_areas(all_visits, dropped)
    lead = frozenset((s.start, s.end) for s in
                     [s for p in article.passages for s in p.sentences][:_LEAD_SENTENCES])
    stops, left_out = rt.ordered_stops(visits, kept, calendar, heading_times, lead)
    stops = rt.merge_repeats(stops)
    weak = [s for s in stops if s.score < rt.THRESHOLD]
    for stop in weak:
        dropped[id(stop)] = f"score {stop.score:.2f} below {rt.THRESHOLD}"
    stops = [s for s in stops if s.score >= rt.THRESHOLD]
    stops = rt.without_strays(stops, dropped)
    stops = _with_return_home(stops, kept, text)
    journey_stops = [_stop(s) for s in stops]
    if journey_stops:
        journey_stops = _with_origin(journey_stops, result, kept, gazetteer)
    notes: list[str] = []
    if len(journey_stops) < 2 or not rt.tells_movement(stops):
        if journey_stops:
            notes.append("no route: fewer than two stops or no movement of the traveller")
        for stop in stops:
            dropped[id(stop)] = "no route drawn"
        journey_stops = []
    else:
        journey_stops = _with_modes(journey_stops, stops, reader.vehicles)
    notes.extend(
        f"order evidence left out, as stronger evidence contradicts it: "
        f"{visits[c.before].place.name} before {visits[c.after].place.name} ({c.why})"
        for c in left_out[:_NOTED_CONFLICTS])
    decisions = _decisions(result, events, verdicts, all_visits,
                           {s.place.id for s in journey_stops}, dropped)
    return Journey(
        stops=tuple(journey_stops),
        events=tuple(events),
        decisions=tuple(decisions),
        traveller=" ".join(sorted(traveller)) if traveller else None,
        notes=tuple(notes),
    )


def _known(mover: Mover | None, reader: EventReader) -> Mover | None:
    """A capitalised subject the text never shows to be a person (Vancouver Islanders, der
    Werftaufenthalt) is a description, not a named traveller."""
    if mover is not None and mover.kind == NAME and not reader.coreference.is_person(mover):
        return Mover(DESCRIPTION, mover.words, mover.text)
    return mover


def _announced_if_later(event: Event, calendar: Calendar) -> Event:
    """A movement dated after the article's month has not happened yet: a tour's dates."""
    if event.modality != DONE or event.when is None or event.tense == "past" or \
            event.tense == "pluperfect":
        return event
    if calendar.is_after_article(event.when):
        return replace(event, modality=ANNOUNCED)
    return event


def _stop(visit: rt.Visit) -> Stop:
    sentences = sorted({event.sentence for event, _ in visit.occurrences})
    return Stop(
        place=visit.place,
        events=tuple(sorted(visit.events)),
        sentences=tuple(sentences),
        when=rt.when_of(visit),
        modality=rt.modality_of(visit),
        mode=rt.mode_of(visit),
        score=round(visit.score, 3),
    )


def _with_return_home(stops: list[rt.Visit], events: list[Event], text: str
                      ) -> list[rt.Visit]:
    """"fuhr … wieder zurück" with no place named: back to where the journey started."""
    if len(stops) < 2:
        return stops
    for event in events:
        if event.kind == "return" and not event.roles and event.modality == DONE and \
                not event.noun and event.clause[0] > stops[0].first and \
                not _NAMED_GOAL.search(text, *event.clause):
            home = rt.Visit(stops[0].place, [(event, Role(
                event.trigger[0], event.trigger[1], stops[0].place.name, stops[0].place,
                "goal", "zurück (to the start)"))])
            if stops[-1].place.id != home.place.id:
                return [*stops, home]
    return stops


def _with_origin(stops: list[Stop], result: GeoparseResult, events: list[Event],
                 gazetteer: Gazetteer | None) -> list[Stop]:
    """The origin the text gives indirectly: the country whose border was crossed, or the
    traveller's home (its capital when named) when the journey enters another country."""
    text = result.article.text
    border = origins.border_origin(result.mentions, events, text)
    if border is not None and border.place is not None and all(
        s.place.id != border.place.id for s in stops
    ):
        crossing = origins.border_town(result.mentions, border.place.country,
                                       {s.place.id for s in stops})
        first = [Stop(border.place, (), (), score=0.8)]
        if crossing is not None:  # "die Grenze überquert … in der Grenzstadt Dandong"
            first.append(Stop(crossing, (), (), score=0.6))
        return [*first, *stops]
    home = origins.home_country(result.mentions, text, result.lang)
    if home is None or stops[0].place.country == home or not origins.crossed_border(
        events, text
    ):
        return stops
    gazetteer = gazetteer or default_gazetteer()
    capital = origins.capital_of(home, result.mentions, gazetteer)
    place = capital or next((m.place for m in result.mentions if m.place is not None and
                             m.place.kind == "country" and m.place.country == home), None)
    if place is None or any(s.place.id == place.id for s in stops):
        return stops
    return [Stop(place, (), (), score=0.7), *stops]


def _with_modes(stops: list[Stop], visits: list[rt.Visit], counts: dict[str, int]
                ) -> list[Stop]:
    """Each leg's vehicle: the arriving event's, else the story's usual one (the vehicle
    the text names most) for a stop reached by travelling."""
    usual = max(sorted(counts), key=lambda mode: counts[mode]) if counts else None
    travelled = {v.place.id: any(e.kind in ("arrive", "travel", "return", "leg", "chain",
                                            "underway", "pass") for e, _ in v.occurrences)
                 for v in visits}
    out = [stops[0]]
    for stop in stops[1:]:
        mode = stop.mode
        if mode is None and travelled.get(stop.place.id):
            mode = usual
        out.append(Stop(stop.place, stop.events, stop.sentences, stop.when, stop.modality,
                        mode, stop.score))
    return out


def _decisions(result: GeoparseResult, events: list[Event], verdicts: dict[int, str],
               visits: list[rt.Visit], stop_ids: set[str], dropped: dict[int, str]
               ) -> list[Decision]:
    """Why each place the text names is or is not a stop."""
    decisions: dict[str, Decision] = {}
    in_event: dict[str, list[Event]] = {}
    roled: dict[str, list[tuple[Event, Role]]] = {}
    for event in events:
        for role in event.roles:
            roled.setdefault(role.place.id, []).append((event, role))
    for mention in result.mentions:
        if mention.place is None:
            continue
        for event in events:
            if event.clause[0] <= mention.start < event.clause[1]:
                in_event.setdefault(mention.place.id, []).append(event)
    visit_reason: dict[str, str] = {}
    for visit in visits:
        reason = dropped.get(id(visit))
        if reason and visit.place.id not in visit_reason:
            visit_reason[visit.place.id] = reason
    for mention in result.mentions:
        place = mention.place
        if place is None or place.id in decisions:
            continue
        if place.id in stop_ids:
            decisions[place.id] = Decision(place, VERDICT_STOP, "a stop of the route")
            continue
        occurrences = roled.get(place.id, [])
        if occurrences:
            kinds = {verdicts.get(e.index) for e, _ in occurrences}
            if kinds == {"other mover"}:
                mover = next(e.mover_text for e, _ in occurrences)
                decisions[place.id] = Decision(place, VERDICT_OTHER_MOVER,
                                               f"the journey of {mover or 'someone else'}")
                continue
            why = visit_reason.get(place.id) or ", ".join(sorted(k for k in kinds if k)) or \
                "not in the route"
            decisions[place.id] = Decision(place, VERDICT_DROPPED, why)
            continue
        if place.id in in_event:
            decisions[place.id] = Decision(place, VERDICT_NO_ROLE,
                                           "named in a movement clause, but not as where to,"
                                           " from, through or at")
            continue
        decisions[place.id] = Decision(place, VERDICT_NO_EVENT, "no movement in its clause")
    return list(decisions.values())
