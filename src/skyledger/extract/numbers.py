"""Counts: digits, number words in any language's lexicon, and their qualifiers."""

from __future__ import annotations

from typing import Final

from skyledger.extract.annotate import NUMBER
from skyledger.extract.members import QUALIFIER_EXACT
from skyledger.extract.view import View
from skyledger.model import Qualifier

# the classes a number starts with: none of them at a token, no number there
NUMBER_STARTS: Final = (NUMBER, "number.word", "number.scale")
_QUOTES: Final = {"‘", "’", "'", "\"", "“", "”", "«", "»", "„"}
_JOINERS: Final = {"-", "and", "и", "і", "та", "‑"}


class Count:
    """A number read from the text: value (None when vague), qualifier, token range."""

    __slots__ = ("value", "qualifier", "i", "j")

    def __init__(self, value: int | None, qualifier: Qualifier | None, i: int, j: int) -> None:   # see annotate.Mark
        self.value = value
        self.qualifier = qualifier
        self.i = i
        self.j = j

    def __repr__(self) -> str:
        return f"Count({self.value!r}, {self.qualifier!r}, {self.i!r}, {self.j!r})"


def parse_digits(text: str) -> int | None:
    """'1,000' -> 1000, '54' -> 54; None for anything that is not a whole number."""
    cleaned = text.replace(",", "").replace("\u00a0", "").replace(" ", "")
    return int(cleaned) if cleaned.isascii() and cleaned.isdigit() else None


def read_number(view: View, i: int) -> tuple[int, int] | None:
    """Read a number starting at token i: (value, end token) or None."""
    m = view.starting(i, NUMBER)
    if m is not None:
        value = parse_digits(m.value)
        if value is None:
            return None
        j = m.j
        # "1 200" written with a space as thousands separator
        nxt = view.starting(j, NUMBER)
        if nxt is not None and len(nxt.value) == 3 and view.trailing[j - 1] and value < 1000:
            value, j = value * 1000 + int(nxt.value), nxt.j
        if _not_a_count(view, j):
            return None   # an age, a distance, a share: not a count of weapons or people
        return value, j
    total, current, j, last = 0, 0, i, ""
    while True:
        scale = view.starting(j, "number.scale")
        word = view.starting(j, "number.word")
        if scale is not None:
            current = max(current, 1) * scale.value
            if scale.value >= 1000:
                total, current = total + current, 0
            j, last = scale.j, "scale"
        elif word is not None:
            kind = _word_kind(word.value)
            if last in ("unit", "teen", "other") or (last == "ten" and kind != "unit") \
                    or (last == "hundreds" and kind == "hundreds"):
                break
            current += word.value
            j, last = word.j, kind
        else:
            break
        if view.word(j) in _JOINERS and (view.starting(j + 1, "number.word") or view.starting(j + 1, "number.scale")):
            j += 1
    if not last or _not_a_count(view, j):
        return None
    return total + current, j


def _not_a_count(view: View, j: int) -> bool:
    """Whether the words after a number make it an age, a distance or a share."""
    k = view.skip_space(j)
    if view.starting(k, "count.not"):
        return True
    return view.word(k) in {"-", "‑"} and view.starting(k + 1, "count.not") is not None


def _word_kind(value: int) -> str:
    if value < 10:
        return "unit"
    if value < 20:
        return "teen"
    if value < 100 and value % 10 == 0:
        return "ten"
    if value < 1000 and value % 100 == 0:
        return "hundreds"   # "двести" in "двести тридцать"
    return "other"


def count_before(view: View, j: int, lo: int) -> Count | None:
    """The count whose last token is just before token j (not before token lo)."""
    k = j - 1
    while k >= lo and (view.is_space(k) or view.words[k] in _QUOTES):
        k -= 1
    if k < lo:
        return None
    vague = view.ending(k + 1, "number.vague")
    if vague is not None:
        return Count(None, None, vague.i, vague.j)
    article = view.ending(k + 1, "number.article")
    start = None
    for s in view.start_tokens(max(lo, k - 6), k + 1, *NUMBER_STARTS):
        got = read_number(view, s)
        if got is not None and got[1] == k + 1:
            start = s
            value = got[0]
            break
    if start is None:
        if article is not None:
            return Count(article.value, QUALIFIER_EXACT, article.i, article.j)
        return None
    qualifier = QUALIFIER_EXACT
    q = view.ending(start, "count.qualifier")
    if q is not None:
        qualifier = Qualifier(q.value)
        start = q.i
    return Count(value, qualifier, start, k + 1)


def count_at(view: View, i: int) -> Count | None:
    """A count (with an optional leading qualifier) that starts at token i."""
    qualifier = QUALIFIER_EXACT
    q = view.starting(i, "count.qualifier")
    k = i
    if q is not None and read_number(view, q.j) is not None:
        qualifier, k = Qualifier(q.value), q.j
    got = read_number(view, k)
    if got is None:
        return None
    return Count(got[0], qualifier, i, got[1])
