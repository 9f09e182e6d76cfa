"""Writing one document into the ledger, all in the caller's transaction.

The document, its extracted incidents and disruptions and the re-resolved partitions it
touches are written together: a document is either wholly stored, with the ledger updated
for it, or not at all. A content hash already stored means nothing is written.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, update

from skyledger.model import Document, Extraction
from skyledger.resolve import LedgerIncident, Report, reports_of, resolve
from skyledger.store.aliases import record_renames
from skyledger.store.rows import disruption_row, document_row, incident_row, ledger_row, to_report
from skyledger.store.tables import (
    documents, extracted_disruptions, extracted_incidents, ledger_incidents, ledger_members,
)

Partition = tuple[str, "str | None"]


@dataclass(frozen=True, slots=True)
class Written:
    """What storing one document did: was it new, and which ledger incidents changed."""

    new: bool
    created: frozenset[str] = frozenset()
    updated: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()


def is_known(conn: Connection, content_hash: str) -> bool:
    """True when a document with this content hash is already stored."""
    return conn.execute(select(documents.c.id).where(documents.c.content_hash == content_hash)).first() is not None


def add_document(conn: Connection, doc: Document, extraction: Extraction) -> Written:
    """Store a document with its extraction and update the ledger partitions it touches."""
    if is_known(conn, doc.content_hash):
        return Written(new=False)
    doc_pk = conn.execute(insert(documents).values(
        document_row(doc, len(extraction.incidents), len(extraction.disruptions)))).inserted_primary_key[0]
    reports = reports_of(doc, extraction)
    if reports:
        conn.execute(insert(extracted_incidents), [{**incident_row(r), "document_id": doc_pk} for r in reports])
    if extraction.disruptions:
        conn.execute(insert(extracted_disruptions),
                     [{**disruption_row(d), "document_id": doc_pk} for d in extraction.disruptions])
    touched = {(r.region, r.incident.time.date) for r in reports}
    touched |= _order_versions(conn, doc)
    return _refresh(conn, touched)


def _order_versions(conn: Connection, doc: Document) -> set[Partition]:
    """Number the versions of one post (same source and post id); only the latest is live.

    Versions are ordered by edit time, then publication time, then hash, so the outcome
    does not depend on which version arrived first. Returns the partitions whose live
    reports changed.
    """
    if doc.post_id is None or doc.source is None:
        return set()
    d = documents.c
    rows = conn.execute(select(d.id, d.edited, d.published, d.content_hash, d.is_latest).where(
        and_(d.source == doc.source, d.post_id == doc.post_id))).all()
    if len(rows) < 2:
        return set()
    ordered = sorted(rows, key=lambda r: (r.edited or "", r.published or "", r.content_hash))
    changed: set[int] = set()
    for n, row in enumerate(ordered, start=1):
        latest = n == len(ordered)
        conn.execute(update(documents).where(d.id == row.id).values(version=n, is_latest=latest))
        if bool(row.is_latest) != latest:
            changed.add(row.id)
    if not changed:
        return set()
    e = extracted_incidents.c
    return {(r.region, r.date) for r in conn.execute(
        select(e.region, e.date).where(e.document_id.in_(changed)))}


def _partition_where(table, partitions: list[Partition]):  # type: ignore[no-untyped-def]
    """Rows of `table` in any of the partitions."""
    return or_(*[and_(table.c.region == region, table.c.date.is_(None) if date is None else table.c.date == date)
                 for region, date in partitions])


def _refresh(conn: Connection, touched: Iterable[Partition]) -> Written:
    """Re-resolve partitions from their live reports and replace their changed ledger rows.

    A fixed number of statements whatever the number of partitions (besides PostgreSQL's
    partition locks): one read of the reports, one of the stored ledger, then deletes and
    inserts of what changed.
    """
    partitions = sorted(set(touched), key=lambda p: (p[0], p[1] or ""))
    if not partitions:
        return Written(True)
    _lock(conn, partitions)
    e, d = extracted_incidents.c, documents.c
    rows = conn.execute(
        select(extracted_incidents, d.content_hash, d.doc_id, d.published, d.source)
        .join(documents, d.id == e.document_id)
        .where(_partition_where(extracted_incidents, partitions), d.is_latest.is_(True))
    ).mappings().all()
    pk_of = {row["report_key"]: row["id"] for row in rows}
    reports: dict[Partition, list[Report]] = defaultdict(list)
    for row in rows:
        reports[(row["region"], row["date"])].append(to_report(row))
    new = [li for region, date in partitions for li in resolve(region, date, reports.get((region, date), []))]
    old = _members_by_ledger(conn, partitions)
    fresh = {li.id: frozenset((m.report_key, m.rule, m.reason) for m in li.members) for li in new}
    keep = {lid for lid, members in fresh.items() if old.get(lid) == members}
    stale = [lid for lid in old if lid not in keep]
    record_renames(conn, {lid: members for lid, members in old.items() if lid not in fresh}, fresh)
    if stale:
        conn.execute(delete(ledger_members).where(ledger_members.c.ledger_id.in_(stale)))
        conn.execute(delete(ledger_incidents).where(ledger_incidents.c.id.in_(stale)))
    _insert_ledger(conn, [li for li in new if li.id not in keep], pk_of)
    return Written(True, frozenset(fresh.keys() - old.keys()),
                   frozenset((fresh.keys() & old.keys()) - keep), frozenset(old.keys() - fresh.keys()))


def _lock(conn: Connection, partitions: list[Partition]) -> None:
    """On PostgreSQL, hold a lock per partition until commit, so concurrent ingests that
    touch one partition resolve it one after the other (each seeing the other's reports).

    SQLite needs none: it has a single writer.
    """
    if conn.dialect.name != "postgresql":
        return
    for region, date in partitions:  # sorted, so two writers never wait on each other in a cycle
        digest = hashlib.blake2b(f"{region}|{date}".encode(), digest_size=8).digest()
        conn.execute(select(func.pg_advisory_xact_lock(int.from_bytes(digest, "big", signed=True))))


def _members_by_ledger(conn: Connection, partitions: list[Partition]) -> dict[str, frozenset]:  # type: ignore[type-arg]
    """The stored ledger incidents of the partitions with their (report, rule, reason) members."""
    li, m, e = ledger_incidents.c, ledger_members.c, extracted_incidents.c
    query = (select(li.id, e.report_key, m.rule, m.reason)
             .select_from(ledger_incidents.outerjoin(ledger_members, m.ledger_id == li.id)
                          .outerjoin(extracted_incidents, e.id == m.incident_id))
             .where(_partition_where(ledger_incidents, partitions)))
    out: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for row in conn.execute(query):
        members = out[row.id]
        if row.report_key is not None:
            members.add((row.report_key, row.rule, row.reason))
    return {k: frozenset(v) for k, v in out.items()}


def _insert_ledger(conn: Connection, incidents: list[LedgerIncident], pk_of: dict[str, int]) -> None:
    if not incidents:
        return
    conn.execute(insert(ledger_incidents), [ledger_row(li) for li in incidents])
    conn.execute(insert(ledger_members), [
        {"ledger_id": li.id, "incident_id": pk_of[m.report_key], "rule": m.rule, "reason": m.reason}
        for li in incidents for m in li.members])
