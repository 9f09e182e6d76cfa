"""The same-incident rules: which reports of one partition describe one real incident.

Reports of one (region, date) partition are grouped by kind; a report whose weapon is
`unknown` ("air targets") joins the partition's one known weapon of that kind, if there is
exactly one. Inside a group, reports that state time windows are joined when their windows
overlap; reports without a window join the largest windowed group. Every decision is taken
on sorted data, so the outcome does not depend on the order reports arrive in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from skyledger.model import Role, Weapon
from skyledger.resolve.model import Report
from skyledger.resolve.partition import NATIONWIDE

UNKNOWN_COUNTRY = NATIONWIDE + "?"


@dataclass(frozen=True, slots=True)
class Group:
    """Reports judged to be one incident, with the rule that joined each of them."""

    reports: tuple[Report, ...]
    rules: dict[str, str]
    weapon: Weapon


def parse_time(value: str | None) -> datetime | None:
    """An ISO 8601 time, or None when absent or unreadable."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def window(report: Report) -> tuple[datetime, datetime] | None:
    """The report's stated time window, when it states both ends with their UTC offsets."""
    start, end = parse_time(report.incident.time.start), parse_time(report.incident.time.end)
    if start is None or end is None or start.tzinfo is None or end.tzinfo is None:
        return None
    return (start, end) if start <= end else (end, start)


def group_partition(region: str, date: str | None, reports: Sequence[Report]) -> list[Group]:
    """Split one partition's reports into incidents (subsets never stand on their own)."""
    by_kind: dict[tuple[str, str], list[Report]] = defaultdict(list)
    for r in sorted(reports, key=lambda r: r.key):
        if r.incident.role is Role.SUBSET:
            continue
        by_kind[(r.incident.kind, _side(region, date, r))].append(r)
    groups: list[Group] = []
    for (_, _), same_kind in sorted(by_kind.items()):
        for weapon, members, rules in _by_weapon(same_kind):
            groups.extend(_by_window(weapon, members, rules))
    return groups


def _side(region: str, date: str | None, report: Report) -> str:
    """A further split where the partition alone cannot tell incidents apart.

    Undated reports never merge across documents; nationwide figures of an unknown
    country merge only when the same organisation gives them.
    """
    if date is None:
        return report.doc_hash
    if region == UNKNOWN_COUNTRY:
        claimant = report.incident.claimant
        return (claimant.organization or "").casefold() if claimant else ""
    return ""


def _by_weapon(reports: list[Report]) -> list[tuple[Weapon, list[Report], dict[str, str]]]:
    """Group by weapon; `unknown` joins the single known weapon of the kind, if any."""
    known = sorted({r.incident.weapon for r in reports} - {Weapon.UNKNOWN})
    out: dict[Weapon, list[Report]] = defaultdict(list)
    rules: dict[str, str] = {}
    for r in reports:
        weapon = r.incident.weapon
        if weapon is Weapon.UNKNOWN and len(known) == 1:
            weapon = known[0]
            rules[r.key] = f"weapon not identified, taken as the only one reported: {weapon}"
        out[weapon].append(r)
    return [(w, out[w], rules) for w in sorted(out)]


def _by_window(weapon: Weapon, reports: list[Report], rules: dict[str, str]) -> list[Group]:
    """Join reports whose windows overlap; windowless reports join the largest group."""
    timed = sorted(((window(r), r) for r in reports if window(r) is not None),
                   key=lambda wr: (wr[0][0], wr[0][1], wr[1].key))  # type: ignore[index]
    untimed = [r for r in reports if window(r) is None]
    clusters: list[tuple[datetime, list[Report]]] = []
    for (start, end), r in timed:  # type: ignore[misc]
        if clusters and start <= clusters[-1][0]:
            clusters[-1] = (max(end, clusters[-1][0]), clusters[-1][1] + [r])
            rules.setdefault(r.key, "time windows overlap")
        else:
            clusters.append((end, [r]))
    if not clusters:
        return [Group(tuple(untimed), rules, weapon)] if untimed else []
    largest = max(range(len(clusters)), key=lambda i: (len(clusters[i][1]), -i))
    for r in untimed:
        rules.setdefault(r.key, "no time window stated; joined the report group of that date")
    clusters[largest] = (clusters[largest][0], clusters[largest][1] + untimed)
    return [Group(tuple(members), rules, weapon) for _, members in clusters]

