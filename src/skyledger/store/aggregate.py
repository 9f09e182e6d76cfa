"""Statistics grouped by the database: incidents and summed figures per key and kind.

`report.stats` builds the same cells from entries in Python; on a ledger of a million
incidents that means loading them all, so the API asks the database to group instead and
only the few incidents a review corrected are grouped in Python (`serve.service`). The
filters and exclusions are the listing's own (`pages._conditions`), so both select alike.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import Connection, func, select

from skyledger.report.stats import Cell, add_cells
from skyledger.resolve import region_label
from skyledger.store.pages import _conditions
from skyledger.store.reader import Filters
from skyledger.store.tables import ledger_incidents

_li = ledger_incidents.c
COLUMNS = {"admin1": _li.region, "day": _li.date, "kind": _li.kind, "weapon": _li.weapon}


def _label(dim: str, value: str | None) -> str:
    if dim == "admin1":
        return region_label(value or "")
    if dim == "day":
        return value or "undated"
    return str(value)


def grouped_cells(conn: Connection, f: Filters, by: Sequence[str], *, include: Collection[str] | None = None,
                  exclude: Collection[str] = ()) -> dict[tuple[str, ...], dict[str, Cell]]:
    """Per combination of `by` values, per kind: the incidents matching `f` and their figures.

    Equal to `report.stats.cells_by_key` over the same entries; SUM skips unknown figures
    and is NULL when every figure is unknown, as the Python sums are.
    """
    names = list(dict.fromkeys([*by, "kind"]))
    query = (select(*[COLUMNS[n] for n in names], func.count(), func.sum(_li.count_low), func.sum(_li.count_high))
             .where(_conditions(f, include, exclude)).group_by(*[COLUMNS[n] for n in names]))
    out: dict[tuple[str, ...], dict[str, Cell]] = {}
    for row in conn.execute(query):
        values = dict(zip(names, row))
        key = tuple(_label(d, values[d]) for d in by)
        n, low, high = row[len(names):]
        cell = {str(values["kind"]): Cell(int(n), None if low is None else int(low),
                                          None if high is None else int(high))}
        out[key] = add_cells(out.get(key, {}), cell)
    return out
