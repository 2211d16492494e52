"""German words journey inference reads: movement predicates by lemma, role markers, and
the small closed classes that carry tense, modality, sequence and reference.

Verbs are given by their principal parts (infinitive without particle, third person
present, past, participle without particle, separable particle); ``forms.py`` generates
the rest. ``kind`` says what the verb tells about a place: depart (the place is left),
arrive (reached), travel (roles only from prepositions), visit (a stay there), pass (passed
through), return (back to), venue (an event held there). ``object`` is the role of a place
named as the verb's direct object (verlassen: source, erreichen: goal, besuchen: location).
"""

from __future__ import annotations

from storymap.journey.model import GOAL, LOCATION, SOURCE, VIA

# (kind, infinitive, 3rd person present, past, participle, particle, object role)
VERBS: tuple[tuple[str, str, str, str, str, str, str | None], ...] = (
    # leaving
    ("depart", "lassen", "lässt", "ließ", "lassen", "ver", SOURCE),  # verlassen (inseparable)
    ("depart", "brechen", "bricht", "brach", "gebrochen", "auf", None),
    ("depart", "reisen", "reist", "reiste", "gereist", "ab", None),
    ("depart", "fahren", "fährt", "fuhr", "gefahren", "ab", None),
    ("depart", "fliegen", "fliegt", "flog", "geflogen", "ab", None),
    ("depart", "starten", "startet", "startete", "gestartet", "", None),
    ("depart", "heben", "hebt", "hob", "gehoben", "ab", None),
    ("depart", "legen", "legt", "legte", "gelegt", "ab", None),
    ("depart", "laufen", "läuft", "lief", "gelaufen", "aus", None),
    ("depart", "fahren", "fährt", "fuhr", "gefahren", "los", None),
    ("depart", "gehen", "geht", "ging", "gegangen", "los", None),
    ("depart", "reisen", "reist", "reiste", "gereist", "aus", None),
    ("depart", "machen", "macht", "machte", "gemacht", "auf", None),  # machen sich auf
    # arriving
    ("arrive", "kommen", "kommt", "kam", "gekommen", "an", None),
    ("arrive", "treffen", "trifft", "traf", "getroffen", "ein", None),
    ("arrive", "landen", "landet", "landete", "gelandet", "", None),
    ("arrive", "reichen", "reicht", "reichte", "reicht", "er", GOAL),  # erreichen
    ("arrive", "legen", "legt", "legte", "gelegt", "an", None),
    ("arrive", "laufen", "läuft", "lief", "gelaufen", "ein", None),
    ("arrive", "rollen", "rollt", "rollte", "gerollt", "ein", None),
    ("arrive", "fahren", "fährt", "fuhr", "gefahren", "ein", None),
    ("arrive", "steuern", "steuert", "steuerte", "gesteuert", "an", GOAL),
    ("arrive", "laufen", "läuft", "lief", "gelaufen", "an", GOAL),
    ("arrive", "fliegen", "fliegt", "flog", "geflogen", "an", GOAL),
    ("arrive", "treten", "tritt", "trat", "treten", "be", GOAL),  # betreten
    ("arrive", "reisen", "reist", "reiste", "gereist", "an", None),
    ("arrive", "reisen", "reist", "reiste", "gereist", "ein", None),
    ("arrive", "langen", "langt", "langte", "langt", "ge", None),  # gelangen
    ("arrive", "dringen", "dringt", "drang", "gedrungen", "vor", None),
    # travelling: the roles come from prepositions
    ("travel", "reisen", "reist", "reiste", "gereist", "", None),
    ("travel", "fahren", "fährt", "fuhr", "gefahren", "", None),
    ("travel", "fliegen", "fliegt", "flog", "geflogen", "", None),
    ("travel", "ziehen", "zieht", "zog", "gezogen", "", None),
    ("travel", "wandern", "wandert", "wanderte", "gewandert", "", None),
    ("travel", "laufen", "läuft", "lief", "gelaufen", "", None),
    ("travel", "rollen", "rollt", "rollte", "gerollt", "", None),
    ("travel", "segeln", "segelt", "segelte", "gesegelt", "", None),
    ("travel", "fliehen", "flieht", "floh", "geflohen", "", None),
    ("travel", "flüchten", "flüchtet", "flüchtete", "geflüchtet", "", None),
    ("travel", "kommen", "kommt", "kam", "gekommen", "", None),
    ("travel", "gehen", "geht", "ging", "gegangen", "", None),
    ("travel", "reisen", "reist", "reiste", "gereist", "weiter", None),
    ("travel", "fahren", "fährt", "fuhr", "gefahren", "weiter", None),
    ("travel", "fliegen", "fliegt", "flog", "geflogen", "weiter", None),
    ("travel", "ziehen", "zieht", "zog", "gezogen", "weiter", None),
    ("travel", "pendeln", "pendelt", "pendelte", "gependelt", "", None),
    ("travel", "radeln", "radelt", "radelte", "geradelt", "", None),
    ("travel", "marschieren", "marschiert", "marschierte", "marschiert", "", None),
    ("travel", "paddeln", "paddelt", "paddelte", "gepaddelt", "", None),
    ("travel", "rudern", "rudert", "ruderte", "gerudert", "", None),
    ("travel", "holpern", "holpert", "holperte", "geholpert", "", None),
    ("travel", "touren", "tourt", "tourte", "getourt", "", None),
    ("travel", "bringen", "bringt", "brachte", "gebracht", "", None),
    ("travel", "schicken", "schickt", "schickte", "geschickt", "", None),
    ("travel", "führen", "führt", "führte", "geführt", "", None),  # die Strecke führt nach
    ("travel", "fahren", "fährt", "fuhr", "gefahren", "vor", None),
    ("travel", "steigen", "steigt", "stieg", "gestiegen", "um", None),
    ("travel", "steigen", "steigt", "stieg", "gestiegen", "zu", None),
    ("travel", "steigen", "steigt", "stieg", "gestiegen", "dazu", None),
    # passing through
    ("pass", "passieren", "passiert", "passierte", "passiert", "", VIA),
    ("pass", "queren", "quert", "querte", "quert", "über", VIA),  # überqueren
    ("pass", "queren", "quert", "querte", "quert", "durch", VIA),  # durchqueren
    ("pass", "queren", "quert", "querte", "gequert", "", VIA),
    ("pass", "fliegen", "fliegt", "flog", "flogen", "über", VIA),  # überfliegen
    ("pass", "runden", "rundet", "rundete", "rundet", "um", VIA),  # umrunden
    ("pass", "schreiten", "schreitet", "schritt", "schritten", "über", VIA),
    ("pass", "ziehen", "zieht", "zog", "gezogen", "vorbei", None),
    ("pass", "fahren", "fährt", "fuhr", "gefahren", "vorbei", None),
    ("pass", "wandern", "wandert", "wanderte", "gewandert", "vorbei", None),
    ("pass", "fahren", "fährt", "fuhr", "gefahren", "durch", None),
    # staying and visiting
    ("visit", "suchen", "sucht", "suchte", "sucht", "be", LOCATION),  # besuchen
    ("visit", "weilen", "weilt", "weilte", "geweilt", "", None),
    ("visit", "bleiben", "bleibt", "blieb", "geblieben", "", None),
    ("visit", "halten", "hält", "hielt", "gehalten", "auf", None),  # sich aufhalten
    ("visit", "halten", "hält", "hielt", "gehalten", "", None),  # der Zug hält in
    ("visit", "nachten", "nachtet", "nachtete", "nachtet", "über", None),  # übernachten
    ("visit", "bringen", "bringt", "brachte", "bracht", "ver", None),  # verbringen
    ("visit", "fangen", "fängt", "fing", "fangen", "emp", None),  # empfangen
    ("visit", "grüßen", "grüßt", "grüßte", "grüßt", "be", None),  # begrüßen
    ("visit", "treffen", "trifft", "traf", "getroffen", "", None),
    ("visit", "kommen", "kommt", "kam", "gekommen", "zusammen", None),
    ("visit", "nehmen", "nimmt", "nahm", "genommen", "teil", None),
    ("visit", "machen", "macht", "machte", "gemacht", "halt", None),  # machte … halt
    ("visit", "legen", "legt", "legte", "gelegt", "ein", None),  # einen Halt einlegen
    # coming back
    ("return", "kehren", "kehrt", "kehrte", "gekehrt", "zurück", None),
    ("return", "kehren", "kehrt", "kehrte", "gekehrt", "heim", None),
    ("return", "kommen", "kommt", "kam", "gekommen", "zurück", None),
    ("return", "fahren", "fährt", "fuhr", "gefahren", "zurück", None),
    ("return", "fliegen", "fliegt", "flog", "geflogen", "zurück", None),
    ("return", "reisen", "reist", "reiste", "gereist", "zurück", None),
    ("return", "reisen", "reist", "reiste", "gereist", "heim", None),
    # where a journey begins and ends
    ("begin", "beginnen", "beginnt", "begann", "begonnen", "", None),
    ("finish", "enden", "endet", "endete", "endet", "be", None),  # beenden
    ("arrive", "enden", "endet", "endete", "geendet", "", None),
    # events held somewhere
    ("venue", "finden", "findet", "fand", "gefunden", "statt", None),
    ("venue", "tragen", "trägt", "trug", "getragen", "aus", None),  # wird … ausgetragen
)

# Inseparable prefixes written in the particle column: their forms are always joined.
INSEPARABLE = frozenset({"ver", "er", "be", "emp", "ge", "über", "durch", "um"})
# "über", "durch", "um" are inseparable in überqueren/durchqueren/umrunden only.
INSEPARABLE_VERBS = frozenset({
    ("queren", "über"), ("queren", "durch"), ("fliegen", "über"), ("runden", "um"),
    ("schreiten", "über"), ("nachten", "über"),
})

# "auf dem Programm stehen X und Y": a programme's places are its visits.
# "Ausgangspunkt ist X", "Ziel war X": the place a start or goal noun names.
OBJECT_NOUNS: tuple[tuple[str, str, str], ...] = (
    ("visit", "programm", LOCATION), ("begin", "ausgangspunkt", SOURCE),
    ("begin", "startpunkt", SOURCE), ("begin", "startort", SOURCE), ("arrive", "ziel", GOAL),
    ("arrive", "zielort", GOAL), ("arrive", "reiseziel", GOAL), ("visit", "station", LOCATION),
    ("visit", "halt", LOCATION),
)
# Movement nouns: (kind, word). A compound ending in one of the ``COMPOUND_HEADS`` is the
# same noun (Afrikareise, Russland-Besuch, Tagesetappe); the others count as whole words
# only (Polizeistation is no stop, Wegweiser no way).
NOUNS: tuple[tuple[str, str], ...] = (
    ("travel", "reise"), ("travel", "fahrt"), ("travel", "flug"), ("travel", "weg"),
    ("travel", "route"), ("travel", "tour"), ("travel", "tournee"), ("travel", "etappe"),
    ("travel", "expedition"), ("travel", "flucht"), ("travel", "überfahrt"),
    ("travel", "strecke"), ("travel", "kurs"), ("travel", "marsch"), ("travel", "trip"),
    ("depart", "abreise"), ("depart", "abflug"), ("depart", "abfahrt"), ("depart", "aufbruch"),
    ("depart", "start"), ("depart", "einschiffung"),
    ("arrive", "ankunft"), ("arrive", "landung"), ("arrive", "anreise"),
    ("arrive", "ausschiffung"), ("arrive", "zielankunft"),
    ("visit", "besuch"), ("visit", "staatsbesuch"), ("visit", "visite"),
    ("visit", "besichtigung"), ("visit", "aufenthalt"), ("visit", "zwischenstopp"),
    ("visit", "zwischenhalt"), ("visit", "zwischenstation"),
    ("visit", "stopp"), ("visit", "abstecher"), ("visit", "gespräch"), ("visit", "gespräche"),
    ("visit", "treffen"),
    ("visit", "gast"),
    ("return", "rückreise"), ("return", "rückfahrt"), ("return", "rückflug"),
    ("return", "heimreise"), ("return", "heimweg"), ("return", "rückweg"),
    ("return", "heimfahrt"),
    ("pass", "durchquerung"), ("pass", "überquerung"),
)
COMPOUND_HEADS = frozenset({
    "reise", "fahrt", "flug", "besuch", "etappe", "tour", "tournee", "ankunft", "landung",
    "abflug", "abreise", "route", "expedition", "stopp", "durchquerung", "überquerung",
    "rückflug", "rückfahrt", "rückreise", "zwischenstopp",
})
# "Fahrt"/"Flug" heads that are no journey (Vorfahrt, Himmelfahrt, Wegfall …).
NOT_COMPOUNDS = frozenset({
    "vorfahrt", "himmelfahrt", "auffahrt", "ausfahrt", "zufahrt", "abfahrt", "einfahrt",
    "durchfahrt", "rundfahrt", "probefahrt", "fahrt", "flug", "überflug", "anflug",
    "zugfahrt", "autofahrt", "busfahrt", "hochzeitsreise", "dienstreise",
})

# Prepositions and what they make of the place they govern. "in" and "auf" govern the
# dative (a location) or the accusative (a goal); the article says which.
ROLE_WORDS: dict[str, str] = {
    "aus": SOURCE, "von": SOURCE, "vom": SOURCE, "ab": SOURCE,
    "nach": GOAL, "zu": GOAL, "zum": GOAL, "zur": GOAL, "bis": GOAL, "ins": GOAL,
    "gen": GOAL, "richtung": GOAL, "gegen": "",
    "über": VIA, "via": VIA, "durch": VIA, "entlang": VIA, "vorbei": VIA,
    "in": LOCATION, "im": LOCATION, "auf": LOCATION, "bei": LOCATION, "beim": LOCATION,
    "am": LOCATION, "an": LOCATION, "vor": LOCATION, "nahe": LOCATION, "unweit": LOCATION,
    "zwischen": "",  # "zwischen Hamburg und Berlin": a line, not a leg
}
ACCUSATIVE_ARTICLES = frozenset({"die", "das", "den"})  # in die Ukraine: a goal
# Words that may stand between a preposition and the place it governs.
DETERMINERS = frozenset({
    "der", "die", "das", "dem", "den", "des", "ein", "eine", "einem", "einen", "einer",
    "eines", "dieser", "diese", "diesem", "diesen", "dieses", "seine", "seiner", "seinem",
    "seinen", "ihre", "ihrer", "ihrem", "ihren", "unsere", "unserem", "unseren",
})
# Nouns that name what kind of place follows (die Grenzstadt Chassan, der Hafen von Emden).
CLASSIFIERS = frozenset({
    "stadt", "hauptstadt", "grenzstadt", "hafenstadt", "kleinstadt", "großstadt", "metropole",
    "millionenstadt", "küstenstadt", "insel", "halbinsel", "flughafen", "bahnhof",
    "hauptbahnhof", "hafen", "heimathafen", "gemeinde", "dorf", "bergdorf", "ort", "region",
    "provinz", "land", "staat", "stadtstaat", "inselstaat", "bundesland", "kanton", "gebiet",
    "stadtteil", "bezirk", "zentralbahnhof", "grenzstation", "grenzübergang", "airport",
    "landeshauptstadt", "kreisstadt", "gegend", "raum", "tal", "pass", "alpenpass",
    "township", "zielflughafen", "flughafens", "bahnhofs", "hafens",
})
# Parts of a place (im Norden Marokkos, den Nordrand der Pyrenäen, an der Westküste).
PART_NOUNS = frozenset({
    "norden", "süden", "osten", "westen", "nordosten", "nordwesten", "südosten", "südwesten",
    "rand", "nordrand", "südrand", "ostrand", "westrand", "küste", "westküste", "ostküste",
    "nordküste", "südküste", "ufer", "spitze", "südspitze", "nordspitze", "mitte",
    "zentrum", "umgebung", "umland", "stadtrand", "herzen", "grenze", "nähe", "ufern",
    "mündung",
})
# Compass adjectives (südöstlich von Madrid: near Madrid, not from it).
DIRECTIONS = frozenset({
    "nördlich", "südlich", "östlich", "westlich", "nordöstlich", "nordwestlich",
    "südöstlich", "südwestlich", "oberhalb", "unterhalb", "außerhalb", "innerhalb",
})
# Facilities named after their town (Kiewer Zentralbahnhof, Saarbrücker Flughafen): a
# derived form before them names the town as a place.
FACILITIES = frozenset({
    "bahnhof", "hauptbahnhof", "zentralbahnhof", "flughafen", "flughafens", "hafen",
    "hafens", "bahnhofs", "hauptbahnhofs",
})

SUBORDINATORS = frozenset({
    "dass", "weil", "als", "wenn", "wo", "wohin", "woher", "nachdem", "bevor", "ehe",
    "während", "ob", "obwohl", "damit", "um", "sobald", "bis", "seit", "seitdem", "der",
    "die", "das", "dem", "den", "deren", "dessen", "welche", "welcher", "welches", "wie",
    "sodass", "denn", "wofür", "worauf", "da",
})
COORDINATORS = frozenset({"und", "aber", "sondern", "doch", "oder", "sowie", "jedoch"})
CONTRAST = frozenset({"sondern", "stattdessen", "statt"})

PLUPERFECT_AUX = frozenset({"hatte", "hatten", "hattest", "war", "waren", "warst", "wart"})
PERFECT_AUX = frozenset({
    "hat", "haben", "habe", "hast", "ist", "sind", "bin", "bist", "seien", "sei", "seid",
    "sein",  # "soll … eingetroffen sein"
})
FUTURE = frozenset({
    "wird", "werden", "werde", "wirst", "soll", "sollen", "sollst", "will", "wollen",
    "wollte", "wollten", "plant", "planen", "geplant", "voraussichtlich", "möchte",
    "möchten", "künftig", "demnächst", "übermorgen", "bevorstehende",
    "bevorstehenden", "erwartet", "anstehende", "anstehenden",
})
COUNTERFACTUAL = frozenset({"hätte", "hätten", "wäre", "wären", "würde", "würden"})
CANCELLED = frozenset({"ursprünglich", "eigentlich"})
NEGATIONS = frozenset({
    "nicht", "kein", "keine", "keinen", "keinem", "keiner", "nie", "niemals", "weder",
    "nirgends", "nirgendwo",
})
HABITUAL = frozenset({
    "täglich", "wöchentlich", "jährlich", "stündlich", "regelmäßig", "meist", "meistens",
    "gewöhnlich", "üblicherweise", "grundsätzlich", "immer", "jedes", "jeden", "jede",
})
SERVICES = frozenset({
    "verbindung", "verbindungen", "linie", "linien", "verkehr", "fernverkehr",
    "regionalverkehr", "schiffsverkehr", "flugverkehr", "zugverkehr", "fahrplan",
    "fahrten", "flüge", "züge", "angebot", "verkehren", "verkehrt", "bietet", "bieten",
})
UNDERWAY = frozenset({"unterwegs"})
SEQUENCE_AFTER = frozenset({
    "dann", "danach", "anschließend", "später", "schließlich", "darauf", "daraufhin",
    "hinterher", "seither", "seitdem", "weiter",
})
SEQUENCE_BEFORE = frozenset({"zuvor", "vorher", "davor", "vorab", "zuerst", "zunächst",
                             "vorerst"})
FIRST = frozenset({"erste", "ersten", "erster", "erstes", "zunächst", "zuerst"})
LAST = frozenset({"letzte", "letzten", "letzter", "letztes", "schließlich", "endlich"})
# Of these, the adjectives order only the movement noun they qualify (erste Station,
# letzter Halt), not any noun (die ersten Passagiere).
ORDER_ADJECTIVES = frozenset({"erste", "ersten", "erster", "erstes", "letzte", "letzten",
                              "letzter", "letztes"})
RETURN = frozenset({"zurück", "heim", "heimwärts", "zurückgeschickt"})
AGAIN = frozenset({"wieder", "erneut", "abermals", "zweiten"})
HISTORIC = frozenset({"einst", "damals", "früher", "letztmals", "ehemals", "einstmals"})
THERE = frozenset({"dort", "da", "dorther", "hier", "wo"})  # von dort, von wo aus
PRONOUNS = frozenset({"er", "sie", "es"})
FIRST_PERSON = frozenset({"ich", "wir"})
INDEFINITE = frozenset({"ein", "eine", "einer", "einem", "einen", "andere",
                        "anderer", "anderes", "weitere", "weiterer"})
POSSESSIVE = frozenset({"mein", "meine", "meiner", "meinen", "dein", "deine"})
QUANTIFIERS = frozenset({
    "alle", "viele", "mehrere", "hunderte", "tausende", "zehntausende", "hunderttausende",
    "dutzende", "zahlreiche", "übrigen", "einige", "manche",
})
# Nouns naming the traveller by what it is (der Zug, die Kanzlerin, das Tier): a definite
# one refers back to the traveller; an indefinite or quantified one is someone else.
MOVER_NOUNS = frozenset({
    "zug", "sonderzug", "nachtzug", "schiff", "kreuzfahrtschiff", "forschungsschiff",
    "flugzeug", "maschine", "regierungsflieger", "flieger", "bus", "fernbus", "auto",
    "wagen", "konvoi", "kolonne", "flotte", "boot", "fähre", "präsident", "präsidentin",
    "bundespräsident", "kanzler", "kanzlerin", "bundeskanzler", "bundeskanzlerin", "papst",
    "könig", "königin", "königspaar", "paar", "machthaber", "diktator", "minister",
    "ministerin", "passagiere", "flüchtlinge", "migranten", "fahrer", "läufer", "band",
    "delegation", "gruppe", "familie", "tier", "wolf", "jungwolf", "storch", "jungstorch",
    "vogel", "staatschef", "regierungschef", "monarch", "pontifex", "reisende", "gäste",
    "besatzung", "crew", "team", "mannschaft", "feld", "fahrerfeld", "tross", "expedition",
    "attentäter", "täter", "flüchtige", "mann", "frau",
})
# Vehicles by word (and as compound heads): the travel mode of a leg.
MODES: dict[str, str] = {
    "zug": "train", "bahn": "train", "waggon": "train", "bahnsteig": "train",
    "nachtzug": "train", "sonderzug": "train", "nightjet": "train", "ice": "train",
    "flugzeug": "plane", "maschine": "plane", "flug": "plane", "flieger": "plane",
    "jet": "plane", "airbus": "plane", "boeing": "plane", "flog": "plane", "fliegt": "plane",
    "fliegen": "plane", "geflogen": "plane", "landete": "plane", "gelandet": "plane",
    "schiff": "ship", "fähre": "ship", "boot": "ship", "kreuzfahrtschiff": "ship",
    "segelte": "ship", "schlauchboot": "ship",
    "auto": "car", "wagen": "car", "limousine": "car", "konvoi": "car", "kolonne": "car",
    "motorwagen": "car", "wohnmobil": "car", "womo": "car", "lieferwagen": "car",
    "kofferraum": "car", "bus": "bus", "fernbus": "bus", "transferbus": "bus",
}
MODE_HEADS = ("zug", "schiff", "flugzeug", "bus", "wagen", "boot", "flieger", "maschine")

WEEKDAYS = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")
MONTHS = (
    "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
    "oktober", "november", "dezember",
)
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mär": 3, "apr": 4, "jun": 6, "jul": 7,
                       "aug": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dez": 12}
SEASONS = {"frühjahr": 4, "frühling": 4, "sommer": 7, "herbst": 10, "winter": 1}
MONTH_PARTS = {"anfang": 3, "mitte": 15, "ende": 27}
# "tags darauf", "am nächsten Tag", "drei Tage später": relative days.
NEXT_DAY = frozenset({"tags", "nächsten", "folgenden", "tag", "tage", "tagen", "später"})
TIME_WORDS = frozenset({"uhr", "morgens", "abends", "mittags", "nachts"})
NUMBER_WORDS = {
    "einen": 1, "einem": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "zweiten": 2, "dritten": 3,
}
