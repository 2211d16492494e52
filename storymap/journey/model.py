"""The values journey inference hands out: movement events, stops, the journey, decisions.

Everything here is plain data, so `--explain`, the evaluation's loss table, the story file
and the page read the same facts the route was assembled from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gazetteer import Candidate

# What a place is to a movement event.
SOURCE, GOAL, VIA, LOCATION = "source", "goal", "via", "location"
# Where an event stands in reality.
DONE, UNDERWAY, ANNOUNCED = "done", "underway", "announced"
NEGATED, HABITUAL, CANCELLED = "negated", "habitual", "cancelled"
TRAVELLED = frozenset({DONE, UNDERWAY})
DRAWN = frozenset({DONE, UNDERWAY, ANNOUNCED})  # modalities a stop can have

# Why a place the text names is or is not a stop (the loss table groups these by stage).
VERDICT_STOP = "stop"
VERDICT_NO_EVENT = "no event"  # no movement event in its clause
VERDICT_NO_ROLE = "no role"  # in an event, but neither source, goal, via nor location
VERDICT_OTHER_MOVER = "other mover"  # the event is someone else's journey
VERDICT_DROPPED = "dropped"  # negated, habitual, cancelled, framing area, stray, weak


@dataclass(frozen=True, slots=True)
class When:
    """A point on the story's timeline, as precise as the text makes it (any field may be
    unknown): "am Mittwoch" is a weekday, "2. September 2024, 14.30 Uhr" a full date and
    time, "im Sommer 2016" a year and month."""

    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    minute: int | None = None  # minutes after midnight
    weekday: int | None = None  # 0 = Monday

    def label(self) -> str:
        """ISO-like: ``2024-09-02``, ``2024-09-02 14:30``, ``2024-09``, ``2024``; else the
        words of the text ("Mittwoch")."""
        if self.year is None:
            return " ".join(self.text.split())
        label = f"{self.year:04d}"
        if self.month is not None:
            label += f"-{self.month:02d}"
            if self.day is not None:
                label += f"-{self.day:02d}"
                if self.minute is not None:
                    label += f" {self.minute // 60:02d}:{self.minute % 60:02d}"
        return label


@dataclass(frozen=True, slots=True)
class Role:
    """One place filling a role of an event: the mention (offsets into the text) and why."""

    start: int
    end: int
    text: str
    place: Candidate
    role: str  # SOURCE, GOAL, VIA, LOCATION
    marker: str  # the word that gave the role: "nach", "aus", "object of verlassen", …
    within: str = ""  # id of the area the text places it in ("List auf Sylt": Sylt)


@dataclass(frozen=True, slots=True)
class Event:
    """A movement or presence the text tells: who, from where, through where, to where,
    when, and whether it happened.

    ``predicate``: the lemma that triggered it (eintreffen, Reise, leave, "von … nach");
    ``kind``: depart, arrive, travel, visit, pass, return, venue, heading or chain;
    ``mover``: a key for who moves (a surname, "narrator", a vehicle noun), None if the
    clause does not say; ``strength``: how clearly this is a journey event (0–1)."""

    index: int
    sentence: tuple[int, int]
    clause: tuple[int, int]
    predicate: str
    kind: str
    trigger: tuple[int, int]
    roles: tuple[Role, ...]
    modality: str
    tense: str  # past, pluperfect, present, future
    mover: str | None = None
    mover_text: str = ""
    when: When | None = None
    mode: str | None = None  # train, plane, ship, car, bus, foot, bike
    strength: float = 1.0
    sequence: str = ""  # "after" (dann, then), "before" (zuvor, earlier), "first", "last"
    from_previous: bool = False  # "von dort", "from there": its source is the last place
    again: bool = False  # "zum zweiten Mal", "wieder", "again": a place seen before, anew
    opener: str = ""  # the subordinator of its clause (nachdem, before …), if any
    position: int = 0  # the clause's place in its sentence (0 = first)
    passage: int = 0  # the passage (paragraph) it is told in
    noun: bool = False  # its predicate is a noun (Reise, visit), not a verb
    coordinated: bool = False  # joined to the clause before by und/and ("fuhr los und kam an")


@dataclass(frozen=True, slots=True)
class Stop:
    """One stop of the route: the place, the events that make it one, and when it was."""

    place: Candidate
    events: tuple[int, ...]  # indices into Journey.events
    sentences: tuple[tuple[int, int], ...]
    when: When | None = None
    modality: str = DONE  # DONE, UNDERWAY or ANNOUNCED
    mode: str | None = None  # how the traveller reached this stop
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class Decision:
    """Why a place the text names is or is not a stop (one row of ``--explain``)."""

    place: Candidate
    verdict: str  # one of the VERDICT_* values
    detail: str


@dataclass(frozen=True, slots=True)
class Journey:
    stops: tuple[Stop, ...]
    events: tuple[Event, ...] = ()
    decisions: tuple[Decision, ...] = ()
    traveller: str | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def place_ids(self) -> tuple[str, ...]:
        return tuple(stop.place.id for stop in self.stops)

    @property
    def modes(self) -> tuple[str | None, ...]:
        """Travel mode of each leg (one fewer than stops)."""
        return tuple(stop.mode for stop in self.stops[1:])

    @property
    def times(self) -> tuple[str | None, ...]:
        """Each stop's date or time as a label (``2019-04-24``), None where the text is
        silent."""
        return tuple(stop.when.label() if stop.when else None for stop in self.stops)

    @property
    def modalities(self) -> tuple[str, ...]:
        """Each stop's modality: done, underway or announced."""
        return tuple(stop.modality for stop in self.stops)
