"""Reader for GeoWebNews (Gritta, Pilehvar & Collier 2019, "A Pragmatic Guide to Geoparsing
Evaluation"): ``<article>`` elements with a ``<text>`` and ``<toponyms>``.

Each ``<toponym>`` has extractedName, type, modifierType, nonLocational, start, end and, for
most literal and metonymic ones, geonamesID, latitude and longitude. Offsets index the
``<text>`` element's string. Language "en"; one article is one document (id: its ``file``).

Gold, following the paper's protocol, where literal *and* associative (metonymic) toponyms
are both toponyms a geotagger should find:
- counted: Literal, Mixed, Coercion, Embedded_Literal, Literal_Modifier, Metonymic, Demonym,
  Language, Homonym, Non_Literal_Modifier, Embedded_Non_Lit, and any other type except the
  three below;
- not counted: Literal_Expression and Non_Lit_Expression (common-noun location expressions:
  "church", "citizens") and Non_Toponym (the full extent of a name that merely contains a
  toponym, "Syrian Observatory for Human Rights", or of a coerced entity; the authors leave
  it out of their agreement and tagging data too). A system predicting one of these simply
  has a false positive (unless its span also overlaps a counted toponym).
- derived (adjective or demonym rather than the name itself): types Demonym and Language,
  and any toponym with modifierType "Adjective" ("Syrian" in "Syrian-Turkish border",
  "French engineer"). Noun modifiers ("Rome police", "Washington Post") are the plain name.
- category: the toponym type, so recall is reported per type.

Resolution is measured over counted toponyms that have latitude and longitude. Toponyms whose
offsets do not give their extractedName (in the distributed file: five with negative offsets,
annotated in the title) are skipped and counted in the report's notes; two toponyms on the same
span count once.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from storymap.evaluate.model import Corpus, CorpusError, Document, GoldMention

NOT_GOLD = frozenset({"Literal_Expression", "Non_Lit_Expression", "Non_Toponym"})
DERIVED_TYPES = frozenset({"Demonym", "Language"})


def read_gwn(path: Path) -> Corpus:
    """All articles of a GeoWebNews XML file."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        raise CorpusError(f"{path}: not well-formed XML ({error})") from error
    articles = root.findall("article") if root.tag != "article" else [root]
    if not articles:
        raise CorpusError(f"{path}: no <article> elements (is it GeoWebNews?)")
    documents = []
    total = mismatched = mismatched_gold = duplicates = 0
    for number, article in enumerate(articles):
        text = article.findtext("text") or ""
        gold: dict[tuple[int, int], GoldMention] = {}
        for toponym in article.iter("toponym"):
            total += 1
            kind = (toponym.findtext("type") or "").strip()
            name = toponym.findtext("extractedName") or ""
            start, end = _int(toponym.findtext("start")), _int(toponym.findtext("end"))
            if start is None or end is None or start < 0 or text[start:end] != name:
                mismatched += 1
                mismatched_gold += kind not in NOT_GOLD
                continue
            if kind in NOT_GOLD:
                continue
            if (start, end) in gold:
                duplicates += 1
                continue
            derived = kind in DERIVED_TYPES or toponym.findtext("modifierType") == "Adjective"
            gold[(start, end)] = GoldMention(
                start=start,
                end=end,
                text=name,
                derived=derived,
                lat=_float(toponym.findtext("latitude")),
                lon=_float(toponym.findtext("longitude")),
                category=kind or "unknown",
                entity=_entity(toponym.findtext("geonamesID")),
            )
        mentions = sorted(gold.values(), key=lambda mention: (mention.start, mention.end))
        doc_id = article.get("file") or str(number)
        documents.append(Document(doc_id=doc_id, text=text, lang="en", gold=mentions))
    notes = ["gold: every toponym type except Literal_Expression, Non_Lit_Expression, Non_Toponym"]
    if mismatched:
        notes.append(
            f"{mismatched} of {total} toponyms have offsets that do not give their "
            f"extractedName; skipped ({mismatched_gold} of them of a counted type)"
        )
    if duplicates:
        notes.append(f"{duplicates} toponyms repeat a span already annotated; counted once")
    return Corpus(name=str(path), format="gwn", documents=documents, notes=notes)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _float(value: str | None) -> float | None:
    if value is None or not value.strip():
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _entity(geonames_id: str | None) -> str | None:
    """The gold place as a gazetteer id, when the annotators gave its GeoNames id."""
    return f"gn:{geonames_id.strip()}" if geonames_id and geonames_id.strip() else None
