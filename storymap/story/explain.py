"""``--explain``: what storymap decided for each mention, so a user sees what to override."""

from __future__ import annotations

from storymap.journey.explain import explain_journey
from storymap.journey.model import Journey
from storymap.story.model import Story


def _place_text(place: object | None) -> str:
    if place is None:
        return "—"
    country = getattr(place, "country", "")
    return f"{place.name} ({country})" if country else place.name  # type: ignore[attr-defined]


def explain(story: Story) -> str:
    """A table: span, text, plain/derived, chosen place and id, confidence, runner-up."""
    header = ("span", "text", "form", "place", "id", "conf", "runner-up")
    rows = [header]
    for mention in story.mentions:
        runner = mention.alternatives[0] if mention.alternatives else None
        rows.append(
            (
                f"{mention.start}-{mention.end}",
                " ".join(mention.text.split()),
                "derived" if mention.derived else "name",
                _place_text(mention.place),
                mention.place.id if mention.place else "",
                f"{mention.confidence:.2f}",
                _place_text(runner) if runner else "",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in rows]
    if story.route:
        stops = " → ".join(story.place(place_id).label for place_id in story.route)
        lines.append(f"\nroute: {stops}")
    lines.extend(f"override not applied: {note}" for note in story.notes)
    text = "\n".join(lines) + "\n"
    journey = story.journey
    if isinstance(journey, Journey):
        text += explain_journey(journey, story.text)
    elif story.route:
        text += "\n(the route was given, not read from the text)\n"
    return text
