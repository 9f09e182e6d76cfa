"""Where the watcher sends new items: anything with `accept(item)`.

Here the sink that extracts each item and prints the contract's line, as
`skyledger extract --format jsonl` does (`watch --print`); the ledger's sink is
`watch.ledger.LedgerSink`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from skyledger.contract import to_line
from skyledger.model import RawItem
from skyledger.pipeline import run


class Sink(Protocol):
    """Receives each new item once; raising makes the watcher keep the source's cursor as it was."""

    def accept(self, item: RawItem) -> None:
        """Take one new (or newly edited) item."""


class ExtractionPrinter:
    """Extract every item and write its contract line (JSON, one per line)."""

    def __init__(self, write: Callable[[str], object]) -> None:
        self.write = write

    def accept(self, item: RawItem) -> None:
        for extraction in run([item]):
            self.write(to_line(extraction))
