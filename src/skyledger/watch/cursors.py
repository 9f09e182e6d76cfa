"""Per-source cursors: what the watcher has seen of each source, and when to ask it again.

The watcher needs only `CursorStore.get` and `CursorStore.put`; a cursor converts to and from
a JSON object, so any store that keeps one JSON value per source name will do: a file here
(`watch --print`), the ledger in `watch.ledger.LedgerCursors`.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import platformdirs

logger = logging.getLogger(__name__)

MAX_SEEN = 5000


@dataclass(frozen=True, slots=True)
class Cursor:
    """The state of one source between polls.

    `seen` maps each post key (post id, else url) to the hash of the text last passed on, in
    the order first seen, so an edited post is passed on again and old keys age out.
    `etag`/`last_modified` are the validators of the last good answer; `failures` counts
    failed polls in a row and `retry_at` (Unix time) is when the back-off ends.
    """

    etag: str | None = None
    last_modified: str | None = None
    seen: Mapping[str, str] = field(default_factory=dict)
    failures: int = 0
    retry_at: float | None = None
    last_polled: float | None = None

    def to_json(self) -> dict[str, Any]:
        """The cursor as a JSON object."""
        return {"etag": self.etag, "last_modified": self.last_modified, "seen": dict(self.seen),
                "failures": self.failures, "retry_at": self.retry_at, "last_polled": self.last_polled}

    @classmethod
    def from_json(cls, data: object) -> Cursor:
        """A cursor from its JSON object; fields that are missing or of the wrong type are dropped."""
        if not isinstance(data, dict):
            return cls()
        seen = data.get("seen")
        return cls(
            etag=_opt(data.get("etag"), str),
            last_modified=_opt(data.get("last_modified"), str),
            seen={k: v for k, v in seen.items() if isinstance(k, str) and isinstance(v, str)}
            if isinstance(seen, dict) else {},
            failures=data["failures"] if isinstance(data.get("failures"), int) else 0,
            retry_at=_opt(data.get("retry_at"), (int, float)),
            last_polled=_opt(data.get("last_polled"), (int, float)),
        )


def _opt(value: object, kind: type | tuple[type, ...]) -> Any:
    return value if isinstance(value, kind) and not isinstance(value, bool) else None


class CursorStore(Protocol):
    """Where cursors live between polls and between runs."""

    def get(self, source: str) -> Cursor | None:
        """The cursor of a source, or None if it was never polled."""

    def put(self, source: str, cursor: Cursor) -> None:
        """Replace the cursor of a source (durably, before returning)."""


def default_state_path() -> Path:
    """The JSON cursor file in the user's data directory."""
    return Path(platformdirs.user_data_dir("skyledger", appauthor=False)) / "watch-state.json"


class StateError(Exception):
    """The state file cannot be read or written (a directory in the way, no permission, disk full)."""


class JsonCursorStore:
    """All cursors in one JSON file, rewritten atomically (temporary file, fsync, rename).

    An unreadable file is set aside (renamed with a `.corrupt` suffix) and the watcher starts
    afresh rather than failing: the cost is that each source's items are passed on again.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._cursors = self._load()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StateError(f"{self.path}: cannot keep the state there ({exc.strerror or exc})") from None
        if self.path.is_dir() or not os.access(self.path.parent, os.W_OK):
            raise StateError(f"{self.path}: cannot keep the state there (not a writable file location)")

    def get(self, source: str) -> Cursor | None:
        data = self._cursors.get(source)
        return None if data is None else Cursor.from_json(data)

    def put(self, source: str, cursor: Cursor) -> None:
        self._cursors[source] = cursor.to_json()
        self._write()

    def _load(self) -> dict[str, Any]:
        try:
            text = self.path.read_text("utf-8")
        except FileNotFoundError:
            return {}
        except UnicodeDecodeError:
            text = ""  # not text at all: set aside below like any unreadable state
        except OSError as exc:
            raise StateError(f"{self.path}: cannot read the state ({exc.strerror or exc})") from None
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or not isinstance(data.get("sources"), dict):
                raise ValueError("no sources object")
        except ValueError as exc:
            aside = self.path.with_name(self.path.name + ".corrupt")
            os.replace(self.path, aside)
            logger.warning("%s: unreadable state (%s); moved to %s, starting afresh", self.path, exc, aside)
            return {}
        return dict(data["sources"])

    def _write(self) -> None:
        try:
            self._replace()
        except OSError as exc:
            raise StateError(f"{self.path}: cannot write the state ({exc.strerror or exc})") from None

    def _replace(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps({"version": 1, "sources": self._cursors}, ensure_ascii=False, indent=1)
        fd, tmp = tempfile.mkstemp(prefix=self.path.name, suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
