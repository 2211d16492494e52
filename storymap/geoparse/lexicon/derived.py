"""The runtime side of the derived-forms lexicon: token → place for russischen, Moskauer,
Koreans.

The table is generated offline (``python -m storymap.geoparse.lexicon.build``) so that
recognition needs neither the rules nor wordfreq: loading is one small TSV read into a
dict. Inflection is stripped here rather than stored, because a German adjective has five
endings and a demonym a plural and a feminine: storing the
base form keeps the table small and the build auditable. Only exact matches after stripping
count, so a word that merely starts like a form (Russland-besuch, Stadt) never matches.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
LEXICON_FILE = DATA_DIR / "derived_forms.tsv"
TSV_HEADER = ("form", "lang", "type", "place_id", "place_name", "zipf")
# adjective: declinable German -isch stem or English adjective (russisch, Russian)
# demonym: person noun (Russe, Koreaner, Pole)
# city_adjective: German invariant -er form, also the inhabitant (Moskauer, Münchner)
# stem: first part of a compound (Sowjet-, Nahost-, US-)
TYPES = ("adjective", "demonym", "city_adjective", "stem")

_ADJECTIVE = frozenset({"adjective"})
_PERSON = frozenset({"demonym", "city_adjective"})
_DEMONYM = frozenset({"demonym"})
_ADJECTIVE_OR_DEMONYM = frozenset({"adjective", "demonym"})
# (ending of the token, what replaces it, types whose base form may take that ending),
# longest ending first. German: adjective declension (russisch|en), demonym and city plural,
# genitive and feminine (Russe|n, Russ|in → Russe, Japaner|innen, Berliner|s, Jemenit|en).
_ENDINGS: dict[str, tuple[tuple[str, str, frozenset[str]], ...]] = {
    "de": (
        ("innen", "", _PERSON),
        ("innen", "e", _DEMONYM),
        ("em", "", _ADJECTIVE),
        ("en", "", _ADJECTIVE_OR_DEMONYM),
        ("er", "", _ADJECTIVE),
        ("es", "", _ADJECTIVE),
        ("in", "", _PERSON),
        ("in", "e", _DEMONYM),
        ("e", "", _ADJECTIVE),
        ("n", "", _PERSON),
        ("s", "", _PERSON),
    ),
    # English: plural (Koreans, Russians), -men plurals (Frenchmen).
    "en": (
        ("men", "man", _DEMONYM),
        ("s", "", _ADJECTIVE_OR_DEMONYM),
    ),
}
_MIN_BASE = 3


@dataclass(frozen=True, slots=True)
class DerivedForm:
    """A derived form and the place it names."""

    form: str  # normalised key of the uninflected form (russisch, moskauer, north korean)
    lang: str
    type: str
    place_id: str
    place_name: str  # the place's name in ``lang``
    zipf: float  # how common the form is (wordfreq, best inflection); informative only

    @property
    def capitalised(self) -> bool:
        """Whether the form is written with a capital: all English forms and German nouns
        and -er forms; German adjectives are lower case unless they open a sentence or name."""
        return self.lang == "en" or self.type != "adjective"

    @property
    def tokens(self) -> int:
        return self.form.count(" ") + 1


class DerivedLexicon:
    """Lookup of derived place forms by normalised token (``gazetteer.normalize`` keys)."""

    def __init__(self, forms: dict[tuple[str, str], DerivedForm]) -> None:
        self._forms = forms
        # Longest form in tokens (North Korean, US-amerikanisch: 2); a recogniser that wants
        # multi-token forms joins up to this many token keys with spaces.
        self.max_tokens = max((form.tokens for form in forms.values()), default=1)

    @classmethod
    def load(cls, path: Path | None = None) -> DerivedLexicon:
        """The packaged lexicon (read once per process and path)."""
        target = path or LEXICON_FILE
        cached = _CACHE.get(target)
        if cached is None:
            cached = _CACHE[target] = cls.from_tsv(target.read_text(encoding="utf-8"))
        return cached

    @classmethod
    def from_tsv(cls, text: str) -> DerivedLexicon:
        lines = text.splitlines()
        if not lines or tuple(lines[0].split("\t")) != TSV_HEADER:
            raise ValueError("derived forms TSV: unexpected header")
        forms: dict[tuple[str, str], DerivedForm] = {}
        for line in lines[1:]:
            form, lang, form_type, place_id, place_name, zipf = line.split("\t")
            forms[(lang, form)] = DerivedForm(
                form, lang, form_type, place_id, place_name, float(zipf)
            )
        return cls(forms)

    def __len__(self) -> int:
        return len(self._forms)

    def __iter__(self) -> Iterator[DerivedForm]:
        return iter(self._forms.values())

    def lookup(self, token_key: str, lang: str) -> DerivedForm | None:
        """The derived form a normalised token spells, inflection stripped (russischen →
        russisch → Russia, Münchnerin → münchner, Koreans → korean); None if none does.

        ``token_key`` may also be several token keys joined by single spaces (north koreans).
        """
        forms = self._forms
        found = forms.get((lang, token_key))
        if found is not None:
            return found
        for ending, restore, types in _ENDINGS.get(lang, ()):
            if not token_key.endswith(ending) or len(token_key) - len(ending) < _MIN_BASE:
                continue
            found = forms.get((lang, token_key[: -len(ending)] + restore))
            if found is not None and found.type in types:
                return found
        return None

    def stem(self, head: str, lang: str) -> DerivedForm | None:
        """The compound first part ``head`` spells exactly (sowjet, nahost), or None."""
        found = self._forms.get((lang, head))
        return found if found is not None and found.type == "stem" else None


_CACHE: dict[Path, DerivedLexicon] = {}
