"""The watcher: poll each source when it is due, pass on what is new, back off on failure.

Data flows one way: fetch (fetch.py) -> read by content (ingest.parse_content) -> keep only
posts not seen with the same text (the cursor) -> sink -> cursor saved. The cursor is saved
only after the sink took every new item, so a crash passes items on again rather than losing
them.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import httpx

from skyledger.ingest import checked, parse_content
from skyledger.ingest.decoding import InputProblem
from skyledger.model import RawItem, ReadError
from skyledger.watch.config import SourceConfig, WatchConfig
from skyledger.watch.cursors import MAX_SEEN, Cursor, CursorStore
from skyledger.watch.fetch import FetchFailure, fetch
from skyledger.watch.sinks import Sink

logger = logging.getLogger(__name__)

BACKOFF_BASE = 30.0
BACKOFF_MAX = 3600.0
RETRY_AFTER_MAX = 6 * 3600.0


@dataclass(frozen=True, slots=True)
class PollResult:
    """What one poll of one source did."""

    source: str
    status: str  # "new", "unchanged", "not_modified", "failed", "skipped"
    new: int = 0
    detail: str = ""


def backoff(failures: int, retry_after: float | None = None) -> float:
    """Seconds to wait after `failures` failed polls in a row: doubling from 30 s up to an hour,
    or longer when the server asked for it (Retry-After, up to six hours)."""
    delay = min(BACKOFF_BASE * 2 ** (failures - 1), BACKOFF_MAX)
    if retry_after is not None:
        delay = max(delay, min(retry_after, RETRY_AFTER_MAX))
    return delay


def text_hash(text: str) -> str:
    """A short fingerprint of a post's text, to notice edits."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class Watcher:
    """Polls the sources of a WatchConfig; see `run_round` and `run_forever`."""

    def __init__(
        self,
        config: WatchConfig,
        cursors: CursorStore,
        sink: Sink,
        *,
        client: httpx.Client | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.config = config
        self.cursors = cursors
        self.sink = sink
        self.client = client or httpx.Client(follow_redirects=True, headers={"User-Agent": config.user_agent})
        self.clock = clock
        self.sleep = sleep

    def run_round(self, *, due_only: bool = True) -> list[PollResult]:
        """Poll every source that is due (or, with due_only=False, every source not backing off)."""
        return [self.poll(source, due_only=due_only) for source in self.config.sources]

    def run_forever(self, stop: Callable[[], bool] = lambda: False) -> None:
        """Poll sources as they fall due until `stop()` says so."""
        while not stop():
            self.run_round()
            wait = min(self.due_at(s) for s in self.config.sources) - self.clock()
            if wait > 0:
                self.sleep(min(wait, 60.0))

    def due_at(self, source: SourceConfig) -> float:
        """When a source should next be polled (Unix time)."""
        cursor = self.cursors.get(source.name) or Cursor()
        if cursor.failures and cursor.retry_at is not None:
            return cursor.retry_at
        return 0.0 if cursor.last_polled is None else cursor.last_polled + source.interval

    def poll(self, source: SourceConfig, *, due_only: bool = True) -> PollResult:
        """Poll one source if it is due; never raises."""
        cursor = self.cursors.get(source.name) or Cursor()
        now = self.clock()
        if cursor.failures and cursor.retry_at is not None and now < cursor.retry_at:
            logger.info("%s: backing off after %d failure(s); next try in %.0f s",
                        source.name, cursor.failures, cursor.retry_at - now)
            return PollResult(source.name, "skipped", detail="backing off")
        if due_only and now < self.due_at(source):
            return PollResult(source.name, "skipped", detail="not due")
        try:
            return self._poll(source, cursor, now)
        except FetchFailure as failure:
            return self._failed(source, cursor, now, failure.reason, failure.retry_after)
        except Exception as exc:  # a bug or a sink failure must not stop the other sources
            logger.exception("%s: poll failed", source.name)
            return self._failed(source, cursor, now, f"{type(exc).__name__}: {exc}", None)

    def _poll(self, source: SourceConfig, cursor: Cursor, now: float) -> PollResult:
        fetched = fetch(self.client, source.url, etag=cursor.etag, last_modified=cursor.last_modified,
                        timeout=source.timeout, max_bytes=source.max_bytes)
        if fetched.status == 304:
            logger.info("%s: not modified (HTTP 304, %.2f s)", source.name, fetched.seconds)
            self.cursors.put(source.name, replace(cursor, failures=0, retry_at=None, last_polled=now))
            return PollResult(source.name, "not_modified")
        try:
            items = list(checked(parse_content(fetched.body, source.name)))
        except InputProblem as problem:
            raise FetchFailure(f"unreadable content ({problem.code}: {problem.reason})") from problem
        for error in (i for i in items if isinstance(i, ReadError)):
            logger.warning("%s: skipped an item: %s", source.name, error.message)
        posts = [i for i in items if isinstance(i, RawItem)]
        seen = dict(cursor.seen)
        new = [p for p in posts if seen.get(_key(p)) != text_hash(p.text)]
        for post in new:
            self.sink.accept(post)
            seen.pop(_key(post), None)
            seen[_key(post)] = text_hash(post.text)
        kept = dict(list(seen.items())[-MAX_SEEN:])
        self.cursors.put(source.name, Cursor(fetched.etag, fetched.last_modified, kept, 0, None, now))
        logger.info("%s: %d new of %d item(s) (HTTP 200, %d bytes, %.2f s)",
                    source.name, len(new), len(posts), len(fetched.body), fetched.seconds)
        return PollResult(source.name, "new" if new else "unchanged", len(new))

    def _failed(self, source: SourceConfig, cursor: Cursor, now: float, reason: str,
                retry_after: float | None) -> PollResult:
        failures = cursor.failures + 1
        delay = backoff(failures, retry_after)
        asked = f", Retry-After {retry_after:.0f} s" if retry_after is not None else ""
        logger.warning("%s: %s%s; failure %d in a row, next try in %.0f s",
                       source.name, reason, asked, failures, delay)
        self.cursors.put(source.name, replace(cursor, failures=failures, retry_at=now + delay, last_polled=now))
        return PollResult(source.name, "failed", detail=reason)


def _key(item: RawItem) -> str:
    """The identity of a post across polls: its id at the source, else its URL, else its item id."""
    return item.post_id or item.url or item.id


def summary(results: Iterable[PollResult]) -> str:
    """One line for a round: counts of new items and of each outcome."""
    results = list(results)
    new = sum(r.new for r in results)
    kinds = {}
    for r in results:
        kinds[r.status] = kinds.get(r.status, 0) + 1
    return f"{new} new item(s); " + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(kinds.items()))
