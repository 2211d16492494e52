"""Component: every token run whose keys spell a gazetteer name — through German inflection
(Russlands, koreanischen Halbinsel, Nahen Osten), a qualifier in brackets (Frankfurt (Oder))
and English generic words for post-Soviet units (Primorsky region → Primorsky Krai).

It only finds; whether a match is a mention is the decision's job.
"""

from __future__ import annotations

from collections.abc import Iterator

from storymap.geoparse.recognition.document import Document, Recognised
from storymap.geoparse.recognition.lookups import Lookups
from storymap.geoparse.recognition.tokens import Tokens, joinable
from storymap.geoparse.recognition.vocabulary import MAX_NAME_TOKENS, POST_SOVIET_GENERICS


class GazetteerNames:
    """Walks the gazetteer's name index from every token that can open a name."""

    def __init__(self, lookups: Lookups) -> None:
        self.lookups = lookups

    def __call__(self, doc: Document) -> None:
        tokens, lang = doc.tokens, doc.lang
        found: list[Recognised] = []
        openers: Iterator[int] | list[int] = tokens.where("openings")
        if lang == "en":
            generic_at = tokens.where("post_soviet_generic")
            openers = sorted(set(openers).union(j - 1 for j in generic_at if j > 0))
        for i in openers:
            self._names_from(tokens, i, found)
            if lang == "en" and tokens.caps[i] and i + 1 < tokens.size:
                self._post_soviet_name(tokens, i, found)
        doc.matches = found

    def _names_from(self, doc: Tokens, i: int, found: list[Recognised]) -> None:
        """Every name starting at token ``i``, walking the name index token by token
        (depth first; a form's longer names follow it)."""
        for form, single, continues in doc.words[i].openings:
            if single:
                found.append(Recognised(doc.starts[i], doc.ends[i], "", form, False, i, i))
            if continues:
                self._longer_names(doc, i, i, form, found)

    def _longer_names(
        self, doc: Tokens, i: int, j: int, prefix: str, found: list[Recognised]
    ) -> None:
        """Names that continue ``prefix`` (tokens i..j) with the next token's forms."""
        nxt = j + 1
        if nxt >= doc.size or nxt - i >= MAX_NAME_TOKENS:
            return
        # "Frankfurt (Oder)", "Halle (Saale)": a qualifier in brackets closes the name.
        bracketed = (
            doc.gaps[nxt] == " ("
            and doc.caps[nxt]
            and doc.text[doc.ends[nxt] : doc.ends[nxt] + 1] == ")"
        )
        if not (bracketed or joinable(doc.gaps[nxt])):
            return
        # A name opened by a declined adjective must end capitalised (koreanischen Halbinsel).
        may_end = doc.caps[i] or doc.caps[nxt]
        end = doc.ends[nxt] + 1 if bracketed else doc.ends[nxt]
        for form in reversed(doc.words[nxt].variants):
            name = prefix + " " + form
            is_key, continues = self.lookups.key_facts(name)
            if is_key and may_end:
                found.append(Recognised(doc.starts[i], end, "", name, False, i, nxt))
            if bracketed:
                continue  # nothing continues past the closing bracket
            if continues:
                self._longer_names(doc, i, nxt, name, found)

    def _post_soviet_name(self, doc: Tokens, i: int, found: list[Recognised]) -> None:
        """English "Primorsky region" for the gazetteer's Primorsky Krai."""
        if not doc.words[i + 1].post_soviet_generic:
            return
        key = doc.keys[i]
        # "district's": the possessive's variants hold the bare generic word
        english = next(v for v in doc.words[i + 1].variants if v in POST_SOVIET_GENERICS)
        for generic in POST_SOVIET_GENERICS[english]:
            for stem in dict.fromkeys((key, key.replace("sky", "skiy"))):  # fixed order
                name = f"{stem} {generic}"
                if self.lookups.gazetteer.has_key(name):
                    found.append(
                        Recognised(doc.starts[i], doc.ends[i + 1], "", name, False, i, i + 1)
                    )
