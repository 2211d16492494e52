"""Component: place words inside the name of an organisation or an event are no mention
there — Seouler Institut, Moskauer Fernost-Institut, Institut für Nordkoreastudien, Radio
Pilatus, House of Russian-Korean Friendship; Paris Fashion Week, Tour de France, Paris–Nizza.

In English a place word that opens an organisation's name (Washington Post, Toronto Police,
Georgia National Guard) stays a mention: the place the organisation belongs to, which
GeoWebNews annotates as an embedded toponym (measured: suppressing it there costs recall);
a site's name is one mention of the site (see ``english``).
"""

from __future__ import annotations

from storymap.geoparse.language import LanguageCues
from storymap.geoparse.recognition.document import Document, Recognised
from storymap.geoparse.recognition.lookalikes import event_name, race_pair
from storymap.geoparse.recognition.tokens import Tokens, joinable
from storymap.geoparse.recognition.vocabulary import MAX_NAME_TOKENS

# Words that open an organisation's name, whatever follows (lower-case token keys).
_ORGANISATION_OPENERS = frozenset(
    "radio hotel restaurant kino cafe fc sv tsv vfb vfl sc ssv spvgg".split()
)


def _organisation_head(key: str, heads: frozenset[str]) -> bool:
    """An organisation word, also as the head of a German compound (Städteverband)."""
    if key in heads:
        return True
    return any(
        len(head) >= 4 and len(key) > len(head) + 2 and key.endswith(head) for head in heads
    )


def inside_organisation(doc: Tokens, match: Recognised, cues: LanguageCues, lang: str) -> bool:
    """Whether ``match`` is part of an organisation's name."""
    heads = cues.organisation_heads
    # German news and its annotations read the place in "Seouler Institut" as part of
    # the name, English ones as a place.
    after_heads = lang != "en"
    keys, caps, gaps = doc.keys, doc.caps, doc.gaps
    if not match.text[:1].isupper():
        return False  # "die südkoreanische Nachrichtenagentur" describes, it is no name
    # Head right after the mention (allowing one capitalised word or a hyphen in between).
    for offset in (1, 2) if after_heads else ():
        index = match.last + offset
        if index >= doc.size:
            break
        if offset == 2 and not (caps[index - 1] and joinable(gaps[index - 1])):
            break
        if not joinable(gaps[index]) or doc.initial(index):
            break  # a name ends with its sentence: "in Syria. The Ministry …"
        if _organisation_head(keys[index], heads):
            return True
    # "Radio Pilatus", "FC Bayern", "Hotel Kempinski": a name after such a word is
    # the organisation's.
    if match.first >= 1 and joinable(gaps[match.first]) and caps[match.first - 1] and (
        keys[match.first - 1] in _ORGANISATION_OPENERS
    ):
        return True
    # "Institut für X…", "House of Russian-Korean Friendship": the mention names the
    # subject of an institution (also further along a capitalised name after "of").
    before = match.first - 1
    stop = max(1, match.first - MAX_NAME_TOKENS)  # names are short: no walk over a text
    while (
        before >= stop
        and caps[before]
        and joinable(gaps[before + 1])
        and not doc.initial(before + 1)
    ):
        before -= 1
    if before >= 1 and keys[before] in ("fuer", "for", "of") and keys[before - 1] in heads:
        return True
    # A capitalised run ending in an organisation head (South China Morning Post).
    if not after_heads:
        return False
    index = match.last + 1
    end = min(doc.size, match.last + 8)  # names are short; a title-case text is not one
    while (
        index < end
        and caps[index]
        and joinable(gaps[index])
        and not doc.initial(index)
    ):
        if keys[index] in heads:
            return True
        index += 1
    return False


def lookalike(doc: Tokens, match: Recognised) -> bool:
    """A place word inside an event's name (Paris Fashion Week, Tour de France) or a
    race named by its towns (Paris–Nizza): no place mention, here only."""
    if not match.text[:1].isupper():
        return False
    return event_name(doc, match.first, match.last) or race_pair(doc, match.first, match.last)


class OrganisationsAndEvents:
    """Drops the mentions that are part of an organisation's or an event's name."""

    def __call__(self, document: Document) -> None:
        doc, lang, cues = document.tokens, document.lang, document.cues

        def kept(match: Recognised) -> bool:
            return not inside_organisation(doc, match, cues, lang) and not lookalike(doc, match)

        document.names = [m for m in document.names if kept(m)]
        document.derived = [m for m in document.derived if kept(m)]
