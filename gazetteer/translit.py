"""Transliteration of Cyrillic place names into German and English press spellings.

Why: the offline gazetteer stores many names only in Cyrillic (GeoNames alternate
names), while news texts spell them in Latin letters.  German media follow the
Duden / DIN-1460-style press transcription ("Chabarowsk", "Tscheljabinsk"), English
media a simplified BGN/PCGN romanisation ("Khabarovsk", "Chelyabinsk") plus a few
looser news habits ("Russky", "Hasan").  The gazetteer builder runs these functions
on every Cyrillic name and indexes all outputs, so a text's spelling is found even
when no source lists it.

Scope: rule-based transliteration only.  Irregular exonyms (Moskau/Moscow for
Москва, Kiew for Киев, Czernowitz for Чернівці, "Rostov-on-Don") are handled
elsewhere by curated data, not here.

Capitalisation: a word written in ALL CAPS (two or more letters, e.g. "ХМАО")
comes out in all caps ("CHMAO"); otherwise every upper-case Cyrillic letter
becomes a capitalised Latin group ("Щ" -> "Schtsch", "Ж" -> "Zh").

Performance: all rule tables are built once at import; the per-name work is a
single pass over the characters with dictionary look-ups (the module is called on
~1 million names at build time).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import partial

__all__ = [
    "LANGUAGES",
    "all_spellings",
    "guess_language",
    "is_cyrillic",
    "news_variants",
    "to_english",
    "to_german",
]

LANGUAGES = ("ru", "uk", "be", "bg")

# Maximum number of extra spellings returned by news_variants().
MAX_VARIANTS = 6

# ---------------------------------------------------------------------------
# Character classes
# ---------------------------------------------------------------------------

# Apostrophe-like characters used inside Ukrainian/Belarusian words
# (Слов'янськ).  Normalised to "'" and treated like a hard sign.
_APOSTROPHES = "'\u2019\u02bc"

# A Cyrillic word: a run of Cyrillic letters, optionally joined by apostrophes.
_CYR = "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"
_WORD_RE = re.compile(f"[{_CYR}]+(?:[{_APOSTROPHES}][{_CYR}]+)*")
_COMBINING_RE = re.compile("[\u0300-\u036f]")
# Stress marks found in dictionary-style names ("Ха́сан"); removed after NFC.
_STRESS_MARKS = str.maketrans("", "", "\u0300\u0301")

_VOWELS = frozenset("аеёиоуыэюяіїєѣѐѝ")
_SIGNS = frozenset("ьъ'")
_SIBILANTS = frozenset("жчшщ")


def _is_cyrillic_char(ch: str) -> bool:
    o = ord(ch)
    return (
        0x0400 <= o <= 0x052F
        or 0x1C80 <= o <= 0x1C8F
        or 0x2DE0 <= o <= 0x2DFF
        or 0xA640 <= o <= 0xA69F
    )


# ---------------------------------------------------------------------------
# Rule tables
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Table:
    """One precomputed rule set (scheme x language x variant flags)."""

    # Context-free letter -> Latin mapping (lower case keys and values).
    simple: dict[str, str]
    # Letters whose output depends on the previous letter:
    # (word start, after vowel or sign, after consonant, after ж/ч/ш/щ).
    iotated: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)
    # (previous letter, letter) -> output for this letter, e.g. ("ь", "и") -> "ji".
    after: dict[tuple[str, str], str] = field(default_factory=dict)
    # Word-final letter groups with their own output, e.g. "ий" -> "i".
    endings: dict[str, str] = field(default_factory=dict)
    # German: с between vowels -> "ss" (Хасан -> Chassan).
    double_s: bool = False
    # German Russian: й -> "i" or "j" depending on context (see _word()).
    short_i_rule: bool = False


# Compound-initial elements after which с starts a new morpheme and therefore
# stays a single "s" in German (Новосибирск -> Nowosibirsk, not Nowossibirsk).
_S_PREFIX_EXCEPTIONS = frozenset(
    {
        "ново", "нова", "старо", "стара", "бело", "біло", "черно", "красно",
        "верхне", "нижне", "средне", "велико", "мало", "юго", "северо",
        "дальне",
    }
)

# Letters shared by (nearly) all tables; lang-specific tables override them.
_COMMON = {
    "а": "a", "б": "b", "д": "d", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "т": "t", "у": "u", "ф": "f", "ѣ": "e",
    "ѐ": "e", "ѝ": "i", "'": "", "ь": "", "ъ": "",
}

_GERMAN_RU = {
    **_COMMON,
    "в": "w", "г": "g", "ґ": "g", "е": "e", "ё": "jo", "ж": "sch", "з": "s",
    "и": "i", "й": "i", "с": "s", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch",
    "ы": "y", "э": "e", "ю": "ju", "я": "ja", "і": "i", "ї": "ji", "є": "je",
    "ў": "u",
}

_ENGLISH_RU = {
    **_COMMON,
    "в": "v", "г": "g", "ґ": "g", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "с": "s", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ы": "y", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye",
    "ў": "w",
}

# Russian е/ё in German: "je"/"jo" at word start, after vowels and after ь/ъ;
# ё after ж/ч/ш/щ is "o" (Duden: Хрущёв -> Chruschtschow, Щёлково -> Schtscholkowo).
_DE_RU_IOT = {
    "е": ("je", "je", "e", "e"),
    "ё": ("jo", "jo", "jo", "o"),
}
_EN_RU_IOT = {
    "е": ("ye", "ye", "e", "e"),
    # ё -> "yo" everywhere (Shchyolkovo, Korolyov); the frequent news
    # spelling with "e" (Korolev, Khrushchev) is produced by news_variants().
    "ё": ("yo", "yo", "yo", "yo"),
}


def _german_tables() -> dict[str, _Table]:
    soft = {("ь", "и"): "ji", ("ь", "о"): "jo"}
    ru = _Table(
        simple=_GERMAN_RU,
        iotated=_DE_RU_IOT,
        after=soft,
        # Duden: -ий -> -i, -ый -> -y (Русский -> Russki, Грозный -> Grosny).
        endings={"ий": "i", "ый": "y"},
        double_s=True,
        short_i_rule=True,
    )
    # No special case for зг: German Wikipedia writes Згурівка as "Shuriwka".
    uk = _Table(
        simple={**_GERMAN_RU, "г": "h", "е": "e", "и": "y", "й": "j"},
        after={("ь", "о"): "jo"},
        double_s=True,
    )
    be = _Table(
        simple={**_GERMAN_RU, "г": "h", "й": "j", "ў": "u"},
        iotated=_DE_RU_IOT,
        after=soft,
        double_s=True,
    )
    bg = _Table(
        simple={
            **_GERMAN_RU, "е": "e", "ъ": "a", "щ": "scht", "й": "j", "ѝ": "i",
        },
        after={("ь", "о"): "jo"},
        double_s=True,
    )
    return {"ru": ru, "uk": uk, "be": be, "bg": bg}


def _english_tables(
    *,
    kh: str = "kh",
    plain_e: bool = False,
    yo_as_e: bool = False,
    ending_iy: str = "iy",
    ending_yy: str = "yy",
    ending_uk: str | None = None,
    uk_ia: bool = True,
    be_ye_after_consonant: bool = True,
    bg_h: str = "h",
    bg_ia: str = "ia",
) -> dict[str, _Table]:
    """English (BGN/PCGN-style) tables; keyword flags produce news variants."""
    base = {**_ENGLISH_RU, "х": kh}
    soft = {("ь", "и"): "yi", ("ь", "о"): "yo"}

    ye = ("e", "e", "e", "e") if plain_e else _EN_RU_IOT["е"]
    if plain_e:
        # keep "ye" after ь/ъ (Sheremetyevo, Podyezd), drop it elsewhere
        soft = {**soft, ("ь", "е"): "ye", ("ъ", "е"): "ye"}
    yo = ye if yo_as_e else _EN_RU_IOT["ё"]
    if plain_e and yo_as_e:
        soft.update({("ь", "ё"): "ye", ("ъ", "ё"): "ye"})
    ru_endings = {}
    if ending_iy != "iy":
        ru_endings["ий"] = ending_iy
    if ending_yy != "yy":
        ru_endings["ый"] = ending_yy
    ru = _Table(
        simple=base, iotated={"е": ye, "ё": yo}, after=soft, endings=ru_endings
    )

    # Ukrainian national system (used by BGN/PCGN since 2019): є ї ю я й are
    # ye yi yu ya y at word start, ie i iu ia i elsewhere; зг -> zgh.
    if uk_ia:
        uk_iot = {
            "є": ("ye", "ie", "ie", "ie"),
            "ї": ("yi", "i", "i", "i"),
            "ю": ("yu", "iu", "iu", "iu"),
            "я": ("ya", "ia", "ia", "ia"),
            "й": ("y", "i", "i", "i"),
        }
    else:
        # Older BGN/PCGN Ukrainian, still common in news: Zaporizhzhya,
        # Slovyansk, Berdyansk, Kyyiv, Khmelnytskyy.
        uk_iot = {}
    uk = _Table(
        simple={**base, "г": "h", "е": "e", "и": "y"},
        iotated=uk_iot,
        after={("з", "г"): "gh"},
        endings={"ий": ending_uk} if ending_uk else {},
    )

    # Belarusian BGN/PCGN: е -> ye in every position (Homyel, Vitsyebsk,
    # Maladzyechna), ё -> yo, ў -> w (Barysaw, Mahilyow), г -> h.
    be_e = ("ye", "ye", "ye" if be_ye_after_consonant else "e", "e")
    be = _Table(
        simple={**base, "г": "h", "й": "y", "ў": "w"},
        iotated={"е": be_e},
        after={("ь", "о"): "yo"},
    )

    # Bulgarian official Streamlined System (adopted by BGN/PCGN): ъ -> a,
    # щ -> sht, х -> h, ь -> y, word-final -ия -> -ia (София -> Sofia).
    bg = _Table(
        simple={
            **base, "х": bg_h, "е": "e", "ъ": "a", "щ": "sht", "ь": "y",
            "ѝ": "i",
        },
        endings={"ия": bg_ia} if bg_ia != "iya" else {},
    )
    return {"ru": ru, "uk": uk, "be": be, "bg": bg}


_GERMAN = _german_tables()
_ENGLISH = _english_tables()

# German variant: -ий/-ый -> -ij/-yj, a common older German press spelling
# (Russkij, Nischnij Nowgorod, Dostojewskij, Grosnyj).
_GERMAN_IJ = {
    "ru": _Table(
        simple=_GERMAN["ru"].simple,
        iotated=_GERMAN["ru"].iotated,
        after=_GERMAN["ru"].after,
        endings={"ий": "ij", "ый": "yj"},
        double_s=True,
        short_i_rule=True,
    )
}

# news_variants() rules, in priority order (the first MAX_VARIANTS distinct
# results are kept).  Each entry: (languages it applies to, Cyrillic letters of
# which at least one must occur for the rule to change anything, table set).
_VARIANT_RULES: list[tuple[frozenset[str], str, dict[str, _Table]]] = [
    # 1. Adjective ending -iy/-yy simplified to -y: Russky, Nizhny Novgorod,
    #    Grozny, Zhukovsky; Ukrainian -yi -> -y: Khmelnytsky, Kryvy Rih.
    (
        frozenset({"ru", "uk"}),
        "й",
        _english_tables(ending_iy="y", ending_yy="y", ending_uk="y"),
    ),
    # 2. х written "h" (Western/Turkic-influenced spellings): Hasan, Habarovsk.
    (frozenset({"ru"}), "х", _english_tables(kh="h")),
    # 3. е written "e" (not "ye") at word start and after vowels:
    #    Ekaterinburg, Eysk, Dostoevskiy, Naberezhnye Chelny.
    (frozenset({"ru"}), "е", _english_tables(plain_e=True)),
    # 4. ё written as е, as in most Russian print and thus in news:
    #    Korolev, Khrushchev, Gorbachev, Shchelkovo, Artem.
    (frozenset({"ru"}), "ё", _english_tables(yo_as_e=True)),
    # 5. "Popular" spelling combining rules 1, 3 and 4 (the usual English
    #    press form): Dostoevsky, Zhukovsky, Naberezhnye Chelny.
    (
        frozenset({"ru"}),
        "йеё",
        _english_tables(plain_e=True, yo_as_e=True, ending_iy="y", ending_yy="y"),
    ),
    # 6. Ukrainian older BGN/PCGN ya/yu/ye/yi: Zaporizhzhya, Slovyansk.
    (frozenset({"uk"}), "єїюяй", _english_tables(uk_ia=False)),
    # 7. Belarusian е after consonants as plain "e": Homel, Svetlahorsk.
    (frozenset({"be"}), "е", _english_tables(be_ye_after_consonant=False)),
    # 8. German older -ij/-yj endings: Russkij, Nischnij Nowgorod.
    (frozenset({"ru"}), "й", _GERMAN_IJ),
    # 9. Adjective ending -iy -> -ii (library-style without diacritics):
    #    Russkii, Nizhnii Novgorod.
    (frozenset({"ru"}), "й", _english_tables(ending_iy="ii")),
    # 10. Bulgarian older BGN/PCGN: х -> kh (Khaskovo), -ия -> -iya (Sofiya).
    (frozenset({"bg"}), "хя", _english_tables(bg_h="kh", bg_ia="iya")),
]


# ---------------------------------------------------------------------------
# Engine
# ---------------------------------------------------------------------------


def _word(table: _Table, match: re.Match[str]) -> str:
    """Transliterate one Cyrillic word (letters plus inner apostrophes)."""
    word = match.group()
    low = word.lower()
    for ap in _APOSTROPHES[1:]:
        if ap in low:
            low = low.replace(ap, "'")
    n = len(low)
    all_caps = n > 1 and word.isupper()

    simple = table.simple
    iotated = table.iotated
    after = table.after

    # Word-final special groups (-ий, -ый, -ия): only for words longer than
    # the group itself.
    end_at = n
    end_out = ""
    if table.endings and n > 2:
        group = table.endings.get(low[-2:])
        if group is not None:
            end_at = n - 2
            end_out = group

    out: list[str] = []
    cap_pending = False
    prev = ""
    for i in range(end_at):
        c = low[i]
        if prev and (prev, c) in after:
            form = after[(prev, c)]
        elif c in iotated:
            forms = iotated[c]
            if not prev:
                form = forms[0]
            elif prev in _VOWELS or prev in _SIGNS:
                form = forms[1]
            elif prev in _SIBILANTS:
                form = forms[3]
            else:
                form = forms[2]
        elif c == "с" and table.double_s:
            nxt = low[i + 1] if i + 1 < n else ""
            if (
                prev in _VOWELS
                and nxt in _VOWELS
                and low[:i] not in _S_PREFIX_EXCEPTIONS
            ):
                form = "ss"
            else:
                form = "s"
        elif c == "й" and table.short_i_rule:
            # Duden: й is "j" before a vowel (Йошкар-Ола -> Joschkar-Ola) and
            # after и/ы inside a word (Бийск -> Bijsk, Уссурийск -> Ussurijsk),
            # otherwise "i" (Толстой -> Tolstoi, Ейск -> Jeisk).
            nxt = low[i + 1] if i + 1 < n else ""
            form = "j" if nxt in _VOWELS or prev in ("и", "ы") else "i"
        else:
            form = simple.get(c)
            if form is None:  # letter without a rule: keep it as written
                out.append(word[i])
                prev = c
                cap_pending = False
                continue

        if all_caps:
            form = form.upper()
        elif form and (cap_pending or word[i].isupper()):
            form = form[0].upper() + form[1:]
            cap_pending = False
        elif not form and word[i].isupper():
            cap_pending = True
        out.append(form)
        prev = c

    if end_at < n:
        if all_caps:
            end_out = end_out.upper()
        elif word[end_at].isupper() or cap_pending:
            end_out = end_out[:1].upper() + end_out[1:]
        out.append(end_out)
    return "".join(out)


def _prepare(name: str) -> str:
    """NFC-normalise and drop stress accents so й/ё are single code points."""
    if _COMBINING_RE.search(name):
        name = unicodedata.normalize("NFC", name).translate(_STRESS_MARKS)
    return name


def _apply(name: str, table: _Table) -> str:
    return _WORD_RE.sub(partial(_word, table), name)


def _check_lang(lang: str) -> str:
    code = lang.lower()
    if code not in _GERMAN:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGUAGES}")
    return code


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def is_cyrillic(name: str) -> bool:
    """True when most letters of ``name`` are Cyrillic (so it needs transliteration)."""
    cyr = other = 0
    for ch in name:
        if ch.isalpha():
            if _is_cyrillic_char(ch):
                cyr += 1
            else:
                other += 1
    return cyr > other


def to_german(name: str, lang: str = "ru") -> str:
    """German press (Duden-style) spelling, e.g. Хабаровск -> Chabarowsk.

    German news spell Russian, Ukrainian, Belarusian and Bulgarian places this
    way; the gazetteer indexes it so German texts match Cyrillic-only entries.
    Non-Cyrillic characters, spaces and hyphens pass through unchanged.
    """
    return _apply(_prepare(name), _GERMAN[_check_lang(lang)])


def to_english(name: str, lang: str = "ru") -> str:
    """Simplified BGN/PCGN spelling (no diacritics/apostrophes), e.g. Хабаровск -> Khabarovsk.

    Ukrainian uses the national system adopted by BGN/PCGN (Zaporizhzhia, Kyiv),
    Bulgarian the official Streamlined System (Haskovo, Targovishte).
    """
    return _apply(_prepare(name), _ENGLISH[_check_lang(lang)])


def news_variants(name: str, lang: str = "ru") -> list[str]:
    """Further spellings common in news (Russky, Hasan, Ekaterinburg, Korolev ...).

    Returns at most MAX_VARIANTS strings, sorted and deduplicated, excluding the
    to_german() and to_english() outputs (index those separately, or use
    all_spellings()).  Each rule is documented in _VARIANT_RULES.
    """
    code = _check_lang(lang)
    name = _prepare(name)
    if not any(_is_cyrillic_char(ch) for ch in name):
        return []
    primary = {
        _apply(name, _GERMAN[code]),
        _apply(name, _ENGLISH[code]),
    }
    low = name.lower()
    found: list[str] = []
    for langs, triggers, tables in _VARIANT_RULES:
        if code not in langs or not any(ch in low for ch in triggers):
            continue
        variant = _apply(name, tables[code])
        if variant not in primary and variant not in found:
            found.append(variant)
            if len(found) == MAX_VARIANTS:
                break
    return sorted(found)


def all_spellings(name: str, lang: str | None = None) -> list[str]:
    """German, English and news spellings of ``name`` in one sorted list.

    Convenience for the gazetteer builder; ``lang=None`` uses guess_language().
    """
    code = guess_language(name) if lang is None else _check_lang(lang)
    spellings = {to_german(name, code), to_english(name, code)}
    spellings.update(news_variants(name, code))
    return sorted(spellings)


def guess_language(name: str) -> str:
    """Best-guess source language of a Cyrillic name, so callers pick the right rules.

    ў -> "be"; ї/є/ґ -> "uk"; і together with ы/э/ё -> "be" (Ukrainian has
    none of those), і alone -> "uk"; ъ before a consonant or ѝ -> "bg" (Russian
    uses ъ only before е/ё/ю/я); anything else -> "ru" (default).
    """
    low = name.lower()
    if "ў" in low:
        return "be"
    if "ї" in low or "є" in low or "ґ" in low:
        return "uk"
    if "і" in low:
        if "ы" in low or "э" in low or "ё" in low:
            return "be"
        return "uk"
    if "ѝ" in low:
        return "bg"
    if "ъ" in low:
        idx = low.find("ъ")
        while idx != -1:
            nxt = low[idx + 1 : idx + 2]
            if nxt and _is_cyrillic_char(nxt) and nxt not in _VOWELS:
                return "bg"
            idx = low.find("ъ", idx + 1)
    return "ru"
