"""Corpus readers on tiny hand-written fixtures, and on the real corpora when they are here."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from storymap.evaluate.corpora import detect_format, load_corpora, load_corpus
from storymap.evaluate.germeval import read_germeval, read_sentences, tag_spans
from storymap.evaluate.model import CorpusError, GoldStop

DATA = Path(__file__).parent / "data" / "eval"
REPO = Path(__file__).resolve().parent.parent


def _shared() -> Path | None:
    """The shared development data: $STORYMAP_SHARED, else ``<repo>/../shared``."""
    candidate = Path(os.environ.get("STORYMAP_SHARED") or REPO.parent / "shared")
    return candidate if (candidate / "eval").is_dir() else None


SHARED = _shared()
needs_shared = pytest.mark.skipif(SHARED is None, reason="shared eval corpora not available")


def spans(document) -> list[tuple[str, bool, str]]:
    return [(g.text, g.derived, g.category) for g in document.gold]


# --- annotated -----------------------------------------------------------------------------


def test_annotated_pair_reads_mentions_with_coordinates():
    corpus = load_corpus(DATA / "annotated")
    assert corpus.format == "annotated" and corpus.has_coordinates
    [document] = corpus.documents
    assert document.doc_id == "01" and document.lang == "de"
    assert spans(document) == [
        ("Pjöngjang", False, "city"),
        ("Wladiwostok", False, "city"),
        ("russischen", True, "country"),
        ("Insel Russki", False, "island"),
    ]
    for mention in document.gold:
        assert document.text[mention.start : mention.end] == mention.text
    assert (document.gold[0].lat, document.gold[0].lon) == (39.0339, 125.7543)


def test_annotated_single_file_by_txt_or_json(tmp_path):
    by_text = load_corpus(DATA / "annotated" / "01.txt")
    by_json = load_corpus(DATA / "annotated" / "01.json")
    assert by_text.documents == by_json.documents
    assert by_text.documents[0].doc_id == "01"
    (tmp_path / "lonely.txt").write_text("Berlin", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"lonely\.json"):
        load_corpus(tmp_path / "lonely.txt")


def _write_pair(folder: Path, stem: str, text: str, mentions: list[dict], newline="") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{stem}.txt", "w", encoding="utf-8", newline=newline) as handle:
        handle.write(text)
    places = [{"id": "p", "lat": 1.0, "lon": 2.0, "kind": "city"}]
    annotation = {"language": "en", "places": places, "mentions": mentions}
    (folder / f"{stem}.json").write_text(json.dumps(annotation), encoding="utf-8")


def test_annotated_folder_is_searched_recursively_with_relative_ids(tmp_path):
    mention = {"text": "Oslo", "start": 0, "end": 4, "place": "p", "derived": False}
    _write_pair(tmp_path / "set-b", "2", "Oslo", [mention])
    _write_pair(tmp_path / "set-a", "1", "Oslo", [mention])
    (tmp_path / "notes.txt").write_text("no annotation beside me", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert sorted(d.doc_id for d in corpus.documents) == ["set-a/1", "set-b/2"]


def test_annotated_offsets_index_the_exact_text_including_crlf(tmp_path):
    # with newline translation "\r\n" would become "\n" and every later offset would shift
    text = "Erst Berlin.\r\nDann Rom."
    start = text.index("Rom")
    mention = {"text": "Rom", "start": start, "end": start + 3, "place": "p", "derived": False}
    _write_pair(tmp_path, "crlf", text, [mention])
    [document] = load_corpus(tmp_path).documents
    assert document.text == text
    assert document.gold[0].text == "Rom" and document.gold[0].start == start


def test_annotated_mention_that_contradicts_the_text_fails_loudly(tmp_path):
    mention = {"text": "Paris", "start": 0, "end": 5, "place": "p", "derived": False}
    _write_pair(tmp_path, "bad", "Rome is lovely", [mention])
    with pytest.raises(CorpusError, match=r"'Paris' at 0-5 but the text there is 'Rome '"):
        load_corpus(tmp_path)


def test_annotated_unknown_place_fails(tmp_path):
    mention = {"text": "Rome", "start": 0, "end": 4, "place": "nowhere", "derived": False}
    _write_pair(tmp_path, "bad", "Rome is lovely", [mention])
    with pytest.raises(CorpusError, match="unknown place 'nowhere'"):
        load_corpus(tmp_path)


def test_annotated_empty_folder_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match="no annotated documents"):
        load_corpus(tmp_path)


# --- routes, scope and several paths --------------------------------------------------------

ROUTE_PLACES = [
    {"id": "mannheim", "lat": 49.49, "lon": 8.47, "kind": "city"},
    {"id": "pforzheim", "lat": 48.89, "lon": 8.69, "kind": "city"},
    {"id": "germany", "lat": 51.0, "lon": 10.0, "kind": "country"},
]


def _write_route_doc(
    folder: Path, stem: str, route: list[str], scope: str | None = "route", **extra
) -> None:
    """A journeys-style file: only the route is annotated (no mentions)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.txt").write_text("Von Mannheim nach Pforzheim.", encoding="utf-8")
    annotation = {"language": "de", "places": ROUTE_PLACES, "route": route, **extra}
    if scope is not None:
        annotation["scope"] = scope
    (folder / f"{stem}.json").write_text(json.dumps(annotation), encoding="utf-8")


def test_route_stops_carry_their_kind_and_repeats_stay(tmp_path):
    _write_route_doc(tmp_path, "d01", ["mannheim", "germany", "pforzheim", "mannheim"])
    [document] = load_corpus(tmp_path).documents
    assert document.route == (
        GoldStop("mannheim", 49.49, 8.47, "city"),
        GoldStop("germany", 51.0, 10.0, "country"),
        GoldStop("pforzheim", 48.89, 8.69, "city"),
        GoldStop("mannheim", 49.49, 8.47, "city"),
    )
    assert document.scope == "route" and document.route_only and document.gold == []


def test_scope_absent_means_full_and_unknown_scope_fails(tmp_path):
    _write_route_doc(tmp_path / "a", "1", [], scope=None)
    [document] = load_corpus(tmp_path / "a").documents
    assert document.scope == "full" and not document.route_only and document.route == ()
    _write_route_doc(tmp_path / "b", "1", [], scope="stops")
    with pytest.raises(CorpusError, match="unknown scope 'stops'"):
        load_corpus(tmp_path / "b")


def test_route_with_an_unknown_place_fails(tmp_path):
    _write_route_doc(tmp_path, "d01", ["mannheim", "atlantis"])
    with pytest.raises(CorpusError, match="route names an unknown place 'atlantis'"):
        load_corpus(tmp_path)


def test_several_paths_merge_with_folder_prefixes(tmp_path):
    _write_route_doc(tmp_path / "journeys", "d01", ["mannheim"])
    _write_route_doc(tmp_path / "journeys", "e01", [])
    _write_route_doc(tmp_path / "examples", "kim", ["pforzheim"], scope=None)
    corpus = load_corpora(
        [tmp_path / "examples" / "kim.txt", tmp_path / "journeys"]
    )
    assert corpus.format == "annotated"
    assert [d.doc_id for d in corpus.documents] == ["examples/kim", "journeys/d01", "journeys/e01"]
    assert [d.route_only for d in corpus.documents] == [False, True, True]
    # one path: ids as before, no prefix
    assert [d.doc_id for d in load_corpora([tmp_path / "journeys"]).documents] == ["d01", "e01"]


def test_several_paths_reject_other_formats_and_clashing_ids(tmp_path):
    _write_route_doc(tmp_path / "journeys", "d01", ["mannheim"])
    with pytest.raises(CorpusError, match="several paths work only with annotated"):
        load_corpora([tmp_path / "journeys", DATA / "germeval" / "mini.tsv"])
    with pytest.raises(CorpusError, match="journeys/d01 comes from both"):
        load_corpora([tmp_path / "journeys", tmp_path / "journeys"])


# --- GermEval ------------------------------------------------------------------------------


def test_germeval_sentences_become_documents_with_loc_gold():
    corpus = load_corpus(DATA / "germeval" / "mini.tsv")
    assert corpus.format == "germeval" and not corpus.has_coordinates
    assert [d.doc_id for d in corpus.documents] == ["0001", "0002", "0003"]
    first, second, third = corpus.documents
    assert first.text == "Der Zug fuhr von Frankfurt am Main nach Berlin."
    assert first.tokens is not None and first.tokens[-1] == (46, 47)  # the full stop
    assert first.lang == "de"
    assert spans(first) == [("Frankfurt am Main", False, "LOC"), ("Berlin", False, "LOC")]
    assert (first.gold[0].start, first.gold[0].end) == (17, 34)
    # LOCderiv and LOCpart are derived; Dortmund comes from the nested column
    assert spans(second) == [
        ("deutschen", True, "LOCderiv"),
        ("Dortmund", False, "LOC-nested"),
        ("Europameisterschaft", True, "LOCpart"),
    ]
    assert third.gold == []
    for document in corpus.documents:
        for mention in document.gold:
            assert document.text[mention.start : mention.end] == mention.text
    assert any("1 gold span(s) come from the nested" in note for note in corpus.notes)
    assert [view.name for view in corpus.views] == [
        "all",
        "plain",
        "derived",
        "LOC",
        "LOC+LOCderiv",
        "LOCpart",
    ]


def test_germeval_raw_spans_join_the_tokens_by_single_spaces_and_keep_no_tokens():
    corpus = read_germeval(DATA / "germeval" / "mini.tsv", raw_spans=True)
    first, second, _ = corpus.documents
    assert first.text == "Der Zug fuhr von Frankfurt am Main nach Berlin ."
    assert first.tokens is None  # predictions are scored as the character spans they are
    assert spans(first) == [("Frankfurt am Main", False, "LOC"), ("Berlin", False, "LOC")]
    assert [(g.start, g.end) for g in first.gold] == [(17, 34), (40, 46)]
    for document in corpus.documents:
        for mention in document.gold:
            assert document.text[mention.start : mention.end] == mention.text
    assert [g.text for g in second.gold] == ["deutschen", "Dortmund", "Europameisterschaft"]
    assert any("raw spans" in note for note in corpus.notes)
    assert [view.name for view in corpus.views] == [
        view.name for view in load_corpus(DATA / "germeval" / "mini.tsv").views
    ]


def test_germeval_outer_loc_starts_are_countable():
    sentences = list(read_sentences(DATA / "germeval" / "mini.tsv"))
    assert len(sentences) == 3
    outer_loc = [span for s in sentences for span in tag_spans(s.outer) if span[2] == "LOC"]
    assert len(outer_loc) == 2


def test_tag_spans_follow_bio_and_tolerate_a_stray_inside_tag():
    tags = ["O", "B-LOC", "I-LOC", "B-LOC", "I-ORG", "I-ORG", "O", "I-LOC"]
    assert tag_spans(tags) == [(1, 3, "LOC"), (3, 4, "LOC"), (4, 6, "ORG"), (7, 8, "LOC")]
    assert tag_spans([]) == []


def test_germeval_span_in_both_columns_counts_once(tmp_path):
    path = tmp_path / "both.tsv"
    path.write_text("#\tx\n1\tin\tO\tO\n2\tWien\tB-LOC\tB-LOC\n\n", encoding="utf-8")
    [document] = load_corpus(path).documents
    assert spans(document) == [("Wien", False, "LOC")]


def test_germeval_malformed_row_names_the_line(tmp_path):
    path = tmp_path / "broken.tsv"
    path.write_text("#\tx\n1\tWien\tB-LOC\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"broken\.tsv:2"):
        load_corpus(path)


# --- GeoWebNews ----------------------------------------------------------------------------


def test_gwn_article_gold_excludes_expressions_and_non_toponyms():
    corpus = load_corpus(DATA / "gwn" / "mini.xml")
    assert corpus.format == "gwn"
    [document] = corpus.documents
    assert document.doc_id == "7" and document.lang == "en"
    assert spans(document) == [
        ("Lagos", False, "Literal"),
        ("Nigerian", True, "Demonym"),
        ("French", True, "Non_Literal_Modifier"),  # modifierType Adjective → derived
        ("Abuja", False, "Literal"),
        ("Britain", False, "Metonymic"),
        ("Marina Road Clinic", False, "Coercion"),  # its Non_Toponym twin is not gold
    ]
    for mention in document.gold:
        assert document.text[mention.start : mention.end] == mention.text
    with_coordinates = [g.text for g in document.gold if g.has_coordinates]
    assert with_coordinates == ["Lagos", "French", "Abuja", "Britain", "Marina Road Clinic"]
    assert document.gold[0].lat == pytest.approx(6.45407)
    # the title toponym's negative offsets do not give "Lagos": skipped and reported
    assert any(
        note.startswith("1 of 10 toponyms have offsets") and "1 of them of a counted" in note
        for note in corpus.notes
    )


def test_gwn_broken_xml_is_a_corpus_error(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_text("<articles><article>", encoding="utf-8")
    with pytest.raises(CorpusError, match="not well-formed XML"):
        load_corpus(path)


# --- format detection ----------------------------------------------------------------------


def test_format_is_detected_from_the_path(tmp_path):
    assert detect_format(DATA / "annotated") == "annotated"
    assert detect_format(DATA / "annotated" / "01.txt") == "annotated"
    assert detect_format(DATA / "germeval" / "mini.tsv") == "germeval"
    assert detect_format(DATA / "gwn" / "mini.xml") == "gwn"
    odd = tmp_path / "corpus.csv"
    odd.write_text("", encoding="utf-8")
    with pytest.raises(CorpusError, match="--format"):
        detect_format(odd)


def test_explicit_format_wins_and_bad_requests_are_corpus_errors(tmp_path):
    copy = tmp_path / "germeval.data"
    copy.write_bytes((DATA / "germeval" / "mini.tsv").read_bytes())
    assert len(load_corpus(copy, "germeval").documents) == 3
    with pytest.raises(CorpusError, match="no such file"):
        load_corpus(tmp_path / "missing.tsv")
    with pytest.raises(CorpusError, match="unknown corpus format 'conll'"):
        load_corpus(copy, "conll")
    with pytest.raises(CorpusError, match="is a folder"):
        load_corpus(tmp_path, "gwn")


# --- the real corpora ----------------------------------------------------------------------


@needs_shared
def test_real_de_dev_loads_five_documents():
    corpus = load_corpus(SHARED / "eval" / "de-dev")
    assert len(corpus.documents) == 5
    assert all(document.gold for document in corpus.documents)
    assert all(g.has_coordinates for d in corpus.documents for g in d.gold)


@needs_shared
def test_real_example_loads():
    corpus = load_corpus(SHARED / "examples" / "kim-wladiwostok-2019.txt")
    [document] = corpus.documents
    assert document.lang == "de" and len(document.gold) > 20


@needs_shared
def test_real_germeval_has_2200_sentences_and_763_outer_loc():
    path = SHARED / "eval" / "germeval2014" / "NER-de-dev.tsv"
    sentences = list(read_sentences(path))
    assert len(sentences) == 2200
    outer_loc = [span for s in sentences for span in tag_spans(s.outer) if span[2] == "LOC"]
    assert len(outer_loc) == 763
    corpus = load_corpus(path)
    assert len(corpus.documents) == 2200
    loc_gold = [g for d in corpus.documents for g in d.gold if g.category == "LOC"]
    assert len(loc_gold) >= 763  # plus LOC spans found only in the nested column


@needs_shared
def test_real_gwn_has_200_articles():
    corpus = load_corpus(SHARED / "eval" / "geowebnews" / "GWN.xml")
    assert len(corpus.documents) == 200
    gold = [g for d in corpus.documents for g in d.gold]
    assert gold and not {g.category for g in gold} & {"Literal_Expression", "Non_Toponym"}
    assert any("toponyms have offsets" in note for note in corpus.notes)


@needs_shared
def test_real_journeys_are_route_only_with_kinds():
    corpus = load_corpus(SHARED / "eval" / "journeys")
    assert len(corpus.documents) == 38
    assert all(document.route_only and document.route is not None for document in corpus.documents)
    assert sum(1 for document in corpus.documents if not document.route) == 10
    kinds = {stop.kind for document in corpus.documents for stop in document.route or ()}
    assert {"city", "country"} <= kinds
