"""Daily figures per region: one row per (region, day), one column per kind of incident.

A day on which the ledger holds nothing for a region is "no report", never zero: the
ledger only knows what was reported. Figures of distinct ledger incidents in one cell are
added (they are different incidents); each incident's own figure stays a range.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from skyledger.model import Kind
from skyledger.resolve import region_label
from skyledger.store import Entry

DIMENSIONS = ("admin1", "day", "kind", "weapon")
NO_REPORT = "no report"


@dataclass(frozen=True, slots=True)
class Cell:
    """The incidents of one kind in one row: how many, and the range of their figures."""

    incidents: int
    low: int | None
    high: int | None


@dataclass(frozen=True, slots=True)
class StatsRow:
    """One row of the statistics: its key values and, per kind, a cell (None: no report)."""

    key: tuple[str, ...]
    cells: dict[str, Cell] | None


def _value(entry: Entry, dim: str) -> str:
    if dim == "admin1":
        return region_label(entry.region)
    if dim == "day":
        return entry.date or "undated"
    return str(getattr(entry, dim))


def _days(since: str | None, until: str | None, seen: set[str]) -> list[str]:
    """Every day from the first to the last (given or seen), so gaps show as no report."""
    dated = sorted(d for d in seen if d != "undated")
    if not dated and not (since and until):
        return sorted(seen)
    first = date.fromisoformat(since or dated[0])
    last = date.fromisoformat(until or dated[-1])
    span = [(first + timedelta(n)).isoformat() for n in range((last - first).days + 1)]
    return span + (["undated"] if "undated" in seen else [])


def stats(entries: Sequence[Entry], by: Sequence[str], since: str | None = None,
          until: str | None = None, regions: Sequence[str] = ()) -> list[StatsRow]:
    """Rows for every combination of the `by` values seen (every day of the range for `day`).

    `regions` asked for by name get rows even when nothing was reported there.
    """
    return table(cells_by_key(entries, by), by, since, until, regions)


def cells_by_key(entries: Sequence[Entry], by: Sequence[str]) -> dict[tuple[str, ...], dict[str, Cell]]:
    """The cells of each combination of `by` values the entries have."""
    groups: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
    for en in entries:
        groups[tuple(_value(en, d) for d in by)].append(en)
    return {key: _cells(members) for key, members in groups.items()}


def table(cells: dict[tuple[str, ...], dict[str, Cell]], by: Sequence[str], since: str | None = None,
          until: str | None = None, regions: Sequence[str] = ()) -> list[StatsRow]:
    """Rows for every combination of the keys' values, with no report where `cells` has none.

    `cells` may come from entries (`cells_by_key`) or from the database's own grouping.
    """
    axes = [sorted({k[i] for k in cells}) for i in range(len(by))]
    if "admin1" in by and regions:
        i = list(by).index("admin1")
        axes[i] = sorted(set(axes[i]) | set(regions))
    if "day" in by:
        i = list(by).index("day")
        axes[i] = _days(since, until, set(axes[i]))
    return [StatsRow(key, cells.get(key)) for key in _product(axes)]


def add_cells(a: dict[str, Cell], b: dict[str, Cell]) -> dict[str, Cell]:
    """Two cell sets of one row added kind by kind (in the order of `Kind`)."""
    def plus(x: int | None, y: int | None) -> int | None:
        return y if x is None else x if y is None else x + y

    out = {}
    for kind in (str(k) for k in Kind):
        one, two = a.get(kind), b.get(kind)
        if one and two:
            out[kind] = Cell(one.incidents + two.incidents, plus(one.low, two.low), plus(one.high, two.high))
        elif one or two:
            out[kind] = one or two  # type: ignore[assignment]
    return out


def _product(axes: list[list[str]]) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = [()]
    for axis in axes:
        out = [k + (v,) for k in out for v in axis]
    return out


def _cells(entries: list[Entry]) -> dict[str, Cell]:
    by_kind: dict[str, list[Entry]] = defaultdict(list)
    for en in entries:
        by_kind[en.kind].append(en)
    cells = {}
    for kind in (str(k) for k in Kind):
        own = by_kind.get(kind, [])
        if not own:
            continue
        lows = [e.count_low for e in own if e.count_low is not None]
        highs = [e.count_high for e in own if e.count_high is not None]
        cells[kind] = Cell(len(own), sum(lows) if lows else None, sum(highs) if highs else None)
    return cells
