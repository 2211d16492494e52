"""Component: names missing from the gazetteer, recognised by their form. They stay
unresolved (the map cannot place them offline; an override or the online geocoder can):

- streets and landmarks: German Knoopstraße, Stüdlhütte, Marbachsee on their own, Tegeler
  See, St. Peter; English Royal Street and British road numbers;
- German settlements (Böckingen, Gosenbach) after a locative preposition or a generic noun
  (in Böckingen, Gemeinde Gosenbach), and again wherever the text repeats them;
- German rare words right after "in", "nach", "aus" (in Skovlunde), names a settlement noun
  introduces (die Dörfer Hokkala, Kumpula und Oikari), and roads (auf der A 7).

Any rare word after "in" would catch settlements too, but in German those are mostly rare
compounds (aus Kapazitätsgründen): measured on GermEval that cost more precision than it
gave recall, so the word must end like a place name as well.
"""

from __future__ import annotations

from storymap.geoparse.lexicon.nouns import noun_classes
from storymap.geoparse.recognition.compounds import noun_compound
from storymap.geoparse.recognition.document import (
    Document,
    Recognised,
    unlisted_mention,
    without_overlaps,
)
from storymap.geoparse.recognition.english import ENGLISH_STREETS, road_numbers
from storymap.geoparse.recognition.shapes import (
    AIRBUS,
    MOUNTAIN_ARTICLES,
    MOUNTAIN_ENDINGS,
    ROAD_NOUNS,
)
from storymap.geoparse.recognition.tokens import Tokens, hyphen_joined
from storymap.geoparse.recognition.vocabulary import CONJUNCTIONS
from storymap.geoparse.words import zipf

# "St. Peter", and "St . Peter" as tokenised text writes it.
_SAINT_GAPS = (". ", " . ")
# Prepositions after which an unknown name is a place ("bei" also introduces firms, people).
_LOCATIVES = frozenset({"in", "nach", "aus"})
_ROAD_PREPOSITIONS = frozenset("auf über ueber an von bis entlang nahe".split())
_ROAD_OPENERS = frozenset(
    "die der zur auf über ueber bis von und bzw oder autobahn autobahnen".split()
)


def _after_prepositions(doc: Tokens, covered: set[int]) -> list[Recognised]:
    """German "in Skovlunde", "nach Shigaraki": a word no dictionary knows right after a
    locative preposition, unless it is a compound of a common noun."""
    found = []
    for i in doc.where("rare_name"):
        if (
            i in covered
            or i == 0
            or doc.gaps[i] != " "
            or doc.keys[i - 1] not in _LOCATIVES
            or (i + 1 < doc.size and hyphen_joined(doc.gaps[i + 1]))  # in Surround-Bereiche
            or noun_compound(doc.text_of(i))
        ):
            continue
        following = i + 1
        last = i
        if following < doc.size and doc.gaps[following] == " " and doc.caps[following]:
            if doc.words[following].rare_name:
                last = following  # a name of two words: in Wildbad Kreuth
            else:
                # an attribute of the noun after it: a person's genitive (in Papens
                # Vizekanzlei) or a place adjective (in Kleinkleckersdorfer Wäldern)
                continue
        found.append(unlisted_mention(doc, i, last))
    return found


def _landmark_names(doc: Tokens, covered: set[int]) -> list[Recognised]:
    """A place adjective and a landmark noun: Tegeler See, Gubener Straße."""
    found = []
    for i in doc.where("landmark_adjective"):
        head = i + 1
        if (
            head < doc.size
            and i not in covered
            and head not in covered
            and doc.words[head].landmark_head
            and doc.caps[head]
            and doc.gaps[head] == " "
        ):
            found.append(unlisted_mention(doc, i, head))
    return found


def _roads(doc: Tokens, covered: set[int]) -> list[Recognised]:
    """German roads: "die A 7", "auf der A1", "zur B 27", "die Bundesstraße 216" (not the
    Audi A6 or DIN A4: an article or preposition must introduce the road)."""
    found = []
    for i in doc.where("road"):
        if i in covered or i == 0 or doc.keys[i - 1] not in _ROAD_OPENERS:
            continue
        if doc.gaps[i] != " ":
            continue
        text = doc.text_of(i)
        last = i
        spelled_out = text in ("A", "B") or doc.keys[i] in ROAD_NOUNS
        if not spelled_out and not (
            doc.keys[i - 1] in ("zur", "autobahn")
            or (i > 1 and doc.keys[i - 2] in _ROAD_PREPOSITIONS)
        ):
            continue  # "die A1 konnte 706 Kassetten speichern": a model, unless "auf der A1"
        if spelled_out:
            number = i + 1
            if (
                number >= doc.size
                or doc.gaps[number] != " "
                or not doc.text_of(number).isdigit()
                or len(doc.text_of(number)) > 3
            ):
                continue
            last = number
        code = doc.text[doc.starts[i] : doc.ends[last]].replace(" ", "")
        if AIRBUS.fullmatch(code):
            continue  # "die A 380": an aircraft, not a motorway
        found.append(unlisted_mention(doc, i, last))
    return found


def _introduced_names(doc: Tokens, covered: set[int]) -> list[Recognised]:
    """Rare names a German settlement noun introduces, and the names listed with them:
    "die Gemeinde Pflückuff", "die Dörfer Hokkala, Koskimäki-Huhtala und Oikari"."""
    found = []
    for i in doc.where("settlement_noun"):
        j = i + 1
        if j >= doc.size or doc.gaps[j] != " " or not doc.caps[i]:
            continue
        stop = min(doc.size, i + 100)  # a list of names, not a walk over the text
        while j < stop and (doc.words[j].rare_name or j in covered):
            last = j
            while (  # a hyphenated name: Koskimäki-Huhtala
                last + 1 < doc.size
                and doc.gaps[last + 1] == "-"
                and doc.words[last + 1].rare_name
            ):
                last += 1
            if j not in covered and last not in covered:
                found.append(unlisted_mention(doc, j, last))
            nxt = last + 1
            if nxt < doc.size and doc.gaps[nxt].strip() == ",":
                j = nxt
            elif (
                nxt + 1 < doc.size
                and doc.keys[nxt] in CONJUNCTIONS
                and doc.gaps[nxt] == " "
                and doc.gaps[nxt + 1] == " "
            ):
                j = nxt + 1
            else:
                break
    return found


def _saint_names(doc: Tokens, covered: set[int]) -> list[Recognised]:
    """German "St. Peter", "St. Johann Baptist", "Sankt Willibrord" that the gazetteer
    does not know as a town: the name of a church or another landmark (Kirche St.
    Peter, von St. Willibrord)."""
    found = []
    for i in doc.where("saint"):
        name = i + 1
        if (
            i in covered
            or name >= doc.size
            or name in covered
            or doc.gaps[name] not in (_SAINT_GAPS if doc.keys[i] == "st" else (" ",))
            or not doc.caps[name]
            or doc.words[name].all_caps
        ):
            continue
        last = name
        second = name + 1
        if (
            second < doc.size
            and second not in covered
            and doc.gaps[second] == " "
            and doc.caps[second]
            and not noun_classes(doc.text_of(second))
            and zipf(doc.text_of(second), "de") < 3.0
        ):
            last = second
        found.append(unlisted_mention(doc, i, last))
    return found


def _german_unlisted(document: Document, candidates: list[int]) -> list[Recognised]:
    doc, cues, covered = document.tokens, document.cues, document.covered
    cued = {
        doc.keys[i] for i in candidates
        if doc.words[i].unlisted_cued
        and i > 0
        and doc.gaps[i] == " "
        and (doc.keys[i - 1] in cues.place_prepositions
             or doc.keys[i - 1] in cues.generic_terms
             or (doc.keys[i - 1] in MOUNTAIN_ARTICLES
                 and doc.keys[i].endswith(MOUNTAIN_ENDINGS)))
    }
    found = [
        unlisted_mention(doc, i, i) for i in candidates
        if not doc.words[i].unlisted_cued or doc.keys[i] in cued
    ]
    for finder in (_saint_names, _introduced_names, _roads, _after_prepositions, _landmark_names):
        found += finder(doc, covered)
    # One name per token, the longest: "St. Veitskapelle", not "Veitskapelle";
    # "Gemeinde Tegeler See": the landmark, not "Tegeler".
    return without_overlaps(found, set())


def _english_unlisted(document: Document, candidates: list[int]) -> list[Recognised]:
    doc = document.tokens
    found = [unlisted_mention(doc, i, i) for i in road_numbers(doc, document.covered)]
    for i in candidates:
        street = i + 1
        if (
            street < doc.size
            and doc.keys[street] in ENGLISH_STREETS
            and doc.caps[street]
            and doc.gaps[street] == " "
        ):
            found.append(unlisted_mention(doc, i, street))
    return found


class UnlistedNames:
    """Adds the names the gazetteer lacks to the text's names."""

    def __call__(self, document: Document) -> None:
        doc = document.tokens
        candidates = [i for i in doc.where("unlisted") if i not in document.covered]
        if document.lang == "de":
            document.names += _german_unlisted(document, candidates)
        else:
            document.names += _english_unlisted(document, candidates)
