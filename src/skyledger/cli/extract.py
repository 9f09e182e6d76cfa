"""`skyledger extract`: print the contract's lines (or a readable table) for documents."""

from __future__ import annotations

import itertools
import sys

import click

from skyledger.cli.table import print_table
from skyledger.contract import to_line
from skyledger.ingest import DEFAULT_MAX_DOC_CHARS, read_sources
from skyledger.ingest.examples import bundled_examples
from skyledger.pipeline import run


@click.command("extract")
@click.argument("paths", nargs=-1)
@click.option("--examples", "examples", is_flag=True,
              help="Also read the bundled example reports (with their publication times).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default=None,
              help="jsonl: one contract line per document (default when piped); "
                   "table: a readable summary (default on a terminal).")
@click.option("--max-bytes", type=int, default=20_000_000, show_default=True,
              help="Refuse inputs larger than this.")
@click.option("--max-doc-chars", type=int, default=DEFAULT_MAX_DOC_CHARS, show_default=True,
              help="Refuse single documents (a post, an entry, a page) longer than this.")
def extract_cmd(paths: tuple[str, ...], examples: bool, fmt: str | None, max_bytes: int, max_doc_chars: int) -> None:
    """Extract aerial incidents and disruptions from reports.

    PATHS are plain-text files, HTML pages, Telegram Desktop exports
    (result.json), saved Telegram channel previews (t.me/s/<channel> pages),
    RSS/Atom feeds, .jsonl batches (one {"id", "text", "published"?,
    "lang"?, "url"?} object per line) or - for standard input; the kind is
    recognised from the content. Each document (a message, a post, an entry)
    gives one JSON line following the output contract, with its "source"
    (channel or feed, url, post id, author); a document that cannot be read
    gives a line with an "error", and the rest of the batch goes on. The exit
    code is 1 only when no input could be read.

    Example:

        skyledger extract report.txt --format table

        skyledger extract --examples

        skyledger extract batch.jsonl > facts.jsonl

        echo "Air defences destroyed 12 drones over the Bryansk region last night." | skyledger extract -
    """
    if not paths and not examples:
        raise click.UsageError("give at least one PATH (or - for standard input), or --examples")
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    stdin = sys.stdin.buffer if "-" in paths else None
    items = read_sources(paths, stdin=stdin, max_bytes=max_bytes, max_doc_chars=max_doc_chars)
    if examples:
        items = itertools.chain(bundled_examples(), items)
    results = run(items)
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
