"""Component: the decision on every gazetteer match — read the words (``reading``), rule
out people's names (``people``), weigh the context (``evidence``), then keep the best
non-overlapping names: strong ones first, weak ones where they lie near the places the text
clearly names or stand in a list with them, and a name again where the text has placed it
with support before.
"""

from __future__ import annotations

from gazetteer.geo import AnchorPoint, anchor_point, nearest_km
from storymap.geoparse.recognition.document import Document, Recognised, without_overlaps
from storymap.geoparse.recognition.evidence import ContextEvidence
from storymap.geoparse.recognition.lookups import Lookups
from storymap.geoparse.recognition.people import FIRST_PART, People
from storymap.geoparse.recognition.reading import NameReader
from storymap.geoparse.recognition.tokens import Tokens, hyphen_joined
from storymap.geoparse.recognition.vocabulary import AREA_KINDS, BIG_KINDS, CONJUNCTIONS


def _coordinated(doc: Tokens, match: Recognised, settled: set[int]) -> bool:
    """Whether ``match`` stands in a list with a settled name (Zug und Luzern, Halle,
    Leipzig)."""
    keys, gaps = doc.keys, doc.gaps
    after = match.last + 1
    if after < doc.size and keys[after] in CONJUNCTIONS and after + 1 in settled:
        return True
    if after < doc.size and gaps[after].strip() == "," and after in settled:
        return True
    before = match.first - 1
    if before >= 1 and keys[before] in CONJUNCTIONS and before - 1 in settled:
        return True
    return gaps[match.first].strip() == "," and before in settled


class NameDecision:
    """Scores every match, then keeps the names the evidence and the text's coherence
    support."""

    def __init__(self, lookups: Lookups, people: People) -> None:
        self.settings = lookups.settings
        self.people = people
        self.reader = NameReader(lookups)
        self.evidence = ContextEvidence(lookups)

    def __call__(self, doc: Document) -> None:
        tokens, lang = doc.tokens, doc.lang
        scored = []
        doc.unsupported = []
        for match in doc.matches:
            match.text = tokens.text[match.start : match.end]
            if self._plausible_name(doc, match):
                scored.append(match)
        threshold = self.settings.threshold
        strong = [m for m in scored if m.evidence >= threshold]
        weak = [m for m in scored if m.evidence < threshold]
        chosen = without_overlaps(strong, set())
        taken = {i for m in chosen for i in range(m.first, m.last + 1)}
        # A weak reading is kept when it lies near the places the text clearly names
        # (the border village Hasan in a story about Vladivostok).
        anchors = list(  # each place once: a long text names the same places again and again
            dict.fromkeys(
                anchor_point(m.candidates[0].lat, m.candidates[0].lon) for m in chosen
                if m.candidates and m.candidates[0].kind not in AREA_KINDS and not m.needs_cue
            )
        )
        rescued = [m for m in weak if self._near(m, anchors)]
        chosen += without_overlaps(rescued, taken)
        taken = {i for m in chosen for i in range(m.first, m.last + 1)}
        # Coordination supports a common word: "Zug und Luzern", "Halle, Leipzig", and a
        # weakly supported German name in a list of places (Avignon, Darmstadt, Berlin);
        # English lists of capitalised words name people and firms as often.
        settled = {m.first for m in chosen if not m.needs_cue or m.cued}
        settled |= {m.last for m in chosen if not m.needs_cue or m.cued}
        if lang == "de":
            listed = [
                m for m in weak if not m.needs_cue and _coordinated(tokens, m, settled)
            ]
            chosen += without_overlaps(listed, taken)
        for match in chosen:
            if match.needs_cue and not match.cued:
                match.cued = _coordinated(tokens, match, settled)
        chosen = [m for m in chosen if not m.needs_cue or m.cued]
        # One reading per name in a text: "the Hasan station" is the Hasan the text has
        # placed with a cue before ("the border station of Hasan").
        named = {m.key for m in chosen if not m.derived and m.last == m.first}
        again = [m for m in doc.unsupported if m.key in named and m.last == m.first]
        taken = {i for m in chosen for i in range(m.first, m.last + 1)}
        doc.names = chosen + without_overlaps(again, taken)
        doc.cover(doc.names)

    def _plausible_name(self, document: Document, match: Recognised) -> bool:
        doc, lang, cues = document.tokens, document.lang, document.cues
        first, last = match.first, match.last
        multiword = last > first
        spelling = (
            " ".join(doc.text_of(i) for i in range(first, last + 1))
            if multiword
            else doc.text_of(first)
        )
        reading = self.reader.reading(
            match.key, spelling, doc.words[first], doc.words[last], lang
        )
        if reading is None:
            return False
        match.as_code = reading.as_code
        match.candidates = reading.candidates
        top = reading.candidates[0]
        # Compound first part: "Russland-Besuch", "US-Präsident" → a derived mention.
        # German compounds continue with a noun (US-Präsident); a lower-case part
        # continues a person's name (Young-tae). English: Russia-based, U.S.-led.
        if (
            last + 1 < doc.size
            and hyphen_joined(doc.gaps[last + 1])
            and (doc.caps[last + 1] or lang == "en")
        ):
            if not reading.compounds:
                return False  # a minor place: the hyphen joins the parts of another name
            # German writes the compound as one word (Russland-Besuch: a derived mention);
            # English "London-based", "U.S.-led" modify with the name itself, as a noun
            # modifier does ("London police"): a plain mention.
            match.derived = lang == "de"
        if not multiword:
            part = self.people.person_part(doc, match, top, lang, cues)
            if part:
                # Only a surname is remembered for the rest of the text (John Tyler …
                # Tyler said): a place word that opens a name (London Homeless Coalition,
                # Paris Jackson) still names the place elsewhere ("in London").
                if part != FIRST_PART:
                    document.person_words.add(match.key)
                return False
        if not multiword and match.key in document.person_words and top.kind not in BIG_KINDS:
            return False  # "Tyler" after "John Tyler": the person again
        match.evidence = self.evidence.score(doc, match, reading, lang, cues)
        if match.evidence >= self.settings.threshold - self.settings.coherence_window:
            return True
        if match.evidence > -50:  # not ruled out (a dateline-only word elsewhere, say)
            document.unsupported.append(match)
        return False

    def _near(self, match: Recognised, anchors: list[AnchorPoint]) -> bool:
        limit = self.settings.coherence_km
        return any(
            nearest_km(candidate.lat, candidate.lon, anchors) <= limit
            for candidate in match.candidates[:3]
        )
