"""Toponym resolution: one gazetteer place per recognised name, chosen with document context.

Each name's candidates are ranked by their prior (prominence and how the name is attached
to them) plus what the article says around them: the kind a generic noun asks for (Insel →
island), the countries the article is about, and how close a candidate lies to the places
already settled (an article about Primorye does not jump to Texas). One name keeps one
sense throughout the document. Derived forms (russischen → Russia) are fixed by the lexicon
and serve as context from the start.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from operator import attrgetter

from gazetteer import Candidate, Gazetteer
from gazetteer.geo import AnchorPoint, anchor_point, nearest_km
from gazetteer.store import match_score
from storymap.geoparse.mention import Mention
from storymap.geoparse.recognition import Recognised

# A city this prominent is what its name means in news, before a same-named state.
_WORLD_CITY_PROMINENCE = 11.5
_AREA_KINDS = frozenset({"country", "continent", "historic_country", "region", "ocean", "sea"})
_SETTLEMENTS = frozenset({"city", "town", "village"})


@dataclass(frozen=True, slots=True)
class ResolveSettings:
    kind_match: float = 6.0
    kind_mismatch: float = -3.0
    same_country: float = 3.0
    nearby: float = 4.0
    nearby_km: float = 400.0
    namesake_unit: float = 4.0
    contained: float = 8.0  # "Paris, Texas": the Paris inside the area named after it
    passes: int = 2
    # Coherence grows with the evidence: each further place of the same country or state
    # adds (on a log scale), up to what outweighs a world city's lead over a small town.
    country_support: float = 0.0
    state_support: float = 1.5
    area_named: float = 3.0  # the article names the state or county the candidate lies in


@dataclass(slots=True)
class _Group:
    """All mentions sharing one name (one sense per document)."""

    key: str
    mentions: list[Recognised]
    candidates: list[Candidate]
    fixed: bool
    cue_kinds: frozenset[str]
    choice: Candidate | None = None
    scores: list[float] | None = None
    priors: list[float] = field(default_factory=list)  # each candidate's context-free score
    settled_km: list[float] = field(default_factory=list)  # … and distance to settled places


def _context_point(candidate: Candidate) -> AnchorPoint | None:
    """Where a settled place anchors the story (areas are too vague to anchor distance)."""
    if candidate.kind in _AREA_KINDS:
        return None
    return anchor_point(candidate.lat, candidate.lon)


@dataclass(frozen=True, slots=True)
class _Context:
    """Places settled elsewhere in the document: their countries, states, the areas named,
    and distance anchors."""

    countries: frozenset[str]
    points: list[AnchorPoint]
    per_country: dict[str, int] = field(default_factory=dict)  # distinct places in each
    per_state: dict[tuple[str, str], int] = field(default_factory=dict)
    areas: frozenset[tuple[str, str, str]] = frozenset()  # (kind, country, admin1) named

    @classmethod
    def of(cls, places: list[Candidate], geometry: dict[int, AnchorPoint | None]) -> _Context:
        """``geometry`` caches each place's anchor point for the length of one document."""
        points = []
        per_country: dict[str, int] = defaultdict(int)
        per_state: dict[tuple[str, str], int] = defaultdict(int)
        areas = set()
        seen: set[int] = set()
        for place in places:
            if place.index not in geometry:
                geometry[place.index] = _context_point(place)
            point = geometry[place.index]
            if point is not None:
                points.append(point)
            if place.index in seen:
                continue
            seen.add(place.index)
            if place.country:
                per_country[place.country] += 1
                if place.admin1 and place.kind not in _AREA_KINDS:
                    per_state[(place.country, place.admin1)] += 1
            if place.kind in ("admin1", "admin2") and place.admin1:
                areas.add((place.kind, place.country, place.admin1))
        return cls(frozenset(place.country for place in places if place.country), points,
                   dict(per_country), dict(per_state), frozenset(areas))


_NO_CONTEXT = _Context(frozenset(), [])


_UNITS_NAMED_AFTER_CITIES = frozenset({"admin1", "admin2", "admin3"})


def _has_namesake_city(unit: Candidate, group: _Group) -> bool:
    """Whether one of the name's other candidates is a city inside ``unit``, or a world
    city of its country (Washington: the capital, not the state, unless the text says
    "state")."""
    return any(
        other.kind == "city"
        and other.country == unit.country
        and (
            unit.kind != "admin1"
            or other.admin1 == unit.admin1
            or other.prominence >= _WORLD_CITY_PROMINENCE
        )
        for other in group.candidates
        if other is not unit
    )


_COMPASS_WORDS = frozenset({"north", "south", "east", "west"})


def _divided_part(region: Candidate, country: Candidate) -> bool:
    """Whether ``country`` is a compass part of the name ``region`` carries (North Korea of
    the Korean Peninsula, South Sudan of Sudan's name): "North" + a word that opens the
    region's name up to an ending of at most two letters."""
    words = country.name.lower().split()
    if len(words) != 2 or words[0] not in _COMPASS_WORDS:
        return False
    head = region.name.lower().split()[0]
    return head.startswith(words[1]) and len(head) - len(words[1]) <= 2


def _narrow_divided_names(groups: list[_Group]) -> None:
    """A derived form of a divided name (Koreans, koreanisch → the Korean Peninsula) means
    the one part the article names: Koreans in a report on North Korea are North Koreans.
    With both parts named (or neither), the form keeps the whole."""
    countries = {
        g.choice.index: g.choice for g in groups if g.choice and g.choice.kind == "country"
    }
    for group in groups:
        region = group.choice
        if not group.fixed or region is None or region.kind not in ("peninsula", "region"):
            continue
        parts = [c for c in countries.values() if _divided_part(region, c)]
        if len(parts) == 1:
            group.choice = parts[0]


def _contains(area: Candidate, place: Candidate) -> bool:
    """Whether ``place`` lies in ``area``, as far as the gazetteer's codes tell: a country
    holds its places, an admin-1 unit (or an admin-2 unit, by its admin-1 code) its towns."""
    if area is place or not area.country or area.country != place.country:
        return False
    if area.kind == "country":
        return place.kind not in _AREA_KINDS
    if area.kind in ("admin1", "admin2"):
        smaller = place.kind not in _AREA_KINDS and place.kind not in ("admin1", area.kind)
        return bool(area.admin1) and area.admin1 == place.admin1 and smaller
    return False


def _qualified_pairs(recognised: list[Recognised], text: str) -> list[tuple[int, int]]:
    """Indices of names followed by a comma and the name of the area they lie in, as
    writers qualify an ambiguous place (Paris, Texas; Lexington, Massachusetts)."""
    pairs = []
    for i in range(len(recognised) - 1):
        place, area = recognised[i], recognised[i + 1]
        if place.derived or area.derived or area.start - place.end > 3:
            continue
        if text[place.end : area.start].rstrip() == ",":
            pairs.append((i, i + 1))
    return pairs


class Resolver:
    def __init__(self, gazetteer: Gazetteer, settings: ResolveSettings | None = None) -> None:
        self.gazetteer = gazetteer
        self.settings = settings or ResolveSettings()
        self._places: dict[str, tuple[Candidate, ...]] = {}

    def resolve(self, recognised: list[Recognised], lang: str, text: str = "") -> list[Mention]:
        """One place per name, chosen in ``passes`` rounds: each name with several candidates
        is scored against the places settled so far (the names with one candidate and the
        derived forms from the start; every other name's choice from the second round).
        ``text`` (the article the offsets index) lets "Paris, Texas" choose the Paris in
        Texas."""
        groups = self._groups(recognised, lang)
        for group in groups:
            if group.fixed or len(group.candidates) == 1:
                group.choice = group.candidates[0] if group.candidates else None
        # A lone candidate is chosen whatever it scores, and its confidence is 1 either way:
        # only names with a choice to make are scored.
        undecided = [g for g in groups if not g.fixed and len(g.candidates) > 1]
        geometry: dict[int, AnchorPoint | None] = {}
        settled = _Context.of([g.choice for g in groups if g.choice is not None], geometry)
        for group in undecided:
            group.priors = [self._prior(c, group, lang) for c in group.candidates]
        if text:
            self._qualify(recognised, text, groups)
        for group in undecided:
            group.settled_km = [
                nearest_km(c.lat, c.lon, settled.points) for c in group.candidates
            ]
        for number in range(self.settings.passes):
            for group in undecided:
                others = _NO_CONTEXT
                if number > 0:
                    choices = [g.choice for g in undecided if g is not group and g.choice]
                    others = _Context.of(choices, geometry)
                group.scores = self._scores(group, settled, others)
                best = max(range(len(group.candidates)), key=lambda i: (group.scores[i], -i))
                group.choice = group.candidates[best]
        _narrow_divided_names(groups)
        return self._mentions(groups)

    def _groups(self, recognised: list[Recognised], lang: str) -> list[_Group]:
        by_key: dict[tuple[str, str], list[Recognised]] = defaultdict(list)
        for match in recognised:
            identity = ("id", match.place_id) if match.place_id else ("key", match.key)
            by_key[identity].append(match)
        groups = []
        for (kind, value), matches in sorted(by_key.items()):
            if kind == "id":
                candidates = self._place(value)
                fixed = True
            else:
                candidates = list(matches[0].candidates) or self.gazetteer.lookup_key(
                    value, lang, limit=8
                )
                fixed = False
            cue_kinds: frozenset[str] = frozenset()
            for match in matches:
                cue_kinds |= match.cue_kinds
            groups.append(_Group(value, matches, candidates, fixed, cue_kinds))
        return groups

    def _qualify(self, recognised: list[Recognised], text: str, groups: list[_Group]) -> None:
        """Raise the priors of a place and an area named as "place, area" where one lies in
        the other."""
        group_of = {id(match): group for group in groups for match in group.mentions}
        bonus = self.settings.contained
        for first, second in _qualified_pairs(recognised, text):
            places, areas = group_of[id(recognised[first])], group_of[id(recognised[second])]
            for group, inside in ((places, True), (areas, False)):
                if not group.priors:
                    continue  # one candidate or fixed by the lexicon: nothing to choose
                others = areas.candidates if inside else places.candidates
                for i, candidate in enumerate(group.candidates):
                    if any(
                        _contains(other, candidate) if inside else _contains(candidate, other)
                        for other in others
                    ):
                        group.priors[i] += bonus

    def _place(self, place_id: str) -> list[Candidate]:
        """The place a derived form names, as a one-candidate list (memoised: the lexicon's
        places recur in every text)."""
        try:
            found = self._places[place_id]
        except KeyError:
            index = self.gazetteer.index_of(place_id)
            found = self._places[place_id] = (
                (self.gazetteer.candidate(index),) if index is not None else ()
            )
        return list(found)

    def _prior(self, candidate: Candidate, group: _Group, lang: str) -> float:
        """What the name and its cue say about a candidate, before any document context."""
        s = self.settings
        score = match_score(candidate, lang)
        if group.cue_kinds:
            score += s.kind_match if candidate.kind in group.cue_kinds else s.kind_mismatch
        elif candidate.kind in _UNITS_NAMED_AFTER_CITIES and _has_namesake_city(candidate, group):
            # Salzburg, New York, Luzern: the city, unless the text asks for the state.
            score -= s.namesake_unit
        return score

    def _scores(self, group: _Group, settled: _Context, others: _Context) -> list[float]:
        """Each candidate's prior plus the support of the places settled elsewhere: the same
        country, and closeness to the nearest of them."""
        s = self.settings
        scores = []
        # Coherence decides between namesake towns; a country, state or sea of the name
        # (China, Idaho, the Atlantic) keeps its lead over a town called after it.
        towns = all(c.kind in _SETTLEMENTS for c in group.candidates[:1]) and any(
            c.kind in _SETTLEMENTS for c in group.candidates[1:])
        for candidate, score, settled_km in zip(
            group.candidates, group.priors, group.settled_km, strict=True
        ):
            country = candidate.country
            if country and (country in settled.countries or country in others.countries):
                score += s.same_country
                count = settled.per_country.get(country, 0) + others.per_country.get(country, 0)
                if towns:
                    score += s.country_support * math.log2(1 + max(0, count - 1))
            if towns and country and candidate.admin1 and candidate.kind in _SETTLEMENTS:
                state = (country, candidate.admin1)
                count = settled.per_state.get(state, 0) + others.per_state.get(state, 0)
                score += s.state_support * math.log2(1 + count)
                if any((kind, country, candidate.admin1) in settled.areas | others.areas
                       for kind in ("admin1", "admin2")):
                    score += s.area_named  # "Tennessee … Paris": the Paris in Tennessee
            nearest = settled_km
            if others.points:
                nearest = min(nearest, nearest_km(candidate.lat, candidate.lon, others.points))
            if nearest < math.inf:
                score += s.nearby * math.exp(-nearest / s.nearby_km)
            scores.append(score)
        return scores

    @staticmethod
    def _mentions(groups: list[_Group]) -> list[Mention]:
        mentions = []
        for group in groups:
            alternatives: tuple[Candidate, ...] = ()
            confidence = 1.0 if group.choice is not None else 0.0
            if group.scores and group.choice is not None:
                top = max(group.scores)
                weights = [math.exp(score - top) for score in group.scores]
                confidence = 1.0 / sum(weights)
                ranked = sorted(
                    zip(group.scores, range(len(group.candidates)), strict=True),
                    key=lambda pair: (-pair[0], pair[1]),
                )
                alternatives = tuple(group.candidates[i] for _, i in ranked[1:4])
            confidence = round(confidence, 4)
            mentions.extend(
                Mention(
                    match.start, match.end, match.text, match.derived, group.choice,
                    confidence, alternatives, match.cue,
                )
                for match in group.mentions
            )
        mentions.sort(key=attrgetter("start", "end"))
        return mentions
