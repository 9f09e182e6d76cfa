"""The ledger as the watcher's sink and cursor store: new posts are ingested, cursors kept beside them."""

from __future__ import annotations

import logging

from skyledger.model import RawItem
from skyledger.store import Ledger
from skyledger.store.ingest import store_item
from skyledger.watch.cursors import Cursor

log = logging.getLogger(__name__)


class LedgerCursors:
    """Cursors stored in the ledger's `watch_cursors` table."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def get(self, source: str) -> Cursor | None:
        data = self.ledger.cursor(source)
        return None if data is None else Cursor.from_json(data)

    def put(self, source: str, cursor: Cursor) -> None:
        self.ledger.put_cursor(source, cursor.to_json())


class LedgerSink:
    """Stores each new post with its extraction and resolves it into the ledger (one transaction).

    A post whose text is stored already changes nothing; an edited post is a new version of
    its document. An extraction failure raises, so the watcher keeps the source's cursor and
    offers the post again on the next poll.
    """

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.new = self.known = 0

    def accept(self, item: RawItem) -> None:
        stored = store_item(self.ledger, item)
        if stored.status == "failed":
            raise RuntimeError(stored.message)
        if stored.status == "known":
            self.known += 1
            return
        self.new += 1
        written = stored.written
        log.info("stored %s (%s): %d incident(s) created, %d updated", stored.document.id,
                 stored.document.source, len(written.created), len(written.updated))
