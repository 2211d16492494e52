"""English words journey inference reads: movement predicates by lemma, role markers, and
the closed classes of tense, modality, sequence and reference (see ``words_de`` for the
meaning of the columns)."""

from __future__ import annotations

from storymap.journey.model import GOAL, LOCATION, SOURCE, VIA

# (kind, base, third person, past, participle, gerund, particle, object role); empty parts
# are regular. A particle ("set off", "touch down") must follow the verb within two words.
VERBS: tuple[tuple[str, str, str, str, str, str, str, str | None], ...] = (
    ("depart", "leave", "", "left", "left", "", "", SOURCE),
    ("depart", "depart", "", "", "", "", "", SOURCE),
    ("depart", "set", "", "set", "set", "setting", "off", None),
    ("depart", "set", "", "set", "set", "setting", "out", None),
    ("depart", "set", "", "set", "set", "setting", "sail", None),
    ("depart", "take", "", "took", "taken", "", "off", None),
    ("depart", "embark", "", "", "", "", "", None),
    ("depart", "start", "", "", "", "", "", None),
    ("depart", "launch", "", "", "", "", "", None),
    ("depart", "escape", "", "", "", "", "", SOURCE),
    ("arrive", "arrive", "", "", "", "", "", None),
    ("arrive", "reach", "", "", "", "", "", GOAL),
    ("arrive", "land", "", "", "", "", "", None),
    ("arrive", "dock", "", "", "", "", "", None),
    ("arrive", "touch", "", "", "", "", "down", None),
    ("arrive", "enter", "", "", "", "", "", GOAL),
    ("arrive", "show", "", "", "shown", "", "up", None),
    ("arrive", "get", "", "got", "got", "getting", "", None),
    ("arrive", "drop", "", "dropped", "dropped", "dropping", "off", None),
    ("travel", "travel", "", "", "", "", "", None),
    ("travel", "go", "goes", "went", "gone", "", "", None),
    ("travel", "fly", "", "flew", "flown", "", "", None),
    ("travel", "drive", "", "drove", "driven", "", "", None),
    ("travel", "sail", "", "", "", "", "", None),
    ("travel", "head", "", "", "", "", "", None),
    ("travel", "move", "", "", "", "", "", None),
    ("travel", "continue", "", "", "", "", "", None),
    ("travel", "proceed", "", "", "", "", "", None),
    ("travel", "ride", "", "rode", "ridden", "", "", None),
    ("travel", "walk", "", "", "", "", "", None),
    ("travel", "run", "", "ran", "run", "running", "", None),
    ("travel", "flee", "", "fled", "fled", "", "", None),
    ("travel", "paddle", "", "", "", "", "", None),
    ("travel", "race", "", "", "", "", "", None),
    ("travel", "come", "", "came", "come", "", "", None),
    ("travel", "journey", "", "", "", "", "", None),
    ("travel", "trek", "", "trekked", "trekked", "trekking", "", None),
    ("travel", "cycle", "", "", "", "", "", None),
    ("travel", "migrate", "", "", "", "", "", None),
    ("travel", "hitch", "", "", "", "", "", None),
    ("travel", "bring", "", "brought", "brought", "", "", None),
    ("travel", "transport", "", "", "", "", "", None),
    ("travel", "divert", "", "", "", "", "", None),
    ("travel", "turn", "", "", "", "", "", None),
    ("travel", "lead", "", "led", "led", "", "", None),
    ("pass", "pass", "", "", "", "", "", VIA),
    ("pass", "cross", "", "", "", "", "", VIA),
    ("pass", "round", "", "", "", "", "", VIA),
    ("pass", "traverse", "", "", "", "", "", VIA),
    ("pass", "overfly", "overflies", "overflew", "overflown", "", "", VIA),
    ("visit", "visit", "", "", "", "", "", LOCATION),
    ("visit", "stay", "", "", "", "", "", None),
    ("visit", "spend", "", "spent", "spent", "", "", None),
    ("visit", "stop", "", "stopped", "stopped", "stopping", "", None),
    ("visit", "meet", "", "met", "met", "", "", None),
    ("visit", "attend", "", "", "", "", "", None),
    ("visit", "welcome", "", "", "", "", "", None),
    ("visit", "camp", "", "", "", "", "", None),
    ("visit", "rest", "", "", "", "", "", None),
    ("visit", "remain", "", "", "", "", "", None),
    ("visit", "settle", "", "", "", "", "in", None),
    ("travel", "tour", "", "", "", "", "", LOCATION),  # touring Germany: a movement
    ("visit", "find", "", "found", "found", "", "", None),  # "the second day found them in"
    ("return", "return", "", "", "", "", "", None),
    ("return", "come", "", "came", "come", "", "back", None),
    ("return", "go", "goes", "went", "gone", "", "back", None),
    ("return", "head", "", "", "", "", "back", None),
    ("return", "fly", "", "flew", "flown", "", "back", None),
    ("begin", "begin", "", "began", "begun", "beginning", "", None),
    ("finish", "end", "", "", "", "", "", None),
    ("finish", "finish", "", "", "", "", "", None),
    ("finish", "complete", "", "", "", "", "", None),
    ("venue", "take", "", "took", "taken", "", "place", None),
    ("venue", "hold", "", "held", "held", "", "", None),
)

NOUNS: tuple[tuple[str, str], ...] = (
    ("travel", "travel"), ("travel", "trip"), ("travel", "journey"), ("travel", "tour"),
    ("travel", "flight"),
    ("travel", "voyage"), ("travel", "leg"), ("travel", "route"), ("travel", "expedition"),
    ("travel", "drive"), ("travel", "ride"), ("travel", "stage"), ("travel", "migration"),
    ("travel", "way"), ("travel", "cruise"), ("travel", "trek"), ("travel", "march"),
    ("travel", "paddle"), ("travel", "crossing"),
    ("travel", "passage"), ("travel", "trail"),
    ("depart", "departure"), ("depart", "start"), ("depart", "launch"),
    ("arrive", "arrival"), ("arrive", "landfall"),
    ("arrive", "landing"),
    ("visit", "visit"), ("visit", "stopover"), ("visit", "layover"), ("visit", "stop"),
    ("visit", "stay"), ("visit", "sighting"), ("visit", "talks"), ("visit", "meeting"),
    ("visit", "summit"),
    ("return", "return"), ("return", "homecoming"),
)
OBJECT_NOUNS: tuple[tuple[str, str, str], ...] = (
    ("visit", "itinerary", LOCATION), ("arrive", "destination", GOAL),
)
COMPOUND_HEADS: frozenset[str] = frozenset()
NOT_COMPOUNDS: frozenset[str] = frozenset()

ROLE_WORDS: dict[str, str] = {
    "from": SOURCE,
    "to": GOAL, "into": GOAL, "onto": GOAL, "for": GOAL, "toward": GOAL, "towards": GOAL,
    "via": VIA, "through": VIA, "across": VIA, "past": VIA, "over": VIA, "along": VIA,
    "around": VIA, "round": VIA,
    "in": LOCATION, "at": LOCATION, "on": LOCATION, "near": LOCATION, "outside": LOCATION,
    "off": LOCATION, "inside": LOCATION,
    "between": "", "against": "",
}
ACCUSATIVE_ARTICLES: frozenset[str] = frozenset()
DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "this",
                         "that"})
CLASSIFIERS = frozenset({
    "city", "capital", "town", "port", "island", "islands", "village", "province", "state",
    "airport", "station", "border", "coast", "shores", "shore", "region", "area", "county",
    "country", "harbour", "harbor", "township", "district", "base", "camp", "outpost",
    "peninsula", "bay", "mouth", "strait", "cape", "territory",
})
PART_NOUNS = frozenset({
    "north", "south", "east", "west", "tip", "edge", "coast", "shores", "shore", "mouth",
    "heart", "outskirts", "centre", "center", "middle", "waters", "part", "side", "end",
    "coastline", "interior",
})
DIRECTIONS = frozenset({
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "north-east", "north-west", "south-east", "south-west",
})
FACILITIES: frozenset[str] = frozenset()

SUBORDINATORS = frozenset({
    "that", "which", "who", "whom", "whose", "where", "when", "while", "whilst", "because",
    "after", "before", "as", "although", "though", "if", "since", "until", "till",
    "unless", "whereas", "once",
})
COORDINATORS = frozenset({"and", "but", "or", "yet", "then", "so"})
CONTRAST = frozenset({"instead", "but"})

PLUPERFECT_AUX = frozenset({"had", "'d"})
PERFECT_AUX = frozenset({"has", "have", "'ve"})
FUTURE = frozenset({
    "will", "'ll", "shall", "would", "plans", "planned", "plan", "scheduled", "due",
    "expected", "going", "intends", "intend", "hopes", "tomorrow", "upcoming", "next",
    "forthcoming", "wants", "aims",
})
COUNTERFACTUAL = frozenset({"could've", "should've", "would've"})
CANCELLED = frozenset({"originally", "initially"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nowhere", "without",
                       "refused", "denied", "barred", "cannot", "cancelled", "canceled"})
HABITUAL = frozenset({"usually", "daily", "weekly", "yearly", "annually", "regularly",
                      "often", "typically", "normally", "generally", "every", "each"})
SERVICES = frozenset({"service", "services", "connection", "connections", "line", "lines",
                      "timetable", "flights", "trains", "routes", "offers", "operates"})
UNDERWAY = frozenset({"underway", "en"})
SEQUENCE_AFTER = frozenset({"then", "later", "afterwards", "afterward", "next",
                            "eventually", "finally", "subsequently", "thereafter"})
SEQUENCE_BEFORE = frozenset({"earlier", "before", "previously", "beforehand", "first",
                             "initially"})
FIRST = frozenset({"first", "initial", "opening"})
LAST = frozenset({"last", "final", "finally"})
ORDER_ADJECTIVES = frozenset({"first", "initial", "opening", "last", "final"})
RETURN = frozenset({"back", "home", "homeward"})
AGAIN = frozenset({"again", "second", "re-enter", "remainder"})
HISTORIC = frozenset({"once", "formerly", "ago", "decades", "centuries"})
THERE = frozenset({"there", "here", "where"})  # from there, from where
PRONOUNS = frozenset({"he", "she", "it", "they"})
FIRST_PERSON = frozenset({"i", "we"})
INDEFINITE = frozenset({"a", "an", "another", "other"})
POSSESSIVE = frozenset({"my", "your"})
QUANTIFIERS = frozenset({"all", "many", "several", "hundreds", "thousands", "dozens",
                         "some", "most", "other"})
MOVER_NOUNS = frozenset({
    "train", "ship", "vessel", "plane", "aircraft", "flight", "boat", "ferry", "fleet",
    "bus", "car", "convoy", "motorcade", "president", "chancellor", "pope", "pontiff",
    "king", "queen", "couple", "prince", "princess", "duke", "duchess", "leader",
    "minister", "passengers", "refugees", "migrants", "riders", "runner", "band", "crew",
    "team", "bird", "animal", "delegation", "group", "family", "explorer", "fugitive",
    "escapee", "expedition", "cruise", "female", "male", "brothers", "pair",
})
MODES: dict[str, str] = {
    "train": "train", "rail": "train", "railway": "train", "plane": "plane",
    "flight": "plane", "flew": "plane", "fly": "plane", "flying": "plane", "flown": "plane",
    "aircraft": "plane", "jet": "plane", "airport": "plane", "landed": "plane",
    "ship": "ship", "ferry": "ship", "boat": "ship", "vessel": "ship", "sailed": "ship",
    "sail": "ship", "cruise": "ship", "kayak": "ship", "car": "car", "motorcade": "car",
    "convoy": "car", "bus": "bus", "sleds": "sled", "sled": "sled",
}
MODE_HEADS: tuple[str, ...] = ()

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
                       "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
SEASONS = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}
MONTH_PARTS = {"early": 3, "mid": 15, "late": 27}
NEXT_DAY = frozenset({"next", "following", "day", "days", "later"})
TIME_WORDS = frozenset({"a.m.", "p.m.", "am", "pm", "o'clock"})
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "second": 2, "third": 3,
}
