"""Inflected forms of movement verbs, generated from their principal parts.

A lexicon keyed by lemma has to recognise "traf … ein", "eingetroffen", "eintrifft" and
"einzutreffen" as one verb, and "left", "leaving", "leaves" as another. Listing every form by
hand is error-prone; German and English inflection is regular enough to generate them from
the forms a dictionary gives (infinitive, third person present, past, participle).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

# How a form is used: finite forms of a separable verb need their particle later in the
# clause ("rollte … ein"); joined forms carry it ("einrollen", "eingerollt").
FINITE, JOINED, PARTICIPLE, INFINITIVE, GERUND = "finite", "joined", "participle", "inf", "ger"


@dataclass(frozen=True, slots=True)
class Form:
    word: str
    use: str  # FINITE, JOINED, PARTICIPLE, INFINITIVE, GERUND
    particle: str = ""  # the separated particle a FINITE form needs later in the clause
    past: bool = False


def _german_stem(infinitive: str) -> str:
    if infinitive.endswith(("eln", "ern")):
        return infinitive[:-1]
    return infinitive[:-2] if infinitive.endswith("en") else infinitive[:-1]


def _german_endings(stem: str) -> tuple[str, ...]:
    """Present endings of a stem (reisen → reise, reist, reisen, reiset; landen → landet)."""
    dental = stem.endswith(("t", "d")) or (
        stem.endswith(("m", "n")) and stem[-2:-1] not in "aeiouäöülrhmn"
    )
    sibilant = stem.endswith(("s", "ß", "z", "x"))
    second = "est" if dental else ("t" if sibilant else "st")
    third = "et" if dental else "t"
    plural = stem + "n" if stem.endswith(("el", "er")) else stem + "en"  # wandern, reisen
    return (stem + "e", stem + second, stem + third, plural)


def german_forms(
    infinitive: str, third: str, past: str, participle: str, particle: str = ""
) -> Iterator[Form]:
    """Every form of a German verb given without its separable ``particle``:
    ``german_forms("treffen", "trifft", "traf", "getroffen", "ein")``."""
    stem = _german_stem(infinitive)
    finite = set(_german_endings(stem))
    if third != stem + "t":  # a changed vowel (trifft, fährt): its second person too
        finite.update({third, third[:-1] + "st" if third.endswith("t") else third + "st"})
        if third.endswith("tt"):
            finite.add(third[:-1] + "st")
    if past.endswith("e"):  # weak: reiste, reisten, reistest
        past_forms = {past, past + "n", past + "st", past + "t"}
    else:  # strong: kam, kamen, kamst, kamt
        past_forms = {past, past + "en", past + "st", past + "t"}
    for form in sorted(finite):
        yield Form(form, FINITE, particle)
        if particle:
            yield Form(particle + form, JOINED)  # subordinate clause: "wo er eintrifft"
    for form in sorted(past_forms):
        yield Form(form, FINITE, particle, past=True)
        if particle:
            yield Form(particle + form, JOINED, past=True)
    yield Form(particle + participle, PARTICIPLE, past=True)
    yield Form(particle + infinitive, INFINITIVE)
    if particle:
        yield Form(particle + "zu" + infinitive, INFINITIVE)
        yield Form(particle + infinitive + "d", GERUND)  # "aus London kommend"
    else:
        yield Form(infinitive + "d", GERUND)


def english_forms(base: str, third: str = "", past: str = "", participle: str = "",
                  gerund: str = "") -> Iterator[Form]:
    """Every form of an English verb; irregular parts are given, regular ones derived
    (arrive → arrives, arrived, arriving; travel → travelled and traveled)."""
    if not third:
        third = base + ("es" if base.endswith(("s", "sh", "ch", "x", "o")) else "s")
        if base.endswith("y") and base[-2:-1] not in "aeiou":
            third = base[:-1] + "ies"
    if not gerund:
        gerund = (base[:-1] if base.endswith("e") and not base.endswith("ee") else base) + "ing"
    if not past:
        if base.endswith("e"):
            past = base + "d"
        elif base.endswith("y") and base[-2:-1] not in "aeiou":
            past = base[:-1] + "ied"
        else:
            past = base + "ed"
    participle = participle or past
    yield Form(base, FINITE)
    yield Form(third, FINITE)
    yield Form(gerund, GERUND)
    yield Form(past, FINITE, past=True)
    if participle != past:
        yield Form(participle, PARTICIPLE, past=True)
    else:
        yield Form(past, PARTICIPLE, past=True)
    if base.endswith("l") and not base.endswith("ll"):  # travelled / traveled
        yield Form(base + "led", FINITE, past=True)
        yield Form(base + "ling", GERUND)
