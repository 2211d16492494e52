"""Suffix rules that derive place adjectives and demonyms from names (Syrien → syrisch,
Korea → koreanisch, Moskau → Moskauer; Russia → Russian, Iceland → Icelander), the names
they apply to, and how established a candidate form is in wordfreq (``score``).

The lexicon builder (``build``) decides which candidates become entries; these are the
language facts it applies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from gazetteer import Place
from gazetteer.normalize import normalize

WORDLIST = "large"

# Name words that make a name descriptive rather than a proper name: no derived form.
_GENERIC_WORDS = {
    "de": frozenset(
        "republik staaten vereinigte inseln insel koenigreich emirate autonomiegebiete gebiete "
        "sonderverwaltungsregion territorium union land und der die "
        "das des von am im zone region kanal see meer gebirge tal stadt kreis bezirk provinz "
        "city bundesrepublik doppelkontinent wueste landesteil freistaat".split()
    ),
    "en": frozenset(
        "republic states united islands island kingdom emirates territories territory sar "
        "union of the and city county district region area land coast "
        "zone basin heights triangle forest highlands lowlands valley sea lake mountains plain "
        "gulf bay river desert peninsula insular outlying minor holy".split()
    ),
}
# A name ending in a compass noun names a direction's region (Middle East, Naher Osten).
_COMPASS_NOUNS = frozenset("east west north south osten westen norden sueden".split())
# Closed compounds ending in a generic word (Balkanstaaten, Golanhöhen, Beneluxländer).
_GENERIC_ENDINGS = {
    "de": ("staaten", "laender", "inseln", "gebiet", "gebiete", "hoehen", "wueste", "region"),
    "en": ("lands", "states"),
}
# German prefixes that modify a place name without changing its derivation (Nordkorea →
# nordkoreanisch as Korea → koreanisch). Longest first.
_GERMAN_PREFIXES = (
    "nordost", "nordwest", "südost", "südwest", "zentral", "mittel", "nieder", "vorder",
    "hinter", "klein", "inner", "nord", "ober", "unter", "groß", "süd", "ost", "west",
)
_ENGLISH_PREFIXES = frozenset(
    "north south east west northern southern eastern western central northeast northwest "
    "southeast southwest north-east north-west south-east south-west northeastern "
    "northwestern southeastern southwestern upper lower greater inner outer latin".split()
)
# German city names carry qualifiers the adjective drops (Frankfurt am Main → Frankfurter).
_QUALIFIER = re.compile(r"\s+(?:am|an der|an|im|in der|in|ob der|bei|upon|on)\s.*$")
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")
_VOWELS = frozenset("aeiouyäöü")

# Suffix rules: (ending of the name, replacement). A name ending in ``ending`` yields
# ``name[:-len(ending)] + replacement``; ending "" means "a name ending in a consonant".
Rule = tuple[str, str]

_DE_ADJECTIVE: tuple[Rule, ...] = (
    ("enland", "isch"), ("land", "isch"), ("land", "ländisch"),  # griechisch, russisch, isländisch
    ("ien", "isch"), ("ien", "ianisch"), ("yen", "ysch"), ("en", "isch"),  # syrisch,
    # brasilianisch, libysch, schwedisch
    ("istan", "isch"), ("stan", "isch"),  # afghanisch, kasachisch
    ("ei", "isch"), ("ikum", "isch"), ("ika", "isch"), ("ik", "isch"),  # türkisch, karibisch
    ("is", "isch"), ("us", "isch"),  # arktisch
    ("a", "anisch"), ("a", "isch"), ("a", "esisch"), ("a", "aisch"), ("a", "äisch"),
    ("a", "ianisch"),  # koreanisch, kanadisch, maltesisch, ghanaisch, galiläisch
    ("e", "isch"), ("e", "enisch"),  # ukrainisch, chilenisch
    ("i", "isch"), ("i", "ianisch"),  # malisch, haitianisch
    ("o", "anisch"), ("o", "inisch"), ("o", "olesisch"), ("o", "oisch"),  # mexikanisch
    ("u", "uanisch"), ("u", "uisch"),  # peruanisch
    ("on", "esisch"), ("as", "anisch"), ("stadt", "städtisch"),  # libanesisch, texanisch
    ("", "isch"), ("", "esisch"), ("", "ianisch"),  # japanisch, vietnamesisch, ecuadorianisch
)
_DE_DEMONYM: tuple[Rule, ...] = (
    ("land", "länder"), ("ien", "ier"), ("ien", "er"), ("ien", "ianer"), ("yen", "yer"),
    ("en", "er"), ("ei", "er"),  # Isländer, Spanier, Syrer, Brasilianer, Libyer, Norweger
    ("a", "aner"), ("a", "aer"), ("a", "ier"), ("a", "ese"), ("a", "ianer"),  # Koreaner
    ("e", "er"), ("e", "ene"),  # Ukrainer, Chilene
    ("i", "ier"), ("i", "ianer"),  # Malier, Haitianer
    ("o", "aner"), ("o", "oer"), ("o", "iner"), ("o", "olese"),  # Mexikaner, Togoer
    ("u", "uaner"), ("u", "uer"),  # Peruaner
    ("on", "ese"), ("as", "aner"), ("rn", "r"), ("stadt", "städter"),  # Texaner, Ungar
    ("", "er"), ("", "ese"), ("", "i"), ("", "ianer"),  # Japaner, Sudanese, Israeli
)
# Weak nouns in -e (Russe, Russen): for countries only, whose names are not also words
# (Lappland → Lappe|n, Franken → Franke, Burgenland → Burge|n).
_DE_WEAK_DEMONYM: tuple[Rule, ...] = (
    ("enland", "e"), ("land", "e"), ("ien", "e"), ("en", "e"), ("istan", "e"), ("stan", "e"),
    ("ei", "e"),  # Grieche, Russe, Kroate, Schwede, Afghane, Kasache, Türke
)

# The invariant -er adjective of a city or German-speaking region (also its inhabitant).
_DE_CITY: tuple[Rule, ...] = (
    ("", "er"), ("a", "aer"), ("e", "er"), ("i", "ier"), ("o", "oer"), ("u", "uer"),
    ("y", "yer"), ("en", "er"), ("en", "ner"), ("el", "ler"), ("stadt", "städter"),
    ("land", "länder"),
)
# City rules that clip the name's last syllable (Bremen → Bremer). They apply only where the
# plain -er form is not a word (Essen → Essener, not Esser; Hagen → Hagener, not Hager), and
# the clipped stem must not make the -er form another word's inflection (INFLECTED_STEM_ZIPF).
# Clipped forms that coexist with a plain one (Dresdner, Basler) are curated.
_DE_CLIPPING_RULES = frozenset({("e", "er"), ("en", "er"), ("en", "ner"), ("el", "ler")})

_EN_ADJECTIVE: tuple[Rule, ...] = (
    ("ia", "ian"), ("kia", "k"), ("echia", "ech"), ("avia", "av"), ("lia", "li"),  # Russian,
    # Slovak, Czech, Yugoslav, Somali (not a general -ia → "": Asia, Virginia, Warmia)
    ("a", "an"), ("a", "ese"), ("a", "ian"), ("a", "aian"),  # Korean, Chinese, Ghanaian
    ("y", "ian"),  # Italian
    ("e", "ean"), ("e", "ian"), ("e", "an"),  # Chilean, Ukrainian
    ("o", "an"), ("o", "oan"), ("o", "olese"),  # Mexican, Ohioan, Togolese
    ("i", "ian"), ("um", "an"), ("on", "ese"), ("as", "an"), ("s", "ian"),  # Malian, Texan
    ("istan", ""), ("stan", ""), ("istan", "ish"),  # Afghan, Kazakh, Kurdish
    ("", "ian"), ("", "ese"), ("", "i"), ("", "an"),  # Iranian, Japanese, Iraqi, Tibetan
)
_EN_DEMONYM: tuple[Rule, ...] = (("", "er"),)  # Icelander, New Zealander, Londoner
# Cities: fewer rules (no -an, no -i: Lima → Liman, Baghdadi and Tikriti are surnames first).
_EN_CITY_ADJECTIVE: tuple[Rule, ...] = (
    ("a", "ese"), ("e", "ean"), ("o", "oan"), ("", "ian"), ("", "ese"),
)


@dataclass(frozen=True, slots=True)
class Generated:
    """A rule-made candidate form of one name."""

    form: str  # lower case, real spelling (umlauts), hyphens and spaces kept
    type: str
    rule: str
    clipped_stem: str = ""  # for -e/-en → -er city forms: the stem before -er
    tier: int = 0  # city forms: 1 = clipping rule, used only if no plain -er form exists


# -- word frequency ------------------------------------------------------------------------


@cache
def word_zipf(word: str, lang: str) -> float:
    """Zipf frequency of ``word`` in wordfreq's large list (rare real words count)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang, wordlist=WORDLIST)


def inflections(form: str, lang: str, form_type: str) -> tuple[str, ...]:
    """The forms a word actually occurs in: a German adjective mostly inflected (russischen),
    a demonym in the plural or feminine (Russen, Russin, Japanerinnen), English in the plural.

    A German demonym in -e counts only inflected: its bare form is too often a foreign or
    unrelated word (Brune, George), while Russen, Kroaten, Afghanen are unmistakable."""
    if lang == "en":
        return (form,) if form_type == "stem" else (form, form + "s")
    if form_type == "adjective":
        return (form, *(form + ending for ending in ("e", "en", "er", "es", "em")))
    if form_type == "demonym":
        if form.endswith("e"):
            return (form + "n", form[:-1] + "in", form[:-1] + "innen")
        if form.endswith("er"):
            return (form, form + "n", form + "s", form + "in", form + "innen")
        return (form, form + "s", form + "en", form + "in")
    return (form,)


def score(form: str, lang: str, form_type: str, exclude: frozenset[str] = frozenset()) -> float:
    """How established a form is: the best Zipf frequency of its inflections, leaving out
    inflections that spell a name of the place itself (Schwede|n would count Schweden)."""
    return max(
        (
            word_zipf(word, lang)
            for word in inflections(form, lang, form_type)
            if word == form or normalize(word) not in exclude
        ),
        default=0.0,
    )


# -- rules ---------------------------------------------------------------------------------


def _apply(word: str, rules: Iterable[Rule], form_type: str) -> Iterator[Generated]:
    for ending, replacement in rules:
        if ending:
            if not word.endswith(ending) or len(word) - len(ending) < 2:
                continue
            stem = word[: -len(ending)]
        else:
            if word[-1] in _VOWELS:
                continue
            stem = word
        clipping = form_type == "city_adjective" and (ending, replacement) in _DE_CLIPPING_RULES
        yield Generated(
            stem + replacement,
            form_type,
            f"-{ending}→-{replacement}",
            stem if clipping else "",
            int(clipping),
        )


def german_forms(
    word: str, city_like: bool, area_like: bool, demonyms: bool = True, weak: bool = True
) -> list[Generated]:
    """Rule candidates for one lower-case German name word (korea, moskau, saarland)."""
    out: list[Generated] = []
    if area_like:
        out += _apply(word, _DE_ADJECTIVE, "adjective")
        if demonyms:
            out += _apply(word, _DE_DEMONYM, "demonym")
            if weak:
                out += _apply(word, _DE_WEAK_DEMONYM, "demonym")
    if city_like:
        out += _apply(word, _DE_CITY, "city_adjective")
    return out


def english_forms(word: str, city: bool) -> list[Generated]:
    """Rule candidates for one lower-case English name word (korea, boston)."""
    adjective_rules = _EN_CITY_ADJECTIVE if city else _EN_ADJECTIVE
    return [*_apply(word, adjective_rules, "adjective"), *_apply(word, _EN_DEMONYM, "demonym")]


# -- names ---------------------------------------------------------------------------------


def usable_names(place: Place, lang: str) -> list[str]:
    """The place's names in ``lang`` (its preferred name if none is tagged), cleaned of
    qualifiers and filtered to those a derived form could be built on."""
    raw = place.names.get(lang)
    if not raw:
        if place.kind == "region":
            return []  # an untagged region is a GeoNames area (oil fields, parks), not a name
        raw = [place.name]
    out: list[str] = []
    for name in raw:
        name = _PARENTHESIS.sub("", name).strip()
        if place.kind == "city":
            name = _QUALIFIER.sub("", name)
        if lang == "en" and name.lower().startswith("the "):
            name = name[4:]
        if not name or any(ch.isdigit() or ch in ",/&.:;'’" for ch in name):
            continue
        words = name.split()
        if len(words) > 2 or any(len(w) >= 2 and w.isupper() for w in words):
            continue  # descriptive (Vereinigte Arabische Emirate) or an abbreviation (DDR)
        keys = normalize(name).split()
        if (
            any(key in _GENERIC_WORDS[lang] for key in keys)
            or keys[-1].endswith(_GENERIC_ENDINGS[lang])
            or keys[-1] in _COMPASS_NOUNS
        ):
            continue
        if name not in out:
            out.append(name)
    return out


@dataclass(frozen=True, slots=True)
class NameShape:
    """How a name splits for derivation: ``head`` is kept as it is, ``word`` is derived."""

    head: str  # "" | "saudi-" | "costa " | "nord" (German prefix) | "north " (English)
    word: str
    prefixed: bool  # head is a compass-like prefix that carries over


def shape(name: str, lang: str, kind: str) -> NameShape | None:
    """Split a name into an unchanged head and the word the suffix rules apply to."""
    lower = name.lower()
    words = lower.split()
    if len(words) == 2:
        first, last = words
        if lang == "en" and first in _ENGLISH_PREFIXES:
            return NameShape(first + " ", last, True)
        if lang == "de" and first.endswith(("e", "es", "er", "en", "isch")):
            return None  # an adjective opens the name (Fränkische Schweiz)
        if "-" in last:
            return None
        return NameShape(first + " ", last, False)
    if "-" in lower:
        head, _, last = lower.rpartition("-")
        return NameShape(head + "-", last, False)
    if lang == "de" and kind != "city":
        for prefix in _GERMAN_PREFIXES:
            if lower.startswith(prefix) and len(lower) - len(prefix) >= 4:
                return NameShape(prefix, lower[len(prefix) :], True)
    return NameShape("", lower, False)
