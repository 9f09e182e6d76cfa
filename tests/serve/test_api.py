"""The REST API against a real ledger on SQLite and PostgreSQL: every endpoint, auth, bad input."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from skyledger.serve.app import create_app
from skyledger.store import Ledger
from skyledger.store.review import create_token

from .sample import GOV, MOD, fill

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "openapi.json"
API = "/api/v1"


class Api:
    """A test client on a filled ledger, with tokens for two analysts and an admin."""

    def __init__(self, ledger: Ledger, public_reads: bool = True) -> None:
        self.ledger = ledger
        self.client = TestClient(create_app(ledger, public_reads=public_reads))
        with ledger.engine.begin() as conn:
            self.tokens = {name: create_token(conn, name, role) for name, role in
                           (("alice", "analyst"), ("bob", "analyst"), ("root", "admin"))}

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}

    def get(self, path: str, **params: Any) -> Any:
        response = self.client.get(API + path, params=params)
        assert response.status_code == 200, response.text
        return response.json()

    def post(self, path: str, body: dict[str, Any], who: str | None = "alice") -> Any:
        return self.client.post(API + path, json=body, headers=self.auth(who) if who else {})

    def ids(self, **params: Any) -> list[str]:
        return [i["id"] for i in self.get("/incidents", **params)["items"]]

    def by_region(self, region: str) -> dict[str, Any]:
        [item] = [i for i in self.get("/incidents")["items"] if i["region"] == region]
        return item


@pytest.fixture
def api(ledger_db: str) -> Any:
    ledger = Ledger.open(ledger_db)
    fill(ledger)
    yield Api(ledger)
    ledger.close()


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code and body["error"]["message"]
    return body["error"]


# --- reads --------------------------------------------------------------------------------

def test_api_lists_every_incident_newest_first_with_figures_as_ranges(api: Api) -> None:
    page = api.get("/incidents")
    assert page["total"] == 5 and len(page["items"]) == 5
    dates = [i["date"] for i in page["items"]]
    assert dates == sorted(dates, reverse=True)
    bryansk = api.by_region("RU-BRY")
    assert (bryansk["figure"], bryansk["n_sources"], bryansk["review_status"]) == ("8–9", 2, "unreviewed")
    assert bryansk["part_of"] == api.by_region("nationwide:RU")["id"]


@pytest.mark.parametrize(("params", "regions"), [
    ({"admin1": "RU-BRY"}, {"RU-BRY"}),
    ({"admin1": ["RU-BRY", "UA-30"]}, {"RU-BRY", "UA-30"}),
    ({"since": "2026-03-15"}, {"RU-KLU", "UA-30"}),
    ({"until": "2026-03-14", "kind": "interception"}, {"RU-BRY", "RU-KRS", "nationwide:RU"}),
    ({"kind": "impact"}, {"UA-30"}),
    ({"weapon": "missile"}, {"UA-30"}),
    ({"certainty": "reported"}, {"UA-30"}),
    ({"claimant": "GOVERNOR"}, {"RU-BRY"}),
    ({"text": "warehouse"}, {"UA-30"}),
    ({"text": "Kaluga", "since": "2026-03-15", "until": "2026-03-15"}, {"RU-KLU"}),
    ({"text": "nothing like this"}, set()),
])
def test_api_filters_select_the_matching_incidents(api: Api, params: dict[str, Any], regions: set[str]) -> None:
    page = api.get("/incidents", **params)
    assert {i["region"] for i in page["items"]} == regions
    assert page["total"] == len(regions)


def test_api_pages_cover_the_list_once(api: Api) -> None:
    everything = api.ids()
    pages = [api.get("/incidents", limit=2, offset=o) for o in (0, 2, 4)]
    assert [i["id"] for p in pages for i in p["items"]] == everything
    assert {p["total"] for p in pages} == {5}
    assert api.get("/incidents", offset=99)["items"] == []


@pytest.mark.parametrize("params", [
    {"since": "2026-13-01"}, {"until": "yesterday"}, {"since": "2026-03-15", "until": "2026-03-14"},
    {"limit": 0}, {"limit": 501}, {"offset": -1}, {"admin1": "Bryansk"}, {"admin1": "RU-BRY'; DROP TABLE x"},
    {"kind": "tank"}, {"weapon": "UAV "}, {"certainty": "sure"}, {"status": "maybe"},
    {"text": "x" * 201}, {"claimant": "a\x00b"},
])
def test_api_rejects_bad_parameters_with_one_error_shape(api: Api, params: dict[str, Any]) -> None:
    error = assert_error(api.client.get(f"{API}/incidents", params=params), 422, "invalid")
    assert error["message"]


def test_api_incident_shows_each_source_with_its_figure_text_and_evidence(api: Api) -> None:
    lid = api.by_region("RU-BRY")["id"]
    detail = api.get(f"/incidents/{lid}")
    assert detail["incident"]["id"] == lid
    figures = {s["figure"]["said_by"]: s["figure"]["text"] for s in detail["sources"]}
    assert figures == {"ministry": "9", "governor": "8"}
    texts = {s["document"]["text"] for s in detail["sources"]}
    assert texts == {MOD, GOV}
    for source in detail["sources"]:
        text = source["document"]["text"]
        for line in source["lines"]:
            assert line["reason"]
            for ev in line["incident"]["evidence"]:
                assert text[ev["start"]:ev["end"]] == ev["text"]
    assert detail["review"]["status"] == "unreviewed" and detail["history"] == []


def test_api_unknown_incident_and_bad_ids_are_errors(api: Api) -> None:
    assert_error(api.client.get(f"{API}/incidents/RU-XXX-20260101-000000"), 404, "not_found")
    assert_error(api.client.get(f"{API}/incidents/<script>"), 422, "invalid")
    assert_error(api.client.get(f"{API}/no/such/path"), 404, "not_found")
    assert_error(api.client.delete(f"{API}/incidents"), 405, "method_not_allowed")


def test_api_documents_list_and_show_text_and_extraction(api: Api) -> None:
    page = api.get("/documents")
    assert page["total"] == 4 and all("text" not in d for d in page["items"])
    gov = next(d for d in page["items"] if d["doc_id"] == "gov-0314")
    shown = api.get(f"/documents/{gov['content_hash']}")
    assert shown["document"]["text"] == GOV  # raw text in JSON; the dashboard escapes it
    assert shown["extraction"]["incidents"][0]["count"] == 8
    assert shown["extraction"]["source"]["name"] == "governor.example"  # as `skyledger extract` prints it
    assert api.get("/documents", lang="ru")["total"] == 0
    assert_error(api.client.get(f"{API}/documents/{'0' * 64}"), 404, "not_found")
    assert_error(api.client.get(f"{API}/documents/not-a-hash"), 422, "invalid")


def test_api_daily_stats_tell_no_report_from_zero(api: Api) -> None:
    out = api.get("/stats", by="admin1,day", admin1=["RU-BRY", "RU-KLU"])
    rows = {(r["key"]["admin1"], r["key"]["day"]): r for r in out["rows"]}
    assert set(rows) == {(a, d) for a in ("RU-BRY", "RU-KLU") for d in ("2026-03-14", "2026-03-15")}
    assert rows[("RU-BRY", "2026-03-14")]["cells"]["interception"] == {"incidents": 1, "low": 8, "high": 9}
    assert rows[("RU-KLU", "2026-03-14")] == {"key": {"admin1": "RU-KLU", "day": "2026-03-14"},
                                              "report": False, "cells": {}}
    assert rows[("RU-KLU", "2026-03-15")]["report"] is True
    by_weapon = api.get("/stats", by="day,weapon", since="2026-03-13", until="2026-03-15")
    assert {r["key"]["day"] for r in by_weapon["rows"]} == {"2026-03-13", "2026-03-14", "2026-03-15"}
    assert_error(api.client.get(f"{API}/stats", params={"by": "admin1,planet"}), 422, "invalid")
    assert_error(api.client.get(f"{API}/stats", params={"by": "day,day"}), 422, "invalid")


def test_api_disruptions_with_filters(api: Api) -> None:
    page = api.get("/disruptions")
    assert {d["kind"] for d in page["items"]} == {"airport_restriction", "power_outage"}
    [airport] = api.get("/disruptions", kind="airport_restriction")["items"]
    assert airport["airports"] == ["KLF"] and airport["evidence"][0]["text"].startswith("Restrictions")
    assert api.get("/disruptions", admin1="UA-30")["total"] == 1
    assert_error(api.client.get(f"{API}/disruptions", params={"kind": "storm"}), 422, "invalid")


def test_api_exports_carry_the_filtered_incidents_with_evidence(api: Api) -> None:
    response = api.client.get(f"{API}/export.csv", params={"until": "2026-03-14"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {r["region"] for r in rows} == {"RU-BRY", "RU-KRS", "RU nationwide"}
    assert all(r["evidence"] for r in rows)
    geo = api.client.get(f"{API}/export.geojson", params={"kind": "impact"}).json()
    [feature] = geo["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [30.52, 50.45]}
    assert "warehouse" in feature["properties"]["evidence"]
    assert_error(api.client.get(f"{API}/export.xlsx"), 422, "invalid")


def test_api_meta_and_me(api: Api) -> None:
    meta = api.get("/meta")
    assert (meta["documents"], meta["incidents"], meta["public_reads"]) == (4, 5, True)
    assert "uav" in meta["weapons"] and "count_low" in meta["correctable"]
    assert api.get("/me") == {"name": None, "role": None, "public_reads": True}
    me = api.client.get(f"{API}/me", headers=api.auth("root")).json()
    assert (me["name"], me["role"]) == ("root", "admin")


# --- auth ---------------------------------------------------------------------------------

@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer sky_not-a-token"}, {"Authorization": "Basic eDp5"}])
def test_api_writes_need_a_known_token(api: Api, headers: dict[str, str]) -> None:
    lid = api.by_region("RU-KLU")["id"]
    for path, body in ((f"/incidents/{lid}/confirm", {}), ("/documents", {"documents": [{"text": "x"}]}),
                       ("/review/1/undo", {})):
        response = api.client.post(API + path, json=body, headers=headers)
        assert_error(response, 401, "unauthorized")
        assert response.headers["www-authenticate"] == "Bearer"
    assert api.get("/review")["total"] == 0 and api.get("/meta")["documents"] == 4


def test_api_private_reads_need_a_token(ledger_db: str) -> None:
    ledger = Ledger.open(ledger_db)
    try:
        fill(ledger)
        api = Api(ledger, public_reads=False)
        for path in ("/incidents", "/stats", "/documents", "/disruptions", "/export.csv", "/review", "/meta"):
            assert_error(api.client.get(API + path), 401, "unauthorized")
        response = api.client.get(f"{API}/incidents", headers=api.auth("bob"))
        assert response.status_code == 200 and response.json()["total"] == 5
    finally:
        ledger.close()


def test_api_tokens_are_stored_hashed(api: Api) -> None:
    from sqlalchemy import select

    from skyledger.store.review import api_tokens

    with api.ledger.engine.connect() as conn:
        stored = [tuple(r) for r in conn.execute(select(api_tokens))]
    assert len(stored) == 3
    flat = json.dumps(stored)
    assert not any(token in flat for token in api.tokens.values())


# --- ingest -------------------------------------------------------------------------------

def test_api_ingest_stores_new_documents_once(api: Api) -> None:
    text = "Air defences destroyed 12 drones over the Belgorod region last night, the governor said."
    body = {"documents": [{"id": "belgorod-1", "text": text, "published": "2026-03-16T08:00:00+03:00",
                           "lang": "en", "source": "test"}]}
    first = api.post("/documents", body)
    assert first.status_code == 200, first.text
    result = first.json()
    assert (result["new"], result["known"], result["results"][0]["status"]) == (1, 0, "new")
    assert result["results"][0]["created"]
    assert any(i["admin1"] == "RU-BEL" for i in api.get("/incidents", since="2026-03-16")["items"])
    again = api.post("/documents", body).json()
    assert (again["new"], again["known"]) == (0, 1)
    assert api.get("/meta")["documents"] == 5


@pytest.mark.parametrize("body", [
    {}, {"documents": []}, {"documents": [{"text": ""}]}, {"documents": [{"text": "x", "colour": "red"}]},
    {"documents": [{"text": "x", "lang": "de"}]}, {"documents": [{"text": "a\x00b"}]},
    {"documents": [{"text": "x"}] * 101}, {"documents": "x"},
])
def test_api_ingest_rejects_bad_bodies(api: Api, body: dict[str, Any]) -> None:
    assert_error(api.post("/documents", body), 422, "invalid")
    assert api.get("/meta")["documents"] == 4


def test_api_ingest_rejects_broken_json(api: Api) -> None:
    response = api.client.post(f"{API}/documents", content=b'{"documents": [', headers={
        **api.auth("alice"), "Content-Type": "application/json"})
    assert_error(response, 422, "invalid")


# --- review -------------------------------------------------------------------------------

def test_review_confirm_and_reject_show_in_list_detail_log_and_stats(api: Api) -> None:
    klu = api.by_region("RU-KLU")["id"]
    kyiv = api.by_region("UA-30")["id"]
    assert api.post(f"/incidents/{klu}/confirm", {"note": "checked with a second source"}).status_code == 201
    assert api.post(f"/incidents/{kyiv}/reject", {}, who="bob").status_code == 201
    assert api.by_region("RU-KLU")["review_status"] == "confirmed"
    assert api.ids(status="rejected") == [kyiv]
    assert klu not in api.ids(status="unreviewed") and kyiv not in api.ids(status="unreviewed")
    history = api.get(f"/incidents/{klu}")["history"]
    assert [(h["action"], h["actor"], h["note"]) for h in history] == [
        ("confirm", "alice", "checked with a second source")]
    log = api.get("/review")
    assert [(a["action"], a["ledger_id"]) for a in log["items"]] == [("reject", kyiv), ("confirm", klu)]
    day = api.get("/stats", by="admin1", since="2026-03-15", until="2026-03-15")
    assert "UA-30" not in {r["key"]["admin1"] for r in day["rows"]}  # a rejected incident does not count


def test_review_correction_changes_the_incident_and_undo_restores_it(api: Api) -> None:
    lid = api.by_region("RU-BRY")["id"]
    action = api.post(f"/incidents/{lid}/correct", {"field": "count_high", "value": 8})
    assert action.status_code == 201
    shown = api.get(f"/incidents/{lid}")
    assert shown["incident"]["figure"] == "8" and shown["incident"]["corrected"] == ["count_high"]
    assert shown["review"]["corrections"] == {"count_high": 8}
    undo = api.post(f"/review/{action.json()['id']}/undo", {})
    assert undo.status_code == 201 and undo.json()["undoes"] == action.json()["id"]
    assert api.by_region("RU-BRY")["figure"] == "8–9"
    history = api.get(f"/incidents/{lid}")["history"]
    assert [(h["action"], h["undone_by"]) for h in history] == [("correct", undo.json()["id"]), ("undo", None)]
    assert_error(api.post(f"/review/{action.json()['id']}/undo", {}), 409, "conflict")
    assert_error(api.post(f"/review/{undo.json()['id']}/undo", {}), 422, "invalid")


@pytest.mark.parametrize(("field", "value"), [
    ("kind", "tank"), ("count_low", -1), ("count_low", "many"), ("count_low", True), ("date", "14 March"),
    ("lat", 91), ("admin1", "Bryansk"), ("place", "x" * 201),
])
def test_review_bad_corrections_are_refused(api: Api, field: str, value: Any) -> None:
    lid = api.by_region("RU-BRY")["id"]
    assert_error(api.post(f"/incidents/{lid}/correct", {"field": field, "value": value}), 422, "invalid")
    assert_error(api.post(f"/incidents/{lid}/correct", {"field": "id", "value": "x"}), 422, "invalid")
    assert api.get("/review")["total"] == 0


def test_review_merge_gathers_sources_and_hides_the_merged(api: Api) -> None:
    bry, krs = api.by_region("RU-BRY")["id"], api.by_region("RU-KRS")["id"]
    merge = api.post(f"/incidents/{bry}/merge", {"others": [krs]})
    assert merge.status_code == 201
    assert krs not in api.ids() and api.get("/incidents")["total"] == 4
    merged = api.get(f"/incidents/{bry}")
    assert {s["figure"]["text"] for s in merged["sources"]} == {"9", "8", "11"}
    assert merged["incident"]["figure"] == "8–11" and merged["review"]["merged_from"] == [krs]
    assert api.get(f"/incidents/{krs}")["review"]["merged_into"] == bry
    assert_error(api.post(f"/incidents/{krs}/reject", {}), 409, "conflict")
    assert_error(api.post(f"/incidents/{bry}/merge", {"others": [krs]}), 409, "conflict")
    assert_error(api.post(f"/incidents/{bry}/merge", {"others": [bry]}), 422, "invalid")
    assert_error(api.post(f"/incidents/{bry}/merge", {"others": ["RU-XXX-20260101-000000"]}), 404, "not_found")
    api.post(f"/review/{merge.json()['id']}/undo", {})
    assert krs in api.ids() and api.by_region("RU-BRY")["figure"] == "8–9"


def test_a_merged_source_split_off_again_reads_alike_in_the_list_and_on_its_page(api: Api) -> None:
    bry, klu = api.by_region("RU-BRY")["id"], api.by_region("RU-KLU")["id"]
    assert api.post(f"/incidents/{bry}/merge", {"others": [klu]}).status_code == 201
    kaluga_hash = next(s["document"]["content_hash"] for s in api.get(f"/incidents/{bry}")["sources"]
                       if "Kaluga" in s["document"]["text"])
    split = api.post(f"/incidents/{bry}/split", {"documents": [kaluga_hash]})
    assert split.status_code == 201
    child = f"{bry}~{split.json()['id']}"
    [listed] = [i for i in api.get("/incidents")["items"] if i["id"] == child]
    page = api.get(f"/incidents/{child}")["incident"]
    assert (listed["figure"], listed["n_sources"]) == (page["figure"], page["n_sources"]) == ("1", 1)


def test_review_split_moves_sources_to_a_new_incident(api: Api) -> None:
    bry = api.by_region("RU-BRY")["id"]
    gov_hash = next(s["document"]["content_hash"] for s in api.get(f"/incidents/{bry}")["sources"]
                    if s["figure"]["said_by"] == "governor")
    split = api.post(f"/incidents/{bry}/split", {"documents": [gov_hash], "note": "the governor counts another night"})
    assert split.status_code == 201
    child = f"{bry}~{split.json()['id']}"
    ids = api.ids()
    assert ids[ids.index(bry) + 1] == child
    assert api.get(f"/incidents/{bry}")["incident"]["figure"] == "9"
    shown = api.get(f"/incidents/{child}")
    assert shown["incident"]["figure"] == "8" and shown["review"]["split_from"] == bry
    assert [s["figure"]["said_by"] for s in shown["sources"]] == ["governor"]
    assert api.post(f"/incidents/{child}/confirm", {}).status_code == 201
    assert_error(api.post(f"/incidents/{bry}/split", {"documents": ["0" * 64]}), 422, "invalid")
    mod_hash = next(s["document"]["content_hash"] for s in api.get(f"/incidents/{bry}")["sources"])
    assert_error(api.post(f"/incidents/{bry}/split", {"documents": [mod_hash]}), 422, "invalid")


def test_review_undo_rights(api: Api) -> None:
    lid = api.by_region("RU-KLU")["id"]
    action = api.post(f"/incidents/{lid}/confirm", {}).json()
    assert_error(api.post(f"/review/{action['id']}/undo", {}, who="bob"), 403, "forbidden")
    assert api.post(f"/review/{action['id']}/undo", {}, who="root").status_code == 201
    assert api.by_region("RU-KLU")["review_status"] == "unreviewed"
    assert_error(api.post("/review/999/undo", {}), 404, "not_found")
    assert_error(api.post("/review/0/undo", {}), 422, "invalid")
    assert_error(api.post("/incidents/RU-XXX-20260101-000000/confirm", {}), 404, "not_found")
    assert api.get("/review")["total"] == 2  # the log only grows


# --- the contract -------------------------------------------------------------------------

def test_api_openapi_document_matches_the_golden_file(tmp_path: Path) -> None:
    ledger = Ledger.open(str(tmp_path / "ledger.db"))
    try:
        document = TestClient(create_app(ledger)).get("/openapi.json").json()
    finally:
        ledger.close()
    text = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("SKYLEDGER_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(text, "utf-8")
    assert GOLDEN.read_text("utf-8") == text, (
        "the API changed: review the change, then run with SKYLEDGER_UPDATE_GOLDEN=1 to update "
        f"{GOLDEN.name}")
