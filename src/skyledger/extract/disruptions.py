"""Civil disruptions: airport restrictions, diversions, closures, outages, evacuations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from skyledger.extract.members import (
    DISRUPTION_AIRPORT_RESTRICTION, DISRUPTION_EVACUATION, DISRUPTION_FLIGHT_DIVERSION, DISRUPTION_POWER_OUTAGE,
    DISRUPTION_TRANSPORT_CLOSURE,
)
from skyledger.extract.places import coordinated
from skyledger.extract.view import View
from skyledger.model import DisruptionKind

AIRPORT: Final = "airport.name"
AIRPORT_CITY: Final = "airport.city"
AIRPORT_GROUP: Final = "airport.group"


@dataclass(frozen=True, slots=True)
class DisruptionDraft:
    """A disruption stated in one sentence."""

    sent: int
    kind: DisruptionKind
    start: int
    end: int
    airports: tuple[str, ...] = ()
    diverted_to: tuple[str, ...] = ()


def sentence_disruptions(view: View, sent: int, a: int, b: int, groups: dict[str, tuple[str, ...]],
                         city_group: str | None) -> list[DisruptionDraft]:
    """Disruptions stated in tokens [a, b); `city_group` names the document's main airport group."""
    if not view.has(a, b, "disruption."):
        return []   # most sentences: no word of a disruption
    out: list[DisruptionDraft] = []
    start, end = view.starts[a], view.ends[b - 1]
    restrict = view.has(a, b, "disruption.restrict")
    divert = view.within(a, b, "disruption.divert")
    airports = _airports(view, a, b, groups, city_group, before=divert[0].i if divert else b)
    if restrict and airports:
        out.append(DisruptionDraft(sent, DISRUPTION_AIRPORT_RESTRICTION, start, end, airports))
    if divert:
        dest = _airports(view, divert[0].j, b, groups, None, before=b, cities=True)
        origin = airports if airports else ()
        if dest or origin:
            out.append(DisruptionDraft(sent, DISRUPTION_FLIGHT_DIVERSION, start, end, origin,
                                       tuple(d for d in dest if d not in origin)))
    if restrict and view.has(a, b, "disruption.transport") and not airports:
        out.append(DisruptionDraft(sent, DISRUPTION_TRANSPORT_CLOSURE, start, end))
    if view.has(a, b, "disruption.power"):
        out.append(DisruptionDraft(sent, DISRUPTION_POWER_OUTAGE, start, end))
    if view.has(a, b, "disruption.evacuation"):
        out.append(DisruptionDraft(sent, DISRUPTION_EVACUATION, start, end))
    return out


def _airports(view: View, a: int, b: int, groups: dict[str, tuple[str, ...]], city_group: str | None,
              *, before: int, cities: bool = False) -> tuple[str, ...]:
    found: list[str] = []
    listed = -1   # end of the last city taken as an airport: the next one in its list is one too
    for m in view.within(a, min(b, before), "airport."):
        if m.cls == AIRPORT_CITY and listed >= 0 and coordinated(view, listed, m.i):
            found.extend(_primary(m.value))
            listed = m.j
        elif m.cls == AIRPORT:
            found.extend(m.value)
        elif m.cls == AIRPORT_GROUP:
            for key in m.value:
                found.extend(groups.get(key, ()))
        elif m.cls == "airport.all" and city_group:
            found.extend(groups.get(city_group, ()))
        elif m.cls == AIRPORT_CITY and (cities or _near_airport_word(view, m.i, m.j, a, b)):
            plural = _near_airport_word(view, m.i, m.j, a, b, plural=True)
            found.extend(list(dict.fromkeys(m.value)) if plural else _primary(m.value))
            listed = m.j
    seen: list[str] = []
    for code in found:
        if code not in seen:
            seen.append(code)
    return tuple(seen)


def _near_airport_word(view: View, i: int, j: int, a: int, b: int, *, plural: bool = False) -> bool:
    lo, hi = max(a, i - 4), min(b, j + 3)
    words = [view.covering(k, "airport.word") for k in range(lo, hi)]
    if plural:
        return any(w is not None and view.word(w.i).endswith(("ports", "порты", "порти")) for w in words)
    return any(words)


def _primary(codes: list[str]) -> list[str]:
    """A city's main airport: the first one the gazetteer lists for it."""
    return list(dict.fromkeys(codes))[:1]
