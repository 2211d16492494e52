"""A Story from resolved mentions and a route: places in the order the text names them,
each with its label, its mentions and its stop numbers; the title from the text's headline.
"""

from __future__ import annotations

from gazetteer import Candidate
from storymap.geoparse.mention import Mention
from storymap.geoparse.text import Article
from storymap.story.model import AREA_KINDS, MAX_TITLE, MODALITIES, Story, StoryPlace


def _title_of(article: Article, text: str) -> str:
    """The headline when the article opens with one — a short first line without a final
    stop, followed by more text — else "": the page then says what its map shows instead of
    repeating the lead (``Story.heading``)."""
    if not article.passages or article.passages[0].caption:
        return ""
    first = article.passages[0]
    paragraph = text[first.start : first.end]
    line, _, rest = paragraph.partition("\n")
    line = " ".join(line.split())
    more = bool(rest.strip()) or len(article.passages) > 1
    if more and line and len(line) <= MAX_TITLE and not line.endswith((".", "!", "?", ":")):
        return line
    return ""


def assemble_story(
    text: str,
    article: Article,
    lang: str,
    mentions: tuple[Mention, ...],
    *,
    route: tuple[str, ...] = (),
    route_modes: tuple[str | None, ...] = (),
    route_times: tuple[str | None, ...] = (),
    route_modalities: tuple[str, ...] = (),
    route_places: dict[str, Candidate] | None = None,
    title: str | None = None,
    source: str | None = None,
    credits: str | None = None,
    published: str | None = None,
    labels: dict[str, str] | None = None,
    notes: tuple[str, ...] = (),
) -> Story:
    """The Story from resolved mentions and a route (place ids in travel order).

    Places come in the order the text first names them, then route stops the text does not
    name (``route_places`` holds those); a place's label is how the text first writes it
    (``labels`` may say otherwise, as a hand-edited story file does). ``route_times`` and
    ``route_modalities`` hold one entry per stop, or none when unknown."""
    for name, values in (("route_times", route_times), ("route_modalities", route_modalities)):
        if values and len(values) != len(route):
            raise ValueError(f"{name} has {len(values)} entries for {len(route)} stops")
    for modality in route_modalities:
        if modality not in MODALITIES:
            raise ValueError(f"unknown modality {modality!r} (known: {', '.join(MODALITIES)})")
    route_times = tuple(time.strip() or None if time else None for time in route_times)
    order: list[str] = []
    first_label: dict[str, str] = {}
    indices: dict[str, list[int]] = {}
    known: dict[str, Candidate] = {}
    for index, mention in enumerate(mentions):
        if mention.place is None:
            continue
        place_id = mention.place.id
        if place_id not in indices:
            order.append(place_id)
            indices[place_id] = []
            known[place_id] = mention.place
        if not mention.derived and place_id not in first_label:
            first_label[place_id] = mention.text
        indices[place_id].append(index)
    for place_id in route:
        if place_id not in indices:
            if route_places is None or place_id not in route_places:
                raise ValueError(f"route stop {place_id!r} is not a known place")
            order.append(place_id)
            indices[place_id] = []
            known[place_id] = route_places[place_id]
    first_label.update(labels or {})
    places = []
    for place_id in order:
        candidate = known[place_id]
        stops = tuple(number for number, stop_id in enumerate(route, 1) if stop_id == place_id)
        stop = stops[0] if stops else None
        places.append(
            StoryPlace(
                id=place_id,
                name=candidate.name,
                label=first_label.get(place_id, candidate.name),
                kind=candidate.kind,
                country=candidate.country,
                lat=candidate.lat,
                lon=candidate.lon,
                stop=stop,
                area=candidate.kind in AREA_KINDS and stop is None,
                mentions=tuple(indices[place_id]),
                stops=stops,
            )
        )
    return Story(
        text=text,
        article=article,
        lang=lang,
        title=title or _title_of(article, text),
        mentions=mentions,
        places=tuple(places),
        route=route,
        route_modes=route_modes,
        route_times=route_times,
        route_modalities=route_modalities,
        source=source,
        credits=credits,
        published=published,
        notes=notes,
    )
