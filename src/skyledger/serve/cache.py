"""Results the API has computed, kept until the ledger or the review log changes.

The ledger changes only when a document is stored (every ingest inserts a `documents` row)
and the review log only grows (actions and undos are appended, never edited), so the
highest document id and the highest action id together name the data a result was
computed from: one cheap query (two index lookups) per request tells whether a kept result
still holds. Counting a million incidents or folding the review log on every page would
otherwise cost more than the page.

The stamp is read before the result is computed: a write landing in between makes the next
request miss (a newer stamp), never serve an older result.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import Connection

from skyledger.store.review import review_actions
from skyledger.store.tables import documents

T = TypeVar("T")
Stamp = tuple[Any, ...]


# What the ledger and the review log are now: their highest ids. Plain SQL, so that the kept
# answers (`serve.answers`) can run it on a driver cursor of their own.
STAMP_SQL = f"SELECT (SELECT max(id) FROM {documents.name}), (SELECT max(id) FROM {review_actions.name})"


def stamp(conn: Connection) -> Stamp:
    """What the ledger and the review log are now: their highest ids."""
    return tuple(conn.exec_driver_sql(STAMP_SQL).one())


def _weight(value: Any) -> int:
    """The bytes a kept value holds: JSON bodies (alone or in a tuple with their headers) count."""
    if isinstance(value, tuple):
        return sum(_weight(v) for v in value)
    return len(value) if isinstance(value, bytes) else 0


class ResultCache:
    """Up to `size` results per stamp and `max_bytes` of JSON among them, least recently used
    dropped first; safe across threads."""

    def __init__(self, size: int, max_bytes: int = 256 * 2**20) -> None:
        self.size, self.max_bytes = size, max_bytes
        self._stamp: Stamp | None = None
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._bytes = 0
        self._running: dict[tuple[Stamp, Hashable], threading.Event] = {}
        self._lock = threading.Lock()

    def get(self, now: Stamp, key: Hashable, compute: Callable[[], T]) -> T:
        """The result kept for `key` at stamp `now`, or `compute()` (kept for next time).

        Threads asking at once for a result nobody has yet do not each compute it: the first
        computes, the others wait for it and take what it kept (right after a ledger change,
        every request misses at the same moment, and the review log alone costs about a
        second of CPU on a large ledger).
        """
        while True:
            found = self.lookup(now, key)
            if found is not None:
                return found  # type: ignore[no-any-return]
            with self._lock:
                running = self._running.get((now, key))
                if running is None:
                    running = self._running[(now, key)] = threading.Event()
                    break
            running.wait()  # then look again: it may not have been kept (too large, or stamp moved on)
        try:
            value = compute()
            self.keep(now, key, value)
            return value
        finally:
            with self._lock:
                del self._running[(now, key)]
            running.set()

    def lookup(self, now: Stamp, key: Hashable) -> Any:
        """The result kept for `key` at stamp `now`, or None; a new stamp drops everything kept."""
        with self._lock:
            if now != self._stamp:
                self._stamp = now
                self._items.clear()
                self._bytes = 0
            elif key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        return None

    def keep(self, now: Stamp, key: Hashable, value: Any) -> None:
        """Keep `value` for `key` if `now` is still the newest stamp seen."""
        with self._lock:
            if now == self._stamp and key not in self._items and _weight(value) <= self.max_bytes:
                self._items[key] = value
                self._bytes += _weight(value)
                while len(self._items) > self.size or self._bytes > self.max_bytes:
                    self._bytes -= _weight(self._items.popitem(last=False)[1])
