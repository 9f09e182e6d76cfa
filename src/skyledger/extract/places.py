"""Place mentions in a sentence and the choice of one gazetteer place for each."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final

from skyledger.extract.annotate import PLACE, Mark
from skyledger.extract.members import PLACE_ADMIN1, PLACE_ADMIN2, PLACE_AIRPORT, PLACE_SETTLEMENT, PLACE_WATER
from skyledger.extract.view import View
from skyledger.geocode.gazetteer import Gazetteer, Place, PlaceType
from skyledger.model import Location

_COORD: Final = {"and", ",", "or", ")", "и", "і", "та", "й", "а", "також"}


class PlaceMention:
    """A place named in the text, with the preposition that governs it."""

    __slots__ = ("i", "j", "start", "end", "places", "prep", "typed", "city")

    def __init__(self, i: int, j: int, start: int, end: int, places: tuple[Place, ...], prep: str | None,
                 typed: str | None, city: bool) -> None:   # not a dataclass: see annotate.Mark
        self.i = i
        self.j = j
        self.start = start
        self.end = end
        self.places = places
        self.prep = prep
        self.typed = typed
        self.city = city

    def __repr__(self) -> str:
        return (f"PlaceMention({self.i!r}, {self.j!r}, {self.start!r}, {self.end!r}, {self.places!r}, {self.prep!r}, "
                f"{self.typed!r}, {self.city!r})")


# a region named next to a place: its mark, its codes, and the preposition it implies ("in")
Region = tuple[Mark, set[str], "str | None"]


def mentions(view: View, a: int, b: int) -> list[PlaceMention]:
    """Every place mention in tokens [a, b), in order, prepositions propagated along lists."""
    out: list[PlaceMention] = []
    inner_done: set[int] = set()
    for m in view.within(a, b, PLACE):
        if m.cls != PLACE or m.i in inner_done or _in_person_name(view, m.i, a) or view.covering(m.i, "time.zone") \
                or _common_word_first(view, m, a) or _possessor(view, m, b):
            continue
        places = tuple(m.value)
        region = _parenthesised_region(view, m.j, b) or _qualifying_region(view, m, b)
        if region is not None:
            # "Olshana (Kharkiv Region)": the bracket names the region of the place before it
            inner, codes, _ = region
            inner_done.add(inner.i)
            narrowed = tuple(p for p in places if p.admin1 in codes or p.key in codes)
            if len(narrowed) < len(places):   # the region decides: its own reading is out of the race
                narrowed = tuple(p for p in narrowed if p.type is not PLACE_ADMIN1) or narrowed
            places = narrowed or tuple(p for p in inner.value if p.key in codes)
        j = view.skip_space(m.j)
        typed = None
        word = view.starting(j, "place.word") if j < b else None
        if word is not None:
            typed, j = word.value, word.j
        else:
            j = m.j
            inside = view.within(m.i, m.j, "place.word")
            typed = inside[-1].value if inside else None
        prep, city, of_region = _prep_before(view, m.i, a)
        prep = prep or (region[2] if region is not None else None)   # "Pokrovsk in the Donetsk Region"
        typed = typed or of_region or _regional(view, m, a) or _claimant_seat(view, m.j, b)
        if prep is None and out and coordinated(view, out[-1].j, m.i):
            prep = out[-1].prep
        owner = _owner_region(view, out[-1], m.i, places) if out and prep is None else None
        if owner is not None:
            # "the Kursk Region's Korenevsky District": the region before names where the place lies
            first = out.pop()
            places, prep, start = owner, first.prep, first.start
        else:
            start = m.start
        if region is not None:
            j = view.skip_space(region[0].j)
            j = j + 1 if view.words[j] == ")" else j
        out.append(PlaceMention(m.i, j, start, view.ends[j - 1], places, prep, typed, city))
    for n in range(len(out) - 2, -1, -1):
        # "Брянской и Калужской областей": the place word closing a list types all its names
        nxt = out[n + 1]
        if out[n].typed is None and nxt.typed in ("region", "regions") and coordinated(view, out[n].j, nxt.i):
            cur = out[n]
            out[n] = PlaceMention(cur.i, cur.j, cur.start, cur.end, cur.places, cur.prep, nxt.typed, cur.city)
    return out


_COMMON_CLASSES: Final = ("kind.", "event.noun", "damage.", "casualty.", "time.", "noise.")


def _common_word_first(view: View, m: Mark, a: int) -> bool:
    """'Атака триває': a sentence's capitalised first word that the lexicon knows is no village."""
    return m.j - m.i == 1 and m.i == view.skip_space(a) and view.covering(m.i, _COMMON_CLASSES) is not None


def _parenthesised_region(view: View, j: int, b: int) -> Region | None:
    k = view.skip_space(j)
    if k >= b or view.words[k] != "(":
        return None
    inner = view.starting(view.skip_space(k + 1), PLACE)
    if inner is None or inner.cls != PLACE:
        return None
    codes = {p.key for p in inner.value if p.type == PLACE_ADMIN1}
    return (inner, codes, None) if codes else None


def _qualifying_region(view: View, m: Mark, b: int) -> Region | None:
    """ "Кировским районом Калужской области", "Vasylkiv, Kyiv Oblast", "Balakliia in Kharkiv Oblast",
    "у Золочеві на Харківщині": a first-level unit right after a district or settlement names its region.

    Only a unit that holds one of the name's non-unit readings qualifies it, so lists of places
    ("Kursk, Belgorod region") stay lists.
    """
    k, seen_prep = view.skip_space(m.j), False
    for _ in range(4):
        if k >= b:
            return None
        skip = view.starting(k, "place.skip")
        prep = None if seen_prep else view.starting(k, "prep.over")
        if view.words[k] == "," and k == view.skip_space(m.j):
            k = view.skip_space(k + 1)
        elif skip is not None:
            k = view.skip_space(skip.j)
        elif prep is not None:
            seen_prep, k = True, view.skip_space(prep.j)
        else:
            break
    inner = view.starting(k, PLACE) if k < b else None
    if inner is None or inner.cls != PLACE:
        return None
    words = [w.value for w in view.within(inner.i, inner.j, "place.word")]
    after = view.starting(view.skip_space(inner.j), "place.word") if inner.j < b else None
    units = [p for p in inner.value if p.type == PLACE_ADMIN1]
    typed = words[-1] if words else (after.value if after is not None else None)
    if not units or (typed != "region" and len(units) != len(inner.value)):
        return None
    codes = {p.key for p in units}
    if not any(p.type not in (PLACE_ADMIN1, PLACE_WATER) and p.admin1 in codes for p in m.value):
        return None
    return inner, codes, "over" if seen_prep else None


def _regional(view: View, m: Mark, a: int) -> str | None:
    """ "На Запоріжжі", "на Кубани": a name a first-level unit shares with a settlement is the unit after
    a prep.region word, where the name has one of the endings the word lists ("у Запоріжжі" and
    "атака на Запоріжжя" stay the city)."""
    k = view.skip_space(m.i - 1, -1)
    word = view.ending(k + 1, "prep.region") if k >= a else None
    if word is None or (word.value and not view.words[m.j - 1].lower().endswith(tuple(word.value))):
        return None
    return "region" if any(p.type is PLACE_ADMIN1 for p in m.value) else None


def _possessor(view: View, m: Mark, b: int) -> bool:
    """Whether a place is named only as the owner of the place after it ("Russia's Belgorod region"): a
    skip phrase of the lexicon starts with it and reaches past it, and a place follows."""
    skip = view.starting(m.i, "place.skip")
    if skip is None or skip.j <= m.j:
        return False
    k = view.skip_space(skip.j)
    return any(x.i == k and x.cls == PLACE for x in view.within(k, b, PLACE))


def _owner_region(view: View, region: PlaceMention, i: int, places: tuple[Place, ...]) -> tuple[Place, ...] | None:
    """The readings of the place at token i that lie in the first-level unit named just before it,
    joined only by place.skip words ("Kursk Region's"), or None."""
    between = [k for k in range(region.j, i) if not view.is_space(k)]
    if not between or not all(view.covering(k, "place.skip") for k in between):
        return None
    codes = {p.key for p in region.places if p.type is PLACE_ADMIN1}
    if not codes or (region.typed != "region" and len(codes) != len(region.places)):
        return None
    inside = tuple(p for p in places if p.type not in (PLACE_ADMIN1, PLACE_WATER) and p.admin1 in codes)
    return inside or None


# the unit a claimant's title says he speaks for: a governor's region, a mayor's city
_SEAT: Final = {"governor": "region", "head of the regional military administration": "region",
                "regional military administration": "region", "mayor": "city", "city military administration": "city"}


def _claimant_seat(view: View, j: int, b: int) -> str | None:
    """ "Belgorod Governor", "Донецької ОВА", "Kharkiv mayor": a name right before a claimant's title
    or office names his seat, typed as the unit the title governs."""
    k = view.skip_space(j)
    title = view.starting(k, "claimant.") if k < b else None
    return _SEAT.get(str(title.value)) if title is not None else None


def _in_person_name(view: View, i: int, a: int) -> bool:
    """'Alexander Gusev': a capitalised word before the place that is no place itself."""
    k = view.skip_space(i - 1, -1)
    if k <= a:
        return False
    word = view.words[k]
    return view.alpha[k] and word[:1].isupper() and word[1:2].islower() and view.covering(k, _NAMED) is None


_NAMED: Final = ("place", "claimant.", "weapon.", "time.", "prep.", "kind.", "count.", "number.", "airport.", "place.",
                 "attribution", "hedge")   # classes of words that are not part of a person's name


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
        title = view.covering(view.skip_space(k - 1, -1), "claimant.title") if view.word(k) == "of" else None
        if title is not None:   # "the governor of ...": the claimant's region; "the mayor of ...": his city
            return None, city, typed or _SEAT.get(str(title.value), "claimant")
        if view.ending(k + 1, "prep.") is not None:
            for cls, name in (("prep.near", "near"), ("prep.towards", "towards"),
                              ("prep.from", "from"), ("prep.over", "over")):
                if view.ending(k + 1, cls) is not None:
                    return name, city, typed
        if view.ending(k + 1, "kind.impact") is not None:
            return "at", city, typed   # "a missile hit Kharkiv", "атаковал Губкин": the verb's object
        break
    return None, city, typed


def coordinated(view: View, prev_end: int, i: int) -> bool:
    """Whether two place mentions stand in one list ("X, Y (Z) and W")."""
    between = [k for k in range(prev_end, i) if not view.is_space(k)]
    return bool(between) and len(between) <= 8 and all(
        view.word(k) in _COORD or view.words[k] == "(" or view.covering(k, "place.skip")
        or (view.alpha[k] and view.words[k][:1].isupper()) for k in between
    ) and any(view.word(k) in _COORD for k in between)


def with_short_names(names: Iterable[tuple[str, Place]], place_words: Iterable[str],
                     norm: Callable[[str], str]) -> list[tuple[str, Place]]:
    """Names plus the heads of unit and sea names that end in a place word (adjective names).

    "Брянская область" is also named "Брянская" alone, as in "над Брянской и Тульской
    областями", where one place word serves a list. Villages sharing the adjective's lemma
    ("Брянское") stay candidates; `choose` prefers the unit unless the text calls it a village.
    """
    names = list(names)
    words = {tuple(norm(w) for w in p.split()) for p in place_words}
    extra: dict[tuple[tuple[str, ...], str], tuple[str, Place]] = {}
    for name, place in names:
        parts = name.split()
        if place.type not in (PLACE_ADMIN1, PLACE_WATER) or len(parts) < 2:
            continue
        for cut in range(1, len(parts)):
            head, tail = parts[:cut], tuple(norm(w) for w in parts[cut:])
            if tail in words:
                extra.setdefault((tuple(norm(w) for w in head), place.key), (" ".join(head), place))
    return names + list(extra.values())


def readings(mention: PlaceMention) -> tuple[Place, ...]:
    """The places a mention can name: one typed as a region is the unit ("Брянской области" is the
    region, not a village "Брянское"; "Донецької ОВА" the oblast, not the city)."""
    if mention.typed in ("region", "regions"):
        units = tuple(p for p in mention.places if p.type in (PLACE_ADMIN1, PLACE_WATER))
        return units or mention.places
    return mention.places


def choose(mention: PlaceMention, context: Iterable[str]) -> Place | None:
    """Pick the place a mention most likely means, using the admin1 codes in context."""
    cands = list(readings(mention))
    if not cands:
        return None
    typed = mention.typed or ""
    ctx = set(context)
    # an untyped name that may be a first-level unit keeps that reading against the context
    units_stay = not typed and not mention.city and mention.prep != "near"
    if ctx:
        in_ctx = [p for p in cands if p.admin1 in ctx or p.key in ctx
                  or (units_stay and p.type is PLACE_ADMIN1)]
        if in_ctx:
            cands = in_ctx
    order: tuple[tuple[PlaceType, int], ...]
    if typed == "district":
        order = _DISTRICT_FIRST
    elif typed == "city" or mention.city or mention.prep == "near":
        order = _SETTLEMENT_FIRST
    elif _namesake_city(cands):
        # "attacked Kherson": a bare name the region shares with its city is the city
        order = _SETTLEMENT_FIRST
        cands = [p for p in cands if p.type is not PLACE_SETTLEMENT or p.admin1 in _unit_keys(cands)]
    else:
        order = _UNIT_FIRST
    cands.sort(key=lambda p: (_rank(p.type, order), -(p.population or 0)))
    return None if _unclear(cands) else cands[0]


# the order of place types a mention is read in, by what it says of itself (unlisted types come last)
_DISTRICT_FIRST: Final = ((PLACE_ADMIN2, 0), (PLACE_ADMIN1, 1), (PLACE_SETTLEMENT, 2))
_SETTLEMENT_FIRST: Final = ((PLACE_SETTLEMENT, 0), (PLACE_ADMIN1, 1), (PLACE_ADMIN2, 2))
_UNIT_FIRST: Final = ((PLACE_ADMIN1, 0), (PLACE_WATER, 0), (PLACE_SETTLEMENT, 1), (PLACE_ADMIN2, 2))


def _rank(kind: PlaceType, order: tuple[tuple[PlaceType, int], ...]) -> int:
    """The rank of a place type in `order` (a scan of three or four by identity, no dict built per call)."""
    for listed, rank in order:
        if kind is listed:
            return rank
    return 5


# a settlement this many times larger than any namesake in another region is the one meant
_DOMINANT: Final = 5


def _unclear(cands: list[Place]) -> bool:
    """Whether the best reading is a district or settlement whose namesakes lie in other regions
    and nothing (context, a far larger population) tells them apart: better no place than a guess."""
    top = cands[0]
    if top.type not in (PLACE_ADMIN2, PLACE_SETTLEMENT):
        return False
    rivals = [p for p in cands[1:] if p.type is top.type and p.admin1 != top.admin1]
    if not rivals:
        return False
    return (top.population or 0) < _DOMINANT * max(p.population or 0 for p in rivals) or not top.population


def _unit_keys(cands: list[Place]) -> set[str]:
    return {p.key for p in cands if p.type is PLACE_ADMIN1}


def _namesake_city(cands: list[Place]) -> bool:
    """Whether the candidates hold a first-level unit and a settlement inside it (Kherson, Kherson Oblast)."""
    units = _unit_keys(cands)
    return bool(units) and any(p.type is PLACE_SETTLEMENT and p.admin1 in units for p in cands)


def to_location(place: Place, gazetteer: Gazetteer, *, near: bool = False) -> Location:
    """The contract's location for a chosen place."""
    if place.type == PLACE_WATER:
        return Location(country=None, water_body=place.name, lat=place.lat, lon=place.lon, precision=3)
    admin1 = place.admin1 if place.type != PLACE_ADMIN1 else place.key
    admin1 = admin1 or None
    country = admin1[:2] if admin1 else place.country
    name = gazetteer.admin1_name(admin1) if admin1 else None
    if place.type == PLACE_ADMIN1:
        return Location(country, admin1, name, lat=place.lat, lon=place.lon, precision=3)
    if place.type == PLACE_ADMIN2:
        return Location(country, admin1, name, admin2=place.name, lat=place.lat, lon=place.lon, precision=2)
    if place.type == PLACE_SETTLEMENT:
        return Location(country, admin1, name, admin2=place.admin2, place=place.name,
                        lat=place.lat, lon=place.lon, precision=2 if near else 1)
    if place.type == PLACE_AIRPORT and admin1:   # an airport locates to its first-level unit
        unit = gazetteer.admin1(admin1)
        return to_location(unit, gazetteer) if unit is not None else Location(country, admin1, name, precision=3)
    return Location(country, admin1, name, lat=place.lat, lon=place.lon, precision=4)

