"""Locations for drafts: the place they name, else the sentence's or document's place."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from skyledger.extract.drafts import Draft
from skyledger.extract.members import PLACE_ADMIN1, PLACE_ADMIN2, PLACE_SETTLEMENT, PLACE_WATER
from skyledger.extract.places import PlaceMention, choose, coordinated, mentions, readings, to_location
from skyledger.extract.view import View
from skyledger.geocode.gazetteer import Gazetteer, Place
from skyledger.model import Location

NATIONAL: Final = Location()
# a settlement named after these is where the event was close to, not in: precision 2
_NEAR: Final = ("near", "towards")


@dataclass(frozen=True, slots=True)
class DocPlaces:
    """Place mentions of a document by sentence, and the admin1 codes it names clearly."""

    by_sentence: tuple[tuple[PlaceMention, ...], ...]
    context: frozenset[str]
    country: str | None


def doc_places(view: View, noisy: frozenset[int] = frozenset()) -> DocPlaces:
    """Collect every sentence's place mentions and the document's unambiguous regions.

    Sentences in `noisy` (alerts, sightings) do not name the document's regions: a drone
    "heading for Poltava region" is not an incident there.
    """
    by_sentence = tuple(tuple(mentions(view, a, b)) for a, b in view.ann.sentences)
    clear: set[str] = set()
    countries: dict[str, int] = {}   # a plain dict: Counter's methods run interpreted
    for s, sent in enumerate(by_sentence):
        if s in noisy:
            continue
        for m in sent:
            if m.prep == "from":
                continue
            admins = {p.key if p.type == PLACE_ADMIN1 else p.admin1 for p in readings(m)}
            admins.discard(None)
            admins.discard("")
            if len(admins) == 1:
                code = next(iter(admins))
                if code is not None:
                    clear.add(code)
                    countries[code[:2]] = countries.get(code[:2], 0) + 1
    for mark in view.ann.marks:
        if mark.cls == "claimant.country":
            countries[mark.value] = countries.get(mark.value, 0) + 1
    # the most named; of equals, the first named (as Counter.most_common)
    country = max(countries, key=countries.__getitem__) if countries else None
    return DocPlaces(by_sentence, frozenset(clear), country)


def locate(draft: Draft, view: View, places: DocPlaces, gazetteer: Gazetteer, *, fallback: bool) -> list[Location]:
    """The locations of one draft: several for a distributive list, none when national."""
    if draft.places:
        return [loc for m in draft.places if (loc := mention_location(m, places, gazetteer)) is not None]
    if draft.capital:
        return [_capital(places.country, gazetteer)]
    if draft.near_city:
        city = _city_of_context(view, draft, places, gazetteer)
        if city is not None:
            return [city]
    if draft.national or not fallback:
        return []
    before = [m for m in places.by_sentence[draft.sent]
              if m.i < draft.i and m.prep != "from" and (m.prep or m.typed)]
    if before:
        group = [before[-1]]   # "Над Брянською областю та Кримом збито 12 дронів": the whole list
        for m in reversed(before[:-1]):
            if not coordinated(view, m.j, group[0].i) or not _same_type(m, group[-1]):
                break
            group.insert(0, m)
        out = [loc for m in group if (loc := mention_location(m, places, gazetteer)) is not None]
        if out:
            return out
    focus = _region_in_focus(view, draft, places, gazetteer)
    if focus is not None:
        return [focus]
    if len(places.context) == 1:
        code = next(iter(places.context))
        p = gazetteer.admin1(code)
        if p is not None:
            return [to_location(p, gazetteer)]
    return []


def mention_location(m: PlaceMention, places: DocPlaces, gazetteer: Gazetteer) -> Location | None:
    """The location one place mention resolves to in its document (its reading chosen with the document's
    regions; precision 2 after "near"), or None when the choice is unclear."""
    p = choose(m, places.context)
    return to_location(p, gazetteer, near=m.prep in _NEAR) if p is not None else None


@dataclass(frozen=True, slots=True)
class Geocoded:
    """A place mention of a document and the location the extractor resolves it to (None: unclear)."""

    sent: int
    start: int
    end: int
    text: str
    location: Location | None


def geocode_mentions(view: View, places: DocPlaces, gazetteer: Gazetteer) -> list[Geocoded]:
    """Every place mention of a document, in text order, with the location an incident naming it gets;
    whether the sentence states an event does not matter."""
    return [Geocoded(s, m.start, m.end, view.text[m.start:m.end], mention_location(m, places, gazetteer))
            for s, sent in enumerate(places.by_sentence) for m in sent]


_TYPED: Final = {"region": (PLACE_ADMIN1, PLACE_WATER), "regions": (PLACE_ADMIN1, PLACE_WATER),
                 "district": (PLACE_ADMIN2,), "districts": (PLACE_ADMIN2,)}


def _same_type(m: PlaceMention, last: PlaceMention) -> bool:
    """Whether a name listed before `last` can be a unit of the kind the list's place word names:
    "над Рыльским и Глушковским районами" lists districts, not the town Rylsk."""
    types = _TYPED.get(last.typed or "")
    return types is None or any(p.type in types for p in m.places)


def _region_in_focus(view: View, draft: Draft, places: DocPlaces, gazetteer: Gazetteer) -> Location | None:
    """ "над регіоном", "over the region": a region word with no name is the region named last."""
    a, b = view.ann.sentences[draft.sent]
    words = [m for m in view.within(a, b, "place.word") if m.value == "region"
             and view.ending(view.skip_space(m.i - 1, -1) + 1, "prep.") is not None
             and not any(p.cls == "place" for p in view.within(m.i - 2, m.j + 2, "place"))]
    if not words:
        return None
    for sent in range(draft.sent, -1, -1):
        for m in reversed(places.by_sentence[sent]):
            if m.prep == "from" or m.i >= words[0].i:
                continue
            p = choose(m, places.context)
            code = (p.key if p.type == PLACE_ADMIN1 else p.admin1) if p is not None else None
            if code:
                a1 = gazetteer.admin1(code)
                return to_location(a1, gazetteer) if a1 is not None else None
    return None


def _city_of_context(view: View, draft: Draft, places: DocPlaces, gazetteer: Gazetteer) -> Location | None:
    """'near the city': the main city of the region named just before."""
    for sent in range(draft.sent, -1, -1):
        for m in reversed(places.by_sentence[sent]):
            p = choose(m, places.context)
            if p is None:
                continue
            code = p.key if p.type == PLACE_ADMIN1 else p.admin1
            if code:
                main = _main_settlements(gazetteer).get(code)
                if main is not None:
                    return to_location(main, gazetteer, near=True)
    return None


@lru_cache(maxsize=4)
def _main_settlements(gazetteer: Gazetteer) -> dict[str, Place]:
    """The most populous settlement of every first-level unit."""
    best: dict[str, Place] = {}
    for _, p in gazetteer.names("en", {PLACE_SETTLEMENT}):
        if p.admin1 and (p.admin1 not in best or (p.population or 0) > (best[p.admin1].population or 0)):
            best[p.admin1] = p
    return best


def _capital(country: str | None, gazetteer: Gazetteer) -> Location:
    code = "UA-30" if country == "UA" else "RU-MOW"
    p = gazetteer.admin1(code)
    return to_location(p, gazetteer) if p is not None else Location(code[:2], code, precision=3)
