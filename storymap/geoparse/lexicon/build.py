"""Build the lexicon of derived place forms: ``python -m storymap.geoparse.lexicon.build``.

German and English name places far more often through derived words than through the names
themselves (russischen, Moskauer, North Korean). The suffixes that derive them are few and
regular (Syrien → syrisch, Korea → koreanisch, Moskau → Moskauer), but which of the possible
suffixes a language actually uses is not predictable (malisch, not malinisch). So the builder
generates every candidate the rules allow for every relevant gazetteer place and keeps a
candidate only if it is a real word: wordfreq knows it well enough (``ZIPF_THRESHOLD``),
counting its inflected forms, since German adjectives rarely occur bare. Forms no rule reaches
(deutsch, Münchner, Muscovite) come from the curated ``data/irregular_forms.tsv``; they win
over rule-made ones. Real words that a rule reaches but that mean something else first
(Indianer, Hammer, Victorian) are caught by frequency guards where possible and listed in
``FALSE_FRIENDS`` otherwise. A form claimed by several places goes to the most prominent,
except that a city beats the admin-1 unit it names (Berliner → the city Berlin); each conflict
is logged.

The output, ``data/derived_forms.tsv``, is sorted and depends only on the gazetteer, the
irregular table, the rules below and the pinned wordfreq data: same inputs, same bytes.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from gazetteer import Candidate, Gazetteer, Place
from gazetteer.normalize import normalize
from storymap.geoparse.lexicon.derived import DATA_DIR, TSV_HEADER, TYPES
from storymap.geoparse.lexicon.rules import (
    Generated,
    english_forms,
    german_forms,
    score,
    shape,
    usable_names,
    word_zipf,
)

IRREGULAR_FILE = DATA_DIR / "irregular_forms.tsv"
OUTPUT_FILE = DATA_DIR / "derived_forms.tsv"

# A rule-made candidate is kept only if wordfreq gives it (or one of its inflections) at least
# this Zipf frequency. wordfreq's large German and English lists stop at Zipf 1.0, and a form
# no rule should invent (malinisch, koreisch, vietnamisch) is not in them at all, whereas real
# but rare derived forms sit just above the floor (Seouler 1.31, texanisch 1.28, Togoer 1.28,
# jemenitisch 1.18). So the threshold separates "a word people write" from "no word" rather
# than "common" from "rare". 1.1 rather than the floor itself: of the 35 forms between 1.0 and
# 1.1 a fifth are one-off misspellings or noise (Pfalzer, Kerer, Sheffielder), twice the share
# above 1.1; the real ones lost there (Bakuer, Windhoeker) are rare in news.
ZIPF_THRESHOLD = 1.1
# A city adjective made by dropping -e/-en (Bremen → Bremer) is rejected when the clipped stem
# is itself a common word with that ending (Siegen → Sieger: Siege; Halle → Haller: Hallen;
# Male → Maler: malen): then the -er form is that word's inflection, not the city's adjective.
INFLECTED_STEM_ZIPF = 3.0

# Place kinds the rules derive forms for (cities: see ``select_places``).
_AREA_KINDS = frozenset({"country", "historic_country", "continent", "region"})
_ADMIN1_COUNTRIES = frozenset({"DE", "AT", "CH", "US"})
_GERMAN_SPEAKING = frozenset({"DE", "AT", "CH"})
_CITY_ADJECTIVE_COUNTRIES = frozenset({"DE", "AT", "CH", "LI", "LU"})
# English derives adjectives from few cities (Parisian, Muscovite); for smaller ones the rules
# mostly meet other words (Hamiltonian, Permian is Perm's but a geological period first).
_EN_CITY_POPULATION = 1_000_000
# Two-word city names that keep a German -er adjective (St. Pöltner, Bad Homburger); other
# two-word names (Mount Hagen, Rio Grande, Gold Coast) yield English words, not adjectives.
_CITY_HEADS = frozenset({"st", "bad"})
# Kinds a compass-prefixed name's base may have for the prefix to carry over (Nordkorea).
_BASE_KINDS = frozenset(
    {"country", "historic_country", "continent", "region", "admin1", "peninsula", "island",
     "archipelago", "desert"}
)

# Real words that a rule derives from a place name but that mean something else first.
# (Curated: each is the best-scoring candidate of its place and wrong.)
FALSE_FRIENDS: dict[str, frozenset[str]] = {
    "de": frozenset({
        "indianer", "indianisch",  # Native American, not Indian (Indien → Inder, indisch)
        "ozeanisch",  # oceanic (Ozeanien)
        "kubisch",  # cubic (Kuba → kubanisch)
        "hammer",  # the tool (Hamm)
        "romer",  # a surname (Rom → Römer, römisch: too ambiguous to curate)
        "lyoner",  # the sausage (Lyon)
        "champagner", "burgunder",  # the wines (Champagne, Burgund)
        "grenadier",  # the soldier (Grenada)
        "mainisch",  # the river Main (Maine)
        "jurisch",  # not the canton Jura's adjective (jurassisch)
        "george",  # the name (Georgien → Georgier)
        "bruner", "boehmer", "golani",  # surnames, a brigade (Brunei, Böhmen, Golan)
        "muensterisch",  # the city Münster's, not the Münsterland's
        "venediger",  # the mountain (Venedig → Venezianer)
        "florenzer",  # not in use (Florenz → Florentiner)
        "basel landschafter",  # not in use (Basel-Landschaft → Baselbieter)
        # -er forms of short foreign city names that are other words or names first
        "caner", "iser", "kurer", "maner", "minoer", "safier", "wauer", "teter", "yorker",
        "kenter", "salemer", "oraler", "brune",
        "bader",  # the bath attendant (Baden → Badener)
        "preusser",  # a surname (Preußen → Preuße)
    }),
    "en": frozenset({
        "roman",  # ancient Rome, the novel (Rome)
        "victorian",  # the era (Victoria)
        "columbian",  # Columbia, SC; mostly a misspelling of Colombian
        "bohemian",  # the lifestyle (Bohemia)
        "hamburger", "frankfurter", "wiener",  # food
        "caucasian",  # the race term (Caucasus)
        "permian",  # the geological period (Perm)
        "havanese",  # the dog breed (Havana)
        "golani",  # the brigade (Golan)
        "guaman",  # not in use (Guam → Guamanian)
        "south polian", "south polan", "south polish",  # not in use (South Pole)
    }),
}

_WEAK_DEMONYM_KINDS = frozenset({"country", "historic_country"})
# Types a compass prefix carries from its base (Nordkorea ← koreanisch, Koreaner).
_CARRIED_TYPES = frozenset({"adjective", "demonym"})


class LexiconBuildError(RuntimeError):
    """The curated table or the gazetteer do not fit together (fix the data, not the code)."""


@dataclass(frozen=True, slots=True)
class IrregularRow:
    form: str
    lang: str
    type: str
    place: str
    source: str
    line: int


@dataclass(frozen=True, slots=True)
class Claim:
    """One place's claim to a form, before conflicts are settled."""

    key: str
    lang: str
    type: str
    place_id: str
    place_name: str
    zipf: float
    prominence: float
    kind: str
    country: str
    irregular: bool
    origin: str

    def row(self) -> str:
        return "\t".join(
            (self.key, self.lang, self.type, self.place_id, self.place_name, f"{self.zipf:.2f}")
        )


# -- the build -----------------------------------------------------------------------------


def load_irregular(path: Path = IRREGULAR_FILE) -> list[IrregularRow]:
    """Read the curated table (header ``form lang type place source``)."""
    rows: list[IrregularRow] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t") != ["form", "lang", "type", "place", "source"]:
        raise LexiconBuildError(f"{path}: header must be form/lang/type/place/source")
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 5 or not all(f.strip() for f in fields):
            raise LexiconBuildError(f"{path}:{number}: expected 5 non-empty fields")
        form, lang, form_type, place, source = (f.strip() for f in fields)
        if lang not in ("de", "en") or form_type not in TYPES:
            raise LexiconBuildError(f"{path}:{number}: bad lang {lang!r} or type {form_type!r}")
        rows.append(IrregularRow(form, lang, form_type, place, source, number))
    return rows


def resolve_place(gazetteer: Gazetteer, query: str) -> Candidate:
    """The one place a query ``Name|kind|country`` names; anything else is an error."""
    name, *rest = query.split("|")
    kind = rest[0] if rest else ""
    country = rest[1] if len(rest) > 1 else ""
    if len(rest) > 2:
        raise LexiconBuildError(f"place query {query!r}: at most name|kind|country")
    found: dict[str, Candidate] = {}
    for candidate in gazetteer.lookup(name):
        if kind and candidate.kind != kind:
            continue
        if country and candidate.country != country:
            continue
        found.setdefault(candidate.id, candidate)
    if len(found) != 1:
        listed = ", ".join(f"{c.id} {c.name} ({c.kind}, {c.country})" for c in found.values())
        raise LexiconBuildError(
            f"place query {query!r} must name exactly one place, found {len(found)}: {listed}"
        )
    return next(iter(found.values()))


def select_places(gazetteer: Gazetteer) -> list[Candidate]:
    """The places rules derive forms for, in store order (deterministic).

    Countries, continents, regions, the admin-1 units of DE/AT/CH/US, and cities: those with
    at least 100,000 inhabitants, every city of a German-speaking country (their cantonal and
    district seats have current adjectives: Zuger, Bregenzer), and each country's most
    prominent city (the capital of a small country: Vaduz, Valletta). Other small admin seats
    (GeoNames' PPLA: Ig, Berat, Sur) would mostly add collisions (Mauer, Berater).
    """
    areas: list[Candidate] = []
    cities: list[Candidate] = []
    top_city: dict[str, Candidate] = {}
    for index in range(len(gazetteer)):
        candidate = gazetteer.candidate(index)
        kind = candidate.kind
        if kind in _AREA_KINDS or (kind == "admin1" and candidate.country in _ADMIN1_COUNTRIES):
            areas.append(candidate)
        elif kind == "city":
            cities.append(candidate)
            top = top_city.get(candidate.country)
            if top is None or candidate.prominence > top.prominence:
                top_city[candidate.country] = candidate
    capitals = {c.id for c in top_city.values()}
    chosen = areas + [
        c
        for c in cities
        if c.population >= 100_000 or c.country in _CITY_ADJECTIVE_COUNTRIES or c.id in capitals
    ]
    chosen.sort(key=lambda c: c.index)
    return chosen


class _Builder:
    def __init__(self, gazetteer: Gazetteer, log: Callable[[str], None]) -> None:
        self.g = gazetteer
        self.log = log
        self.claims: list[Claim] = []
        # Irregular forms by (lang, normalised place name): the bases compass prefixes
        # carry over (Ostdeutschland → ostdeutsch from Deutschland → deutsch).
        self.irregular_by_name: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        self.irregular_types: set[tuple[str, str, str]] = set()  # (place id, lang, type)
        self.base_cache: dict[str, bool] = {}

    # irregular ---------------------------------------------------------------------------

    def add_irregular(self, rows: list[IrregularRow]) -> None:
        for row in rows:
            place = resolve_place(self.g, row.place)
            full = self.g.get(place.id)
            assert full is not None
            form = row.form.lower()
            names = {row.place.split("|")[0], *full.names.get(row.lang, []), full.name}
            exclude = frozenset(normalize(name) for name in names)
            self.claims.append(
                Claim(
                    normalize(row.form), row.lang, row.type, place.id, full.name_in(row.lang),
                    max(score(form, row.lang, row.type, exclude), word_zipf(form, row.lang)),
                    place.prominence, place.kind,
                    place.country, True, f"curated, line {row.line}",
                )
            )
            self.irregular_types.add((place.id, row.lang, row.type))
            for name in sorted(names):
                self.irregular_by_name[(row.lang, normalize(name))].append((row.type, form))

    # rules -------------------------------------------------------------------------------

    def is_base(self, word: str) -> bool:
        """Whether a prefixed name's rest is itself a large place (Korea in Nordkorea)."""
        known = self.base_cache.get(word)
        if known is None:
            hits = self.g.lookup(word, limit=1)
            known = bool(hits) and hits[0].kind in _BASE_KINDS
            self.base_cache[word] = known
        return known

    def derive(self, place: Candidate) -> None:
        full = self.g.get(place.id)
        assert full is not None
        for lang in ("de", "en"):
            for name in usable_names(full, lang):
                self._derive_name(place, full, lang, name)

    def _derive_name(self, place: Candidate, full: Place, lang: str, name: str) -> None:
        form_shape = shape(name, lang, place.kind)
        if form_shape is None:
            return
        city = place.kind == "city"
        word = form_shape.word
        single = not form_shape.head or form_shape.prefixed
        if city and form_shape.head and (
            lang == "en" or normalize(form_shape.head) not in _CITY_HEADS
        ):
            return
        if city and lang == "en" and place.population < _EN_CITY_POPULATION:
            return
        if lang == "en" and place.kind == "admin1" and place.country != "US":
            return  # German state names make no English forms (Bavarian is curated)
        if lang == "de":
            german_region = (
                place.kind in ("admin1", "region") and place.country in _GERMAN_SPEAKING
            )
            generated = german_forms(
                word,
                city_like=city or german_region,
                area_like=not city,
                demonyms=single,
                weak=place.kind in _WEAK_DEMONYM_KINDS,
            )
        else:
            generated = english_forms(word, city)
        exclude = frozenset(
            normalize(n) for n in (*full.names.get(lang, []), full.name, name, word)
        )
        name_zipf = word_zipf(name.lower(), lang)
        # A prefix carries over when the rest is itself a large place: nordkoreanisch is as
        # good a word as koreanisch, even where the compound is too rare for wordfreq. The
        # base's curated forms carry over too (Ostdeutschland → ostdeutsch) and replace its
        # rule forms of the same type.
        carry = form_shape.prefixed and self.is_base(word)
        curated_base = self.irregular_by_name.get((lang, normalize(word)), []) if carry else []
        curated_types = {form_type for form_type, _ in curated_base}
        blocked = FALSE_FRIENDS[lang]
        options: list[tuple[str, int, float, str, str]] = []  # type, tier, value, key, rule
        for item in generated:
            if (place.id, lang, item.type) in self.irregular_types:
                continue  # the curated forms replace the rules for this place and type
            if item.type in curated_types:
                continue
            form = form_shape.head + item.form
            key = normalize(form)
            if key in blocked or normalize(item.form) in blocked:
                continue
            if item.type == "city_adjective" and self._not_city_adjective(item, word):
                continue
            if lang == "en" and word_zipf(item.form, "de") > word_zipf(item.form, "en"):
                continue  # a German word in English texts (Pariser, Salzburger)
            # Sri Lankan, costa-ricanisch, St. Petersburger: wordfreq's estimate for a pair is
            # about its rarer word's, so the derived word must be one that owes its frequency
            # to the name: rarer than the word it is derived from (Holy See → Sean, Fläming
            # Heath → Heather are other words).
            if (
                form_shape.head
                and not form_shape.prefixed
                and word_zipf(item.form, lang) > word_zipf(word, lang)
            ):
                continue
            value = score(form, lang, item.type, exclude)
            if city and value > name_zipf:
                # A city's adjective is rarer than its name (Berliner < Berlin); a form more
                # common than the name is another word (Berat → Berater, Mau → Mauer).
                continue
            if carry and item.type in _CARRIED_TYPES:
                value = max(value, score(item.form, lang, item.type, exclude))
            options.append((item.type, item.tier, value, key, item.rule))
        for form_type, base_form in curated_base:
            if form_type not in _CARRIED_TYPES:
                continue
            if (place.id, lang, form_type) in self.irregular_types:
                continue
            form = form_shape.head + base_form
            # A curated base form is a word by definition; its compound counts as one too.
            value = max(
                score(form, lang, form_type, exclude),
                score(base_form, lang, form_type, exclude),
                ZIPF_THRESHOLD,
            )
            options.append((form_type, 0, value, normalize(form), "curated base form"))
        # Per type the best real word: a plain rule before a clipping one, then the commonest.
        best: dict[str, tuple[tuple[int, float, str], str]] = {}
        for form_type, tier, value, key, rule in options:
            if value < ZIPF_THRESHOLD:
                continue
            rank = (-tier, value, key)
            if form_type not in best or rank > best[form_type][0]:
                best[form_type] = (rank, rule)
        for form_type, ((_, value, key), rule) in sorted(best.items()):
            self.claims.append(
                Claim(
                    key, lang, form_type, place.id, full.name_in(lang), value,
                    place.prominence, place.kind, place.country, False,
                    f"rule {rule} on {name}",
                )
            )

    @staticmethod
    def _not_city_adjective(item: Generated, word: str) -> bool:
        """Whether a German -er form is some other word: after a clipping rule, the
        inflection of a common word (Siegen → Sieger: Siege, Sieges; Male → Maler: malen);
        or an English word (Tempe → Temper, Salt → Salter), which wordfreq's German list
        also holds."""
        stem = item.clipped_stem
        if stem and any(
            word_zipf(stem + ending, "de") >= INFLECTED_STEM_ZIPF
            for ending in ("e", "en", "es")
            if stem + ending != word
        ):
            return True
        return word_zipf(item.form, "en") > word_zipf(item.form, "de")

    # conflicts ---------------------------------------------------------------------------

    def settle(self) -> list[Claim]:
        """One claim per (lang, form): curated first, then a city over the admin-1 unit it
        names, then the most prominent place; one place under several types: adjective,
        then city adjective, then demonym."""
        groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        for claim in self.claims:
            groups[(claim.lang, claim.key)].append(claim)
        chosen: list[Claim] = []
        for (lang, key), claims in sorted(groups.items()):
            cities = {(c.country, c.place_name) for c in claims if c.kind == "city"}

            def rank(claim: Claim, cities: set[tuple[str, str]] = cities) -> tuple:
                namesake = claim.kind == "admin1" and (claim.country, claim.place_name) in cities
                return (
                    not claim.irregular,
                    namesake,
                    -claim.prominence,
                    _TIE_ORDER[claim.type],
                    claim.place_id,
                )

            claims.sort(key=rank)
            winner = claims[0]
            losers: dict[str, Claim] = {}
            for claim in claims[1:]:
                if claim.place_id != winner.place_id:
                    losers.setdefault(claim.place_id, claim)
            if losers:
                self.log(
                    f"conflict {lang} {key!r}: {_describe(winner)} over "
                    + "; ".join(_describe(claim) for claim in losers.values())
                )
            chosen.append(winner)
        return chosen


_TIE_ORDER = {"adjective": 0, "city_adjective": 1, "demonym": 2, "stem": 3}


def _describe(claim: Claim) -> str:
    return (
        f"{claim.place_name} ({claim.place_id}, {claim.kind}, "
        f"prominence {claim.prominence:.2f}, {claim.origin})"
    )


def build(
    gazetteer: Gazetteer | None = None,
    irregular: Path = IRREGULAR_FILE,
    log: Callable[[str], None] = lambda message: None,
) -> list[Claim]:
    """All derived forms, conflicts settled, sorted by language and form."""
    g = gazetteer if gazetteer is not None else Gazetteer.open()
    builder = _Builder(g, log)
    builder.add_irregular(load_irregular(irregular))
    for place in select_places(g):
        builder.derive(place)
    entries = builder.settle()
    entries.sort(key=lambda c: (c.lang, c.key))
    return entries


def render(entries: list[Claim]) -> str:
    """The TSV text of the lexicon (header line, one row per form, newline-terminated)."""
    return "\n".join(["\t".join(TSV_HEADER), *(entry.row() for entry in entries)]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m storymap.geoparse.lexicon.build",
        description="Generate the derived place forms lexicon from the gazetteer.",
    )
    parser.add_argument("--out", type=Path, default=OUTPUT_FILE, help="TSV to write")
    parser.add_argument("--irregular", type=Path, default=IRREGULAR_FILE)
    parser.add_argument("--quiet", action="store_true", help="do not log conflicts")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr)

    try:
        entries = build(irregular=args.irregular, log=log)
    except LexiconBuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(entries), encoding="utf-8")
    counts = Counter((entry.lang, entry.type) for entry in entries)
    for lang in ("de", "en"):
        row = ", ".join(f"{t} {counts[(lang, t)]}" for t in TYPES)
        print(f"{lang}: {row}; total {sum(counts[(lang, t)] for t in TYPES)}")
    print(f"wrote {len(entries)} forms to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
