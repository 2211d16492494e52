"""Who moves: the subject of each movement clause, and the story's main traveller.

A clause's mover is its subject, found by position: in German the first noun phrase outside
a prepositional phrase (before the finite verb, or right after it when an adverbial opens
the clause: "Am Montag reist Merkel weiter"); in English the noun phrase before the verb.
A person is known by the words of their name (Kim Jong Un and Kim are one mover); a pronoun
is the person named last; a definite description (der 87-Jährige, the pontiff, das Schiff)
is the traveller; an indefinite or quantified one (ein Vater, Zehntausende Menschen,
another boat) is someone else once the story has a traveller. The main traveller is the
mover of most movement events; events of other named movers are dropped, never merged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from storymap.geoparse.lexicon.first_names import is_first_name
from storymap.geoparse.lexicon.nouns import NounClass, noun_classes
from storymap.geoparse.words import zipf
from storymap.journey import lexicon as lx
from storymap.journey.clauses import Token

_PERSON_CLASSES = int(NounClass.FIRST_NAME | NounClass.SURNAME)
_WORD_CLASSES = int(NounClass.COMMON | NounClass.PLACE | NounClass.ABBREVIATION)
NAME, PRONOUN, NARRATOR, DESCRIPTION, OTHER = "name", "pronoun", "narrator", "description", "other"
# Words that open a clause but are no part of its subject.
_SKIPPABLE_DE = frozenset({
    "auch", "noch", "nun", "jetzt", "bereits", "schon", "dann", "danach", "zunächst", "erst",
    "zuvor", "dort", "hier", "so", "also", "aber", "doch", "und", "sondern", "oder", "denn",
    "wieder", "erneut", "zudem", "außerdem", "inzwischen", "schließlich", "anschließend",
    "sich", "nicht", "nur", "gemeinsam", "heute", "gestern", "morgen", "endlich",
})
# Nouns of time head adverbials, not subjects ("Einen Tag später überquerte er …").
_TIME_NOUNS_DE = frozenset({
    "tag", "tage", "tagen", "tages", "woche", "wochen", "monat", "monate", "monaten", "jahr",
    "jahre", "jahren", "stunde", "stunden", "minute", "minuten", "nacht", "nächte", "abend",
    "morgen", "mittag", "nachmittag", "vormittag", "wochenende", "zeit", "uhr", "mal",
})
_SKIPPABLE_EN = frozenset({
    "also", "then", "still", "now", "already", "finally", "later", "eventually", "and",
    "but", "just", "first", "again", "soon", "reportedly", "yesterday", "today", "once",
})
_PREPOSITIONS_DE = frozenset({
    "mit", "für", "gegen", "ohne", "wegen", "laut", "trotz", "während", "seit", "unter",
    "neben", "hinter", "zwischen", "gegenüber", "um", "per", "samt", "je", "pro", "innerhalb",
    "als",
})
_PREPOSITIONS_EN = frozenset({
    "with", "for", "by", "of", "about", "during", "after", "before", "under", "among",
    "since", "like", "despite", "within", "without", "per", "upon", "aboard", "amid", "as",
})


@dataclass(frozen=True, slots=True)
class Mover:
    kind: str  # NAME, PRONOUN, NARRATOR, DESCRIPTION, OTHER
    words: frozenset[str]  # a name's words (lower case), or the description's noun
    text: str


def is_name(token: Token, lang: str, sentence_start: bool) -> bool:
    """A capitalised word that is no common word: part of a person's or a thing's name."""
    if not token.cap or not token.word or token.mention >= 0 or (token.text.isupper() and \
            len(token.text) > 3):
        return False
    info = token.info
    if info.flags or info.predicates or info.role is not None or info.month or \
            info.weekday is not None:
        return False
    if lang == "de":
        classes = noun_classes(token.text)
        if classes & _PERSON_CLASSES:
            return True
        if classes & _WORD_CLASSES:
            return False
        if is_first_name(token.text):
            return True
        return not _german_compound(token.text)
    if is_first_name(token.text):
        return True
    # a capitalised rare word: a name; at a sentence's start only a rarer one (Amundsen set
    # sail …, not "Officers searched …")
    return zipf(token.low, "en") < (3.0 if sentence_start else 4.0)


@lru_cache(maxsize=16_384)
def _german_compound(word: str) -> bool:
    """Werftaufenthalts, Spezialkräfte: a word ending in a common noun is a compound noun,
    not a name (Wiktionary lists the parts, not every compound)."""
    for split in range(3, len(word) - 4):
        head = word[split:].capitalize()
        if noun_classes(head) & NounClass.COMMON or noun_classes(head.rstrip("s")) & \
                NounClass.COMMON:
            return True
    return zipf(word.lower(), "de") >= 3.0


def subject(tokens: Sequence[Token], clause: Sequence[int], predicate: int, lang: str,
            sentence_start: int) -> Mover | None:
    """The mover of the clause whose predicate is ``tokens[predicate]``."""
    if lang == "en":
        return _subject_en(tokens, clause, predicate, sentence_start)
    return _subject_de(tokens, clause, predicate, sentence_start)


def _phrase(tokens: Sequence[Token], clause: Sequence[int], at: int, lang: str,
            sentence_start: int) -> Mover | None:
    """The noun phrase whose first word is ``clause[at]``, as a mover."""
    token = tokens[clause[at]]
    flags = token.info.flags
    if flags & lx.FIRST_PERSON:
        return Mover(NARRATOR, frozenset({"narrator"}), token.text)
    if flags & lx.PRONOUN:
        if token.low == "es":  # "es geht nach …", "ging es weiter": impersonal
            return Mover(DESCRIPTION, frozenset({"es"}), token.text)
        if token.low == "they" or (token.low == "sie" and _plural_verb(tokens, clause, at)):
            return Mover(DESCRIPTION, frozenset({"they"}), token.text)  # a group, not a name
        return Mover(PRONOUN, frozenset(), token.text)
    words: list[str] = []
    other = bool(flags & (lx.INDEFINITE | lx.QUANTIFIER | lx.POSSESSIVE))
    texts = []
    for index in clause[at:at + 6]:
        word = tokens[index]
        if not word.word:
            if word.text in ("-", "‑") and words:
                continue
            break
        starts = index == sentence_start
        if is_name(word, lang, starts):
            words.append(word.low.removesuffix("'s").removesuffix("’s"))
            texts.append(word.text)
            continue
        if words:
            break
        if word.mention >= 0:
            return None  # a place is the subject: it does not travel
        if word.info.flags & (lx.INDEFINITE | lx.QUANTIFIER | lx.POSSESSIVE):
            other = True
            texts.append(word.text)
            continue
        if word.info.flags & lx.DET or (not word.cap and lang == "de") or word.text.isdigit():
            texts.append(word.text)
            continue
        if lang == "en" and not word.cap and not word.info.predicates and \
                word.info.role is None and not word.info.flags & lx.MOVER:
            texts.append(word.text)  # an adjective
            continue
        texts.append(word.text)
        noun = word.low
        named = _name_after(tokens, clause, clause.index(index) + 1, lang)
        if named:  # a title before a name: "Machthaber Kim Jong Un", "President Obama"
            return Mover(OTHER if other else NAME, frozenset(w.low for w in named),
                         " ".join([*texts, *(w.text for w in named)]))
        if other:
            return Mover(OTHER, frozenset({noun}), " ".join(texts))
        return Mover(DESCRIPTION, frozenset({noun}), " ".join(texts))
    if words:
        kind = OTHER if other else NAME
        return Mover(kind, frozenset(words), " ".join(texts))
    return None


def _adverb(token: Token) -> bool:
    """A capitalised first word that is no noun but a common word (Rund, Seither, Schon)."""
    return not token.info.flags and token.info.role is None and not noun_classes(
        token.text) and zipf(token.low, "de") >= 3.5


_RELATIONS = frozenset({
    "mann", "mannes", "frau", "ehemann", "ehemannes", "ehefrau", "sohn", "sohnes", "tochter",
    "vater", "vaters", "mutter", "bruder", "bruders", "schwester", "husband", "wife", "son",
    "daughter", "father", "mother", "brother", "sister",
})
_POSSESSORS = frozenset({
    "ihres", "ihrem", "ihren", "ihr", "ihre", "seines", "seinem", "seinen", "sein", "seine",
    "her", "his", "their",
})


def _relative_of_someone(tokens: Sequence[Token], start: int) -> bool:
    """"ihres Mannes Carl", "her husband Carl": a person named by their relation to the
    one the text is about, who stays the one "sie"/"she" refers to."""
    return start >= 2 and tokens[start - 1].low in _RELATIONS and \
        tokens[start - 2].low in _POSSESSORS


def _plural_verb(tokens: Sequence[Token], clause: Sequence[int], at: int) -> bool:
    """German "sie" with a plural verb next to it (sie sollen, sind sie) is "they"."""
    for index in (*clause[at + 1:at + 2], *clause[max(0, at - 1):at]):
        token = tokens[index]
        word = token.low
        verb = bool(token.info.predicates) or bool(token.info.flags & (
            lx.PERFECT | lx.PLUPERFECT | lx.FUTURE))  # not "sie den Hafen"
        if (verb and token.word and not token.cap and word.endswith(("en", "nd"))) \
                or word in ("sind", "waren", "haben", "hatten", "wollen", "sollen", "werden"):
            return True
    return False


def _name_after(tokens: Sequence[Token], clause: Sequence[int], at: int, lang: str
                ) -> list[Token]:
    names = []
    for index in clause[at:at + 4]:
        token = tokens[index]
        if not is_name(token, lang, False):
            break
        names.append(token)
    return names


def _genitive_attribute(tokens: Sequence[Token], index: int) -> bool:
    """Nordkoreas Machthaber: a place in the genitive before the subject's noun."""
    token = tokens[index]
    nxt = tokens[index + 1] if index + 1 < len(tokens) else None
    return token.low.endswith("s") and nxt is not None and nxt.word and nxt.cap and \
        nxt.mention < 0


def _subject_de(tokens: Sequence[Token], clause: Sequence[int], predicate: int,
                sentence_start: int) -> Mover | None:
    in_phrase = False
    seen_verb = False
    brackets = 0
    for at, index in enumerate(clause):
        token = tokens[index]
        if token.text in ("(", "["):
            brackets += 1
        elif token.text in (")", "]"):
            brackets = max(0, brackets - 1)
        if brackets:
            continue
        if index == predicate or (token.info.predicates and not token.cap):
            seen_verb = True
            continue
        if not token.word:
            continue
        low = token.low
        if token.info.role is not None or low in _PREPOSITIONS_DE:
            in_phrase = True
            continue
        if in_phrase:
            if token.cap or token.mention >= 0:
                in_phrase = _phrase_goes_on(tokens, clause, at)
            continue
        following = tokens[clause[at + 1]].low if at + 1 < len(clause) else ""
        if low in _TIME_NOUNS_DE or token.info.weekday is not None or token.info.month or (
            index == sentence_start and _adverb(token)
        ) or (token.info.flags & (lx.DET | lx.INDEFINITE) and following in _TIME_NOUNS_DE):
            in_phrase = low in _TIME_NOUNS_DE  # "einen Tag später", "Rund 14 Tage hielt …"
            continue
        if low in _SKIPPABLE_DE or token.info.flags & (lx.PERFECT | lx.PLUPERFECT | lx.FUTURE
                                                      | lx.SUBORD | lx.COORD | lx.NEGATION):
            if token.info.flags & (lx.PERFECT | lx.PLUPERFECT | lx.FUTURE):
                seen_verb = True
            continue
        if not token.cap and not token.info.flags & (lx.PRONOUN | lx.FIRST_PERSON | lx.DET
                                                    | lx.INDEFINITE | lx.QUANTIFIER
                                                    | lx.POSSESSIVE):
            if seen_verb and at > 8:
                return None
            continue
        if token.mention >= 0 and _genitive_attribute(tokens, index):
            continue
        mover = _phrase(tokens, clause, at, "de", sentence_start)
        if mover is not None or token.mention >= 0:
            return mover
    return None


def _phrase_goes_on(tokens: Sequence[Token], clause: Sequence[int], at: int) -> bool:
    """A prepositional phrase continues over a genitive (im Norden Marokkos) or a name of
    several words; it ends after its noun."""
    if at + 1 >= len(clause):
        return False
    nxt = tokens[clause[at + 1]]
    if nxt.low in ("des", "eines"):  # im Verlauf des Abends
        return True
    return nxt.mention >= 0 and tokens[clause[at]].mention >= 0


def _subject_en(tokens: Sequence[Token], clause: Sequence[int], predicate: int,
                sentence_start: int) -> Mover | None:
    position = clause.index(predicate) if predicate in clause else len(clause)
    # the noun phrase before the verb: walk back over auxiliaries and adverbs
    at = position - 1
    while at >= 0:
        token = tokens[clause[at]]
        if token.low in _SKIPPABLE_EN or token.info.flags & (
            lx.PERFECT | lx.PLUPERFECT | lx.FUTURE | lx.NEGATION
        ) or token.low in ("was", "were", "is", "are", "be", "been", "has", "have", "had",
                           "to", "would", "could", "may", "might", "must", "can", "should"):
            at -= 1
            continue
        break
    end = at
    while at >= 0:
        token = tokens[clause[at]]
        if not token.word or token.info.role is not None or token.low in _PREPOSITIONS_EN or \
                token.info.flags & (lx.SUBORD | lx.COORD):
            break
        at -= 1
    start = at + 1
    if start > end:
        return None
    for offset in range(start, end + 1):  # the first word that makes a mover
        mover = _phrase(tokens, clause, offset, "en", sentence_start)
        if mover is not None:
            return mover
        if tokens[clause[offset]].mention >= 0:
            return None
    return None


@dataclass(slots=True)
class Coreference:
    """Resolves pronouns to the person named last (in any role), and name words to the
    people the text has named in full (Obama → Barack Obama)."""

    last_person: frozenset[str] = frozenset()
    persons: set[str] = field(default_factory=set)  # words of names known to be people

    def see(self, tokens: Sequence[Token], lang: str, sentence_start: int) -> None:
        """Remember the people ``tokens`` name: a name with a first name (Barack Obama) or
        after a title (Präsident Macron, Machthaber Kim Jong Un); the last one is who a
        pronoun means."""
        run: list[Token] = []
        for index, token in enumerate([*tokens, None]):
            if token is not None and is_name(token, lang, index == sentence_start):
                run.append(token)
                continue
            if run:
                start = tokens.index(run[0])
                titled = start > 0 and bool(tokens[start - 1].info.flags & lx.MOVER)
                words = frozenset(t.low.removesuffix("'s").removesuffix("’s") for t in run)
                # a first name opens a person's name (Barack Obama; not "Piako River")
                if titled or is_first_name(run[0].text) or words & self.persons:
                    self.persons.update(words)
                    if not _relative_of_someone(tokens, start):
                        self.last_person = words
            run = []

    def is_person(self, mover: Mover) -> bool:
        return bool(mover.words & self.persons)

    def resolve(self, mover: Mover | None) -> Mover | None:
        if mover is not None and mover.kind == PRONOUN and self.last_person:
            return Mover(NAME, self.last_person, mover.text)
        return mover


def main_traveller(movers: Sequence[frozenset[str]]) -> frozenset[str] | None:
    """The name that moves most: name words that share a word count as one person (Kim
    Jong Un, Kim); ties go to the one named first."""
    groups: list[set[str]] = []
    counts: Counter[int] = Counter()
    for words in movers:
        for number, group in enumerate(groups):
            if group & words:
                group.update(words)
                counts[number] += 1
                break
        else:
            groups.append(set(words))
            counts[len(groups) - 1] += 1
    if not counts:
        return None
    best = max(counts, key=lambda number: (counts[number], -number))
    return frozenset(groups[best])
