"""Answers to public reads sent again, byte for byte, while the ledger is unchanged.

The list and the statistics are what the dashboard and most API clients ask for, over and
over with the same parameters. The service keeps what it computed (`serve.cache`), but a
kept answer still went through routing, parameter validation, the dependency tree and a
worker thread: about a millisecond of CPU per request, which caps one process at some 800
requests a second. This ASGI layer sits in front of the app and answers a GET it answered
before (same path, same query string, no credentials) straight from memory, checking only
that the ledger has not changed since: the stamp of `serve.cache`, read over a database
connection of its own with the driver's cursor, a few microseconds on SQLite.

Only anonymous requests on a server with public reads take this path; a request with an
Authorization header, a private server, any other method or path, and every answer other
than a complete 200 go through the app as before. The stamp is read before the app computes
the answer, so an answer is never kept under a stamp newer than its data (`serve.cache`).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from sqlalchemy import Engine

from skyledger.serve.cache import STAMP_SQL, ResultCache, Stamp

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]



class Stamper:
    """The ledger's stamp read over one driver connection kept for it (autocommit, so each
    read sees the latest commit); a failed read drops the connection and says None.

    It runs on the event loop, so after a failure it waits `retry_after` seconds before it
    connects again: a database that is down must not hold the loop with a connection attempt
    per request (the app answers those, from its worker threads, with its own error).
    """

    def __init__(self, engine: Engine, retry_after: float = 5.0) -> None:
        self.engine = engine
        self.retry_after = retry_after
        self._conn: Any = None
        self._failed_at = -math.inf
        self._lock = threading.Lock()

    def __call__(self) -> Stamp | None:
        with self._lock:
            if self._conn is None and time.monotonic() - self._failed_at < self.retry_after:
                return None
            try:
                if self._conn is None:
                    self._conn = self._open()
                cursor = self._conn.cursor()
                try:
                    cursor.execute(STAMP_SQL)
                    return tuple(cursor.fetchone())
                finally:
                    cursor.close()
            except Exception:  # noqa: BLE001 - the app answers instead, and reports the error itself
                self.close()
                self._failed_at = time.monotonic()
                return None

    def _open(self) -> Any:
        pooled = self.engine.raw_connection()
        conn = pooled.driver_connection
        pooled.detach()  # ours for good, not the pool's
        if hasattr(conn, "autocommit"):  # psycopg: no transaction left open between reads
            conn.autocommit = True
        return conn

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:  # noqa: BLE001 - closing a broken connection
                pass
            self._conn = None


class KeptAnswers:
    """ASGI middleware: repeat a kept 200 answer to an anonymous GET of `paths` while the
    stamp is unchanged; otherwise pass the request on and keep what the app answers."""

    def __init__(self, app: ASGIApp, stamper: Callable[[], Stamp | None], paths: frozenset[str],
                 size: int = 4096, max_bytes: int = 128 * 2**20) -> None:
        self.app = app
        self.stamper = stamper
        self.paths = paths
        self.kept = ResultCache(size, max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._eligible(scope):
            await self.app(scope, receive, send)
            return
        now = self.stamper()
        if now is None:
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope["query_string"])
        found = self.kept.lookup(now, key)
        if found is not None:
            headers, body = found
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, self._keeping(send, now, key))

    def _eligible(self, scope: Scope) -> bool:
        return (scope["type"] == "http" and scope["method"] == "GET" and scope["path"] in self.paths
                and not any(name == b"authorization" for name, _ in scope["headers"]))

    def _keeping(self, send: Send, now: Stamp, key: tuple[str, bytes]) -> Send:
        """`send`, also keeping the answer if it is a 200 sent in one piece."""
        start: Message = {}

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif (message["type"] == "http.response.body" and start.get("status") == 200
                  and not message.get("more_body") and not start.get("trailers")):
                self.kept.keep(now, key, (list(start.get("headers", [])), bytes(message.get("body", b""))))
            await send(message)
        return sending
