"""Who makes a claim, and how firmly: claimant and certainty per sentence."""

from __future__ import annotations

from typing import Final

from skyledger.extract.annotate import Mark
from skyledger.extract.members import CERTAINTY_CLAIMED, CERTAINTY_CONFIRMED, CERTAINTY_REPORTED, CERTAINTY_SPECULATIVE
from skyledger.extract.view import View
from skyledger.model import Certainty, Claimant

_NATIONALITY: Final = {"RU": "Russian", "UA": "Ukrainian"}
_NAME_STOP: Final = {"the", "a", "an", "of", "said", "wrote", "and", "on", "in", "via"}


class Attribution:
    """A sentence's claimant and certainty."""

    __slots__ = ("claimant", "certainty", "explicit", "side")

    def __init__(self, claimant: Claimant | None, certainty: Certainty, explicit: bool,
                 side: str | None = None) -> None:   # not a dataclass: see annotate.Mark
        self.claimant = claimant
        self.certainty = certainty
        self.explicit = explicit
        self.side = side

    def __repr__(self) -> str:
        return f"Attribution({self.claimant!r}, {self.certainty!r}, {self.explicit!r}, {self.side!r})"


def sentence_attribution(view: View, a: int, b: int, country: str | None) -> Attribution:
    """Read hedges, sources and claimants in tokens [a, b)."""
    hedges = [m.value for m in view.within(a, b, "hedge")]
    unnamed = view.within(a, b, "source.unnamed")
    says = view.within(a, b, "attribution")
    orgs = view.within(a, b, "claimant.org")
    titles = view.within(a, b, "claimant.title")
    claimant = None
    side = _side_of(view, orgs[0].i, a) if orgs else None
    state = _state_speaking(view, says, a) if not (orgs or titles) else None
    if orgs or titles:
        claimant = _claimant(view, orgs, titles, a, b, side or country)
    elif state is not None:   # "Kyiv says", "Russia has said": that country's authorities
        side = state
        claimant = Claimant(None, "government", f"{_NATIONALITY[state]} authorities")
    if "speculative" in hedges:
        certainty = CERTAINTY_SPECULATIVE
    elif "reported" in hedges or (unnamed and not titles):
        certainty = CERTAINTY_REPORTED
        if claimant is None and unnamed:
            claimant = Claimant(None, "unnamed source", view.text[unnamed[0].start:unnamed[0].end])
    elif claimant is not None or says:
        certainty = CERTAINTY_CLAIMED if claimant is not None else CERTAINTY_REPORTED
    else:
        return Attribution(None, CERTAINTY_CONFIRMED, False)
    return Attribution(claimant, certainty, True, side)


def _side_of(view: View, i: int, a: int) -> str | None:
    """The country named just before token i ("Russia's Ministry of Defence", "Ukrainian air force")."""
    side = None
    for k in range(max(a, i - 3), i):
        c = view.covering(k, "claimant.country")
        if c is not None:
            side = str(c.value)
    return side


def _state_speaking(view: View, says: list[Mark], a: int) -> str | None:
    """A country or its capital as the subject of a verb of saying, at most one word between
    ("Kyiv says", "Russia has said"); its code, or None."""
    for m in says:
        k = view.skip_space(m.i - 1, -1)
        for _ in range(2):
            if k < a:
                break
            c = view.covering(k, "claimant.country")
            if c is not None and str(c.value) in _NATIONALITY:
                return str(c.value)
            if not view.alpha[k]:
                break
            k = view.skip_space(k - 1, -1)
    return None


def _claimant(view: View, orgs: list[Mark], titles: list[Mark], a: int, b: int, country: str | None) -> Claimant:
    if titles:
        t = titles[0]
        name = _name_after(view, t.j, b) or _name_before(view, t.i, a)
        org = None
        if orgs:
            org = _org_name(view, orgs[0], a, country)
        return Claimant(name, str(t.value), org)
    org = _org_name(view, orgs[0], a, country)
    role = "ministry" if "Ministry" in org else "organization"
    return Claimant(None, role, org)


def _org_name(view: View, m: Mark, a: int, country: str | None) -> str:
    nat = _side_of(view, m.i, a) or country
    base = str(m.value)
    if base in {"Ministry of Defence", "Air Force", "General Staff"} and nat in _NATIONALITY:
        return f"{_NATIONALITY[nat]} {base}"
    return base


def _name_after(view: View, j: int, b: int) -> str | None:
    words: list[str] = []
    k = view.skip_space(j)
    while k < b and len(words) < 3:
        t = view.words[k]
        # a surname may also name a town ("Governor Alexander Gusev"): only a name's first word must not
        if t[:1].isupper() and view.alpha[k] and view.word(k) not in _NAME_STOP \
                and (words or not view.covering(k, "place")):
            words.append(t)
            k += 1
        else:
            break
    return " ".join(words) if len(words) >= 2 else None


def _name_before(view: View, i: int, a: int) -> str | None:
    k = view.skip_space(i - 1, -1)
    while k >= a and view.word(k) in {",", "the", "—", "-", "–"} | {"regional", "local"}:
        k -= 1
    words: list[str] = []
    while k >= a and len(words) < 3:
        t = view.words[k]
        if t[:1].isupper() and view.alpha[k] and view.word(k) not in _NAME_STOP and not view.covering(k, "place") \
                and not view.covering(k, "claimant."):
            words.insert(0, t)
            k -= 1
        else:
            break
    return " ".join(words) if len(words) >= 2 else None
