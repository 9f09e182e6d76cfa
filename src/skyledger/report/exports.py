"""Export rows: every ledger incident with its figures, sources and evidence.

`flat_row` is one row for CSV, Parquet and GeoJSON properties; `nested` is the full
record for JSONL; `acled_row` uses ACLED's column names plus skyledger's own columns.
Every shape carries the evidence sentences.
"""

from __future__ import annotations

from typing import Any

from skyledger.contract import incident_to_dict
from skyledger.model import Kind, Weapon
from skyledger.report.figures import figure_text, said_by, source_figure_text
from skyledger.resolve import region_label
from skyledger.store import Detail

FLAT_COLUMNS = (
    "id", "date", "region", "country", "admin1", "admin1_name", "water_body", "place", "lat", "lon",
    "precision", "kind", "weapon", "count_low", "count_high", "figure", "figures", "killed_low",
    "killed_high", "injured_low", "injured_high", "start", "end", "certainty", "claimant", "n_sources",
    "sources", "part_of", "parts", "evidence",
)
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "country",
    "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities",
    "weapon", "count_low", "count_high", "claimant", "certainty", "evidence",
)
EVIDENCE_JOIN = " | "


def evidence(detail: Detail) -> list[str]:
    """Every distinct evidence sentence of every source, in source order."""
    seen: dict[str, None] = {}
    for src in detail.sources:
        for line in src.lines:
            for span in line.incident.evidence:
                seen.setdefault(span.text, None)
    return list(seen)


def _claimants(detail: Detail) -> list[str]:
    return sorted({s.figure.claimant for s in detail.sources if s.figure.claimant})


def flat_row(detail: Detail) -> dict[str, Any]:
    """One flat row of a ledger incident (lists joined into text)."""
    en = detail.entry
    return {
        **{c: getattr(en, c) for c in FLAT_COLUMNS if hasattr(en, c) and c != "region"},
        "region": region_label(en.region),
        "figure": figure_text(en.count_low, en.count_high),
        "figures": "; ".join(f"{said_by(s.figure)}: {source_figure_text(s.figure)}" for s in detail.sources),
        "claimant": "; ".join(_claimants(detail)),
        "sources": "; ".join(s.document.source or s.document.id for s in detail.sources),
        "parts": "; ".join(detail.parts),
        "evidence": EVIDENCE_JOIN.join(evidence(detail)),
    }


def nested(detail: Detail) -> dict[str, Any]:
    """The full record of a ledger incident: summary, parts and every source with its lines."""
    en = detail.entry
    return {
        **{c: getattr(en, c) for c in en.__dataclass_fields__},
        "region_label": region_label(en.region),
        "parts": list(detail.parts),
        "sources": [{
            "doc_id": s.document.id, "source": s.document.source, "url": s.document.url,
            "published": s.document.published, "title": s.document.title, "author": s.document.author,
            "claimant": s.figure.claimant, "certainty": str(s.figure.certainty), "count": s.figure.count,
            "count_qualifier": None if s.figure.qualifier is None else str(s.figure.qualifier),
            "lines": [{**incident_to_dict(line.incident), "rule": line.rule, "reason": line.reason}
                      for line in s.lines],
        } for s in detail.sources],
    }


SUB_EVENT = {Weapon.MISSILE: "Shelling/artillery/missile attack", Weapon.ROCKET: "Shelling/artillery/missile attack"}
SCALE = {"ministry": "National", "organization": "National", "governor": "Subnational", "mayor": "Subnational",
         "head": "Subnational"}


def acled_row(detail: Detail) -> dict[str, Any]:
    """An ACLED-shaped row: Explosions/Remote violence events, with our figures and evidence.

    `actor1` is left empty: the reports name who shot a weapon down, rarely who launched it,
    and skyledger does not guess. `fatalities` is the lowest stated death toll (0 when none
    is stated), the conservative choice ACLED itself makes.
    """
    en = detail.entry
    roles = {(line.incident.claimant.role or "") for s in detail.sources for line in s.lines
             if line.incident.claimant}
    scales = sorted({SCALE.get(r, "Other") for r in roles}) or ["Other"]
    kind_words = {Kind.INTERCEPTION: "intercepted", Kind.IMPACT: "struck", Kind.CRASH: "crashed",
                  Kind.LAUNCH: "launched"}
    notes = (f"{figure_text(en.count_low, en.count_high)} {en.weapon} {kind_words[Kind(en.kind)]} "
             f"over {en.place or region_label(en.region)}; figures: "
             + "; ".join(f"{said_by(s.figure)} {source_figure_text(s.figure)}" for s in detail.sources))
    return {
        "event_id_cnty": en.id, "event_date": en.date, "time_precision": 1 if en.date else 3,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": SUB_EVENT.get(Weapon(en.weapon), "Air/drone strike"),
        "actor1": "", "country": en.country, "admin1": en.admin1_name or en.admin1 or region_label(en.region),
        "admin2": None, "location": en.place or en.admin1_name or region_label(en.region),
        "latitude": en.lat, "longitude": en.lon, "geo_precision": min(en.precision or 3, 3),
        "source": "; ".join(s.document.source or s.document.id for s in detail.sources),
        "source_scale": "-".join(scales), "notes": notes,
        "fatalities": en.killed_low or 0,
        "weapon": en.weapon, "count_low": en.count_low, "count_high": en.count_high,
        "claimant": "; ".join(_claimants(detail)), "certainty": en.certainty,
        "evidence": EVIDENCE_JOIN.join(evidence(detail)),
    }


def geojson_feature(detail: Detail) -> dict[str, Any]:
    """A GeoJSON feature: a point where coordinates are known, else a null geometry."""
    en = detail.entry
    geometry = None if en.lat is None or en.lon is None else {"type": "Point", "coordinates": [en.lon, en.lat]}
    return {"type": "Feature", "id": en.id, "geometry": geometry, "properties": flat_row(detail)}
