"""Resolution: reports of one incident from many documents become one ledger incident.

Pure functions only. `reports_of` turns one stored document's extraction into reports;
`resolve` turns the reports of one (region, date) partition into ledger incidents. The
store calls `resolve` again for every partition a new document touches, so the ledger is
always the same function of the set of documents, whatever their order.
"""

from __future__ import annotations

from collections.abc import Iterable

from skyledger.model import Document, Extraction
from skyledger.resolve.match import group_partition
from skyledger.resolve.merge import claimant_text, to_ledger
from skyledger.resolve.model import LedgerIncident, Member, Report, SourceFigure
from skyledger.resolve.partition import country_hints, is_nationwide, region_key, region_label

__all__ = ["LedgerIncident", "Member", "Report", "SourceFigure", "claimant_text", "is_nationwide",
           "region_label", "report_key", "reports_of", "resolve"]


def report_key(content_hash: str, incident_id: str) -> str:
    """The stable key of one extracted incident: its document's hash and its id there."""
    return f"{content_hash}#{incident_id.rsplit('#', 1)[-1]}"


def reports_of(document: Document, extraction: Extraction) -> list[Report]:
    """The reports of one document, each placed in its partition's region."""
    hints = country_hints(extraction.incidents)
    return [
        Report(key=report_key(document.content_hash, inc.id), doc_hash=document.content_hash,
               doc_id=document.id, published=document.published, source=document.source,
               region=region_key(inc, hints.get(inc.id)), incident=inc)
        for inc in extraction.incidents
    ]


def resolve(region: str, date: str | None, reports: Iterable[Report]) -> list[LedgerIncident]:
    """The ledger incidents of one partition, sorted by id; the same for any input order."""
    groups = group_partition(region, date, list(reports))
    return sorted((to_ledger(region, date, g) for g in groups), key=lambda li: li.id)
