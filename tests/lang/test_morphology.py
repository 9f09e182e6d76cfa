"""Lemma normalisers: inflected forms of one word meet at one lemma."""

import pytest

from skyledger.lang.morphology import normalizers


@pytest.fixture(scope="module")
def norm():
    return normalizers()


@pytest.mark.parametrize(
    ("lang", "forms"),
    [
        ("ru", ["Белгородская", "Белгородской", "белгородскую"]),
        ("ru", ["Белгород", "Белгородом", "Белгороде"]),
        ("ru", ["Шебекино", "Шебекине"]),
        ("ru", ["два", "двух", "двумя"]),
        ("uk", ["Київ", "Києві", "Києва"]),
        ("uk", ["Харківщина", "Харківщині", "Харківщину"]),
        ("uk", ["п'ять", "п’ятьма", "пʼятьох"]),
        ("uk", ["Усі", "усі"]),
        ("uk", ["Суми", "Сумах", "Сумами"]),          # plural-only town names
        ("uk", ["Черкаси", "Черкасах"]),   # a person-name reading ("Ус") never wins
    ],
)
def test_inflected_forms_share_a_lemma(norm, lang, forms):
    assert len({norm[lang](f) for f in forms}) == 1, [norm[lang](f) for f in forms]


def test_unknown_words_are_only_lowercased(norm):
    # guessing a lemma for an abbreviation would turn БПЛА into a verb
    assert norm["ru"]("БПЛА") == "бпла"
    assert norm["uk"]("БпЛА") == "бпла"
    assert norm["ru"]("54-ма") == "54-ма"


def test_yo_is_folded(norm):
    assert norm["ru"]("Ковёр") == norm["ru"]("ковер")

