"""Resolution rules on hand-made reports: what merges, what never does, and why."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skyledger.model import Claimant, Incident, Kind, Location, Role, TimeInfo, Weapon
from skyledger.resolve import Report, is_nationwide, resolve
from skyledger.resolve.partition import country_hints, region_key


def report(doc: str, n: int, *, admin1: str | None = "RU-BRY", kind: Kind = Kind.INTERCEPTION,
           weapon: Weapon = Weapon.UAV, count: int | None = 5, date: str = "2026-03-14", role: Role = Role.SINGLE,
           part_of: str | None = None, start: str | None = None, end: str | None = None,
           published: str = "2026-03-14T08:00:00+03:00", who: str | None = None) -> Report:
    inc = Incident(f"{doc}#{n}", kind, weapon, count, role, Location("RU" if admin1 else None, admin1),
                   TimeInfo(date, start, end), part_of=part_of, claimant=Claimant(role=who) if who else None)
    return Report(f"{doc}-hash#{n}", f"{doc}-hash", doc, published, doc, region_key(inc), inc)


def partition(reports: list[Report]) -> list:
    """Resolve a mixed list the way the store does: partition by (region, date) first."""
    out = []
    for (region, date), group in itertools.groupby(sorted(reports, key=lambda r: (r.region, r.incident.time.date)),
                                                   key=lambda r: (r.region, r.incident.time.date)):
        out.extend(resolve(region, date, list(group)))
    return out


def test_resolve_ministry_and_governor_become_one_incident_with_a_range() -> None:
    [li] = resolve("RU-BRY", "2026-03-14", [report("mod", 1, count=40, who="ministry"),
                                            report("gov", 1, count=38, who="governor")])
    assert (li.count_low, li.count_high) == (38, 40)
    assert sorted((f.claimant, f.count) for f in li.figures) == [("governor", 38), ("ministry", 40)]
    assert [m.rule for m in li.members].count("anchor") == 1
    assert all(m.reason for m in li.members)


@pytest.mark.parametrize("other", [
    {"date": "2026-03-15"},                      # a different night
    {"admin1": "RU-KRS"},                        # a different region
    {"kind": Kind.IMPACT},                       # a different kind of event
    {"weapon": Weapon.MISSILE},                  # a different weapon
])
def test_resolve_never_merges_across(other: dict) -> None:
    assert len(partition([report("a", 1), report("b", 1, **other)])) == 2


def test_resolve_region_item_is_part_of_the_total_not_a_duplicate() -> None:
    total = report("mod", 1, admin1=None, count=28, role=Role.TOTAL)
    item = report("mod", 2, count=9, role=Role.ITEM, part_of="mod#1")
    hints = country_hints([total.incident, item.incident])
    total = Report(total.key, total.doc_hash, total.doc_id, total.published, total.source,
                   region_key(total.incident, hints.get(total.incident.id)), total.incident)
    ledger = partition([total, item, report("gov", 1, count=8)])
    assert sorted((li.region, li.count_low, li.count_high, len(li.figures)) for li in ledger) == [
        ("RU-BRY", 8, 9, 2), ("nationwide:RU", 28, 28, 1)]
    assert is_nationwide(total.region)


def test_resolve_one_source_lines_add_up_but_sources_never_do() -> None:
    lines = [report("mayor", 1, count=2), report("mayor", 2, count=1)]
    [li] = resolve("RU-BRY", "2026-03-14", [*lines, report("news", 1, count=3)])
    assert [f.count for f in li.figures] == [3, 3]
    assert (li.count_low, li.count_high) == (3, 3)


def test_resolve_separate_windows_on_one_day_are_separate_incidents() -> None:
    morning = dict(start="2026-03-14T05:00:00+03:00", end="2026-03-14T06:00:00+03:00")
    evening = dict(start="2026-03-14T20:00:00+03:00", end="2026-03-14T21:00:00+03:00")
    ledger = resolve("RU-BRY", "2026-03-14", [report("a", 1, **morning), report("b", 1, **morning),
                                              report("c", 1, **evening), report("d", 1, **evening)])
    assert sorted(sorted(m.report_key[0] for m in li.members) for li in ledger) == [["a", "b"], ["c", "d"]]


def test_resolve_unknown_weapon_joins_the_only_weapon_reported() -> None:
    [li] = resolve("RU-VOR", "2026-03-14", [report("a", 1, weapon=Weapon.UNKNOWN), report("b", 1)])
    assert li.weapon is Weapon.UAV
    assert any("weapon not identified" in m.reason for m in li.members)
    two = resolve("RU-VOR", "2026-03-14", [report("a", 1, weapon=Weapon.UNKNOWN), report("b", 1),
                                           report("c", 1, weapon=Weapon.MISSILE)])
    assert len(two) == 3


def test_resolve_undated_reports_do_not_merge_across_documents() -> None:
    assert len(resolve("RU-BRY", None, [report("a", 1), report("b", 1)])) == 2


def test_resolve_subsets_are_not_incidents_of_their_own() -> None:
    assert len(resolve("RU-MOS", "2026-03-14", [report("a", 1, role=Role.SUBSET)])) == 0


reports = st.lists(st.builds(
    report, doc=st.sampled_from("abcdef"), n=st.integers(1, 3), admin1=st.sampled_from(["RU-BRY", "RU-KRS"]),
    kind=st.sampled_from([Kind.INTERCEPTION, Kind.IMPACT]), weapon=st.sampled_from([Weapon.UAV, Weapon.UNKNOWN, Weapon.MISSILE]),
    count=st.none() | st.integers(0, 50), date=st.sampled_from(["2026-03-14", "2026-03-15"]),
    start=st.sampled_from([None, "2026-03-14T01:00:00+03:00", "2026-03-14T04:00:00+03:00"]),
    end=st.sampled_from([None, "2026-03-14T03:00:00+03:00", "2026-03-14T06:00:00+03:00"]),
    published=st.sampled_from(["2026-03-14T07:00:00+03:00", "2026-03-14T09:00:00+03:00"])),
    max_size=12, unique_by=lambda r: r.key)


@settings(max_examples=200, deadline=None)
@given(reports=reports, seed=st.randoms())
def test_resolve_gives_the_same_ledger_in_any_order(reports: list[Report], seed) -> None:
    shuffled = list(reports)
    seed.shuffle(shuffled)
    assert partition(shuffled) == partition(reports)
    assert partition(reports) == partition(reports + [])
