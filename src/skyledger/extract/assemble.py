"""From drafts to incidents: inheritance in breakdowns, places, roles and consequences."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Final

from skyledger.extract.attribution import Attribution
from skyledger.extract.consequences import Consequences, target_text
from skyledger.extract.drafts import Draft
from skyledger.extract.locate import DocPlaces, locate
from skyledger.extract.members import (
    KIND_IMPACT, KIND_INTERCEPTION, KIND_LAUNCH, ROLE_ITEM, ROLE_SINGLE, ROLE_SUBSET, ROLE_TOTAL, WEAPON_UNKNOWN,
)
from skyledger.extract.view import View
from skyledger.geocode.gazetteer import Gazetteer
from skyledger.model import (
    Casualties, Claimant, Damage, Incident, Kind, Location, Role, Span, TimeInfo, Weapon,
)

# shared by every incident that states none (the model's objects are frozen)
_UNDATED: Final = TimeInfo()
_UNSTATED_CASUALTIES: Final = Casualties()
_UNSTATED_DAMAGE: Final = Damage()


@dataclass(slots=True)
class Located:
    """A draft with one location (a distributive draft yields several)."""

    draft: Draft
    location: Location
    span: Span
    also: list[Span] = field(default_factory=list)
    role: Role = ROLE_SINGLE
    parent: int | None = None
    count: int | None = None

    # written out, as in Draft: the compiled engine runs this natively (see Draft)
    def __init__(self, draft: Draft, location: Location, span: Span, also: list[Span] | None = None,
                 role: Role = ROLE_SINGLE, parent: int | None = None, count: int | None = None) -> None:
        self.draft, self.location, self.span, self.also = draft, location, span, [] if also is None else also
        self.role, self.parent, self.count = role, parent, count


def inherit(drafts: list[Draft]) -> list[Draft]:
    """Elliptical items take weapon and kind from the figure that introduces them."""
    out: list[Draft] = []
    last: Draft | None = None
    line = -1   # sentence of the latest figure of the breakdown: a long list goes on line by line
    for d in drafts:
        if d.weapon is None:
            if last is None or d.sent - line > 2:
                continue
            d.weapon, d.kind, d.detail = last.weapon, d.kind or last.kind, last.detail
        elif d.kind is None:
            # a breakdown line naming its weapon but no verb: "24 БПЛА – над территорией ..."
            if last is None or d.sent - line > 2 or last.kind is None:
                continue
            d.kind = last.kind
            last = d
        elif d.harm:
            out.append(d)
            continue   # not a figure: a breakdown line after it belongs to the figure before
        else:
            last = d
        line = d.sent
        if d.kind is None:
            continue
        out.append(d)
    return out


def _key(loc: Location) -> str | None:
    return loc.admin1 or (f"SEA:{loc.water_body}" if loc.water_body else None)


def place_drafts(drafts: list[Draft], view: View, places: DocPlaces, gazetteer: Gazetteer) -> list[Located]:
    """Locate every draft; distributive lists become one located figure per place."""
    out: list[Located] = []
    last_place: dict[object, Location] = {}
    for n, d in enumerate(drafts):
        follows = [e for e in drafts[n + 1:] if e.weapon == d.weapon and e.kind == d.kind and e.places
                   and not e.subset]
        smaller = [e for e in follows if e.count is not None and e.count < (d.count or 0)]
        is_head = d.count is not None and not d.places and not d.capital and (
            bool(smaller) or len(follows) >= 2 or any(e.ordinal for e in follows)) and \
            all(e.count is None or e.count <= d.count for e in follows)
        if is_head and any(m.i < d.i and (m.prep or m.typed) for m in places.by_sentence[d.sent]):
            is_head = False   # "in the Kursk region, where 46 drones were intercepted"
        locs = locate(d, view, places, gazetteer, fallback=not is_head and not d.national)
        before = last_place.get(d.weapon)
        if not locs and d.additive and before is not None and _key(before):
            locs = [before]   # "one more drone was destroyed": where the others were (nowhere named: nowhere)
        last_place[d.weapon] = locs[0] if locs else Location()
        span = _span(view, d)
        if d.each and len(locs) > 1:
            out.extend(Located(d, loc, span, count=d.count) for loc in locs)
        elif len(locs) > 1 and len({_key(x) for x in locs}) > 1:
            head = Located(d, Location(), span, count=d.count)
            out.append(head)
            out.extend(Located(d, loc, span, role=ROLE_ITEM, parent=id(head), count=None) for loc in locs)
        else:
            out.append(Located(d, locs[0] if locs else Location(), span, count=d.count))
    return out


def _span(view: View, d: Draft) -> Span:
    a, b = view.ann.sentences[d.sent]
    if d.elliptical or d.each:
        i, j = d.i, d.j
        if d.places:
            j = max(j, d.places[-1].j)
        start, end = view.starts[i], view.ends[j - 1]
    else:
        start = view.starts[view.skip_space(a)]
        last = b - 1
        while last > a and view.is_space(last):
            last -= 1
        end = view.ends[last]
    return Span(start, end, view.text[start:end])


def drop_empty(items: list[Located]) -> list[Located]:
    """Figures with neither a count nor a place say nothing another figure does not."""
    parents = {x.parent for x in items if x.parent is not None}
    useful = [x for x in items if x.count is not None or _key(x.location) or x.parent is not None
              or id(x) in parents]   # a head whose items are kept stays, or they lose their total
    return useful if useful else items[:1]


def drop_implied(items: list[Located]) -> list[Located]:
    """A one read from a bare singular noun yields to a figure the text states for the same thing.

    "Збитий ворожий дрон" in a headline and "знищили три ворожі безпілотники" in the update
    are three drones, not four.
    """
    stated = {(x.draft.weapon, x.draft.kind, _key(x.location)) for x in items
              if x.count is not None and not x.draft.implied and not x.draft.additive}   # "ещё один" adds
    return [x for x in items if not (x.draft.implied and not x.draft.additive
                                     and (x.draft.weapon, x.draft.kind, _key(x.location)) in stated)]


def assign_roles(items: list[Located], claimant_of: Callable[[int], Claimant | None] = lambda _s: None
                 ) -> list[Located]:
    """Totals, items, singles and subsets, without ever counting a figure twice.

    `claimant_of(sentence)` says who makes each sentence's claim: one party's figure is never
    made a part of another party's total.
    """
    items = drop_empty(drop_implied(items))
    by_id = {id(x): x for x in items}
    for n, x in enumerate(items):
        d = x.draft
        if d.subset:
            x.role = ROLE_SUBSET
            prev = next((p for p in reversed(items[:n]) if not p.draft.subset), None)
            x.parent = id(prev) if prev else None
            continue
        if x.parent is not None:
            by_id[x.parent].role = ROLE_TOTAL
            continue
        if _key(x.location) is None:
            continue
        head = _head_for(items[:n], x)
        if head is None and d.ordinal:
            x.role = ROLE_SUBSET   # "one of the UAVs" of an uncounted group
            continue
        if head is not None:
            head.role = ROLE_TOTAL
            x.role, x.parent = ROLE_ITEM, id(head)
            if d.ordinal:
                d.kind = head.draft.kind   # "the second drone fell": part of the downed total
    _additive_items(items)
    _larger_national_totals(items, claimant_of)
    return items


def _larger_national_totals(items: list[Located], claimant_of: Callable[[int], Claimant | None]) -> None:
    """A day's figure above a night's breakdown ("220 in a day ... 27 overnight: 8 over ...")
    is the total; the smaller broken-down total becomes one of its items, if both are one
    party's ("Russia says 45 ... Kyiv says 50" are two claims, not a total and its part)."""
    for x in items:
        if x.role is not ROLE_TOTAL or x.parent is not None or _key(x.location) or x.count is None:
            continue
        d = x.draft
        own = claimant_of(d.sent)
        larger = [y for y in items if y is not x and y.role in (ROLE_SINGLE, ROLE_TOTAL) and y.parent is None
                  and not _key(y.location) and y.count is not None and y.count > x.count
                  and y.draft.weapon == d.weapon and y.draft.kind == d.kind and not y.draft.subset
                  and _one_party(own, claimant_of(y.draft.sent))]
        if larger:
            head = max(larger, key=lambda y: y.count or 0)
            head.role = ROLE_TOTAL
            x.role, x.parent = ROLE_ITEM, id(head)


def _one_party(a: Claimant | None, b: Claimant | None) -> bool:
    """Could two claims be one party's? Unknown claimants could."""
    return a is None or b is None or a == b


def _head_for(before: list[Located], x: Located) -> Located | None:
    d = x.draft
    for p in reversed(before):
        pd = p.draft
        if pd.weapon != d.weapon or p.parent is not None or pd.subset or p.count is None:
            continue
        if pd.kind != d.kind and not (d.ordinal and pd.kind is not KIND_LAUNCH):
            continue
        if d.ordinal and _key(p.location) in (None, _key(x.location)):
            return p
        if _key(p.location) is None and (x.count or 0) <= p.count and pd.kind is not KIND_LAUNCH:
            return p
    return None


def _additive_items(items: list[Located]) -> None:
    """Figures marked "two more" for a region add up with the earlier ones: all become items."""
    groups: dict[tuple[str | None, Weapon | None, Kind | None], list[Located]] = {}
    for x in items:
        if x.role is ROLE_SINGLE and _key(x.location):
            groups.setdefault((_key(x.location), x.draft.weapon, x.draft.kind), []).append(x)
    for xs in groups.values():
        if len(xs) > 1 and any(x.draft.additive for x in xs):
            for x in xs:
                x.role = ROLE_ITEM


def build(
    doc_id: str,
    located: list[Located],
    view: View,
    consequences: list[Consequences | None],
    attributions: list[Attribution],
    times: list[TimeInfo | None],
) -> list[Incident]:
    """Number the figures, merge repeated ones and attach what the sentences say."""
    located = _dedupe(located)
    ids = {id(x): f"{doc_id}#{n}" for n, x in enumerate(located, 1)}
    cons = _attach_consequences(located, consequences)
    out = []
    for x in located:
        d = x.draft
        att = attributions[d.sent]
        c = cons.get(id(x))
        target = None
        if d.kind is KIND_IMPACT:
            a, b = view.ann.sentences[d.sent]
            target = target_text(view, a, b)
        out.append(Incident(
            id=ids[id(x)],
            kind=d.kind or KIND_INTERCEPTION,
            weapon=d.weapon or WEAPON_UNKNOWN,   # every figure has its weapon by now; unknown if not
            weapon_detail=_detail(d),
            count=x.count,
            count_qualifier=d.qualifier if x.count is not None else None,
            role=x.role,
            part_of=ids.get(x.parent) if x.parent is not None else None,
            location=x.location,
            time=times[d.sent] or _UNDATED,
            casualties=Casualties(c.killed, c.injured) if c else _UNSTATED_CASUALTIES,
            damage=Damage(c.damage, c.kinds) if c else _UNSTATED_DAMAGE,
            target=target,
            claimant=att.claimant,
            certainty=att.certainty,
            evidence=(x.span, *x.also),
        ))
    return out


def _detail(d: Draft) -> str | None:
    if d.launch_area and d.kind is KIND_LAUNCH:
        return f"{d.detail} (launched from {d.launch_area})"
    return d.detail


def _dedupe(located: list[Located]) -> list[Located]:
    """A figure restated (headline, lead, quote) is one figure with several evidence spans."""
    out: list[Located] = []
    seen: dict[tuple[Location, Weapon | None, Kind | None, int | None, bool], Located] = {}
    remap: dict[int, int] = {}
    for x in located:
        key = (x.location, x.draft.weapon, x.draft.kind, x.count, x.role is ROLE_TOTAL)
        first = seen.get(key)   # one lookup: a Location hashes all its fields each time
        if first is None and x.role is ROLE_SINGLE:
            for k, y in seen.items():
                if y.role is ROLE_SINGLE and k[1:] == key[1:] and _restated(y.location, x.location):
                    key, first = k, y
                    break
        if first is not None and x.role is not ROLE_SUBSET and not x.draft.additive \
                and (_key(x.location) is not None or x.role is not ROLE_ITEM):
            if first.location.precision == 3 and (x.location.precision or 9) < 3:
                first.location = x.location   # the restatement names the place more precisely
            if x.span != first.span and x.span not in first.also:
                first.also.append(x.span)   # a restatement adds evidence, not a figure
            remap[id(x)] = id(first)
            continue
        if first is None:
            seen[key] = x
        out.append(x)
    for x in out:
        if x.parent in remap:
            x.parent = remap[x.parent]
    return out


def _restated(a: Location, b: Location) -> bool:
    """Whether one location is the region-level restatement of the other ("over the region"
    in the headline, "near Novoshakhtinsk" in the quote)."""
    return bool(a.admin1) and a.admin1 == b.admin1 and 3 in (a.precision, b.precision)


def _attach_consequences(located: list[Located], consequences: list[Consequences | None]) -> dict[int, Consequences]:
    """Each sentence's casualties and damage go to one figure: its own or the nearest before."""
    out: dict[int, Consequences] = {}
    for s, c in enumerate(consequences):
        if c is None:
            continue
        # casualties and damage follow what hit or fell, not the size of the attack
        pool = [x for x in located if x.role is not ROLE_SUBSET and x.draft.kind is not KIND_LAUNCH] \
            or [x for x in located if x.role is not ROLE_SUBSET]
        same = [x for x in pool if x.draft.sent == s]
        before = [x for x in pool if x.draft.sent < s]
        after = [x for x in pool if x.draft.sent > s]
        pick = same[-1] if same else before[-1] if before else after[0] if after else None
        if pick is None:
            continue
        prev = out.get(id(pick))
        out[id(pick)] = _merge(prev, c) if prev else c
    return out


def _merge(a: Consequences, b: Consequences) -> Consequences:
    def add(x: int | None, y: int | None) -> int | None:
        if x is None:
            return y
        if y is None or x == y:
            return x   # the same figure said twice is one figure
        return x + y
    damage = True if True in (a.damage, b.damage) else False if False in (a.damage, b.damage) else None
    return replace(a, killed=add(a.killed, b.killed), injured=add(a.injured, b.injured), damage=damage,
                   kinds=tuple(dict.fromkeys(a.kinds + b.kinds)))
