"""`skyledger token`: tokens are printed once, stored hashed, and work against the API."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from skyledger.serve.app import create_app
from skyledger.store import Ledger


def test_cli_token_create_prints_a_working_token_and_list_hides_it(run_cli, tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    created = run_cli("token", "create", "alice", "--role", "admin", "--db", db)
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    assert token.startswith("sky_") and len(token) > 40
    listed = run_cli("token", "list", "--db", db)
    assert listed.stdout.startswith("alice\tadmin\t") and token not in listed.stdout
    again = run_cli("token", "create", "alice", "--db", db)
    assert again.returncode == 1 and "exists already" in again.stderr and "Traceback" not in again.stderr
    bad = run_cli("token", "create", "bob", "--role", "king", "--db", db)
    assert bad.returncode == 2
    ledger = Ledger.open(db)
    try:
        me = TestClient(create_app(ledger)).get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    finally:
        ledger.close()
    assert me.json() == {"name": "alice", "role": "admin", "public_reads": True}


def test_cli_serve_with_two_workers_answers_from_each(tmp_path: Path) -> None:
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time

    import httpx

    from .sample import fill

    db = str(tmp_path / "ledger.db")
    ledger = Ledger.open(db)
    fill(ledger)
    ledger.close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    src = str(Path(__file__).resolve().parents[2] / "src")
    proc = subprocess.Popen([sys.executable, "-m", "skyledger", "serve", "--db", db, "--port", str(port),
                             "--workers", "2"], env={**os.environ, "PYTHONPATH": src}, start_new_session=True,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                meta = httpx.get(f"http://127.0.0.1:{port}/api/v1/meta", timeout=5)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, "the server did not start"
                time.sleep(0.3)
        assert meta.json()["incidents"] == 5
        # one connection per request, so that requests reach both workers
        totals = {httpx.get(f"http://127.0.0.1:{port}/api/v1/incidents").json()["total"] for _ in range(6)}
        assert totals == {5}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
