"""Incident drafts: weapon phrases with their counts, kinds and places, sentence by sentence.

A draft is one figure the text states: "40 UAVs destroyed over Kaluga region", an
elliptical breakdown line ("23 over the Samara Region"), an ordinal part ("the second
drone fell in ..."). Roles, ids and consequences are settled later in `assemble`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from skyledger.extract.annotate import NUMBER
from skyledger.extract.numbers import Count, count_at, count_before
from skyledger.extract.places import PlaceMention, coordinated, mentions
from skyledger.extract.view import View
from skyledger.model import Kind, Qualifier, Weapon

_WEAPON_CLASSES = ("weapon.uav", "weapon.missile", "weapon.rocket", "weapon.glide_bomb",
                   "weapon.aircraft", "weapon.unknown")
_GROUP_GLUE = {"-", "or", "/", "или", "або", "чи", "типа", "типу", "type", "«", "»", "\"", "“", "”"}
_KIND_CLASSES = {"kind.interception": Kind.INTERCEPTION, "kind.impact": Kind.IMPACT,
                 "kind.crash": Kind.CRASH, "kind.launch": Kind.LAUNCH}
_DASHES = {"-", "–", "—", ":", "‑"}


@dataclass(slots=True)
class WeaponGroup:
    """A weapon phrase: "fixed-wing Ukrainian unmanned aerial vehicles"."""

    i: int
    j: int
    weapon: Weapon
    detail: str
    lead: int = 0


@dataclass(slots=True)
class Draft:
    """One figure stated in a sentence, before roles and consequences."""

    sent: int
    i: int
    j: int
    kind: Kind | None
    weapon: Weapon | None
    detail: str | None
    count: int | None
    qualifier: Qualifier | None
    places: list[PlaceMention] = field(default_factory=list)
    national: bool = False
    each: bool = False
    additive: bool = False
    subset: bool = False
    ordinal: bool = False
    elliptical: bool = False
    debris: bool = False
    capital: bool = False
    near_city: bool = False
    launch_area: str | None = None


def weapon_groups(view: View, a: int, b: int) -> tuple[list[WeaponGroup], list[tuple[int, int]]]:
    """Weapon phrases in tokens [a, b), and the spans of naval (non-aerial) ones."""
    marks = [m for m in view.within(a, b, "weapon.") if m.cls in _WEAPON_CLASSES]
    naval = [(m.i, m.j) for m in view.within(a, b, "weapon.naval")]
    groups: list[WeaponGroup] = []
    for m in marks:
        if any(i <= m.i < j for i, j in naval):
            continue
        weapon = Weapon(m.cls.split(".", 1)[1])
        if groups and _glued(view, groups[-1].j, m.i):
            g = groups[-1]
            g.j = m.j
            continue
        groups.append(WeaponGroup(m.i, m.j, weapon, ""))
    for g in groups:
        start = detail_start = g.i
        while True:
            k = view.skip_space(start - 1, -1)
            mod = view.ending(k + 1, "weapon.modifier") if k >= a else None
            if mod is None:
                break
            start = mod.i
            if not view.covering(mod.i, "claimant.country"):
                detail_start = start   # nationality words are not part of the weapon's wording
        g.lead = start
        g.detail = view.doc.text[view.doc[detail_start].idx:view.doc[g.j - 1].idx + len(view.doc[g.j - 1])]
    return groups, naval


def _glued(view: View, j: int, i: int) -> bool:
    gap = [t for t in view.doc[j:i] if not t.is_space]
    if gap and gap[0].text == "(" and gap[-1].text == ")" and len(gap) <= 6:
        return True   # "FPV (First-Person View) drone"
    for t in gap:
        if t.norm_ in _GROUP_GLUE or view.covering(t.i, "weapon.modifier"):
            continue
        return False
    return True


def _kind_near(view: View, a: int, b: int, g_i: int, g_j: int, groups: list[WeaponGroup]) -> Kind | None:
    best: tuple[int, Kind] | None = None
    spans = [(g.i, g.j) for g in groups]
    for m in view.within(a, b, "kind."):
        if m.cls not in _KIND_CLASSES or any(i <= m.i < j for i, j in spans):
            continue
        kind = _KIND_CLASSES[m.cls]
        dist = g_i - m.j if m.j <= g_i else m.i - g_j
        if m.i >= g_j and any(g_j <= i and i < m.i for i, _ in spans):
            dist += 8   # another weapon phrase stands between
        if m.j <= g_i and any(m.j <= i < g_i for i, _ in spans):
            dist += 8
        if kind is Kind.LAUNCH:
            dist += 25
        if kind is Kind.CRASH:
            dist += 3
        if best is None or dist < best[0]:
            best = (dist, kind)
    return best[1] if best else None


def sentence_drafts(view: View, sent: int, a: int, b: int, counted: frozenset[Weapon] = frozenset()) -> list[Draft]:
    """Every draft stated in the sentence of tokens [a, b); `counted`: weapons already counted before."""
    groups, naval = weapon_groups(view, a, b)
    places = mentions(view, a, b)
    drafts: list[Draft] = []
    used: set[int] = set()
    for g in groups:
        nxt = view.skip_space(g.j)
        attributive = nxt < b and view.starting(nxt, "event.noun") is not None
        more = view.ending(view.skip_space(g.lead - 1, -1) + 1, "count.more")
        count = count_before(view, more.i if more else g.lead, a)
        if attributive and count is not None and count.value == 1 and view.starting(count.i, "number.article"):
            count = None
        kind = _kind_near(view, a, b, g.i, g.j, groups)
        debris = _after_debris(view, g.i, a)
        if debris:
            kind, count = Kind.CRASH, None
        if attributive:
            # "a drone strike damaged ...": the weapon names the kind of attack, not a figure
            if view.has(a, b, "damage.verb") and (count is None or kind is Kind.IMPACT):
                kind = Kind.IMPACT
            elif count is None:
                continue
        if kind is None or (kind is Kind.LAUNCH and count is None):
            continue
        d = Draft(sent, count.i if count else g.i, g.j, kind, g.weapon, g.detail,
                  count.value if count else None, count.qualifier if count else None, debris=debris)
        if count is not None:
            used.update(range(count.i, count.j))
            _flags(view, d, count, a)
            d.additive = d.additive or more is not None
        elif view.ending(view.skip_space(g.i - 1, -1) + 1, "count.ordinal") and not attributive:
            d.count, d.qualifier, d.ordinal = 1, Qualifier.EXACT, True
        elif not attributive and view.ending(view.skip_space(g.lead - 1, -1) + 1, "count.definite") \
                and _singular(view, g.j - 1) and g.weapon not in counted \
                and not any(e.weapon == g.weapon and e.count for e in drafts):
            d.count, d.qualifier = 1, Qualifier.EXACT   # "the aircraft-type UAV was destroyed"
        outof = _out_of(view, d, count, a) if count else None
        if outof is not None:
            used.update(range(outof.i, outof.j))
            drafts.append(Draft(sent, outof.i, g.j, kind if kind is not Kind.LAUNCH else Kind.INTERCEPTION,
                                g.weapon, g.detail, outof.value, outof.qualifier))
            d.kind = Kind.LAUNCH
        drafts.append(d)
    drafts.extend(_elliptical(view, sent, a, b, used, drafts))
    drafts.sort(key=lambda d: d.i)
    _attach_places(view, drafts, places, a, b)
    return [d for d in drafts if not any(i <= d.i < j for i, j in naval)]


def _singular(view: View, k: int) -> bool:
    """Whether the weapon's head word is singular (by the language's plural endings)."""
    word = view.doc[k].text.lower()
    endings = view.ann.plural_endings
    return bool(endings) and not any(word.endswith(e) for e in endings)


def _after_debris(view: View, i: int, a: int) -> bool:
    k = i
    for _ in range(5):
        k = view.skip_space(k - 1, -1)
        if k < a:
            return False
        m = view.covering(k, "kind.crash")
        if m is not None and m.value in ("debris", "fragments", "wreckage"):
            return True
        if any(view.covering(k, c) for c in ("weapon.modifier", "kind.interception", "number.article",
                                             "prep.from", "count.outof", "place.skip")):
            continue
        return False
    return False


def _flags(view: View, d: Draft, count: Count, a: int) -> None:
    nxt = view.skip_space(count.j)
    if view.starting(nxt, "count.more") or view.ending(count.i, "count.more"):
        d.additive = True
    if view.starting(nxt, "count.each"):
        d.each = True
    for k in range(max(a, count.i - 4), count.i):
        if view.starting(k, "count.subset"):
            d.subset = True


def _out_of(view: View, d: Draft, count: Count | None, a: int) -> Count | None:
    """'50 out of 69 drones': the first figure is the outcome, the second the launch."""
    if count is None:
        return None
    k = view.skip_space(count.i - 1, -1)
    m = view.ending(k + 1, "count.outof")
    if m is None:
        return None
    k = view.skip_space(m.i - 1, -1)
    for s in range(max(a, k - 3), k + 1):
        c = count_at(view, s)
        if c is not None and c.j == k + 1 and c.value is not None:
            return c
    return None


def _elliptical(view: View, sent: int, a: int, b: int, used: set[int], drafts: list[Draft]) -> list[Draft]:
    """Breakdown lines without a weapon noun: "23 over the Samara Region", "по 8 – над ..."."""
    out: list[Draft] = []
    k = a
    while k < b:
        if k in used or view.starting(k, NUMBER) is None and view.starting(k, "number.word") is None \
                and view.starting(k, "count.qualifier") is None:
            k += 1
            continue
        c = count_at(view, k)
        if c is None or c.value is None or any(x in used for x in range(c.i, c.j)):
            k += 1
            continue
        j = view.skip_space(c.j)
        each = more = False
        for _ in range(6):
            if view.starting(j, "count.each"):
                each, j = True, view.skip_space(view.starting(j, "count.each").j)
            elif view.starting(j, "count.more"):
                more, j = True, view.skip_space(view.starting(j, "count.more").j)
            elif view.starting(j, "count.aux"):
                j = view.skip_space(view.starting(j, "count.aux").j)
            elif view.word(j) in _DASHES or view.covering(j, "weapon.modifier"):
                j = view.skip_space(j + 1)
            elif view.starting(j, "kind.") and view.starting(j, "kind.").cls in _KIND_CLASSES:
                j = view.skip_space(view.starting(j, "kind.").j)
            else:
                break
        prep = view.starting(j, "prep.over") or view.starting(j, "prep.near")
        if prep is None or not _place_follows(view, prep.j, b):
            k = c.j
            continue
        before = view.ending(c.i, "count.each") is not None
        out.append(Draft(sent, c.i, prep.j, None, None, None, c.value, c.qualifier,
                         each=each or before, additive=more, elliptical=True))
        used.update(range(c.i, c.j))
        k = c.j
    return out


def _place_follows(view: View, j: int, b: int) -> bool:
    k = view.skip_space(j)
    for _ in range(5):
        if k >= b:
            return False
        if view.starting(k, "place") and view.starting(k, "place").cls == "place":
            return True
        if view.starting(k, "place.capital") or view.starting(k, "place.national"):
            return True
        skip = view.starting(k, "place.skip") or view.starting(k, "place.city_of")
        if skip is None:
            return False
        k = view.skip_space(skip.j)
    return False


def _attach_places(view: View, drafts: list[Draft], places: list[PlaceMention], a: int, b: int) -> None:
    """Give each draft the place mentions that follow it, up to the next draft."""
    starts = [d.i for d in drafts]
    for n, d in enumerate(drafts):
        limit = starts[n + 1] if n + 1 < len(drafts) else b
        after = [p for p in places if d.j <= p.i < limit and p.prep in ("over", "near", "towards")]
        national = view.within(d.j, limit, "place.national")
        capital = view.within(d.j, limit, "place.capital")
        froms = [p for p in places if d.j <= p.i < limit and p.prep == "from"]
        if froms:
            d.launch_area = view.doc.text[froms[0].start:froms[0].end]
        if after:
            first = after[0]
            group = [first]
            for p in after[1:]:
                if p.prep == first.prep and coordinated(view, group[-1].j, p.i):
                    group.append(p)
                else:
                    break
            d.places = group
        elif (national or _plural_regions(view, d.j, limit)) and (
                not capital or (national or _plural_regions(view, d.j, limit))[0].i < capital[0].i):
            d.national = True
        elif capital:
            d.capital = True
        elif _near_the_city(view, d.j, limit):
            d.near_city = True


def _plural_regions(view: View, j: int, limit: int) -> list:
    """'across more than a dozen regions': a region word with no name means nationwide."""
    return [m for m in view.within(j, limit, "place.word")
            if m.value == "regions" and not view.ending(m.i, "place")]


def _near_the_city(view: View, j: int, limit: int) -> bool:
    """'shot down near the city' with no name: the region's main city."""
    for m in view.within(j, limit, "prep.near"):
        k = view.skip_space(m.j)
        city = view.starting(k, "place.city_of")
        if city is not None and not view.starting(view.skip_space(city.j), "place"):
            return True
    return False
