"""Casualties, damage and targets stated in a sentence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from skyledger.extract.members import DAMAGE_FIRE, DAMAGE_POWER_OUTAGE
from skyledger.extract.numbers import count_before, read_number
from skyledger.extract.view import View
from skyledger.model import DamageKind



@dataclass(frozen=True, slots=True)
class Consequences:
    """What one sentence says about people and property."""

    killed: int | None = None
    injured: int | None = None
    damage: bool | None = None
    kinds: tuple[DamageKind, ...] = ()
    anchor: int = 0


def sentence_consequences(view: View, a: int, b: int) -> Consequences | None:
    """Casualty figures and damage stated in tokens [a, b), or None when there are none."""
    if not view.has(a, b, "casualty.") and not view.has(a, b, "damage."):
        return None   # most sentences: nothing to read
    killed = injured = None
    for none in view.within(a, b, "casualty.none"):
        if none.value in ("injured", "both"):
            injured = 0
        if none.value in ("killed", "both"):
            killed = 0
    covered = {k for m in view.within(a, b, "casualty.none") for k in range(m.i, m.j)}
    counted: set[tuple[str, int]] = set()
    for cls in ("casualty.killed", "casualty.injured"):
        for m in view.within(a, b, cls):
            if m.i in covered or _negated(view, m.i, a):
                continue
            found = _people_count(view, m.i, m.j, a, b)
            if found is None or (cls, found[1]) in counted:
                continue   # one group of people, named by two casualty words
            counted.add((cls, found[1]))
            n = found[0]
            if cls == "casualty.killed":
                killed = (killed or 0) + n
            else:
                injured = (injured or 0) + n
    damage, kinds = _damage(view, a, b)
    if killed is None and injured is None and damage is None:
        return None
    return Consequences(killed, injured, damage, kinds, a)


def _negated(view: View, i: int, a: int) -> bool:
    for k in range(max(a, i - 3), i):
        if view.covering(k, "negation"):
            return True
    return False


def _people_count(view: View, i: int, j: int, a: int, b: int) -> tuple[int, int] | None:
    """(number of people, token of that number) a casualty word refers to, looking left then right."""
    right = _people_after(view, j, b)
    if right is not None:
        return right
    k = view.skip_space(i - 1, -1)
    # "46 wounded", "four injured" - a number directly before the casualty word
    c = count_before(view, k + 1, a) if k >= a else None
    if c is not None and c.value is not None and not view.starting(c.i, "number.article"):
        return c.value, c.i
    # "One person was injured", "an employee ..., was injured"
    for p in reversed(view.within(a, i, "person")):
        c = count_before(view, p.i, a)
        if c is not None and c.value is not None:
            return c.value, c.i
        if p.value == 1 and view.singular(p.j - 1):   # "пассажиров" is the plural of a one-person word
            return 1, p.i
    return None


def _people_after(view: View, j: int, b: int) -> tuple[int, int] | None:
    """ "killing one person", "injuring four people", "Ранен один мирный житель" """
    k = view.skip_space(j)
    for s in range(k, min(b, k + 3)):
        got = read_number(view, s)
        if got is not None:
            return got[0], s
        article = view.starting(s, "number.article")
        if article is not None and view.within(s, min(b, s + 4), "person"):
            return 1, s
        p = view.starting(s, "person")   # "killing one person", "погиб мирный житель"
        if p is not None and p.value == 1 and view.singular(p.j - 1):
            return _coordinated(view, p.j, b), s
    return None


_AND: Final = {"and", "и", "і", "й", "та"}
_DAMAGE_KINDS: Final = {kind.value: kind for kind in DamageKind}   # in the contract's order


def _coordinated(view: View, j: int, b: int) -> int:
    """People named one by one: "80-річна жінка і 10-річна дівчинка" are two."""
    n = 1
    k = view.skip_space(j)
    while k < b and view.word(k) in _AND:
        k = view.skip_space(k + 1)
        for _ in range(2):   # a word or two before the noun: "10-річна", "a young"
            if k < b and view.starting(k, "person") is None and view.alpha[k] | view.words[k][:1].isdigit():
                k = view.skip_space(k + 1)
        p = view.starting(k, "person") if k < b else None
        if p is None or p.value != 1:
            break
        n += 1
        k = view.skip_space(p.j)
    return n


def _damage(view: View, a: int, b: int) -> tuple[bool | None, tuple[DamageKind, ...]]:
    if view.has(a, b, "damage.none"):
        return False, ()
    kinds = [_DAMAGE_KINDS[m.value] for m in view.within(a, b, "damage.kind")]   # no Enum call per mark
    verbs = [m for m in view.within(a, b, "damage.verb") if not _negated(view, m.i, a)]
    strong = DAMAGE_FIRE in kinds or DAMAGE_POWER_OUTAGE in kinds
    if kinds and (verbs or strong):
        return True, tuple(k for k in _DAMAGE_KINDS.values() if k in kinds)
    return None, ()


def target_text(view: View, a: int, b: int) -> str | None:
    """What an impact hit: the words after the impact verb up to the first damage noun."""
    verbs = view.within(a, b, "kind.impact")
    if not verbs:
        return None
    verb_end = verbs[0].j
    for m in view.within(verb_end, min(b, verb_end + 8), "damage.kind"):
        start = view.skip_space(verb_end)
        if start in range(len(view.words)) and view.word(start) in {"the", "a", "an", "on", "at", "in", "into"}:
            start = view.skip_space(start + 1)
        return view.text[view.starts[start]:m.end]
    return None
