"""The story map page's words: UI strings in German and English, numbers and dates.

``catalogue(lang)`` gives the page's strings (placeholders such as ``{count}`` are filled with
``str.replace`` or jinja's ``|replace``); ``count_places``, ``format_km``, ``format_date``
and ``format_stop_time`` format for the page's language.
"""

from __future__ import annotations

import math
import re

from storymap.story.model import parse_time_label

LANGS = ("de", "en")
FALLBACK = "en"

# Placeholders are written {count}, {km}, {number}, {label}; filled with (|)replace.
_STRINGS: dict[str, dict[str, str]] = {
    "de": {
        "title_suffix": " – Story-Map",
        "untitled": "Ohne Titel",
        "title_more_places": "{places} und {count} weitere Orte",
        "place_count": "{count} Orte",
        "place_count_one": "{count} Ort",
        "no_places": "In diesem Text wurden keine Orte gefunden, darum gibt es keine Karte.",
        "itinerary": "Route",
        "route_start": "Start",
        "leg": "{km} ab der vorigen Station",
        "route_stop": "Station {number}",
        "route_stops": "Stationen {numbers}",
        "and": "und",
        "announced": "geplant",
        "legend_announced": "gestrichelt: geplante Etappe, noch nicht zurückgelegt",
        "places": "Orte im Text",
        "mentioned": "{count}-mal erwähnt",
        "mentioned_one": "einmal erwähnt",
        "reset_view": "Ansicht zurücksetzen",
        "view_reset": "Ganze Karte",
        "skip_to_text": "Zum Text springen",
        "source": "Quelle",
        "date": "Datum",
        "map": "Karte",
        "text": "Artikeltext",
        "lists": "Route und Orte",
        "keys_help": "Tasten: → oder j nächster Absatz, ← oder k voriger, Esc ganze Karte.",
        "keys_help_tour": "Tasten: n oder Bild ↓ nächste Station, p oder Bild ↑ vorige, "
                          "→ oder j nächster Absatz, ← oder k voriger, Esc Übersicht.",
        "crow_flies": "{km} Luftlinie",
        "tour": "Die Route Station für Station",
        "tour_overview": "Übersicht",
        "tour_overview_count": "Übersicht · {count} Stationen",
        "tour_position": "Station {number} von {count}",
        "tour_previous": "Vorige Station",
        "tour_next": "Nächste Station",
        "passages_tour": "Der Text Abschnitt für Abschnitt",
        "passage_overview_count": "Übersicht · {count} Abschnitte",
        "passage_position": "Abschnitt {number} von {count}",
        "passage_previous": "Voriger Abschnitt",
        "passage_next": "Nächster Abschnitt",
        "zoom_in": "Hineinzoomen",
        "zoom_out": "Herauszoomen",
        "layers": "Kartenebenen",
        "close_popup": "Schließen",
        "leaflet_about": "Eine JavaScript-Bibliothek für interaktive Karten",
        "written_as": "im Text",
        "written_as_label": "im Text „{label}“",
        "coordinates": "Koordinaten",
        "attribution_tiles": "Karte",
        "attribution_places": "Ortsdaten",
        "layer_regions": "Regionen und Länder",
        "layer_route": "Route",
        "layer_places": "Orte",
        "layer_stops": "Stationen",
        "fullscreen": "Vollbild",
        "fullscreen_exit": "Vollbild beenden",
        "fullscreen_on": "Karte im Vollbild",
        "fullscreen_off": "Vollbild beendet",
        "wheel_hint": "Zum Zoomen Strg + Mausrad verwenden oder erst in die Karte klicken",
        "wheel_hint_mac": "Zum Zoomen ⌘ + Mausrad verwenden oder erst in die Karte klicken",
        "tiles_failed": "Die Kartenkacheln ließen sich nicht laden; die Karte zeigt jetzt "
                        "die Umrisse (offline).",
        "map_failed": "Die Karte ließ sich nicht laden (ihr Skript fehlt); der Text ist "
                      "vollständig lesbar.",
        "close_notice": "Hinweis schließen",
        "attribution_show": "Quellen und Lizenzen der Karte",
        "attribution_hide": "Quellen ausblenden",
        "close_card": "Ort schließen",
        "card": "Gewählter Ort",
        "passage_shown": "Abschnitt {number} von {count}: {places}",
        "skip_to_map": "Zur Karte springen",
        "back_to_text": "Zurück zum Text",
        "layer_outlines": "Umrisse (offline)",
        "print_passages": "im Text",
        "index_title": "Story-Maps",
        "index_count": "{count} Karten",
        "index_count_one": "{count} Karte",
        "index_failed": "{count} fehlgeschlagen",
        "index_story": "Geschichte",
        "index_date": "Datum",
        "index_stops": "Stationen",
        "index_places": "Orte",
        "index_route": "Route",
        "index_embed": "Einbetten",
        "index_input": "Eingabe",
        "index_error": "Fehler",
        "index_failed_heading": "Fehlgeschlagen",
        "mode_train": "Zug",
        "mode_plane": "Flugzeug",
        "mode_ship": "Schiff",
        "mode_car": "Auto",
        "mode_bus": "Bus",
        "mode_sled": "Schlitten",
        "mode_foot": "zu Fuß",
        "mode_bike": "Fahrrad",
    },
    "en": {
        "title_suffix": " – story map",
        "untitled": "Untitled",
        "title_more_places": "{places} and {count} more places",
        "place_count": "{count} places",
        "place_count_one": "{count} place",
        "no_places": "No places were found in this text, so there is no map.",
        "itinerary": "Route",
        "route_start": "start",
        "leg": "{km} from the previous stop",
        "route_stop": "Stop {number}",
        "route_stops": "Stops {numbers}",
        "and": "and",
        "announced": "planned",
        "legend_announced": "dashed: a planned leg, not yet travelled",
        "places": "Places in the text",
        "mentioned": "mentioned {count} times",
        "mentioned_one": "mentioned once",
        "reset_view": "Reset view",
        "view_reset": "Whole map",
        "skip_to_text": "Skip to the text",
        "source": "Source",
        "date": "Date",
        "map": "Map",
        "text": "Article text",
        "lists": "Route and places",
        "keys_help": "Keys: → or j next paragraph, ← or k previous, Esc whole map.",
        "keys_help_tour": "Keys: n or Page Down next stop, p or Page Up previous, "
                          "→ or j next paragraph, ← or k previous, Esc overview.",
        "crow_flies": "{km} as the crow flies",
        "tour": "The route stop by stop",
        "tour_overview": "Overview",
        "tour_overview_count": "Overview · {count} stops",
        "tour_position": "Stop {number} of {count}",
        "tour_previous": "Previous stop",
        "tour_next": "Next stop",
        "passages_tour": "The text passage by passage",
        "passage_overview_count": "Overview · {count} passages",
        "passage_position": "Passage {number} of {count}",
        "passage_previous": "Previous passage",
        "passage_next": "Next passage",
        "zoom_in": "Zoom in",
        "zoom_out": "Zoom out",
        "layers": "Layers",
        "close_popup": "Close",
        "leaflet_about": "A JavaScript library for interactive maps",
        "written_as": "written as",
        "written_as_label": "written as “{label}”",
        "coordinates": "Coordinates",
        "attribution_tiles": "Map",
        "attribution_places": "Place data",
        "layer_regions": "Regions and countries",
        "layer_route": "Route",
        "layer_places": "Places",
        "layer_stops": "Stops",
        "fullscreen": "Full screen",
        "fullscreen_exit": "Exit full screen",
        "fullscreen_on": "Map in full screen",
        "fullscreen_off": "Full screen closed",
        "wheel_hint": "Use Ctrl + scroll to zoom the map, or click the map first",
        "wheel_hint_mac": "Use ⌘ + scroll to zoom the map, or click the map first",
        "tiles_failed": "The map tiles could not be loaded; the map now shows the outlines "
                        "(offline).",
        "map_failed": "The map could not be loaded (its script is missing); the text reads "
                      "in full.",
        "close_notice": "Close notice",
        "attribution_show": "Map sources and licences",
        "attribution_hide": "Hide sources",
        "close_card": "Close place",
        "card": "Selected place",
        "passage_shown": "Passage {number} of {count}: {places}",
        "skip_to_map": "Skip to the map",
        "back_to_text": "Back to the text",
        "layer_outlines": "Outlines (offline)",
        "print_passages": "in the text",
        "index_title": "Story maps",
        "index_count": "{count} maps",
        "index_count_one": "{count} map",
        "index_failed": "{count} failed",
        "index_story": "Story",
        "index_date": "Date",
        "index_stops": "Stops",
        "index_places": "Places",
        "index_route": "Route",
        "index_embed": "Embed",
        "index_input": "Input",
        "index_error": "Error",
        "index_failed_heading": "Failed",
        "mode_train": "train",
        "mode_plane": "plane",
        "mode_ship": "ship",
        "mode_car": "car",
        "mode_bus": "bus",
        "mode_sled": "sled",
        "mode_foot": "on foot",
        "mode_bike": "bike",
    },
}

# One label per kind in gazetteer.kinds.KINDS (tests check that none is missing).
_KINDS: dict[str, dict[str, str]] = {
    "de": {
        "other": "Ort",
        "continent": "Kontinent",
        "region": "Region",
        "country": "Land",
        "historic_country": "historischer Staat",
        "admin1": "Bundesland oder Provinz",
        "admin2": "Kreis oder Bezirk",
        "admin3": "Gemeinde",
        "city": "Stadt",
        "town": "Kleinstadt",
        "village": "Dorf",
        "island": "Insel",
        "archipelago": "Inselgruppe",
        "peninsula": "Halbinsel",
        "ocean": "Ozean",
        "sea": "Meer",
        "gulf": "Golf",
        "bay": "Bucht",
        "strait": "Meerenge",
        "river": "Fluss",
        "lake": "See",
        "mountain_range": "Gebirge",
        "mountain": "Berg",
        "desert": "Wüste",
        "plain": "Ebene",
        "valley": "Tal",
        "forest": "Wald",
        "plateau": "Hochebene",
        "coast": "Küste",
        "undersea": "Form des Meeresbodens",
        "building": "Bauwerk",
    },
    "en": {
        "other": "place",
        "continent": "continent",
        "region": "region",
        "country": "country",
        "historic_country": "historic country",
        "admin1": "state or province",
        "admin2": "county or district",
        "admin3": "municipality",
        "city": "city",
        "town": "town",
        "village": "village",
        "island": "island",
        "archipelago": "archipelago",
        "peninsula": "peninsula",
        "ocean": "ocean",
        "sea": "sea",
        "gulf": "gulf",
        "bay": "bay",
        "strait": "strait",
        "river": "river",
        "lake": "lake",
        "mountain_range": "mountain range",
        "mountain": "mountain",
        "desert": "desert",
        "plain": "plain",
        "valley": "valley",
        "forest": "forest",
        "plateau": "plateau",
        "coast": "coast",
        "undersea": "undersea feature",
        "building": "building",
    },
}

_MONTHS: dict[str, tuple[str, ...]] = {
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}

# 2019, 2019-04, 2019-04-24, and a full ISO timestamp whose time part is dropped.
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.+\-Z]*)?")


def _lang(lang: str | None) -> str:
    """The catalogue language for a page language ("de-AT" → "de"; unknown → English)."""
    base = (lang or "").split("-")[0].split("_")[0].lower()
    return base if base in LANGS else FALLBACK


def catalogue(lang: str) -> dict[str, str]:
    """All UI strings of the page in ``lang``; kinds under ``kind_<kind>``."""
    lang = _lang(lang)
    strings = dict(_STRINGS[lang])
    strings.update({f"kind_{kind}": label for kind, label in _KINDS[lang].items()})
    return strings


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """A number with the locale's separators: 1.234,5 in German, 1,234.5 in English."""
    text = f"{value:,.{decimals}f}"
    if _lang(lang) == "de":
        text = text.translate(str.maketrans(",.", ".,"))
    return text


def format_km(km: float, lang: str) -> str:
    """A distance: whole kilometres from 10 km up, one decimal below ("1.234 km", "3,5 km")."""
    if round(km, 1) >= 10:
        # Half up, not Python's half-to-even: 12.5 km reads as 13 km.
        return f"{format_number(math.floor(km + 0.5), lang)} km"
    return f"{format_number(km, lang, 1)} km"


def _plural(key: str, count: int, lang: str) -> str:
    strings = _STRINGS[_lang(lang)]
    template = strings[f"{key}_one"] if count == 1 else strings[key]
    return template.replace("{count}", format_number(count, lang))


def count_places(count: int, lang: str) -> str:
    """"1 Ort", "12 Orte" / "1 place", "12 places"."""
    return _plural("place_count", count, lang)


def count_mentions(count: int, lang: str) -> str:
    """"einmal erwähnt", "3-mal erwähnt" / "mentioned once", "mentioned 3 times"."""
    return _plural("mentioned", count, lang)


def format_date(date: str | None, lang: str) -> str:
    """An ISO date for reading: "2019-04" → "April 2019"; "2019-04-24" → "24. April 2019"
    (German) or "24 April 2019" (English). Anything else comes back unchanged."""
    if not date:
        return ""
    match = _ISO_DATE.fullmatch(date.strip())
    if not match:
        return date
    year, month, day = match.groups()
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return date
    month_name = _MONTHS[_lang(lang)][int(month) - 1]
    if day is None:
        return f"{month_name} {year}"
    if not 1 <= int(day) <= 31:
        return date
    separator = ". " if _lang(lang) == "de" else " "
    return f"{int(day)}{separator}{month_name} {year}"



def format_stop_time(label: str | None, lang: str) -> str:
    """A route stop's time label for reading: German "24.04.2019", "24.04.2019, 14:30 Uhr",
    English "24 April 2019", "24 April 2019, 14:30"; "2019-04" → "April 2019"; "2019" as
    is. Words of the text ("Mittwoch") and anything unparsable come back as written."""
    if not label:
        return ""
    parts = parse_time_label(label)
    if parts is None:
        return " ".join(label.split())
    year, month, day, minute = parts
    german = _lang(lang) == "de"
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{_MONTHS[_lang(lang)][month - 1]} {year:04d}"
    text = f"{day:02d}.{month:02d}.{year:04d}" if german else (
        f"{day} {_MONTHS['en'][month - 1]} {year:04d}"
    )
    if minute is None:
        return text
    clock = f"{minute // 60:02d}:{minute % 60:02d}"
    return f"{text}, {clock} Uhr" if german else f"{text}, {clock}"


def time_datetime(label: str | None) -> str | None:
    """The label as an HTML ``<time datetime>`` value when it is a real date, else None."""
    if not label or parse_time_label(label) is None:
        return None
    return label.strip()
