"""``storymap build --explain``: every movement event and why each place is or is not a stop,
so an editor sees what the route was read from and what to override."""

from __future__ import annotations

from storymap.journey.model import Journey


def _short(text: str, width: int = 60) -> str:
    words = " ".join(text.split())
    return words if len(words) <= width else words[: width - 1] + "…"


def explain_journey(journey: Journey, text: str) -> str:
    """Events (clause, predicate, mover, roles, time, modality), then one line per place."""
    lines = ["", "movement events"]
    if not journey.events:
        lines.append("  (none: no clause of the text tells a movement)")
    for event in journey.events:
        start, end = event.clause
        roles = ", ".join(f"{r.role} {r.text} ({r.marker})" for r in event.roles) or "no place"
        when = f" · {event.when.label()}" if event.when else ""
        mover = f" · mover {event.mover_text}" if event.mover_text else ""
        sequence = f" · {event.sequence}" if event.sequence else ""
        lines.append(
            f"  {start}-{end} {event.kind} '{event.predicate}' · {event.modality} "
            f"({event.tense}){when}{mover}{sequence}"
        )
        lines.append(f"      {_short(text[start:end])}")
        lines.append(f"      → {roles}")
    lines += ["", "places and the route"]
    for decision in journey.decisions:
        lines.append(f"  {decision.place.name} ({decision.place.id}): {decision.verdict} — "
                     f"{decision.detail}")
    if journey.traveller:
        lines.append(f"  traveller: {journey.traveller}")
    for stop_number, stop in enumerate(journey.stops, start=1):
        when = f", {stop.when.label()}" if stop.when else ""
        lines.append(f"  stop {stop_number}: {stop.place.name} · {stop.modality}{when} · "
                     f"score {stop.score:.2f}")
    lines.extend(f"  note: {note}" for note in journey.notes)
    return "\n".join(lines) + "\n"
