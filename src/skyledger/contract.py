"""The only serializer of the public output line (shared/contract/extraction.md)."""

from __future__ import annotations

import json
from typing import Any

from skyledger.model import Disruption, Extraction, Incident, Location, Provenance, Span, TimeInfo


def _location(loc: Location) -> dict[str, Any]:
    return {
        "country": loc.country, "admin1": loc.admin1, "admin1_name": loc.admin1_name,
        "admin2": loc.admin2, "place": loc.place, "water_body": loc.water_body,
        "lat": None if loc.lat is None else round(loc.lat, 4),
        "lon": None if loc.lon is None else round(loc.lon, 4),
        "precision": loc.precision,
    }


def _time(t: TimeInfo) -> dict[str, Any]:
    return {"date": t.date, "start": t.start, "end": t.end, "precision": t.precision}


def _evidence(spans: tuple[Span, ...]) -> list[dict[str, Any]]:
    return [{"start": s.start, "end": s.end, "text": s.text} for s in spans]


def incident_to_dict(inc: Incident) -> dict[str, Any]:
    """One incident in the contract's shape."""
    c = inc.claimant
    return {
        "id": inc.id,
        "kind": str(inc.kind),
        "weapon": str(inc.weapon),
        "weapon_detail": inc.weapon_detail,
        "count": inc.count,
        "count_qualifier": str(inc.count_qualifier) if inc.count_qualifier else None,
        "role": str(inc.role),
        "part_of": inc.part_of,
        "location": _location(inc.location),
        "time": _time(inc.time),
        "casualties": {"killed": inc.casualties.killed, "injured": inc.casualties.injured},
        "damage": {"reported": inc.damage.reported, "kinds": [str(k) for k in inc.damage.kinds]},
        "target": inc.target,
        "claimant": None if c is None else {"name": c.name, "role": c.role, "organization": c.organization},
        "certainty": str(inc.certainty),
        "evidence": _evidence(inc.evidence),
        "interceptor": None if inc.interceptor is None else {
            "detail": inc.interceptor.detail, "certainty": str(inc.interceptor.certainty),
            "evidence": _evidence(inc.interceptor.evidence),
        },
    }


def disruption_to_dict(d: Disruption) -> dict[str, Any]:
    """One disruption in the contract's shape."""
    return {
        "id": d.id,
        "kind": str(d.kind),
        "airports": list(d.airports),
        "diverted_to": list(d.diverted_to),
        "location": _location(d.location),
        "time": _time(d.time),
        "evidence": _evidence(d.evidence),
    }


def provenance_to_dict(p: Provenance | None) -> dict[str, Any] | None:
    """Where the document came from (channel or feed, url, post id, author), or None."""
    if p is None:
        return None
    return {"name": p.source, "url": p.url, "post_id": p.post_id, "author": p.author,
            "title": p.title, "edited": p.edited, "forwarded_from": p.forwarded_from}


def to_dict(ex: Extraction) -> dict[str, Any]:
    """The contract's output object for one document."""
    return {
        "doc_id": ex.doc_id,
        "lang": ex.lang,
        "published": ex.published,
        "incidents": [incident_to_dict(i) for i in ex.incidents],
        "disruptions": [disruption_to_dict(d) for d in ex.disruptions],
        "error": None if ex.error is None else {"code": ex.error.code, "message": ex.error.message},
        "source": provenance_to_dict(ex.provenance),
    }


def to_line(ex: Extraction) -> str:
    """The contract's JSONL line for one document (no trailing newline)."""
    return json.dumps(to_dict(ex), ensure_ascii=False)
