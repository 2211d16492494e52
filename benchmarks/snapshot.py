"""Write what storymap reads from every text of the shared corpora — each mention (span,
form, place id) and each route (stop ids, modalities, times) — as one JSON file, so that two
versions of the code can be compared byte for byte (a refactoring must not change it).

    python benchmarks/snapshot.py OUT.json [--corpus PATH ...]

Default corpora: the shared examples, de-dev, journeys and GeoWebNews (when present), and the
first 500 GermEval sentences; the output is deterministic (sorted keys, documents in id order).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SHARED = REPO.parent / "shared"
DEFAULT_CORPORA = (
    SHARED / "examples",
    SHARED / "eval" / "de-dev",
    SHARED / "eval" / "journeys",
    SHARED / "eval" / "geowebnews" / "GWN.xml",
    SHARED / "eval" / "germeval2014" / "NER-de-dev.tsv",
)
GERMEVAL_SENTENCES = 500


def snapshot(paths: list[Path]) -> dict[str, object]:
    from storymap.evaluate.corpora import load_corpus
    from storymap.geoparse import geoparse
    from storymap.journey import infer_journey

    documents: dict[str, object] = {}
    for path in paths:
        if not path.exists():
            continue
        corpus = load_corpus(path)
        items = corpus.documents
        if corpus.format == "germeval":
            items = items[:GERMEVAL_SENTENCES]
        for document in items:
            result = geoparse(document.text, lang=document.lang or "auto")
            journey = infer_journey(result)
            documents[f"{path.name}/{document.doc_id}"] = {
                "mentions": [
                    [m.start, m.end, m.text, m.derived, m.place.id if m.place else None]
                    for m in result.mentions
                ],
                "route": list(journey.place_ids),
                "modalities": list(journey.modalities),
                "times": list(journey.times),
            }
    return documents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--corpus", type=Path, action="append", default=None)
    args = parser.parse_args(argv)
    documents = snapshot(args.corpus or list(DEFAULT_CORPORA))
    text = json.dumps(documents, ensure_ascii=False, sort_keys=True, indent=0) + "\n"
    args.output.write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    mentions = sum(len(d["mentions"]) for d in documents.values())  # type: ignore[index,arg-type]
    print(f"{len(documents)} documents, {mentions} mentions, sha256 {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
