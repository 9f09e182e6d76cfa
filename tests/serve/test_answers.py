"""Kept answers: a repeated public read is answered from memory, never after the data changed."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from skyledger.model import Extraction
from skyledger.serve.answers import Stamper
from skyledger.serve.app import create_app
from skyledger.store import Ledger
from skyledger.store.review import create_token

from .sample import KURSK, document, fill, incident

API = "/api/v1"
LATE = "Two drones were brought down over the Kursk Region late on Monday, the governor wrote."


class Counting:
    """Counts the service's list and statistics calls, to tell a kept answer from a computed one."""

    def __init__(self, app: Any) -> None:
        self.calls = 0
        service = app.state.service
        for name in ("incidents", "stats"):
            method = getattr(service, name)
            setattr(service, name, self._counted(method))

    def _counted(self, method: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            return method(*args, **kwargs)
        return call


@pytest.fixture
def served(ledger_db: str) -> Any:
    ledger = Ledger.open(ledger_db)
    fill(ledger)
    app = create_app(ledger)
    with TestClient(app) as client:
        yield ledger_db, ledger, client, Counting(app)
    ledger.close()


def add_late_report(ledger_db: str) -> None:
    """A document stored by another process (as `skyledger ingest` would), not through the API."""
    other = Ledger.open(ledger_db)
    try:
        doc = document("gov-0316", LATE, "governor.example", "2026-03-16T23:40:00+03:00")
        other.add(doc, Extraction(doc.id, "en", doc.published, (
            incident(doc, 1, 2, "Two drones were brought down over the Kursk Region", date="2026-03-16",
                     claimant="governor", **KURSK),)))
    finally:
        other.close()


def test_a_repeated_read_is_answered_from_memory_byte_for_byte(served: Any) -> None:
    _, _, client, counting = served
    first = client.get(f"{API}/incidents", params={"admin1": "RU-BRY"})
    again = client.get(f"{API}/incidents", params={"admin1": "RU-BRY"})
    assert first.status_code == again.status_code == 200
    assert again.content == first.content and again.headers["content-type"] == "application/json"
    assert counting.calls == 1
    client.get(f"{API}/stats", params={"by": "admin1"})
    client.get(f"{API}/stats", params={"by": "admin1"})
    assert counting.calls == 2


def test_a_document_stored_by_another_process_shows_in_the_next_answer(served: Any) -> None:
    ledger_db, _, client, counting = served
    before = client.get(f"{API}/incidents").json()
    stats_before = client.get(f"{API}/stats", params={"by": "admin1"}).json()
    add_late_report(ledger_db)
    after = client.get(f"{API}/incidents").json()
    assert after["total"] == before["total"] + 1
    assert after["items"][0]["region"] == "RU-KRS" and after["items"][0]["date"] == "2026-03-16"
    stats_after = client.get(f"{API}/stats", params={"by": "admin1"}).json()
    assert stats_after != stats_before
    assert counting.calls == 4


def test_a_review_through_the_api_shows_in_the_next_answer(served: Any) -> None:
    _, ledger, client, _ = served
    with ledger.engine.begin() as conn:
        token = create_token(conn, "alice", "analyst")
    [kyiv] = [i for i in client.get(f"{API}/incidents").json()["items"] if i["region"] == "UA-30"]
    assert kyiv["review_status"] == "unreviewed"
    done = client.post(f"{API}/incidents/{kyiv['id']}/confirm", json={"note": "seen"},
                       headers={"Authorization": f"Bearer {token}"})
    assert done.status_code == 201
    [kyiv] = [i for i in client.get(f"{API}/incidents").json()["items"] if i["region"] == "UA-30"]
    assert kyiv["review_status"] == "confirmed"
    rejected = client.post(f"{API}/incidents/{kyiv['id']}/reject", json={"note": "a duplicate post"},
                           headers={"Authorization": f"Bearer {token}"})
    assert rejected.status_code == 201
    assert "UA-30" not in {r["key"]["admin1"] for r in client.get(f"{API}/stats", params={"by": "admin1"}).json()["rows"]}


def test_reviews_still_apply_after_the_ledger_changes_under_them(served: Any) -> None:
    ledger_db, ledger, client, _ = served
    with ledger.engine.begin() as conn:
        token = create_token(conn, "alice", "analyst")
    [kyiv] = [i for i in client.get(f"{API}/incidents").json()["items"] if i["region"] == "UA-30"]
    client.post(f"{API}/incidents/{kyiv['id']}/reject", json={"note": "no such strike"},
                headers={"Authorization": f"Bearer {token}"})
    add_late_report(ledger_db)  # the ledger changes, the review log does not
    items = client.get(f"{API}/incidents").json()["items"]
    assert {i["region"]: i["review_status"] for i in items}["UA-30"] == "rejected"
    assert any(i["date"] == "2026-03-16" for i in items)
    regions = {r["key"]["admin1"] for r in client.get(f"{API}/stats", params={"by": "admin1"}).json()["rows"]}
    assert "UA-30" not in regions and "RU-KRS" in regions


def test_credentials_and_private_servers_always_go_through_the_app(served: Any, ledger_db: str) -> None:
    _, ledger, client, _ = served
    assert client.get(f"{API}/incidents").status_code == 200  # kept now
    wrong = client.get(f"{API}/incidents", headers={"Authorization": "Bearer not-a-token"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "unauthorized"
    with TestClient(create_app(ledger, public_reads=False)) as private:
        for _ in range(2):
            assert private.get(f"{API}/incidents").status_code == 401


def test_the_stamper_says_none_while_the_ledger_cannot_be_read_and_recovers(tmp_path: Any) -> None:
    from sqlalchemy import create_engine

    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    stamper = Stamper(create_engine(url), retry_after=0)
    assert stamper() is None  # no tables yet: the app answers instead, with its own error
    ledger = Ledger.open(url)
    try:
        assert stamper() == (None, None)
        fill(ledger)
        documents, actions = stamper()
        assert documents is not None and actions is None
    finally:
        stamper.close()
        ledger.close()


def test_after_a_failure_the_stamper_waits_before_it_connects_again(tmp_path: Any) -> None:
    from sqlalchemy import create_engine

    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    stamper = Stamper(create_engine(url), retry_after=3600)
    assert stamper() is None
    Ledger.open(url).close()  # the tables exist now, but the stamper does not try again yet
    assert stamper() is None
