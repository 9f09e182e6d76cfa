"""schemathesis drives every operation of the OpenAPI document: no input makes a server error.

The app serves a filled SQLite ledger; requests carry an analyst's token, so writes and
reviews are exercised too (their bodies are generated from the schema, valid or not).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from skyledger.serve.app import create_app  # noqa: E402
from skyledger.store import Ledger  # noqa: E402
from skyledger.store.review import create_token  # noqa: E402

from .sample import fill  # noqa: E402

_ledger = Ledger.open(str(Path(tempfile.mkdtemp(prefix="skyledger-fuzz-")) / "ledger.db"))
fill(_ledger)
with _ledger.engine.begin() as _conn:
    TOKEN = create_token(_conn, "fuzzer", "admin")
_app = create_app(_ledger)
# The first ingest builds the extractor (seconds); do it before the timed fuzz requests.
TestClient(_app).post("/api/v1/documents", json={"documents": [{"text": "warm-up"}]},
                      headers={"Authorization": f"Bearer {TOKEN}"})
schema = schemathesis.openapi.from_asgi("/openapi.json", _app)


@schema.exclude(method="POST", path="/api/v1/documents").parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_fuzz_no_server_errors(case) -> None:  # type: ignore[no-untyped-def]
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=[not_a_server_error])


@schema.include(method="POST", path="/api/v1/documents").parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_fuzz_ingest_no_server_errors(case) -> None:  # type: ignore[no-untyped-def]
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=[not_a_server_error])
