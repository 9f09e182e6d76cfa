"""Place mentions in a sentence and the choice of one gazetteer place for each."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from skyledger.extract.annotate import PLACE
from skyledger.extract.view import View
from skyledger.geocode.gazetteer import Gazetteer, Place, PlaceType
from skyledger.model import Location

_COORD = {"and", ",", "or", ")", "и", "і", "та", "й", "а", "також"}


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in the text, with the preposition that governs it."""

    i: int
    j: int
    start: int
    end: int
    places: tuple[Place, ...]
    prep: str | None
    typed: str | None
    city: bool


def mentions(view: View, a: int, b: int) -> list[PlaceMention]:
    """Every place mention in tokens [a, b), in order, prepositions propagated along lists."""
    out: list[PlaceMention] = []
    inner_done: set[int] = set()
    for m in view.within(a, b, PLACE):
        if m.cls != PLACE or m.i in inner_done or _in_person_name(view, m.i, a) or view.covering(m.i, "time.zone"):
            continue
        places = tuple(m.value)
        region = _parenthesised_region(view, m.j, b)
        if region is not None:
            # "Olshana (Kharkiv Region)": the bracket names the region of the place before it
            inner, codes = region
            inner_done.add(inner.i)
            narrowed = tuple(p for p in places if p.admin1 in codes or p.key in codes)
            places = narrowed or tuple(p for p in inner.value if p.key in codes)
        j = view.skip_space(m.j)
        typed = None
        word = view.starting(j, "place.word") if j < b else None
        if word is not None:
            typed, j = word.value, word.j
        else:
            j = m.j
            inner = view.within(m.i, m.j, "place.word")
            typed = inner[-1].value if inner else None
        prep, city, of_region = _prep_before(view, m.i, a)
        typed = typed or of_region
        if prep is None and out and coordinated(view, out[-1].j, m.i):
            prep = out[-1].prep
        if region is not None:
            j = view.skip_space(region[0].j)
            j = j + 1 if view.doc[j].text == ")" else j
        out.append(PlaceMention(m.i, j, m.start, view.doc[j - 1].idx + len(view.doc[j - 1]),
                                places, prep, typed, city))
    return out


def _parenthesised_region(view: View, j: int, b: int):
    k = view.skip_space(j)
    if k >= b or view.doc[k].text != "(":
        return None
    inner = view.starting(view.skip_space(k + 1), PLACE)
    if inner is None or inner.cls != PLACE:
        return None
    codes = {p.key for p in inner.value if p.type == PlaceType.ADMIN1}
    return (inner, codes) if codes else None


def _in_person_name(view: View, i: int, a: int) -> bool:
    """'Alexander Gusev': a capitalised word before the place that is no place itself."""
    k = view.skip_space(i - 1, -1)
    if k <= a:
        return False
    t = view.doc[k]
    return t.is_alpha and t.text[:1].isupper() and t.text[1:2].islower() and not any(
        view.covering(k, c) for c in ("place", "claimant.", "weapon.", "time.", "prep.", "kind.", "count.",
                                      "number.", "airport.", "place.", "attribution", "hedge"))


def _prep_before(view: View, i: int, lo: int) -> tuple[str | None, bool, str | None]:
    """The preposition governing a place, whether it is called a city, and 'region of' typing."""
    k, city, typed = i, False, None
    for _ in range(6):
        k = view.skip_space(k - 1, -1)
        if k < lo:
            break
        skip = view.ending(k + 1, "place.skip") or view.ending(k + 1, "place.city_of")
        if skip is not None:
            city = city or skip.cls == "place.city_of"
            words = view.within(skip.i, skip.j, "place.word")
            if words:
                typed = typed or words[0].value   # "the region of Mykolaiv"
            k = skip.i
            continue
        if view.word(k) == "of" and view.covering(view.skip_space(k - 1, -1), "claimant.title"):
            return None, city, typed or "claimant"   # "the governor of ...": the claimant's region
        for cls, name in (("prep.near", "near"), ("prep.towards", "towards"),
                          ("prep.from", "from"), ("prep.over", "over")):
            if view.ending(k + 1, cls) is not None:
                return name, city, typed
        break
    return None, city, typed


def coordinated(view: View, prev_end: int, i: int) -> bool:
    """Whether two place mentions stand in one list ("X, Y (Z) and W")."""
    between = [t for t in view.doc[prev_end:i] if not t.is_space]
    return bool(between) and len(between) <= 8 and all(
        t.norm_ in _COORD or t.text == "(" or view.covering(t.i, "place.skip")
        or (t.is_alpha and t.text[:1].isupper()) for t in between
    ) and any(t.norm_ in _COORD for t in between)


def choose(mention: PlaceMention, context: Iterable[str]) -> Place | None:
    """Pick the place a mention most likely means, using the admin1 codes in context."""
    cands = list(mention.places)
    if not cands:
        return None
    ctx = set(context)
    if ctx:
        in_ctx = [p for p in cands if p.admin1 in ctx or p.key in ctx]
        if in_ctx:
            cands = in_ctx
    typed = mention.typed or ""
    order: dict[PlaceType, int]
    if typed == "district":
        order = {PlaceType.ADMIN2: 0, PlaceType.ADMIN1: 1, PlaceType.SETTLEMENT: 2}
    elif typed == "city" or mention.city or mention.prep == "near":
        order = {PlaceType.SETTLEMENT: 0, PlaceType.ADMIN1: 1, PlaceType.ADMIN2: 2}
    else:
        order = {PlaceType.ADMIN1: 0, PlaceType.WATER: 0, PlaceType.SETTLEMENT: 1, PlaceType.ADMIN2: 2}
    cands.sort(key=lambda p: (order.get(p.type, 5), -(p.population or 0)))
    return cands[0]


def to_location(place: Place, gazetteer: Gazetteer, *, near: bool = False) -> Location:
    """The contract's location for a chosen place."""
    if place.type == PlaceType.WATER:
        return Location(country=None, water_body=place.name, lat=place.lat, lon=place.lon, precision=3)
    admin1 = place.admin1 if place.type != PlaceType.ADMIN1 else place.key
    admin1 = admin1 or None
    country = admin1[:2] if admin1 else place.country
    name = gazetteer.admin1_name(admin1) if admin1 else None
    if place.type == PlaceType.ADMIN1:
        return Location(country, admin1, name, lat=place.lat, lon=place.lon, precision=3)
    if place.type == PlaceType.ADMIN2:
        return Location(country, admin1, name, admin2=place.name, lat=place.lat, lon=place.lon, precision=2)
    if place.type == PlaceType.SETTLEMENT:
        return Location(country, admin1, name, admin2=place.admin2, place=place.name,
                        lat=place.lat, lon=place.lon, precision=2 if near else 1)
    return Location(country, admin1, name, lat=place.lat, lon=place.lon, precision=4)
