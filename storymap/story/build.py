"""Article text → Story: geoparse, apply the user's overrides, infer (or take) the route."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from gazetteer import Candidate, Gazetteer
from gazetteer.normalize import normalize
from storymap.geoparse import GeoparseResult, default_gazetteer, geoparse
from storymap.geoparse.mention import Mention
from storymap.geoparse.wordbounds import whole_words
from storymap.journey import infer_journey
from storymap.story import overrides as overrides_module
from storymap.story.assemble import assemble_story
from storymap.story.model import Story
from storymap.story.overrides import Overrides

# An online fallback: takes the geoparse result, returns it with more mentions resolved.
Geocoder = Callable[[GeoparseResult], GeoparseResult]


def route_places(
    names: list[str], mentions: tuple[Mention, ...], gazetteer: Gazetteer
) -> tuple[tuple[str, ...], dict[str, Candidate]]:
    """Place ids for route stops given by name: a place of the story first, else the gazetteer.

    Returns the ids and the gazetteer places of stops the text does not name."""
    ids: list[str] = []
    extra: dict[str, Candidate] = {}
    for name in names:
        key = normalize(name)
        found = next(
            (
                m.place
                for m in mentions
                if m.place and key in (normalize(m.text), normalize(m.place.name))
            ),
            None,
        )
        if found is None:
            candidates = gazetteer.lookup(name)
            if not candidates:
                raise ValueError(f"route stop {name!r} is neither in the text nor in the gazetteer")
            found = candidates[0]
            extra[found.id] = found
        ids.append(found.id)
    return tuple(ids), extra


def build_story(
    text: str,
    *,
    title: str | None = None,
    lang: str = "auto",
    route: list[str] | None = None,
    source: str | None = None,
    credits: str | None = None,
    published: str | None = None,
    overrides: Overrides | None = None,
    geocoder: Geocoder | None = None,
) -> Story:
    """Geoparse ``text`` and assemble its Story.

    Precedence: arguments given here (a ``route`` of place names in travel order, a title …)
    over the overrides file over what is read from the text."""
    if overrides is not None and lang == "auto" and overrides.lang:
        lang = overrides.lang
    result = geoparse(text, lang=lang)
    if geocoder is not None:
        result = geocoder(result)
    gazetteer = default_gazetteer()
    mentions = result.mentions
    notes: tuple[str, ...] = ()
    if overrides is not None:
        applied = overrides_module.apply(
            overrides, mentions, result.article, text, gazetteer, result.lang,
            geocode=getattr(geocoder, "geocode", None),  # places an [[add]] names without a point
        )
        mentions = applied.mentions
        notes = tuple(applied.unmatched)
    # No link starts or ends inside a word (a final filter; the geoparser will take it over).
    mentions = whole_words(text, mentions, result.lang)
    result = replace(result, mentions=mentions)
    # A route given by hand has no times and was travelled, unless the overrides say more.
    modes: tuple[str | None, ...] = ()
    journey = None
    times: tuple[str | None, ...] = ()
    modalities: tuple[str, ...] = ()
    if route:
        route_ids, extra = route_places(route, mentions, gazetteer)
    elif overrides is not None and overrides.route:
        route_ids, extra = route_places(list(overrides.route), mentions, gazetteer)
        modes, times = overrides.route_modes, overrides.route_times
        modalities = overrides.route_modalities
    else:
        journey = infer_journey(result, gazetteer)  # the journey the text tells
        route_ids, modes, extra = journey.place_ids, journey.modes, {}
        times, modalities = journey.times, journey.modalities
        for place_id in route_ids:
            if all(m.place is None or m.place.id != place_id for m in mentions):
                index = gazetteer.index_of(place_id)
                if index is None:
                    raise ValueError(f"unknown place id {place_id!r} in the route")
                extra[place_id] = gazetteer.candidate(index)
    given = overrides or Overrides()
    story = assemble_story(
        text,
        result.article,
        result.lang,
        mentions,
        route=route_ids,
        route_modes=modes,
        route_times=times,
        route_modalities=modalities,
        route_places=extra,
        title=title or given.title,
        source=source or given.source,
        credits=credits or given.credits,
        published=published or given.date,
        notes=notes,
    )
    story.journey = journey  # what the route was read from, for --explain
    return story
