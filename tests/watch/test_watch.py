"""`skyledger watch` against feeds and channel previews served from 127.0.0.1 by the test.

The server is real (http.server in a thread); each path plays one kind of source: a feed with
validators, one that fails, one that stalls, one that rate-limits, one that returns garbage.
Only the clock is the test's, so back-off can be stepped through without waiting.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from skyledger.model import RawItem
from skyledger.watch import (
    ConfigError,
    Cursor,
    JsonCursorStore,
    Watcher,
    backoff,
    load_config,
)
from skyledger.watch.config import SourceConfig, WatchConfig
from skyledger.watch.fetch import retry_after

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"
RSS = (FIXTURES / "feed_en.rss").read_bytes()
PREVIEW = (FIXTURES / "tg_preview_uk.html").read_bytes()
EXTRA_ITEM = b"""  <item>
    <title>Drones shot down over Voronezh region</title>
    <link>https://news.example/2025/12/14/voronezh</link>
    <guid isPermaLink="false">fw-2025-1214-004</guid>
    <pubDate>Sun, 14 Dec 2025 12:05:00 +0300</pubDate>
    <description>Air defences destroyed four drones over the Voronezh region, the governor said.</description>
  </item>
</channel>"""


@dataclass
class Route:
    """How the test server answers one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    retry_after: str | None = None
    stall: float = 0.0
    requests: list[dict[str, str]] = field(default_factory=list)


class Server:
    """A threaded HTTP server on 127.0.0.1 whose routes the test changes between rounds."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.release = threading.Event()
        routes, release = self.routes, self.release

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                route = routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                route.requests.append(dict(self.headers.items()))
                if route.stall:
                    release.wait(route.stall)
                    return
                fresh = (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                    route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified)
                status = 304 if fresh and route.status == 200 else route.status
                self.send_response(status)
                for name, value in (("ETag", route.etag), ("Last-Modified", route.last_modified),
                                    ("Retry-After", route.retry_after)):
                    if value:
                        self.send_header(name, value)
                body = b"" if status == 304 else route.body
                if status != 304:
                    self.send_header("Content-Type", route.content_type)
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    yield srv
    srv.close()


class Collect:
    """A sink that keeps what it is given."""

    def __init__(self) -> None:
        self.items: list[RawItem] = []

    def accept(self, item: RawItem) -> None:
        self.items.append(item)

    def take(self) -> list[str | None]:
        got = [i.post_id for i in self.items]
        self.items.clear()
        return got


class Clock:
    def __init__(self) -> None:
        self.now = 1_765_700_000.0

    def __call__(self) -> float:
        return self.now


def make_watcher(server: Server, tmp_path: Path, *paths: str, timeout: float = 5.0,
                 sink: Collect | None = None) -> tuple[Watcher, Collect, Clock]:
    sources = tuple(SourceConfig(name=p.strip("/"), url=server.url(p), interval=300, timeout=timeout)
                    for p in paths)
    sink = sink or Collect()
    clock = Clock()
    watcher = Watcher(WatchConfig(sources), JsonCursorStore(tmp_path / "state.json"), sink, clock=clock)
    return watcher, sink, clock


def statuses(results) -> dict[str, str]:
    return {r.source: r.status for r in results}


def test_only_new_items_are_passed_on_across_rounds(server: Server, tmp_path: Path) -> None:
    server.routes["/feed"] = Route(RSS)
    watcher, sink, _ = make_watcher(server, tmp_path, "/feed")
    assert statuses(watcher.run_round(due_only=False)) == {"feed": "new"}
    assert sink.take() == ["fw-2025-1214-001", "fw-2025-1214-002"]
    assert sink.items == [] and statuses(watcher.run_round(due_only=False)) == {"feed": "unchanged"}
    assert sink.take() == []
    server.routes["/feed"].body = RSS.replace(b"</channel>", EXTRA_ITEM)
    watcher.run_round(due_only=False)
    assert sink.take() == ["fw-2025-1214-004"]
    # an edited entry (same id, new text) is passed on again as a new version
    server.routes["/feed"].body = RSS.replace(b"No one was hurt.", b"One person was slightly hurt.")
    watcher.run_round(due_only=False)
    (edited,) = sink.items
    assert edited.post_id == "fw-2025-1214-001" and "slightly hurt" in edited.text


def test_cursors_survive_a_restart(server: Server, tmp_path: Path) -> None:
    server.routes["/feed"] = Route(RSS)
    first, sink, _ = make_watcher(server, tmp_path, "/feed")
    first.run_round(due_only=False)
    again, sink2, _ = make_watcher(server, tmp_path, "/feed")
    again.run_round(due_only=False)
    assert len(sink.items) == 2 and sink2.items == []


@pytest.mark.parametrize(
    ("validators", "header"),
    [({"etag": '"v1"'}, "If-None-Match"), ({"last_modified": "Sun, 14 Dec 2025 09:00:00 GMT"}, "If-Modified-Since")],
)
def test_conditional_requests_and_304(server: Server, tmp_path: Path, validators: dict, header: str,
                                      caplog: pytest.LogCaptureFixture) -> None:
    server.routes["/feed"] = route = Route(RSS, **validators)
    watcher, sink, _ = make_watcher(server, tmp_path, "/feed")
    watcher.run_round(due_only=False)
    assert header not in route.requests[0]
    with caplog.at_level(logging.INFO, logger="skyledger.watch"):
        assert statuses(watcher.run_round(due_only=False)) == {"feed": "not_modified"}
    assert route.requests[1][header] == next(iter(validators.values()))
    assert len(sink.items) == 2
    assert "feed: not modified (HTTP 304" in caplog.text


def test_due_sources_follow_their_interval(server: Server, tmp_path: Path) -> None:
    server.routes["/feed"] = route = Route(RSS)
    watcher, _, clock = make_watcher(server, tmp_path, "/feed")
    watcher.run_round()
    clock.now += 299
    assert statuses(watcher.run_round()) == {"feed": "skipped"}
    clock.now += 2
    assert statuses(watcher.run_round()) == {"feed": "unchanged"}
    assert len(route.requests) == 2


def test_failing_source_backs_off_and_the_others_go_on(server: Server, tmp_path: Path,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    server.routes["/down"] = down = Route(b"Internal error", status=500, content_type="text/plain")
    server.routes["/feed"] = Route(RSS)
    watcher, sink, clock = make_watcher(server, tmp_path, "/down", "/feed")
    with caplog.at_level(logging.INFO, logger="skyledger.watch"):
        assert statuses(watcher.run_round(due_only=False)) == {"down": "failed", "feed": "new"}
        assert "down: HTTP 500; failure 1 in a row, next try in 30 s" in caplog.text
        assert statuses(watcher.run_round(due_only=False)) == {"down": "skipped", "feed": "unchanged"}
        assert len(down.requests) == 1  # no request while backing off
        clock.now += 31
        watcher.run_round(due_only=False)
        assert "failure 2 in a row, next try in 60 s" in caplog.text
    cursor = watcher.cursors.get("down")
    assert cursor is not None and (cursor.failures, cursor.retry_at) == (2, clock.now + 60)
    down.status, down.body = 200, RSS
    clock.now += 61
    sink.items.clear()
    assert statuses(watcher.run_round(due_only=False))["down"] == "new"
    assert len(sink.items) == 2
    assert watcher.cursors.get("down").failures == 0


def test_stalled_server_times_out(server: Server, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    server.routes["/stall"] = Route(stall=30)
    server.routes["/feed"] = Route(RSS)
    watcher, sink, _ = make_watcher(server, tmp_path, "/stall", "/feed", timeout=0.5)
    started = time.monotonic()
    with caplog.at_level(logging.INFO, logger="skyledger.watch"):
        assert statuses(watcher.run_round(due_only=False)) == {"stall": "failed", "feed": "new"}
    assert time.monotonic() - started < 10
    assert "stall: timed out after 0.5 s" in caplog.text
    assert len(sink.items) == 2


@pytest.mark.parametrize(("status", "header", "wait"), [(429, "120", 120), (503, "5", 30), (429, None, 30)])
def test_rate_limit_honours_retry_after(server: Server, tmp_path: Path, status: int, header: str | None,
                                        wait: float, caplog: pytest.LogCaptureFixture) -> None:
    server.routes["/busy"] = Route(b"slow down", status=status, retry_after=header)
    watcher, _, clock = make_watcher(server, tmp_path, "/busy")
    with caplog.at_level(logging.INFO, logger="skyledger.watch"):
        watcher.run_round(due_only=False)
    assert watcher.cursors.get("busy").retry_at == clock.now + wait
    assert f"busy: HTTP {status}" in caplog.text


@pytest.mark.parametrize(
    "body",
    [b"<rss><<<>>>&&&", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), b"",
     b'{"name": "x", "messages": [', b"<html><body></body></html>"],
)
def test_garbage_is_logged_and_backed_off(server: Server, tmp_path: Path, body: bytes,
                                          caplog: pytest.LogCaptureFixture) -> None:
    server.routes["/junk"] = Route(body)
    server.routes["/feed"] = Route(RSS)
    watcher, sink, _ = make_watcher(server, tmp_path, "/junk", "/feed")
    with caplog.at_level(logging.INFO, logger="skyledger.watch"):
        assert statuses(watcher.run_round(due_only=False)) == {"junk": "failed", "feed": "new"}
    assert "junk: unreadable content (" in caplog.text
    assert "Traceback" not in caplog.text
    assert len(sink.items) == 2


def test_oversized_answer_is_refused(server: Server, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    server.routes["/big"] = Route(RSS * 40)
    sources = (SourceConfig("big", server.url("/big"), max_bytes=10_000),)
    watcher = Watcher(WatchConfig(sources), JsonCursorStore(tmp_path / "s.json"), Collect())
    with caplog.at_level(logging.INFO, logger="skyledger.watch"):
        assert statuses(watcher.run_round()) == {"big": "failed"}
    assert "response too large" in caplog.text


def test_telegram_preview_new_posts_only(server: Server, tmp_path: Path) -> None:
    server.routes["/s/skyfixture_uk"] = Route(PREVIEW, content_type="text/html; charset=utf-8")
    watcher, sink, _ = make_watcher(server, tmp_path, "/s/skyfixture_uk")
    watcher.run_round(due_only=False)
    assert sink.take() == ["1201", "1202", "1203", "1205"]
    newer = PREVIEW.replace(b'data-post="skyfixture_uk/1201"', b'data-post="skyfixture_uk/1207"')
    server.routes["/s/skyfixture_uk"].body = newer
    watcher.run_round(due_only=False)
    assert sink.take() == ["1207"]
    assert sink.items == []


def test_a_failing_sink_keeps_the_cursor(server: Server, tmp_path: Path) -> None:
    class Broken(Collect):
        def accept(self, item: RawItem) -> None:
            raise RuntimeError("ledger unavailable")

    server.routes["/feed"] = Route(RSS)
    watcher, _, clock = make_watcher(server, tmp_path, "/feed", sink=Broken())
    assert statuses(watcher.run_round(due_only=False)) == {"feed": "failed"}
    watcher.sink = Collect()
    clock.now += 31
    watcher.run_round(due_only=False)
    assert len(watcher.sink.items) == 2


def test_run_forever_polls_each_source_at_its_interval(server: Server, tmp_path: Path) -> None:
    server.routes["/fast"] = fast = Route(RSS)
    server.routes["/slow"] = slow = Route(RSS)
    sources = (SourceConfig("fast", server.url("/fast"), interval=60),
               SourceConfig("slow", server.url("/slow"), interval=600))
    clock = Clock()
    start = clock.now

    def sleep(seconds: float) -> None:
        clock.now += seconds

    watcher = Watcher(WatchConfig(sources), JsonCursorStore(tmp_path / "s.json"), Collect(),
                      clock=clock, sleep=sleep)
    watcher.run_forever(stop=lambda: clock.now >= start + 1200)
    assert (len(fast.requests), len(slow.requests)) == (20, 2)  # at 0, 60, ... 1140; at 0 and 600


def test_backoff_and_retry_after_values() -> None:
    assert [backoff(n) for n in (1, 2, 3, 8, 20)] == [30, 60, 120, 3600, 3600]
    assert backoff(1, 600) == 600 and backoff(1, 10**9) == 6 * 3600
    assert retry_after("120") == 120
    assert retry_after("Sun, 14 Dec 2025 10:02:00 GMT", now=1765706400.0) == 120
    assert retry_after("soon") is None and retry_after(None) is None


def test_cursor_store_is_atomic_and_recovers_from_a_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "state.json"
    store = JsonCursorStore(path)
    store.put("a", Cursor(etag='"x"', seen={"1": "h1"}, failures=2, retry_at=5.0))
    assert JsonCursorStore(path).get("a") == Cursor(etag='"x"', seen={"1": "h1"}, failures=2, retry_at=5.0)
    assert [p.name for p in path.parent.iterdir()] == ["state.json"]  # no temporary files left
    path.write_text("{not json", "utf-8")
    fresh = JsonCursorStore(path)
    assert fresh.get("a") is None
    assert (path.parent / "state.json.corrupt").read_text("utf-8") == "{not json"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("", "no [[source]] tables"),
        ('[[source]]\nurl = "https://a.example/rss"', "needs a name"),
        ('[[source]]\nname = "a"', "exactly one of url or telegram"),
        ('[[source]]\nname = "a"\nurl = "ftp://a.example/rss"', "http(s) URL"),
        ('[[source]]\nname = "a"\ntelegram = "no spaces allowed"', "public channel username"),
        ('[[source]]\nname = "a"\nurl = "https://a.example/"\ninterval = -5', "interval must be a positive"),
        ('[[source]]\nname = "a"\nurl = "https://a.example/"\n[[source]]\nname = "a"\nurl = "https://b.example/"',
         "repeated: a"),
        ('[[source]]\nname = "a"\nurl = "https://a.example/"\ncolour = "red"', "unknown key(s) colour"),
        ("[[source]\n", "invalid TOML"),
    ],
)
def test_config_errors_name_the_problem(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(toml, "utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).startswith(str(path)) and message in str(info.value)


def test_config_defaults_and_telegram_channels(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text('interval = 120\n[[source]]\nname = "air"\ntelegram = "@skyfixture_uk"\n'
                    '[[source]]\nname = "wire"\nurl = "https://news.example/rss"\ninterval = 900\n', "utf-8")
    air, wire = load_config(path).sources
    assert (air.url, air.interval) == ("https://t.me/s/skyfixture_uk", 120)
    assert (wire.url, wire.interval) == ("https://news.example/rss", 900)


def test_watch_command_once(server: Server, tmp_path: Path, run_cli) -> None:
    server.routes["/feed"] = Route(RSS)
    server.routes["/s/skyfixture_uk"] = Route(PREVIEW, content_type="text/html; charset=utf-8")
    server.routes["/down"] = Route(b"", status=500)
    config = tmp_path / "sources.toml"
    config.write_text(
        f'timeout = 5\n'
        f'[[source]]\nname = "wire"\nurl = "{server.url("/feed")}"\n'
        f'[[source]]\nname = "broken"\nurl = "{server.url("/down")}"\n'
        f'[[source]]\nname = "air"\nurl = "{server.url("/s/skyfixture_uk")}"\n', "utf-8")
    state = tmp_path / "state.json"
    first = run_cli("watch", config, "--once", "--print", "--state", state)
    assert first.returncode == 0, first.stderr
    lines = [json.loads(x) for x in first.stdout.splitlines()]
    assert [(x["source"]["name"], x["source"]["post_id"]) for x in lines] == [
        ("Frontier Wire (test feed)", "fw-2025-1214-001"), ("Frontier Wire (test feed)", "fw-2025-1214-002"),
        *[("Повітряне командування (тест)", n) for n in ("1201", "1202", "1203", "1205")]]
    belgorod = lines[0]
    assert belgorod["published"] == "2025-12-14T07:15:00+03:00"
    assert any(i["location"]["admin1"] == "RU-BEL" and i["count"] == 11 for i in belgorod["incidents"])
    assert "wire: 2 new of 2 item(s)" in first.stderr
    assert "broken: HTTP 500" in first.stderr
    assert "air: skipped an item:" in first.stderr and "item7" in first.stderr
    assert "Traceback" not in first.stderr
    second = run_cli("watch", config, "--once", "--print", "--state", state)
    assert second.returncode == 0 and second.stdout == ""
    assert "broken: backing off after 1 failure(s)" in second.stderr
    assert set(json.loads(state.read_text("utf-8"))["sources"]) == {"wire", "broken", "air"}


def test_cursor_store_sets_aside_a_binary_file_and_refuses_an_unusable_place(tmp_path: Path) -> None:
    from skyledger.watch.cursors import StateError

    binary = tmp_path / "state.json"
    binary.write_bytes(b"\xff\xfe\x00\x01")
    assert JsonCursorStore(binary).get("a") is None
    assert (tmp_path / "state.json.corrupt").read_bytes() == b"\xff\xfe\x00\x01"
    a_file = tmp_path / "plain"
    a_file.write_text("not a directory", "utf-8")
    with pytest.raises(StateError, match="plain/state.json"):
        JsonCursorStore(a_file / "state.json")


def test_watch_command_says_why_it_cannot_keep_its_state(tmp_path: Path, run_cli) -> None:
    config = tmp_path / "sources.toml"
    config.write_text('[[source]]\nname = "wire"\nurl = "http://127.0.0.1:9/feed.xml"\n', "utf-8")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a directory should be", "utf-8")
    result = run_cli("watch", config, "--once", "--print", "--state", blocker / "state.json")
    assert result.returncode == 2 and "cannot read the state" in result.stderr
    assert "Traceback" not in result.stderr


def test_watch_command_refuses_a_state_file_it_would_not_use(tmp_path: Path, run_cli) -> None:
    config = tmp_path / "sources.toml"
    config.write_text('[[source]]\nname = "wire"\nurl = "http://127.0.0.1:9/feed.xml"\n', "utf-8")
    result = run_cli("watch", config, "--once", "--state", tmp_path / "state.json")
    assert result.returncode == 2 and "--state applies with --print" in result.stderr


def test_watch_command_bad_config(tmp_path: Path, run_cli) -> None:
    missing = run_cli("watch", tmp_path / "nope.toml", "--once", "--print", "--state", tmp_path / "s.json")
    assert missing.returncode == 2 and "nope.toml: no such file" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_watch_command_stores_new_posts_and_cursors_in_the_ledger(server: Server, tmp_path: Path, run_cli,
                                                                 ledger_db) -> None:
    from skyledger.store import Ledger

    server.routes["/feed"] = Route(RSS)
    config = tmp_path / "sources.toml"
    config.write_text(f'timeout = 5\n[[source]]\nname = "wire"\nurl = "{server.url("/feed")}"\n', "utf-8")
    first = run_cli("watch", config, "--once", "--db", ledger_db)
    assert first.returncode == 0, first.stderr
    assert first.stdout == "" and "wire: 2 new of 2 item(s)" in first.stderr
    ledger = Ledger.open(ledger_db)
    try:
        documents, incidents = ledger.counts()
        assert documents == 2 and incidents >= 1
        cursor = ledger.cursor("wire")
        assert cursor is not None and len(cursor["seen"]) == 2
        assert any(e.admin1 == "RU-BEL" for e in ledger.entries())
    finally:
        ledger.close()
    second = run_cli("watch", config, "--once", "--db", ledger_db)
    assert second.returncode == 0 and "wire: 0 new of 2 item(s)" in second.stderr, second.stderr
    ledger = Ledger.open(ledger_db)
    try:
        assert ledger.counts()[0] == 2
    finally:
        ledger.close()


def test_an_edited_post_becomes_a_new_version_in_the_ledger(server: Server, tmp_path: Path, run_cli,
                                                            ledger_db) -> None:
    from sqlalchemy import select

    from skyledger.store import Ledger
    from skyledger.store.tables import documents

    server.routes["/feed"] = Route(RSS)
    config = tmp_path / "sources.toml"
    config.write_text(f'timeout = 5\n[[source]]\nname = "wire"\nurl = "{server.url("/feed")}"\n', "utf-8")
    assert run_cli("watch", config, "--once", "--db", ledger_db).returncode == 0
    server.routes["/feed"].body = RSS.replace(b"No one was hurt.", b"One person was slightly hurt.")
    edited = run_cli("watch", config, "--once", "--db", ledger_db)
    assert edited.returncode == 0 and "wire: 1 new of 2 item(s)" in edited.stderr, edited.stderr
    ledger = Ledger.open(ledger_db)
    try:
        with ledger.engine.connect() as conn:
            d = documents.c
            versions = conn.execute(select(d.version, d.is_latest, d.text).where(d.post_id == "fw-2025-1214-001")
                                    .order_by(d.version)).all()
        assert [(v.version, bool(v.is_latest)) for v in versions] == [(1, False), (2, True)]
        assert "slightly hurt" in versions[1].text and "No one was hurt." in versions[0].text
        injured = [e for e in ledger.entries() if e.admin1 == "RU-BEL"]
        assert injured, "the edited post still feeds the ledger"
    finally:
        ledger.close()
