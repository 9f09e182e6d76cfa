"""Watch cursors in the ledger: each watched source's validators and seen posts, as JSON.

`skyledger watch` keeps one row per source here, so the ledger that holds a source's
documents also knows what of that source it has already read; a restart or a second
machine on the same PostgreSQL ledger goes on where the last poll stopped.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, Column, Connection, Table, Text, select, update, insert

from skyledger.store.tables import metadata

watch_cursors = Table(
    "watch_cursors", metadata,
    Column("source", Text, primary_key=True),
    Column("cursor", JSON, nullable=False),
    Column("updated", Text, nullable=False),
)


def get_cursor(conn: Connection, source: str) -> dict[str, Any] | None:
    """The stored cursor of `source`, or None when it was never polled."""
    return conn.execute(select(watch_cursors.c.cursor).where(watch_cursors.c.source == source)).scalar_one_or_none()


def put_cursor(conn: Connection, source: str, cursor: dict[str, Any]) -> None:
    """Replace (or create) the cursor of `source`."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    done = conn.execute(update(watch_cursors).where(watch_cursors.c.source == source)
                        .values(cursor=cursor, updated=now))
    if done.rowcount == 0:
        conn.execute(insert(watch_cursors).values(source=source, cursor=cursor, updated=now))
