"""`skyledger watch`: poll the sources of a SOURCES.toml and ingest what is new into the ledger."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from skyledger.cli.options import db_option, open_ledger, safe_url
from skyledger.store import database_url
from skyledger.watch import (
    ConfigError,
    ExtractionPrinter,
    JsonCursorStore,
    Watcher,
    default_state_path,
    load_config,
    summary,
)
from skyledger.watch.config import WatchConfig
from skyledger.watch.cursors import CursorStore, StateError
from skyledger.watch.ledger import LedgerCursors, LedgerSink
from skyledger.watch.sinks import Sink


@click.command("watch")
@click.argument("sources", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--once", is_flag=True,
              help="Poll every source once (except those backing off after failures) and exit.")
@db_option
@click.option("--print", "print_lines", is_flag=True,
              help="Print the contract's JSON lines instead of storing them in the ledger.")
@click.option("--state", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="With --print: the JSON file keeping each source's cursor "
                   "[default: in the user data directory].")
def watch_cmd(sources: Path, once: bool, db: str | None, print_lines: bool, state: Path | None) -> None:
    """Watch RSS/Atom feeds and Telegram channel previews for new posts.

    SOURCES is a TOML file with one [[source]] table per feed (url = "...") or
    public channel (telegram = "username"), each with an optional interval in
    seconds. New and edited posts are extracted and stored in the ledger (the
    embedded default or --db), which also keeps each source's cursor; with
    --print they are printed as the contract's JSON lines instead, like
    `skyledger extract --format jsonl`. What the watcher does is logged on
    stderr. Conditional requests (ETag,
    Last-Modified) keep polls cheap; a failing source is retried with
    exponential back-off (longer if the server sends Retry-After) while the
    others go on.

    Example:

        skyledger watch sources.toml

        skyledger watch sources.toml --once --print >> facts.jsonl
    """
    if state is not None and not print_lines:
        raise click.UsageError("--state applies with --print; without it the cursors live in the ledger")
    try:
        config = load_config(sources)
    except ConfigError as exc:
        click.echo(f"skyledger: {exc}", err=True)
        sys.exit(2)
    _log_to_stderr()
    if print_lines:
        store_path = state or default_state_path()
        try:
            _watch(config, JsonCursorStore(store_path), ExtractionPrinter(click.echo), once,
                   f"state in {store_path}")
        except StateError as exc:
            click.echo(f"skyledger: {exc}", err=True)
            sys.exit(2)
        return
    with open_ledger(db) as ledger:
        _watch(config, LedgerCursors(ledger), LedgerSink(ledger), once, f"ledger {safe_url(database_url(db))}")


def _watch(config: WatchConfig, cursors: CursorStore, sink: Sink, once: bool, where: str) -> None:
    log = logging.getLogger("skyledger.watch")
    log.info("watching %d source(s); %s", len(config.sources), where)
    watcher = Watcher(config, cursors, sink)
    try:
        if once:
            log.info("round done: %s", summary(watcher.run_round(due_only=False)))
        else:
            watcher.run_forever()
    except KeyboardInterrupt:
        log.info("stopped")
    finally:
        watcher.client.close()


def _log_to_stderr() -> None:
    """Show the watcher's INFO lines even without -v: logging what it did is its job."""
    logger = logging.getLogger("skyledger.watch")
    if logger.getEffectiveLevel() > logging.INFO:
        logger.setLevel(logging.INFO)
