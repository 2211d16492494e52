"""Route assembly: the traveller's events → visits → ordered, scored stops.

A stop is a visit: every role a place fills in one of the traveller's events (source, via,
location, goal) adds to the visit of that place, and a return to it, or a second time there,
starts a new one (Rom → … → Rom). An area that holds another visit is refined to it (Mali →
Bamako), except when the journey set out from it and comes back to it much later
(Deutschland → … → Emden); an area of no one country only frames the trip. Visits are
ordered by ``order`` from the constraints the events give; each gets a score, and a route is
drawn only when at least two stops pass the threshold and the text tells a movement.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from gazetteer import Candidate
from gazetteer.geo import haversine_km
from storymap.journey.model import (
    ANNOUNCED,
    DONE,
    DRAWN,
    GOAL,
    LOCATION,
    SOURCE,
    UNDERWAY,
    VIA,
    Event,
    Role,
    When,
)
from storymap.journey.order import Constraint, order, ordered_between
from storymap.journey.timeline import Calendar
from storymap.journey.traveller import NAME, OTHER, Mover, main_traveller

BEFORE_ROLE = "before"  # "vor Hannover": the event came before that place's visit
_DESTINATIONS = frozenset({"ziel", "zielort", "reiseziel", "destination"})
_RELATIVES = frozenset({"mein", "meine", "meiner", "meinen", "my"})
_ROLE_RANK = {SOURCE: 0, VIA: 1, LOCATION: 2, GOAL: 3}
_ROLE_FACTOR = {SOURCE: 1.0, GOAL: 1.0, VIA: 0.9, LOCATION: 0.85}
_MOVEMENT = frozenset({"depart", "arrive", "travel", "pass", "return", "leg", "chain",
                       "underway", "begin", "finish"})
_AREA = frozenset({"country", "historic_country", "admin1", "admin2", "region",
                   "continent", "island", "archipelago", "ocean", "sea"})
_BROAD = frozenset({"continent", "ocean", "sea", "region"})  # a frame when of no country
_RADIUS_KM = {"continent": 4000.0, "region": 350.0, "admin1": 400.0, "admin2": 80.0,
              "ocean": 5000.0, "sea": 1000.0}
# Islands hold a place only when the text says so ("List auf Sylt"): a town 10 km off an
# island (Wladiwostok, Insel Russky) is not on it.
_BY_LOCATOR = frozenset({"island", "archipelago"})
# A region of no country (Westafrika, Südostasien) frames the visits within this distance of
# its point; one with none near it (the South Pole) is a place reached.
_MACRO_REGION_KM = 2500.0
THRESHOLD = 0.5
_HALTS = frozenset({"halten", "stop"})  # "hält der Nachtzug im Kiewer Zentralbahnhof"
_SITES = frozenset({"building", "admin3"})  # sights, stations, districts
_TOWNS = frozenset({"city", "town", "village"})
_SITE_KM = 25.0
_DISTRICT_KM = 10.0  # a small place this near a town is part of it (Bondi Beach, Sydney)
_ON_THE_WAY = 1.25  # a detour of at most a quarter of the leg
_ZIGZAG_GAIN = 0.8  # swap two unordered neighbours when that shortens the path by a fifth
# "zog in Richtung Rabat", "headed toward Hawaii": a direction taken, not a place reached;
# alone it makes no stop (but "is heading toward Ussuriysk" names where the trip goes).
_DIRECTION_MARKERS = frozenset({"richtung", "in Richtung", "toward", "towards", "gen"})
_TOWARD = 0.5
# A stop this far from every other stop, and small, is a misreading, not part of the trip.
_STRAY_KM = 3000.0
_STRAY_POPULATION = 100_000


@dataclass(slots=True)
class Visit:
    place: Candidate
    occurrences: list[tuple[Event, Role]] = field(default_factory=list)
    absorbed: list[Visit] = field(default_factory=list)
    locators: set[str] = field(default_factory=set)  # areas the text places it in

    @property
    def first(self) -> int:
        return min(role.start for _, role in self.occurrences)

    @property
    def score(self) -> float:
        return max(event.strength * _ROLE_FACTOR.get(role.role, 0.8) * (
            _TOWARD if role.marker in _DIRECTION_MARKERS and event.modality == DONE else 1.0)
            for event, role in self.occurrences)

    @property
    def events(self) -> set[int]:
        return {event.index for event, _ in self.occurrences}


@dataclass(slots=True)
class Assembly:
    """The outcome: stops in order and what happened to every event and visit."""

    visits: list[Visit]
    kept_events: list[Event]
    event_verdicts: dict[int, str]
    traveller: frozenset[str] | None
    dropped_visits: dict[int, str] = field(default_factory=dict)  # id(visit) → why
    constraints_left_out: list[Constraint] = field(default_factory=list)


def _other_mover(mover: Mover | None, traveller: frozenset[str] | None, seen_own: bool) -> bool:
    if mover is None:
        return False
    if mover.kind == NAME:
        return traveller is not None and not mover.words & traveller
    if mover.kind == OTHER and mover.text.split()[0].lower() in _RELATIVES:
        return True  # meine Brüder, my parents: the narrator's family, not the narrator
    return mover.kind == OTHER and seen_own


def select_events(events: Sequence[Event], movers: Sequence[Mover | None]
                  ) -> tuple[list[Event], dict[int, str], frozenset[str] | None]:
    """The traveller's events that can make stops, and a verdict for every other one."""
    named = [m.words for e, m in zip(events, movers, strict=True)
             if m is not None and m.kind == NAME and e.roles and e.modality in DRAWN
             and e.kind in _MOVEMENT | {"visit"}]
    traveller = main_traveller(named)
    kept: list[Event] = []
    verdicts: dict[int, str] = {}
    for event, mover in zip(events, movers, strict=True):
        if event.modality not in DRAWN:
            verdicts[event.index] = event.modality
            continue
        if _other_mover(mover, traveller, any(k.roles for k in kept)):
            verdicts[event.index] = "other mover"
            continue
        kept.append(event)
    return kept, verdicts, traveller


def build_visits(events: Sequence[Event]) -> list[Visit]:
    """Visits from the kept events, in text order; returns and second times start anew."""
    visits: list[Visit] = []
    latest: dict[str, Visit] = {}
    for event in events:
        for role in sorted(event.roles, key=lambda r: (_ROLE_RANK.get(r.role, 4), r.start)):
            if role.role == BEFORE_ROLE:
                continue
            place = role.place
            visit = latest.get(place.id)
            anew = visit is not None and role.role in (GOAL, LOCATION, VIA) and (
                (event.kind == "return" and role.role in (GOAL, VIA)) or event.again
            ) and event.index not in visit.events
            if visit is None or anew:
                visit = Visit(place)
                visits.append(visit)
                latest[place.id] = visit
            visit.occurrences.append((event, role))
            if role.within:
                visit.locators.add(role.within)
    return visits


def _contains(area: Candidate, place: Candidate, located: set[tuple[str, str]]) -> bool:
    """Whether ``place`` lies in ``area``: by country or state code, an island by the text
    ("List auf Sylt"), else by distance."""
    if area.id == place.id or place.kind in ("continent", "ocean"):
        return False
    if area.kind in _BY_LOCATOR:
        return (area.id, place.id) in located
    if area.kind in ("country", "historic_country"):
        return bool(area.country) and area.country == place.country and place.kind not in (
            "country", "historic_country")
    if area.kind == "admin1" and area.admin1 and place.admin1:
        return area.country == place.country and area.admin1 == place.admin1 and \
            place.kind != "admin1"
    if place.kind in ("country", "historic_country"):
        return False
    radius = _RADIUS_KM.get(area.kind)
    if radius is None:
        return False
    return haversine_km(area.lat, area.lon, place.lat, place.lon) <= radius


def refine_areas(visits: list[Visit], dropped: dict[int, str]) -> list[Visit]:
    """Areas holding another visit are refined to it (their constraints pass to it); a
    broad area of no country (Asien, Südostasien, the Atlantic) frames the trip when two
    specific places are visited."""
    specific = [v for v in visits if v.place.country and v.place.kind not in _BROAD]
    located = {(place_id, v.place.id) for v in visits for place_id in v.locators}
    kept = []
    for visit in visits:
        place = visit.place
        if place.kind in _BROAD and not place.country and len(specific) >= 2 and (
            place.kind != "region" or any(_km(place, v.place) <= _MACRO_REGION_KM
                                          for v in specific)
            or all(r.role in (VIA, LOCATION) for _, r in visit.occurrences)
        ):  # Asien, the Atlantic crossed; but the South Pole reached is a stop
            dropped[id(visit)] = "frames the trip"
            continue
        if place.kind not in _AREA:
            kept.append(visit)
            continue
        inside = [v for v in visits if v is not visit and v.place.kind not in _BROAD and
                  _contains(place, v.place, located)]
        if not inside:
            kept.append(visit)
            continue
        own_events = visit.events
        origin = [(e, r) for e, r in visit.occurrences if r.role == SOURCE and not any(
            e.index in v.events for v in inside)]
        if origin:  # set out from it: that part stays a stop of its own
            visit.occurrences = origin
            kept.append(visit)
            continue
        target = min(inside, key=lambda v: min(abs(v.first - visit.first), 10**9))
        target.absorbed.append(visit)
        dropped[id(visit)] = f"refined to {target.place.name}"
        del own_events
    return kept


@dataclass(slots=True)
class _Timing:
    keys: dict[int, tuple[float, ...] | None]  # event index → time key (own or inherited)
    own: dict[int, When | None]
    inherited: set[int] = field(default_factory=set)  # events dated only by the narrative


def _timing(events: Sequence[Event], calendar: Calendar,
            headings: dict[int, When]) -> _Timing:
    """Each event's time: its own, else its passage heading's, else the time the
    narrative last gave in the same passage (unless it steps back: pluperfect, zuvor)."""
    keys: dict[int, tuple[float, ...] | None] = {}
    own: dict[int, When | None] = {}
    last_key: tuple[float, ...] | None = None
    last_passage = -1
    last_done_weekday = -1.0
    inherited: set[int] = set()
    for event in events:
        when = event.when or headings.get(event.passage)
        own[event.index] = when
        key = calendar.key(when) if when else None
        if key is not None and when is not None and when.year is None and \
                when.month is None and when.day is None and when.weekday is None:
            key = None  # a clock time alone orders nothing across days
        if key is not None and key[0] == 1.0 and event.modality != DONE and \
                key[1] <= last_done_weekday:
            key = (1.0, key[1] + 7, key[2])  # "on Sunday" after a done Monday: next Sunday
        if key is not None and key[0] == 1.0 and event.modality == DONE:
            last_done_weekday = max(last_done_weekday, key[1])
        if event.passage != last_passage:
            last_key = None
        overview = max((sum(1 for r in event.roles if r.role == kind) for kind in (
            GOAL, LOCATION)), default=0) >= 3  # "nach Mali, Niger und
        if key is None and last_key is not None and event.tense != "pluperfect" and \
                event.sequence != "before" and not overview:  # Äthiopien": no one day
            key = last_key
            inherited.add(event.index)
        keys[event.index] = key
        if key is not None:
            last_key = key
        last_passage = event.passage
    return _Timing(keys, own, inherited)


def constraints(visits: Sequence[Visit], events: Sequence[Event], calendar: Calendar,
                headings: dict[int, When], lead: frozenset[tuple[int, int]] = frozenset()
                ) -> list[Constraint]:
    """Pairwise "before" evidence between visits (indices into ``visits``)."""
    of_event: dict[int, list[tuple[int, Role]]] = {}
    for number, visit in enumerate(visits):
        for event, role in visit.occurrences:
            of_event.setdefault(event.index, []).append((number, role))
        for absorbed in visit.absorbed:
            for event, role in absorbed.occurrences:
                of_event.setdefault(event.index, []).append((number, role))
    timing = _timing(events, calendar, headings)
    found: list[Constraint] = []

    def add(a: Sequence[int], b: Sequence[int], weight: float, why: str) -> None:
        for x in a:
            for y in b:
                if x != y:
                    found.append(Constraint(x, y, weight, why))

    with_places = [e for e in events if e.index in of_event]
    by_index = {e.index: position for position, e in enumerate(with_places)}
    for event in with_places:
        roles_given = [r.role for _, r in of_event[event.index]]
        legs = roles_given.count(SOURCE) > 1 or roles_given.count(GOAL) > 1
        # "von A nach B und anschließend von B nach C": several legs read in text order
        members = sorted(of_event[event.index], key=lambda item: (
            item[1].start if legs else (_ROLE_RANK.get(item[1].role, 4), item[1].start)))
        for (a, ra), (b, rb) in itertools.pairwise(members):
            if legs:
                add([a], [b], 2.0, f"legs in text order ({event.predicate})")
            elif ra.role != rb.role:
                add([a], [b], 2.5, f"{ra.role} before {rb.role} ({event.predicate})")
            elif "list" in rb.marker or "chain" in rb.marker or ra.role in (GOAL, VIA):
                add([a], [b], 0.6, "listed in this order")
        nodes = [n for n, _ in members]
        position = by_index[event.index]
        previous = with_places[position - 1] if position else None
        following = with_places[position + 1] if position + 1 < len(with_places) else None
        prev_nodes = [n for n, _ in of_event[previous.index]] if previous else []
        next_nodes = [n for n, _ in of_event[following.index]] if following else []
        same_sentence_next = following is not None and following.sentence == event.sentence
        same_sentence_prev = previous is not None and previous.sentence == event.sentence
        if event.opener in ("nachdem", "after"):
            if event.position == 0 and same_sentence_next:
                add(nodes, next_nodes, 2.0, f"'{event.opener}' clause")
            elif same_sentence_prev:
                add(nodes, prev_nodes, 2.0, f"'{event.opener}' clause")
        elif event.opener in ("bevor", "ehe", "before"):
            if event.position == 0 and same_sentence_next:
                add(next_nodes, nodes, 2.0, f"'{event.opener}' clause")
            elif same_sentence_prev:
                add(prev_nodes, nodes, 2.0, f"'{event.opener}' clause")
        if event.coordinated and same_sentence_prev:
            add(prev_nodes, nodes, 1.6, "und/and: told in order")
        if event.sequence == "before" and previous is not None:
            add(nodes, prev_nodes, 2.0, "zuvor/earlier")
        elif event.sequence == "after" and previous is not None and not (
            event.opener and same_sentence_prev
        ):
            add(prev_nodes, nodes, 1.8, "dann/then")
        elif event.sequence == "first":
            later = [n for e in with_places[position + 1:] for n, _ in of_event[e.index]]
            add(nodes, later, 1.0, "zunächst/first")
            if previous is not None:
                add(nodes, prev_nodes, 1.5, "zunächst/first")
        elif event.sequence == "last" or event.kind == "finish":
            ends = [n for n, r in members if r.role in (GOAL, LOCATION)] or nodes
            others = [n for n in range(len(visits)) if n not in ends]
            add(others, ends, 1.2, "last")
        if event.noun and event.kind == "arrive" and event.predicate in _DESTINATIONS:
            ends = [n for n, r in members if r.role == GOAL]
            others = [n for n in range(len(visits)) if n not in ends]
            add(others, ends, 0.9, "the destination")
        if event.kind == "begin":
            starts = [n for n, r in members if r.role in (SOURCE, LOCATION)]
            others = [n for n in range(len(visits)) if n not in starts]
            add(starts, others, 1.2, "the journey begins here")
        if event.tense == "pluperfect":
            def narrative(e: Event) -> bool:
                return e.tense != "pluperfect" and not e.noun and e.modality == DONE
            reference = next((e for e in reversed(with_places[:position]) if narrative(e)),
                             None) or next((e for e in with_places[position + 1:]
                                            if narrative(e)), None)
            if reference is not None:
                add(nodes, [n for n, _ in of_event[reference.index]], 2.0, "pluperfect")
        for role in event.roles:
            if role.marker == "bis" and not any(r.role == SOURCE for r in event.roles):
                # "bis nach Neuseeland": as far as, the end ("ab Kerman bis nach Teheran" is a leg)
                others = [n for n in range(len(visits)) if visits[n].place.id != role.place.id]
                add(others, [n for n, r in members if r is role], 1.0, "bis/as far as")
            if role.role == BEFORE_ROLE:
                later = [n for n, v in enumerate(visits) if v.place.id == role.place.id]
                add(nodes, later, 2.0, f"before {role.text}")
    # geography: a place on the way from a leg's source to its goal lies between them
    for event in with_places:
        members = sorted(of_event[event.index],
                         key=lambda item: (_ROLE_RANK.get(item[1].role, 4), item[1].start))
        roles_here = [r.role for _, r in members]
        if roles_here.count(SOURCE) != 1 or roles_here.count(GOAL) != 1:
            continue
        own = {n for n, _ in members}
        for (x, _), (y, _) in itertools.pairwise(members):  # each leg: Wien → München
            a, b = visits[x].place, visits[y].place
            direct = _km(a, b)
            if x == y or direct < 20:
                continue
            for n, visit in enumerate(visits):
                if visit.place.id in (a.id, b.id):
                    continue
                if n not in own and _km(a, visit.place) + _km(visit.place, b) <= \
                        _ON_THE_WAY * direct:
                    add([n], [y], 0.8, "on the way")
                    add([x], [n], 0.8, "on the way")
    # the lead tells the latest arrival, the text then goes back to the start (news write
    # the outcome first): a done arrival in the lead comes after the done visits told later
    for event in with_places:
        if event.sentence not in lead or event.kind not in ("arrive", "finish", "return",
                                                           "visit", "travel") \
                or (event.kind == "visit" and event.predicate not in _HALTS) \
                or event.modality != DONE or event.tense == "pluperfect" or event.noun:
            continue
        if event.kind == "travel" and event.tense != "past":
            continue
        ends = (LOCATION,) if event.kind == "visit" else (GOAL,)
        goals = [n for n, r in of_event[event.index] if r.role in ends]
        later = [n for n, v in enumerate(visits) if n not in goals and _status(v) == 0 and
                 all(e.sentence[0] > max(lead)[0] for e, _ in v.occurrences)]
        add(later, goals, 1.5, "the lead's arrival")
    # time: dates and weekdays, then what is done before what is announced
    timed = [(timing.keys.get(e.index), e) for e in with_places]
    # a date the narrative only implies dates a visit where the visit is first told
    first_told = {n: min((e.clause[0], e.index) for e, _ in v.occurrences)[1]
                  for n, v in enumerate(visits)}
    for key_a, event_a in timed:
        for key_b, event_b in timed:
            if key_a is None or key_b is None or key_a[0] != key_b[0]:
                continue
            if key_a[:2] < key_b[:2] or (key_a[:2] == key_b[:2] and key_a[2] < key_b[2] and
                                         key_a[2] >= 0):
                told = not ({event_a.index, event_b.index} & timing.inherited)
                before = [n for n, _ in of_event[event_a.index]]
                after = [n for n, _ in of_event[event_b.index]]
                if not told:
                    before = [n for n in before if first_told[n] == event_a.index or
                              event_a.index not in timing.inherited]
                    after = [n for n in after if first_told[n] == event_b.index or
                             event_b.index not in timing.inherited]
                add(before, after, 3.0 if told else 1.1,
                    "dates" if told else "dates the narrative implies")
    # done before announced: told in the past, then what is to come; a narrative in the
    # present ("der Zug fährt ab …, in Frankfurt wird Max zusteigen") does not order so
    status = [_status(v) for v in visits]
    present = [any(e.tense == "present" and e.modality == DONE and not e.noun
                   for e, _ in v.occurrences) for v in visits]
    for a in range(len(visits)):
        for b in range(len(visits)):
            if status[a] < status[b] and not (present[a] and status[b] == 2):
                found.append(Constraint(a, b, 1.0, "done before announced"))
    return found


def _status(visit: Visit) -> int:
    """0 done, 1 the goal the traveller is under way to, 2 announced."""
    ranks = []
    for event, role in visit.occurrences:
        if event.modality == DONE:
            ranks.append(0)
        elif event.modality == UNDERWAY:
            ranks.append(1 if role.role == GOAL else 0)
        else:
            ranks.append(2)
    return min(ranks) if ranks else 0


def ordered_stops(visits: list[Visit], events: Sequence[Event], calendar: Calendar,
                  headings: dict[int, When], lead: frozenset[tuple[int, int]] = frozenset()
                  ) -> tuple[list[Visit], list[Constraint]]:
    found = constraints(visits, events, calendar, headings, lead)
    sequence, left_out, graph = order(len(visits), found, [v.first for v in visits])
    _place_free(sequence, visits, graph)
    _untangle(sequence, visits, graph)
    return [visits[i] for i in sequence], left_out


def _place_free(sequence: list[int], visits: Sequence[Visit], graph: list[set[int]]) -> None:
    """A visit no evidence orders goes where it lengthens the path least (the text named it
    late, but the journey passed it early: the Amazon delta after Belém), when that saves a
    fifth of the detour its text position makes."""
    linked = {n for n, after in enumerate(graph) if after} | {m for after in graph for m in after}
    for node in [n for n in sequence if n not in linked]:
        if len(sequence) < 3:
            return
        here = sequence.index(node)
        rest = sequence[:here] + sequence[here + 1:]

        def detour(at: int, rest: list[int] = rest, node: int = node) -> float:
            place = visits[node].place
            before = visits[rest[at - 1]].place if at > 0 else None
            after = visits[rest[at]].place if at < len(rest) else None
            added = (_km(before, place) if before else 0.0) + (_km(place, after) if after else 0.0)
            return added - (_km(before, after) if before and after else 0.0)

        best = min(range(len(rest) + 1), key=lambda at: (detour(at), abs(at - here)))
        if best != here and detour(best) < _ZIGZAG_GAIN * detour(here):
            sequence[:] = [*rest[:best], node, *rest[best:]]


def _untangle(sequence: list[int], visits: Sequence[Visit], graph: list[set[int]]) -> None:
    """Neighbours the text does not order (only their text order put them so) swap when the
    other order is much shorter: Wien → München → Salzburg zig-zags, Wien → Salzburg →
    München does not."""
    for _ in range(len(sequence)):
        swapped = False
        for i in range(len(sequence) - 1):
            a, b = sequence[i], sequence[i + 1]
            if ordered_between(graph, a, b):
                continue
            before = visits[sequence[i - 1]].place if i > 0 else None
            after = visits[sequence[i + 2]].place if i + 2 < len(sequence) else None
            if before is None and after is None:
                continue

            pa, pb = visits[a].place, visits[b].place
            if _path_km(before, pb, pa, after) < _ZIGZAG_GAIN * _path_km(before, pa, pb, after):
                sequence[i], sequence[i + 1] = b, a
                swapped = True
        if not swapped:
            return


def _path_km(before: Candidate | None, x: Candidate, y: Candidate, after: Candidate | None
             ) -> float:
    return _km(x, y) + (_km(before, x) if before else 0.0) + (_km(y, after) if after else 0.0)


def without_strays(stops: list[Visit], dropped: dict[int, str]) -> list[Visit]:
    """A small place far from every other stop is a misread name, not part of the trip."""
    if len(stops) < 3:
        return stops
    kept = []
    for stop in stops:
        others = [o for o in stops if o.place.id != stop.place.id]
        small = stop.place.kind in ("city", "town", "village", "building", "admin3") and \
            stop.place.population < _STRAY_POPULATION
        if small and others and min(_km(stop.place, o.place) for o in others) > _STRAY_KM:
            dropped[id(stop)] = "far from every other stop"
            continue
        kept.append(stop)
    return kept


def _km(a: Candidate, b: Candidate) -> float:
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def merge_repeats(stops: list[Visit]) -> list[Visit]:
    """Consecutive visits of one place are one stop, and so are a town and a building in it
    visited one after the other (Berlin, the Brandenburg Gate): the town stands for both."""
    merged: list[Visit] = []
    for stop in stops:
        last = merged[-1] if merged else None
        if last is not None and (last.place.id == stop.place.id or _part_of(stop, last)):
            last.occurrences.extend(stop.occurrences)
            continue
        if last is not None and _part_of(last, stop):
            stop.occurrences.extend(last.occurrences)
            merged[-1] = stop
            continue
        merged.append(stop)
    return merged


def _part_of(part: Visit, town: Visit) -> bool:
    """A sight or station in the town, or a small place at its edge (Bondi Beach, Sydney)."""
    if town.place.kind not in _TOWNS:
        return False
    km = _km(part.place, town.place)
    if part.place.kind in _SITES:
        return km <= _SITE_KM
    return part.place.kind in _TOWNS and km <= _DISTRICT_KM and \
        part.place.population * 10 < town.place.population


def modality_of(visit: Visit) -> str:
    status = _status(visit)
    return (DONE, UNDERWAY, ANNOUNCED)[status]


def when_of(visit: Visit) -> When | None:
    """The time the text gives for the visit (its first dated occurrence)."""
    for event, _ in sorted(visit.occurrences, key=lambda item: item[1].start):
        if event.when is not None:
            return event.when
    return None


def mode_of(visit: Visit) -> str | None:
    """How the traveller got there: the vehicle of an event that brought them."""
    for event, role in visit.occurrences:
        if event.mode and role.role in (GOAL, LOCATION, VIA):
            return event.mode
    return None


def tells_movement(stops: Sequence[Visit]) -> bool:
    """A route needs a movement of the traveller told by a verb (or a leg written from A
    to B), not only stays, venues and travel nouns ("a travel and tourism fair")."""
    def telling(event: Event) -> bool:
        if event.kind not in _MOVEMENT or event.strength < 0.8:
            return False
        if event.modality == UNDERWAY:
            return True  # auf dem Weg nach X, en route to X
        explicit = {r.role for r in event.roles if r.marker != "chain"}
        return (not event.noun and event.kind != "chain") or explicit >= {SOURCE, GOAL}

    return any(telling(event) for stop in stops
               for visit in (stop, *stop.absorbed) for event, _ in visit.occurrences)


__all__ = [
    "BEFORE_ROLE",
    "THRESHOLD",
    "Assembly",
    "Visit",
    "build_visits",
    "merge_repeats",
    "modality_of",
    "mode_of",
    "ordered_stops",
    "refine_areas",
    "select_events",
    "tells_movement",
    "when_of",
    "without_strays",
]
