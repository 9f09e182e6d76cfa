"""Paged reads for the API: ledger incidents a page at a time, documents and disruptions.

The filters are the ledger's own (`reader._where`), so the API and the CLI select the
same incidents; this module adds offsets, totals, exclusions (incidents merged away by a
review) and the lists the CLI does not need. Every query is built with SQLAlchemy Core:
values are bound parameters, never pasted into SQL text.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, func, select

from skyledger.store.reader import ENTRY_COLUMNS, Entry, Filters, _where, part_of
from skyledger.store.tables import documents, extracted_disruptions, ledger_incidents


@dataclass(frozen=True, slots=True)
class Page:
    """One page of results and how many match in all."""

    total: int
    items: list[Any]


def _conditions(f: Filters, include: Collection[str] | None, exclude: Collection[str]) -> Any:
    li = ledger_incidents.c
    conds = _where(f)
    if include is not None:
        conds.append(li.id.in_(list(include)))
    if exclude:
        conds.append(li.id.notin_(list(exclude)))
    return and_(True, *conds)


def count_entries(conn: Connection, f: Filters, *, include: Collection[str] | None = None,
                  exclude: Collection[str] = ()) -> int:
    """How many ledger incidents match the filters (with `entry_page`'s include and exclude)."""
    where = _conditions(f, include, exclude)
    return int(conn.execute(select(func.count()).select_from(ledger_incidents).where(where)).scalar_one())


def entry_page(conn: Connection, f: Filters, limit: int, offset: int, *,
               include: Collection[str] | None = None, exclude: Collection[str] = (),
               total: int | None = None) -> Page:
    """Ledger incidents matching the filters (newest first), `limit` from `offset`.

    `include` restricts to those ids (None: no restriction), `exclude` leaves ids out.
    `total` is the count when the caller knows it already (it is counted otherwise).
    """
    li = ledger_incidents.c
    where = _conditions(f, include, exclude)
    if total is None:
        total = count_entries(conn, f, include=include, exclude=exclude)
    rows = conn.execute(select(*[li[n] for n in ENTRY_COLUMNS]).where(where)
                        .order_by(li.date.desc().nulls_last(), li.region, li.id)
                        .limit(limit).offset(offset)).mappings().all()
    parents = part_of(conn, [r["id"] for r in rows])
    return Page(total, [Entry(**r, part_of=parents.get(r["id"])) for r in rows])


def all_entries(conn: Connection, f: Filters, *, include: Collection[str] | None = None,
                exclude: Collection[str] = ()) -> list[Entry]:
    """Every ledger incident matching the filters, without their `part_of` links."""
    li = ledger_incidents.c
    rows = conn.execute(select(*[li[n] for n in ENTRY_COLUMNS]).where(_conditions(f, include, exclude))
                        .order_by(li.date.desc().nulls_last(), li.region, li.id)).mappings().all()
    return [Entry(**r) for r in rows]


DOCUMENT_COLUMNS = ("content_hash", "doc_id", "source", "post_id", "version", "is_latest", "lang",
                    "published", "edited", "url", "title", "author", "n_incidents", "n_disruptions")


def document_page(conn: Connection, limit: int, offset: int, *, lang: str | None = None,
                  source: str | None = None) -> Page:
    """Stored documents (without their text), newest publication first."""
    d = documents.c
    conds = [True]
    if lang:
        conds.append(d.lang == lang)
    if source:
        conds.append(d.source == source)
    where = and_(*conds)
    total = conn.execute(select(func.count()).select_from(documents).where(where)).scalar_one()
    rows = conn.execute(select(*[d[c] for c in DOCUMENT_COLUMNS]).where(where)
                        .order_by(d.published.desc().nulls_last(), d.content_hash)
                        .limit(limit).offset(offset)).mappings().all()
    return Page(total, [dict(r) for r in rows])


DISRUPTION_COLUMNS = ("kind", "airports", "diverted_to", "country", "admin1", "admin1_name", "admin2",
                      "place", "water_body", "lat", "lon", "precision", "date", "start", "end",
                      "time_precision", "evidence")


def disruption_page(conn: Connection, limit: int, offset: int, *, since: str | None = None,
                    until: str | None = None, admin1: Collection[str] = (), kind: Collection[str] = ()) -> Page:
    """Disruptions reported by the latest version of each document, newest first."""
    x, d = extracted_disruptions.c, documents.c
    conds = [d.is_latest.is_(True)]
    if since:
        conds.append(x.date >= since)
    if until:
        conds.append(x.date <= until)
    if admin1:
        conds.append(x.admin1.in_(list(admin1)))
    if kind:
        conds.append(x.kind.in_(list(kind)))
    where = and_(*conds)
    joined = extracted_disruptions.join(documents, d.id == x.document_id)
    total = conn.execute(select(func.count()).select_from(joined).where(where)).scalar_one()
    rows = conn.execute(select(x.id, *[x[c] for c in DISRUPTION_COLUMNS], d.content_hash, d.doc_id,
                               d.source, d.published).select_from(joined).where(where)
                        .order_by(x.date.desc().nulls_last(), x.id).limit(limit).offset(offset)).mappings().all()
    return Page(total, [dict(r) for r in rows])
