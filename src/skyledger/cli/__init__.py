"""The `skyledger` command line: a click group whose commands call library functions."""

from __future__ import annotations

import logging

import click

from skyledger import __version__, engine
from skyledger.cli.db import db_group
from skyledger.cli.export import export_cmd
from skyledger.cli.extract import extract_cmd
from skyledger.cli.ingest import ingest_cmd
from skyledger.cli.ledger import incidents_cmd, show_cmd
from skyledger.cli.serve import serve_cmd, token_group
from skyledger.cli.stats import stats_cmd
from skyledger.cli.watch import watch_cmd


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="skyledger",
                      message=f"%(prog)s %(version)s (extraction engine: {engine.build().describe()})")
@click.option("-v", "--verbose", is_flag=True, help="Log progress and diagnostics to stderr.")
def main(verbose: bool) -> None:
    """skyledger: a ledger of aerial incidents and their civilian fallout, built from reports."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="skyledger: %(levelname)s: %(message)s")


for command in (extract_cmd, ingest_cmd, incidents_cmd, show_cmd, stats_cmd, export_cmd, db_group, watch_cmd,
                serve_cmd, token_group):
    main.add_command(command)
