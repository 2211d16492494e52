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
from dataclasses import dataclass

from gazetteer import Candidate, Gazetteer
from gazetteer.geo import haversine_km
from gazetteer.store import match_score
from storymap.mention import Mention
from storymap.recognize import Recognised

_AREA_KINDS = frozenset({"country", "continent", "historic_country", "region", "ocean", "sea"})


@dataclass(frozen=True, slots=True)
class ResolveSettings:
    kind_match: float = 6.0
    kind_mismatch: float = -3.0
    same_country: float = 3.0
    nearby: float = 4.0
    nearby_km: float = 400.0
    namesake_unit: float = 4.0
    passes: int = 2


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


def _context_point(candidate: Candidate) -> tuple[float, float] | None:
    """Where a settled place anchors the story (areas are too vague to anchor distance)."""
    if candidate.kind in _AREA_KINDS:
        return None
    return candidate.lat, candidate.lon


_UNITS_NAMED_AFTER_CITIES = frozenset({"admin1", "admin2", "admin3"})


def _has_namesake_city(unit: Candidate, group: _Group) -> bool:
    """Whether one of the name's other candidates is a city inside ``unit``."""
    return any(
        other.kind == "city"
        and other.country == unit.country
        and (unit.kind != "admin1" or other.admin1 == unit.admin1)
        for other in group.candidates
        if other is not unit
    )


class Resolver:
    def __init__(self, gazetteer: Gazetteer, settings: ResolveSettings | None = None) -> None:
        self.gazetteer = gazetteer
        self.settings = settings or ResolveSettings()

    def resolve(self, recognised: list[Recognised], lang: str) -> list[Mention]:
        groups = self._groups(recognised, lang)
        for group in groups:
            if group.fixed or len(group.candidates) == 1:
                group.choice = group.candidates[0] if group.candidates else None
        for _ in range(self.settings.passes):
            anchors = [g for g in groups if g.choice is not None]
            for group in groups:
                if group.fixed or not group.candidates:
                    continue
                context = [g for g in anchors if g is not group]
                group.scores = [self._score(c, group, context, lang) for c in group.candidates]
                best = max(range(len(group.candidates)), key=lambda i: (group.scores[i], -i))
                group.choice = group.candidates[best]
        return self._mentions(groups)

    def _groups(self, recognised: list[Recognised], lang: str) -> list[_Group]:
        by_key: dict[tuple[str, str], list[Recognised]] = defaultdict(list)
        for match in recognised:
            identity = ("id", match.place_id) if match.place_id else ("key", match.key)
            by_key[identity].append(match)
        groups = []
        for (kind, value), matches in sorted(by_key.items()):
            if kind == "id":
                index = self.gazetteer.index_of(value)
                candidates = [self.gazetteer.candidate(index)] if index is not None else []
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

    def _score(
        self, candidate: Candidate, group: _Group, context: list[_Group], lang: str
    ) -> float:
        s = self.settings
        score = match_score(candidate, lang)
        if group.cue_kinds:
            score += s.kind_match if candidate.kind in group.cue_kinds else s.kind_mismatch
        elif candidate.kind in _UNITS_NAMED_AFTER_CITIES and _has_namesake_city(candidate, group):
            # Salzburg, New York, Luzern: the city, unless the text asks for the state.
            score -= s.namesake_unit
        countries = {g.choice.country for g in context if g.choice and g.choice.country}
        if candidate.country and candidate.country in countries:
            score += s.same_country
        nearest = math.inf
        for other in context:
            point = _context_point(other.choice) if other.choice else None
            if point is not None:
                nearest = min(nearest, haversine_km(candidate.lat, candidate.lon, *point))
        if nearest < math.inf:
            score += s.nearby * math.exp(-nearest / s.nearby_km)
        return score

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
            for match in group.mentions:
                mentions.append(
                    Mention(
                        start=match.start,
                        end=match.end,
                        text=match.text,
                        derived=match.derived,
                        place=group.choice,
                        confidence=round(confidence, 4),
                        alternatives=alternatives,
                        cue=match.cue,
                    )
                )
        mentions.sort(key=lambda m: (m.start, m.end))
        return mentions
