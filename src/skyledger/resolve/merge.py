"""A group of reports becomes a ledger incident: identity, place, figures and reasons.

Each document keeps its own figure (a total if it gave one, otherwise the sum of its own
lines); the ledger's figure is the range of those figures, never their sum.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

from skyledger.model import Certainty, Claimant, Role
from skyledger.resolve.match import Group
from skyledger.resolve.model import LedgerIncident, Member, Report, SourceFigure
from skyledger.resolve.partition import SEA, is_nationwide, region_label

STRENGTH = (Certainty.CONFIRMED, Certainty.CLAIMED, Certainty.REPORTED, Certainty.SPECULATIVE)


def anchor_of(reports: Iterable[Report]) -> Report:
    """The report that names a ledger incident: the earliest published, then the lowest key."""
    return min(reports, key=lambda r: (r.published or "~", r.doc_hash, r.key))


def ledger_id(region: str, date: str | None, anchor: Report) -> str:
    """A readable, stable id: region, date and a digest of the anchor report's key."""
    if region.startswith(SEA):
        place = "-".join(region[len(SEA):].lower().split())
    elif is_nationwide(region):
        place = region.split(":", 1)[1].replace("?", "XX") + "-ALL"
    else:
        place = region
    digest = hashlib.sha1(anchor.key.encode("utf-8", "surrogatepass")).hexdigest()[:6]
    return f"{place}-{(date or 'undated').replace('-', '')}-{digest}"


def to_ledger(region: str, date: str | None, group: Group) -> LedgerIncident:
    """The ledger incident of one group of reports."""
    reports = sorted(group.reports, key=lambda r: r.key)
    anchor = anchor_of(reports)
    incs = [r.incident for r in reports]
    finest = min(incs, key=lambda i: (i.location.precision or 9, i.location.place or "~"))
    figures = source_figures(reports)
    counts = [f.count for f in figures if f.count is not None]
    killed = _per_source(reports, "killed")
    injured = _per_source(reports, "injured")
    starts = sorted(i.time.start for i in incs if i.time.start)
    ends = sorted(i.time.end for i in incs if i.time.end)
    loc = finest.location
    return LedgerIncident(
        id=ledger_id(region, date, anchor), region=region, date=date,
        kind=anchor.incident.kind, weapon=group.weapon,
        country=next((i.location.country for i in incs if i.location.country), None),
        admin1=loc.admin1, admin1_name=next((i.location.admin1_name for i in incs if i.location.admin1_name), None),
        water_body=loc.water_body, place=loc.place or loc.admin2, lat=loc.lat, lon=loc.lon,
        precision=loc.precision, start=starts[0] if starts else None, end=ends[-1] if ends else None,
        count_low=min(counts, default=None), count_high=max(counts, default=None),
        killed_low=min(killed, default=None), killed_high=max(killed, default=None),
        injured_low=min(injured, default=None), injured_high=max(injured, default=None),
        certainty=min((i.certainty for i in incs), key=STRENGTH.index),
        members=tuple(_member(r, anchor, region, date, group) for r in reports),
        figures=figures,
    )


def _per_source(reports: list[Report], field: str) -> list[int]:
    """Each document's own casualty figure (its largest: a total covers its lines)."""
    own: dict[str, int] = {}
    for r in reports:
        value = getattr(r.incident.casualties, field)
        if value is not None:
            own[r.doc_hash] = max(value, own.get(r.doc_hash, value))
    return list(own.values())


def _member(r: Report, anchor: Report, region: str, date: str | None, group: Group) -> Member:
    """Why one report belongs to its ledger incident."""
    extra = group.rules.get(r.key)
    note = f"; {extra}" if extra else ""
    if r.key == anchor.key:
        return Member(r.key, "anchor", "earliest report of this incident" + note)
    if r.doc_hash == anchor.doc_hash:
        return Member(r.key, "same-document", "another line of the same report, same region and date" + note)
    where = region_label(region)
    parts = [f"same region ({where})", f"same date ({date})",
             f"same kind ({r.incident.kind})", f"compatible weapon ({group.weapon})"]
    rule = "region-date-kind-weapon"
    if extra:
        parts.append(extra)
        rule += "+window" if "overlap" in extra else "+weapon" if "weapon" in extra else "+no-window"
    return Member(r.key, rule, "; ".join(parts))


def source_figures(reports: list[Report]) -> tuple[SourceFigure, ...]:
    """Each document's own figure: its total if it gives one, else the sum of its lines."""
    by_doc: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        by_doc[r.doc_hash].append(r)
    figures = []
    for doc_hash in sorted(by_doc):
        own = sorted(by_doc[doc_hash], key=lambda r: r.key)
        incs = [r.incident for r in own]
        totals = [i for i in incs if i.role is Role.TOTAL and i.count is not None]
        lines = totals or [i for i in incs if i.count is not None]
        count = max(i.count for i in totals) if totals else (sum(i.count for i in lines) if lines else None)  # type: ignore[misc]
        quals = sorted({i.count_qualifier for i in lines if i.count_qualifier})
        qualifier = next((q for q in quals if q != "exact"), quals[0] if quals else None)
        lead = min(incs, key=lambda i: STRENGTH.index(i.certainty))
        figures.append(SourceFigure(doc_hash, own[0].doc_id, own[0].source, claimant_text(lead.claimant),
                                    count, qualifier, lead.certainty))
    return tuple(figures)


def claimant_text(claimant: Claimant | None) -> str | None:
    """Who makes the claim, as one line ("governor", "ministry (Russian Ministry of Defence)")."""
    if claimant is None:
        return None
    who = " ".join(x for x in (claimant.role, claimant.name) if x)
    if claimant.organization:
        who = f"{who} ({claimant.organization})" if who else claimant.organization
    return who or None
