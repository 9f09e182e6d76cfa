"""`skyledger watch`: poll feeds and Telegram channel previews, pass on what is new.

Two small interfaces connect it to the rest: a `Sink` receives new RawItems, a `CursorStore`
keeps per-source state (`get`/`put` of a `Cursor`, a JSON object).
"""

from __future__ import annotations

from skyledger.watch.config import ConfigError, SourceConfig, WatchConfig, load_config
from skyledger.watch.cursors import Cursor, CursorStore, JsonCursorStore, default_state_path
from skyledger.watch.sinks import ExtractionPrinter, Sink
from skyledger.watch.watcher import PollResult, Watcher, backoff, summary

__all__ = [
    "ConfigError", "Cursor", "CursorStore", "ExtractionPrinter", "JsonCursorStore", "PollResult",
    "Sink", "SourceConfig", "WatchConfig", "Watcher", "backoff", "default_state_path",
    "load_config", "summary",
]
