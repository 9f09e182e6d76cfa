"""Incident drafts: weapon phrases with their counts, kinds and places, sentence by sentence.

A draft is one figure the text states: "40 UAVs destroyed over Kaluga region", an
elliptical breakdown line ("23 over the Samara Region"), an ordinal part ("the second
drone fell in ..."). Roles, ids and consequences are settled later in `assemble`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Final

from skyledger.extract.annotate import NUMBER, Mark
from skyledger.extract.members import (
    KIND_CRASH, KIND_IMPACT, KIND_INTERCEPTION, KIND_LAUNCH, QUALIFIER_EXACT, WEAPON_UNKNOWN,
)
from skyledger.extract.numbers import Count, count_at, count_before
from skyledger.extract.places import PlaceMention, coordinated
from skyledger.extract.view import View
from skyledger.model import Kind, Qualifier, Weapon

_WEAPON_CLASSES: Final = ("weapon.uav", "weapon.missile", "weapon.rocket", "weapon.glide_bomb",
                          "weapon.aircraft", "weapon.unknown")
_GROUP_GLUE: Final = {"-", "or", "/", "или", "або", "чи", "типа", "типу", "type", "«", "»", "\"", "“", "”"}
_WEAPONS: Final = {f"weapon.{w.value}": w for w in Weapon}   # class -> weapon, without an Enum call per mark
_KIND_CLASSES: Final = {"kind.interception": KIND_INTERCEPTION, "kind.impact": KIND_IMPACT,
                        "kind.crash": KIND_CRASH, "kind.launch": KIND_LAUNCH}
_LEAD_CLASSES: Final = ("weapon.modifier", "number.", "count.", "claimant.country")
_DAMAGE: Final = "kind.damage"   # an impact only where a weapon is the verb's subject (see _agent_of)
_DASHES: Final = {"-", "–", "—", ":", "‑"}
_CLAUSE_BREAKS: Final = {",", ";"}


@dataclass(slots=True)
class WeaponGroup:
    """A weapon phrase: "fixed-wing Ukrainian unmanned aerial vehicles"."""

    i: int
    j: int
    weapon: Weapon
    detail: str
    lead: int = 0

    # written out, as in Draft: the compiled engine runs this natively (see Draft)
    def __init__(self, i: int, j: int, weapon: Weapon, detail: str, lead: int = 0) -> None:
        self.i, self.j, self.weapon, self.detail, self.lead = i, j, weapon, detail, lead


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
    implied: bool = False   # one read from a bare singular noun, not a stated figure
    dual: bool = False
    attack: bool = False   # a stated number of weapons an attack was made with
    placed_before: bool = False
    harm: bool = False   # a place named only by the damage or casualties there (see harm_drafts)

    # Written out although it is a dataclass: mypyc compiles the methods a class's source defines
    # but leaves those that @dataclass generates interpreted, and a few drafts are built per
    # sentence. The fields and their defaults are the ones above (dataclasses.replace uses this).
    def __init__(self, sent: int, i: int, j: int, kind: Kind | None, weapon: Weapon | None, detail: str | None,
                 count: int | None, qualifier: Qualifier | None, places: list[PlaceMention] | None = None,
                 national: bool = False, each: bool = False, additive: bool = False, subset: bool = False,
                 ordinal: bool = False, elliptical: bool = False, debris: bool = False, capital: bool = False,
                 near_city: bool = False, launch_area: str | None = None, implied: bool = False,
                 dual: bool = False, attack: bool = False, placed_before: bool = False,
                 harm: bool = False) -> None:
        self.sent, self.i, self.j, self.kind, self.weapon, self.detail = sent, i, j, kind, weapon, detail
        self.count, self.qualifier, self.places = count, qualifier, [] if places is None else places
        self.national, self.each, self.additive, self.subset = national, each, additive, subset
        self.ordinal, self.elliptical, self.debris, self.capital = ordinal, elliptical, debris, capital
        self.near_city, self.launch_area, self.implied, self.dual = near_city, launch_area, implied, dual
        self.attack, self.placed_before, self.harm = attack, placed_before, harm


def weapon_groups(view: View, a: int, b: int) -> tuple[list[WeaponGroup], list[tuple[int, int]]]:
    """Weapon phrases in tokens [a, b), and the spans of naval (non-aerial) ones."""
    marks = [m for m in view.within(a, b, "weapon.") if m.cls in _WEAPON_CLASSES]
    naval = [(m.i, m.j) for m in view.within(a, b, "weapon.naval")]
    groups: list[WeaponGroup] = []
    for m in marks:
        if any(i <= m.i < j for i, j in naval):
            continue
        weapon = _WEAPONS[m.cls]
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
        g.detail = view.text[view.starts[detail_start]:view.ends[g.j - 1]]
    return groups, naval


def _glued(view: View, j: int, i: int) -> bool:
    gap = [k for k in range(j, i) if not view.is_space(k)]
    if gap and view.words[gap[0]] == "(" and view.words[gap[-1]] == ")" and len(gap) <= 6:
        return True   # "FPV (First-Person View) drone"
    for k in gap:
        if view.word(k) in _GROUP_GLUE or view.covering(k, "weapon.modifier"):
            continue
        return False
    return True


def _kind_near(view: View, a: int, b: int, g_i: int, g_j: int, groups: list[WeaponGroup],
               counted: bool = False) -> tuple[Kind | None, bool]:
    """The kind stated nearest the weapon phrase, and whether the weapon is an attack's instrument
    ("attacked the region with 40 drones").

    A word that is both an impact and a launch (Ukrainian "атакувати": "атакував 54
    дронами" is the attack's size, "дрони атакували область" an impact) is a launch
    when the weapon phrase has a count and an impact when it has none; a counted
    figure that names its own place turns back into an impact (see sentence_drafts).
    """
    best: tuple[int, Kind, bool] | None = None
    spans = [(g.i, g.j) for g in groups]
    for m in view.within(a, b, "kind."):
        if m.cls == _DAMAGE:
            if not _agent_of(view, m, a, g_i, g_j, spans):
                continue
        elif m.cls not in _KIND_CLASSES or any(i <= m.i < j for i, j in spans):
            continue
        kind = _KIND_CLASSES.get(m.cls, KIND_IMPACT)
        if kind is KIND_IMPACT and counted and _also_launch(view, m):
            kind = KIND_LAUNCH
        elif kind is KIND_LAUNCH and _also_launch(view, m):
            continue   # the impact reading of the same word competes on its own
        dist = g_i - m.j if m.j <= g_i else m.i - g_j
        if m.i >= g_j and any(g_j <= i and i < m.i for i, _ in spans):
            dist += 8   # another weapon phrase stands between
        if m.j <= g_i and any(m.j <= i < g_i for i, _ in spans):
            dist += 8
        lo, hi = (m.j, g_i) if m.j <= g_i else (g_j, m.i)
        # another clause: "атакували 104 БпЛА ..., 57 з них удалося збити" (a comma before the
        # next weapon of a list, "two missiles, 15 drones", separates items, not clauses)
        if any(w in _CLAUSE_BREAKS and not _list_comma(view, lo + n, spans) for n, w in enumerate(view.words[lo:hi])):
            dist += 15
        if kind is KIND_LAUNCH and m.cls == "kind.launch":
            dist += 25
        if kind is KIND_CRASH:
            dist += 3
        if m.cls == _DAMAGE:
            dist += 4   # any other kind stated with the weapon says more than the damage it did
        attack = kind is KIND_IMPACT and m.j <= g_i and view.has(m.j, g_i, "prep.with")
        if best is None or dist < best[0]:
            best = (dist, kind, attack)
    return (best[1], best[2]) if best else (None, False)


def _agent_of(view: View, m: Mark, a: int, g_i: int, g_j: int, spans: list[tuple[int, int]]) -> bool:
    """Whether the weapon phrase [g_i, g_j) is the subject of the damage verb m ("дрон повредил
    дом", "a Ukrainian drone damaged"): it stands a few words before the verb in the same
    clause, with no other weapon phrase between, and no plain word such as a preposition
    governs it ("после урагана повреждены": the hurricane is no MLRS)."""
    between = [k for k in range(g_j, m.i) if not view.is_space(k)]
    if g_j > m.i or len(between) > 3 or any(view.word(k) in _CLAUSE_BREAKS for k in between) \
            or any(g_j <= i < m.i for i, _ in spans):
        return False
    k = view.skip_space(g_i - 1, -1)
    while k >= a and any(view.covering(k, c) for c in _LEAD_CLASSES):
        k = view.skip_space(k - 1, -1)
    word = view.words[k] if k >= a else ""
    return not (view.alpha[k] and word[:1].islower() and view.covering(k, "") is None) if word else True


def _list_comma(view: View, k: int, spans: list[tuple[int, int]]) -> bool:
    """Whether the break at token k separates items of a list of weapons: the next word is a
    number or the weapon itself, and a weapon phrase follows at once ("two missiles, 15 drones")."""
    nxt = view.skip_space(k + 1)
    starts_item = view.starting(nxt, "number.") is not None or any(i == nxt for i, _ in spans)
    return starts_item and any(k < i <= k + 4 for i, _ in spans)


def _dual_kind_near(view: View, a: int, b: int) -> bool:
    """Whether the launch reading of a weapon phrase comes from a word that is also an impact."""
    return any(_also_launch(view, m) for m in view.within(a, b, "kind.impact"))


def _also_launch(view: View, m: Mark) -> bool:
    """Whether a kind mark's words are also a launch phrase of the language."""
    launch = view.starting(m.i, "kind.launch")
    return launch is not None and launch.j == m.j and view.starting(m.i, "kind.impact") is not None


def sentence_drafts(view: View, sent: int, a: int, b: int, counted: frozenset[Weapon] = frozenset(),
                    list_kind: Kind | None = None, places: Sequence[PlaceMention] = ()) -> list[Draft]:
    """Every draft stated in the sentence of tokens [a, b).

    `counted`: weapons already counted before; `list_kind`: the kind of the sentence that
    introduces a list when this sentence is one of its items; `places`: the sentence's place
    mentions (`locate.doc_places` finds them once per document).
    """
    groups, naval = weapon_groups(view, a, b)
    drafts: list[Draft] = []
    used: set[int] = set()
    for g in groups:
        nxt = view.skip_space(g.j)
        attributive = nxt < b and view.starting(nxt, "event.noun") is not None
        more = view.ending(view.skip_space(g.lead - 1, -1) + 1, "count.more")
        count = count_before(view, more.i if more else g.lead, a)
        if attributive and count is not None and count.value == 1 and view.starting(count.i, "number.article"):
            count = None
        kind, attack = _kind_near(view, a, b, g.i, g.j, groups, counted=count is not None and count.value is not None)
        dual = kind is KIND_LAUNCH and _dual_kind_near(view, a, b)
        listed = kind is None and list_kind is not None
        kind = list_kind if listed else kind
        debris = _after_debris(view, g.i, a)
        if debris:
            kind, count = KIND_CRASH, None
        if attributive:
            # "a drone strike damaged ...", "Ракетний удар ...: загинули четверо": the weapon
            # names the kind of attack, not a figure
            harm = view.has(a, b, "damage.verb") or view.has(a, b, "casualty.killed") or view.has(a, b, "casualty.injured")
            if harm and (count is None or kind is KIND_IMPACT):
                kind = KIND_IMPACT
            elif count is None:
                continue
        if kind is None and (count is None or not _place_follows(view, _after_dash(view, g.j, b), b)):
            continue   # a counted weapon with no verb stays only as a breakdown line ("24 БПЛА – над ...")
        one = count is None and not attributive and _definite(view, g, debris) and view.singular(g.j - 1) \
            and not (view.ann.bare_singular and _abbreviation(view.words[g.i])) \
            and (listed or g.weapon not in counted) and not any(e.weapon == g.weapon and e.count for e in drafts)
        if kind is KIND_LAUNCH and count is None and not one:
            continue
        d = Draft(sent, count.i if count else g.i, g.j, kind, g.weapon, g.detail,
                  count.value if count else None, count.qualifier if count else None, debris=debris,
                  attack=attack and not debris and count is not None
                  and view.starting(count.i, "number.article") is None)
        d.additive = listed   # the lines of a list add up
        d.dual = dual
        if count is not None:
            used.update(range(count.i, count.j))
            _flags(view, d, count, a)
            d.additive = d.additive or more is not None
        elif view.ending(view.skip_space(g.i - 1, -1) + 1, "count.ordinal") and not attributive and not debris:
            d.count, d.qualifier, d.ordinal = 1, QUALIFIER_EXACT, True
        elif one:   # "the aircraft-type UAV was destroyed", "сбит беспилотник"
            d.count, d.qualifier, d.implied = 1, QUALIFIER_EXACT, view.ann.bare_singular
        outof = _out_of(view, d, count, a) if count else None
        if outof is not None:
            used.update(range(outof.i, outof.j))
            drafts.append(Draft(sent, outof.i, g.j, kind if kind is not KIND_LAUNCH else KIND_INTERCEPTION,
                                g.weapon, g.detail, outof.value, outof.qualifier))
            d.kind = KIND_LAUNCH
        drafts.append(d)
    drafts.extend(_elliptical(view, sent, a, b, used, drafts, places))
    drafts.sort(key=lambda d: d.i)
    _attach_places(view, drafts, places, a, b)
    for d in drafts:
        if d.dual and any(p.prep != "at" for p in d.places):
            # "удару двома авіабомбами по селищу": what hit the village; "50 дронів атакували
            # Харківщину" names the attack's target, and stays the attack's size
            d.kind = KIND_IMPACT
    return [d for d in drafts if not any(i <= d.i < j for i, j in naval)]


_BULLETS: Final = ("-", "–", "—", "•", "▪", "◾", "▫", "*", "·")


def is_list_item(view: View, a: int) -> bool:
    """Whether the sentence starting at token a is a line of a bulleted or dashed list."""
    return view.words[view.skip_space(a)].startswith(_BULLETS)


def list_intro_kind(view: View, a: int, b: int) -> Kind | None:
    """The kind of a sentence that ends with a colon and so introduces a list ("...вдарило таке озброєння:")."""
    last = view.skip_space(b - 1, -1)
    if last < a or view.words[last] != ":":
        return None
    for m in view.within(a, b, "kind."):
        if m.cls in _KIND_CLASSES:
            return _KIND_CLASSES[m.cls]
    return None


def unarmed_draft(view: View, sent: int, a: int, b: int, consequences: bool,
                  mentioned: Sequence[PlaceMention]) -> Draft | None:
    """An impact stated without any weapon ("влучання у приватну забудову"): weapon unknown.

    Only where the sentence also names a place or states casualties or damage, so that
    talk of strikes in general is not an incident.
    """
    impacts = view.within(a, b, "kind.impact")
    if not impacts:
        return None
    places = [p for p in mentioned if p.prep in ("over", "near", "at")]
    if not places and not consequences:
        return None
    d = Draft(sent, impacts[0].i, impacts[0].j, KIND_IMPACT, WEAPON_UNKNOWN, None, None, None)
    _attach_places(view, [d], places, a, b)
    return d


def harm_drafts(view: View, sent: int, places: Sequence[PlaceMention], weapon: Weapon) -> list[Draft]:
    """A sentence that names only damage or casualties at a place ("У Шостці пошкоджено будинок"),
    in a document about an attack: an impact there by the attack's weapon, with no count.

    Of "the Shakhtarsk community in the Synelnykivskyi district" only the place it lies in is
    taken: the smaller name may be a namesake elsewhere."""
    out = []
    for n, p in enumerate(places):
        nxt = places[n + 1] if n + 1 < len(places) else None
        inside = nxt is not None and nxt.prep is not None and not coordinated(view, p.j, nxt.i) \
            and len([k for k in range(p.j, nxt.i) if not view.is_space(k)]) <= 3
        if p.prep in ("over", "near", "at") and not inside:
            out.append(Draft(sent, p.i, p.j, KIND_IMPACT, weapon, None, None, None, places=[p], harm=True))
    return out


def back_reference(view: View, sent: int, a: int, b: int, last: Draft,
                   mentioned: Sequence[PlaceMention]) -> list[Draft]:
    """"They were all shot down" after "4 drones tried to attack ...", "Вона впала ..." after "ворог
    випустив ракету": the attack's figure, now with the outcome the pronoun sentence states (only
    right after a counted launch; the pronoun is a word of count.all, or of count.definite opening
    the sentence)."""
    if last.kind is not KIND_LAUNCH or last.count is None or sent - last.sent != 1:
        return []
    if not view.has(a, b, "count.all") and view.starting(view.skip_space(a), "count.definite") is None:
        return []
    kinds = [m for m in view.within(a, b, "kind.") if m.cls in _KIND_CLASSES and m.cls != "kind.launch"]
    if not kinds or any(m.cls in _WEAPON_CLASSES for m in view.within(a, b, "weapon.")) or view.has(a, b, NUMBER):
        return []
    d = replace(last, sent=sent, i=kinds[0].i, j=kinds[0].j, kind=_KIND_CLASSES[kinds[0].cls], places=[],
                national=False, capital=False, near_city=False, launch_area=None)
    _attach_places(view, [d], [p for p in mentioned if p.i >= d.j], a, b)
    if not d.places:
        d.places, d.national = last.places, False   # "над российским регионом": the one just named
    return [d]


def _definite(view: View, g: WeaponGroup, debris: bool) -> bool:
    """Whether the weapon phrase names one known weapon: "the drone", or a bare noun where the
    language has no articles (not the debris "of a drone")."""
    if view.ending(view.skip_space(g.lead - 1, -1) + 1, "count.definite"):
        return True
    return view.ann.bare_singular and not debris


def _abbreviation(word: str) -> bool:
    """БпЛА, КАБ, Х-22: no ending tells their number."""
    return sum(c.isupper() for c in word) > 1 or any(c.isdigit() for c in word)


_DEBRIS_GLUE: Final = ("weapon.modifier", "kind.interception", "number.article", "prep.from", "count.outof",
                       "place.skip", "count.ordinal")


def _after_debris(view: View, i: int, a: int) -> bool:
    k = i
    for _ in range(5):
        k = view.skip_space(k - 1, -1)
        if k < a:
            return False
        m = view.covering(k, "kind.crash")
        if m is not None and m.value in ("debris", "fragments", "wreckage"):
            return True
        if view.covering(k, _DEBRIS_GLUE):
            continue
        return False
    return False


def _flags(view: View, d: Draft, count: Count, a: int) -> None:
    nxt = view.skip_space(count.j)
    if view.starting(nxt, "count.more") or view.ending(count.i, "count.more"):
        d.additive = True
    if view.starting(nxt, "count.each") or view.ending(view.skip_space(count.i - 1, -1) + 1, "count.each"):
        d.each = True   # "8 each", "по 8"
    for k in range(max(a, count.i - 4), count.i):
        if view.starting(k, "count.subset"):
            d.subset = True


def _out_of(view: View, d: Draft, count: Count | None, a: int) -> Count | None:
    """'50 out of 69 drones', '40 of the 55': the first figure is the outcome, the second the launch."""
    if count is None:
        return None
    k = view.skip_space(count.i - 1, -1)
    definite = view.ending(k + 1, "count.definite")   # "40 of the 55 drones"
    if definite is not None:
        k = view.skip_space(definite.i - 1, -1)
    m = view.ending(k + 1, "count.outof")
    if m is None:
        return None
    k = view.skip_space(m.i - 1, -1)
    for s in range(max(a, k - 3), k + 1):
        c = count_at(view, s)
        if c is not None and c.j == k + 1 and c.value is not None:
            return c
    return None


def _place_before_dash(view: View, i: int, places: Sequence[PlaceMention]) -> PlaceMention | None:
    """The place mention (under 'over' or 'near') that a dash before token i follows."""
    k = view.skip_space(i - 1, -1)
    if view.word(k) not in _DASHES:
        return None
    k = view.skip_space(k - 1, -1)
    return next((p for p in places if p.j == k + 1 and p.prep in ("over", "near")), None)


def _elliptical(view: View, sent: int, a: int, b: int, used: set[int], drafts: list[Draft],
                places: Sequence[PlaceMention]) -> list[Draft]:
    """Breakdown lines without a weapon noun: "23 over the Samara Region", "по 8 – над ..."."""
    out: list[Draft] = []
    after = a   # where the next figure may start: not inside the one just read
    for k in view.start_tokens(a, b, NUMBER, "number.word", "count.qualifier"):   # where a figure may start
        if k < after or k in used:
            continue
        c = count_at(view, k)
        if c is None or c.value is None or any(x in used for x in range(c.i, c.j)):
            continue
        j = view.skip_space(c.j)
        each = aux = False
        more = view.ending(view.skip_space(c.i - 1, -1) + 1, "count.more") is not None
        subset = any(view.starting(x, "count.subset") for x in range(max(a, c.i - 4), c.i))
        for _ in range(6):
            if (word := view.starting(j, "count.each")) is not None:
                each, j = True, view.skip_space(word.j)
            elif (word := view.starting(j, "count.more")) is not None:
                more, j = True, view.skip_space(word.j)
            elif (word := view.starting(j, "count.aux")) is not None:
                aux, j = True, view.skip_space(word.j)
            elif view.word(j) in _DASHES or view.covering(j, "weapon.modifier") or (subset and view.word(j) == ","):
                j = view.skip_space(j + 1)
            elif (word := view.starting(j, "kind.")) is not None and word.cls in _KIND_CLASSES:
                j = view.skip_space(word.j)
            else:
                break
        prep = view.starting(j, "prep.over") or view.starting(j, "prep.near") \
            or (view.starting(j, "prep.towards") if subset else None)   # "in that number 2, flying to Moscow"
        if prep is None or not _place_follows(view, prep.j, b):
            lead = _place_before_dash(view, c.i, places)
            if lead is not None:   # "над Владимирской – 3": the place, a dash, then its figure
                out.append(Draft(sent, lead.i, c.j, None, None, None, c.value, c.qualifier, places=[lead],
                                 elliptical=True, placed_before=True))
                used.update(range(c.i, c.j))
            else:
                kind = _told_kind(view, c, j, b) if more or aux else None
                if kind is not None:   # "ще два влучили в підприємство": more of the same weapon
                    out.append(Draft(sent, c.i, c.j, kind, None, None, c.value, c.qualifier, additive=more,
                                     elliptical=True))
                    used.update(range(c.i, c.j))
            after = c.j
            continue
        before = view.ending(c.i, "count.each") is not None
        out.append(Draft(sent, c.i, prep.j, None, None, None, c.value, c.qualifier,
                         each=each or before, additive=more, subset=subset, elliptical=True))
        used.update(range(c.i, c.j))
        after = c.j
    return out


def _told_kind(view: View, c: Count, j: int, b: int) -> Kind | None:
    """The kind stated right after "one more" / "three of them" (no weapon named): "ще два влучили"."""
    k = view.skip_space(c.j)
    while k < min(b, j + 1):
        m = view.starting(k, "kind.")
        if m is not None and m.cls in _KIND_CLASSES and m.cls != "kind.launch":
            return _KIND_CLASSES[m.cls]
        k = view.skip_space(k + 1)
    return None


def _after_dash(view: View, j: int, b: int) -> int:
    """The preposition token after a weapon phrase and its dash: "БПЛА – над"."""
    k = view.skip_space(j)
    while k < b and view.word(k) in _DASHES:
        k = view.skip_space(k + 1)
    prep = view.starting(k, "prep.over") or view.starting(k, "prep.near")
    return prep.j if prep is not None else b


def _place_follows(view: View, j: int, b: int) -> bool:
    k = view.skip_space(j)
    for _ in range(5):
        if k >= b:
            return False
        place = view.starting(k, "place")
        if place is not None and place.cls == "place":
            return True
        if view.starting(k, "place.capital") or view.starting(k, "place.national"):
            return True
        skip = view.starting(k, "place.skip") or view.starting(k, "place.city_of")
        if skip is None:
            return False
        k = view.skip_space(skip.j)
    return False


def _attach_places(view: View, drafts: list[Draft], places: Sequence[PlaceMention], a: int, b: int) -> None:
    """Give each draft the place mentions that follow it, up to the next draft."""
    starts = [d.i for d in drafts]
    for n, d in enumerate(drafts):
        if d.placed_before:
            continue
        limit = starts[n + 1] if n + 1 < len(drafts) else b
        after = [p for p in places if d.j <= p.i < limit and p.prep in ("over", "near", "towards", "at")]
        national = view.within(d.j, limit, "place.national")
        capital = view.within(d.j, limit, "place.capital")
        froms = [p for p in places if d.j <= p.i < limit and p.prep == "from"]
        if froms:
            d.launch_area = view.text[froms[0].start:froms[0].end]
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
    for d, nxt in reversed(list(zip(drafts, drafts[1:]))):
        # "Управляемые авиабомбы и реактивные снаряды сбиты над ...": weapons listed before one place
        if not (d.places or d.national or d.capital or d.near_city or d.placed_before) and nxt.places \
                and d.kind == nxt.kind and d.weapon != nxt.weapon and coordinated(view, d.j, nxt.i):
            d.places = list(nxt.places)


def _plural_regions(view: View, j: int, limit: int) -> list[Mark]:
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


def attack_sizes(drafts: list[Draft]) -> None:
    """An attack's instruments are its size where the same document counts their interceptions.

    "attacked Ukraine with 146 drones ... 118 were shot down" reports a launch and its
    interceptions; "attacked the city with glide bombs", with nothing intercepted, reports hits.
    """
    intercepted = {d.weapon for d in drafts if d.kind is KIND_INTERCEPTION and d.count is not None}
    for d in drafts:
        if d.attack and d.weapon in intercepted:
            d.kind = KIND_LAUNCH
