"""What the page calls a place and its country, in the page's language.

A German page says "Nordkorea" and "Wladiwostok", not the gazetteer's preferred "North Korea"
or the text's inflected "Nordkoreas" and dateline "VLADIVOSTOK": the name is the article's
own spelling when that spells the place in its base form ("Chassan", "Insel Russky", "USA"),
else the gazetteer's name in the article's language. A name set by hand in the story file is
kept as written. Countries are named by their gazetteer place (CLDR names), found through
the ISO code table shipped with the outlines.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from gazetteer import Gazetteer
from storymap.render import areas
from storymap.story.model import Story, StoryPlace

# A label in capitals longer than this is a dateline or a heading, not the base form ("USA",
# "DDR" are names; "VLADIVOSTOK" is not how the place is written in running text).
_MAX_CAPITALS = 4


@dataclass(frozen=True, slots=True)
class PlaceNames:
    display: str  # the page's name for the place
    written: str | None  # how the text first writes it, when that differs from ``display``
    country: str  # the country's name in the page language ("" when the place has none)


@lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer | None:
    from storymap.geoparse import default_gazetteer

    try:
        return default_gazetteer()
    except Exception:  # names fall back to the story's own without it
        return None


def _spells(label: str, place_id: str, gazetteer: Gazetteer) -> bool:
    """Whether ``label`` is a name of the place as such (not a form of it, not in capitals)."""
    letters = [c for c in label if c.isalpha()]
    if not letters or not letters[0].isupper():
        return False
    if label.isupper() and len(letters) > _MAX_CAPITALS:
        return False
    return any(candidate.id == place_id for candidate in gazetteer.lookup(label))


def _lang(lang: str) -> str:
    return (lang or "en").split("-")[0].split("_")[0].lower()


@lru_cache(maxsize=512)
def country_name(code: str, lang: str) -> str:
    """A country's name in ``lang`` ("RU", "de" → "Russland"); the code when unknown."""
    if not code:
        return ""
    gazetteer = _gazetteer()
    record = areas.country(code)
    if gazetteer is None or record is None or record.place_id is None:
        return code
    entry = gazetteer.get(record.place_id)
    return entry.name_in(_lang(lang)) if entry else code


def place_names(story: Story, ui_lang: str | None = None) -> dict[str, PlaceNames]:
    """Per place id: its display name, how the text writes it, and its country's name.

    Place names are the article's (its language, its spelling), so that map, lists and text
    agree; country names are part of the interface and follow ``ui_lang``."""
    gazetteer = _gazetteer()
    lang = _lang(story.lang)
    ui = _lang(ui_lang or story.lang)
    written_in_text = {
        (mention.place.id, mention.text)
        for mention in story.mentions
        if mention.place is not None and not mention.derived
    }
    names = {}
    for place in story.places:
        display = _display(place, lang, written_in_text, gazetteer)
        from_text = (place.id, place.label) in written_in_text
        # "im Text „Nordkoreas“" says something; "im Text „WLADIWOSTOK“" does not.
        differs = place.label.casefold() != display.casefold()
        written = place.label if from_text and differs else None
        own_country = place.kind in ("country", "historic_country")
        country = "" if own_country else country_name(place.country, ui)
        names[place.id] = PlaceNames(display, written, country)
    return names


def _display(
    place: StoryPlace,
    lang: str,
    written_in_text: set[tuple[str, str]],
    gazetteer: Gazetteer | None,
) -> str:
    entry = gazetteer.get(place.id) if gazetteer is not None else None
    # Not a gazetteer place, or renamed by hand: as the story says.
    base = place.name if entry is None or entry.name != place.name else entry.name_in(lang)
    label = place.label
    if not label or label == base:
        return base
    if (place.id, label) not in written_in_text:
        # Not the text's spelling: the gazetteer name (a place only named by an adjective
        # carries it as label) or a label written by hand (kept).
        return base if label == place.name else label
    if gazetteer is not None and _spells(label, place.id, gazetteer):
        return label
    return base


# A title that lists a route or places stays short enough for a tab and an iframe's title.
_TITLE_STOPS = 6
_TITLE_PLACES = 3


def _listed(items: list[str], conjunction: str) -> str:
    """"A", "A und B", "A, B und C"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def describe(story: Story, ui_lang: str | None = None) -> str:
    """What the map shows, as the title of a story that has none: the route in the page's
    names ("Pjöngjang → Chassan → Wladiwostok · April 2019"), or its first places; "" for
    a text without places (the page then says "Ohne Titel")."""
    from storymap.render.messages import catalogue, format_date

    ui = ui_lang or story.lang
    messages = catalogue(ui)
    names = place_names(story, ui)
    stops: list[str] = []
    for place_id in story.route:
        name = names[place_id].display
        if not stops or stops[-1] != name:
            stops.append(name)
    if len(stops) > _TITLE_STOPS:
        stops = [*stops[:2], "…", *stops[-2:]]
    if len(stops) >= 2:
        shown = " → ".join(stops)
    else:
        points = [p for p in story.places if not p.area] or list(story.places)
        if not points:
            return ""
        # "A, B und C", "A, B, C und D"; from five on "A, B, C und 2 weitere Orte".
        count = len(points) if len(points) <= _TITLE_PLACES + 1 else _TITLE_PLACES
        first = [names[p.id].display for p in points[:count]]
        rest = len(points) - len(first)
        if rest:
            shown = messages["title_more_places"].replace("{places}", ", ".join(first))
            shown = shown.replace("{count}", str(rest))
        else:
            shown = _listed(first, messages["and"])
    date = format_date(story.date, ui)
    return f"{shown} · {date}" if date else shown


def heading(story: Story, ui_lang: str | None = None) -> str:
    """The title a page shows: the story's own (given, or the text's headline), else what the
    map shows — the route or the first places, and the date."""
    return story.title or describe(story, ui_lang)
