from gazetteer.normalize import normalize, tokens, umlaut_free_variant


def test_case_and_umlaut_equivalents_share_a_key():
    assert normalize("München") == normalize("Muenchen") == normalize("MÜNCHEN") == "muenchen"
    assert normalize("Gießen") == normalize("Giessen")
    assert normalize("Pjöngjang") == "pjoengjang"


def test_other_diacritics_are_dropped():
    assert normalize("Kraków") == "krakow"
    assert normalize("Île-de-France") == "ile de france"
    assert normalize("Łódź") == "lodz"
    assert normalize("Hokkaidō") == "hokkaido"


def test_apostrophes_vanish_and_hyphens_break_words():
    assert normalize("Côte d'Ivoire") == normalize("Côte d’Ivoire") == "cote divoire"
    assert normalize("Primor'ye") == "primorye"
    assert normalize("Komsomolsk-na-Amure") == "komsomolsk na amure"
    assert normalize("Baden-Württemberg") == normalize("Baden Württemberg")


def test_whitespace_and_punctuation_collapse():
    assert normalize("  New\tYork  ") == "new york"
    assert normalize("Halle (Saale)") == "halle saale"


def test_common_abbreviations_collapse():
    assert normalize("St. Petersburg") == normalize("Sankt Petersburg") == normalize(
        "Saint Petersburg"
    )
    assert normalize("Frankfurt a. M.") == normalize("Frankfurt am M")
    assert normalize("Frankfurt an der Oder") == normalize("Frankfurt a. d. Oder")
    assert normalize("Mt. Everest") == normalize("Mount Everest")


def test_tokens_keep_offsets_into_the_original_text():
    text = "In Pjöngjang, Côte d'Ivoire und Baden-Württemberg"
    found = list(tokens(text))
    assert [text[start:end] for start, end, _ in found] == [
        "In", "Pjöngjang", "Côte", "d'Ivoire", "und", "Baden", "Württemberg",
    ]
    assert [key for _, _, key in found][1] == "pjoengjang"


def test_key_equals_joined_token_keys():
    for name in ["Komsomolsk am Amur", "Port Moresby", "Naher Osten", "St. Gallen", "L'Aquila"]:
        assert normalize(name) == " ".join(key for _, _, key in tokens(name))


def test_umlaut_free_variant():
    assert umlaut_free_variant("Zürich") == "zurich"
    assert umlaut_free_variant("Berlin") is None
