"""Indexes that serve the API's reads on a large ledger (migration 0004).

- `ix_ledger_incidents_newest`: the listing order (newest date first, nulls last, then region
  and id), so a first page is read off the index instead of sorting the whole table; its
  trailing columns (kind, weapon, figures) cover the statistics' grouping over a date range.
- `ix_ledger_incidents_admin1_newest`: one region in the listing order, for a region's pages,
  counts and statistics.

They are declared on the `ledger_incidents` table here, beside the ledger's own schema
(`tables.py`), so that the migrations and the metadata stay equal (a test compares them).
SQLite keeps NULLs last in a descending index already and does not accept `NULLS LAST` in
`CREATE INDEX`, so its DDL leaves the words out.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Index
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.schema import CreateIndex

from skyledger.store.tables import ledger_incidents

_li = ledger_incidents.c

NEWEST = Index("ix_ledger_incidents_newest", _li.date.desc().nulls_last(), _li.region, _li.id, _li.kind,
               _li.weapon, _li.count_low, _li.count_high)
ADMIN1_NEWEST = Index("ix_ledger_incidents_admin1_newest", _li.admin1, _li.date.desc().nulls_last(), _li.region,
                      _li.id)


@compiles(CreateIndex, "sqlite")
def _sqlite_create_index(create: CreateIndex, compiler: Any, **kw: Any) -> str:
    return str(compiler.visit_create_index(create, **kw)).replace(" NULLS LAST", "")
