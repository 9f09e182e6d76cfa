"""Statistics grouped by the database equal statistics grouped in Python, reviews included.

The API groups incidents in SQL (`store.aggregate`) and only the corrected ones in Python;
`report.stats.stats` over the reviewed entries is the reference it must equal, on SQLite
and PostgreSQL. Kept results (`serve.cache`) must not outlive a new document or review.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from skyledger.model import Claimant, Document, Extraction, Incident, Kind, Location, Role, Span, TimeInfo, Weapon
from skyledger.report.stats import stats
from skyledger.serve.app import create_app
from skyledger.serve.service import Service
from skyledger.store import Filters, Ledger
from skyledger.store import review as log

from .sample import fill

REGIONS = [("RU-BRY", "Bryansk Oblast"), ("RU-KRS", "Kursk Oblast"), ("UA-63", "Kharkiv Oblast"),
           ("RU-BEL", "Belgorod Oblast"), (None, None)]


def generated(n: int, seed: int = 3) -> list[tuple[Document, Extraction]]:
    """Posts over five regions (one without a region) and ten days, some without a figure."""
    rng = random.Random(seed)
    out = []
    for k in range(n):
        day = (date(2026, 2, 1) + timedelta(rng.randrange(10))).isoformat()
        code, name = rng.choice(REGIONS)
        text = f"Post {k}: {rng.randrange(1, 30)} objects reported on {day}."
        doc = Document(f"gen-{k}", text, "en", f"{day}T09:00:00+03:00", None, f"src-{k % 4}",
                       f"{seed:02x}{k:062x}")
        incs = tuple(Incident(
            id=f"gen-{k}#{i}", kind=rng.choice(list(Kind)), weapon=rng.choice([Weapon.UAV, Weapon.MISSILE]),
            count=None if rng.random() < 0.2 else rng.randrange(1, 30), role=Role.SINGLE,
            location=Location(country="RU" if code and code.startswith("RU") else "UA", admin1=code,
                              admin1_name=name, place=f"Village {k}-{i}", precision=3),
            time=TimeInfo(date=day), claimant=Claimant(role="governor"), evidence=(Span(0, 4, text[:4]),))
            for i in range(1, rng.randrange(2, 4)))
        out.append((doc, Extraction(doc.id, "en", doc.published, incs)))
    return out


@pytest.fixture
def reviewed(ledger_db: str) -> Any:
    """A filled ledger with rejects, merges, corrections (figure, kind, day) and an undo."""
    ledger = Ledger.open(ledger_db)
    fill(ledger)
    for doc, extraction in generated(40):
        ledger.add(doc, extraction)
    ids = [e.id for e in ledger.entries()]
    rng = random.Random(5)
    picked = rng.sample(ids, 12)
    with ledger.engine.begin() as conn:
        for lid in picked[:3]:
            log.append(conn, "alice", "reject", lid, {}, None)
        log.append(conn, "alice", "merge", picked[3], {"others": [picked[4], picked[5]]}, None)
        log.append(conn, "alice", "correct", picked[6], {"field": "count_high", "value": 250}, None)
        log.append(conn, "alice", "correct", picked[7], {"field": "kind", "value": "crash"}, None)
        log.append(conn, "alice", "correct", picked[8], {"field": "date", "value": "2026-02-20"}, None)
        log.append(conn, "alice", "correct", picked[0], {"field": "count_low", "value": 1}, None)  # rejected too
        undone = log.append(conn, "alice", "reject", picked[9], {}, None)
        log.append(conn, "alice", "undo", picked[9], {}, None, undoes=undone.id)
        log.append(conn, "alice", "confirm", picked[10], {}, None)
    yield ledger
    ledger.close()


def in_python(service: Service, f: Filters, by: tuple[str, ...]) -> list[dict[str, Any]]:
    """The statistics as the API computed them before grouping moved into the database."""
    with service.ledger.engine.connect() as conn:
        entries = service._counted(conn, f)
    return [{"key": dict(zip(by, r.key)), "report": r.cells is not None,
             "cells": {k: asdict(c) for k, c in (r.cells or {}).items()}}
            for r in stats(entries, by, f.since, f.until, f.admin1)]


CASES = [
    (Filters(), ("admin1", "day")),
    (Filters(), ("admin1",)),
    (Filters(), ("day", "weapon")),
    (Filters(), ("kind",)),
    (Filters(), ("weapon", "kind", "admin1")),
    (Filters(since="2026-02-03", until="2026-02-21"), ("day", "weapon")),
    (Filters(admin1=("RU-BRY", "RU-MOW")), ("admin1", "day")),
    (Filters(kind=("interception", "impact"), weapon=("uav",)), ("admin1", "kind")),
    (Filters(certainty=("confirmed",), since="2026-02-01"), ("day",)),
    (Filters(text="village 1"), ("admin1",)),
]


@pytest.mark.parametrize(("filters", "by"), CASES, ids=[f"{i}-{','.join(b)}" for i, (_, b) in enumerate(CASES)])
def test_stats_grouped_by_the_database_equal_stats_grouped_in_python(reviewed: Ledger, filters: Filters,
                                                                     by: tuple[str, ...]) -> None:
    service = Service(reviewed)
    got = json.loads(service.stats(filters, by))["rows"]
    assert got == in_python(service, filters, by)
    assert any(r["report"] for r in got)


def test_a_rejected_incident_leaves_the_statistics_and_the_totals_at_once(ledger_db: str) -> None:
    ledger = Ledger.open(ledger_db)
    try:
        fill(ledger)
        with ledger.engine.begin() as conn:
            token = log.create_token(conn, "alice", "analyst")
        client = TestClient(create_app(ledger))

        def kyiv() -> dict[str, Any]:
            [row] = client.get("/api/v1/stats", params={"by": "admin1", "admin1": "UA-30"}).json()["rows"]
            return row  # a region asked for by name has a row, reported or not

        assert kyiv()["cells"]["impact"]["incidents"] == 1
        assert client.get("/api/v1/incidents", params={"status": "rejected"}).json()["total"] == 0
        [lid] = [i["id"] for i in client.get("/api/v1/incidents").json()["items"] if i["admin1"] == "UA-30"]
        assert client.post(f"/api/v1/incidents/{lid}/reject", json={},
                           headers={"Authorization": f"Bearer {token}"}).status_code == 201
        assert kyiv()["report"] is False
        assert client.get("/api/v1/incidents", params={"status": "rejected"}).json()["total"] == 1
        total = client.get("/api/v1/incidents").json()["total"]
        doc, extraction = generated(1, seed=9)[0]
        ledger.add(doc, extraction)  # a document stored behind the server's back counts too
        assert client.get("/api/v1/incidents").json()["total"] > total
    finally:
        ledger.close()
