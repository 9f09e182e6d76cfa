"""The dashboard in Debian's Chromium (Playwright drives it; no browser is downloaded).

A real `skyledger serve` runs on a free port of 127.0.0.1 over the sample ledger. Each test
saves a screenshot under `test-artifacts/screenshots/` for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from skyledger.store import Ledger
from skyledger.store.review import create_token

from conftest import cli_command, cli_env
from .sample import fill

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium() -> str:
    path = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    problem = None
    if path is None:
        problem = "Debian's chromium is not installed (apt-get install -y chromium)"
    else:
        try:
            import playwright  # noqa: F401
        except ImportError:
            problem = "python playwright is not installed (pip install -e '.[test]')"
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{problem}, and CI=true requires browser tests")
        pytest.skip(problem)
    assert path is not None
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    db = str(tmp_path_factory.mktemp("dash") / "ledger.db")
    ledger = Ledger.open(db)
    fill(ledger)
    with ledger.engine.begin() as conn:
        token = create_token(conn, "alice", "analyst")
    ledger.close()
    port = _free_port()
    proc = subprocess.Popen([*cli_command(), "serve", "--db", db, "--port", str(port)], env=cli_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(url + "/api/v1/meta", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(f"skyledger serve exited: {proc.stderr.read() if proc.stderr else ''}")
                time.sleep(0.2)
        yield {"url": url, "token": token}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    width, height = getattr(request, "param", (1280, 900))
    context = browser.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert errors == []


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def api_json(server: dict[str, str], path: str) -> Any:
    import json

    return json.loads(urllib.request.urlopen(server["url"] + "/api/v1" + path, timeout=10).read())


def open_overview(page: Any, server: dict[str, str]) -> None:
    page.goto(server["url"] + "/")
    page.wait_for_function("document.body.dataset.ready === 'overview'")


def list_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all("#list tbody tr", "rows => rows.map(r => r.dataset.id)")


def shaded(page: Any) -> dict[str, int]:
    return page.eval_on_selector_all(
        "#map path[data-count]:not([data-count='0'])",
        "ps => Object.fromEntries(ps.map(p => [p.dataset.region, Number(p.dataset.count)]))")


def test_dashboard_map_shades_regions_and_counts_equal_the_api(page: Any, server: dict[str, str]) -> None:
    open_overview(page, server)
    api = api_json(server, "/incidents?limit=500")
    assert page.inner_text("[data-testid=total]") == str(api["total"])
    assert list_ids(page) == [i["id"] for i in api["items"]]
    stats = api_json(server, "/stats?by=admin1")
    expected = {r["key"]["admin1"]: sum(c["incidents"] for c in r["cells"].values())
                for r in stats["rows"] if r["report"] and r["key"]["admin1"][:3] in ("RU-", "UA-")}
    assert shaded(page) == expected and set(expected) == {"RU-BRY", "RU-KRS", "RU-KLU", "UA-30"}
    assert page.locator(".leaflet-interactive").count() > 100  # boundaries drawn, no tile server
    assert page.locator("#timeline rect").count() >= 2
    assert "GeoNames" in page.inner_text("footer") and "Natural Earth" in page.inner_text("footer")
    shot(page, "overview")


def test_dashboard_filters_change_list_and_map(page: Any, server: dict[str, str]) -> None:
    open_overview(page, server)
    page.select_option("select[name=admin1]", "RU-BRY")
    page.click("#filters button[type=submit]")
    page.wait_for_function("document.querySelectorAll('#list tbody tr').length === 1")
    assert shaded(page) == {"RU-BRY": 1}
    assert page.inner_text("[data-testid=total]") == "1"
    page.click("#clear")
    page.wait_for_function("document.querySelectorAll('#list tbody tr').length === 5")
    page.fill("input[name=since]", "2026-03-15")
    page.fill("input[name=until]", "2026-03-15")
    page.click("#filters button[type=submit]")
    page.wait_for_function("document.querySelectorAll('#list tbody tr').length === 2")
    assert shaded(page) == {"RU-KLU": 1, "UA-30": 1}
    assert "since=2026-03-15" in page.get_attribute("#csv", "href")
    shot(page, "filtered")


def test_dashboard_incident_page_highlights_evidence_and_escapes_text(page: Any, server: dict[str, str]) -> None:
    open_overview(page, server)
    bryansk = next(i for i in api_json(server, "/incidents")["items"] if i["region"] == "RU-BRY")
    page.click(f"#list tbody tr[data-id='{bryansk['id']}'] a")
    page.wait_for_function("document.body.dataset.ready === 'incident'")
    assert page.locator("[data-testid=source]").count() == 2
    assert not page.is_visible("#map")  # the overview gives way to the incident page
    marks = page.eval_on_selector_all("mark", "ms => ms.map(m => m.textContent)")
    assert "8 drones were shot down over the Bryansk Region" in marks
    assert "Nine of them were destroyed over the Bryansk Region" in marks
    assert "<b>Stay calm</b>" in page.inner_text(".sources")  # markup in a source is shown as text
    assert page.locator(".sources b").count() == 0
    assert page.inner_text("[data-testid=figure]").startswith("8–9")
    shot(page, "incident")


def test_dashboard_review_changes_the_incident_and_the_audit_log(page: Any, server: dict[str, str]) -> None:
    kaluga = next(i for i in api_json(server, "/incidents")["items"] if i["region"] == "RU-KLU")
    page.goto(server["url"] + "/#/incident/" + kaluga["id"])
    page.wait_for_function("document.body.dataset.ready === 'incident'")
    assert page.locator("[data-testid=review]").count() == 0  # no token: no review buttons
    page.fill("#token", server["token"])
    page.click("#token-form button")
    page.wait_for_selector("[data-testid=review]")
    page.click("[data-testid=review] button:has-text('Confirm')")
    page.wait_for_function("document.querySelector('[data-testid=status]').textContent === 'confirmed'")
    assert "alice: confirm" in page.inner_text("[data-testid=history]")
    assert api_json(server, f"/incidents/{kaluga['id']}")["review"]["status"] == "confirmed"
    page.select_option("select[name=field]", "count_high")
    page.fill("input[name=value]", "3")
    page.click("[data-testid=review] button:has-text('Correct')")
    page.wait_for_function("document.querySelector('[data-testid=figure]').textContent.startsWith('1–3')")
    shot(page, "reviewed")
    page.click("[data-testid=history] li[data-action=correct] button")
    page.wait_for_function("document.querySelector('[data-testid=figure]').textContent.startsWith('1 ')")
    assert page.locator("[data-testid=history] li.undone").count() == 1


@pytest.mark.parametrize("page", [(390, 844)], indirect=True)
def test_dashboard_reads_on_a_phone(page: Any, server: dict[str, str]) -> None:
    open_overview(page, server)
    shot(page, "phone")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    assert page.locator("#list tbody tr").count() == 5
