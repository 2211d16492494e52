"""Reading articles: encodings, the date prefix, passages and sentences with offsets."""

import pytest

from storymap.geoparse.text import InputError, decode, detect_language, read_article


def test_date_prefix_is_metadata_not_text():
    text = " date 2019-04 Der Zug fährt vor. Kim steigt aus.\n\nZweiter Absatz hier."
    article = read_article(text)
    assert article.date == "2019-04"
    assert text[article.body_start :].startswith("Der Zug")
    assert [text[p.start : p.end] for p in article.passages] == [
        "Der Zug fährt vor. Kim steigt aus.",
        "Zweiter Absatz hier.",
    ]
    assert [text[s.start : s.end] for s in article.passages[0].sentences] == [
        "Der Zug fährt vor.",
        "Kim steigt aus.",
    ]


def test_abbreviations_do_not_end_sentences():
    text = "Er kam z.B. aus St. Gallen nach Bern. Dann ging er."
    sentences = read_article(text).passages[0].sentences
    assert [text[s.start : s.end] for s in sentences] == [
        "Er kam z.B. aus St. Gallen nach Bern.",
        "Dann ging er.",
    ]


def test_windows_line_endings_keep_offsets():
    text = "Erster Absatz.\r\n\r\nZweiter Absatz."
    passages = read_article(text).passages
    assert [text[p.start : p.end] for p in passages] == ["Erster Absatz.", "Zweiter Absatz."]


def test_decode_accepts_utf8_bom_and_utf16():
    assert decode("Wladiwostok".encode("utf-8-sig")) == "Wladiwostok"
    assert decode("Pjöngjang".encode("utf-16")) == "Pjöngjang"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("Grüße aus Köln".encode("latin-1"), "not UTF-8"),
    ],
)
def test_decode_rejects_binary_and_other_encodings(data, message):
    with pytest.raises(InputError, match=message):
        decode(data)


def test_language_detection():
    assert detect_language("Der Zug fährt nach Moskau und die Stadt ist groß.") == "de"
    assert detect_language("The train left for Moscow and the city is big.") == "en"
