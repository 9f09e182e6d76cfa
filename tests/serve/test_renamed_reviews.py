"""A review follows its incident when an earlier report, stored later, renames it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from skyledger.model import Extraction, RawItem
from skyledger.normalize import normalize
from skyledger.serve.app import create_app
from skyledger.store import Ledger
from skyledger.store.aliases import current_ids
from skyledger.store.review import create_token

from .sample import BRYANSK, incident

API = "/api/v1"
POSTS = {  # the same night over Bryansk, told three times; published in this order of the day
    "early": ("06:10", "Overnight, air defence brought down six drones over the Bryansk Region, the governor said."),
    "mid": ("07:30", "Seven drones were shot down over the Bryansk Region during the night, officials reported."),
    "late": ("09:05", "The regional administration said 8 drones were downed over the Bryansk Region overnight."),
}


def store(ledger_db: str, name: str) -> None:
    """One governor-style post, stored by another process as `skyledger ingest` would."""
    hour, text = POSTS[name]
    figure = {"early": 6, "mid": 7, "late": 8}[name]
    other = Ledger.open(ledger_db)
    try:
        doc = normalize(RawItem(id=f"post-{name}", text=text, lang="en", source=f"{name}.example",
                                published=f"2026-03-14T{hour}:00+03:00", post_id="1"))
        other.add(doc, Extraction(doc.id, "en", doc.published, (
            incident(doc, 1, figure, text.rstrip("."), claimant="governor", **BRYANSK),)))
    finally:
        other.close()


@pytest.fixture
def api(ledger_db: str) -> Any:
    ledger = Ledger.open(ledger_db)
    with ledger.engine.begin() as conn:
        token = create_token(conn, "alice", "analyst")
    with TestClient(create_app(ledger)) as client:
        yield ledger_db, ledger, client, {"Authorization": f"Bearer {token}"}
    ledger.close()


def bryansk(client: TestClient) -> dict[str, Any]:
    [item] = [i for i in client.get(f"{API}/incidents").json()["items"] if i["region"] == "RU-BRY"]
    return item


def test_a_confirmed_and_corrected_incident_stays_so_when_earlier_reports_rename_it(api: Any) -> None:
    ledger_db, ledger, client, alice = api
    store(ledger_db, "late")
    first = bryansk(client)
    assert client.post(f"{API}/incidents/{first['id']}/confirm", json={"note": "matches the governor"},
                       headers=alice).status_code == 201
    assert client.post(f"{API}/incidents/{first['id']}/correct", json={"field": "place", "value": "Klintsy"},
                       headers=alice).status_code == 201

    store(ledger_db, "mid")    # published earlier: the incident is named after it now
    second = bryansk(client)
    assert second["id"] != first["id"] and second["n_sources"] == 2
    assert second["review_status"] == "confirmed" and second["place"] == "Klintsy"

    store(ledger_db, "early")  # and again: the alias chain stays one step long
    third = bryansk(client)
    assert third["id"] not in (first["id"], second["id"]) and third["n_sources"] == 3
    assert third["review_status"] == "confirmed" and third["place"] == "Klintsy"
    with ledger.engine.connect() as conn:
        assert current_ids(conn) == {first["id"]: third["id"], second["id"]: third["id"]}

    page = client.get(f"{API}/incidents/{third['id']}").json()
    assert [a["action"] for a in page["history"]] == ["confirm", "correct"]
    audit = client.get(f"{API}/review").json()["items"]
    assert {a["ledger_id"] for a in audit} == {first["id"]}  # the log keeps what was recorded


def test_an_incident_named_again_by_its_old_id_loses_the_alias(api: Any) -> None:
    ledger_db, ledger, client, alice = api
    store(ledger_db, "mid")
    mid = bryansk(client)["id"]
    client.post(f"{API}/incidents/{mid}/reject", json={"note": "a rumour"}, headers=alice)
    store(ledger_db, "early")
    renamed = bryansk(client)
    assert renamed["id"] != mid and renamed["review_status"] == "rejected"
    # the early post is edited: it now speaks of another region, so the mid post names the incident again
    other = Ledger.open(ledger_db)
    try:
        edit = normalize(RawItem(id="post-early", text="Overnight, air defence brought down six drones over the "
                                 "Kursk Region, the governor said.", lang="en", source="early.example",
                                 published="2026-03-14T06:10:00+03:00", edited="2026-03-14T10:00:00+03:00",
                                 post_id="1"))
        other.add(edit, Extraction(edit.id, "en", edit.published, ()))
    finally:
        other.close()
    back = bryansk(client)
    assert back["id"] == mid and back["review_status"] == "rejected"
    with ledger.engine.connect() as conn:
        assert mid not in current_ids(conn)


def test_an_old_id_redirects_to_the_incident_it_became(api: Any) -> None:
    ledger_db, _, client, alice = api
    store(ledger_db, "late")
    old = bryansk(client)["id"]
    store(ledger_db, "early")
    new = bryansk(client)["id"]
    assert new != old

    moved = client.get(f"{API}/incidents/{old}", follow_redirects=False)
    assert moved.status_code == 307
    assert moved.headers["location"] == f"{API}/incidents/{new}"
    assert moved.json()["error"]["code"] == "moved" and new in moved.json()["error"]["message"]
    followed = client.get(f"{API}/incidents/{old}")
    assert followed.status_code == 200 and followed.json()["incident"]["id"] == new
    assert len(followed.json()["sources"]) == 2

    never = client.get(f"{API}/incidents/RU-BRY-20200101-000000", follow_redirects=False)
    assert never.status_code == 404   # an id that never existed is still not found


def test_show_names_the_new_id_of_a_renamed_incident(api: Any, run_cli: Any) -> None:
    ledger_db, _, client, _ = api
    store(ledger_db, "mid")
    old = bryansk(client)["id"]
    store(ledger_db, "early")
    new = bryansk(client)["id"]

    shown = run_cli("show", old, "--db", ledger_db, "--format", "json")
    assert shown.returncode == 0, shown.stderr
    assert f"ledger incident {old!r} is now {new!r}" in shown.stderr
    assert json.loads(shown.stdout)["id"] == new
