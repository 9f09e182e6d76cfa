"""Reading the ledger: filtered lists of ledger incidents and one incident with its sources."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, fields

from sqlalchemy import Connection, and_, exists, or_, select
from sqlalchemy.sql import ColumnElement

from skyledger.model import Document, Extraction, Incident
from skyledger.resolve import SourceFigure
from skyledger.resolve.model import LedgerFields
from skyledger.resolve.merge import source_figures
from skyledger.store.rows import to_disruption, to_document, to_incident, to_report
from skyledger.store.tables import (
    documents, extracted_disruptions, extracted_incidents, ledger_incidents, ledger_members,
)


@dataclass(frozen=True, slots=True)
class Filters:
    """What to list: a date range (inclusive ISO dates) and values to match.

    `claimant` and `text` are case-insensitive substrings (ASCII case only on SQLite):
    `claimant` of any source's claimant, `text` of any evidence sentence or the place name.
    """

    since: str | None = None
    until: str | None = None
    admin1: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    weapon: tuple[str, ...] = ()
    certainty: tuple[str, ...] = ()
    claimant: str | None = None
    text: str | None = None
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class Entry(LedgerFields):
    """One ledger incident as listed: its stored fields, source counts and the total it is part of."""

    n_sources: int
    n_members: int
    part_of: str | None = None


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One extracted incident inside a ledger incident, and why it is there."""

    incident: Incident
    rule: str
    reason: str


@dataclass(frozen=True, slots=True)
class Source:
    """One document's contribution to a ledger incident: its figure, lines and evidence."""

    document: Document
    figure: SourceFigure
    lines: tuple[SourceLine, ...]


@dataclass(frozen=True, slots=True)
class Detail:
    """A ledger incident with every source side by side and the incidents it totals."""

    entry: Entry
    sources: tuple[Source, ...]
    parts: tuple[str, ...] = field(default=())


ENTRY_COLUMNS = [f.name for f in fields(Entry) if f.name != "part_of"]


def _where(f: Filters) -> list[ColumnElement[bool]]:
    li, m, e = ledger_incidents.c, ledger_members.c, extracted_incidents.c
    conds: list[ColumnElement[bool]] = []
    if f.since:
        conds.append(li.date >= f.since)
    if f.until:
        conds.append(li.date <= f.until)
    for col, values in ((li.admin1, f.admin1), (li.kind, f.kind), (li.weapon, f.weapon),
                        (li.certainty, f.certainty)):
        if values:
            conds.append(col.in_(values))
    member = select(m.incident_id).join(extracted_incidents, e.id == m.incident_id).where(m.ledger_id == li.id)
    if f.claimant:
        pat = f"%{f.claimant}%"
        conds.append(exists(member.where(or_(e.claimant_name.ilike(pat), e.claimant_role.ilike(pat),
                                                 e.claimant_organization.ilike(pat)))))
    if f.text:
        pat = f"%{f.text}%"
        conds.append(or_(li.place.ilike(pat), li.admin1_name.ilike(pat),
                         exists(member.where(e.evidence_text.ilike(pat)))))
    return conds


def list_entries(conn: Connection, f: Filters = Filters()) -> list[Entry]:
    """Ledger incidents matching the filters, newest date first, then by region and id."""
    li = ledger_incidents.c
    query = (select(*[li[n] for n in ENTRY_COLUMNS]).where(and_(True, *_where(f)))
             .order_by(li.date.desc().nulls_last(), li.region, li.id))
    if f.limit is not None:
        query = query.limit(f.limit)
    rows = conn.execute(query).mappings().all()
    parents = part_of(conn, [r["id"] for r in rows])
    return [Entry(**r, part_of=parents.get(r["id"])) for r in rows]



# Built once: aliasing copies every column, which costs more than the query on a page of 50.
_LINK_ALIASES = (ledger_members.alias("m1"), ledger_members.alias("m2"), extracted_incidents.alias("e1"),
                 extracted_incidents.alias("e2"))


def _links(conn: Connection, ids: Sequence[str], *, of_children: bool) -> list[tuple[str, str]]:
    """(child, parent) pairs of ledger incidents whose members are items of another's total.

    With `of_children`, `ids` are children and their parents are found; otherwise the
    reverse. The link runs through the documents: an item's `part_of` names its total.
    """
    m1, m2, e1, e2 = _LINK_ALIASES
    side = m1.c.ledger_id if of_children else m2.c.ledger_id
    pairs: list[tuple[str, str]] = []
    for i in range(0, len(ids), 500):
        query = (select(m1.c.ledger_id, m2.c.ledger_id)
                 .join(e1, e1.c.id == m1.c.incident_id)
                 .join(e2, and_(e2.c.document_id == e1.c.document_id, e2.c.local_id == e1.c.part_of))
                 .join(m2, m2.c.incident_id == e2.c.id)
                 .where(side.in_(ids[i:i + 500]), m2.c.ledger_id != m1.c.ledger_id))
        pairs.extend((child, parent) for child, parent in conn.execute(query))
    return pairs


def part_of(conn: Connection, ids: Sequence[str]) -> dict[str, str]:
    """For each ledger id, the ledger incident whose total its members are items of."""
    out: dict[str, str] = {}
    for child, parent in _links(conn, ids, of_children=True):
        out[child] = min(parent, out.get(child, parent))
    return out


def details(conn: Connection, entries: Sequence[Entry]) -> list[Detail]:
    """Each entry with its sources (documents, figures, lines with evidence) and parts."""
    if not entries:
        return []
    m, e, d = ledger_members.c, extracted_incidents.c, documents.c
    ids = [en.id for en in entries]
    rows = conn.execute(
        select(m.ledger_id, m.rule, m.reason, extracted_incidents, documents.c.content_hash, d.doc_id,
               d.published, d.source, d.text, d.lang, d.url, d.title, d.author, d.post_id, d.edited)
        .join(extracted_incidents, e.id == m.incident_id).join(documents, d.id == e.document_id)
        .where(m.ledger_id.in_(ids)).order_by(m.ledger_id, d.content_hash, e.id)).mappings().all()
    by_ledger: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
    for row in rows:
        by_ledger[row["ledger_id"]].append(row)
    children: dict[str, list[str]] = defaultdict(list)
    for child, parent in sorted(set(_links(conn, ids, of_children=False))):
        children[parent].append(child)
    return [Detail(en, _sources(by_ledger[en.id]), tuple(sorted(set(children[en.id])))) for en in entries]


def _sources(rows: list) -> tuple[Source, ...]:  # type: ignore[type-arg]
    by_doc: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
    for row in rows:
        by_doc[row["content_hash"]].append(row)
    sources = []
    for _, own in sorted(by_doc.items()):
        reports = [to_report(r) for r in own]
        figure = source_figures(reports)[0]
        lines = tuple(SourceLine(rep.incident, r["rule"], r["reason"]) for rep, r in zip(reports, own))
        sources.append(Source(to_document(own[0]), figure, lines))
    return tuple(sorted(sources, key=lambda s: (s.document.published or "~", s.document.content_hash)))


def get_detail(conn: Connection, ledger_id: str) -> Detail | None:
    """One ledger incident with its sources, or None when there is no such id."""
    li = ledger_incidents.c
    row = conn.execute(select(*[li[n] for n in ENTRY_COLUMNS]).where(li.id == ledger_id)).mappings().first()
    if row is None:
        return None
    entry = Entry(**row, part_of=part_of(conn, [ledger_id]).get(ledger_id))
    return details(conn, [entry])[0]


def get_document(conn: Connection, content_hash: str) -> tuple[Document, Extraction] | None:
    """A stored document and its extraction as stored, or None."""
    row = conn.execute(select(documents).where(documents.c.content_hash == content_hash)).mappings().first()
    if row is None:
        return None
    e, dis = extracted_incidents.c, extracted_disruptions.c
    incidents = conn.execute(select(extracted_incidents).where(e.document_id == row["id"])
                             .order_by(e.id)).mappings().all()
    disruptions = conn.execute(select(extracted_disruptions).where(dis.document_id == row["id"])
                               .order_by(dis.id)).mappings().all()
    doc = to_document(row)
    return doc, Extraction(doc.id, doc.lang, doc.published, tuple(to_incident(r) for r in incidents),
                           tuple(to_disruption(r) for r in disruptions))
