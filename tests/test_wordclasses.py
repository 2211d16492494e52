"""One-pass word classes: the same answers as a test per word, with true offsets."""

import re

from storymap.wordclasses import WordClass, WordClasses, trie_pattern


def test_trie_pattern_matches_exactly_its_entries():
    entries = ["zug", "zuges", "züge", "bahn", "bahnsteig", "took place"]
    pattern = re.compile(f"(?:{trie_pattern(entries)})$")
    for entry in entries:
        assert pattern.match(entry)
    for other in ["zu", "zugs", "bah", "took", "took places"]:
        assert not pattern.match(other)


def test_prefix_and_whole_word_classes():
    classes = WordClasses(
        [
            WordClass(("reist", "ankomm")),
            WordClass(("dann",), whole=True),
            WordClass(("bis",), whole=True),
        ]
    )
    text = "Er reiste dann weiter, bisher nicht bis Montag; dannach? Ankommen!"
    starts, masks = classes.scan(text)
    words = [text[start:].split()[0].strip(",;!?") for start in starts]
    found = dict(zip(words, masks, strict=True))
    assert found == {"reiste": 0b001, "dann": 0b010, "bis": 0b100, "Ankommen": 0b001}


def test_offsets_stay_true_when_lower_casing_changes_length():
    classes = WordClasses([WordClass(("reist",))])
    text = "İİ İstanbul: sie reiste ab."  # "İ".lower() is two characters
    starts, masks = classes.scan(text)
    assert [text[start : start + 6] for start in starts] == ["reiste"] and masks == [1]


def test_words_inside_other_words_do_not_count():
    classes = WordClasses([WordClass(("weg",))])
    assert classes.scan("unterwegs, Wege und Zuweg")[0] == [11]


def _split(text: str) -> tuple[list[int], list[str]]:
    found = list(re.finditer(r"\w+", text))
    return [m.start() for m in found], [m.group() for m in found]


def test_classifying_split_words_gives_the_scan_answers():
    classes = WordClasses(
        [
            WordClass(("reist", "ankomm", "took place")),
            WordClass(("dann", "take place"), whole=True),
            WordClass(("bis",), whole=True),
        ]
    )
    text = (
        "Er reiste dann weiter, bisher nicht bis Montag; dannach? Ankommen! It took place "
        "and will take place; they took places, not take places; we took it."
    )
    assert classes.classify(*_split(text)) == classes.scan(text)
    # Twice: the second answer comes from the memo of spellings.
    assert classes.classify(*_split(text)) == classes.scan(text)


def test_a_phrase_needs_all_its_words():
    classes = WordClasses([WordClass(("took place",))])
    assert classes.classify(*_split("It took a place. It took")) == ([], [])
    assert classes.classify(*_split("It took place")) == ([3], [1])
