"""What resolution works on and what it produces: reports in, ledger incidents out.

A `Report` is one extracted incident together with the document it came from; a
`LedgerIncident` is one real-world incident made of the reports of many documents. Both are
plain frozen data: resolution is a pure function from a set of reports to ledger incidents.
"""

from __future__ import annotations

from dataclasses import dataclass

from skyledger.model import Certainty, Incident, Qualifier


@dataclass(frozen=True, slots=True)
class Report:
    """One extracted incident with its provenance.

    `key` is stable across runs and machines (document content hash + the incident's id in
    the document), so ledger identities derived from it do not depend on ingestion order.
    `region` is the partition's place key (see `partition.region_key`).
    """

    key: str
    doc_hash: str
    doc_id: str
    published: str | None
    source: str | None
    region: str
    incident: Incident


@dataclass(frozen=True, slots=True)
class Member:
    """A report inside a ledger incident, and why it is there."""

    report_key: str
    rule: str
    reason: str


@dataclass(frozen=True, slots=True)
class SourceFigure:
    """One document's own figure for a ledger incident, with who said it."""

    doc_hash: str
    doc_id: str
    source: str | None
    claimant: str | None
    count: int | None
    qualifier: Qualifier | None
    certainty: Certainty


@dataclass(frozen=True, slots=True)
class LedgerFields:
    """What a ledger incident says: place, night, kind, weapon, window and figure ranges.

    `count_low`/`count_high` span the figures the sources give; they are never summed
    across sources. Kind, weapon and certainty hold the contract's strings.
    """

    id: str
    region: str
    date: str | None
    kind: str
    weapon: str
    country: str | None
    admin1: str | None
    admin1_name: str | None
    water_body: str | None
    place: str | None
    lat: float | None
    lon: float | None
    precision: int | None
    start: str | None
    end: str | None
    count_low: int | None
    count_high: int | None
    killed_low: int | None
    killed_high: int | None
    injured_low: int | None
    injured_high: int | None
    certainty: str


@dataclass(frozen=True, slots=True)
class LedgerIncident(LedgerFields):
    """One real-world incident as resolution makes it: its fields, members and figures."""

    members: tuple[Member, ...]
    figures: tuple[SourceFigure, ...]
