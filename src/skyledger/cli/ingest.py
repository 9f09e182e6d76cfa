"""`skyledger ingest`: read reports, extract, store and resolve them into the ledger."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import click
from sqlalchemy.exc import SQLAlchemyError
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from skyledger.cli.options import db_option, open_ledger
from skyledger.ingest.folder import read_tree
from skyledger.model import RawItem, ReadError
from skyledger.store import Ledger, Written
from skyledger.store.ingest import store_item


@dataclass
class Tally:
    """What an ingest run did so far; ledger ids are tracked so a batch counts each once."""

    new: int = 0
    known: int = 0
    failed: int = 0
    created: set[str] = field(default_factory=set)
    updated: set[str] = field(default_factory=set)

    def add(self, written: Written) -> None:
        """Count one stored document and the ledger incidents it created or changed."""
        if not written.new:
            self.known += 1
            return
        self.new += 1
        self.created |= written.created
        self.updated |= written.updated - self.created
        self.created -= written.removed
        self.updated -= written.removed

    def summary(self) -> str:
        """The closing lines: documents new / already known / failed, incidents created / updated."""
        return (f"documents: {self.new} new, {self.known} already known, {self.failed} failed\n"
                f"ledger incidents: {len(self.created)} created, {len(self.updated)} updated")


class _StopRequest:
    """Ctrl-C or SIGTERM asks the run to stop after the document in hand; a second one stops at once."""

    def __init__(self) -> None:
        self.requested = False

    def __call__(self, _signum: int, _frame: object) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        click.echo("skyledger: stopping after the current document (interrupt again to stop at once)", err=True)


@contextmanager
def _stop_between_documents() -> Iterator[_StopRequest]:
    """Install the stop request for SIGINT and SIGTERM while the batch runs.

    A signal that lands inside a database call would interrupt the driver mid-query
    (PostgreSQL then cancels it and the rollback itself may fail); deferring the stop
    to the gap between documents ends every run the same way: the document in hand is
    stored or not at all, the summary is printed, the exit status is 130.
    """
    stop = _StopRequest()
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def ingest_items(ledger: Ledger, items: Iterable[RawItem | ReadError], tally: Tally,
                 on_item: Callable[[], None] = lambda: None,
                 stop: Callable[[], bool] = lambda: False) -> bool:
    """Store every item; unreadable ones are reported on stderr and the batch goes on.

    Returns False when `stop` asked for an end before the items ran out.
    """
    for item in items:
        if isinstance(item, ReadError):
            tally.failed += 1
            click.echo(f"skyledger: {item.message}", err=True)
        else:
            _ingest_one(ledger, item, tally)
        on_item()
        if stop():
            return False
    return True


def _ingest_one(ledger: Ledger, item: RawItem, tally: Tally) -> None:
    """Store one item unless known; a failure is reported on stderr."""
    stored = store_item(ledger, item)
    if stored.status == "failed":
        tally.failed += 1
        click.echo(f"skyledger: {stored.message}", err=True)
    elif stored.written is not None:
        tally.add(stored.written)
    else:
        tally.known += 1


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--max-bytes", type=int, default=20_000_000, show_default=True,
              help="Refuse inputs larger than this.")
def ingest_cmd(paths: tuple[str, ...], db: str | None, max_bytes: int) -> None:
    """Store reports in the ledger and resolve them into incidents.

    PATHS are files (plain text, HTML, .jsonl batches), folders (read file by
    file; a manifest.jsonl there gives ids and publication times) or - for
    standard input. Each document is stored in its own transaction with its
    extracted incidents, and the ledger incidents it touches are resolved
    again. A document already stored (same content hash) changes nothing.

    Example:

        skyledger ingest reports/ batch.jsonl

        skyledger ingest src/skyledger/examples --db ledger.db
    """
    stdin = sys.stdin.buffer if "-" in paths else None
    tally = Tally()
    items = read_tree(paths, stdin=stdin, max_bytes=max_bytes)
    interrupted = False
    with open_ledger(db) as ledger, _stop_between_documents() as stop:
        try:
            if sys.stderr.isatty():
                with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                              console=Console(stderr=True), transient=True) as progress:
                    task = progress.add_task("ingesting", total=None)

                    def tick() -> None:
                        progress.update(task, description=f"ingesting: {tally.new} new, "
                                        f"{tally.known} known, {tally.failed} failed")
                    finished = ingest_items(ledger, items, tally, tick, lambda: stop.requested)
            else:
                finished = ingest_items(ledger, items, tally, stop=lambda: stop.requested)
            interrupted = not finished
        except KeyboardInterrupt:
            interrupted = True
        except SQLAlchemyError as exc:
            if not isinstance(exc.__context__, KeyboardInterrupt):  # a second interrupt inside a query
                raise
            interrupted = True
    click.echo(tally.summary())
    if interrupted:
        click.echo("skyledger: interrupted; every document counted as new is stored", err=True)
        sys.exit(130)
    if tally.new + tally.known == 0 and tally.failed:
        sys.exit(1)
