"""Conversions between the model's dataclasses and table rows (plain dicts), both ways.

Every field of an Incident or Disruption has a column, so a stored extraction reads back
equal to what was stored (a property test checks it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from skyledger.model import (
    Casualties, Certainty, Claimant, Damage, DamageKind, Disruption, DisruptionKind, Document,
    Incident, Interceptor, Kind, Location, Qualifier, Role, Span, TimeInfo, Weapon,
)
from skyledger.resolve import LedgerIncident, Report
from skyledger.resolve.model import LedgerFields

LOCATION = ("country", "admin1", "admin1_name", "admin2", "place", "water_body", "lat", "lon", "precision")


def _spans(spans: tuple[Span, ...]) -> list[dict[str, Any]]:
    return [{"start": s.start, "end": s.end, "text": s.text} for s in spans]


def _from_spans(data: list[dict[str, Any]]) -> tuple[Span, ...]:
    return tuple(Span(d["start"], d["end"], d["text"]) for d in data)


def _location(loc: Location) -> dict[str, Any]:
    return {name: getattr(loc, name) for name in LOCATION}


def _time(t: TimeInfo) -> dict[str, Any]:
    return {"date": t.date, "start": t.start, "end": t.end, "time_precision": t.precision}


def document_row(doc: Document, n_incidents: int, n_disruptions: int) -> dict[str, Any]:
    """The `documents` row of a document (version fields are set by the writer)."""
    return {
        "content_hash": doc.content_hash, "doc_id": doc.id, "source": doc.source, "post_id": doc.post_id,
        "version": 1, "is_latest": True, "lang": doc.lang, "published": doc.published,
        "edited": doc.edited, "url": doc.url, "title": doc.title, "author": doc.author,
        "text": doc.text, "n_incidents": n_incidents, "n_disruptions": n_disruptions,
    }


def to_document(row: Mapping[str, Any]) -> Document:
    """The document of a `documents` row."""
    return Document(id=row["doc_id"], text=row["text"], lang=row["lang"], published=row["published"],
                    url=row["url"], source=row["source"], content_hash=row["content_hash"],
                    title=row["title"], author=row["author"], post_id=row["post_id"], edited=row["edited"])


def incident_row(report: Report) -> dict[str, Any]:
    """The `extracted_incidents` row of one report (without its document id)."""
    inc = report.incident
    c = inc.claimant
    return {
        "report_key": report.key, "local_id": inc.id, "region": report.region,
        "kind": str(inc.kind), "weapon": str(inc.weapon), "weapon_detail": inc.weapon_detail,
        "count": inc.count, "count_qualifier": None if inc.count_qualifier is None else str(inc.count_qualifier),
        "role": str(inc.role), "part_of": inc.part_of,
        **_location(inc.location), **_time(inc.time),
        "killed": inc.casualties.killed, "injured": inc.casualties.injured,
        "damage_reported": inc.damage.reported, "damage_kinds": [str(k) for k in inc.damage.kinds],
        "target": inc.target,
        "claimant_name": c.name if c else None, "claimant_role": c.role if c else None,
        "claimant_organization": c.organization if c else None,
        "certainty": str(inc.certainty), "evidence": _spans(inc.evidence),
        "evidence_text": "\n".join(s.text for s in inc.evidence),
        "interceptor": None if inc.interceptor is None else {
            "detail": inc.interceptor.detail, "certainty": str(inc.interceptor.certainty),
            "evidence": _spans(inc.interceptor.evidence)},
    }


def to_incident(row: Mapping[str, Any]) -> Incident:
    """The incident of an `extracted_incidents` row."""
    has_claimant = any(row[k] is not None for k in ("claimant_name", "claimant_role", "claimant_organization"))
    icp = row["interceptor"]
    return Incident(
        id=row["local_id"], kind=Kind(row["kind"]), weapon=Weapon(row["weapon"]), count=row["count"],
        role=Role(row["role"]), location=Location(**{k: row[k] for k in LOCATION}),
        time=TimeInfo(row["date"], row["start"], row["end"], row["time_precision"]),
        weapon_detail=row["weapon_detail"],
        count_qualifier=None if row["count_qualifier"] is None else Qualifier(row["count_qualifier"]),
        part_of=row["part_of"], casualties=Casualties(row["killed"], row["injured"]),
        damage=Damage(row["damage_reported"], tuple(DamageKind(k) for k in row["damage_kinds"])),
        target=row["target"],
        claimant=Claimant(row["claimant_name"], row["claimant_role"], row["claimant_organization"])
        if has_claimant else None,
        certainty=Certainty(row["certainty"]), evidence=_from_spans(row["evidence"]),
        interceptor=None if icp is None else Interceptor(icp["detail"], Certainty(icp["certainty"]),
                                                          _from_spans(icp["evidence"])),
    )


def to_report(row: Mapping[str, Any]) -> Report:
    """The report of an `extracted_incidents` row joined with its document's columns."""
    return Report(key=row["report_key"], doc_hash=row["content_hash"], doc_id=row["doc_id"],
                  published=row["published"], source=row["source"], region=row["region"],
                  incident=to_incident(row))


def disruption_row(d: Disruption) -> dict[str, Any]:
    """The `extracted_disruptions` row of one disruption (without its document id)."""
    return {"local_id": d.id, "kind": str(d.kind), "airports": list(d.airports),
            "diverted_to": list(d.diverted_to), **_location(d.location), **_time(d.time),
            "evidence": _spans(d.evidence)}


def to_disruption(row: Mapping[str, Any]) -> Disruption:
    """The disruption of an `extracted_disruptions` row."""
    return Disruption(id=row["local_id"], kind=DisruptionKind(row["kind"]),
                      location=Location(**{k: row[k] for k in LOCATION}),
                      time=TimeInfo(row["date"], row["start"], row["end"], row["time_precision"]),
                      airports=tuple(row["airports"]), diverted_to=tuple(row["diverted_to"]),
                      evidence=_from_spans(row["evidence"]))


def ledger_row(li: LedgerIncident) -> dict[str, Any]:
    """The `ledger_incidents` row of a ledger incident."""
    values = {f.name: getattr(li, f.name) for f in fields(LedgerFields)}
    return {**values, "kind": str(li.kind), "weapon": str(li.weapon), "certainty": str(li.certainty),
            "n_sources": len(li.figures), "n_members": len(li.members)}
