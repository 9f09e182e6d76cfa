"""The ledger store: documents, extractions and resolved incidents in SQLite or PostgreSQL.

`Ledger.open(db)` connects (a path, a URL, or the embedded default) and brings the schema
up to date; `add` stores one document in one transaction; the readers list and show.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, func, select

from skyledger.model import Document, Extraction
from skyledger.store import indexes, review  # noqa: F401  (their tables and indexes belong to the schema)
from skyledger.store.aliases import renamed_to
from skyledger.store.cursors import get_cursor, put_cursor
from skyledger.store.engine import StoreError, connect, database_url, default_path, upgrade
from skyledger.store.reader import (
    Detail, Entry, Filters, Source, SourceLine, details, get_detail, get_document, list_entries,
)
from skyledger.store.tables import documents, ledger_incidents
from skyledger.store.writer import Written, add_document, is_known

__all__ = ["Detail", "Entry", "Filters", "Ledger", "Source", "SourceLine", "StoreError", "Written",
           "database_url", "default_path"]


class Ledger:
    """A ledger database; every write is one transaction per document."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, db: str | None = None, *, migrate: bool = True) -> Ledger:
        """Connect to `db` (path, URL or the default file) and, by default, upgrade its schema."""
        ledger = cls(connect(db))
        if migrate:
            upgrade(ledger.engine)
        return ledger

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    def is_known(self, content_hash: str) -> bool:
        """True when a document with this content hash is stored already."""
        with self.engine.connect() as conn:
            return is_known(conn, content_hash)

    def add(self, document: Document, extraction: Extraction) -> Written:
        """Store one document and its extraction, and update the ledger, atomically."""
        with self.engine.begin() as conn:
            return add_document(conn, document, extraction)

    def document(self, content_hash: str) -> tuple[Document, Extraction] | None:
        """A stored document with its extraction, or None."""
        with self.engine.connect() as conn:
            return get_document(conn, content_hash)

    def entries(self, filters: Filters = Filters()) -> list[Entry]:
        """Ledger incidents matching the filters."""
        with self.engine.connect() as conn:
            return list_entries(conn, filters)

    def detail(self, ledger_id: str) -> Detail | None:
        """One ledger incident with all its sources, or None."""
        with self.engine.connect() as conn:
            return get_detail(conn, ledger_id)

    def renamed_to(self, ledger_id: str) -> str | None:
        """The id an incident once called `ledger_id` goes by now, or None (see `store.aliases`)."""
        with self.engine.connect() as conn:
            return renamed_to(conn, ledger_id)

    def details(self, filters: Filters = Filters(), chunk: int = 500) -> Iterator[Detail]:
        """Every matching ledger incident with its sources, loaded in chunks."""
        with self.engine.connect() as conn:
            entries = list_entries(conn, filters)
            for i in range(0, len(entries), chunk):
                yield from details(conn, entries[i:i + chunk])

    def cursor(self, source: str) -> dict[str, Any] | None:
        """What `skyledger watch` has read of a source (its cursor as JSON), or None."""
        with self.engine.connect() as conn:
            return get_cursor(conn, source)

    def put_cursor(self, source: str, cursor: dict[str, Any]) -> None:
        """Store a source's cursor (committed before returning)."""
        with self.engine.begin() as conn:
            put_cursor(conn, source, cursor)

    def counts(self) -> tuple[int, int]:
        """(documents, ledger incidents) stored."""
        with self.engine.connect() as conn:
            docs = conn.execute(select(func.count()).select_from(documents)).scalar_one()
            incidents = conn.execute(select(func.count()).select_from(ledger_incidents)).scalar_one()
            return docs, incidents
