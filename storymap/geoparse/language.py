"""Small per-language tables of words that carry geographic or naming cues.

These are closed word classes (prepositions, generic place nouns, titles, organisation
heads), not lists of places: everything place-specific comes from the gazetteer.
"""

from __future__ import annotations

from dataclasses import dataclass

from gazetteer.normalize import normalize_token


@dataclass(frozen=True, slots=True)
class LanguageCues:
    # Words right before a name that make a place reading likely (in Berlin, nach Moskau).
    place_prepositions: frozenset[str]
    # Generic nouns introducing a name → the kinds they imply (Insel → island).
    generic_terms: dict[str, frozenset[str]]
    # Generic nouns that belong to the name's span when they precede it (Insel Russky).
    span_generics: frozenset[str]
    # Titles and roles before a person's name (Präsident Wladimir Putin).
    titles: frozenset[str]
    # Heads of organisation names (Institut, Universität, Post).
    organisation_heads: frozenset[str]
    # Buildings a city adjective names (Münchner Hauptbahnhof, Frankfurter Flughafen).
    facility_heads: frozenset[str] = frozenset()
    # Heads of compound titles (Abwehrchef, Bundestrainer, Ministerpräsident): a German
    # word ending in one of these is a title too.
    title_heads: frozenset[str] = frozenset()


_POPULATED = frozenset({"city", "town", "village"})
_ADMIN = frozenset({"admin1", "admin2", "region"})

GERMAN = LanguageCues(
    place_prepositions=frozenset(
        "in im nach aus von vom bei beim über durch nahe ab gen bis richtung zwischen "
        "um ins verlässt verließ erreicht erreichte besucht besuchte".split()
    ),
    generic_terms={
        "insel": frozenset({"island", "archipelago"}),
        "inseln": frozenset({"archipelago", "island"}),
        "halbinsel": frozenset({"peninsula"}),
        "stadt": _POPULATED, "grenzstadt": _POPULATED, "hafenstadt": _POPULATED,
        "hauptstadt": _POPULATED, "metropole": _POPULATED, "kleinstadt": _POPULATED,
        "großstadt": _POPULATED, "millionenstadt": _POPULATED, "dorf": _POPULATED,
        "ort": _POPULATED, "ortschaft": _POPULATED, "gemeinde": _POPULATED,
        "küstenstadt": _POPULATED, "städte": _POPULATED, "orte": _POPULATED,
        "provinzhauptstadt": _POPULATED, "stadtteil": _POPULATED,
        "region": _ADMIN, "provinz": _ADMIN, "bundesland": _ADMIN, "bundesstaat": _ADMIN,
        "kanton": _ADMIN, "landkreis": _ADMIN, "kreis": _ADMIN, "bezirk": _ADMIN,
        "oblast": _ADMIN, "gebiet": _ADMIN, "departement": _ADMIN,
        "land": frozenset({"country", "admin1"}), "staat": frozenset({"country", "admin1"}),
        "fluss": frozenset({"river"}), "strom": frozenset({"river"}),
        "see": frozenset({"lake"}), "meer": frozenset({"sea"}),
        "gebirge": frozenset({"mountain_range"}), "berg": frozenset({"mountain"}),
        "wüste": frozenset({"desert"}), "tal": frozenset({"valley"}),
    },
    span_generics=frozenset({"insel", "halbinsel"}),
    titles=frozenset(
        "präsident präsidentin präsidenten machthaber kanzler kanzlerin minister ministerin "
        "außenminister außenministerin regierungschef regierungschefin premier premierminister "
        "herr herrn frau dr prof könig königin prinz prinzessin papst sprecher sprecherin "
        "diktator staatschef staatschefin general bürgermeister bürgermeisterin chef chefin "
        "trainer autor autorin sänger sängerin schauspieler schauspielerin "
        # military and church ranks, nobility, roles in sport and the arts, family
        "oberst major leutnant hauptmann admiral kommandant pfarrer pastor bischof kardinal "
        "kaiser kaiserin zar fürst fürstin graf gräfin herzog herzogin baron freiherr "
        "stürmer torwart kapitän verteidiger spieler spielerin regisseur regisseurin "
        "komponist komponistin maler malerin dichter dichterin schriftsteller "
        "schriftstellerin journalist journalistin reporter reporterin kommissar kommissarin "
        "senator senatorin gouverneur botschafter botschafterin abgeordneter abgeordnete "
        "kandidat kandidatin moderator moderatorin musiker musikerin rapper pianist "
        "dirigent fahrer fahrerin pilot sohn tochter bruder schwester schwestern brüder "
        "vater mutter ehefrau ehemann witwe onkel tante kollege kollegin anwalt anwältin "
        "richter richterin professor professorin doktor miss mister sir lady lord".split()
    ),
    title_heads=frozenset(
        "chef chefin trainer trainerin präsident präsidentin minister ministerin spieler "
        "spielerin stürmer sprecher sprecherin direktor direktorin leiter leiterin sänger "
        "sängerin kommissar kommissarin kandidat kandidatin kanzler kanzlerin "
        "bürgermeister bürgermeisterin sekretär sekretärin".split()
    ),
    organisation_heads=frozenset(
        "institut universität hochschule akademie zeitung post agentur nachrichtenagentur "
        "bank verein club fc partei ministerium stiftung rundfunk sender gesellschaft "
        "konzern ag gmbh museum theater oper orchester kommission rat komitee verband "
        "gewerkschaft behörde".split()
    ),
    facility_heads=frozenset(
        "hauptbahnhof bahnhof hbf flughafen hafen dom münster rathaus stadion messe "
        "hauptfriedhof zoo".split()
    ),
)

ENGLISH = LanguageCues(
    place_prepositions=frozenset(
        "in at from to near into via across through toward towards outside inside around "
        "throughout between of leave leaves left leaving reach reaches reached visit visits "
        "visited visiting entered enter enters".split()
    ),
    generic_terms={
        "island": frozenset({"island", "archipelago"}),
        "islands": frozenset({"archipelago", "island"}),
        "peninsula": frozenset({"peninsula"}),
        "city": _POPULATED, "town": _POPULATED, "village": _POPULATED,
        "capital": _POPULATED, "port": _POPULATED, "hamlet": _POPULATED,
        "province": _ADMIN, "region": _ADMIN, "state": frozenset({"admin1", "country"}),
        "county": _ADMIN, "district": _ADMIN, "territory": _ADMIN,
        "river": frozenset({"river"}), "lake": frozenset({"lake"}),
        "sea": frozenset({"sea"}), "mount": frozenset({"mountain"}),
        "mountains": frozenset({"mountain_range"}), "desert": frozenset({"desert"}),
        "country": frozenset({"country"}),
    },
    span_generics=frozenset(),
    titles=frozenset(
        "president mr mrs ms dr prof sir lady lord king queen prince princess pope minister "
        "senator governor mayor general chancellor premier secretary leader spokesman "
        "spokeswoman chairman ceo judge colonel captain sergeant lieutenant major bishop "
        "cardinal father reverend rev son daughter brother sister wife husband widow uncle "
        "aunt striker goalkeeper coach manager director actor actress singer rapper author "
        "writer poet painter composer journalist reporter ambassador rep sen gov".split()
    ),
    organisation_heads=frozenset(
        "university institute college academy post times herald tribune journal news "
        "agency bank club fc party ministry foundation museum council committee company "
        "corporation inc ltd group association house palace".split()
    ),
)

def _keyed(cues: LanguageCues) -> LanguageCues:
    """The same cues with every word in its normalised token form (praesident, ueber), so
    they compare directly with token keys."""

    def fold(words: frozenset[str]) -> frozenset[str]:
        return frozenset(normalize_token(word) for word in words)

    return LanguageCues(
        place_prepositions=fold(cues.place_prepositions),
        generic_terms={normalize_token(w): kinds for w, kinds in cues.generic_terms.items()},
        span_generics=fold(cues.span_generics),
        titles=fold(cues.titles),
        title_heads=fold(cues.title_heads),
        organisation_heads=fold(cues.organisation_heads),
        facility_heads=fold(cues.facility_heads),
    )


CUES = {"de": _keyed(GERMAN), "en": _keyed(ENGLISH)}
