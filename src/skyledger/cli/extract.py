"""`skyledger extract`: print the contract's lines (or a readable table) for documents."""

from __future__ import annotations

import sys

import click

from skyledger.cli.table import print_table
from skyledger.contract import to_line
from skyledger.ingest import read_sources
from skyledger.pipeline import run


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default=None,
              help="jsonl: one contract line per document (default when piped); "
                   "table: a readable summary (default on a terminal).")
@click.option("--max-bytes", type=int, default=20_000_000, show_default=True,
              help="Refuse inputs larger than this.")
def extract_cmd(paths: tuple[str, ...], fmt: str | None, max_bytes: int) -> None:
    """Extract aerial incidents and disruptions from reports.

    PATHS are plain-text files, HTML pages, .jsonl batches (one
    {"id", "text", "published"?, "lang"?, "url"?} object per line) or - for
    standard input. Each document gives one JSON line following the output
    contract; a document that cannot be read gives a line with an "error".
    The exit code is 1 only when no input could be read.

    Example:

        skyledger extract report.txt --format table

        skyledger extract batch.jsonl > facts.jsonl

        echo "Air defences destroyed 12 drones over the Bryansk region last night." | skyledger extract -
    """
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    stdin = sys.stdin.buffer if "-" in paths else None
    results = run(read_sources(paths, stdin=stdin, max_bytes=max_bytes))
    ok = failed = 0
    collected = []
    for ex in results:
        if ex.error is not None:
            failed += 1
            click.echo(f"skyledger: {ex.error.message}", err=True)
        else:
            ok += 1
        if fmt == "jsonl":
            click.echo(to_line(ex))
        else:
            collected.append(ex)
    if fmt == "table":
        print_table(collected)
    if ok == 0:
        sys.exit(1)
