"""Ukrainian number words read back to their values in every case form (round trips).

The forms are generated from the pymorphy3 Ukrainian dictionary (every form of each
numeral's lexeme), so a case the lexicon misses shows up here, not in a report.
"""

from __future__ import annotations

import pytest

from skyledger.extract.numbers import count_at
from skyledger.extract.view import View

pytest.importorskip("pymorphy3")

# forms that are first of all another word: "сьома" is "the seventh", "оден"/"одно" are archaic
_AMBIGUOUS = {"сьома", "оден", "одно"}
_BASES = {
    "один": 1, "два": 2, "три": 3, "чотири": 4, "п'ять": 5, "шість": 6, "сім": 7, "вісім": 8,
    "дев'ять": 9, "десять": 10, "одинадцять": 11, "дванадцять": 12, "п'ятнадцять": 15,
    "двадцять": 20, "тридцять": 30, "сорок": 40, "п'ятдесят": 50, "дев'яносто": 90,
    "сто": 100, "двісті": 200, "триста": 300, "п'ятсот": 500,
    "двоє": 2, "троє": 3,
}


def _forms() -> list[tuple[str, int]]:
    from skyledger.lang.morphology import analyzer

    morph = analyzer("uk")
    out = []
    for base, value in _BASES.items():
        parses = [p for p in morph.parse(base) if "NUMR" in p.tag]
        for form in sorted({f.word for f in parses[0].lexeme} - _AMBIGUOUS):
            out.append((form, value))
    return out


@pytest.fixture(scope="module")
def read(extractor):
    annotator = extractor.annotator("uk")

    def read(phrase: str) -> int | None:
        view = View(annotator.annotate(f"{phrase} дронів"))
        count = count_at(view, 0)
        return count.value if count is not None else None

    return read


@pytest.mark.parametrize(("form", "value"), _forms())
def test_uk_numbers_every_case_form(read, form, value):
    assert read(form) == value
    assert read(form.capitalize()) == value


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("двадцять три", 23),
        ("двадцятьма трьома", 23),
        ("двадцяти трьох", 23),
        ("сорока п'яти", 45),
        ("п’ятьма", 5),          # typographic apostrophe
        ("пʼятьох", 5),          # modifier-letter apostrophe
        ("сто двадцять", 120),
        ("двохсот п'ятдесяти", 250),
        ("тисяча двісті", 1200),
        ("п'ятеро", 5),
        ("четверо", 4),
        ("обидва", 2),
        ("обох", 2),
        ("54-ма", 54),
        ("3-х", 3),
        ("1 200", 1200),
    ],
)
def test_uk_numbers_compounds_collectives_and_digits(read, phrase, value):
    assert read(phrase) == value
